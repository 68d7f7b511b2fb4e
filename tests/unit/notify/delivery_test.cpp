// Webhook bodies, offsets waiting on deliveries, backoff.
#include <doctest/doctest.h>

#include <string>

#include "herald/notify/body_template.hpp"
#include "herald/notify/http_client.hpp"
#include "herald/notify/offset_ledger.hpp"
#include "herald/notify/target_worker.hpp"

using namespace herald::notify;

TEST_CASE("a Slack body template escapes what it fills in") {
    BodyTemplate t;
    std::string error;
    REQUIRE(BodyTemplate::compile(R"({"text":"*{{severity}}* {{ rule }} {{key}}: {{summary}} <{{console_link}}|more>"})", t,
                                  error));
    NotifyAlert a;
    a.alert_id = "0123456789abcdef";
    a.rule = "cloud-growth";
    a.severity = "critical";
    a.key = "AMZN";
    a.summary = "growth \"28%\"\nabove";
    std::string body;
    t.render(a, "http://c", body);
    CHECK(body == R"({"text":"*critical* cloud-growth AMZN: growth \"28%\"\nabove <http://c/alerts/0123456789abcdef|more>"})");
}

TEST_CASE("{{alert}} is the alert as published; no template sends it as is") {
    BodyTemplate t;
    std::string error;
    REQUIRE(BodyTemplate::compile(R"({"source":"herald","alert":{{alert}}})", t, error));
    NotifyAlert a;
    a.json = R"({"alert_id":"0123456789abcdef"})";
    std::string body;
    t.render(a, "", body);
    CHECK(body == R"({"source":"herald","alert":{"alert_id":"0123456789abcdef"}})");
    BodyTemplate none;
    REQUIRE(BodyTemplate::compile("", none, error));
    none.render(a, "", body);
    CHECK(body == a.json);
}

TEST_CASE("bad templates are refused at start-up with the reason") {
    BodyTemplate t;
    std::string error;
    CHECK_FALSE(BodyTemplate::compile(R"({"text":"{{nope}}"})", t, error));
    CHECK(error.find("unknown placeholder {{nope}}") == 0);
    CHECK_FALSE(BodyTemplate::compile(R"({"text":"{{rule"})", t, error));
    CHECK(error.find("no closing") != std::string::npos);
    CHECK_FALSE(BodyTemplate::compile(R"({"text": {{rule}} })", t, error));
    CHECK(error.find("not valid JSON") != std::string::npos);
}

TEST_CASE("the stored offset never passes an alert still on its way") {
    OffsetLedger l;
    const uint64_t g = l.add(0, 10);
    l.add(0, 11);
    l.add(0, 13);  // offsets need not be contiguous (transaction markers)
    CHECK(l.pending() == 3);
    CHECK(l.done(0, g, 11) == -1);
    CHECK(l.done(0, g, 10) == 12);
    CHECK(l.done(0, g, 10) == -1);  // twice: no effect
    CHECK(l.done(0, g, 13) == 14);
    CHECK(l.pending() == 0);
}

TEST_CASE("deliveries finishing after their partition was revoked are ignored") {
    OffsetLedger l;
    const uint64_t old_gen = l.add(1, 5);
    l.drop(1);
    CHECK(l.pending() == 0);
    const uint64_t new_gen = l.add(1, 5);
    CHECK(new_gen != old_gen);
    CHECK(l.done(1, old_gen, 5) == -1);
    CHECK(l.done(1, new_gen, 5) == 6);
}

TEST_CASE("backoff doubles up to the cap, jitter takes at most a fifth off") {
    CHECK(backoff_ms(1, 500, 30000, 0) <= 500);
    CHECK(backoff_ms(1, 500, 30000, 7) >= 400);
    CHECK(backoff_ms(3, 500, 30000, 0) > 1600);
    CHECK(backoff_ms(3, 500, 30000, 0) <= 2000);
    CHECK(backoff_ms(40, 500, 30000, 3) <= 30000);
    CHECK(backoff_ms(40, 500, 30000, 3) >= 24000);
}

TEST_CASE("URLs in logs and labels keep only scheme, host and port") {
    CHECK(url_origin("https://hooks.slack.com/services/T000/B000/XXXX") == "https://hooks.slack.com");
    CHECK(url_origin("http://user:secret@am:9093/") == "http://am:9093");
    CHECK(url_origin("http://127.0.0.1:9093") == "http://127.0.0.1:9093");
    HttpResult r;
    r.status = 429;
    CHECK_FALSE(r.permanent());
    r.status = 400;
    CHECK(r.permanent());
    r.status = 503;
    CHECK_FALSE(r.permanent());
}
