#pragma once
// The words and signs that make a number a money amount, a percentage or basis points:
// currency signs and codes written before the figure, scale words and currency names after it.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "herald/analysis/analysis.hpp"
#include "numbers.hpp"

namespace herald::analysis::units {

// A Unit from its code (as Unit::of), built as one 8-byte word: Unit::of stores the code's bytes
// one or two at a time, and a Unit copied right after (once per figure) stalled reloading them
// as one word (store forwarding).
constexpr uint64_t pack_code(std::string_view c) {
    uint64_t v = 0;
    for (size_t i = 0; i < c.size() && i < 7; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(c[i])) << (8 * i);
    return v;
}
inline Unit unit_of(std::string_view c) {
    Unit u;
    const uint64_t v = pack_code(c);
    std::memcpy(u.code, &v, sizeof u.code);
    return u;
}

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
        out = unit_of("CNY");
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
            out = unit_of(c);
            return true;
        }
    return false;
}

// Letters written with a dollar sign, before it ("C$", "HK$", "MXN$", also spaced "C $") or
// after it ("$US", "$A").
struct DollarLetters { std::string_view letters; const char* code; };
inline constexpr DollarLetters kDollarPrefixes[] = {
    {"U.S.", "USD"}, {"US", "USD"}, {"AU", "AUD"}, {"HK", "HKD"}, {"NZ", "NZD"}, {"NT", "TWD"}, {"MXN", "MXN"},
    {"MX", "MXN"},   {"C", "CAD"},  {"A", "AUD"},  {"S", "SGD"},  {"R", "BRL"}};

// Currency words written before a number ("EURO 98 million", "euro410 million", "RM50 million",
// "SKr 500 million", "rmb 5 billion"); `exact` entries must match case, the others any case.
struct WordBefore { std::string_view w; const char* code; bool exact; };
inline constexpr WordBefore kWordsBefore[] = {
    {"euro", "EUR", false}, {"euros", "EUR", false}, {"rmb", "CNY", false}, {"skr", "SEK", false},
    {"sfr", "CHF", false},  {"RM", "MYR", true},     {"rs", "INR", false},  {"rs.", "INR", false}};

// Words after which a letter before a spaced "$" names a series, not a currency ("Series C $20 million").
inline bool letter_names_series(std::string_view s, size_t letter) {
    static constexpr std::string_view kWords[] = {"series", "class", "tranche", "phase", "type", "grade", "group",
                                                  "round", "plan", "option", "section", "category", "level", "part"};
    const size_t e = num::skip_spaces_back(s, letter);
    if (e == letter) return false;
    for (auto w : kWords)
        if (num::word_before(s, e, w)) return true;
    return false;
}

// "M"/"m" or "T"/"k" before a capitalised ISO code: millions or thousands of it ("MEUR", "TEUR",
// "kSEK"), as Nordic and German reports write them. Returns the power of ten, else 0.
inline int code_scale_letter(char c) { return c == 'M' || c == 'm' ? 6 : c == 'T' || c == 'k' ? 3 : 0; }

inline bool upper3(std::string_view s, size_t i) {
    return i + 3 <= s.size() && num::is_upper(s[i]) && num::is_upper(s[i + 1]) && num::is_upper(s[i + 2]);
}

inline bool starts_word(std::string_view s, size_t b) { return b == 0 || !num::is_alnum(s[b - 1]); }

// "$" ending at s[end), with any "US"/"C"/"HK" letters before it ("US$", "C $1.2 billion").
inline void dollar_before(std::string_view s, size_t end, Unit& unit, size_t& begin) {
    size_t b = end - 1;
    unit = unit_of("USD");
    begin = b;
    // Every prefix ends in a capital or '.': a plain "$" (after a space) needs no compare.
    size_t lb = b;
    if (lb >= 2 && s[lb - 1] == ' ' && num::is_upper(s[lb - 2])) {  // "C $1.2 billion"
        size_t k = lb - 1;
        while (k > 0 && lb - 1 - k < 3 && num::is_upper(s[k - 1])) --k;
        // The letters must be a word of their own ("5B $5B": no prefix can match, and the
        // series words need not be read).
        if (starts_word(s, k) && !letter_names_series(s, k)) --lb;
    }
    if (lb > 0 && (num::is_upper(s[lb - 1]) || s[lb - 1] == '.')) {
        for (const auto& p : kDollarPrefixes) {
            const size_t n = p.letters.size();
            if (lb >= n && s.substr(lb - n, n) == p.letters && starts_word(s, lb - n)) {
                unit = unit_of(p.code);
                begin = lb - n;
                break;
            }
        }
    }
}

