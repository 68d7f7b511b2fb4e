#include "herald/telemetry/metrics.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <prometheus/text_serializer.h>

#include <set>
#include <thread>
#include <vector>

#include "prometheus_text.hpp"

using herald::telemetry::Metrics;
using herald::telemetry::Stage;

namespace {

herald::test::Exposition render(const Metrics& metrics) {
    const std::string text = prometheus::TextSerializer().Serialize(metrics.Collect());
    std::string error;
    auto parsed = herald::test::parse_exposition(text, error);
    INFO(error);
    REQUIRE(parsed.has_value());
    return *parsed;
}

}  // namespace

TEST_CASE("every catalogue metric renders with its type") {
    Metrics metrics;
    // Families without children render nothing: these three get theirs at run time
    // (rule load pre-creates the alert counters; statistics bring partitions and brokers).
    metrics.alert_published("aws-growth", "high");
    metrics.consumer_lag(3).Set(42);
    metrics.broker_rtt("localhost:9092/1").Set(0.0005);
    metrics.entity_sentiment("AMZN")->Set(0.62);
    const auto exp = render(metrics);

    const std::map<std::string, std::string> catalogue = {
        {"herald_events_consumed_total", "counter"},
        {"herald_events_processed_total", "counter"},
        {"herald_events_dead_lettered_total", "counter"},
        {"herald_alerts_published_total", "counter"},
        {"herald_alerts_by_event_type_total", "counter"},
        {"herald_alert_delivery_failures_total", "counter"},
        {"herald_consumer_fetch_restarts_total", "counter"},
        {"herald_events_late_total", "counter"},
        {"herald_entity_sentiment_untracked_total", "counter"},
        {"herald_rule_caps_hit_total", "counter"},
        {"herald_analysis_caps_hit_total", "counter"},
        {"herald_messages_refused_total", "counter"},
        {"herald_messages_truncated_total", "counter"},
        {"herald_rules_reloads_total", "counter"},
        {"herald_transactions_total", "counter"},
        {"herald_stage_duration_seconds", "histogram"},
        {"herald_event_to_alert_latency_seconds", "histogram"},
        {"herald_consume_to_alert_latency_seconds", "histogram"},
        {"herald_wait_duration_seconds", "histogram"},
        {"herald_consumer_lag_messages", "gauge"},
        {"herald_rules_loaded", "gauge"},
        {"herald_build_info", "gauge"},
        {"herald_inflight_events", "gauge"},
        {"herald_producer_queue_messages", "gauge"},
        {"herald_broker_rtt_seconds", "gauge"},
        {"herald_partitions_assigned", "gauge"},
        {"herald_consumer_paused", "gauge"},
        {"herald_entity_sentiment_score", "gauge"},
    };
    // Named references, not structured bindings: doctest's CAPTURE and CHECK_MESSAGE capture them in
    // a lambda, which clang before 16 refuses for a binding.
    for (const auto& entry : catalogue) {
        const std::string& name = entry.first;
        const std::string& type = entry.second;
        CAPTURE(name);
        REQUIRE(exp.types.count(name) == 1);
        CHECK(exp.types.at(name) == type);
        if (type == "histogram") {
            CHECK(exp.count(name + "_bucket") > 0);
            CHECK(exp.count(name + "_sum") > 0);
            CHECK(exp.count(name + "_count") > 0);
        } else {
            CHECK(exp.count(name) > 0);
        }
    }
    // Nothing outside the catalogue (prometheus-cpp adds no process metrics of its own).
    for (const auto& entry : exp.types) CHECK_MESSAGE(catalogue.count(entry.first) == 1, entry.first);

    CHECK(exp.value("herald_build_info", {{"version", std::string(herald::telemetry::build_version())}}) == 1.0);
    CHECK(herald::telemetry::build_version() == "0.1.0");
    CHECK(exp.value("herald_consumer_lag_messages", {{"partition", "3"}}) == 42.0);
    CHECK(exp.value("herald_entity_sentiment_score", {{"ticker", "AMZN"}}) == 0.62);
    CHECK(exp.value("herald_broker_rtt_seconds", {{"broker", "localhost:9092/1"}}) == 0.0005);
    CHECK(exp.value("herald_rules_reloads_total", {{"result", "ok"}}) == 0.0);
    CHECK(exp.value("herald_rules_reloads_total", {{"result", "error"}}) == 0.0);
    // At 0 from start-up, so the abort alert and the dashboard's panel have series to read.
    CHECK(exp.value("herald_transactions_total", {{"result", "commit"}}) == 0.0);
    CHECK(exp.value("herald_transactions_total", {{"result", "abort"}}) == 0.0);
    for (const char* stage : {"parse", "analyze", "rules", "publish"})
        CHECK(exp.value("herald_stage_duration_seconds_count", {{"stage", stage}}) == 0.0);
}

