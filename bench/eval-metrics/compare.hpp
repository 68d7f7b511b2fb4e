#pragma once
// Field-by-field comparison of a herald metric with a gold one (../shared/data/metrics-guideline.md).
#include <string>
#include <vector>

#include "figure.hpp"

namespace eval_metrics {

enum FieldId { kKind, kValue, kEntity, kChange, kPeriod, kForecast, kFieldCount };
inline constexpr const char* kFieldNames[kFieldCount] = {"kind",   "value",  "entity-or-segment",
                                                          "change", "period", "forecast"};

struct Verdict {
    bool right[kFieldCount] = {};
    bool all() const {
        for (bool r : right)
            if (!r) return false;
        return true;
    }
    bool kind_value() const { return right[kKind] && right[kValue]; }
};

// The companies herald found in the event (canonical name, ticker): a company total is right when
// herald names the gold's company by one of its names ("Alphabet" for "Google"), not by a
// segment that carries the company's ticker ("Google Cloud").
struct Company {
    std::string name, ticker;
};
using Companies = std::vector<Company>;

Verdict compare(const Figure& pred, const Figure& gold, const Companies& companies = {});

// Exposed for the unit test.
bool near(double a, double b);
bool entity_match(const std::string& pred, const std::string& gold);
std::string normalize_period(const std::string& p);  // "Q3 FY26" -> "Q3 2026", "fiscal 2026" -> "FY2026"
bool same_span(const Figure& pred, const Figure& gold);

}  // namespace eval_metrics
