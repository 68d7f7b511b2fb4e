#pragma once
// The words and signs that make a number a money amount, a percentage or basis points:
// currency signs and codes written before the figure, scale words and currency names after it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "herald/analysis/analysis.hpp"
#include "numbers.hpp"

namespace herald::analysis::units {

// A word list's entries grouped by one letter of the word (the first, or the last for words
// matched backwards), in list order within a group so "longest phrase first" still holds: a
// lookup compares only the few entries that can match instead of the whole list.
inline constexpr size_t bucket_of(char lower_c) { return lower_c >= 'a' && lower_c <= 'z' ? size_t(lower_c - 'a') : 26; }

template <size_t N>
struct LetterIndex {
    uint8_t start[28] = {};  // group g is order[start[g] .. start[g + 1])
    uint8_t order[N] = {};
    template <class F>
    void each(char c, F&& f) const {  // calls f(entry index) in list order until it returns true
        const size_t g = bucket_of(num::lower(c));
        for (size_t k = start[g]; k < start[g + 1]; ++k)
            if (f(order[k])) return;
    }
};

template <class W, size_t N>
constexpr LetterIndex<N> index_by_letter(const W (&words)[N], bool last_letter) {
    static_assert(N < 256);
    LetterIndex<N> ix;
    size_t count[28] = {};
    auto key = [&](const W& w) { return bucket_of(last_letter ? w.w[w.w.size() - 1] : w.w[0]); };
    for (const auto& w : words) ++count[key(w) + 1];
    for (size_t g = 1; g < 28; ++g) count[g] += count[g - 1];
    for (size_t g = 0; g < 28; ++g) ix.start[g] = static_cast<uint8_t>(count[g]);
    for (size_t i = 0; i < N; ++i) ix.order[count[key(words[i])]++] = static_cast<uint8_t>(i);
    return ix;
}

// ISO 4217 codes herald recognises when written in capitals ("USD 37.6bn", "EUR1 .4 m", "100 CHF").
inline bool iso_code(std::string_view w, Unit& out) {
    static constexpr std::string_view kCodes[] = {
        "USD", "EUR", "GBP", "JPY", "CNY", "CHF", "SEK", "NOK", "DKK", "CAD", "AUD", "HKD", "SGD", "NZD", "INR",
        "KRW", "RUB", "BRL", "MXN", "ZAR", "PLN", "TRY", "TWD", "ISK", "CZK", "HUF", "LTL", "LVL", "EEK", "ILS",
        "AED", "SAR", "THB", "MYR", "IDR", "PHP", "CLP", "COP", "ARS", "EGP", "NGN", "KWD", "QAR", "VND", "RON"};
    if (w.size() != 3) return false;
    if (w == "RMB") {
        out = Unit::of("CNY");
        return true;
    }
    // Compare as packed integers: no memcmp call per code.
    auto pack = [](std::string_view x) {
        return static_cast<uint32_t>(static_cast<unsigned char>(x[0])) << 16 |
               static_cast<uint32_t>(static_cast<unsigned char>(x[1])) << 8 | static_cast<unsigned char>(x[2]);
    };
    const uint32_t k = pack(w);
    for (auto c : kCodes)
        if (pack(c) == k) {
            out = Unit::of(c);
            return true;
        }
    return false;
}

// A currency sign ending at s[end): its ISO code and where the sign (with any "US"/"C"/"HK" letters) begins.
inline bool sign_before(std::string_view s, size_t end, Unit& unit, size_t& begin) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    if (end >= 1 && s[end - 1] == '$') {
        size_t b = end - 1;
        struct Pre { std::string_view letters; const char* code; };
        static constexpr Pre kDollarPrefixes[] = {{"U.S.", "USD"}, {"US", "USD"}, {"HK", "HKD"}, {"NZ", "NZD"},
                                                  {"NT", "TWD"},   {"MX", "MXN"}, {"C", "CAD"},   {"A", "AUD"},
                                                  {"S", "SGD"},    {"R", "BRL"}};
        unit = Unit::of("USD");
        begin = b;
        // Every prefix ends in a capital or '.': a plain "$" (after a space) needs no compare.
        const bool may_prefix = b > 0 && (num::is_upper(s[b - 1]) || s[b - 1] == '.');
        for (const auto& p : kDollarPrefixes) {
            if (!may_prefix) break;
            if (b >= p.letters.size() && s.substr(b - p.letters.size(), p.letters.size()) == p.letters &&
                (b == p.letters.size() || !num::is_alnum(s[b - p.letters.size() - 1]))) {
                unit = Unit::of(p.code);
                begin = b - p.letters.size();
                break;
            }
        }
        return true;
    }
    if (end >= 2 && byte(end - 2) == 0xC2) {
        if (byte(end - 1) == 0xA3) unit = Unit::of("GBP");
        else if (byte(end - 1) == 0xA5) unit = Unit::of("JPY");
        else return false;
        begin = end - 2;
        return true;
    }
    if (end >= 3 && byte(end - 3) == 0xE2 && byte(end - 2) == 0x82) {
        switch (byte(end - 1)) {
            case 0xAC: unit = Unit::of("EUR"); break;
            case 0xB9: unit = Unit::of("INR"); break;
            case 0xA9: unit = Unit::of("KRW"); break;
            case 0xBD: unit = Unit::of("RUB"); break;
            case 0xBA: unit = Unit::of("TRY"); break;
            default: return false;
        }
        begin = end - 3;
        return true;
    }
    // Capitalised ISO code: "USD", "EUR" (attached as in "EUR1" or spaced).
    if (end >= 3 && num::is_upper(s[end - 1]) && num::is_upper(s[end - 2]) && num::is_upper(s[end - 3]) &&
        (end == 3 || !num::is_alnum(s[end - 4]))) {
        if (iso_code(s.substr(end - 3, 3), unit)) {
            begin = end - 3;
            return true;
        }
    }
    if (end >= 2 && (num::word_before(s, end, "rs") || (end >= 3 && num::word_before(s, end, "rs.")))) {
        unit = Unit::of("INR");
        begin = end - (s[end - 1] == '.' ? 3 : 2);
        return true;
    }
    return false;
}

