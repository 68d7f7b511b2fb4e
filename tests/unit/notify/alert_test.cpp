// herald notify's reading of alerts-topic messages and their Alertmanager form.
#include <doctest/doctest.h>

#include <string>

#include "herald/notify/alert.hpp"
#include "herald/notify/alertmanager.hpp"

using namespace herald::notify;

namespace {
const std::string kAlert =
    R"({"alert_id":"9f2c4e01a7b3d5c8","rule":"cloud-growth","severity":"warning","key":"AMZN","event_id":"seed-000",)"
    R"("event_time":"2026-04-30T21:10:00Z","detected_at":"2026-04-30T21:10:00.004Z","summary":"AWS revenue growth 28% >= 25%",)"
    R"("sentiment":{"score":0.78,"label":"strongly positive"},"metrics":[],)"
    R"("evidence":[{"field":"summary","span":[0,5],"text":"AWS up"},{"field":"headline","span":[0,9],"text":"Amazon beats"}]})";
}  // namespace

TEST_CASE("a published alert is read with its headline and evidence") {
    NotifyAlert a;
    std::string why;
    REQUIRE(parse_alert(kAlert, a, why) == ParseResult::ok);
    CHECK(a.alert_id == "9f2c4e01a7b3d5c8");
    CHECK(a.rule == "cloud-growth");
    CHECK(a.key == "AMZN");
    CHECK(a.headline == "Amazon beats");
    CHECK(a.evidence == "AWS up\nAmazon beats");
    CHECK(a.detected_at_ms == 1777583400004);
    CHECK_FALSE(a.resolved);
    CHECK(a.json == kAlert);
}

TEST_CASE("messages that are not herald alerts are told apart") {
    NotifyAlert a;
    std::string why;
    CHECK(parse_alert("", a, why) == ParseResult::invalid_json);
    CHECK(parse_alert(std::string_view(), a, why) == ParseResult::invalid_json);  // a tombstone: no data pointer
    CHECK(why == "empty message");
    CHECK(parse_alert("{\"rule\":", a, why) == ParseResult::invalid_json);
    CHECK(parse_alert("[1]", a, why) == ParseResult::not_an_alert);
    CHECK(parse_alert(R"({"alert_id":"xyz","rule":"r","severity":"info","key":"K","detected_at":"2026-01-01T00:00:00Z"})", a,
                      why) == ParseResult::not_an_alert);
    CHECK(why == "alert_id is not 16 hex digits");
    CHECK(parse_alert(R"({"alert_id":"0123456789abcdef","rule":"","severity":"info","key":"K","detected_at":"2026-01-01T00:00:00Z"})",
                      a, why) == ParseResult::not_an_alert);
    CHECK(why == "rule, severity or key is empty");
    CHECK(parse_alert(R"({"alert_id":"0123456789abcdef","rule":"r","severity":"info","key":"K"})", a, why) ==
          ParseResult::not_an_alert);
    CHECK(parse_alert(std::string(2000, ' ') + kAlert, a, why, 1024) == ParseResult::oversized);
}

TEST_CASE("long texts are cut on a character boundary") {
    const std::string euros(3000, 'x');
    std::string text = "\xe2\x82\xac" + euros;  // a 3-byte character first
    CHECK(clip_utf8(text, 4) == "...");
    CHECK(clip_utf8("\xe2\x82\xac\xe2\x82\xac", 5) == "...");
    CHECK(clip_utf8("abcdef", 5) == "ab...");
    CHECK(clip_utf8("abc", 5) == "abc");
}

TEST_CASE("tickers become a label, entity names do not") {
    CHECK(looks_like_ticker("AMZN"));
    CHECK(looks_like_ticker("BRK.B"));
    CHECK(looks_like_ticker("7203.T"));
    CHECK_FALSE(looks_like_ticker("_"));
    CHECK_FALSE(looks_like_ticker("Acme Holdings"));
    CHECK_FALSE(looks_like_ticker("1234"));
}

