// Alerts that explain themselves (issue 16 item 6, docs/rules.md "Explanations"): the comparisons
// that held with the values read, the event types behind event(...), the ids of the events in the
// windows a condition read, and the "explain" object of the alert's JSON.
#include <doctest/doctest.h>

#include "herald/analysis/analyzer.hpp"
#include "test_support.hpp"

using namespace herald::rules;
using namespace herald::rules::test;

namespace {

Fixture scored(std::string id, int64_t t, double score) {
    Fixture f;
    f.id(std::move(id)).at(t).headline("Acme news").entity("Acme", "ACME", score).sentiment(score);
    return f;
}

std::string reads(const Alert& a) {
    std::string out;
    for (const auto& c : a.explanation.compared) {
        out += c.read + " " + c.op + " ";
        out += c.text ? c.value_text + " vs " + c.threshold_text
                      : std::to_string(c.value).substr(0, 5) + " vs " + std::to_string(c.threshold).substr(0, 5);
        out += "; ";
    }
    return out;
}

}  // namespace

TEST_CASE("the comparisons that held, with the values read and the thresholds; a failed branch leaves none") {
    Engine e(must_load(R"Y(rules:
  - id: negative
    severity: warning
    for: ticker
    when: (entity.sentiment.score <= -0.3 and entity.mentions >= 5) or (sentiment.score < -0.4 and ticker == "ACME")
)Y"));
    auto alerts = run(e, scored("m1", kT0, -0.5));
    REQUIRE(alerts.size() == 1);
    // The first branch failed on mentions: its held comparison is not part of the explanation.
    CHECK(reads(alerts[0]) == "sentiment.score < -0.50 vs -0.40; ticker == ACME vs ACME; ");
    CHECK(alerts[0].explanation.sentiment);
    CHECK(alerts[0].explanation.windows.empty());
    CHECK(alerts[0].explanation.events.empty());
}

TEST_CASE("window rules name the events in the window") {
    Engine e(must_load(R"Y(rules:
  - id: burst
    severity: info
    for: ticker
    when: count(entity.sentiment.score < 0, 2h) >= 3 and metrics.count == 0
)Y"));
    CHECK(run(e, scored("m1", kT0, -0.2)).empty());
    CHECK(run(e, scored("m2", kT0 + kMinute, 0.4)).empty());  // not counted
    CHECK(run(e, scored("m3", kT0 + 2 * kMinute, -0.1)).empty());
    CHECK(run(e, scored("old", kT0 - 3 * kHour, -0.9)).empty());  // late and outside the window
    auto alerts = run(e, scored("m4", kT0 + 3 * kMinute, -0.3));
    REQUIRE(alerts.size() == 1);
    const auto& x = alerts[0].explanation;
    REQUIRE(x.windows.size() == 1);
    CHECK(x.windows[0].read == "count(entity.sentiment.score < 0, 2h)");
    CHECK(x.windows[0].ids == std::vector<std::string>{"m1", "m3", "m4"});
    CHECK(reads(alerts[0]) == "count(entity.sentiment.score < 0, 2h) >= 3.000 vs 3.000; metrics.count == 0.000 vs 0.000; ");
    std::string json;
    append_alert_json(json, alerts[0], scored("m4", kT0 + 3 * kMinute, -0.3).ctx(), {}, kT0);
    CHECK(json.find(R"J("explain":{"compared":[{"read":"count(entity.sentiment.score < 0, 2h)","value":3,"op":">=",)J"
                    R"J("threshold":3},{"read":"metrics.count","value":0,"op":"==","threshold":0}],)J"
                    R"J("windows":[{"read":"count(entity.sentiment.score < 0, 2h)","event_ids":["m1","m3","m4"]}]})J") !=
          std::string::npos);
}

TEST_CASE("every rule function is read back by its name in the function table") {
    // The explanation names windows and functions of numbers from kFunctionTable (catalogue.hpp):
    // a new row explains itself.
    Engine e(must_load(R"Y(rules:
  - id: lean
    severity: info
    for: ticker
    when: abs(avg(entity.sentiment.score, 1h)) >= 0.2 and max(entity.sentiment.score, 30m) > 0.1 and sum(entity.sentiment.score, 2h) > 0 and min(entity.sentiment.score, 1d) > 0
)Y"));
    auto alerts = run(e, scored("m1", kT0, 0.5));
    REQUIRE(alerts.size() == 1);
    CHECK(reads(alerts[0]) ==
          "abs(avg(entity.sentiment.score, 1h)) >= 0.500 vs 0.200; max(entity.sentiment.score, 30m) > 0.500 vs 0.100; "
          "sum(entity.sentiment.score, 2h) > 0.500 vs 0.000; min(entity.sentiment.score, 1d) > 0.500 vs 0.000; ");
}

TEST_CASE("event(...) conditions name the event type, its words and figure") {
    static herald::analysis::Analyzer analyzer(herald::analysis::Resources::builtin());
    Fixture f;
    f.id("e1").at(kT0).headline("Intel to cut 12,000 jobs as demand slumps");
    analyzer.analyze(f.event, f.analysis);
    Engine e(must_load(R"Y(rules:
  - id: layoffs
    severity: info
    for: entity
    when: event("layoffs") and event("layoffs").figure >= 10k and metric("revenue").value > 0 or event("layoffs")
)Y"));
    auto alerts = run(e, f);
    REQUIRE(alerts.size() == 1);
    const auto& x = alerts[0].explanation;
    REQUIRE(x.events.size() == 1);
    CHECK(x.events[0].type == "layoffs");
    CHECK(x.events[0].has_figure);
    CHECK(x.events[0].figure == 12000);
    CHECK(x.compared.empty());  // the comparison on figure was in the branch that failed
    std::string json;
    append_alert_json(json, alerts[0], f.ctx(), {}, kT0);
    CHECK(json.find(R"("explain":{"events":[{"type":"layoffs","field":"headline","span":[)") != std::string::npos);
    CHECK(json.find(R"("figure":12000}]})") != std::string::npos);
}

TEST_CASE("an explanation over its share is cut, counted in omitted, and the alert says truncated") {
    Engine e(must_load(R"Y(rules:
  - id: many
    severity: info
    for: ticker
    when: entity.sentiment.score < 0 and entity.sentiment.score < 1 and entity.sentiment.score < 2 and entity.sentiment.score < 3
)Y"));
    Fixture f = scored("m1", kT0, -0.5);
    auto alerts = run(e, f);
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0].explanation.compared.size() == 4);
    AlertLimits limits;
    limits.explain = 150;  // room for two comparisons
    std::string json;
    CHECK(append_alert_json(json, alerts[0], f.ctx(), {}, kT0, limits));
    CHECK(json.find(R"("omitted":{"explain":2})") != std::string::npos);
}
