#pragma once
// The human parts of an alert: the summary text and the evidence sentences. Only called when
// an alert fires, so these may allocate.
#include <string>
#include <vector>

#include "evaluator.hpp"

namespace herald::rules::detail {

void render_summary(const Rule& rule, const KeyView& key, const EventContext& ctx, Evaluator& ev, std::string& out);

// Sentences holding the matched metrics and text matches; the headline (or first sentence) when
// the condition matched nothing specific, such as a sentiment threshold.
void collect_evidence(const EventContext& ctx, const Marks& marks, std::vector<analysis::Span>& out);

// "28", "0.78", "-12.5": at most two decimals, trailing zeros dropped.
void append_number(std::string& out, double v);
// "37.6B", "850M", "12.3K" for money-sized values; plain numbers below 1,000.
void append_scaled(std::string& out, double v);

}  // namespace herald::rules::detail