// "$US4.7 billion", "$A850 million": the letters after the sign, ending at s[end).
inline bool dollar_letters_before(std::string_view s, size_t end, Unit& unit, size_t& begin) {
    size_t k = end;
    while (k > 0 && end - k < 3 && num::is_upper(s[k - 1])) --k;
    if (k == 0 || s[k - 1] != '$' || !starts_word(s, k - 1)) return false;
    for (const auto& p : kDollarPrefixes)
        if (s.substr(k, end - k) == p.letters) {
            unit = unit_of(p.code);
            begin = k - 1;
            return true;
        }
    return false;
}

// "£", "¥" (2 bytes) or "€", "₹", "₩", "₽", "₺" (3 bytes) ending at s[end). `found` says whether
// the bytes are such a sign's lead bytes (then the answer is final).
inline bool symbol_before(std::string_view s, size_t end, Unit& unit, size_t& begin, bool& found) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    found = true;
    if (end >= 2 && byte(end - 2) == 0xC2) {
        if (byte(end - 1) == 0xA3) unit = unit_of("GBP");
        else if (byte(end - 1) == 0xA5) unit = unit_of("JPY");
        else return false;
        begin = end - 2;
        return true;
    }
    if (end >= 3 && byte(end - 3) == 0xE2 && byte(end - 2) == 0x82) {
        switch (byte(end - 1)) {
            case 0xAC: unit = unit_of("EUR"); break;
            case 0xB9: unit = unit_of("INR"); break;
            case 0xA9: unit = unit_of("KRW"); break;
            case 0xBD: unit = unit_of("RUB"); break;
            case 0xBA: unit = unit_of("TRY"); break;
            default: return false;
        }
        begin = end - 3;
        return true;
    }
    found = false;
    return false;
}

// A capitalised ISO code ("USD", "EUR", attached as in "EUR1" or spaced), a scaled one ("MEUR")
// or a currency word ending at s[end), which ends in a letter.
inline bool code_or_word_before(std::string_view s, size_t end, Unit& unit, size_t& begin, int& exp10) {
    if (end >= 3 && upper3(s, end - 3) && iso_code(s.substr(end - 3, 3), unit)) {
        if (starts_word(s, end - 3)) {
            begin = end - 3;
            return true;
        }
        if (end >= 4 && code_scale_letter(s[end - 4]) && starts_word(s, end - 4)) {
            exp10 = code_scale_letter(s[end - 4]);
            begin = end - 4;
            return true;
        }
    }
    // Every word before ends in o, s, b, r, M or '.': other letters need no compare.
    const char z = num::lower(s[end - 1]);
    if (z != 'o' && z != 's' && z != 'b' && z != 'r' && z != 'm') return false;
    for (const auto& w : kWordsBefore) {
        const size_t n = w.w.size();
        if (end < n || !starts_word(s, end - n)) continue;
        if (w.exact ? s.substr(end - n, n) == w.w : num::starts_ci(s, end - n, w.w)) {
            unit = unit_of(w.code);
            begin = end - n;
            return true;
        }
    }
    return false;
}

// A currency sign ending at s[end): its ISO code, where the sign (with any "US"/"C"/"HK" letters)
// begins and the power of ten a scaled code carries ("MEUR": 6; else 0).
inline bool sign_before(std::string_view s, size_t end, Unit& unit, size_t& begin, int& exp10) {
    exp10 = 0;
    if (end >= 1 && s[end - 1] == '$') {
        dollar_before(s, end, unit, begin);
        return true;
    }
    if (end >= 2 && num::is_upper(s[end - 1]) && dollar_letters_before(s, end, unit, begin)) return true;
    bool symbol = false;
    const bool is_symbol = symbol_before(s, end, unit, begin, symbol);
    if (symbol) return is_symbol;
    if (end == 0 || !num::is_alpha(s[end - 1])) return false;
    return code_or_word_before(s, end, unit, begin, exp10);
}