TEST_CASE("dead-letter reasons exist at zero before the first failure; unknown ones appear on use") {
    Metrics metrics;
    auto exp = render(metrics);
    for (const std::string& reason : herald::telemetry::default_dead_letter_reasons())
        CHECK_MESSAGE(exp.value("herald_events_dead_lettered_total", {{"reason", reason}}) == 0.0, reason);
    for (const char* reason : {"invalid_json", "not_object", "wrong_type", "missing_text", "invalid_utf8",
                               "too_large", "empty", "too_deep"})
        CHECK_MESSAGE(exp.value("herald_events_dead_lettered_total", {{"reason", reason}}).has_value(), reason);

    metrics.dead_lettered("invalid_json").Increment();
    metrics.dead_lettered("invalid_json").Increment();
    metrics.dead_lettered("brand_new_code").Increment();
    CHECK(&metrics.dead_lettered("invalid_json") == &metrics.dead_lettered(std::string("invalid_json")));
    exp = render(metrics);
    CHECK(exp.value("herald_events_dead_lettered_total", {{"reason", "invalid_json"}}) == 2.0);
    CHECK(exp.value("herald_events_dead_lettered_total", {{"reason", "brand_new_code"}}) == 1.0);
}

TEST_CASE("a custom reason list is what gets pre-created") {
    herald::telemetry::MetricsOptions options;
    options.dead_letter_reasons = {"only_this"};
    options.version = "9.9.9-test";
    Metrics metrics(options);
    const auto exp = render(metrics);
    CHECK(exp.count("herald_events_dead_lettered_total") == 1);
    CHECK(exp.value("herald_events_dead_lettered_total", {{"reason", "only_this"}}) == 0.0);
    CHECK(exp.value("herald_build_info", {{"version", "9.9.9-test"}}) == 1.0);
}

TEST_CASE("counters, gauges and histograms show what was recorded") {
    Metrics metrics;
    metrics.events_consumed().Increment(5);
    metrics.events_processed().Increment(4);
    metrics.alert_published("aws-growth", "high").Increment();
    metrics.alert_published("aws-growth", "high").Increment();
    metrics.alert_published("aws-growth", "low").Increment();
    metrics.alert_delivery_failures().Increment();
    metrics.rules_reloads(herald::telemetry::kReloadFailure).Increment();
    metrics.rules_loaded().Set(12);
    metrics.inflight_events().Set(7);
    metrics.partitions_assigned().Set(48);
    metrics.consumer_paused().Set(1);
    metrics.producer_queue_messages().Set(3);
    metrics.stage(Stage::parse).observe(0.0001);
    metrics.stage(Stage::parse).observe(0.02);
    metrics.stage(Stage::publish).observe(0.004);
    metrics.event_to_alert_latency().observe(1.5);
    metrics.consume_to_alert_latency().observe(0.003);
    metrics.wait(herald::telemetry::Wait::queue).observe(0.0002);
    metrics.wait(herald::telemetry::Wait::delivery).observe(0.0021);
    metrics.wait(herald::telemetry::Wait::delivery).observe(0.0004);

    const auto exp = render(metrics);
    CHECK(exp.value("herald_events_consumed_total") == 5.0);
    CHECK(exp.value("herald_events_processed_total") == 4.0);
    CHECK(exp.value("herald_alerts_published_total", {{"rule", "aws-growth"}, {"severity", "high"}}) == 2.0);
    CHECK(exp.value("herald_alerts_published_total", {{"rule", "aws-growth"}, {"severity", "low"}}) == 1.0);
    CHECK(exp.value("herald_alert_delivery_failures_total") == 1.0);
    CHECK(exp.value("herald_rules_reloads_total", {{"result", "error"}}) == 1.0);
    CHECK(exp.value("herald_rules_loaded") == 12.0);
    CHECK(exp.value("herald_inflight_events") == 7.0);
    CHECK(exp.value("herald_partitions_assigned") == 48.0);
    CHECK(exp.value("herald_consumer_paused") == 1.0);
    CHECK(exp.value("herald_producer_queue_messages") == 3.0);
    CHECK(exp.value("herald_stage_duration_seconds_count", {{"stage", "parse"}}) == 2.0);
    CHECK(exp.value("herald_stage_duration_seconds_sum", {{"stage", "parse"}}) == doctest::Approx(0.0201));
    CHECK(exp.value("herald_stage_duration_seconds_bucket", {{"stage", "parse"}, {"le", "0.0001"}}) == 1.0);
    CHECK(exp.value("herald_stage_duration_seconds_bucket", {{"stage", "parse"}, {"le", "0.025"}}) == 2.0);
    CHECK(exp.value("herald_stage_duration_seconds_bucket", {{"stage", "parse"}, {"le", "+Inf"}}) == 2.0);
    CHECK(exp.value("herald_stage_duration_seconds_count", {{"stage", "publish"}}) == 1.0);
    CHECK(exp.value("herald_stage_duration_seconds_count", {{"stage", "rules"}}) == 0.0);
    CHECK(exp.value("herald_event_to_alert_latency_seconds_bucket", {{"le", "1"}}) == 0.0);
    CHECK(exp.value("herald_event_to_alert_latency_seconds_bucket", {{"le", "2.5"}}) == 1.0);
    CHECK(exp.value("herald_consume_to_alert_latency_seconds_count") == 1.0);
    CHECK(exp.value("herald_wait_duration_seconds_count", {{"wait", "queue"}}) == 1.0);
    CHECK(exp.value("herald_wait_duration_seconds_count", {{"wait", "delivery"}}) == 2.0);
    CHECK(exp.value("herald_wait_duration_seconds_sum", {{"wait", "delivery"}}) == doctest::Approx(0.0025));
    CHECK(exp.value("herald_wait_duration_seconds_bucket", {{"wait", "delivery"}, {"le", "0.0005"}}) == 1.0);
    CHECK(exp.count("herald_event_to_alert_latency_seconds_bucket") == 18);
}

