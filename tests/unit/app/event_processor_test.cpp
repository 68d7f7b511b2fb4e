// Event time policy of EventProcessor: events far ahead of their reference are refused
// (future_time) before they reach the rules; late ones are evaluated and counted.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "herald/app/event_processor.hpp"
#include "herald/core/time.hpp"
#include "herald/telemetry/metrics.hpp"

using namespace herald;
using namespace herald::app;

namespace {

int64_t at(const char* rfc3339) {
    int64_t ms = 0;
    REQUIRE(core::parse_rfc3339(rfc3339, ms));
    return ms;
}

std::string event(const std::string& id, const std::string& published_at) {
    return R"({"id":")" + id + R"(","headline":"Acme shares fall","tickers":["ACME"],"published_at":")" +
           published_at + R"("})";
}

struct Harness {
    analysis::Resources resources = analysis::Resources::load("", "");
    EventProcessor proc{resources, 1 << 20};
    std::string detail;

    parse::ErrorCode parse(const std::string& payload, int64_t record_ts) {
        return proc.parse(payload, EventSource{"news", 0, 1, record_ts}, detail);
    }
    // Parses, analyzes and evaluates; the ids of the rules that fired, or the error code name.
    std::vector<std::string> feed(rules::Engine& engine, const std::string& payload, int64_t record_ts) {
        parse::ErrorCode code = parse(payload, record_ts);
        if (code != parse::ErrorCode::none) return {std::string(parse::error_code_name(code))};
        proc.analyze();
        std::vector<rules::Alert> alerts;
        proc.evaluate(engine, alerts);
        std::vector<std::string> ids;
        for (const auto& a : alerts) ids.push_back(a.rule_id);
        return ids;
    }
};

}  // namespace

TEST_CASE("event time far ahead of the message timestamp or the clock is future_time") {
    Harness h;
    h.proc.set_event_time_policy(3'600'000, at("2026-12-06T12:00:00Z"));
    const int64_t ts = at("2026-12-06T10:00:00Z");
    CHECK(h.parse(event("a", "2026-12-06T10:59:00Z"), ts) == parse::ErrorCode::none);
    CHECK(h.parse(event("b", "2026-12-06T11:01:00Z"), ts) == parse::ErrorCode::future_time);
    CHECK(h.detail == "event time 2026-12-06T11:01:00Z is more than max-future-skew (3600000 ms) ahead of "
                      "2026-12-06T10:00:00Z (the message timestamp)");
    // A producer that stamps the record with the bad date itself: the clock bounds it.
    const int64_t far = at("9999-12-31T00:00:00Z");
    CHECK(h.parse(event("c", "9999-12-31T00:00:00Z"), far) == parse::ErrorCode::future_time);
    CHECK(h.detail.find("(the clock)") != std::string::npos);
    // No message timestamp (files) and no published_at: the event time is the timestamp, -1 -> 0.
    CHECK(h.parse(event("d", "2026-12-06T12:59:00Z"), -1) == parse::ErrorCode::none);
    CHECK(h.parse(event("e", "2026-12-06T13:01:00Z"), -1) == parse::ErrorCode::future_time);
    // Late events are never refused.
    CHECK(h.parse(event("f", "1990-01-01T00:00:00Z"), ts) == parse::ErrorCode::none);
    // 0 turns the check off.
    h.proc.set_event_time_policy(0);
    CHECK(h.parse(event("g", "9999-12-31T00:00:00Z"), ts) == parse::ErrorCode::none);
    // Without published_at a record timestamp past year 9999 is held to it (no overflow later).
    CHECK(h.proc.parse(R"({"headline":"x"})", EventSource{"news", 0, 2, INT64_MAX}, h.detail) == parse::ErrorCode::none);
    CHECK(h.proc.event_time_ms() == core::kMaxTimeMs);
}

TEST_CASE("one event dated 9999-12-31 no longer silences its ticker; a late event still alerts") {
    auto loaded = rules::load_rules_text(R"(rules:
  - id: every
    severity: info
    for: ticker
    when: ticker == "ACME"
  - id: daily-count
    severity: info
    for: ticker
    when: count(1d) >= 1
)", "r.yaml");
    REQUIRE(loaded.ok());
    rules::Engine engine(loaded.rules);
    telemetry::Metrics metrics;
    Harness h;
    h.proc.set_event_time_policy(3'600'000, at("2026-12-06T12:00:00Z"));
    h.proc.set_metrics(&metrics);
    const std::vector<std::string> both{"every", "daily-count"};
    CHECK(h.feed(engine, event("1", "2026-12-06T09:00:00Z"), at("2026-12-06T09:00:01Z")) == both);
    // Before: accepted, and every later ACME event raised nothing on either rule, for ever.
    CHECK(h.feed(engine, event("2", "9999-12-31T00:00:00Z"), at("2026-12-06T09:30:00Z")) ==
          std::vector<std::string>{"future_time"});
    CHECK(h.feed(engine, event("3", "2026-12-06T10:00:00Z"), at("2026-12-06T10:00:01Z")) == both);
    // One minute before the key's last alert, cooldown 0: evaluated, fires, counted as late.
    CHECK(h.feed(engine, event("4", "2026-12-06T09:59:00Z"), at("2026-12-06T10:00:02Z")) == both);
    CHECK(metrics.events_late().Value() == 1);
    CHECK(metrics.rule_caps_hit(telemetry::kCapKeys).Value() == 0);
}

