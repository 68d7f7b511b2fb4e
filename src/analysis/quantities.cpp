// Money, percentage and basis-point figures, read from the raw field bytes: the tokenizer
// splits "$37.6B", "EUR1 .4 m" and "3.3-percent" in ways that are easier to reassemble here.
// One forward pass per field; a figure is a number plus whatever currency sign, scale word and
// unit surround it. Bare numbers (years, counts, "15 quarters") are not quantities.
#include "herald/analysis/quantities.hpp"

#include <cstdint>
#include <utility>

#include "numbers.hpp"
#include "quantities_units.hpp"
#include "quantities_words.hpp"

namespace herald::analysis {

namespace {

using num::Decimal;

// One number with the currency sign, sign and scale written around it.
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

size_t minus_before(std::string_view s, size_t at) {
    // Every dash ends in '-' or the last byte of "–" (E2 80 93) or "−" (E2 88 92): one test
    // answers the usual case (a space or a letter) for every number.
    if (at == 0) return 0;
    const unsigned char last = static_cast<unsigned char>(s[at - 1]);
    if (last != '-' && last != 0x93 && last != 0x92) return 0;
    for (size_t len : {size_t{1}, size_t{3}}) {
        if (at >= len && num::dash_at(s, at - len) == len) {
            size_t b = at - len;
            if (b == 0 || num::is_space(s[b - 1]) || s[b - 1] == '(') return len;
        }
    }
    return 0;
}

// A unit or scale right at s[j] (after a figure): a decimal comma before it is one, not a list.
bool unit_or_scale_at(std::string_view s, size_t j) {
    units::Scale sc;
    return units::scale_at(s, j, false, sc) || units::suffix_at(s, j).kind != units::SuffixKind::none;
}

// "EUR 44.1 ( 39.2 ) million": a scale after a bracketed earlier figure applies to both. Returns the
// scale and where the bracketed number starts (0 when the figure is not followed so).
size_t bracket_scale(std::string_view s, size_t end, units::Scale& sc) {
    size_t k = num::skip_spaces(s, end);
    if (k >= s.size() || s[k] != '(') return 0;
    const size_t at = num::skip_spaces(s, k + 1);
    num::Decimal inner;
    if (at >= s.size() || !num::is_digit(s[at]) || !num::parse_decimal(s, at, inner)) return 0;
    size_t c = num::skip_spaces(s, inner.end);
    if (c >= s.size() || s[c] != ')') return 0;
    const size_t w = num::skip_spaces(s, c + 1);
    if (!units::scale_at(s, w, false, sc) || sc.single_letter) return 0;
    return at;
}

bool parse_figure(std::string_view s, size_t i, Figure& f) {
    f = {};
    if (!num::parse_decimal(s, i, f.d)) return false;
    size_t b = i;
    if (size_t m = minus_before(s, b)) {
        f.negative = true;
        b -= m;
    }
    // Currency sign or code, attached ("$37.6B", "EUR1") or after one space ("USD 37.6bn").
    size_t cb = num::skip_spaces_back(s, b);
    size_t sign_begin = 0;
    int prefix_exp10 = 0;
    if (b - cb <= 3 && units::sign_before(s, cb, f.prefix_unit, sign_begin, prefix_exp10)) {
        f.has_prefix = true;
        b = sign_begin;
        if (!f.negative) {
            if (size_t m = minus_before(s, b)) {
                f.negative = true;
                b -= m;
            }
        }
    }
    // A decimal comma ("EUR 12,4 mn", "1,5 %"): only before a unit or scale, after a currency, or
    // alone in brackets ("EUR 48,6 million (41,2)": the year-earlier figure of a European report).
    if (size_t ce = num::decimal_comma_end(s, f.d)) {
        const bool bracketed = b > 0 && s[b - 1] == '(' && ce < s.size() && s[ce] == ')';
        if ((f.has_prefix || bracketed || unit_or_scale_at(s, num::skip_spaces(s, ce))) &&
            !num::append_fraction(s, f.d.end + 1, ce, f.d))
            return false;
    }
    if (b > 0 && s[b - 1] == '(' && f.d.end < s.size() && s[f.d.end] == ')') {
        f.paren = true;
        --b;
    }
    f.begin = b;
    f.end = f.d.end;
    // An exponent ("$1e9", "2.5E+6") is the figure's scale; a negative or large one is no amount.
    if (size_t x = f.d.end; x + 1 < s.size() && (s[x] == 'e' || s[x] == 'E')) {
        size_t k = x + 1 + (s[x + 1] == '+' ? 1 : 0);
        if (k < s.size() && num::is_digit(s[k])) {
            int e = 0;
            for (; k < s.size() && num::is_digit(s[k]); ++k)
                if ((e = e * 10 + (s[k] - '0')) > 15) return false;
            if (k < s.size() && num::is_alnum(s[k])) return false;
            f.has_scale = true;
            f.scale = {e, k, false};
            f.end = k;
            return true;
        }
        if (s[x + 1] == '-') return false;
    }
    size_t j = num::skip_spaces(s, f.d.end);
    bool attached = j == f.d.end;
    units::Scale sc;
    if (units::scale_at(s, j, attached, sc) && (!sc.single_letter || attached || f.has_prefix)) {
        // "3M" with no currency is a name more often than an amount; keep it only with a currency.
        f.has_scale = true;
        f.scale = sc;
        f.end = sc.end;
        return true;
    }
    if (prefix_exp10) {  // "MEUR 12.5": the code carries the scale
        f.has_scale = true;
        f.scale = {prefix_exp10, f.d.end, false};
        return true;
    }
    // A code between the number and its scale: "75 USD million", "12.5 EUR mn".
    if (j + 3 < s.size() && units::upper3(s, j)) {
        Unit u;
        const size_t w = num::skip_spaces(s, j + 3);
        if (w > j + 3 && units::iso_code(s.substr(j, 3), u) && units::scale_at(s, w, false, sc) &&
            (!f.has_prefix || f.prefix_unit == u)) {
            f.has_prefix = true;
            f.prefix_unit = u;
            f.has_scale = true;
            f.scale = sc;
            f.end = sc.end;
            return true;
        }
    }
    // Letters or digits right after the number that are no scale and no unit ("$0x1F", "$5abc",
    // "10x"): the number is part of a word, not an amount.
    if (attached && j < s.size() && num::is_alnum(s[j]) && units::suffix_at(s, j).kind == units::SuffixKind::none)
        return false;
    return true;
}

// Nouns that make a scaled bare number a count, not money: "3 million shares".
bool count_noun_at(std::string_view s, size_t i) {
    struct N { std::string_view w; };
    static constexpr N kNouns[] = {
        "shares", "people", "users", "customers", "subscribers", "units", "tons", "tonnes", "barrels", "ounces",
        "employees", "jobs", "vehicles", "cars", "devices", "homes", "passengers", "visitors", "accounts", "members",
        "copies", "downloads", "tokens", "parameters", "hours", "years", "months", "days", "times", "square",
        "words", "votes", "doses", "cases", "deaths", "streams", "views", "items", "orders", "contracts", "kilometres",
        "kilometers", "miles", "metres", "meters", "barrel", "ton", "tonne", "mw", "gw", "kw", "mwh", "gwh", "twh"};
    static constexpr auto kIndex = units::index_by_letter(kNouns, false);
    i = num::skip_spaces(s, i);
    if (i >= s.size()) return false;
    bool found = false;
    kIndex.each(s[i], [&](size_t k) { return found = num::word_at(s, i, kNouns[k].w) != 0; });
    return found;
}

Qualifier qualifier_before(std::string_view s, size_t begin) {
    size_t e = num::skip_spaces_back(s, begin);
    if (e > 0 && s[e - 1] == '~') return Qualifier::about;
    // An article may sit between: "over a $150 billion run rate" keeps "over".
    for (std::string_view art : {"a", "an"})
        if (num::word_before(s, e, art)) {
            e = num::skip_spaces_back(s, e - art.size());
            break;
        }
    struct P { std::string_view w; Qualifier q; };
    static constexpr P kPhrases[] = {
        {"more than", Qualifier::over},    {"over", Qualifier::over},         {"above", Qualifier::over},
        {"exceeding", Qualifier::over},    {"in excess of", Qualifier::over}, {"at least", Qualifier::over},
        {"upwards of", Qualifier::over},   {"north of", Qualifier::over},     {"greater than", Qualifier::over},
        {"less than", Qualifier::under},   {"under", Qualifier::under},       {"below", Qualifier::under},
        {"up to", Qualifier::under},       {"nearly", Qualifier::under},      {"almost", Qualifier::under},
        {"fewer than", Qualifier::under},  {"shy of", Qualifier::under},      {"about", Qualifier::about},
        {"around", Qualifier::about},      {"approximately", Qualifier::about}, {"roughly", Qualifier::about},
        {"some", Qualifier::about},        {"approx.", Qualifier::about},     {"approx", Qualifier::about},
        {"circa", Qualifier::about},       {"an estimated", Qualifier::about}, {"estimated", Qualifier::about},
        {"close to", Qualifier::about},    {"c.", Qualifier::about}};
    // Grouped by last letter: the phrase must end with the byte before e.
    static constexpr auto kIndex = units::index_by_letter(kPhrases, true);
    if (e == 0) return Qualifier::none;
    Qualifier q = Qualifier::none;
    kIndex.each(s[e - 1], [&](size_t k) {
        if (!num::word_before(s, e, kPhrases[k].w)) return false;
        q = kPhrases[k].q;
        return true;
    });
    return q;
}

// "+", "-plus" or " plus" right after a figure: its end, else 0.
size_t plus_after(std::string_view s, size_t e) {
    if (e < s.size() && s[e] == '+') return e + 1;
    if (e < s.size() && s[e] == '-' && num::word_at(s, e + 1, "plus")) return e + 5;
    size_t j = num::skip_spaces(s, e);
    if (j > e && num::word_at(s, j, "plus")) {
        size_t k = num::skip_spaces(s, j + 4);
        if (k < s.size() && (num::is_digit(s[k]) || s[k] == '$' || num::is_upper(s[k]))) return 0;  // "$5B plus $2B"
        return j + 4;
    }
    return 0;
}

// "$3.00-3.15", "$2.52-2.62 a share", "€10.40-11.00": a currency figure and a bare one after it
// written with the same decimals, rising by less than half: a range of per-share amounts
// ("$3.00-2026" or "$5-100" are none).
bool prefix_range(const Figure& a, const Figure& b) {
    if (!a.has_prefix || a.has_scale || b.has_scale || a.d.decimals != b.d.decimals || a.d.decimals == 0) return false;
    return b.d.mantissa > a.d.mantissa && b.d.mantissa <= a.d.mantissa + a.d.mantissa / 2;
}

// Where a range's second figure starts after "-", "–", "to" or "and" (after "between"), else 0.
size_t range_second(std::string_view s, size_t after, size_t first_begin, bool first_has_unit) {
    size_t k = num::skip_spaces(s, after);
    size_t conn_end = 0;
    if (size_t dl = num::dash_at(s, k)) {
        conn_end = k + dl;
    } else if (num::word_at(s, k, "to") || num::word_at(s, k, "and")) {
        bool is_and = num::word_at(s, k, "and") != 0;
        size_t pb = num::skip_spaces_back(s, first_begin);
        bool from = num::word_before(s, pb, "from");
        bool between = num::word_before(s, pb, "between");
        if (is_and ? !between : (from || first_has_unit)) return 0;
        conn_end = k + (is_and ? 3 : 2);
    } else {
        return 0;
    }
    size_t j = num::skip_spaces(s, conn_end);
    if (j < s.size() && num::is_digit(s[j])) return j;
    // A repeated currency: "$1.2-$1.5 billion", "EUR 10-EUR 12 mn".
    size_t d = j;
    while (d < s.size() && d < j + 5 && !num::is_digit(s[d]) && !num::is_space(s[d])) ++d;
    d = num::skip_spaces(s, d);
    Unit u;
    size_t sb = 0;
    if (d < s.size() && num::is_digit(s[d]) && units::sign_before(s, num::skip_spaces_back(s, d), u, sb) && sb == j)
        return d;
    return 0;
}

struct LastMoney {
    bool set = false;
    Unit unit;
    int exp10 = 0;
    Field field = Field::text;
    size_t end = 0;
};

// True when a sentence ends in s[from, to): ". " (or "!", "?") before a capital, or a line break.
// A currency is carried over only within a sentence ("Sales were $5 million. Nokia sold 3 million
// phones": the phones are no dollars).
bool sentence_break(std::string_view s, size_t from, size_t to) {
    for (size_t k = from; k < to; ++k) {
        const char c = s[k];
        if (c == '\n') return true;
        if ((c == '.' || c == '!' || c == '?') && k + 1 < to && num::is_space(s[k + 1])) {
            const size_t j = num::skip_spaces(s, k + 1);
            if (j < s.size() && num::is_upper(s[j])) return true;
        }
    }
    return false;
}

// The previous quantity of the field: a bracketed figure right after it is its conversion or
// comparison ("EUR 46 million ( USD 64.5 m )", "EUR 44.1 mn ( 39.2 )"), never a negative amount.
struct Previous {
    bool set = false;
    size_t end = 0;
    Unit unit;
    int exp10 = 0;
    size_t bracket_at = 0;  // where a bracketed figure whose scale follows the bracket starts
    int bracket_exp10 = 0;
};

class FieldScanner {
public:
    FieldScanner(Field f, std::string_view s, std::vector<Quantity>& out, LastMoney& last, size_t limit,
                 qwords::WordFigures words)
        : f_(f), s_(s), out_(out), last_(last), limit_(limit), words_(words) {}

