#pragma once
// Reporting periods written in a sentence, normalized to the forms an analyst writes: "Q1 2026",
// "first quarter of 2010" -> "Q1 2010", "fiscal 2026 third quarter" / "Q3 FY26" -> "Q3 2026",
// "January-September 2009" -> "9M 2009", "fiscal 2025" / "in 2025" / "2025 capex" / "year ending
// March 2025" -> "FY2025", "full year" -> "FY", "in September" -> "Sep", "the quarter" -> "quarter".
// Periods relative to the report ("next quarter", "this year") and the ones a sentence leaves out
// are settled per event by complete(): the headline's or summary's report period, the year the
// item states.
#include <cstdint>
#include <string_view>
#include <vector>

#include "herald/analysis/analysis.hpp"
#include "herald/analysis/document.hpp"

namespace herald::analysis::periods {

struct Found {
    Period period;
    uint32_t token = 0;   // first token of the expression
    bool after_by = false;  // "by Q1 2028": a target date, so the figure is a projection
    bool prior = false;     // "from $9B in 2024", "compared with the first quarter": an earlier period
    bool target = false;    // "through 2028", "until the first half of 2027": an end date, not the report
    // "the December quarter", "September-quarter revenue": a quarter named by the month it ends
    // (1..12; 0 for any other form), and the calendar year written with it (0: none). `period`
    // holds the calendar reading ("Q4"), empty when the month ends no calendar quarter; the
    // company's fiscal calendar decides (fiscal_quarter).
    uint8_t quarter_month = 0;
    int16_t quarter_year = 0;
    uint32_t end = 0;  // one past the last token of the expression
    // "in 2025, 2024 and 2023, respectively", "for the years ended December 31, 2025 and 2024,
    // respectively": the periods of a list that pairs in order with a list of figures. list_len
    // periods (0: none), this one at list_pos.
    uint8_t list_pos = 0, list_len = 0;
};

// The period of a month-named quarter (Found::quarter_month) for the company of `ticker`: its
// fiscal quarter when the fiscal calendar table knows the company ("December quarter" at Apple:
// "Q1"), else the calendar quarter already in f.period.
Period fiscal_quarter(const Found& f, std::string_view ticker);

// The period expression in the sentence nearest to token `near`; false when there is none.
bool nearest(const Document& doc, const Sentence& s, uint32_t near, Found& out);

// Every period expression of the sentence (at most `cap`), in order; returns how many.
size_t all(const Document& doc, const Sentence& s, Found* out, size_t cap);

// The same for a caller that already tested every word with may_start in its own pass:
// expressions are looked for only at tokens t with flags[t - s.first_token] & bit.
size_t all(const Document& doc, const Sentence& s, const uint32_t* flags, uint32_t bit, Found* out, size_t cap);

// Can a word start a period expression? A word that fails cannot (the matchers' first filter).
// Keyed words (WordKey::a != 0): may_start_key, or one of kStartWords; keyless words: may_start_text.
inline constexpr std::string_view kStartWords[] = {
    "second", "six",     "third",    "three",   "twelve",   "nine",    "year",     "years",    "calendar", "next",
    "current", "this",   "coming",   "january", "march",    "april",   "may",      "june",     "july",
    "august",  "september", "october", "november", "december", "sept",  "jan",     "mar",      "apr",
    "jun",     "jul",     "aug",      "sep",     "oct",      "nov",     "dec",     "weeks"};
bool may_start_text(std::string_view word);
// First letter q/h/f (Q1, H1, FY, first, fiscal, full) or a dash (January-September, nine-month).
// Branch-free: it runs for every keyed word of each sentence the metric reader reads.
inline bool may_start_key(const WordKey& k) {
    // The folded first byte == lower(first byte): 'f', 'h', 'q' are bits 6, 8, 17 of the bytes
    // 0x60-0x7F ('`' to DEL).
    const uint32_t c = static_cast<uint32_t>(k.a & 0xFF);
    const bool qhf = (c >> 5 == 3) & (((0x20140u >> (c & 31)) & 1u) != 0);
    constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull, kDashes = 0x2D2D2D2D2D2D2D2Dull;
    // A zero byte of x ^ kDashes is a dash (exact: the borrow test has no false positive for "any");
    // b == 0 has none.
    const uint64_t ya = k.a ^ kDashes, yb = k.b ^ kDashes;
    return qhf | (((((ya - kOnes) & ~ya) | ((yb - kOnes) & ~yb)) & kHigh) != 0);
}

// The one of `found[0..n)` nearest to token `near`, an end date (Found::target) only when there is
// no other; never an earlier period (Found::prior: it is the earlier value's); nullptr when none.
const Found* nearest_of(const Found* found, size_t n, uint32_t near);

// Settles the periods of out[from, end) once the event's metrics are known: a relative period
// ("next quarter") from the report period (the headline's or summary's, else the first reported
// figure's); a year from the item's text when the sentence leaves it out ("Q3" -> "Q3 2026";
// guidance for an earlier quarter than the report's is next year's); the report period for an
// actual figure whose sentence states none, unless the kind is no result of a period (deal value,
// price target, buyback, dividend, job cuts). The item's year is the one its report periods state
// (the headline's, the summary's, the figures'): a year written for something else ("since 2019")
// or only in a date is not the report's.
void complete(const Document& doc, std::vector<Metric>& out, size_t from);

}  // namespace herald::analysis::periods