TEST_CASE("Alertmanager gets labels, annotations, times and the console link") {
    NotifyAlert a;
    std::string why;
    REQUIRE(parse_alert(kAlert, a, why) == ParseResult::ok);
    std::vector<AmAlert> am;
    to_am_alerts(a, 3600000, am);
    REQUIRE(am.size() == 1);
    std::string body;
    append_am_body(body, {&am[0]}, "http://console:9470/");
    CHECK(body ==
          R"([{"labels":{"alertname":"cloud-growth","severity":"warning","key":"AMZN","ticker":"AMZN"},)"
          R"("annotations":{"summary":"AWS revenue growth 28% >= 25%","headline":"Amazon beats","evidence":"AWS up\nAmazon beats",)"
          R"("herald_alert_id":"9f2c4e01a7b3d5c8"},"startsAt":"2026-04-30T21:10:00.004Z","endsAt":"2026-04-30T22:10:00.004Z",)"
          R"("generatorURL":"http://console:9470/alerts/9f2c4e01a7b3d5c8"}])");
}

TEST_CASE("a grouped alert reaches Alertmanager as one alert per member rule") {
    const std::string grouped =
        R"({"alert_id":"00000000000000aa","rule":"grouped","severity":"critical","key":"AMZN","event_id":"e",)"
        R"("event_time":"2026-04-30T21:10:00Z","detected_at":"2026-04-30T21:10:00Z","summary":"2 rules",)"
        R"("grouped":[{"alert_id":"00000000000000a1","rule":"r1","severity":"critical","key":"AMZN","summary":"one"},)"
        R"({"alert_id":"00000000000000a2","rule":"r2","severity":"info","key":"AMZN","resolved":true,"summary":"two"}],)"
        R"("evidence":[]})";
    NotifyAlert a;
    std::string why;
    REQUIRE(parse_alert(grouped, a, why) == ParseResult::ok);
    std::vector<AmAlert> am;
    to_am_alerts(a, 1000, am);
    REQUIRE(am.size() == 2);
    CHECK(am[0].rule == "r1");
    CHECK(am[0].ends_ms == a.detected_at_ms + 1000);
    CHECK(am[1].rule == "r2");
    CHECK(am[1].resolved);
    CHECK(am[1].ends_ms == a.detected_at_ms);
}

TEST_CASE("active alerts: resolution removes, expiry drops, a repeat keeps the first start") {
    ActiveAlerts active(2);
    AmAlert a{"id1", "r", "warning", "K", "", "", "", 1000, 5000, false};
    active.update(a);
    AmAlert again = a;
    again.alert_id = "id2";
    again.starts_ms = 2000;
    again.ends_ms = 6000;
    active.update(again);
    std::vector<AmAlert> out;
    active.collect(1500, out);
    REQUIRE(out.size() == 1);
    CHECK(out[0].alert_id == "id2");
    CHECK(out[0].starts_ms == 1000);
    AmAlert other{"id3", "r", "warning", "L", "", "", "", 1000, 3000, false};
    active.update(other);
    out.clear();
    active.collect(4000, out);  // L expired at 3000
    CHECK(out.size() == 1);
    AmAlert resolved = again;
    resolved.resolved = true;
    active.update(resolved);
    CHECK(active.size() == 0);
    for (int i = 0; i < 3; ++i) active.update(AmAlert{"x", "r", "info", std::to_string(i), "", "", "", 0, 100 + i, false});
    CHECK(active.size() == 2);  // capped: the one ending first went
    out.clear();
    active.collect(0, out);
    CHECK(out[0].key == "1");
}

TEST_CASE("active alerts: a partition given up takes its alerts along, the others stay") {
    ActiveAlerts active;
    AmAlert a{"id1", "r", "warning", "K", "", "", "", 1000, 5000, false};
    a.partition = 0;
    AmAlert b{"id2", "r", "warning", "L", "", "", "", 1000, 5000, false};
    b.partition = 2;
    active.update(a);
    active.update(b);
    active.drop_partition(0);
    std::vector<AmAlert> out;
    active.collect(2000, out);
    REQUIRE(out.size() == 1);
    CHECK(out[0].key == "L");
    CHECK(out[0].partition == 2);
}

TEST_CASE("a story's revision and retraction: read, keyed apart for webhooks, a retraction ends the alert") {
    NotifyAlert a;
    std::string why;
    REQUIRE(parse_alert(kAlert, a, why) == ParseResult::ok);
    CHECK(a.revision == 0);
    CHECK_FALSE(a.retracted);
    CHECK(a.idempotency_key() == "9f2c4e01a7b3d5c8");  // unchanged for alerts of no story
    std::string revised = kAlert;
    revised.insert(revised.find(",\"summary\""), R"(,"story_id":"s1","revision":2)");
    REQUIRE(parse_alert(revised, a, why) == ParseResult::ok);
    CHECK(a.revision == 2);
    CHECK(a.idempotency_key() == "9f2c4e01a7b3d5c8/2");
    std::string retracted = kAlert;
    retracted.insert(retracted.find(",\"summary\""), R"(,"story_id":"s1","revision":3,"retracted":true)");
    REQUIRE(parse_alert(retracted, a, why) == ParseResult::ok);
    CHECK(a.retracted);
    CHECK_FALSE(a.resolved);
    CHECK(a.idempotency_key() == "9f2c4e01a7b3d5c8/3x");
    std::vector<AmAlert> am;
    to_am_alerts(a, 3600000, am);
    REQUIRE(am.size() == 1);
    CHECK(am[0].resolved);
    CHECK(am[0].ends_ms == a.detected_at_ms);
}
