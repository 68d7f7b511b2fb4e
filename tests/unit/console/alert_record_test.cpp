#include "herald/console/alert_record.hpp"

#include <doctest/doctest.h>

#include "console_fixtures.hpp"
#include "herald/core/time.hpp"

using namespace herald::console;

TEST_CASE("a herald alert is read with the fields the console filters on, and kept whole") {
    AlertParser parser;
    AlertRecord r;
    std::string reason;
    const std::string json = test::alert_json("00000000000000aa", "aws-growth", "AMZN", "critical", true);
    REQUIRE(parser.parse(json, r, reason));
    CHECK(r.id == "00000000000000aa");
    CHECK(r.rule == "aws-growth");
    CHECK(r.severity == "critical");
    CHECK(r.key == "AMZN");
    CHECK(r.resolved);
    CHECK(r.has_sentiment);
    CHECK(r.sentiment == doctest::Approx(0.5));
    int64_t detected = 0;
    REQUIRE(herald::core::parse_rfc3339("2026-12-06T10:00:00Z", detected));
    CHECK(r.detected_ms == detected);
    CHECK(r.event_time_ms == detected - 60'000);
    CHECK(r.json == json);
}

TEST_CASE("a story update's revision number and retraction are read; a first publication is revision 0") {
    const AlertRecord first = test::record("00000000000000aa", "growth", "AMZN");
    CHECK(first.revision == 0);
    CHECK_FALSE(first.retracted);
    const AlertRecord second = test::revised("00000000000000aa", "AMZN", 2, false, "AWS revenue up 29% yoy");
    CHECK(second.revision == 2);
    CHECK_FALSE(second.retracted);
    const AlertRecord gone = test::revised("00000000000000aa", "AMZN", 3, true, "retracted: story s1 was deleted");
    CHECK(gone.revision == 3);
    CHECK(gone.retracted);
}

TEST_CASE("messages that are not herald alerts are refused with a reason, and the parser goes on") {
    AlertParser parser;
    AlertRecord r;
    std::string reason, detail;
    CHECK_FALSE(parser.parse("not json at all", r, reason, &detail));
    CHECK(reason == "not_json");
    CHECK_FALSE(parser.parse("[1,2,3]", r, reason));
    CHECK(reason == "not_alert");
    CHECK_FALSE(parser.parse(R"({"alert_id":"xyz","rule":"r","severity":"info","key":"K","detected_at":"2026-01-01T00:00:00Z"})", r, reason, &detail));
    CHECK(reason == "not_alert");
    CHECK(detail.find("alert_id") != std::string::npos);
    CHECK_FALSE(parser.parse(R"({"alert_id":"00000000000000aa","rule":"r","severity":"loud","key":"K","detected_at":"2026-01-01T00:00:00Z"})", r, reason));
    CHECK(reason == "not_alert");
    CHECK_FALSE(parser.parse(R"({"alert_id":"00000000000000aa","rule":"r","severity":"info","key":"K"})", r, reason));
    CHECK(reason == "not_alert");
    CHECK_FALSE(parser.parse(std::string(kMaxAlertBytes + 1, ' '), r, reason));
    CHECK(reason == "too_large");
    // Still fine after all that.
    CHECK(parser.parse(test::alert_json("00000000000000ab", "r", "K"), r, reason));
}
