// The bundled demo rules over the bundled sample feed, and the seed events, through the real
// parser and analyzer: the demo must fire a handful to a few dozen alerts, deterministically.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "herald/analysis/analyzer.hpp"
#include "herald/core/time.hpp"
#include "herald/parse/event_parser.hpp"
#include "test_support.hpp"
#include "../../shared_data.hpp"

using namespace herald;

namespace {

struct FeedRun {
    std::vector<std::string> lines;  // one alert JSON per line
    std::map<std::string, int> per_rule;
};

FeedRun run_stream(std::istream& in, const std::shared_ptr<const rules::RuleSet>& rule_set) {
    FeedRun result;
    parse::EventParser parser;
    analysis::Resources resources = analysis::Resources::builtin();
    analysis::Analyzer analyzer(resources);
    analysis::Event event;
    analysis::Analysis an;
    rules::Engine engine(rule_set);
    std::vector<rules::Alert> alerts;
    std::string line, detail, json;
    bool print = std::getenv("HERALD_PRINT_ALERTS") != nullptr;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        REQUIRE(parser.parse(line, event, detail) == parse::ErrorCode::none);
        analyzer.analyze(event, an);
        rules::EventContext ctx{event, an, event.published_at_ms};
        alerts.clear();
        engine.evaluate(ctx, alerts);
        for (const auto& a : alerts) {
            json.clear();
            rules::append_alert_json(json, a, ctx, {}, ctx.event_time_ms);
            result.lines.push_back(json);
            result.per_rule[a.rule_id]++;
            if (print) std::printf("%-26s %-6s %s\n", a.rule_id.c_str(), a.key.c_str(), a.summary.c_str());
        }
    }
    return result;
}

FeedRun run_feed(const std::string& feed_path, const std::shared_ptr<const rules::RuleSet>& rule_set) {
    std::ifstream in(feed_path);
    REQUIRE(in.good());
    return run_stream(in, rule_set);
}

std::shared_ptr<const rules::RuleSet> demo_rules() {
    rules::LoadResult r = rules::load_rules_file(HERALD_SOURCE_DIR "/data/rules/demo.yaml");
    REQUIRE(r.ok());
    return r.rules;
}

// The alerts of rule `rule` on the events, as "KEY event-id" (resolutions as "KEY event-id resolved").
std::vector<std::string> fired(const std::string& ndjson, const std::string& rule) {
    std::istringstream in(ndjson);
    std::vector<std::string> out;
    for (const std::string& a : run_stream(in, demo_rules()).lines) {
        if (a.find("\"rule\":\"" + rule + "\"") == std::string::npos) continue;
        auto field = [&](const std::string& name) {
            size_t at = a.find("\"" + name + "\":\"") + name.size() + 4;
            return a.substr(at, a.find('"', at) - at);
        };
        out.push_back(field("key") + " " + field("event_id") +
                      (a.find("\"resolved\":true") != std::string::npos ? " resolved" : ""));
    }
    return out;
}

}  // namespace

TEST_CASE("demo rules load and fire a handful to a few dozen alerts on the sample feed") {
    rules::LoadResult r = rules::load_rules_file((std::getenv("HERALD_RULES") ? std::getenv("HERALD_RULES") : HERALD_SOURCE_DIR "/data/rules/demo.yaml"));
    for (const auto& d : r.errors) MESSAGE(d.to_string());
    REQUIRE(r.ok());
    CHECK(r.rules->size() >= 8);
    CHECK(r.rules->size() <= 15);
    FeedRun first = run_feed(HERALD_SOURCE_DIR "/data/sample-feed.ndjson", r.rules);
    CHECK(first.lines.size() >= 8);
    CHECK(first.lines.size() <= 70);
    CHECK(first.per_rule.size() >= 6);  // most rules have something to say about the feed
    for (const auto& [rule, n] : first.per_rule) MESSAGE(rule << ": " << n);
    // Same feed, same alerts, byte for byte (detected_at = event time here).
    FeedRun second = run_feed(HERALD_SOURCE_DIR "/data/sample-feed.ndjson", r.rules);
    CHECK(first.lines == second.lines);
}