// Scale words after a figure: "billion", "bn", "bln", "m" ... as a power of ten.
struct Scale {
    int exp10 = 0;
    size_t end = 0;
    bool single_letter = false;  // "B", "m": only trusted next to a currency or attached
};

inline bool scale_at(std::string_view s, size_t i, bool attached, Scale& out) {
    struct W { std::string_view w; int e; };
    static constexpr W kWords[] = {{"trillion", 12}, {"billion", 9}, {"million", 6}, {"thousand", 3}, {"bln", 9},
                                   {"bil", 9},       {"bn", 9},      {"mln", 6},     {"mio", 6},      {"mil", 6},
                                   {"mn", 6},        {"trn", 12},    {"tn", 12},
                                   {"mm", 6},  // "$5mm": finance's million
                                   {"crore", 7},     {"crores", 7},  {"cr", 7},      {"lakh", 5},    {"lakhs", 5}};  // Indian
    static constexpr auto kIndex = index_by_letter(kWords, false);
    if (i >= s.size()) return false;
    bool found = false;
    kIndex.each(s[i], [&](size_t k) {
        const W& w = kWords[k];
        if (size_t n = num::word_at(s, i, w.w)) {
            size_t e = i + n;
            if (w.w == "mil" && e < s.size() && s[e] == '.') ++e;
            out = {w.e, e, false};
            found = true;
        }
        return found;
    });
    if (found) return true;
    if (i < s.size() && (i + 1 >= s.size() || !num::is_alnum(s[i + 1]))) {
        char c = s[i];
        int e = c == 'b' || c == 'B' ? 9 : c == 'm' || c == 'M' ? 6 : c == 'k' || c == 'K' ? 3 : c == 'T' ? 12 : 0;
        // "5 m" spaced needs a currency; attached "5m" or "$5B" reads as scale.
        if (e) {
            out = {e, i + 1, true};
            (void)attached;
            return true;
        }
    }
    return false;
}

enum class SuffixKind { none, percent, bp, currency, cents };

struct Suffix {
    SuffixKind kind = SuffixKind::none;
    Unit unit;
    size_t end = 0;
};

// Currency names after a figure ("euros", "Swedish kronor"), longest phrase first.
inline bool currency_word_at(std::string_view s, size_t i, Unit& unit, size_t& end) {
    struct W { std::string_view w; const char* code; };
    static constexpr W kWords[] = {
        {"u.s. dollars", "USD"},      {"us dollars", "USD"},       {"u.s. dollar", "USD"},
        {"us dollar", "USD"},         {"american dollars", "USD"}, {"canadian dollars", "CAD"},
        {"canadian dollar", "CAD"},   {"australian dollars", "AUD"}, {"australian dollar", "AUD"},
        {"hong kong dollars", "HKD"}, {"hong kong dollar", "HKD"}, {"singapore dollars", "SGD"},
        {"new zealand dollars", "NZD"}, {"taiwan dollars", "TWD"}, {"new taiwan dollars", "TWD"},
        {"dollars", "USD"},           {"dollar", "USD"},           {"euros", "EUR"},
        {"euro", "EUR"},              {"pounds sterling", "GBP"},  {"british pounds", "GBP"},
        {"pounds", "GBP"},            {"pound", "GBP"},            {"sterling", "GBP"},
        {"japanese yen", "JPY"},      {"yen", "JPY"},              {"chinese yuan", "CNY"},
        {"yuan", "CNY"},              {"renminbi", "CNY"},         {"swedish kronor", "SEK"},
        {"swedish crowns", "SEK"},    {"swedish krona", "SEK"},    {"kronor", "SEK"},
        {"krona", "SEK"},             {"norwegian kroner", "NOK"}, {"norwegian crowns", "NOK"},
        {"danish kroner", "DKK"},     {"danish crowns", "DKK"},    {"kroner", "NOK"},
        {"krone", "NOK"},             {"swiss francs", "CHF"},     {"swiss franc", "CHF"},
        {"francs", "CHF"},            {"indian rupees", "INR"},    {"rupees", "INR"},
        {"roubles", "RUB"},           {"rubles", "RUB"},           {"brazilian reais", "BRL"},
        {"reais", "BRL"},             {"mexican pesos", "MXN"},    {"pesos", "MXN"},
        {"south african rand", "ZAR"}, {"rand", "ZAR"},            {"zlotys", "PLN"},
        {"zloty", "PLN"},             {"turkish lira", "TRY"},     {"lira", "TRY"},
        {"ringgit", "MYR"},           {"baht", "THB"},             {"rupiah", "IDR"},
        {"won", "KRW"},               {"shekels", "ILS"},          {"dirhams", "AED"},
        {"riyals", "SAR"},            {"litas", "LTL"},            {"lats", "LVL"},
        {"kroons", "EEK"}};
    static constexpr auto kIndex = index_by_letter(kWords, false);
    if (i >= s.size()) return false;
    bool found = false;
    kIndex.each(s[i], [&](size_t k) {
        if (size_t n = num::word_at(s, i, kWords[k].w)) {
            unit = Unit::of(kWords[k].code);
            end = i + n;
            found = true;
        }
        return found;
    });
    return found;
}

