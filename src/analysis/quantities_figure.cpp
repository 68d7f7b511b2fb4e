// Reading one figure and what is written around it from the raw field bytes (quantities_figure.hpp).
#include "quantities_figure.hpp"

namespace herald::analysis::qfigures {

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

bool unit_or_scale_at(std::string_view s, size_t j) {
    units::Scale sc;
    return units::scale_at(s, j, false, sc) || units::suffix_at(s, j).kind != units::SuffixKind::none;
}

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

namespace {

// Currency sign or code before the number at b, attached ("$37.6B", "EUR1") or after one space
// ("USD 37.6bn"), and a minus before it; returns where the figure starts then.
size_t read_prefix(std::string_view s, size_t b, Figure& f, int& prefix_exp10) {
    const size_t cb = num::skip_spaces_back(s, b);
    size_t sign_begin = 0;
    if (b - cb > 3 || !units::sign_before(s, cb, f.prefix_unit, sign_begin, prefix_exp10)) return b;
    f.has_prefix = true;
    b = sign_begin;
    if (!f.negative) {
        if (size_t m = minus_before(s, b)) {
            f.negative = true;
            b -= m;
        }
    }
    return b;
}

enum class Exponent { none, read, no_amount };

// An exponent ("$1e9", "2.5E+6") is the figure's scale; a negative or large one is no amount.
Exponent read_exponent(std::string_view s, Figure& f) {
    const size_t x = f.d.end;
    if (!(x + 1 < s.size() && (s[x] == 'e' || s[x] == 'E'))) return Exponent::none;
    size_t k = x + 1 + (s[x + 1] == '+' ? 1 : 0);
    if (k < s.size() && num::is_digit(s[k])) {
        int e = 0;
        for (; k < s.size() && num::is_digit(s[k]); ++k)
            if ((e = e * 10 + (s[k] - '0')) > 15) return Exponent::no_amount;
        if (k < s.size() && num::is_alnum(s[k])) return Exponent::no_amount;
        f.has_scale = true;
        f.scale = {e, k, false};
        f.end = k;
        return Exponent::read;
    }
    return s[x + 1] == '-' ? Exponent::no_amount : Exponent::none;
}

// A code between the number and its scale at j: "75 USD million", "12.5 EUR mn".
bool code_then_scale(std::string_view s, size_t j, Figure& f) {
    if (!(j + 3 < s.size() && units::upper3(s, j))) return false;
    Unit u;
    units::Scale sc;
    const size_t w = num::skip_spaces(s, j + 3);
    if (!(w > j + 3 && units::iso_code(s.substr(j, 3), u) && units::scale_at(s, w, false, sc) &&
          (!f.has_prefix || f.prefix_unit == u)))
        return false;
    f.has_prefix = true;
    f.prefix_unit = u;
    f.has_scale = true;
    f.scale = sc;
    f.end = sc.end;
    return true;
}

// The scale after the number: a scale word or letter, the code's own ("MEUR 12.5"), or a code
// and a scale. False when letters or digits stick to the number that are no scale and no unit.
bool read_scale(std::string_view s, Figure& f, int prefix_exp10) {
    // "$(12.5) million": an accounting negative's scale is after its bracket.
    const size_t from = f.paren && f.has_prefix && f.d.end < s.size() && s[f.d.end] == ')' ? f.d.end + 1 : f.d.end;
    const size_t j = num::skip_spaces(s, from);
    const bool attached = j == f.d.end;
    // Read into f.scale itself (a Scale read on the stack and copied whole stalled on store
    // forwarding once per figure); it counts only with has_scale, which every reader asks first.
    units::Scale& sc = f.scale;
    if (units::scale_at(s, j, attached, sc) && (!sc.single_letter || attached || f.has_prefix)) {
        // "3M" with no currency is a name more often than an amount; keep it only with a currency.
        f.has_scale = true;
        f.end = sc.end;
        return true;
    }
    if (prefix_exp10) {  // "MEUR 12.5": the code carries the scale
        f.has_scale = true;
        f.scale = {prefix_exp10, f.d.end, false};
        return true;
    }
    if (code_then_scale(s, j, f)) return true;
    // Letters or digits right after the number that are no scale and no unit ("$0x1F", "$5abc",
    // "10x"): the number is part of a word, not an amount.
    return !(attached && j < s.size() && num::is_alnum(s[j]) && units::suffix_at(s, j).kind == units::SuffixKind::none);
}

}  // namespace

// "15,0 to 16,0 percent", "4,8-5,1 %": at j a range's dash or "to", then a number with a decimal
// comma and a unit or scale after it. The low end's comma is then a decimal comma too (it was read
// as the list "15" and "0", the range 0 to 16).
static bool comma_range_at(std::string_view s, size_t j) {
    size_t k = j;
    if (num::word_at(s, k, "to")) k += 2;
    else if (k < s.size() && s[k] == '-') ++k;
    else if (s.compare(k, 3, "\xE2\x80\x93") == 0) k += 3;  // en dash
    else return false;
    k = num::skip_spaces(s, k);
    const size_t d0 = k;
    while (k < s.size() && k < d0 + 4 && num::is_digit(s[k])) ++k;
    if (k == d0 || k >= s.size() || s[k] != ',') return false;
    const size_t f0 = ++k;
    while (k < s.size() && num::is_digit(s[k])) ++k;
    if (k - f0 < 1 || k - f0 > 2) return false;
    return unit_or_scale_at(s, num::skip_spaces(s, k));
}

bool parse_figure(std::string_view s, size_t i, Figure& f) {
    // Field by field (parse_decimal resets f.d): `f = {}` compiled to a `rep stos`, slow to start
    // for 100 bytes, once per figure. A field added to Figure is reset here.
    f.begin = f.end = 0;
    f.negative = f.paren = f.has_prefix = f.has_scale = false;
    f.prefix_unit = Unit{};
    f.scale = {};
    if (!num::parse_decimal(s, i, f.d)) return false;
    size_t b = i;
    if (size_t m = minus_before(s, b)) {
        f.negative = true;
        b -= m;
    }
    int prefix_exp10 = 0;
    b = read_prefix(s, b, f, prefix_exp10);
    // A decimal comma ("EUR 12,4 mn", "1,5 %"): only before a unit or scale, after a currency, or
    // alone in brackets ("EUR 48,6 million (41,2)": the year-earlier figure of a European report).
    if (size_t ce = num::decimal_comma_end(s, f.d)) {
        const bool bracketed = b > 0 && s[b - 1] == '(' && ce < s.size() && s[ce] == ')';
        const size_t after = num::skip_spaces(s, ce);
        if ((f.has_prefix || bracketed || unit_or_scale_at(s, after) || comma_range_at(s, after)) &&
            !num::append_fraction(s, f.d.end + 1, ce, f.d))
            return false;
    }
    if (b > 0 && s[b - 1] == '(' && f.d.end < s.size() && s[f.d.end] == ')') {
        f.paren = true;
        --b;
        if (!f.has_prefix) b = read_prefix(s, b, f, prefix_exp10);  // "$(0.42)", "$ (12.5) million"
    }
    f.begin = b;
    f.end = f.d.end;
    switch (read_exponent(s, f)) {
        case Exponent::read: return true;
        case Exponent::no_amount: return false;
        case Exponent::none: break;
    }
    return read_scale(s, f, prefix_exp10);
}

bool count_noun_at(std::string_view s, size_t i) {
    struct N {  // the shape index_by_letter reads (.w), built from a plain string
        constexpr N(const char* s) : w(s) {}
        std::string_view w;
    };
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

namespace {

// Grouped by last letter below: a phrase must end with the byte before the figure's spaces.
constexpr QualifierPhrase kQualifierPhrases[] = {
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

// For each lower-case letter, bit n set when a qualifier phrase (or the article "a"/"an") ends
// with a word of n letters ending with it: the last word of a phrase is letters only (checked
// below), so the phrase can end at e only when the run of letters ending at e is that long.
template <size_t N>
struct LastWords {
    uint32_t lengths[26] = {};
    constexpr explicit LastWords(const QualifierPhrase (&phrases)[N]) {
        add("a");
        add("an");
        for (const auto& p : phrases) {
            const char last = p.w[p.w.size() - 1];
            if (last >= 'a' && last <= 'z') add(p.w.substr(p.w.rfind(' ') + 1));  // npos + 1 == 0
            else if (last != '.') throw "a qualifier phrase ends with a letter or '.' (qualifier_before's early return)";
        }
    }
    constexpr void add(std::string_view w) {
        for (char c : w)
            if (c < 'a' || c > 'z') throw "a qualifier's last word ending with a letter must be letters only";
        if (w.size() > 16) throw "a qualifier's last word is at most 16 letters";
        lengths[w.back() - 'a'] |= uint32_t{1} << w.size();
    }
};

}  // namespace

std::span<const QualifierPhrase> qualifier_phrases() { return kQualifierPhrases; }

Qualifier qualifier_before(std::string_view s, size_t begin) {
    size_t e = num::skip_spaces_back(s, begin);
    // Most figures follow a word that ends no phrase ("revenue $5B", "rose 5%"): the length of the
    // run of letters before e and its last letter rule out every phrase and article at once.
    static constexpr LastWords kLastWords{kQualifierPhrases};
    if (e == 0) return Qualifier::none;
    if (num::is_alpha(s[e - 1])) {
        size_t n = 1;
        while (n <= 16 && n < e && num::is_alpha(s[e - 1 - n])) ++n;
        if (n > 16 || !((kLastWords.lengths[num::lower(s[e - 1]) - 'a'] >> n) & 1)) return Qualifier::none;
    } else if (s[e - 1] != '.') {
        // After a figure ("5% 5%"), a bracket or a sign: only "~" qualifies; every phrase and article
        // ends with a letter or '.'.
        return s[e - 1] == '~' ? Qualifier::about : Qualifier::none;
    }
    // An article may sit between: "over a $150 billion run rate" keeps "over".
    for (std::string_view art : {"a", "an"})
        if (num::word_before(s, e, art)) {
            e = num::skip_spaces_back(s, e - art.size());
            break;
        }
    // Grouped by last letter: the phrase must end with the byte before e.
    static constexpr auto kIndex = units::index_by_letter(kQualifierPhrases, true);
    if (e == 0) return Qualifier::none;
    Qualifier q = Qualifier::none;
    kIndex.each(s[e - 1], [&](size_t k) {
        if (!num::word_before(s, e, kQualifierPhrases[k].w)) return false;
        q = kQualifierPhrases[k].q;
        return true;
    });
    return q;
}

size_t plus_after(std::string_view s, size_t e) {
    if (e < s.size() && s[e] == '+') return e + 1;
    if (e < s.size() && s[e] == '-' && num::word_at(s, e + 1, "plus")) return e + 5;
    size_t j = num::skip_spaces(s, e);
    if (j > e && j < s.size() && (s[j] | 0x20) == 'p' && num::word_at(s, j, "plus")) {
        size_t k = num::skip_spaces(s, j + 4);
        if (k < s.size() && (num::is_digit(s[k]) || s[k] == '$' || num::is_upper(s[k]))) return 0;  // "$5B plus $2B"
        return j + 4;
    }
    return 0;
}

bool prefix_range(const Figure& a, const Figure& b) {
    if (!a.has_prefix || a.has_scale || b.has_scale || a.d.decimals != b.d.decimals || a.d.decimals == 0) return false;
    return b.d.mantissa > a.d.mantissa && b.d.mantissa <= a.d.mantissa + a.d.mantissa / 2;
}

bool year_like(const Figure& f) {
    return f.end == f.begin + 4 && f.d.decimals == 0 && f.d.mantissa >= 1900 && f.d.mantissa <= 2100 && !f.negative;
}

size_t range_second(std::string_view s, size_t after, size_t first_begin, bool first_has_unit) {
    size_t k = num::skip_spaces(s, after);
    // A connector starts with '-', a dash's 0xE2, or "to"/"and" in any case (OR-ing 0x20 keeps
    // '-' and lowercases the letters; a byte it maps there besides is passed on to the reads).
    if (k >= s.size()) return 0;
    const char c0 = static_cast<char>(s[k] | 0x20);
    if (c0 != '-' && c0 != 't' && c0 != 'a' && static_cast<unsigned char>(s[k]) != 0xE2) return 0;
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

}  // namespace herald::analysis::qfigures
