#pragma once
// The words and numbers period expressions are made of (years, months, ordinals, counts) and the
// small buffer a period is written to: shared by the scanner, its date readers and the settling.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "metrics_words.hpp"
#include "numbers.hpp"

namespace herald::analysis::periods {

using words::eq_ci;

// A year token: 4 digits from 1900 to 2099; 0 when it is none.
inline int year_of(std::string_view t) {
    if (t.size() != 4 || !num::is_digit(t[0]) || !num::is_digit(t[1]) || !num::is_digit(t[2]) || !num::is_digit(t[3]))
        return 0;
    if (t[0] == '1' ? t[1] != '9' : !(t[0] == '2' && t[1] == '0')) return 0;
    return (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
}
inline bool is_year(std::string_view t) { return year_of(t) != 0; }

inline int ordinal(std::string_view w) {
    static constexpr std::string_view kOrd[] = {"first", "second", "third", "fourth"};
    for (int i = 0; i < 4; ++i)
        if (eq_ci(w, kOrd[i])) return i + 1;
    return 0;
}

inline constexpr std::string_view kMonthNames[] = {"january", "february", "march",     "april",   "may",      "june",
                                            "july",    "august",   "september", "october", "november", "december"};
inline constexpr std::string_view kMonthShort[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

inline int month(std::string_view w) {
    for (int i = 0; i < 12; ++i)
        if (eq_ci(w, kMonthNames[i])) return i + 1;
    return 0;
}

// A month written whole or abbreviated ("Sept", "Dec"); "may"/"mar" in any case count here, the
// callers decide from the context whether a month is meant.
inline int month_or_abbrev(std::string_view w) {
    if (int m = month(w)) return m;
    if (eq_ci(w, "sept")) return 9;
    if (w.size() != 3) return 0;
    for (int i = 0; i < 12; ++i)
        if (eq_ci(w, std::string_view(kMonthNames[i]).substr(0, 3))) return i + 1;
    return 0;
}

inline int count_word(std::string_view w) {
    static constexpr std::string_view kCount[] = {"three", "six", "nine", "twelve"};
    static constexpr int kN[] = {3, 6, 9, 12};
    for (int i = 0; i < 4; ++i)
        if (eq_ci(w, kCount[i])) return kN[i];
    return 0;
}

struct Writer {
    char buf[24];
    size_t n = 0;
    int quarter_month = 0, quarter_year = 0;  // a month-named quarter (Found::quarter_month)
    int fy_end = 0;                           // Period::fy_end
    void add(std::string_view s) {
        for (char c : s)
            if (n < sizeof buf) buf[n++] = c;
    }
    void add_int(int v) {  // non-negative: months, quarters, years
        char t[12];
        size_t k = sizeof t;
        do {
            t[--k] = static_cast<char>('0' + v % 10);
            v /= 10;
        } while (v > 0 && k > 0);
        add({t + k, sizeof t - k});
    }
    void year(int y) {
        if (!y) return;
        if (n && buf[n - 1] != 'Y') add(" ");
        add_int(y);
    }
    std::string_view view() const { return {buf, n}; }
};

constexpr uint64_t key_of(std::string_view w) {
    uint64_t v = 0;
    for (size_t i = 0; i < w.size() && i < 8; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(w[i])) << (8 * i);
    return v;
}

}  // namespace herald::analysis::periods
