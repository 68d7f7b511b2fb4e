// The bundled demo rules over the bundled sample feed, and the seed events, through the real
// parser and analyzer: the demo must fire a handful to a few dozen alerts, deterministically.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>

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

FeedRun run_feed(const std::string& feed_path, const std::shared_ptr<const rules::RuleSet>& rule_set) {
    FeedRun result;
    std::ifstream in(feed_path);
    REQUIRE(in.good());
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
