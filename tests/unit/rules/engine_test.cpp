// Evaluation semantics: conditions, keys, windows, cooldown, hold, resolved, reload.
#include <doctest/doctest.h>

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <unordered_set>

#include "test_support.hpp"

using namespace herald::rules;
using namespace herald::rules::test;
using herald::analysis::MetricKind;

namespace {

Fixture aws_event(std::string id, int64_t t, double pct) {
    Fixture f;
    f.id(std::move(id)).at(t).summary("Amazon reported $37.6B in AWS revenue, up 28% year over year. Shares rose.");
    f.sentiment(0.78).entity("Amazon", "AMZN", 0.74, 6).ticker("AMZN");
    f.metric(MetricKind::revenue, "AWS", "AMZN", 37.6e9, "$37.6B", pct, true);
    f.metric(MetricKind::operating_income, "AWS", "AMZN", 14.2e9);
    return f;
}

Fixture news(std::string id, int64_t t, std::string ticker, double score) {
    Fixture f;
    f.id(std::move(id)).at(t).headline(ticker + " news").sentiment(score).entity(ticker + " Inc", ticker, score);
    return f;
}

}  // namespace

TEST_CASE("metric condition fires with matched metrics, summary and evidence") {
    Engine e(must_load(R"Y(rules:
  - id: cloud-growth
    severity: warning
    when: metric("revenue", entity="AWS").change.percent >= 25%
    summary: "{entity} revenue growth {metric.change.percent}% >= 25% ({metric.value} {metric.unit})"
)Y"));
    Fixture f = aws_event("seed-000", kT0, 28);
    auto alerts = run(e, f);
    REQUIRE(alerts.size() == 1);
    const Alert& a = alerts[0];
    CHECK(a.rule_id == "cloud-growth");
    CHECK(a.severity == "warning");
    CHECK(a.key == "AMZN");
    CHECK(a.summary == "AWS revenue growth 28% >= 25% (37.6B USD)");
    CHECK(a.metric_indices == std::vector<uint32_t>{0});
    REQUIRE(a.evidence.size() == 1);
    CHECK(f.event.summary.substr(a.evidence[0].begin, a.evidence[0].end - a.evidence[0].begin) ==
          "Amazon reported $37.6B in AWS revenue, up 28% year over year.");
    CHECK_FALSE(a.resolved);
    char id[17];
    make_alert_id("cloud-growth", "AMZN", "seed-000", false, id);
    CHECK(std::string(a.alert_id) == id);
    CHECK(a.id == alert_id_value("cloud-growth", "AMZN", "seed-000", false));  // the same id as a number

    Fixture slow = aws_event("seed-001", kT0 + 1, 12);
    CHECK(run(e, slow).empty());
}

TEST_CASE("any-match semantics: every satisfying metric is reported") {
    Engine e(must_load(R"Y(rules:
  - id: big-money
    severity: info
    when: metric("revenue").value > 10B or metric("backlog").value >= 300B
)Y"));
    Fixture f;
    f.id("e").at(kT0).summary("Revenue $12B. Revenue $5B. Backlog $364B.").sentiment(0);
    f.metric(MetricKind::revenue, "X", "", 12e9, "$12B");
    f.metric(MetricKind::revenue, "X", "", 5e9, "$5B");
    f.metric(MetricKind::backlog, "X", "", 364e9, "$364B");
    auto alerts = run(e, f);
    REQUIRE(alerts.size() == 1);
    // `or` stops at the first true branch: the revenue metric that passed is the evidence.
    CHECK(alerts[0].metric_indices == std::vector<uint32_t>{0});
    CHECK(alerts[0].key == "_");
}

TEST_CASE("a failed and-branch leaves no matched metrics behind") {
    Engine e(must_load(R"Y(rules:
  - id: r
    severity: info
    when: (metric("revenue").value > 10B and sentiment.score < -0.5) or metric("backlog").value > 1B
)Y"));
    Fixture f;
    f.id("e").at(kT0).summary("Revenue $12B. Backlog $364B.").sentiment(0.2);
    f.metric(MetricKind::revenue, "X", "", 12e9, "$12B");
    f.metric(MetricKind::backlog, "X", "", 364e9, "$364B");
    auto alerts = run(e, f);
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0].metric_indices == std::vector<uint32_t>{1});
}

TEST_CASE("strings, lists, contains, not, labels, arithmetic") {
    auto rules = must_load(R"Y(rules:
  - id: a
    severity: info
    when: ticker in ["AMZN", "MSFT"] and headline contains "GUIDANCE" and not source == "blog"
  - id: b
    severity: info
    when: sentiment.label == "strongly negative" and abs(sentiment.score) * 2 > 1.5
  - id: c
    severity: info
    when: text contains "cut" and ticker not in ["MSFT"]
)Y");
    Engine e(rules);
    Fixture f;
    f.id("1").at(kT0).headline("Amazon raises guidance").summary("Nothing was cut.").source("wire").sentiment(-0.8);
    f.entity("Amazon", "AMZN", -0.8);
    auto alerts = run(e, f);
    REQUIRE(alerts.size() == 3);
    CHECK(alerts[0].rule_id == "a");
    REQUIRE(alerts[0].evidence.size() == 1);
    CHECK(alerts[0].evidence[0].field == herald::analysis::Field::headline);
    CHECK(alerts[1].rule_id == "b");
    CHECK(alerts[2].rule_id == "c");
    CHECK(alerts[2].evidence[0].field == herald::analysis::Field::summary);

    Fixture g;
    g.id("2").at(kT0).headline("Amazon raises guidance").source("blog").sentiment(0.1).entity("Amazon", "AMZN", 0.1);
    CHECK(run(e, g).empty());
}

TEST_CASE("keys: primary ticker, per ticker, per entity") {
    auto rules = must_load(R"Y(rules:
  - id: primary
    severity: info
    when: sentiment.score < 0
  - id: per-ticker
    severity: info
    for: ticker
    when: entity.sentiment.score <= -0.5
  - id: per-entity
    severity: info
    for: entity
    when: entity.mentions >= 1
    summary: "{entity}/{key}"
)Y");
    Engine e(rules);
    Fixture f;
    f.id("k").at(kT0).headline("x").sentiment(-0.3).ticker("NVDA").ticker("MSFT");
    f.entity("Microsoft", "MSFT", -0.7, 4).entity("Amazon", "AMZN", -0.6, 2).entity("Acme Widgets", "", -0.9, 1);
    auto alerts = run(e, f);
    std::vector<std::string> got;
    for (auto& a : alerts) {
        std::string line = a.rule_id;
        line.append(":").append(a.key).append(":").append(a.summary);
        got.push_back(line);
    }
    CHECK(got == std::vector<std::string>{
                     "primary:MSFT:primary (MSFT)",
                     "per-ticker:MSFT:per-ticker (MSFT)",
                     "per-ticker:AMZN:per-ticker (AMZN)",
                     "per-entity:Microsoft:Microsoft/Microsoft",
                     "per-entity:Amazon:Amazon/Amazon",
                     "per-entity:Acme Widgets:Acme Widgets/Acme Widgets",
                 });

    Fixture none;
    none.id("n").at(kT0).headline("x").sentiment(-0.3);
    auto only = run(e, none);
    REQUIRE(only.size() == 1);
    CHECK(only[0].key == "_");
}

TEST_CASE("keyed rules only see the key's metrics") {
    Engine e(must_load(R"Y(rules:
  - id: r
    severity: info
    for: ticker
    when: metric("revenue").value > 1B
)Y"));
    Fixture f;
    f.id("m").at(kT0).summary("x").sentiment(0).entity("Amazon", "AMZN", 0).entity("Microsoft", "MSFT", 0);
    f.metric(MetricKind::revenue, "Azure", "MSFT", 5e9);
    auto alerts = run(e, f);
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0].key == "MSFT");
}