// What follows a figure (after its scale word): "%", "percent", "bps", "euros", "USD", "cents".
inline Suffix suffix_at(std::string_view s, size_t e) {
    Suffix out;
    size_t i = num::skip_spaces(s, e);
    bool spaced = i != e;
    if (!spaced && i < s.size() && s[i] == '-' && i + 1 < s.size() && num::is_alpha(s[i + 1])) ++i;  // "3.3-percent"
    if (i >= s.size()) return out;
    if (s[i] == '%') return {SuffixKind::percent, Unit::of("%"), i + 1};
    auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    if (i + 1 < s.size() && byte(i) == 0xC2 && byte(i + 1) == 0xA2) return {SuffixKind::cents, {}, i + 2};  // ¢
    if (i + 2 < s.size() && byte(i) == 0xE2 && byte(i + 1) == 0x82 && byte(i + 2) == 0xAC)
        return {SuffixKind::currency, Unit::of("EUR"), i + 3};  // "580 €"
    if (!num::is_alpha(s[i])) return out;
    // "52p" (attached, alone): pence.
    if (!spaced && s[i] == 'p' && (i + 1 >= s.size() || !num::is_alnum(s[i + 1])))
        return {SuffixKind::cents, Unit::of("GBP"), i + 1};
    struct W { std::string_view w; SuffixKind k; };
    static constexpr W kWords[] = {{"percentage points", SuffixKind::percent}, {"percentage point", SuffixKind::percent},
                                   {"percentage-point", SuffixKind::percent},  {"percent", SuffixKind::percent},
                                   {"per cent", SuffixKind::percent},          {"pct", SuffixKind::percent},
                                   {"basis points", SuffixKind::bp},           {"basis point", SuffixKind::bp},
                                   {"basis-point", SuffixKind::bp},            {"bps", SuffixKind::bp},
                                   {"bp", SuffixKind::bp},                     {"euro cents", SuffixKind::cents},
                                   {"cents", SuffixKind::cents},               {"cent", SuffixKind::cents},
                                   {"pence", SuffixKind::cents}};
    static constexpr auto kIndex = index_by_letter(kWords, false);
    bool found = false;
    kIndex.each(s[i], [&](size_t k) {
        const W& w = kWords[k];
        if (size_t n = num::word_at(s, i, w.w)) {
            out.kind = w.k;
            out.end = i + n;
            if (w.k == SuffixKind::percent) out.unit = Unit::of("%");
            if (w.k == SuffixKind::bp) out.unit = Unit::of("bp");
            if (w.w == "euro cents") out.unit = Unit::of("EUR");
            if (w.w == "pence") out.unit = Unit::of("GBP");
            found = true;
        }
        return found;
    });
    if (found) return out;
    Unit u;
    size_t end = 0;
    if (currency_word_at(s, i, u, end)) return {SuffixKind::currency, u, end};
    // A code after the figure ("100 EUR"), unless it starts the next figure ("2009 EUR 10 mn").
    if (i + 3 <= s.size() && num::is_upper(s[i]) && num::is_upper(s[i + 1]) && num::is_upper(s[i + 2]) &&
        (i + 3 == s.size() || !num::is_alnum(s[i + 3])) && iso_code(s.substr(i, 3), u)) {
        size_t j = num::skip_spaces(s, i + 3);
        if (j < s.size() && num::is_digit(s[j])) return out;
        return {SuffixKind::currency, u, i + 3};
    }
    return out;
}

}  // namespace herald::analysis::units
