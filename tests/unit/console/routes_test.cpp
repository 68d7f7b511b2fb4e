#include "herald/console/routes.hpp"

#include <doctest/doctest.h>

#include "console_fixtures.hpp"

using namespace herald::console;
using test::id_of;
using test::record;

namespace {
struct Fixture {
    test::ScratchDir dir;
    std::string error;
    std::unique_ptr<Store> store = Store::open(dir.db(), error);
    ConsoleMetrics metrics;
    Fixture() {
        REQUIRE(store);
        std::vector<Row> added;
        REQUIRE(store->add({record(id_of(1), "growth", "AMZN", "info"), record(id_of(2), "downgrade", "MSFT", "critical")},
                           {}, 0, added, error));
    }
};

Reply get(Router& r, std::string_view target) { return r.handle({.method = "GET", .target = target}, 0); }

Reply post(Router& r, std::string_view target, std::string_view type = "application/json") {
    return r.handle({.method = "POST", .target = target, .content_type = type}, 1'765'000'000'000);
}

bool has_header(const Reply& r, const std::string& name, const std::string& part) {
    for (const auto& [n, v] : r.headers)
        if (n == name && v.find(part) != std::string::npos) return true;
    return false;
}
}  // namespace

TEST_CASE("query strings are decoded; the alert link is /alerts/<id>") {
    auto q = parse_query("ticker=BRK.B&q=up%2028%25+yoy&empty=&flag");
    CHECK(q["ticker"] == "BRK.B");
    CHECK(q["q"] == "up 28% yoy");
    CHECK(q["empty"].empty());
    CHECK(q.count("flag") == 1);
    CHECK(parse_query("bad=%zz%4")["bad"] == "%zz%4");
    CHECK(alert_path("00000000000000aa") == "/alerts/00000000000000aa");
}

TEST_CASE("the API lists with filters, returns one alert, and refuses bad parameters in one line") {
    Fixture f;
    Router router(*f.store, &f.metrics, {});
    Reply r = get(router, "/api/alerts?ticker=MSFT");
    CHECK(r.status == 200);
    CHECK(r.content_type == "application/json");
    CHECK(r.body.find(id_of(2)) != std::string::npos);
    CHECK(r.body.find(id_of(1)) == std::string::npos);
    CHECK(r.body.find("\"link\":\"/alerts/" + id_of(2) + "\"") != std::string::npos);
    CHECK(get(router, "/api/alerts?severity=info").body.find(id_of(1)) != std::string::npos);
    CHECK(get(router, "/api/alerts?since=2026-12-06T09:00:00Z").body.find(id_of(1)) != std::string::npos);
    CHECK(get(router, "/api/alerts?since=2026-12-06T11:00:00Z").body.find(id_of(1)) == std::string::npos);
    CHECK(get(router, "/api/alerts?ticker=none").body.find("\"last_seq\":2") != std::string::npos);
    r = get(router, "/api/alerts?limit=1");
    CHECK(r.body.find("\"next_before\":null") == std::string::npos);  // there is more
    CHECK(get(router, "/api/alerts?limit=0").status == 400);
    CHECK(get(router, "/api/alerts?since=yesterday").status == 400);
    CHECK(get(router, "/api/alerts?before=x").status == 400);
    r = get(router, "/api/alerts/" + id_of(1));
    CHECK(r.status == 200);
    CHECK(r.body.find("\"alert\":{\"alert_id\":\"" + id_of(1)) != std::string::npos);
    CHECK(get(router, "/api/alerts/" + id_of(9)).status == 404);
    CHECK(get(router, "/api/alerts/nothex").status == 404);
    CHECK(get(router, "/nowhere").status == 404);
    CHECK(router.handle({.method = "DELETE", .target = "/api/alerts"}, 0).status == 405);
}

TEST_CASE("a row says its revision and whether it was retracted") {
    Fixture f;
    Router router(*f.store, &f.metrics, {});
    CHECK(get(router, "/api/alerts/" + id_of(1)).body.find("\"revision\":0,\"retracted\":false") != std::string::npos);
    std::vector<Row> added;
    REQUIRE(f.store->add({test::revised(id_of(1), "AMZN", 1, true, "retracted: story s1 was deleted")}, {}, 0, added,
                         f.error));
    const Reply r = get(router, "/api/alerts?ticker=AMZN");
    CHECK(r.body.find("\"revision\":1,\"retracted\":true") != std::string::npos);
    CHECK(r.body.find("retracted: story s1 was deleted") != std::string::npos);
}

