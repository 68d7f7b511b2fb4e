#pragma once
// Whose a metric is when its sentence names no company the alias table knows: the headline's
// subject, a brand's owner, an analyst note's covered company, or a capitalised name the headline
// also writes (metrics_names.cpp).
#include <vector>

#include "herald/analysis/analysis.hpp"
#include "herald/analysis/document.hpp"
#include "herald/analysis/entities.hpp"

namespace herald::analysis::metric_names {

// Fills the entity (and ticker) of metrics [from, out.size()) that have neither entity nor segment.
void missing_entities(const Document& doc, const std::vector<Mention>& mentions, std::vector<Metric>& out, size_t from);

}  // namespace herald::analysis::metric_names