    // False when the document's figure limit stopped the scan.
    bool run() {
        const size_t n = s_.size();
        size_t i = 0;
        while (i < n) {
            if (!num::is_digit(s_[i])) {
                i = num::next_digit(s_, i + 1);
                continue;
            }
            if (!emit_words_before(i)) return false;
            if (i > 0 && num::is_wordch(s_[i - 1]) && !after_han(i) && !attached_code(i) && !minus_before(s_, i)) {
                // Inside a word or a longer number: "Trainium2", "Q1", "10-K"'s digits.
                while (i < n && (num::is_alnum(s_[i]) || s_[i] == '.' || s_[i] == ',')) ++i;
                continue;
            }
            if (out_.size() >= limit_) return false;
            i = figure_at(i);
        }
        return emit_words_before(n);
    }

private:
    bool attached_code(size_t i) const {
        Unit u;
        size_t b = 0;
        return units::sign_before(s_, i, u, b);
    }

    // A digit right after a CJK character ("营收5亿元") starts a number; after "é" it is a word's.
    bool after_han(size_t i) const {
        return i >= 3 && static_cast<unsigned char>(s_[i - 3]) >= 0xE3 && static_cast<unsigned char>(s_[i - 3]) <= 0xE9;
    }

    // Figures written in words ("five billion dollars") that start before byte `limit`.
    bool emit_words_before(size_t limit) {
        qwords::WordFigure w;
        while (words_.next_before(limit, w)) {
            if (out_.size() >= limit_) return false;
            Quantity q;
            q.unit = w.unit;
            q.value = num::scaled(w.d, w.exp10);
            q.qualifier = qualifier_before(s_, w.begin);
            q.span = {f_, static_cast<uint32_t>(w.begin), static_cast<uint32_t>(w.end)};
            q.text = s_.substr(w.begin, w.end - w.begin);
            out_.push_back(q);
            prev_ = {true, w.end, w.unit, w.exp10};
            if (!w.unit.is_percent()) last_ = {true, w.unit, w.exp10, f_, w.end};
        }
        return true;
    }

