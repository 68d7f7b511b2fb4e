// The alert message: field order and content as docs/contracts.md "Alert", deterministic ids.
#include <doctest/doctest.h>

#include "herald/core/hash.hpp"
#include "test_support.hpp"

using namespace herald::rules;
using namespace herald::rules::test;
using herald::analysis::MetricKind;

TEST_CASE("alert_id is a stable hash of rule, key, event id and the resolved flag") {
    char a[17], b[17], c[17], d[17], e[17];
    make_alert_id("cloud-growth", "AMZN", "seed-000", false, a);
    make_alert_id("cloud-growth", "AMZN", "seed-000", false, b);
    make_alert_id("cloud-growth", "AMZN", "seed-000", true, c);
    make_alert_id("cloud-growt", "hAMZN", "seed-000", false, d);
    make_alert_id("cloud-growth", "MSFT", "seed-000", false, e);
    CHECK(std::string(a) == b);
    CHECK(std::string(a).size() == 16);
    CHECK(std::string(a) != c);
    CHECK(std::string(a) != d);
    CHECK(std::string(a) != e);
    // The formula is a contract: recompute it independently.
    using namespace herald::core;
    uint64_t h = fnv1a64("seed-000", fnv1a64("\x1f", fnv1a64("AMZN", fnv1a64("\x1f", fnv1a64("cloud-growth")))));
    char expect[17];
    to_hex16(mix64(h), expect);
    CHECK(std::string(a) == expect);
}

