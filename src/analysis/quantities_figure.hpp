#pragma once
// One figure read from the raw field bytes (a number with its currency, sign and scale) and the
// readers around it (qualifier, range, "plus"): what FieldScanner assembles into quantities.
#include <cstddef>
#include <span>
#include <string_view>

#include "herald/analysis/quantities.hpp"
#include "numbers.hpp"
#include "quantities_units.hpp"

namespace herald::analysis::qfigures {

using num::Decimal;

// One number with the currency sign, sign and scale written around it. parse_figure resets each
// field by name: a new field is reset there too.
struct Figure {
    Decimal d;
    size_t begin = 0;  // first byte incl. currency sign, minus or "("
    size_t end = 0;    // after the scale word (or the number)
    bool negative = false;
    bool paren = false;
    bool has_prefix = false;
    Unit prefix_unit;
    bool has_scale = false;
    units::Scale scale;
};

// The length of a minus sign (or dash) right before s[at] that signs the number, else 0.
size_t minus_before(std::string_view s, size_t at);

// A unit or scale right at s[j] (after a figure): a decimal comma before it is one, not a list.
bool unit_or_scale_at(std::string_view s, size_t j);

// "EUR 44.1 ( 39.2 ) million": a scale after a bracketed earlier figure applies to both. Returns the
// scale and where the bracketed number starts (0 when the figure is not followed so).
size_t bracket_scale(std::string_view s, size_t end, units::Scale& sc);

bool parse_figure(std::string_view s, size_t i, Figure& f);

// Nouns that make a scaled bare number a count, not money: "3 million shares".
bool count_noun_at(std::string_view s, size_t i);

Qualifier qualifier_before(std::string_view s, size_t begin);

// The words before a figure that qualify it ("more than", "about", "up to"), for tests.
struct QualifierPhrase {
    std::string_view w;
    Qualifier q;
};
std::span<const QualifierPhrase> qualifier_phrases();

// "+", "-plus" or " plus" right after a figure: its end, else 0.
size_t plus_after(std::string_view s, size_t e);

// "$3.00-3.15", "$2.52-2.62 a share", "€10.40-11.00": a currency figure and a bare one after it
// written with the same decimals, rising by less than half: a range of per-share amounts
// ("$3.00-2026" or "$5-100" are none).
bool prefix_range(const Figure& a, const Figure& b);

// Four digits from 1900 to 2100 written bare: a year, not a figure that starts a range.
bool year_like(const Figure& f);

// Where a range's second figure starts after "-", "–", "to" or "and" (after "between"), else 0.
size_t range_second(std::string_view s, size_t after, size_t first_begin, bool first_has_unit);

}  // namespace herald::analysis::qfigures
