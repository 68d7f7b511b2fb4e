#pragma once
// Pipeline::Impl: the pieces of src/app/pipeline/ wired together (docs/architecture.md). Private to
// the pipeline's .cpp files: pipeline.cpp (the consumer loop and rebalances), pipeline_run.cpp
// (clients, threads, stop).
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "herald/app/pipeline/backpressure.hpp"
#include "herald/app/pipeline/delivery_ledger.hpp"
#include "herald/app/pipeline/delivery_mode.hpp"
#include "herald/app/pipeline/event_worker.hpp"
#include "herald/app/pipeline/exactly_once.hpp"
#include "herald/app/pipeline/fetch_stall.hpp"
#include "herald/app/pipeline/outbox.hpp"
#include "herald/app/pipeline/partition_control.hpp"
#include "herald/app/pipeline/partition_table.hpp"
#include "herald/app/pipeline/pipeline.hpp"
#include "herald/app/pipeline/shadow.hpp"
#include "herald/app/pipeline/spsc_queue.hpp"
#include "herald/kafka/consumer.hpp"
#include "herald/kafka/producer.hpp"
#include "herald/telemetry/metrics.hpp"
#include "herald/telemetry/stats_parser.hpp"

namespace herald::app {

// The consumer thread's counts: herald_events_consumed_total, and messages it did not dispatch.
class ConsumerProbe {
public:
    explicit ConsumerProbe(prometheus::Counter* consumed) : consumed_counter_(consumed) {}
    void consumed();
    void redelivered_skipped() { redelivered_.fetch_add(1, std::memory_order_relaxed); }
    void stale_dropped(uint64_t n) { stale_.store(n, std::memory_order_relaxed); }
    uint64_t events_consumed() const { return consumed_.load(std::memory_order_relaxed); }
    uint64_t redelivered() const { return redelivered_.load(std::memory_order_relaxed); }
    uint64_t stale() const { return stale_.load(std::memory_order_relaxed); }

private:
    prometheus::Counter* consumed_counter_;
    std::atomic<uint64_t> consumed_{0}, redelivered_{0}, stale_{0};
};

struct Worker {
    explicit Worker(size_t queue_capacity) : queue(queue_capacity) {}
    SpscQueue<WorkItem> queue;
    std::thread thread;
};

struct Pipeline::Impl {
    Impl(PipelineConfig c, analysis::Resources r, std::shared_ptr<const rules::RuleSet> rs, telemetry::Metrics& m);
    ~Impl();

    PipelineConfig config;
    analysis::Resources resources;
    telemetry::Metrics& metrics;
    RulesHandle rules;
    RulesHandle shadow_rules{nullptr};
    size_t message_max_bytes = 0;  // the producer's message.max.bytes: what outgoing messages fit

    // Probes: each module's counts and series.
    PartitionProbe partition_probe;
    FetchStallProbe stall_probe;
    DeliveryProbe delivery_probe;
    WorkerProbe worker_probe;
    TransactionProbe transaction_probe;
    ConsumerProbe consumer_probe;

    PartitionTable table;
    std::unique_ptr<kafka::Producer> producer;
    std::unique_ptr<kafka::Consumer> consumer;
    // Made with the clients (they drive them).
    std::unique_ptr<KafkaOutbox> outbox;
    std::unique_ptr<KafkaTransactions> transactions;
    std::unique_ptr<DeliveryMode> mode;
    std::unique_ptr<DeliveryLedger> ledger;
    std::unique_ptr<KafkaPartitionControl> control;
    std::unique_ptr<Backpressure> backpressure;
    std::unique_ptr<FetchStall> fetch_stall;
    PartitionTable::OffsetSink store_sink;  // to the mode

    // Shadow rules (config.shadow_topic): a producer of their own, so nothing of theirs can fill,
    // fail or join the live producer's queue or transaction. The probe exists from construction.
    std::unique_ptr<ShadowProbe> shadow_probe;
    std::unique_ptr<kafka::Producer> shadow_producer;
    std::unique_ptr<KafkaOutbox> shadow_outbox;
    std::unique_ptr<ShadowOutput> shadow;

    std::vector<std::unique_ptr<Worker>> workers;
    std::atomic<bool> workers_stop{false};
    std::atomic<bool> poller_stop{false};
    std::thread poller;

    std::atomic<bool> failed{false};
    std::string failure;  // set once, before `failed`
    mutable std::mutex failure_mutex;
    // What /readyz reports (server thread) while no partition is assigned: the client's last error.
    mutable std::mutex liveness_mutex;
    std::string last_client_error;
    telemetry::StatsParser stats;           // the consumer's statistics: lag, broker states
    telemetry::StatsParser producer_stats;  // the producer's: queue depth, broker RTT

    void fail(const std::string& why);
    std::string unassigned_reason() const;

    // pipeline_run.cpp
    int run(const std::atomic<bool>& stop);
    int make_producer();
    int make_consumer();
    int make_delivery();
    void make_shadow();
    void stop_shadow(int64_t budget_ms);
    void start_threads();
    int stop_and_drain();
    void discard_unacknowledged();

    // pipeline.cpp: the consumer thread
    void store_done_offsets() { table.store_done(store_sink); }
    bool drain(const std::vector<int32_t>& which, int64_t timeout_ms) {
        return table.drain(which, timeout_ms, store_sink);
    }
    void on_assigned(const std::vector<kafka::TopicPartition>& tps);
    void read_alerts_tail(const std::map<int32_t, int64_t>& committed);
    void queue_rebuild(PartitionState& ps, int64_t committed);
    void on_revoking(const std::vector<kafka::TopicPartition>& tps);
    void on_lost(const std::vector<kafka::TopicPartition>& tps);
    void retire(int32_t partition);
    std::vector<kafka::TopicPartition> renew(const std::vector<int32_t>& dropping, uint64_t epoch);
    void consume(const std::atomic<bool>& stop);
    bool poll_once(std::vector<kafka::Message>& batch, const std::atomic<bool>& stop, int64_t& dispatched);
    std::vector<FetchObservation> fetch_observations() const;
    bool dispatch(std::vector<kafka::Message>& batch, uint64_t fetched_in, int64_t& dispatched);
};

}  // namespace herald::app