    // True when the figure at a (a digit, or "(" of "(1.2)") is bracketed right after the previous
    // quantity: only spaces between that quantity's end and the "(".
    bool bracketed_after_previous(const Figure& a) const {
        if (!prev_.set) return false;
        size_t open = a.begin;
        if (!(a.paren && s_[open] == '(')) {
            open = num::skip_spaces_back(s_, a.has_prefix ? a.begin : a.d.begin);
            if (open == 0 || s_[open - 1] != '(') return false;
            --open;
        }
        return num::skip_spaces_back(s_, open) == prev_.end;
    }

    // Reads the figure at s[i] (a digit) and emits it when it has a unit; returns where to go on.
    // The second figure of a possible range is read again as the next figure when the range gave
    // no quantity ("5-5-5-...", "1-2-3": every number was parsed and its suffix read twice). It is
    // kept (parse_figure and suffix_at are pure functions of the text and a position) and reused
    // when the next figure starts there; other figures pay one compare.
    bool parse_first(size_t i, Figure& a, units::Suffix& sa) {
        if (i == second_at_) {
            a = second_;
            if (!second_ok_) return false;
            sa = second_suffix_;
            return true;
        }
        if (!parse_figure(s_, i, a)) return false;
        sa = units::suffix_at(s_, a.end);
        return true;
    }
    bool parse_second(size_t j, Figure& b, units::Suffix& sb) {
        second_at_ = j;
        second_ok_ = parse_figure(s_, j, b);
        second_ = b;
        if (!second_ok_) return false;
        sb = second_suffix_ = units::suffix_at(s_, b.end);
        return true;
    }

