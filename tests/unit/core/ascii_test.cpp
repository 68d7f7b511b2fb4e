// core::ascii: case folding of ASCII letters only; other bytes (UTF-8 included) unchanged.
#include "herald/core/ascii.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace herald::core;

TEST_CASE("lower folds A-Z only") {
    CHECK(ascii::lower('A') == 'a');
    CHECK(ascii::lower('Z') == 'z');
    CHECK(ascii::lower('a') == 'a');
    CHECK(ascii::lower('@') == '@');  // one below 'A'
    CHECK(ascii::lower('[') == '[');  // one above 'Z'
    CHECK(ascii::lower('0') == '0');
    CHECK(ascii::lower(static_cast<char>(0xC3)) == static_cast<char>(0xC3));  // UTF-8 lead byte
    CHECK(ascii::lowered("AMZN Q1 \xC3\x89t\xC3\xA9") == "amzn q1 \xC3\x89t\xC3\xA9");
}

TEST_CASE("classes") {
    CHECK(ascii::is_alpha('q'));
    CHECK(ascii::is_alpha('Q'));
    CHECK_FALSE(ascii::is_alpha('@'));
    CHECK_FALSE(ascii::is_alpha('`'));
    CHECK_FALSE(ascii::is_alpha('1'));
    CHECK(ascii::is_digit('7'));
    CHECK_FALSE(ascii::is_digit('a'));
    CHECK(ascii::is_upper('M'));
    CHECK_FALSE(ascii::is_upper('m'));
}

TEST_CASE("iequals ignores ASCII case and nothing else") {
    CHECK(ascii::iequals("AMZN", "amzn"));
    CHECK(ascii::iequals("", ""));
    CHECK_FALSE(ascii::iequals("AMZN", "AMZ"));
    CHECK_FALSE(ascii::iequals("a@", "a`"));  // '@' and '`' differ by 0x20 but are not letters
    CHECK_FALSE(ascii::iequals("\xC3\x89", "\xC3\xA9"));  // É and é: not ASCII
    static_assert(ascii::iequals("Ab", "aB"));
}

TEST_CASE("istarts_with: a prefix but for ASCII case") {
    CHECK(ascii::istarts_with("Content-Type: text/plain", "content-type:"));
    CHECK(ascii::istarts_with("HERALD-RULE", "herald-"));
    CHECK(ascii::istarts_with("abc", ""));
    CHECK_FALSE(ascii::istarts_with("herald", "herald-"));  // shorter than the prefix
    CHECK_FALSE(ascii::istarts_with("x-herald-rule", "herald-"));
    CHECK_FALSE(ascii::istarts_with("herald_rule", "herald-"));
    static_assert(ascii::istarts_with("Herald-Rule", "herald-"));
}
