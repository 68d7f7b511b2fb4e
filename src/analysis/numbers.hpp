#pragma once
// Byte-level helpers shared by the quantity, metric and period extractors: ASCII classes,
// case-insensitive word matching and exact decimal scaling. Header-only so the hot loops inline.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "herald/core/ascii.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace herald::analysis::num {

using core::ascii::is_alpha;
using core::ascii::is_digit;
inline bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }
using core::ascii::is_upper;
using core::ascii::lower;
// Non-ASCII lead/continuation bytes count as letters: "é" inside a word keeps it whole.
inline bool is_wordch(char c) { return is_alnum(c) || (static_cast<unsigned char>(c) >= 0x80); }
inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// True when any of the 8 bytes at p is an ASCII digit (SWAR: digits become bytes < 10 after xor '0').
inline bool has_digit8(const char* p) {
    uint64_t x;
    std::memcpy(&x, p, 8);
    uint64_t t = x ^ 0x3030303030303030ull;
    uint64_t less10 = (t - 0x0A0A0A0A0A0A0A0Aull) & ~t & 0x8080808080808080ull;
    return less10 != 0;
}

// Index of the first ASCII digit in s at or after i, or s.size(). Most text has no digit: SSE2
// tests 16 bytes per step (8 with the portable SWAR test elsewhere).
inline size_t next_digit(std::string_view s, size_t i) {
    const size_t n = s.size();
    const char* p = s.data();
#if defined(__SSE2__)
    // Digit bytes of p[q .. q + 16): d <= 9 as unsigned bytes exactly for '0'..'9'.
    auto digits = [](const char* q) {
        const __m128i d = _mm_sub_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(q)), _mm_set1_epi8('0'));
        return _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d);
    };
    // Prose has long digit-free stretches: one test per 64 bytes, then the 16-byte steps find the byte.
    while (i + 64 <= n && !_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(digits(p + i), digits(p + i + 16)),
                                                           _mm_or_si128(digits(p + i + 32), digits(p + i + 48)))))
        i += 64;
    for (; i + 16 <= n; i += 16)
        if (const int mask = _mm_movemask_epi8(digits(p + i)))
            return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
#else
    while (i + 8 <= n && !has_digit8(p + i)) i += 8;
#endif
    while (i < n && !is_digit(p[i])) ++i;
    return i;
}

// True when s[i..] starts with `lit` (lower-case ASCII) ignoring case.
inline bool starts_ci(std::string_view s, size_t i, std::string_view lit) {
    if (i + lit.size() > s.size()) return false;
    const char* p = s.data() + i;
    for (size_t k = 0; k < lit.size(); ++k) {
        // lower(c) == l: equal bytes (the common case, one compare), or c is l's capital.
        const char c = p[k], l = lit[k];
        if (c != l && (static_cast<char>(c | 0x20) != l || l < 'a' || l > 'z')) return false;
    }
    return true;
}

// Length of `lit` when it is a whole word at s[i] (no letter or digit right after), else 0.
inline size_t word_at(std::string_view s, size_t i, std::string_view lit) {
    if (!starts_ci(s, i, lit)) return 0;
    size_t e = i + lit.size();
    if (e < s.size() && is_alnum(s[e])) return 0;
    return lit.size();
}

// True when `lit` is a whole word ending exactly at s[end).
inline bool word_before(std::string_view s, size_t end, std::string_view lit) {
    if (end < lit.size()) return false;
    size_t b = end - lit.size();
    if (!starts_ci(s, b, lit)) return false;
    return b == 0 || !is_alnum(s[b - 1]);
}

inline size_t skip_spaces(std::string_view s, size_t i) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    // U+00A0 no-break space, U+202F narrow no-break space, U+2009 thin space
    while (i + 1 < s.size()) {
        unsigned char a = static_cast<unsigned char>(s[i]);
        if (a == 0xC2 && static_cast<unsigned char>(s[i + 1]) == 0xA0) i += 2;
        else if (a == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                 (static_cast<unsigned char>(s[i + 2]) == 0xAF || static_cast<unsigned char>(s[i + 2]) == 0x89))
            i += 3;
        else break;
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    }
    return i;
}

inline size_t skip_spaces_back(std::string_view s, size_t end) {
    while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\t')) --end;
    if (end >= 2 && static_cast<unsigned char>(s[end - 2]) == 0xC2 && static_cast<unsigned char>(s[end - 1]) == 0xA0)
        return skip_spaces_back(s, end - 2);
    return end;
}

// "-", en dash "–" or minus sign "−" at s[i]: its byte length, else 0.
inline size_t dash_at(std::string_view s, size_t i) {
    if (i < s.size() && s[i] == '-') return 1;
    if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s[i + 2]) == 0x93)
        return 3;
    if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x88 &&
        static_cast<unsigned char>(s[i + 2]) == 0x92)
        return 3;
    return 0;
}