    size_t figure_at(size_t i) {
        Figure a;
        units::Suffix sa;
        if (!parse_first(i, a, sa)) {
            while (i < s_.size() && num::is_digit(s_[i])) ++i;
            return i;
        }
        size_t after_a = sa.kind != units::SuffixKind::none ? sa.end : a.end;
        bool a_has_unit = sa.kind != units::SuffixKind::none;

        Figure b;
        bool range = false;
        units::Suffix suffix = sa;
        if (size_t j = range_second(s_, after_a, a.begin, a_has_unit || a.has_scale)) {
            units::Suffix sb;
            if (parse_second(j, b, sb)) {
                bool ok = true;
                if (a_has_unit && sb.kind != units::SuffixKind::none && !(sb.unit == sa.unit)) ok = false;
                if (a.has_prefix && b.has_prefix && !(a.prefix_unit == b.prefix_unit)) ok = false;
                if (ok && (sb.kind != units::SuffixKind::none || b.has_prefix || b.has_scale || a_has_unit ||
                           prefix_range(a, b))) {
                    range = true;
                    if (sb.kind != units::SuffixKind::none) suffix = sb;
                }
            }
        }
        // "EUR 44.1 ( 39.2 ) million": the scale after the bracket is this figure's and the bracketed one's.
        units::Scale bracket;
        size_t bracket_at = 0;
        if (!range && !a.has_scale && sa.kind == units::SuffixKind::none && !a.paren)
            if ((bracket_at = bracket_scale(s_, a.end, bracket)) != 0) {
                a.has_scale = true;
                a.scale = {bracket.exp10, a.end, false};
            }
        if (!range && !a.has_scale && prev_.set && prev_.bracket_at == i) {
            a.has_scale = true;
            a.scale = {prev_.bracket_exp10, a.end, false};
        }
        const bool conversion = bracketed_after_previous(a);
        const Figure& last = range ? b : a;
        size_t end = range ? (suffix.kind != units::SuffixKind::none && suffix.end > last.end ? suffix.end : last.end)
                           : after_a;
        if (a.paren && !range) end = a.d.end + 1;

        // Unit: an explicit percent/bp/currency after the figure, else the currency sign before it.
        Unit unit;
        int exp10 = a.has_scale ? a.scale.exp10 : (range && b.has_scale ? b.scale.exp10 : 0);
        int exp10_b = range ? (b.has_scale ? b.scale.exp10 : exp10) : exp10;
        bool money = false;
        bool has_prefix = a.has_prefix || (range && b.has_prefix);
        Unit prefix_unit = a.has_prefix ? a.prefix_unit : b.prefix_unit;
        switch (suffix.kind) {
            case units::SuffixKind::percent:
            case units::SuffixKind::bp: unit = suffix.unit; break;
            case units::SuffixKind::currency:
                unit = suffix.unit;
                exp10 += suffix.exp10;  // "12.5 MEUR"
                exp10_b += suffix.exp10;
                money = true;
                break;
            case units::SuffixKind::cents:
                unit = !suffix.unit.empty() ? suffix.unit
                       : has_prefix        ? prefix_unit
                       : last_.set         ? last_.unit
                                           : Unit::of("USD");
                exp10 -= 2;
                exp10_b -= 2;
                money = true;
                break;
            case units::SuffixKind::none:
                if (has_prefix) {
                    unit = prefix_unit;
                    money = true;
                } else if (conversion && !prev_.unit.empty() && (a.d.decimals > 0 || a.d.int_digits >= 2 || a.has_scale)) {
                    // "EUR 44.1 mn ( 39.2 )": the bracketed comparison is in the unit and scale before it.
                    unit = prev_.unit;
                    if (!a.has_scale) exp10 = exp10_b = prev_.exp10;
                    money = !unit.is_percent() && !(unit == Unit::of("bp"));
                } else if (a.has_scale && !a.scale.single_letter && last_.set && last_.field == f_ &&
                           !sentence_break(s_, last_.end, a.begin) && !count_noun_at(s_, end)) {
                    unit = last_.unit;  // "EUR 1.2 million and 3.4 million": the currency carries over
                    money = true;
                } else if (a.paren && !conversion && a.d.decimals > 0 && last_.set && last_.field == f_ &&
                           a.begin < last_.end + 400) {
                    unit = last_.unit;  // "(1.2)" in a table of amounts: a negative figure in the same unit
                    exp10 = last_.exp10;
                    money = true;
                }
                break;
        }
        if (unit.empty()) return a.d.end;

        Quantity q;
        q.unit = unit;
        q.value = num::scaled(a.d, exp10);
        if (a.negative || (a.paren && !conversion)) q.value = -q.value;
        if (range) {
            q.is_range = true;
            q.low = q.value;
            q.high = num::scaled(b.d, exp10_b);
            if (b.negative) q.high = -q.high;
            if (q.high < q.low) {  // "10-5%": bounds written high first; value stays the low end
                std::swap(q.low, q.high);
                q.value = q.low;
            }
        }
        q.qualifier = qualifier_before(s_, a.begin);
        if (size_t p = plus_after(s_, end)) {
            q.qualifier = Qualifier::over;
            end = p;
        }
        q.span = {f_, static_cast<uint32_t>(a.begin), static_cast<uint32_t>(end)};
        q.text = s_.substr(a.begin, end - a.begin);
        out_.push_back(q);
        // A conversion into another currency leaves the chain in the first one.
        if (money && !(conversion && last_.set && !(unit == last_.unit))) last_ = {true, unit, exp10, f_, end};
        prev_ = {true, end, unit, exp10, bracket_at, bracket_at ? bracket.exp10 : 0};
        return end;
    }

