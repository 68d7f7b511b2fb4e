// BacktestDiff: alerts paired by id; same JSON = unchanged, other JSON = changed (with what
// differs), unpaired = added or removed; counts per rule and key, first/last, busiest day, the
// first N examples in feed order with their evidence.
#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <vector>

#include "herald/app/backtest_diff.hpp"
#include "herald/core/time.hpp"

using namespace herald;
using namespace herald::app;

namespace {
// "2026-10-02T23:00:00Z": whole hours of October 2026 are all these tests need.
int64_t at(const char* rfc3339) {
    const std::string t(rfc3339);
    REQUIRE(t.size() == 20);
    const auto day = static_cast<unsigned>(std::stoi(t.substr(8, 2)));
    return (core::days_from_civil(2026, 10, day) * 24 + std::stoi(t.substr(11, 2))) * 3'600'000;
}

FeedEvent event_at(const char* id, const char* time) {
    FeedEvent e;
    e.event.id = id;
    e.event.headline = "Acme cuts guidance. Shares fall.";
    e.event_time_ms = at(time);
    return e;
}

rules::Alert alert(const char* rule, const char* key, const FeedEvent& e, const char* severity = "info",
                   const char* summary = "s") {
    rules::Alert a;
    a.rule_id = rule;
    a.key = key;
    a.severity = severity;
    a.summary = summary;
    rules::make_alert_id(rule, key, e.event.id, false, a.alert_id);
    a.evidence.push_back({analysis::Field::headline, 0, 19});
    return a;
}

struct Side {
    std::vector<rules::Alert> alerts;
    std::vector<std::string> json;
    void add(rules::Alert a, std::string j) {
        alerts.push_back(std::move(a));
        json.push_back(std::move(j));
    }
};
}  // namespace

TEST_CASE("alerts are paired by id and classified") {
    BacktestDiff diff({"r1", "r2"}, {"r1", "old"}, 2);
    FeedEvent e1 = event_at("e1", "2026-10-01T10:00:00Z");
    Side before, after;
    before.add(alert("r1", "AAA", e1), "{same}");
    after.add(alert("r1", "AAA", e1), "{same}");                                  // unchanged
    before.add(alert("r1", "BBB", e1, "info"), "{x}");
    after.add(alert("r1", "BBB", e1, "critical", "new words"), "{y}");             // changed
    after.add(alert("r2", "AAA", e1), "{n}");                                     // added
    before.add(alert("old", "AAA", e1), "{o}");                                   // removed
    diff.add(e1, before.alerts, before.json, after.alerts, after.json);

    const auto& rules = diff.rules();
    REQUIRE(rules.size() == 3);
    CHECK(rules[0].rule == "r1");
    CHECK(rules[1].rule == "r2");
    CHECK(rules[2].rule == "old");
    CHECK(rules[2].in_before);
    CHECK_FALSE(rules[2].in_after);
    CHECK(rules[0].total.before.fired == 2);
    CHECK(rules[0].total.after.fired == 2);
    CHECK(rules[0].total.changed == 1);
    CHECK(rules[0].total.added + rules[0].total.removed == 0);
    CHECK(rules[0].keys.at("AAA").changed == 0);
    CHECK(rules[0].keys.at("BBB").changed == 1);
    REQUIRE(rules[0].changed.size() == 1);
    const AlertExample& ex = rules[0].changed[0];
    CHECK(ex.key == "BBB");
    CHECK(ex.event_id == "e1");
    CHECK(ex.before.severity == "info");
    CHECK(ex.after.severity == "critical");
    CHECK(ex.differences == std::vector<std::string>{"severity", "summary"});
    CHECK(ex.after.evidence == std::vector<std::string>{"Acme cuts guidance."});
    CHECK(ex.after.json == "{y}");
    CHECK(rules[1].total.added == 1);
    CHECK(rules[1].added.size() == 1);
    CHECK(rules[2].total.removed == 1);
    CHECK(rules[2].removed[0].before.json == "{o}");
    CHECK(rules[2].removed[0].after.json.empty());
    CHECK(diff.total().added == 1);
    CHECK(diff.total().removed == 1);
    CHECK(diff.total().changed == 1);
    CHECK(diff.total().before.fired == 3);
    CHECK(diff.total().after.fired == 3);
}