TEST_CASE("cooldown per rule and key, in event time") {
    Engine e(must_load(R"Y(rules:
  - id: neg
    severity: warning
    for: ticker
    when: sentiment.score <= -0.5
    cooldown: 1h
)Y"));
    CHECK(run(e, news("1", kT0, "AMZN", -0.8)).size() == 1);
    CHECK(run(e, news("2", kT0 + 10 * kMinute, "AMZN", -0.8)).empty());
    CHECK(run(e, news("3", kT0 + 10 * kMinute, "MSFT", -0.8)).size() == 1);  // another key
    CHECK(run(e, news("4", kT0 + 59 * kMinute, "AMZN", -0.8)).empty());
    CHECK(run(e, news("5", kT0 + 60 * kMinute, "AMZN", -0.8)).size() == 1);
}

TEST_CASE("count and avg windows per key, evicted by event time") {
    Engine e(must_load(R"Y(rules:
  - id: burst
    severity: critical
    for: ticker
    when: count(sentiment.score < -0.3, 6h) >= 3 and avg(sentiment.score, 6h) < -0.4
    summary: "{count(sentiment.score < -0.3, 6h)} negative stories, average {avg(sentiment.score, 6h)}"
)Y"));
    CHECK(run(e, news("1", kT0, "AMZN", -0.5)).empty());
    CHECK(run(e, news("2", kT0 + kHour, "AMZN", -0.6)).empty());
    CHECK(run(e, news("x", kT0 + kHour, "MSFT", -0.9)).empty());  // other key, own window
    auto fired = run(e, news("3", kT0 + 2 * kHour, "AMZN", -0.7));
    REQUIRE(fired.size() == 1);
    CHECK(fired[0].summary == "3 negative stories, average -0.6");
    // 6h after the first story it has left the window: only 3 remain (2, 3, 4).
    auto later = run(e, news("4", kT0 + 6 * kHour, "AMZN", -0.4));
    REQUIRE(later.size() == 1);
    CHECK(later[0].summary == "3 negative stories, average -0.57");
    CHECK(run(e, news("5", kT0 + 20 * kHour, "AMZN", -0.9)).empty());
}

TEST_CASE("min, max, sum and plain count") {
    Engine e(must_load(R"Y(rules:
  - id: w
    severity: info
    when: count(1h) == 3 and min(sentiment.score, 1h) == -0.5 and max(sentiment.score, 1h) == 0.5 and sum(sentiment.score, 1h) == 0.25
)Y"));
    CHECK(run(e, news("1", kT0, "A", 0.5)).empty());
    CHECK(run(e, news("2", kT0 + 1, "A", -0.5)).empty());
    CHECK(run(e, news("3", kT0 + 2, "A", 0.25)).size() == 1);
}

TEST_CASE("windows are capped per key") {
    Engine e(must_load(R"Y(rules:
  - id: w
    severity: info
    when: count(1d) > 600
)Y"));
    for (int i = 0; i < 700; ++i) CHECK(run(e, news(std::to_string(i), kT0 + i, "A", 0)).empty());
}

TEST_CASE("hold: N events in a row, or a duration") {
    Engine byn(must_load(R"Y(rules:
  - id: h
    severity: info
    when: sentiment.score < 0
    hold: 3
)Y"));
    CHECK(run(byn, news("1", kT0, "A", -1)).empty());
    CHECK(run(byn, news("2", kT0 + 1, "A", -1)).empty());
    CHECK(run(byn, news("3", kT0 + 2, "A", 1)).empty());  // streak broken
    CHECK(run(byn, news("4", kT0 + 3, "A", -1)).empty());
    CHECK(run(byn, news("5", kT0 + 4, "A", -1)).empty());
    CHECK(run(byn, news("6", kT0 + 5, "A", -1)).size() == 1);

    Engine bytime(must_load(R"Y(rules:
  - id: h
    severity: info
    when: sentiment.score < 0
    hold: 30m
)Y"));
    CHECK(run(bytime, news("1", kT0, "A", -1)).empty());
    CHECK(run(bytime, news("2", kT0 + 29 * kMinute, "A", -1)).empty());
    CHECK(run(bytime, news("3", kT0 + 30 * kMinute, "A", -1)).size() == 1);
}

TEST_CASE("resolved alert when the condition stops holding") {
    Engine e(must_load(R"Y(rules:
  - id: burst
    severity: warning
    for: ticker
    when: count(1h) >= 2
    cooldown: 1d
    resolved: true
    summary: "{count(1h)} stories on {key}"
)Y"));
    CHECK(run(e, news("1", kT0, "A", 0)).empty());
    auto fire = run(e, news("2", kT0 + kMinute, "A", 0));
    REQUIRE(fire.size() == 1);
    CHECK_FALSE(fire[0].resolved);
    CHECK(run(e, news("3", kT0 + 2 * kMinute, "A", 0)).empty());  // still holding, cooldown
    auto resolved = run(e, news("4", kT0 + 5 * kHour, "A", 0));
    REQUIRE(resolved.size() == 1);
    CHECK(resolved[0].resolved);
    CHECK(resolved[0].summary == "resolved: 1 stories on A");
    char id[17];
    make_alert_id("burst", "A", "4", true, id);
    CHECK(std::string(resolved[0].alert_id) == id);
    CHECK(std::string(resolved[0].alert_id) != std::string(fire[0].alert_id));
    CHECK(run(e, news("5", kT0 + 6 * kHour, "A", 0)).empty());
}

TEST_CASE("change_since_last compares with the previous value of the same entity") {
    Engine e(must_load(R"Y(rules:
  - id: backlog-jump
    severity: warning
    when: change_since_last(metric("backlog")) > 20%
    summary: "{metric.entity} backlog {metric.value}, {change_since_last(metric(\"backlog\"))}% since last report"
)Y"));
    auto backlog = [](std::string id, std::string entity, double v) {
        Fixture f;
        f.id(std::move(id)).at(kT0).summary("Backlog $1B.").sentiment(0);
        f.metric(MetricKind::backlog, std::move(entity), "AMZN", v, "$1B");
        return f;
    };
    CHECK(run(e, backlog("1", "AWS", 300e9)).empty());     // no previous value
    CHECK(run(e, backlog("2", "Kuiper", 10e9)).empty());   // other entity
    CHECK(run(e, backlog("3", "AWS", 330e9)).empty());     // +10 %
    auto fired = run(e, backlog("4", "AWS", 400e9));      // +21.2 %
    REQUIRE(fired.size() == 1);
    CHECK(fired[0].summary == "AWS backlog 400B, 21.21% since last report");
}

TEST_CASE("suppressed mode updates state but emits nothing") {
    auto rules = must_load(R"Y(rules:
  - id: neg
    severity: warning
    for: ticker
    when: count(6h) >= 2
    cooldown: 1h
)Y");
    Engine e(rules);
    e.set_suppressed(true);
    CHECK(e.suppressed());
    CHECK(run(e, news("1", kT0, "A", 0)).empty());
    CHECK(run(e, news("2", kT0 + 1, "A", 0)).empty());  // would fire; cooldown starts anyway
    e.set_suppressed(false);
    CHECK(run(e, news("3", kT0 + 2, "A", 0)).empty());  // in cooldown from the suppressed firing
    CHECK(run(e, news("4", kT0 + kHour + 1, "A", 0)).size() == 1);
}

TEST_CASE("a rebuild that follows the published record keeps a cooldown chain in phase") {
    // True on every event, 1 h cooldown, an event every 25 min: fires at 0, 75, 150, 225... min.
    auto rules = must_load(R"Y(rules:
  - id: chain
    severity: info
    when: count(6h) >= 1
    cooldown: 1h
)Y");
    constexpr int64_t kStep = 25 * 60 * 1000;
    std::vector<std::string> ids(20);
    for (int i = 0; i < 20; ++i) {  // snprintf, not "e" + std::to_string(i): GCC 12 warns falsely (-Wrestrict)
        char id[8];
        std::snprintf(id, sizeof id, "e%d", i);
        ids[static_cast<size_t>(i)] = id;
    }
    Engine never_stopped(rules);
    std::unordered_set<uint64_t> published;
    std::vector<std::string> tail;  // alert ids of events 10..19
    for (int i = 0; i < 20; ++i)
        for (const auto& a : run(never_stopped, news(ids[static_cast<size_t>(i)], kT0 + i * kStep, "A", 0))) {
            if (i < 10) published.insert(alert_id_value("chain", "A", ids[static_cast<size_t>(i)], false));
            else tail.push_back(std::string(a.alert_id, 16));
        }
    REQUIRE(tail.size() == 3);

    // A rebuild sees only events 4..9 (the start of the chain is older than the re-read span).
    auto resume = [&](bool with_record) {
        Engine e(rules);
        e.set_suppressed(true);
        if (with_record) e.set_fired_history(&published);
        for (int i = 4; i < 10; ++i) CHECK(run(e, news(ids[static_cast<size_t>(i)], kT0 + i * kStep, "A", 0)).empty());
        e.set_fired_history(nullptr);
        e.set_suppressed(false);
        std::vector<std::string> out;
        for (int i = 10; i < 20; ++i)
            for (const auto& a : run(e, news(ids[static_cast<size_t>(i)], kT0 + i * kStep, "A", 0)))
                out.push_back(std::string(a.alert_id, 16));
        return out;
    };
    CHECK(resume(true) == tail);
    CHECK(resume(false) != tail);  // its own decisions start the chain at event 4: out of phase
}

TEST_CASE("reload keeps the state of unchanged rules and resets changed ones") {
    const char* v1 = R"Y(rules:
  - id: keep
    severity: info
    when: count(6h) >= 3
  - id: change
    severity: info
    when: count(6h) >= 3
)Y";
    const char* v2 = R"Y(rules:
  - id: keep
    severity: critical
    when: count(6h) >= 3
    summary: "new text"
  - id: change
    severity: info
    when: count(6h) >= 3 and sentiment.score >= -1
  - id: added
    severity: info
    when: count(6h) >= 3
)Y";
    Engine e(must_load(v1));
    CHECK(run(e, news("1", kT0, "A", 0)).empty());
    CHECK(run(e, news("2", kT0 + 1, "A", 0)).empty());
    e.set_rules(must_load(v2));
    auto alerts = run(e, news("3", kT0 + 2, "A", 0));
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0].rule_id == "keep");
    CHECK(alerts[0].severity == "critical");
    CHECK(alerts[0].summary == "new text");
}

TEST_CASE("state is bounded: idle keys are dropped, state_bytes reports memory") {
    Engine e(must_load(R"Y(rules:
  - id: w
    severity: info
    for: ticker
    when: count(1h) > 100
)Y"));
    CHECK(e.state_bytes() < 64);
    for (int i = 0; i < 1000; ++i) {
        std::string ticker = "T";
        ticker.append(std::to_string(i));
        run(e, news(std::to_string(i), kT0 + i, ticker, 0));
    }
    CHECK(e.key_count() == 1000);
    size_t bytes = e.state_bytes();
    CHECK(bytes > 1000 * 100);
    CHECK(bytes < 1000 * 1000);
    // Two hours later every window is empty: the next sweep drops those keys.
    for (int i = 0; i < 1100; ++i) run(e, news("late" + std::to_string(i), kT0 + 2 * kHour + i, "Z", 0));
    CHECK(e.key_count() == 1);
    CHECK(e.state_bytes() < bytes / 10);
}

TEST_CASE("conditions on the same metric(...) joined by and must hold for the same metric") {
    Engine e(must_load(R"Y(rules:
  - id: growth
    severity: info
    when: metric("revenue").change.percent >= 25% and metric("revenue").value >= 10B
    summary: "{metric.entity} {metric.value} up {metric.change.percent}%"
  - id: negated
    severity: info
    when: metric("revenue").value >= 1B and not metric("revenue").forecast
)Y"));
    Fixture f;
    f.id("s").at(kT0).summary("Cloud $5B up 40%. Total $50B up 10%.").sentiment(0);
    f.metric(MetricKind::revenue, "Cloud", "X", 5e9, "$5B", 40, true);
    f.metric(MetricKind::revenue, "Total", "X", 50e9, "$50B", 10, true);
    auto none = run(e, f);
    REQUIRE(none.size() == 1);  // no single metric is both >= 25 % and >= 10B
    CHECK(none[0].rule_id == "negated");

    Fixture g;
    g.id("t").at(kT0).summary("Cloud $15B up 40%. Total $50B up 10%.").sentiment(0);
    g.metric(MetricKind::revenue, "Cloud", "X", 15e9, "$15B", 40, true);
    g.metric(MetricKind::revenue, "Total", "X", 50e9, "$50B", 10, true, /*forecast=*/true);
    auto fired = run(e, g);
    // "not metric(...).forecast" means no matching metric is a forecast: Total is one, so only
    // the growth rule fires (write metric("revenue").forecast == false for "an actual one").
    REQUIRE(fired.size() == 1);
    CHECK(fired[0].summary == "Cloud 15B up 40%");
    CHECK(fired[0].metric_indices == std::vector<uint32_t>{0});
}

TEST_CASE("an or with a metric branch still holds through its other branch when no metric matches") {
    Engine e(must_load(R"Y(rules:
  - id: cut
    severity: info
    when: metric("guidance").change.direction == "down" or headline contains "cuts forecast"
)Y"));
    Fixture f;
    f.id("g").at(kT0).headline("Toyota cuts forecast").sentiment(-0.5);
    CHECK(run(e, f).size() == 1);
}

TEST_CASE("change.points: how many percentage points a margin moved") {
    Engine e(must_load(R"Y(rules:
  - id: margin-expansion
    severity: info
    when: metric("operating_margin").change.points >= 50bp
    summary: "operating margin up {metric.change.points} points to {metric.value}%"
)Y"));
    auto margin_event = [](std::string id, int64_t t, double points) {
        Fixture f;
        f.id(std::move(id)).at(t).headline("Acme margin").sentiment(0.2);
        herald::analysis::Metric m;
        m.kind = herald::analysis::MetricKind::operating_margin;
        m.has_value = true;
        m.value = 41.3;
        m.unit = herald::analysis::Unit::of("%");
        m.change.direction = points > 0 ? herald::analysis::Direction::up : herald::analysis::Direction::down;
        m.change.has_points = true;
        m.change.points = points;
        f.analysis.metrics.push_back(m);
        return f;
    };
    Fixture wide = margin_event("m-1", kT0, 1.2);
    auto alerts = run(e, wide);
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0].summary == "operating margin up 1.2 points to 41.3%");
    Fixture narrow = margin_event("m-2", kT0 + 1, 0.3);
    CHECK(run(e, narrow).empty());
    Fixture none = margin_event("m-3", kT0 + 2, 0.0);
    none.analysis.metrics[0].change.has_points = false;  // no stated change: the comparison is false
    CHECK(run(e, none).empty());
}

TEST_CASE("change.amount: a move stated as an amount") {
    Engine e(must_load(R"Y(rules:
  - id: revenue-jump
    severity: info
    when: metric("revenue").change.amount >= 1B
    summary: "revenue up {metric.change.amount} to {metric.value}"
)Y"));
    // A revenue level of $12B whose move the text stated as an amount (or did not).
    auto revenue_event = [](std::string id, int64_t t, double amount, bool has_amount) {
        Fixture f;
        f.id(std::move(id)).at(t).headline("Acme revenue").sentiment(0.2);
        f.metric(herald::analysis::MetricKind::revenue, "Acme", "ACME", 12e9);
        herald::analysis::Change& c = f.analysis.metrics.back().change;
        c.direction = herald::analysis::Direction::up;
        c.has_amount = has_amount;
        c.amount = amount;
        return f;
    };
    Fixture big = revenue_event("a-1", kT0, 1.5e9, true);
    auto alerts = run(e, big);
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0].summary == "revenue up 1.5B to 12B");
    Fixture small = revenue_event("a-2", kT0 + 1, 0.2e9, true);
    CHECK(run(e, small).empty());
    Fixture none = revenue_event("a-3", kT0 + 2, 5e9, false);  // no amount stated: the comparison is false
    CHECK(run(e, none).empty());
}

TEST_CASE("a late event is evaluated: cooldowns compare distances, not order") {
    Engine e(must_load(R"Y(rules:
  - id: any
    severity: info
    for: ticker
    when: sentiment.score <= -0.5
  - id: hourly
    severity: info
    for: ticker
    when: sentiment.score <= -0.5
    cooldown: 1h
)Y"));
    CHECK(run(e, news("1", kT0, "AMZN", -0.8)).size() == 2);
    // One minute earlier than the key's last alert, cooldown 0: fires (it did not before).
    auto late = run(e, news("2", kT0 - kMinute, "AMZN", -0.8));
    REQUIRE(late.size() == 1);
    CHECK(late[0].rule_id == "any");
    CHECK(e.notes().late);
    // Two hours before the last alert: outside the 1 h cooldown whichever side it is on.
    CHECK(run(e, news("3", kT0 - 2 * kHour, "AMZN", -0.8)).size() == 2);
    // The latest alert still starts the cooldown for what follows it.
    CHECK(run(e, news("4", kT0 + 30 * kMinute, "AMZN", -0.8)).size() == 1);
    CHECK_FALSE(e.notes().late);
    CHECK(run(e, news("5", kT0 + 61 * kMinute, "AMZN", -0.8)).size() == 2);
}

TEST_CASE("a late event's windows hold (t - span, t]: later samples are left out") {
    Engine e(must_load(R"Y(rules:
  - id: w
    severity: info
    for: ticker
    when: count(1h) >= 1
    summary: "{count(1h)} {sum(sentiment.score, 1h)}"
)Y"));
    REQUIRE(run(e, news("1", kT0, "A", 0.5)).size() == 1);
    REQUIRE(run(e, news("2", kT0 + 10 * kMinute, "A", 0.25)).size() == 1);
    auto late = run(e, news("3", kT0 - 30 * kMinute, "A", 1));
    REQUIRE(late.size() == 1);
    CHECK(late[0].summary == "1 1");  // only itself: the two later stories are after it
    auto next = run(e, news("4", kT0 + 20 * kMinute, "A", 0));
    REQUIRE(next.size() == 1);
    CHECK(next[0].summary == "4 1.75");  // 1, 2, 4 and the late 3 (50 min before 4): all in the hour
}

TEST_CASE("keys per event: linear de-duplication and a configurable cap, counted in the notes") {
    auto rules = must_load(R"Y(max_keys_per_event: 3
rules:
  - id: t
    severity: info
    for: ticker
    when: sentiment.score < 0
)Y");
    Engine e(rules);
    Fixture f;
    f.id("k").at(kT0).headline("x").sentiment(-0.3);
    for (const char* t : {"AAA", "aaa", "BBB", "AAA", "CCC", "bbb", "DDD", "EEE"}) f.ticker(t);
    auto alerts = run(e, f);
    REQUIRE(alerts.size() == 3);
    CHECK(alerts[0].key == "AAA");
    CHECK(alerts[1].key == "BBB");
    CHECK(alerts[2].key == "CCC");
    CHECK(e.notes().keys_capped);
    // Exactly at the cap: not capped.
    Fixture g;
    g.id("g").at(kT0 + 1).headline("x").sentiment(-0.3).ticker("X").ticker("Y").ticker("x").ticker("Z").ticker("Y");
    CHECK(run(e, g).size() == 3);
    CHECK_FALSE(e.notes().keys_capped);
}

// Least thread CPU time of `runs` calls (CPU time: the waits of a loaded machine do not count).
template <class F>
double least_cpu_ms(int runs, F&& f) {
    double best = 1e9;
    for (int i = 0; i < runs; ++i) {
        timespec t0{}, t1{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
        f();
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
        best = std::min(best, static_cast<double>(t1.tv_sec - t0.tv_sec) * 1e3 +
                                  static_cast<double>(t1.tv_nsec - t0.tv_nsec) * 1e-6);
    }
    return best;
}

// Linear cost: 4x the work costs under 8x the CPU time of 1x (linear gives about 4x, quadratic
// 16x). A ratio, so a sanitizer build slows both sides alike; up to three rounds, because cache
// pressure from other processes can throw one round off, where a quadratic cost fails all three.
template <class Cost>
bool costs_linear(const char* what, Cost&& cost) {
    for (int round = 0; round < 3; ++round) {
        const double small = cost(1), large = cost(4);
        MESSAGE(std::string(what) << ": " << small << " ms at 1x, " << large << " ms at 4x (CPU)");
        if (large < 8 * small + 0.1) return true;  // + 0.1 ms: the timer and a cold cache line or two
    }
    return false;
}

TEST_CASE("default caps: an event naming 20,000 tickers raises 100 alerts, in time linear in the tickers") {
    auto capped = must_load(R"Y(rules:
  - id: t
    severity: info
    for: ticker
    when: sentiment.score < 0
  - id: e
    severity: info
    for: entity
    when: sentiment.score < 0
)Y");
    Engine e(capped);
    auto event_with = [](int n, int64_t t) {
        Fixture f;
        f.id("big" + std::to_string(n)).at(t).headline("x").sentiment(-0.3);
        for (int i = 0; i < n; ++i) {  // snprintf, not "T" + std::to_string(i): GCC 12 warns falsely (-Wrestrict)
            char ticker[16];
            std::snprintf(ticker, sizeof ticker, "T%d", i);
            f.ticker(ticker);
        }
        return f;
    };
    auto f = event_with(20000, kT0);
    auto alerts = run(e, f);
    CHECK(alerts.size() == 100);  // before: 40,000 (every ticker, both rules)
    CHECK(e.notes().alerts_capped);
    CHECK(e.notes().keys_capped);
    // A quadratic scan took seconds at 20,000; the hashed one well under a millisecond per 1,000.
    // Each size on a fresh engine, as the event above.
    // (Not copied into a container: a Fixture's events view its own strings.)
    const auto ev5k = event_with(5000, kT0), ev20k = event_with(20000, kT0);
    CHECK(costs_linear("5,000 and 20,000 tickers x 2 keyed rules, default caps", [&](int x) {
        const Fixture& ev = x == 1 ? ev5k : ev20k;
        return least_cpu_ms(3, [&] {
            Engine fresh(capped);
            CHECK(run(fresh, ev).size() == 100);
        });
    }));

    // Without the caps the cost is linear too. Timed on an event whose key states exist already
    // (no allocation) and that fires nothing, so the figure is the key handling itself. Sizes
    // that stay in cache: measured 4.1x the CPU for 4x the keys at 250 and 500 keys, 4.6x at
    // 1,000, then 6.8x at 2,500 and 10x at 5,000 as the state map's cache misses take over (under
    // TSan: 4.8x at 500, 5.5-6x at 1,000); the quadratic scan this guards against: 16x.
    auto uncapped = must_load(R"Y(max_keys_per_event: 100000
max_alerts_per_event: 100000
rules:
  - id: t
    severity: info
    for: ticker
    when: sentiment.score > 0
)Y");
    Engine small(uncapped), large(uncapped);
    const auto ev_small = event_with(500, kT0), ev_large = event_with(2000, kT0);
    CHECK(run(small, ev_small).empty());
    CHECK(run(large, ev_large).empty());
    CHECK(small.key_count() == 500);
    CHECK(large.key_count() == 2000);
    CHECK(costs_linear("500 and 2,000 tickers, no caps", [&](int x) {
        return least_cpu_ms(9, [&] { CHECK(run(x == 1 ? small : large, x == 1 ? ev_small : ev_large).empty()); });
    }));
}

TEST_CASE("alerts per event: past the cap no alert and no cooldown; resolved alerts wait") {
    Engine e(must_load(R"Y(max_alerts_per_event: 2
rules:
  - id: t
    severity: info
    for: ticker
    when: sentiment.score < 0
    cooldown: 1h
    resolved: true
)Y"));
    Fixture f;
    f.id("a").at(kT0).headline("x").sentiment(-0.3).ticker("A").ticker("B").ticker("C");
    auto first = run(e, f);
    REQUIRE(first.size() == 2);
    CHECK(e.notes().alerts_capped);
    // C raised nothing, so no cooldown started for it: it fires on the next event.
    Fixture g;
    g.id("b").at(kT0 + kMinute).headline("x").sentiment(-0.3).ticker("C");
    auto second = run(e, g);
    REQUIRE(second.size() == 1);
    CHECK(second[0].key == "C");
    CHECK_FALSE(e.notes().alerts_capped);
}

TEST_CASE("rules file limits: max_keys_per_event and max_alerts_per_event are checked") {
    LoadResult r = load_rules_text("max_keys_per_event: 0\nmax_alerts_per_event: lots\nrules: []\n", "l.yaml");
    REQUIRE(r.errors.size() == 2);
    CHECK(r.errors[0].message == "'max_keys_per_event' must be a whole number from 1 to 100000");
    CHECK(r.errors[1].message == "'max_alerts_per_event' must be a whole number from 1 to 100000");
}

// The metric walks compare each metric's kind in a per-event copy first (EngineState::metric_tags,
// issue 20): it must be the current event's, whatever the event before held at that index.
TEST_CASE("a metric is selected by this event's kinds, not the previous event's") {
    Engine e(must_load(R"Y(rules:
  - id: big-revenue
    severity: info
    when: metric("revenue", forecast=false).value > 10B
)Y"));
    struct Step {
        MetricKind kinds[3];
        bool forecast;         // the revenue metric's
        int alert_index;       // -1: none
    };
    // Each event's revenue metric sits where the event before held another kind (or the same
    // kind with the other forecast flag).
    const Step steps[] = {{{MetricKind::backlog, MetricKind::backlog, MetricKind::backlog}, false, -1},
                          {{MetricKind::revenue, MetricKind::backlog, MetricKind::backlog}, false, 0},
                          {{MetricKind::backlog, MetricKind::backlog, MetricKind::revenue}, true, -1},
                          {{MetricKind::backlog, MetricKind::backlog, MetricKind::revenue}, false, 2}};
    int n = 0;
    for (const Step& st : steps) {
        CAPTURE(n);
        Fixture f;
        f.id(std::to_string(n)).at(kT0 + n * 86400000LL).summary("Figures $12B.").sentiment(0);
        for (MetricKind k : st.kinds)
            f.metric(k, "X", "", 12e9, "$12B", 0, false, k == MetricKind::revenue && st.forecast);
        auto alerts = run(e, f);
        if (st.alert_index < 0) {
            CHECK(alerts.empty());
        } else {
            REQUIRE(alerts.size() == 1);
            CHECK(alerts[0].metric_indices == std::vector<uint32_t>{static_cast<uint32_t>(st.alert_index)});
        }
        ++n;
    }
}

// A keyed rule's metric walk compares each metric's ticker with the key in the same per-event
// copy first: this event's tickers, in any case.
TEST_CASE("a keyed rule picks each key's metric by this event's tickers") {
    Engine e(must_load(R"Y(rules:
  - id: big-revenue
    severity: info
    for: ticker
    when: metric("revenue").value > 10B
)Y"));
    struct Step {
        const char* tickers[2];  // of the event's two revenue metrics: 12B, then 1B
        const char* key;         // the alert's
    };
    const Step steps[] = {{{"MSFT", "AMZN"}, "MSFT"}, {{"amzn", "MSFT"}, "AMZN"}, {{"MSFT", "amzn"}, "MSFT"}};
    int n = 0;
    for (const Step& st : steps) {
        CAPTURE(n);
        Fixture f;
        f.id(std::to_string(n)).at(kT0 + n * 86400000LL).summary("Revenue $12B. Revenue $1B.").sentiment(0);
        f.entity("Microsoft", "MSFT", 0, 1).entity("Amazon", "AMZN", 0, 1);
        f.metric(MetricKind::revenue, "X", st.tickers[0], 12e9, "$12B");
        f.metric(MetricKind::revenue, "X", st.tickers[1], 1e9, "$1B");
        auto alerts = run(e, f);
        REQUIRE(alerts.size() == 1);
        CHECK(alerts[0].key == st.key);
        ++n;
    }
}

// An event with more than EngineState::kTickerOrderFrom metrics is walked per key through the
// metrics ordered by ticker (issue 20: 20 companies' 2,000 figures cost every key 2,000 steps).
// Each key must still get exactly its own metrics, whatever their case, in the event's order.
TEST_CASE("a keyed rule over a figure-dense event matches each key's metrics in order") {
    Engine e(must_load(R"Y(rules:
  - id: big-revenue
    severity: info
    for: ticker
    when: metric("revenue").value > 10B
)Y"));
    const char* tickers[] = {"MSFT", "amzn", "AAPL", "Msft"};
    Fixture f;
    f.id("dense").at(kT0).summary("Revenue figures.").sentiment(0);
    f.entity("Microsoft", "MSFT", 0, 1).entity("Amazon", "AMZN", 0, 1).entity("Apple", "AAPL", 0, 1);
    std::vector<uint32_t> expected[3];  // MSFT, AMZN, AAPL
    for (uint32_t i = 0; i < 100; ++i) {
        const bool big = i % 7 == 0;
        f.metric(MetricKind::revenue, "X", tickers[i % 4], big ? 12e9 : 1e9, big ? "$12B" : "$1B");
        if (big) expected[i % 4 == 3 ? 0 : i % 4].push_back(i);
    }
    auto alerts = run(e, f);
    REQUIRE(alerts.size() == 3);
    for (const auto& a : alerts) {
        CAPTURE(a.key);
        const int k = a.key == "MSFT" ? 0 : a.key == "AMZN" ? 1 : a.key == "AAPL" ? 2 : -1;
        REQUIRE(k >= 0);
        CHECK(a.metric_indices == expected[k]);
    }
}
