// Money, percentage and basis-point figures, read from the raw field bytes: the tokenizer
// splits "$37.6B", "EUR1 .4 m" and "3.3-percent" in ways that are easier to reassemble here.
// One forward pass per field; a figure is a number plus whatever currency sign, scale word and
// unit surround it. Bare numbers (years, counts, "15 quarters") are not quantities.
#include "herald/analysis/quantities.hpp"

#include <utility>

#include "numbers.hpp"
#include "quantities_units.hpp"

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
    if (b - cb <= 3 && units::sign_before(s, cb, f.prefix_unit, sign_begin)) {
        f.has_prefix = true;
        b = sign_begin;
        if (!f.negative) {
            if (size_t m = minus_before(s, b)) {
                f.negative = true;
                b -= m;
            }
        }
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

class FieldScanner {
public:
    FieldScanner(Field f, std::string_view s, std::vector<Quantity>& out, LastMoney& last)
        : f_(f), s_(s), out_(out), last_(last) {}

    void run() {
        const size_t n = s_.size();
        size_t i = 0;
        while (i < n) {
            if (!num::is_digit(s_[i])) {
                i = num::next_digit(s_, i + 1);
                continue;
            }
            if (i > 0 && num::is_wordch(s_[i - 1]) && !attached_code(i) && !minus_before(s_, i)) {
                // Inside a word or a longer number: "Trainium2", "Q1", "10-K"'s digits.
                while (i < n && (num::is_alnum(s_[i]) || s_[i] == '.' || s_[i] == ',')) ++i;
                continue;
            }
            i = figure_at(i);
        }
    }

private:
    bool attached_code(size_t i) const {
        Unit u;
        size_t b = 0;
        return units::sign_before(s_, i, u, b);
    }

    // Reads the figure at s[i] (a digit) and emits it when it has a unit; returns where to go on.
    size_t figure_at(size_t i) {
        Figure a;
        if (!parse_figure(s_, i, a)) {
            while (i < s_.size() && num::is_digit(s_[i])) ++i;
            return i;
        }
        units::Suffix sa = units::suffix_at(s_, a.end);
        size_t after_a = sa.kind != units::SuffixKind::none ? sa.end : a.end;
        bool a_has_unit = sa.kind != units::SuffixKind::none;

        Figure b;
        bool range = false;
        units::Suffix suffix = sa;
        if (size_t j = range_second(s_, after_a, a.begin, a_has_unit || a.has_scale)) {
            if (parse_figure(s_, j, b)) {
                units::Suffix sb = units::suffix_at(s_, b.end);
                bool ok = true;
                if (a_has_unit && sb.kind != units::SuffixKind::none && !(sb.unit == sa.unit)) ok = false;
                if (a.has_prefix && b.has_prefix && !(a.prefix_unit == b.prefix_unit)) ok = false;
                if (ok && (sb.kind != units::SuffixKind::none || b.has_prefix || b.has_scale || a_has_unit)) {
                    range = true;
                    if (sb.kind != units::SuffixKind::none) suffix = sb;
                }
            }
        }
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
                } else if (a.has_scale && !a.scale.single_letter && last_.set && !count_noun_at(s_, end)) {
                    unit = last_.unit;  // "EUR 1.2 million and 3.4 million": the currency carries over
                    money = true;
                } else if (a.paren && a.d.decimals > 0 && last_.set && last_.field == f_ && a.begin < last_.end + 400) {
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
        if (a.negative || a.paren) q.value = -q.value;
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
        if (money) last_ = {true, unit, exp10, f_, end};
        return end;
    }

    Field f_;
    std::string_view s_;
    std::vector<Quantity>& out_;
    LastMoney& last_;
};

}  // namespace

void QuantityExtractor::extract(const Document& doc, std::vector<Quantity>& out) {
    LastMoney last;
    for (Field f : kTextFields) {
        std::string_view s = doc.event().field(f);
        if (!s.empty()) FieldScanner(f, s, out, last).run();
    }
}

}  // namespace herald::analysis