TEST_CASE("lag and RTT gauges disappear when forgotten") {
    Metrics metrics;
    metrics.consumer_lag(0).Set(1);
    metrics.consumer_lag(1).Set(2);
    metrics.broker_rtt("b:1/1").Set(0.001);
    CHECK(metrics.consumer_lag_partitions() == std::vector<int32_t>{0, 1});
    metrics.forget_consumer_lag(0);
    metrics.forget_consumer_lag(99);  // unknown: no-op
    metrics.forget_broker_rtt("b:1/1");
    const auto exp = render(metrics);
    CHECK_FALSE(exp.value("herald_consumer_lag_messages", {{"partition", "0"}}).has_value());
    CHECK(exp.value("herald_consumer_lag_messages", {{"partition", "1"}}) == 2.0);
    CHECK(exp.count("herald_broker_rtt_seconds") == 0);
    CHECK(metrics.broker_rtt_brokers().empty());
}

TEST_CASE("labelled lookups from many threads create each child once and lose no increment") {
    Metrics metrics;
    constexpr int kThreads = 4;
    constexpr int kRules = 100;  // forces the lock-free table to grow several times
    constexpr int kRounds = 50;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&metrics] {
            for (int round = 0; round < kRounds; ++round)
                for (int r = 0; r < kRules; ++r)
                    metrics.alert_published("rule-" + std::to_string(r), r % 2 ? "high" : "low").Increment();
        });
    }
    for (auto& th : threads) th.join();
    const auto exp = render(metrics);
    CHECK(exp.count("herald_alerts_published_total") == kRules);
    for (int r = 0; r < kRules; ++r) {
        const auto v = exp.value("herald_alerts_published_total",
                                 {{"rule", "rule-" + std::to_string(r)}, {"severity", r % 2 ? "high" : "low"}});
        CHECK(v == double(kThreads * kRounds));
    }
}

TEST_CASE("stage names match the contract") {
    CHECK(herald::telemetry::stage_name(Stage::parse) == "parse");
    CHECK(herald::telemetry::stage_name(Stage::analyze) == "analyze");
    CHECK(herald::telemetry::stage_name(Stage::rules) == "rules");
    CHECK(herald::telemetry::stage_name(Stage::publish) == "publish");
}

TEST_CASE("entity sentiment series are bounded: new tickers beyond the cap get none and are counted (issue 20 item 10)") {
    herald::telemetry::MetricsOptions options;
    options.entity_sentiment_max_series = 3;
    Metrics metrics(options);
    for (int i = 0; i < 20000; ++i) {
        char ticker[16];
        std::snprintf(ticker, sizeof ticker, "T%d", i);
        prometheus::Gauge* g = metrics.entity_sentiment(ticker);
        CHECK((g != nullptr) == (i < 3));
        if (g) g->Set(0.5);
    }
    // A ticker that has its series keeps it (lock-free lookup), beyond the cap too.
    REQUIRE(metrics.entity_sentiment("T1") != nullptr);
    const auto exp = render(metrics);
    CHECK(exp.count("herald_entity_sentiment_score") == 3);
    CHECK(exp.value("herald_entity_sentiment_score", {{"ticker", "T2"}}) == 0.5);
    CHECK_FALSE(exp.value("herald_entity_sentiment_score", {{"ticker", "T3"}}).has_value());
    CHECK(exp.value("herald_entity_sentiment_untracked_total") == 19997.0);

    herald::telemetry::MetricsOptions off;
    off.entity_sentiment_max_series = 0;
    Metrics none(off);
    CHECK(none.entity_sentiment("AMZN") == nullptr);
}