TEST_CASE("first and last time, busiest day, the first N examples in order") {
    BacktestDiff diff({"r"}, {}, 2);
    const char* times[] = {"2026-10-02T23:00:00Z", "2026-10-01T01:00:00Z", "2026-10-02T01:00:00Z",
                           "2026-10-01T05:00:00Z", "2026-10-03T00:00:00Z"};
    std::vector<std::string> ids = {"a", "b", "c", "d", "e"};
    Side none;
    for (size_t i = 0; i < 5; ++i) {
        FeedEvent e = event_at(ids[i].c_str(), times[i]);
        Side after;
        after.add(alert("r", "K", e), "{}");
        diff.add(e, none.alerts, none.json, after.alerts, after.json);
    }
    const RuleDiff& r = diff.rules().at(0);
    CHECK(r.total.after.fired == 5);
    CHECK(r.total.added == 5);
    CHECK(r.total.after.first_ms == at("2026-10-01T01:00:00Z"));
    CHECK(r.total.after.last_ms == at("2026-10-03T00:00:00Z"));
    uint32_t n = 0;
    const int64_t day = r.total.after.busiest_day(&n);
    CHECK(n == 2);  // 10-01 and 10-02 both have two: the earlier wins
    CHECK(day * 86'400'000 == at("2026-10-01T00:00:00Z"));
    REQUIRE(r.added.size() == 2);
    CHECK(r.added[0].event_id == "a");
    CHECK(r.added[1].event_id == "b");
    CHECK(r.total.before.busiest_day() == -1);
}

TEST_CASE("a rule seen only in alerts (grouped) is reported after the files' rules") {
    BacktestDiff diff({"r"}, {"r"}, 1);
    FeedEvent e = event_at("e", "2026-10-01T00:00:00Z");
    Side before, after;
    after.add(alert("grouped", "AAA", e), "{g}");
    diff.add(e, before.alerts, before.json, after.alerts, after.json);
    REQUIRE(diff.rules().size() == 2);
    CHECK(diff.rules()[1].rule == "grouped");
    CHECK_FALSE(diff.rules()[1].in_after);
    CHECK_FALSE(diff.rules()[1].in_before);
}

// A raised threshold changes the explanation of every alert that still fires ("threshold":40 →
// 60); that alone is not a change of the alert (integration_backtest saw every surviving growth
// alert reported as changed in 'size' once alerts carried "explain").
TEST_CASE("alerts that differ only in their explanation are unchanged") {
    BacktestDiff diff({"r1"}, {"r1"}, 2);
    FeedEvent e1 = event_at("e1", "2026-10-01T10:00:00Z");
    Side before, after;
    before.add(alert("r1", "AAA", e1),
               R"({"summary":"s","explain":{"compared":[{"read":"x } \" {","threshold":40}]},"omitted":{}})");
    after.add(alert("r1", "AAA", e1),
              R"({"summary":"s","explain":{"compared":[{"read":"x } \" {","threshold":60}]},"omitted":{}})");
    before.add(alert("r1", "BBB", e1), R"({"summary":"s","explain":{"compared":[]}})");
    after.add(alert("r1", "BBB", e1), R"({"summary":"t","explain":{"compared":[]}})");  // changed
    before.add(alert("r1", "CCC", e1), R"({"summary":"s","explain":{"x":1},"omitted":{"a":1}})");
    after.add(alert("r1", "CCC", e1), R"({"summary":"s","explain":{"x":2},"omitted":{"a":2}})");  // changed
    diff.add(e1, before.alerts, before.json, after.alerts, after.json);
    const auto& r = diff.rules().at(0);
    CHECK(r.keys.at("AAA").changed == 0);
    CHECK(r.keys.at("BBB").changed == 1);
    CHECK(r.keys.at("CCC").changed == 1);
    CHECK(r.total.changed == 2);
}