    Field f_;
    std::string_view s_;
    std::vector<Quantity>& out_;
    LastMoney& last_;
    size_t limit_;
    qwords::WordFigures words_;
    Previous prev_;
    size_t second_at_ = SIZE_MAX;  // where the last range's second figure was read
    bool second_ok_ = false;
    Figure second_;
    units::Suffix second_suffix_;
};

}  // namespace

void QuantityExtractor::extract(const Document& doc, std::vector<Quantity>& out) {
    LastMoney last;
    capped_ = false;
    const size_t limit = out.size() + kMaxFigures;
    const auto& toks = doc.tokens;
    uint32_t t = 0;
    for (Field f : kTextFields) {
        // The tokenized bytes: past the token cap nothing else is analysed either.
        std::string_view s = doc.event().field(f).substr(0, doc.extent(f));
        if (s.empty()) continue;
        // The field's tokens: fields are tokenized in kTextFields order.
        while (t < toks.size() && toks[t].field < f) ++t;
        uint32_t e = t;
        while (e < toks.size() && toks[e].field == f) ++e;
        if (!FieldScanner(f, s, out, last, limit, qwords::WordFigures(doc, s, t, e)).run()) {
            capped_ = true;
            return;
        }
        t = e;
    }
}

}  // namespace herald::analysis