namespace {
// Records the stages process() reports, in order.
struct Stages : StageObserver {
    std::vector<telemetry::Stage> seen;
    void stage_done(telemetry::Stage stage, int64_t ns) override {
        CHECK(ns >= 0);
        seen.push_back(stage);
    }
};
}  // namespace

TEST_CASE("process: one call per event gives a dead letter or the alerts, and times its stages") {
    auto loaded = rules::load_rules_text("rules:\n  - id: every\n    severity: info\n    when: ticker == \"ACME\"\n",
                                         "r.yaml");
    REQUIRE(loaded.ok());
    rules::Engine engine(loaded.rules);
    Harness h;
    h.proc.set_event_time_policy(0);
    Stages stages;
    const EventSource source{"news", 2, 40, -1};
    const std::string payload = event("a", "2026-12-06T10:00:00Z");  // the event's texts may view it
    EventOutcome ok = h.proc.process(std::string_view(payload), source, engine, &stages);
    CHECK_FALSE(ok.dead_letter());
    REQUIRE(ok.alerts.size() == 1);
    CHECK(ok.alerts[0].rule_id == "every");
    CHECK(h.proc.event().id == "a");
    CHECK(stages.seen == std::vector<telemetry::Stage>{telemetry::Stage::parse, telemetry::Stage::analyze,
                                                       telemetry::Stage::rules});

    stages.seen.clear();
    EventOutcome bad = h.proc.process(std::string_view("{not json"), source, engine, &stages);
    CHECK(bad.dead_letter());
    CHECK(parse::error_code_name(bad.code) == "invalid_json");
    CHECK_FALSE(bad.detail.empty());
    CHECK(bad.alerts.empty());  // the last event's alerts are gone
    CHECK(stages.seen == std::vector<telemetry::Stage>{telemetry::Stage::parse});

    EventOutcome tombstone = h.proc.process(std::nullopt, source, engine);
    CHECK(tombstone.code == parse::ErrorCode::empty);
    CHECK(tombstone.detail == "null message value (tombstone)");
}

namespace {

// The sentiment terms of an alert, flat, to compare.
std::vector<std::string> terms_of(const std::vector<rules::Alert>& alerts) {
    std::vector<std::string> out;
    for (const rules::Alert& a : alerts)
        for (const auto& t : a.explanation.terms)
            out.push_back(t.term + "|" + t.rule + "|" + std::to_string(t.weight) + "|" +
                          std::to_string(t.span.begin) + "-" + std::to_string(t.span.end));
    return out;
}

std::string story(const std::string& id, const std::string& headline, const std::string& summary) {
    return R"({"id":")" + id + R"(","headline":")" + headline + R"(","summary":")" + summary +
           R"(","published_at":"2026-12-06T10:00:00Z"})";
}

}  // namespace

// The terms come from the analysis that raised the alert (its document scored again) only while
// the processor's analyzer holds that event's analysis: after it analysed another event (the
// pipeline's copy_event path), the event is analysed again.
TEST_CASE("evaluate: an alert's sentiment terms are those of its own event, from the live analysis or analysed again") {
    auto loaded = rules::load_rules_text(
        "rules:\n  - id: tone\n    severity: info\n    when: sentiment.score >= -2\n", "r.yaml");
    REQUIRE(loaded.ok());
    Harness h;
    h.proc.set_event_time_policy(0);
    SentimentTerms fresh(h.resources);
    const std::string a = story("a", "Acme shares jump after record quarter",
                                "Revenue rose 22% to $5.1 billion and the outlook was raised.");
    const std::string b = story("b", "Globex plunges on weak guidance", "Globex cut its forecast; losses widened sharply.");
    for (int other_between = 0; other_between < 2; ++other_between) {
        CAPTURE(other_between);
        rules::Engine engine(loaded.rules);
        REQUIRE(h.parse(a, -1) == parse::ErrorCode::none);
        h.proc.analyze();
        // Another event through the same analyzer (held elsewhere): its document replaces a's.
        analysis::Event other;
        other.headline = "Initech misses estimates, shares sink";
        analysis::Analysis other_out;
        if (other_between) h.proc.analyze(other, other_out);
        std::vector<rules::Alert> alerts;
        h.proc.evaluate(engine, alerts);
        REQUIRE(alerts.size() == 1);
        REQUIRE(alerts[0].explanation.sentiment);
        std::vector<rules::Alert> again = alerts;
        for (auto& al : again) al.explanation.terms.clear();
        fresh.attach(h.proc.event(), again);  // a's sentences analysed from scratch
        CHECK(terms_of(alerts) == terms_of(again));
        CHECK(terms_of(alerts).size() >= 3);
        // The shadow rules after the live ones read the same analysis.
        std::vector<rules::Alert> shadow;
        rules::Engine shadow_engine(loaded.rules);
        h.proc.evaluate_quietly(shadow_engine, shadow);
        CHECK(terms_of(shadow) == terms_of(again));
    }
    // A second event parsed and analysed: its own terms, not the first one's.
    rules::Engine engine(loaded.rules);
    REQUIRE(h.parse(b, -1) == parse::ErrorCode::none);
    h.proc.analyze();
    std::vector<rules::Alert> alerts;
    h.proc.evaluate(engine, alerts);
    std::vector<rules::Alert> again = alerts;
    for (auto& al : again) al.explanation.terms.clear();
    fresh.attach(h.proc.event(), again);
    CHECK(terms_of(alerts) == terms_of(again));
    CHECK_FALSE(terms_of(alerts).empty());
}