inline bool sign_before(std::string_view s, size_t end, Unit& unit, size_t& begin) {
    int exp10 = 0;
    return sign_before(s, end, unit, begin, exp10);
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
    if (static_cast<unsigned char>(s[i]) >= 0xE4) {
        // Chinese 万 (10^4) and 亿/億 (10^8): trusted only with a currency, like a single letter.
        const std::string_view rest = s.substr(i, 3);
        const int e = rest == "\xE4\xB8\x87" ? 4 : (rest == "\xE4\xBA\xBF" || rest == "\xE5\x84\x84") ? 8 : 0;
        if (!e) return false;
        out = {e, i + 3, true};
        return true;
    }
    // Every scale word has two letters or more: a letter standing alone ("$5B.") skips the table.
    const bool alone = i + 1 >= s.size() || !num::is_alnum(s[i + 1]);
    bool found = false;
    if (!alone) kIndex.each(s[i], [&](size_t k) {
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
    if (alone) {
        char c = s[i];
        int e = c == 'b' || c == 'B' ? 9 : c == 'm' || c == 'M' ? 6 : c == 'k' || c == 'K' ? 3 : c == 'T' ? 12 : 0;
        // "5 m" spaced needs a currency; attached "5m" or "$5B" reads as scale.
        // "(9M 2025: 20,9 percent)", "6M 2026": months of a period label before its year, no million.
        if (c == 'M' && attached && i >= 1 && i + 6 <= s.size() && s[i + 1] == ' ' &&
            (s[i - 1] == '3' || s[i - 1] == '6' || s[i - 1] == '9' || s[i - 1] == '2') &&
            (s.compare(i + 2, 2, "19") == 0 || s.compare(i + 2, 2, "20") == 0) && num::is_digit(s[i + 4]) &&
            num::is_digit(s[i + 5]) && (i + 6 == s.size() || !num::is_alnum(s[i + 6])))
            return false;
        if (e) {
            out = {e, i + 1, true};
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
    int exp10 = 0;  // a scaled code after the figure ("12.5 MEUR": 6)
};

// Chinese currency words after a figure (and its 万/亿 scale): "元" yuan, "美元" US dollars ...
inline bool han_currency_at(std::string_view s, size_t i, Unit& unit, size_t& end) {
    struct H { std::string_view bytes; const char* code; };
    static constexpr H kHan[] = {{"\xE7\xBE\x8E\xE5\x85\x83", "USD"}, {"\xE6\xB8\xAF\xE5\x85\x83", "HKD"},
                                 {"\xE6\x97\xA5\xE5\x85\x83", "JPY"}, {"\xE6\xAC\xA7\xE5\x85\x83", "EUR"},
                                 {"\xE4\xBA\xBA\xE6\xB0\x91\xE5\xB8\x81", "CNY"}, {"\xE5\x85\x83", "CNY"}};
    for (const auto& h : kHan)
        if (s.substr(i, h.bytes.size()) == h.bytes) {
            unit = unit_of(h.code);
            end = i + h.bytes.size();
            return true;
        }
    return false;
}

// Currency codes written in any case after a figure ("5 mln eur", "500 million skr").
inline bool code_any_case_at(std::string_view s, size_t i, Unit& unit) {
    struct C { std::string_view w; const char* code; };
    static constexpr C kCodes[] = {{"eur", "EUR"}, {"usd", "USD"}, {"gbp", "GBP"}, {"sek", "SEK"}, {"nok", "NOK"},
                                   {"dkk", "DKK"}, {"chf", "CHF"}, {"jpy", "JPY"}, {"cny", "CNY"}, {"cad", "CAD"},
                                   {"aud", "AUD"}, {"hkd", "HKD"}, {"inr", "INR"}, {"rmb", "CNY"}, {"skr", "SEK"}};
    if (i + 3 > s.size() || (i + 3 < s.size() && num::is_alnum(s[i + 3]))) return false;
    // The three letters lower-cased and packed: one integer compare per code.
    auto pack = [](char a, char b, char c) {
        return static_cast<uint32_t>(static_cast<unsigned char>(a)) << 16 |
               static_cast<uint32_t>(static_cast<unsigned char>(b)) << 8 | static_cast<unsigned char>(c);
    };
    const uint32_t k = pack(num::lower(s[i]), num::lower(s[i + 1]), num::lower(s[i + 2]));
    for (const auto& c : kCodes)
        if (pack(c.w[0], c.w[1], c.w[2]) == k) {
            unit = unit_of(c.code);
            return true;
        }
    return false;
}

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
        {"kroons", "EEK"},            {"crowns", "SEK"},           {"crown", "SEK"}};
    static constexpr auto kIndex = index_by_letter(kWords, false);
    if (i >= s.size()) return false;
    bool found = false;
    kIndex.each(s[i], [&](size_t k) {
        if (size_t n = num::word_at(s, i, kWords[k].w)) {
            unit = unit_of(kWords[k].code);
            end = i + n;
            found = true;
        }
        return found;
    });
    return found;
}

// What follows a figure (after its scale word): "%", "percent", "bps", "euros", "USD", "cents".
// A metal or a crop named in the 80 bytes before position i ("copper sales of 4.1 billion pounds"):
// read only for "pound(s)" after a number, so the scan costs nothing elsewhere.
inline bool commodity_before(std::string_view s, size_t i) {
    static constexpr std::string_view kGoods[] = {"copper", "gold",   "silver", "nickel", "zinc",   "aluminum", "aluminium",
                                                  "cobalt", "lithium", "uranium", "molybdenum", "coffee", "cotton", "sugar",
                                                  "beef",   "pork",   "cheese"};
    const size_t b = i > 80 ? i - 80 : 0;
    for (size_t k = b; k < i; ++k) {
        if (k > 0 && num::is_alpha(s[k - 1])) continue;  // words' starts only
        for (std::string_view g : kGoods)
            if (num::word_at(s, k, g)) return true;
    }
    return false;
}

// "8.2 US cents", "9.5 Australian cents", "52 pence": the currency of named cents (suffix_at's
// words); none for plain "cents", whose currency is the context's.
inline Unit named_cents(std::string_view w) {
    if (w == "pence") return unit_of("GBP");
    if (w == "euro cents") return unit_of("EUR");
    if (w == "australian cents") return unit_of("AUD");
    if (w == "canadian cents") return unit_of("CAD");
    if (w == "singapore cents") return unit_of("SGD");
    return w == "us cents" || w == "u.s. cents" ? unit_of("USD") : Unit{};
}

// The unit written right after a figure ending at s[e), into out (each exit assigns it). The
// scanner's callers keep it in place: a Suffix returned by value and copied on into theirs was
// reloaded in 16-byte blocks over the callee's narrower stores (a store-forwarding stall per figure).
inline void read_suffix(std::string_view s, size_t e, Suffix& out) {
    size_t i = num::skip_spaces(s, e);
    bool spaced = i != e;
    if (!spaced && i < s.size() && s[i] == '-' && i + 1 < s.size() && num::is_alpha(s[i + 1])) ++i;  // "3.3-percent"
    if (i >= s.size()) return void(out = {});
    if (s[i] == '%') return void(out = Suffix{SuffixKind::percent, unit_of("%"), i + 1});
    auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    if (i + 1 < s.size() && byte(i) == 0xC2 && byte(i + 1) == 0xA2)
        return void(out = Suffix{SuffixKind::cents, {}, i + 2});  // ¢
    if (i + 2 < s.size() && byte(i) == 0xE2 && byte(i + 1) == 0x82 && byte(i + 2) == 0xAC)
        return void(out = Suffix{SuffixKind::currency, unit_of("EUR"), i + 3});  // "580 €"
    if (static_cast<unsigned char>(s[i]) >= 0xE4) {
        Unit u;
        size_t end = 0;
        return void(out = han_currency_at(s, i, u, end) ? Suffix{SuffixKind::currency, u, end} : Suffix{});
    }
    if (!num::is_alpha(s[i])) return void(out = {});
    // "5 pc" (lower case: "PC" is a computer): per cent, as British news writes it.
    if (s[i] == 'p' && i + 1 < s.size() && s[i + 1] == 'c' && (i + 2 >= s.size() || !num::is_alnum(s[i + 2])))
        return void(out = Suffix{SuffixKind::percent, unit_of("%"), i + 2});
    // "52p" (attached, alone): pence.
    if (!spaced && s[i] == 'p' && (i + 1 >= s.size() || !num::is_alnum(s[i + 1])))
        return void(out = Suffix{SuffixKind::cents, unit_of("GBP"), i + 1});
    struct W { std::string_view w; SuffixKind k; };
    static constexpr W kWords[] = {{"percentage points", SuffixKind::percent}, {"percentage point", SuffixKind::percent},
                                   {"percentage-point", SuffixKind::percent},  {"percent", SuffixKind::percent},
                                   {"per cent", SuffixKind::percent},          {"pct", SuffixKind::percent},
                                   {"basis points", SuffixKind::bp},           {"basis point", SuffixKind::bp},
                                   {"basis-point", SuffixKind::bp},            {"bps", SuffixKind::bp},
                                   {"bp", SuffixKind::bp},                     {"euro cents", SuffixKind::cents},
                                   {"cents", SuffixKind::cents},               {"cent", SuffixKind::cents},
                                   {"pence", SuffixKind::cents},               {"us cents", SuffixKind::cents},
                                   {"u.s. cents", SuffixKind::cents}, {"australian cents", SuffixKind::cents},
                                   {"canadian cents", SuffixKind::cents}, {"singapore cents", SuffixKind::cents}};
    static constexpr auto kIndex = index_by_letter(kWords, false);
    SuffixKind kind = SuffixKind::none;
    Unit u;  // the unit found (a word's, a currency name's or a code's)
    size_t end = 0;
    kIndex.each(s[i], [&](size_t k) {
        const W& w = kWords[k];
        if (size_t n = num::word_at(s, i, w.w)) {
            kind = w.k;
            end = i + n;
            if (w.k == SuffixKind::percent) u = unit_of("%");
            if (w.k == SuffixKind::bp) u = unit_of("bp");
            if (w.k == SuffixKind::cents) u = named_cents(w.w);  // "52 pence", "8.2 US cents"
        }
        return kind != SuffixKind::none;
    });
    if (kind != SuffixKind::none) return void(out = {kind, u, end});
    if (currency_word_at(s, i, u, end)) {
        // "10 pounds of coffee": a weight, not money ("2 billion pounds of debt" stays money).
        // "copper sales rose 6% to 1.08 billion pounds": pounds of a metal or a crop are a weight.
        if ((s[i] == 'p' || s[i] == 'P') && end - i <= 6 && commodity_before(s, i)) return void(out = {});
        if ((s[i] == 'p' || s[i] == 'P') && end - i <= 6 && num::word_at(s, num::skip_spaces(s, end), "of")) {
            const size_t b = num::skip_spaces_back(s, i);
            if (!(num::word_before(s, b, "million") || num::word_before(s, b, "billion") ||
                  num::word_before(s, b, "bn") || num::word_before(s, b, "mln") || num::word_before(s, b, "m")))
                return void(out = {});
        }
        return void(out = Suffix{SuffixKind::currency, u, end});
    }
    // A code after the figure ("100 EUR", "mln eur"; scaled "12.5 MEUR"), unless it starts the
    // next figure ("2009 EUR 10 mn").
    int exp10 = 0;
    size_t code_at = i;
    if (code_scale_letter(s[i]) && upper3(s, i + 1)) {
        exp10 = code_scale_letter(s[i]);
        code_at = i + 1;
    }
    const bool upper = upper3(s, code_at) && (code_at + 3 == s.size() || !num::is_alnum(s[code_at + 3])) &&
                       iso_code(s.substr(code_at, 3), u);
    if (upper || (code_at == i && code_any_case_at(s, i, u))) {
        size_t j = num::skip_spaces(s, code_at + 3);
        if (j < s.size() && num::is_digit(s[j])) return void(out = {});
        return void(out = Suffix{SuffixKind::currency, u, code_at + 3, exp10});
    }
    out = {};
}

inline Suffix suffix_at(std::string_view s, size_t e) {
    Suffix out;
    read_suffix(s, e, out);
    return out;
}

}  // namespace herald::analysis::units
