#pragma once
// Reporting periods written in a sentence, normalized: "Q1 2026", "first quarter of 2010" -> "Q1 2010",
// "January-September 2009" -> "9M 2009", "fiscal 2025" -> "FY2025", "full year" -> "FY", "the quarter" -> "quarter".
#include <cstdint>

#include "herald/analysis/analysis.hpp"
#include "herald/analysis/document.hpp"

namespace herald::analysis::periods {

struct Found {
    Period period;
    uint32_t token = 0;   // first token of the expression
    bool after_by = false;  // "by Q1 2028": a target date, so the figure is a projection
};

// The period expression in the sentence nearest to token `near`; false when there is none.
bool nearest(const Document& doc, const Sentence& s, uint32_t near, Found& out);

// Every period expression of the sentence (at most `cap`), in order; returns how many.
size_t all(const Document& doc, const Sentence& s, Found* out, size_t cap);

// The one of `found[0..n)` nearest to token `near`; nullptr when n == 0.
const Found* nearest_of(const Found* found, size_t n, uint32_t near);

}  // namespace herald::analysis::periods