TEST_CASE("seed-000: AWS revenue growth rule fires for AMZN with the AWS metric") {
    auto rule_set = rules::test::must_load(R"Y(rules:
  - id: cloud-growth
    severity: warning
    for: entity
    when: metric("revenue", segment="AWS").change.percent >= 25%
    summary: "{metric.business} revenue growth {metric.change.percent}% >= 25%"
)Y");
    std::ifstream in;
    if (!herald::testing::open_shared_data("seeds.ndjson", in)) return;
    std::string line;
    REQUIRE(std::getline(in, line));
    parse::EventParser parser;
    analysis::Resources resources = analysis::Resources::builtin();
    analysis::Analyzer analyzer(resources);
    analysis::Event event;
    analysis::Analysis an;
    std::string detail;
    REQUIRE(parser.parse(line, event, detail) == parse::ErrorCode::none);
    analyzer.analyze(event, an);
    rules::Engine engine(rule_set);
    std::vector<rules::Alert> alerts;
    engine.evaluate({event, an, event.published_at_ms}, alerts);
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0].key == "Amazon");
    CHECK(alerts[0].summary == "AWS revenue growth 28% >= 25%");
    REQUIRE(!alerts[0].metric_indices.empty());
    const auto& m = an.metrics[alerts[0].metric_indices[0]];
    CHECK(m.value == doctest::Approx(37.6e9));
    CHECK(m.entity == "Amazon");
    CHECK(m.segment == "AWS");
}

// Session 16: the demo's alerts read one by one; rules that fired on weak evidence, tightened.
TEST_CASE("demo rules: a negative-news burst counts stories about the company, not mentions in passing") {
    const std::string roundup =
        R"({"id":"r1","published_at":"2026-11-18T11:00:00Z","headline":"Target and home-goods retailers warn of weaker holiday spending","summary":"Several U.S. retailers cut their full-year outlooks this week, citing cautious consumers and tariff-related price increases. Walmart and Amazon shares fell about 1% in sympathy.","tickers":["WMT","AMZN"]})"
        "\n";
    const std::string about =
        R"({"id":"a1","published_at":"2026-11-18T16:00:00Z","headline":"Amazon loses bid to delay FTC antitrust trial","summary":"A federal judge denied Amazon's request to postpone the antitrust trial, a setback for the company, which faces claims it abused its dominance.","tickers":["AMZN"]})"
        "\n";
    const std::string again =
        R"({"id":"a2","published_at":"2026-11-19T09:00:00Z","headline":"Amazon hit with EU fine over marketplace abuses","summary":"The European Commission fined Amazon for abusing its dominance, a blow to the company, which said it would appeal the decision.","tickers":["AMZN"]})"
        "\n";
    CHECK(fired(roundup + about, "negative-news-burst").empty());  // fired before: the round-up counted
    CHECK(fired(roundup + about + again, "negative-news-burst") == std::vector<std::string>{"AMZN a2"});
}

TEST_CASE("demo rules: a mixed report (a beat and a miss) is no earnings miss; a plain miss is") {
    const std::string mixed =
        R"({"id":"m1","published_at":"2026-11-05T09:30:00Z","headline":"AMD shares slip despite beat as data center growth disappoints","summary":"AMD shares fell 3.7% as investors focused on data center growth of 22%, below expectations for about 25 per cent.","tickers":["AMD"]})"
        "\n";
    const std::string miss =
        R"({"id":"m2","published_at":"2026-11-06T09:30:00Z","headline":"Intel misses estimates as foundry losses widen","summary":"Intel reported adjusted EPS of $0.10, below the consensus of $0.18.","tickers":["INTC"]})"
        "\n";
    CHECK(fired(mixed + miss, "earnings-miss") == std::vector<std::string>{"INTC m2"});
}

TEST_CASE("demo rules: a backlog figure quoted again unchanged is no new record; a new one is") {
    const std::string first =
        R"({"id":"b1","published_at":"2026-10-14T12:00:00Z","headline":"Oracle backlog soars","summary":"Remaining performance obligations stand at $455 billion, up 359% year over year, Oracle said.","tickers":["ORCL"]})"
        "\n";
    const std::string restated =
        R"({"id":"b2","published_at":"2026-10-20T12:00:00Z","headline":"Oracle signs $20 billion cloud deal","summary":"Oracle agreed a cloud contract worth about $20 billion, adding to the $455 billion in remaining performance obligations it reported in September.","tickers":["ORCL"]})"
        "\n";
    const std::string newer =
        R"({"id":"b3","published_at":"2026-12-10T12:00:00Z","headline":"Oracle backlog climbs again","summary":"Remaining performance obligations rose to $523 billion at the end of the quarter, Oracle said.","tickers":["ORCL"]})"
        "\n";
    CHECK(fired(first + restated + newer, "backlog-record") == std::vector<std::string>{"ORCL b1", "ORCL b3"});
}