// A decimal as written: digits, optional thousands groups and fraction, kept exact.
struct Decimal {
    uint64_t mantissa = 0;  // all digits: 37.6 -> 376
    int decimals = 0;       // digits after the point: 37.6 -> 1
    size_t begin = 0, end = 0;
    bool grouped = false;   // had thousands separators
    int int_digits = 0;     // digits before the point
};

// Parses at s[i] (a digit). Accepts "1,173", "37.6", "884,000" and the tokenized "1 .4".
inline bool parse_decimal(std::string_view s, size_t i, Decimal& d) {
    const size_t n = s.size();
    d = {};
    d.begin = i;
    int digits = 0;
    auto take = [&](char c) {
        if (digits >= 18) return false;  // longer than any figure herald normalizes
        d.mantissa = d.mantissa * 10 + static_cast<uint64_t>(c - '0');
        ++digits;
        return true;
    };
    while (i < n && is_digit(s[i])) {
        if (!take(s[i])) return false;
        ++d.int_digits;
        ++i;
        // A thousands separator is a comma followed by exactly three digits.
        if (i + 3 < n && s[i] == ',' && is_digit(s[i + 1]) &&
            is_digit(s[i + 2]) && is_digit(s[i + 3]) && (i + 4 >= n || !is_digit(s[i + 4]))) {
            d.grouped = true;
            ++i;
        }
    }
    // Tokenized text splits "512,000" as "512 ,000": join the groups when the integer part is short.
    if (!d.grouped && d.int_digits <= 3) {
        while (i + 4 < n && s[i] == ' ' && s[i + 1] == ',' && is_digit(s[i + 2]) && is_digit(s[i + 3]) &&
               is_digit(s[i + 4]) && (i + 5 >= n || !is_digit(s[i + 5]))) {
            for (size_t k = i + 2; k < i + 5; ++k) {
                if (!take(s[k])) return false;
                ++d.int_digits;
            }
            d.grouped = true;
            i += 5;
        }
        if (d.grouped) {
            d.end = i;
            return true;
        }
    }
    // Indian grouping: one or two digits, pairs, then a group of three ("5,00,000" five lakh,
    // "2,35,000", "1,00,00,000" one crore). Read whole, or the figure would stop at the first comma.
    if (!d.grouped && d.int_digits <= 2 && i < n && s[i] == ',') {
        size_t k = i;
        int pairs = 0;
        while (k + 3 < n && s[k] == ',' && is_digit(s[k + 1]) && is_digit(s[k + 2]) && s[k + 3] == ',') {
            k += 3;
            ++pairs;
        }
        if (pairs > 0 && k + 3 < n && s[k] == ',' && is_digit(s[k + 1]) && is_digit(s[k + 2]) && is_digit(s[k + 3]) &&
            (k + 4 >= n || !is_digit(s[k + 4]))) {
            for (const size_t end = k + 4; i < end; ++i) {
                if (s[i] == ',') continue;
                if (!take(s[i])) return false;
                ++d.int_digits;
            }
            d.grouped = true;
        }
    }
    // Tokenized text splits "1.4" as "1 .4": join when the integer part is short.
    if (i + 2 < n && s[i] == ' ' && s[i + 1] == '.' && is_digit(s[i + 2]) && !d.grouped && d.int_digits <= 3) ++i;
    if (i + 1 < n && s[i] == '.' && is_digit(s[i + 1])) {
        ++i;
        while (i < n && is_digit(s[i])) {
            if (!take(s[i])) return false;
            ++d.decimals;
            ++i;
        }
    }
    d.end = i;
    return digits > 0;
}

// A decimal comma right after d ("12,4", "0,45": one or two digits, then no digit): its end, else 0.
// Whether it is a decimal comma and not a list ("1,5 and 7") is the caller's call.
inline size_t decimal_comma_end(std::string_view s, const Decimal& d) {
    size_t i = d.end;
    if (d.grouped || d.decimals || i + 1 >= s.size() || s[i] != ',' || !is_digit(s[i + 1])) return 0;
    size_t k = i + 1;
    while (k < s.size() && is_digit(s[k]) && k - i <= 3) ++k;
    return k - i - 1 <= 2 ? k : 0;
}

// Appends the fraction digits s[from, to) to d (after a decimal comma).
inline bool append_fraction(std::string_view s, size_t from, size_t to, Decimal& d) {
    for (size_t k = from; k < to; ++k) {
        if (d.int_digits + d.decimals >= 18) return false;
        d.mantissa = d.mantissa * 10 + static_cast<uint64_t>(s[k] - '0');
        ++d.decimals;
    }
    d.end = to;
    return true;
}

inline constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// mantissa * 10^(exp10 - decimals), with one rounding: 37.6 billion -> 376 * 1e8 exactly.
inline double scaled(const Decimal& d, int exp10) {
    int e = exp10 - d.decimals;
    double m = static_cast<double>(d.mantissa);
    if (e >= 0) return e <= 22 ? m * kPow10[e] : m * 1e22 * kPow10[e - 22];
    return -e <= 22 ? m / kPow10[-e] : 0.0;
}

}  // namespace herald::analysis::num
