#pragma once
// The streaming engine behind `herald run` and `herald demo`: a consumer-group member that
// hands each partition's messages, in order, to one worker thread (partition p -> worker
// p % workers), publishes alerts and dead letters through one idempotent producer, and stores
// an input offset for commit only once all work it caused is acknowledged.
//
//   herald::app::Pipeline pipeline(config, resources, rules, metrics);
//   std::atomic<bool> stop{false};               // set by SIGINT/SIGTERM
//   int exit_code = pipeline.run(stop);          // drains, flushes, commits before returning
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "herald/analysis/analyzer.hpp"
#include "herald/kafka/types.hpp"
#include "herald/rules/engine.hpp"

namespace herald::telemetry {
class Metrics;
}

namespace herald::app {

class ShadowProbe;

// An alert the broker acknowledged, for callers that show alerts as they fire (the demo).
struct AlertNotice {
    const std::string& json;
    const rules::Alert& alert;
    const std::string& event_id;
    int64_t event_time_ms;
};

struct PipelineConfig {
    std::string brokers;
    std::string input_topic = "news";
    std::string alerts_topic = "alerts";
    std::string dlq_topic = "news.dlq";
    std::string group = "herald";
    kafka::Properties consumer_properties;  // applied after herald's defaults
    kafka::Properties producer_properties;
    // Shadow rules (Pipeline::set_shadow_rules) publish here through their own producer, which
    // takes producer_properties then shadow_producer_properties. Empty: no shadow.
    std::string shadow_topic;
    kafka::Properties shadow_producer_properties;
    size_t workers = 2;
    size_t max_inflight = 8192;        // dispatched but unacknowledged events before consumption pauses
    size_t batch_size = 1024;
    size_t max_event_bytes = 1 << 20;
    // Events dated more than this ahead of their message timestamp (or the clock) are
    // dead-lettered as future_time; 0 = no check (EventProcessor::set_event_time_policy).
    int64_t max_future_skew_ms = 3'600'000;
    int64_t stop_after_events = 0;     // 0 = never (demo: --events N)
    int64_t stop_after_ms = 0;         // 0 = never (demo: --duration)
    int64_t drain_timeout_ms = 30000;  // how long a stop or revoke waits for in-flight work
    // A partition with newer messages on the broker but none delivered for this long has its fetch
    // restarted (0 = never).
    int64_t fetch_stall_ms = 30000;
    // Benchmark ceiling: consume and commit only (no parsing, analysis, rules or publishing).
    bool pass_through = false;
    // Alerts-topic messages read back per partition at assignment to skip re-publishing alerts of
    // reprocessed events (0 disables). Must cover what can be published between two commits.
    int64_t dedup_lookback_messages = 100000;
    // Event-time history re-read (alerts suppressed) to rebuild a newly taken partition's windows,
    // cooldowns and holds; -1 = twice the rules' longest window, cooldown or hold; 0 = off.
    int64_t rebuild_span_ms = -1;
    // delivery: exactly-once: alerts, dead letters and input offsets commit in one Kafka
    // transaction every transaction_interval_ms; an error aborts it and rewinds to the last commit.
    bool exactly_once = false;
    std::string transactional_id;  // empty: herald-<group>-<host>-<pid>
    int64_t transaction_interval_ms = 100;
    int64_t rebuild_max_events = 200000;
    // The process exits after run(): the consumer may be left to the exit where destroying it
    // would abort in librdkafka 2.0.2 (kafka::Consumer::Options::exit_after_close).
    bool exit_after_run = false;
    // Called from the delivery thread for every acknowledged alert (demo printing); may be empty.
    std::function<void(const AlertNotice&)> on_alert;
};

class Pipeline {
public:
    Pipeline(PipelineConfig config, analysis::Resources resources, std::shared_ptr<const rules::RuleSet> rules,
             telemetry::Metrics& metrics);
    ~Pipeline();
    Pipeline(const Pipeline&) = delete;
    Pipeline& operator=(const Pipeline&) = delete;

    // Runs until `stop` is set, a limit is reached or an unrecoverable error; returns the exit
    // code (0 clean, 1 failure). In-flight work is drained and committed before it returns.
    int run(const std::atomic<bool>& stop);

    // Workers pick new rules up before their next event; per-partition state carries over by rule id.
    void set_rules(std::shared_ptr<const rules::RuleSet> rules);
    // The shadow rules (config.shadow_topic set), evaluated beside the live ones and published to
    // the shadow topic; null: none (until set again). Workers pick them up before their next event.
    void set_shadow_rules(std::shared_ptr<const rules::RuleSet> rules);
    // The shadow's counts and series; null without a shadow topic.
    ShadowProbe* shadow_probe();
    // Ready: partitions assigned and no unrecoverable error. `reason` says why not.
    bool ready(std::string& reason) const;

    // What the run did so far (a snapshot; any thread).
    struct Counters {
        uint64_t consumed = 0, processed = 0, dead_lettered = 0, alerts_produced = 0, alerts_acked = 0,
                 delivery_failures = 0, alerts_already_published = 0,
                 redelivered_skipped = 0,  // messages at offsets this process already dispatched (stale fetch)
                 lost_dropped = 0,  // events whose partition was lost: not published, the new owner redoes them
                 rebuilt_events = 0,  // history events re-read to rebuild rule state on assignment
                 rebuild_failures = 0,
                 stale_dropped = 0,   // taken in the poll that revoked their partition (set when run returns)
                 fetch_restarts = 0;  // partitions whose stalled fetch was restarted
    };
    Counters counters() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace herald::app