TEST_CASE("alert JSON has every contract field in order, source only with a partition") {
    Engine engine(must_load(R"Y(rules:
  - id: cloud-growth
    severity: warning
    when: metric("revenue", entity="AWS").change.percent >= 25%
    summary: "{entity} revenue growth {metric.change.percent}% >= 25%"
)Y"));
    Fixture f;
    f.id("seed-000").at(kT0).summary("Amazon reported $37.6B in AWS revenue, up 28% year over year. More \"quoted\" text.");
    f.sentiment(0.78).entity("Amazon", "AMZN", 0.74, 6);
    f.metric(MetricKind::revenue, "Amazon", "AMZN", 37.6e9, "$37.6B", 28, true);
    f.analysis.metrics[0].segment = "AWS";  // entity="AWS" selects the segment's figure
    auto alerts = run(engine, f);
    REQUIRE(alerts.size() == 1);
    std::string json;
    append_alert_json(json, alerts[0], f.ctx(), {"news", 3, 1234}, kT0 + 4);
    std::string id(alerts[0].alert_id);
    std::string head = "{\"alert_id\":\"" + id +
                       "\",\"rule\":\"cloud-growth\",\"severity\":\"warning\",\"key\":\"AMZN\",\"event_id\":\"seed-000\","
                       "\"event_time\":\"2026-04-30T21:10:00Z\",\"detected_at\":\"2026-04-30T21:10:00.004Z\","
                       "\"summary\":\"Amazon revenue growth 28% >= 25%\",\"relevance\":0,\"sentiment\":{\"score\":0.78,\"label\":\"strongly positive\"},"
                       "\"metrics\":[{\"kind\":\"revenue\",\"entity\":\"Amazon\",\"segment\":\"AWS\",\"ticker\":\"AMZN\",\"value\":37600000000";
    CHECK(json.substr(0, head.size()) == head);
    std::string tail =
        "\"evidence\":[{\"field\":\"summary\",\"span\":[0,61],\"text\":\"Amazon reported $37.6B in AWS revenue, up 28% year over "
        "year.\"}],\"explain\":{\"compared\":[{\"read\":\"metric(\\\"revenue\\\", entity=\\\"AWS\\\").change.percent\","
        "\"value\":28,\"op\":\">=\",\"threshold\":25}]},\"source\":{\"topic\":\"news\",\"partition\":3,\"offset\":1234}}";
    REQUIRE(json.size() > tail.size());
    CHECK(json.substr(json.size() - tail.size()) == tail);
    CHECK(json.find("\"resolved\"") == std::string::npos);

    std::string offline;
    append_alert_json(offline, alerts[0], f.ctx(), {}, kT0);
    CHECK(offline.find("\"source\"") == std::string::npos);
    CHECK(offline.back() == '}');
}

TEST_CASE("resolved alerts carry resolved:true") {
    Engine engine(must_load(R"Y(rules:
  - id: r
    severity: info
    when: sentiment.score < 0
    resolved: true
)Y"));
    Fixture bad;
    bad.id("1").at(kT0).headline("Bad \"news\"").sentiment(-0.5);
    Fixture good;
    good.id("2").at(kT0 + 1).headline("Good news").sentiment(0.5);
    REQUIRE(run(engine, bad).size() == 1);
    auto alerts = run(engine, good);
    REQUIRE(alerts.size() == 1);
    std::string json;
    append_alert_json(json, alerts[0], good.ctx(), {}, kT0);
    CHECK(json.find("\"detected_at\":\"2026-04-30T21:10:00.000Z\",\"resolved\":true,\"summary\":\"resolved: r (_)\"") !=
          std::string::npos);
    CHECK(json.find("\"evidence\":[{\"field\":\"headline\",\"span\":[0,9],\"text\":\"Good news\"}]") != std::string::npos);
}

TEST_CASE("group_alerts folds one event's alerts into one message with every member") {
    auto rules = must_load(R"Y(group_alerts: true
rules:
  - id: growth
    severity: info
    when: metric("revenue").change.percent >= 25%
  - id: positive
    severity: warning
    for: ticker
    when: entity.sentiment.score >= 0.5
)Y");
    REQUIRE(rules->group_alerts());
    Engine engine(rules);
    Fixture f;
    f.id("e-1").at(kT0).summary("Amazon reported $37.6B in AWS revenue, up 28% year over year.");
    f.sentiment(0.78).entity("Amazon", "AMZN", 0.74, 6).entity("Microsoft", "MSFT", 0.6, 1);
    f.metric(MetricKind::revenue, "AWS", "AMZN", 37.6e9, "$37.6B", 28, true);
    auto alerts = run(engine, f);
    REQUIRE(alerts.size() == 3);  // growth (AMZN), positive for AMZN and for MSFT
    std::vector<std::string> member_ids;
    for (const auto& a : alerts) member_ids.emplace_back(a.alert_id, 16);

    group_alerts(alerts);
    REQUIRE(alerts.size() == 1);
    const Alert& g = alerts[0];
    CHECK(g.rule_id == "grouped");
    CHECK(g.severity == "warning");  // the highest of the members
    CHECK(g.key == "AMZN");
    CHECK(g.summary == "3 rules: growth (AMZN), positive (AMZN), positive (MSFT)");
    REQUIRE(g.members.size() == 3);
    for (size_t i = 0; i < 3; ++i) CHECK(std::string(g.members[i].alert_id, 16) == member_ids[i]);
    CHECK(g.members[2].key == "MSFT");
    CHECK(g.metric_indices == std::vector<uint32_t>{0});
    // The id hashes the member ids: deterministic, and distinct from each member's.
    using namespace herald::core;
    uint64_t h = fnv1a64("grouped");
    for (const auto& id : member_ids) h = fnv1a64(id, fnv1a64("\x1f", h));
    char expect[17];
    to_hex16(mix64(h), expect);
    CHECK(std::string(g.alert_id) == expect);
    CHECK(g.id == mix64(h));

    std::string json;
    append_alert_json(json, g, f.ctx(), {"news", 0, 7}, kT0);
    CHECK(json.find("\"rule\":\"grouped\"") != std::string::npos);
    CHECK(json.find("\"grouped\":[{\"alert_id\":\"" + member_ids[0] + "\",\"rule\":\"growth\"") != std::string::npos);
    CHECK(json.find(member_ids[2]) != std::string::npos);

    std::vector<Alert> one(1);
    one[0].rule_id = "solo";
    group_alerts(one);  // a single alert stays as it is
    CHECK(one[0].rule_id == "solo");
    CHECK(one[0].members.empty());
}

TEST_CASE("a grouped alert's severity is the highest of its firing members, not of a resolved one") {
    auto make = [](const char* rule, const char* severity, bool resolved) {
        Alert a;
        a.rule_id = rule;
        a.severity = severity;
        a.key = "AMZN";
        a.resolved = resolved;
        make_alert_id(a.rule_id, a.key, "e-1", resolved, a.alert_id);
        return a;
    };
    std::vector<Alert> alerts{make("outage", "critical", true), make("negative", "warning", false)};
    group_alerts(alerts);
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0].severity == "warning");
    CHECK(alerts[0].summary == "2 rules: outage resolved (AMZN), negative (AMZN)");

    std::vector<Alert> firing{make("negative", "warning", false), make("outage", "critical", false)};
    group_alerts(firing);
    CHECK(firing[0].severity == "critical");

    std::vector<Alert> all_resolved{make("negative", "warning", true), make("outage", "critical", true)};
    group_alerts(all_resolved);
    CHECK(all_resolved[0].severity == "critical");  // only resolutions: the highest of them
}
