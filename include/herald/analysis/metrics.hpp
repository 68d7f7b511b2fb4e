#pragma once
// Financial metrics: quantities classified by what they measure (revenue, backlog, EPS ...),
// attributed to an entity, a period, a change and a forecast flag.
//
//   herald::analysis::MetricExtractor m;
//   m.extract(doc, mentions, quantities, metrics);
#include <vector>

#include "herald/analysis/analysis.hpp"
#include "herald/analysis/document.hpp"
#include "herald/analysis/entities.hpp"

namespace herald::analysis {

class MetricExtractor {
public:
    void extract(const Document& doc, const std::vector<Mention>& mentions, const std::vector<Quantity>& quantities,
                 std::vector<Metric>& out);
};

}  // namespace herald::analysis
