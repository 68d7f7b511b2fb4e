#include "herald/core/time.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>

using namespace herald::core;

TEST_CASE("rfc3339: round trip at the edges of the 4-digit years") {
    int64_t ms = 0;
    REQUIRE(parse_rfc3339("9999-12-31T23:59:59.999Z", ms));
    CHECK(ms == kMaxTimeMs);
    CHECK(format_rfc3339(ms) == "9999-12-31T23:59:59.999Z");
    REQUIRE(parse_rfc3339("0000-01-01T00:00:00Z", ms));
    CHECK(ms == kMinTimeMs);
    CHECK(format_rfc3339(ms) == "0000-01-01T00:00:00Z");
    REQUIRE(parse_rfc3339("9999-12-31T23:59:59+23:59", ms));  // earlier than Z: still in range
    CHECK(format_rfc3339(ms) == "9999-12-31T00:00:59Z");
}

TEST_CASE("rfc3339: an offset that leaves the 4-digit years is rejected, not printed as year 0000") {
    int64_t ms = 42;
    CHECK_FALSE(parse_rfc3339("9999-12-31T23:59:59-23:59", ms));
    CHECK_FALSE(parse_rfc3339("9999-12-31T23:59:59-00:01", ms));
    CHECK_FALSE(parse_rfc3339("0000-01-01T00:00:00+00:01", ms));
    CHECK(ms == 42);  // untouched on failure
}

TEST_CASE("rfc3339: printing clamps times no RFC 3339 string can hold") {
    CHECK(format_rfc3339(kMaxTimeMs + 1) == "9999-12-31T23:59:59.999Z");
    CHECK(format_rfc3339(INT64_MAX) == "9999-12-31T23:59:59.999Z");
    CHECK(format_rfc3339(INT64_MIN) == "0000-01-01T00:00:00Z");
    CHECK(format_rfc3339(0) == "1970-01-01T00:00:00Z");
    CHECK(format_rfc3339(-1) == "1969-12-31T23:59:59.999Z");
}

TEST_CASE("durations: a documented maximum, overflow and absurd lengths rejected") {
    int64_t ms = 0;
    CHECK(parse_duration("3650d", ms));
    CHECK(ms == kMaxDurationMs);
    CHECK(parse_duration("6h", ms));
    CHECK(ms == 21'600'000);
    CHECK(parse_duration_status("3651d", ms) == DurationParse::too_long);
    CHECK(parse_duration_status("15250284452w", ms) == DurationParse::too_long);
    CHECK(parse_duration_status("9223372036854775807ms", ms) == DurationParse::too_long);
    CHECK(parse_duration_status("99999999999999999999999d", ms) == DurationParse::too_long);
    CHECK(parse_duration_status("99999999999999999999999x", ms) == DurationParse::bad);
    CHECK(parse_duration_status("6x", ms) == DurationParse::bad);
    CHECK(parse_duration_status("-5m", ms) == DurationParse::bad);
    CHECK_FALSE(parse_duration("15250284452w", ms));
}

TEST_CASE("year_of: the UTC year of an instant, on both sides of its edges and of 1970") {
    int64_t ms = 0;
    REQUIRE(parse_rfc3339("2026-12-31T23:59:59.999Z", ms));
    CHECK(year_of(ms) == 2026);
    CHECK(year_of(ms + 1) == 2027);
    REQUIRE(parse_rfc3339("2024-02-29T12:00:00Z", ms));  // a leap day
    CHECK(year_of(ms) == 2024);
    REQUIRE(parse_rfc3339("2000-01-01T00:00:00Z", ms));
    CHECK(year_of(ms) == 2000);
    CHECK(year_of(ms - 1) == 1999);
    CHECK(year_of(0) == 1970);
    CHECK(year_of(-1) == 1969);
    CHECK(year_of(-86'400'000) == 1969);
    REQUIRE(parse_rfc3339("0001-01-01T00:00:00Z", ms));
    CHECK(year_of(ms) == 1);
}
