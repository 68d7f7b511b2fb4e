#pragma once
// ASCII character helpers, locale-free and branch-light (std::tolower depends on the C locale
// and takes an int): what herald folds is ASCII only; other bytes pass through unchanged.
//
//   herald::core::ascii::lower('Q') == 'q'
//   herald::core::ascii::iequals("AMZN", "amzn")
//   herald::core::ascii::istarts_with("Herald-Rule", "herald-")
#include <string>
#include <string_view>

namespace herald::core::ascii {

constexpr bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool is_alpha(char c) { return is_lower(static_cast<char>(c | 0x20)); }
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr char lower(char c) { return is_upper(c) ? static_cast<char>(c | 0x20) : c; }

// Equal but for ASCII case.
constexpr bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

// s begins with prefix, but for ASCII case ("Content-Type: x" with "content-type:").
constexpr bool istarts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

// s with its ASCII letters lowercased.
inline std::string lowered(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = lower(c);
    return out;
}

}  // namespace herald::core::ascii
