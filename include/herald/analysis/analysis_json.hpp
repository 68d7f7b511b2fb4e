#pragma once
// The `herald analyze` output line for one event (docs/contracts.md "Analysis").
//
//   std::string line;
//   herald::analysis::append_analysis_json(line, event, analysis);  // no trailing newline
#include <string>

#include "herald/analysis/analysis.hpp"
#include "herald/analysis/event.hpp"
#include "herald/analysis/sentiment.hpp"
#include "herald/core/json_writer.hpp"

namespace herald::analysis {

// `explain` non-null adds an "explain" array (per sentence: span, score, terms).
void append_analysis_json(std::string& out, const Event& event, const Analysis& analysis,
                          const Explanation* explain = nullptr);
// One metric / quantity object, shared with the alert format.
void write_metric_json(core::JsonWriter& w, const Metric& m);
void write_quantity_json(core::JsonWriter& w, const Quantity& q);
void write_sentiment_json(core::JsonWriter& w, const Sentiment& s);
// One corporate event object ({"type", "polarity", "company", "ticker", ...}; docs/events-taxonomy.md).
void write_corporate_event_json(core::JsonWriter& w, const CorporateEvent& e, const Analysis& a);

}  // namespace herald::analysis