TEST_CASE("acknowledge and mute are POSTs with a JSON type (no cross-site form can send them)") {
    Fixture f;
    Router router(*f.store, &f.metrics, {});
    CHECK(get(router, "/api/alerts/" + id_of(1) + "/ack").status == 405);
    CHECK(post(router, "/api/alerts/" + id_of(1) + "/ack", "application/x-www-form-urlencoded").status == 415);
    Reply r = post(router, "/api/alerts/" + id_of(1) + "/ack");
    CHECK(r.status == 200);
    CHECK(r.update.find("\"acknowledged_at\":\"") != std::string::npos);  // streamed to every browser
    CHECK(get(router, "/api/alerts?ticker=AMZN").body.find("\"acknowledged_at\":null") == std::string::npos);
    r = post(router, "/api/alerts/" + id_of(2) + "/mute");
    CHECK(r.status == 200);
    CHECK(r.body.find("\"mute_active\":true") != std::string::npos);
    CHECK(post(router, "/api/alerts/" + id_of(2) + "/unmute").body.find("\"mute_active\":false") != std::string::npos);
    CHECK(post(router, "/api/alerts/" + id_of(9) + "/ack").status == 404);
    CHECK(post(router, "/api/alerts/" + id_of(1) + "/delete").status == 404);
}

TEST_CASE("the page, the event stream, stats, metrics and health") {
    Fixture f;
    Router router(*f.store, &f.metrics, {});
    for (const std::string& path : {std::string("/"), "/alerts/" + id_of(1)}) {
        Reply r = get(router, path);
        CHECK(r.status == 200);
        CHECK(r.content_type.rfind("text/html", 0) == 0);
        CHECK(r.body.find("<title>herald console</title>") != std::string::npos);
        CHECK(has_header(r, "Content-Security-Policy", "default-src 'none'"));
    }
    Reply r = get(router, "/events");
    CHECK(r.stream);
    CHECK(r.after_seq == -1);  // only new ones
    r = router.handle({.method = "GET", .target = "/events", .last_event_id = "41"}, 0);
    CHECK(r.after_seq == 41);
    CHECK(get(router, "/events?after=7").after_seq == 7);
    CHECK(get(router, "/events?after=0").after_seq == 0);  // everything stored after the page's (empty) list
    CHECK(get(router, "/events?after=-1").status == 400);
    r = get(router, "/api/stats?hours=24");
    CHECK(r.status == 200);
    CHECK(r.body.find("\"bucket_seconds\":3600") != std::string::npos);
    CHECK(get(router, "/api/stats?hours=0").status == 400);
    CHECK(get(router, "/healthz").body == "ok\n");
    r = get(router, "/metrics");
    CHECK(r.body.find("herald_console_http_requests_total{route=\"api_stats\",status=\"4xx\"} 1") != std::string::npos);
}

TEST_CASE("with a token: Bearer header or the page's cookie; /?token= sets the cookie; /healthz stays open") {
    Fixture f;
    const std::string token = "0123456789abcdef-token";
    Router router(*f.store, &f.metrics, {.token = token});
    Reply r = get(router, "/api/alerts");
    CHECK(r.status == 401);
    CHECK(has_header(r, "WWW-Authenticate", "Bearer"));
    CHECK(get(router, "/events").status == 401);
    CHECK(get(router, "/").status == 401);
    CHECK(router.handle({.method = "GET", .target = "/api/alerts", .authorization = "Bearer " + token}, 0).status == 200);
    CHECK(router.handle({.method = "GET", .target = "/api/alerts", .authorization = "Bearer wrong"}, 0).status == 401);
    CHECK(router.handle({.method = "GET", .target = "/api/alerts", .cookie = "a=b; herald_console_token=" + token}, 0).status == 200);
    r = get(router, "/alerts/" + id_of(1) + "?token=" + token);
    CHECK(r.status == 303);
    CHECK(has_header(r, "Set-Cookie", "HttpOnly"));
    CHECK(has_header(r, "Location", "/alerts/" + id_of(1)));
    CHECK(get(router, "/?token=wrong").status == 401);
    CHECK(get(router, "/healthz").status == 200);
}
