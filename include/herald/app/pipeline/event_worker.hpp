#pragma once
// The event worker: one thread of the pipeline, popping its queue in order. A message goes
// through EventProcessor (parse, analyze, rules, alert JSON) with its partition's rules engine,
// and out as alerts or a dead letter through the delivery ledger; a rebuild order re-reads the
// partition's history with alerts suppressed, so windows and cooldowns are whole before its first
// live event. The worker never waits on another partition and allocates nothing per event but
// alerts.
//
//   EventWorker worker(context);                 // on its thread
//   worker.run(queue);                           // until context.stop
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "herald/analysis/analyzer.hpp"
#include "herald/app/event_processor.hpp"
#include "herald/app/pipeline/delivery_ledger.hpp"
#include "herald/app/pipeline/delivery_mode.hpp"
#include "herald/app/pipeline/partition_state.hpp"
#include "herald/app/pipeline/shadow.hpp"
#include "herald/app/pipeline/spsc_queue.hpp"
#include "herald/app/pipeline/state_rebuild.hpp"

namespace herald::app {

struct PipelineConfig;

// The rules in force; a reload swaps them and workers pick them up before their next event.
class RulesHandle {
public:
    explicit RulesHandle(std::shared_ptr<const rules::RuleSet> rules) : rules_(std::move(rules)) {}
    void set(std::shared_ptr<const rules::RuleSet> rules);
    std::shared_ptr<const rules::RuleSet> current(uint64_t& version) const;
    uint64_t version() const { return version_.load(std::memory_order_acquire); }

private:
    mutable std::mutex mutex_;  // the rare reload; workers read the version atomically
    std::shared_ptr<const rules::RuleSet> rules_;
    std::atomic<uint64_t> version_{1};
};

// The workers' counts and series: herald_events_processed_total, stage and queue-wait
// histograms, alerts cut to fit, alerts by event type, the series an acknowledged alert counts
// in, entity sentiment gauges, and the rebalance counts of the summary.
class WorkerProbe : public StageObserver {
public:
    WorkerProbe(telemetry::Metrics* metrics, const analysis::Resources* resources)
        : metrics_(metrics), resources_(resources) {}
    void processed();
    void lost_dropped() { lost_dropped_.fetch_add(1, std::memory_order_relaxed); }
    void queue_wait(int64_t ns);
    void stage_done(telemetry::Stage stage, int64_t ns) override;
    void entities(const analysis::Analysis& analysis);
    void alert_produced() { alerts_produced_.fetch_add(1, std::memory_order_relaxed); }
    // The alert is with the producer: herald_alerts_by_event_type_total.
    void alert_handed(const rules::Alert& alert);
    // herald_alerts_published_total's series for the alert, counted when it is acknowledged
    // (DeliveryLedger); null without metrics.
    prometheus::Counter* published_series(const rules::Alert& alert);
    void already_published() { already_published_.fetch_add(1, std::memory_order_relaxed); }
    void alert_truncated();
    void rebuilt(int64_t events) { rebuilt_events_.fetch_add(static_cast<uint64_t>(events), std::memory_order_relaxed); }
    void rebuild_failed() { rebuild_failures_.fetch_add(1, std::memory_order_relaxed); }

    uint64_t events_processed() const { return processed_.load(std::memory_order_relaxed); }
    uint64_t events_lost() const { return lost_dropped_.load(std::memory_order_relaxed); }
    uint64_t alerts_produced() const { return alerts_produced_.load(std::memory_order_relaxed); }
    uint64_t alerts_already_published() const { return already_published_.load(std::memory_order_relaxed); }
    uint64_t rebuilt_events() const { return rebuilt_events_.load(std::memory_order_relaxed); }
    uint64_t rebuild_failures() const { return rebuild_failures_.load(std::memory_order_relaxed); }

private:
    telemetry::Metrics* metrics_;
    const analysis::Resources* resources_;
    std::atomic<uint64_t> processed_{0}, lost_dropped_{0}, alerts_produced_{0}, already_published_{0},
        rebuilt_events_{0}, rebuild_failures_{0};
};

// What every worker shares.
struct WorkerContext {
    const PipelineConfig& config;
    const analysis::Resources& resources;
    telemetry::Metrics* metrics;  // late events and caps (EventProcessor); null: not counted
    RulesHandle& rules;
    DeliveryLedger& ledger;
    DeliveryMode& mode;
    WorkerProbe& probe;
    const std::atomic<bool>& stop;
    size_t message_max_bytes = 0;  // the producer's message.max.bytes: what outgoing messages fit
    // Shadow rules (--shadow-rules): all three set, or none.
    const RulesHandle* shadow_rules = nullptr;
    ShadowOutput* shadow = nullptr;
    ShadowProbe* shadow_probe = nullptr;
};

// One input message as the worker reads it (built from a kafka::Message, or by a test).
struct Incoming {
    std::string_view topic;
    int32_t partition = 0;
    int64_t offset = 0;
    int64_t timestamp_ms = -1;
    std::string_view key, payload;
    bool is_null = false;
    const kafka::Message* message = nullptr;  // its headers travel with a dead letter; null: none
};

class EventWorker {
public:
    explicit EventWorker(WorkerContext context);

    void run(SpscQueue<WorkItem>& queue);
    void handle(WorkItem& item);
    // One message of `ps`; releases the slot's hold of 1 (last touch of slot and state).
    void process(const Incoming& in, PartitionState& ps, OffsetTracker::Slot* slot);
    void rebuild(PartitionState& ps, int64_t committed);

private:
    void sync_rules(PartitionState& ps);
    void sync_shadow(PartitionState& ps);
    void evaluate_shadow(const Incoming& in, PartitionState& ps);
    void dead_letter_event(const Incoming& in, const EventOutcome& outcome, OffsetTracker::Slot* slot);
    void publish(const Incoming& in, const std::vector<rules::Alert>& alerts, PartitionState& ps,
                 OffsetTracker::Slot* slot);
    bool publish_one(const rules::Alert& alert, const Incoming& in, PartitionState& ps, OffsetTracker::Slot* slot);
    void refuse_alert(const DeliveryToken& alert, std::string_view reason, OffsetTracker::Slot* slot,
                      int64_t timestamp_ms);
    bool replay_history(PartitionState& ps, int64_t committed, int64_t span, StateRebuildReport& report,
                        std::string& error);

    WorkerContext ctx_;
    EventProcessor proc_;
    output::DeadLetterBuilder dl_;
    // Reused buffers.
    std::string json_, key_, rule_;
    std::vector<kafka::Header> headers_;
    std::vector<rules::Alert> shadow_alerts_;
};

}  // namespace herald::app
