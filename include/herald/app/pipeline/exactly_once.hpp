#pragma once
// --delivery exactly-once (delivery_mode.hpp): the alerts and dead letters produced since the last
// commit and the input offsets they cover commit in one Kafka transaction, every interval_ms and
// before partitions are revoked. Committing first drains the pipeline (no message may be produced
// while a transaction commits). A failed delivery, a refused message, a failed commit, a drain past
// its timeout or lost partitions abort the transaction instead, throw the partitions' state away
// and re-read from the last committed offsets (rule state rebuilt first): no exit, no duplicate
// for read_committed readers. Messages refused alone are remembered, so the redo dead-letters a
// refused alert's event and drops a refused dead letter.
//
//   ExactlyOnce eo({"news", 100, 30000}, transactions, table, probe, hooks);
//   eo.prepare(); eo.start();   // init, then begin
//   eo.tick();    // consumer thread, each poll: abort and rewind, or commit when due
#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_set>
#include <vector>

#include "herald/app/pipeline/delivery_mode.hpp"
#include "herald/app/pipeline/outbox.hpp"
#include "herald/app/pipeline/partition_table.hpp"

namespace herald::telemetry {
class Metrics;
}

namespace herald::app {

struct PipelineConfig;

// herald_transactions_total{result} and the counts behind it.
class TransactionProbe {
public:
    explicit TransactionProbe(telemetry::Metrics* metrics = nullptr) : metrics_(metrics) {}
    void committed();
    void aborted();
    uint64_t commits() const { return commits_.load(std::memory_order_relaxed); }
    uint64_t aborts() const { return aborts_.load(std::memory_order_relaxed); }

private:
    telemetry::Metrics* metrics_;
    std::atomic<uint64_t> commits_{0}, aborts_{0};
};

class ExactlyOnce final : public DeliveryMode {
public:
    struct Options {
        std::string input_topic;
        int64_t interval_ms = 100;
        int64_t drain_timeout_ms = 30000;
    };
    struct Hooks {
        std::function<void(const std::string& why)> fail;
        // Replaces the state of every owned partition but `dropping` (those are dropped) by a fresh
        // one at its last committed offset, rebuild orders queued; returns where to seek.
        std::function<std::vector<kafka::TopicPartition>(const std::vector<int32_t>& dropping, uint64_t epoch)>
            renew;
    };
    // The settings transactions need, before the clients are made: the producer's
    // transactional.id (--transactional-id, else herald-<group>-<host>-<pid>), and no background
    // commit on the consumer (the offsets travel with the transaction).
    static std::string transactional_id(const PipelineConfig& config);
    static void configure_consumer(kafka::Properties& consumer);

    ExactlyOnce(Options options, Transactions& transactions, PartitionTable& table, TransactionProbe& probe,
                Hooks hooks);

    int prepare() override;  // init_transactions
    int start() override;    // the first transaction
    void store(int32_t, int64_t) override {}  // offsets travel with the transaction
    void tick() override;
    void before_revoke() override { commit(); }
    bool lost(const std::vector<int32_t>& partitions) override;
    void finish() override;
    uint64_t rewinds() const override { return rewinds_; }

    bool skips_published() const override { return false; }  // an alert after the last commit was aborted
    bool drop_dead_letter(int32_t partition, int64_t offset) const override;
    bool refused_earlier(uint64_t alert_id) const override;
    void produce_failed(const std::string& why, bool producer_fatal) override;

    void delivery_failed(DeliveryToken& token, std::string_view reason) override;
    void refused(DeliveryToken& token, std::string_view reason) override;

    // Commits the open transaction with the offsets done since the last one (drains first).
    bool commit();
    bool transaction_open() const { return open_; }

private:
    bool begin();
    bool drain();
    bool quiesce();
    void abort_and_rewind(const std::string& why, const std::vector<int32_t>& dropping);
    bool abort_open();

    Options options_;
    Transactions& tx_;
    PartitionTable& table_;
    TransactionProbe& probe_;
    Hooks hooks_;
    bool open_ = false;
    uint64_t rewinds_ = 0;
    std::chrono::steady_clock::time_point last_commit_ = std::chrono::steady_clock::now();
    std::atomic<bool> abort_needed_{false};  // a delivery in the open transaction failed
    // Messages refused one by one. Rare: a mutex, and a flag so that the workers look only when
    // there is something to find.
    mutable std::mutex refused_mutex_;
    std::unordered_set<uint64_t> refused_alerts_;   // alert ids, dead-lettered on the redo
    std::unordered_set<uint64_t> refused_letters_;  // letter keys, dropped on the redo
    std::atomic<bool> any_refused_{false};
};

}  // namespace herald::app
