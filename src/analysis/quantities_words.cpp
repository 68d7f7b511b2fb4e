// Figures written in words. A figure needs a scale word followed by a currency ("five billion
// dollars") or a percent word ("ten percent"): number words alone ("five billion people", "one
// of two") are not quantities, as bare digits are not.
#include "quantities_words.hpp"

#include <algorithm>

#include "quantities_units.hpp"

namespace herald::analysis::qwords {

namespace {

struct NumberWord { std::string_view w; int value; };
// Values; "hundred" multiplies, "a"/"an" is one before a scale, "half"/"and" are read in context.
constexpr NumberWord kNumberWords[] = {
    {"one", 1},      {"two", 2},        {"three", 3},     {"four", 4},       {"five", 5},      {"six", 6},
    {"seven", 7},    {"eight", 8},      {"nine", 9},      {"ten", 10},       {"eleven", 11},   {"twelve", 12},
    {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15},  {"sixteen", 16},   {"seventeen", 17}, {"eighteen", 18},
    {"nineteen", 19}, {"twenty", 20},   {"thirty", 30},   {"forty", 40},     {"fifty", 50},    {"sixty", 60},
    {"seventy", 70}, {"eighty", 80},    {"ninety", 90},   {"hundred", -100}, {"a", -1},        {"an", -1},
    {"half", -2},    {"and", -3}};

bool equals_ci(std::string_view a, std::string_view lit) { return a.size() == lit.size() && num::starts_ci(a, 0, lit); }

// The value of one number word (with "twenty-five" read whole), or 0 when it is none.
int word_value(std::string_view w) {
    for (const auto& n : kNumberWords)
        if (equals_ci(w, n.w)) return n.value;
    if (size_t h = w.find('-'); h != std::string_view::npos && h > 0) {
        const int tens = word_value(w.substr(0, h)), unit = word_value(w.substr(h + 1));
        if (tens >= 20 && tens % 10 == 0 && unit >= 1 && unit <= 9) return tens + unit;
    }
    return 0;
}

// Reads number words w[0, n) whole: "five", "twenty-five", "two hundred", "one and a half",
// "half a", "a". The value in tenths (0.5 is 5), or 0 when the words are not one number.
int64_t read_tenths(const int* v, size_t n) {
    int64_t cur = 0;
    bool half = false, any = false;
    size_t i = 0;
    if (n >= 2 && v[0] == -2 && v[1] == -1) return n == 2 ? 5 : 0;  // "half a (million)"
    if (n >= 2 && v[0] == -1 && v[1] == -2) return n == 2 ? 5 : 0;  // "a half (billion)"
    for (; i < n; ++i) {
        const int x = v[i];
        if (x == -1) {  // "a"/"an": one, first and right before "hundred" or the scale
            if (i != 0 || (i + 1 < n && v[i + 1] != -100)) return 0;
            cur = 1;
            any = true;
        } else if (x == -100) {
            cur = (any ? cur : 1) * 100;
            any = true;
        } else if (x == -3) {  // "and a half" at the end, or "hundred and five"
            if (i + 3 == n && v[i + 1] == -1 && v[i + 2] == -2 && any) {
                half = true;
                break;
            }
            if (!any || i + 1 >= n || v[i + 1] <= 0) return 0;
        } else if (x > 0) {
            // After "hundred" any number; after a ten ("twenty") a unit; else two numbers ("five six").
            const int64_t low = cur % 100;
            if (any && !(low == 0 || (low >= 20 && low % 10 == 0 && x < 10))) return 0;
            cur += x;
            any = true;
        } else {
            return 0;
        }
    }
    return any ? cur * 10 + (half ? 5 : 0) : 0;
}

}  // namespace

bool WordFigures::read_at(uint32_t t, WordFigure& out) const {
    const Token* toks = doc_.tokens.data();
    const Trigger tr = trigger_of(doc_.keys[t]);
    // Most scale and percent words follow digits ("$5 billion"): those are the digit scanner's.
    if (tr == Trigger::none || t == first_ || toks[t - 1].kind != TokenKind::word) return false;
    const Token& trig = toks[t];
    // The unit after the scale word, or the percent words themselves.
    size_t end = 0;
    int exp10 = 0;
    Unit unit;
    if (tr == Trigger::percent) {
        const units::Suffix sfx = units::suffix_at(s_, trig.begin);
        if (sfx.kind != units::SuffixKind::percent) return false;
        end = sfx.end;
        unit = sfx.unit;
    } else {
        units::Scale sc;
        if (!units::scale_at(s_, trig.begin, false, sc) || sc.single_letter) {
            if (!num::word_at(s_, trig.begin, "hundred")) return false;
            sc = {2, trig.end, false};
        }
        // "two hundred million": the later scale word reads the whole number.
        if (t + 1 < last_ && trigger_of(doc_.keys[t + 1]) == Trigger::scale) return false;
        const units::Suffix sfx = units::suffix_at(s_, sc.end);
        if (sfx.kind != units::SuffixKind::currency) return false;
        exp10 = sc.exp10 + sfx.exp10;
        end = sfx.end;
        unit = sfx.unit;
    }
    // Number words before it, at most 8, adjacent words only.
    constexpr size_t kMaxWords = 8;
    int vals[kMaxWords];
    size_t n = 0;
    uint32_t b = t;
    while (b > first_ && n < kMaxWords && toks[b - 1].kind == TokenKind::word && toks[b - 1].space_before) {
        const Token& w = toks[b - 1];
        const int v = word_value(s_.substr(w.begin, w.end - w.begin));
        if (v == 0) break;
        vals[kMaxWords - 1 - n] = v;
        ++n;
        --b;
    }
    // "hundred" is a number word too: "five hundred dollars" has the words "five" before it.
    // Try the longest run first, then shorter ones ("a five billion" reads "five billion").
    for (size_t k = n; k > 0; --k) {
        const int* v = vals + kMaxWords - k;
        const int64_t tenths = read_tenths(v, k);
        if (tenths <= 0) continue;
        const Token& firstw = toks[t - k];
        num::Decimal d;
        d.mantissa = static_cast<uint64_t>(tenths % 10 ? tenths : tenths / 10);
        d.decimals = tenths % 10 ? 1 : 0;
        d.begin = firstw.begin;
        d.end = trig.begin;
        out = {firstw.begin, end, d, exp10, unit};
        return true;
    }
    return false;
}

WordFigures::WordFigures(const Document& doc, std::string_view field, uint32_t first, uint32_t last)
    : doc_(doc), s_(field), first_(first), last_(last) {
    const auto& fw = doc.figure_words;
    c_ = static_cast<size_t>(std::lower_bound(fw.begin(), fw.end(), first) - fw.begin());
}

bool WordFigures::next_before(size_t limit, WordFigure& out) {
    const auto& fw = doc_.figure_words;
    const Token* toks = doc_.tokens.data();
    while (c_ < fw.size() && fw[c_] < last_ && toks[fw[c_]].begin < limit)
        if (read_at(fw[c_++], out)) return true;
    return false;
}

}  // namespace herald::analysis::qwords
