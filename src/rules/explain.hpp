#pragma once
// Why an alert fired (docs/rules.md, "Explanations"): what the evaluator marked while the
// condition held (Marks, bounded, no allocation per event), turned into the alert's Explanation
// when it fires (the only place that allocates).
#include <string>

#include "evaluator.hpp"

namespace herald::rules::detail {

// Writes the expression of node n as the rules language spells it ("entity.sentiment.score",
// "count(2h)", "metric(\"revenue\").change.percent", "a + b"), at most about kMaxReadBytes.
inline constexpr size_t kMaxReadBytes = 160;
void describe_node(const Rule& r, int32_t n, std::string& out);

// Fills a.explanation from what ev marked for this evaluation, and the window event ids from the
// key's rings (ev.rings). The sentiment terms are the caller's (app::SentimentTerms).
void fill_explanation(Alert& a, const Rule& r, const EventContext& ctx, const Evaluator& ev);

}  // namespace herald::rules::detail
