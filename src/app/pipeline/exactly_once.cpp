#include "herald/app/pipeline/exactly_once.hpp"

#include <algorithm>
#include <cstdio>
#include <thread>
#include <unistd.h>

#include "herald/app/pipeline/pipeline.hpp"
#include "herald/core/deadline.hpp"
#include "herald/telemetry/metrics.hpp"
#include "herald/core/log.hpp"

namespace herald::app {

namespace {
// The redo remembers a refused dead letter by its input message.
uint64_t letter_key(int32_t partition, int64_t offset) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(partition)) << 44) ^ static_cast<uint64_t>(offset);
}
}  // namespace

void TransactionProbe::committed() {
    commits_.fetch_add(1, std::memory_order_relaxed);
    if (metrics_) metrics_->transactions("commit").Increment();
}

void TransactionProbe::aborted() {
    aborts_.fetch_add(1, std::memory_order_relaxed);
    if (metrics_) metrics_->transactions("abort").Increment();
}

std::string ExactlyOnce::transactional_id(const PipelineConfig& config) {
    if (!config.transactional_id.empty()) return config.transactional_id;
    char host[256] = "host";
    gethostname(host, sizeof host - 1);
    return "herald-" + config.group + "-" + host + "-" + std::to_string(getpid());
}

void ExactlyOnce::configure_consumer(kafka::Properties& consumer) {
    consumer.push_back({"enable.auto.commit", "false"});
}

ExactlyOnce::ExactlyOnce(Options options, Transactions& transactions, PartitionTable& table, TransactionProbe& probe,
                         Hooks hooks)
    : options_(std::move(options)), tx_(transactions), table_(table), probe_(probe), hooks_(std::move(hooks)) {}

int ExactlyOnce::prepare() {
    const kafka::Error e = tx_.init(30000);
    if (!e) return 0;
    core::log::error("pipeline",
                     core::log::printf("cannot start transactions (delivery: exactly-once): %s", e.message().c_str()));
    return 2;
}

int ExactlyOnce::start() { return begin() ? 0 : 1; }

bool ExactlyOnce::begin() {
    const kafka::Error e = tx_.begin();
    open_ = !e;
    if (e) hooks_.fail("cannot begin a Kafka transaction: " + e.message());
    return open_;
}

void ExactlyOnce::tick() {
    if (abort_needed_.load(std::memory_order_acquire))
        abort_and_rewind("a message of the transaction could not be delivered", {});
    else if (std::chrono::steady_clock::now() - last_commit_ >= std::chrono::milliseconds(options_.interval_ms))
        commit();
}

bool ExactlyOnce::lost(const std::vector<int32_t>& partitions) {
    // The open transaction holds their alerts: abort it, keep the other partitions by rewinding.
    abort_and_rewind("partitions were lost", partitions);
    return true;
}

void ExactlyOnce::finish() {
    commit();
    if (!open_) return;
    tx_.abort(30000);  // the empty follow-up transaction
    open_ = false;
}

bool ExactlyOnce::drain() {
    return table_.drain({}, options_.drain_timeout_ms, [](int32_t, int64_t) {});
}

bool ExactlyOnce::commit() {
    if (!open_) return true;
    last_commit_ = std::chrono::steady_clock::now();
    const bool drained = drain();
    if (abort_needed_.load(std::memory_order_acquire)) {
        abort_and_rewind("a message of the transaction could not be delivered", {});
        return false;
    }
    if (!drained) {
        abort_and_rewind("in-flight work did not finish within --drain-timeout", {});
        return false;
    }
    std::vector<kafka::TopicPartition> offsets;
    for (PartitionState* ps : table_.owned())
        if (!ps->lost.load() && ps->stored >= 0 && ps->stored > ps->txn_committed)
            offsets.push_back({options_.input_topic, ps->partition, ps->stored, 0});
    if (offsets.empty()) return true;  // nothing new: keep the transaction open
    kafka::Error e;
    for (int attempt = 0; attempt < 3; ++attempt) {
        e = tx_.commit(offsets);
        if (!e || !e.retriable()) break;
    }
    if (e) {
        if (e.fatal()) {
            open_ = false;
            hooks_.fail("transaction commit failed fatally (" + e.message() + "); the producer may have been fenced");
            return false;
        }
        abort_and_rewind("transaction commit failed: " + e.message(), {});
        return false;
    }
    probe_.committed();
    for (const auto& tp : offsets)
        if (PartitionState* ps = table_.find(tp.partition)) ps->txn_committed = tp.offset;
    return begin();
}

// Waits until the work of every partition state (retired ones too) has stopped: queued events
// dropped (the states are marked lost), rebuilds cancelled (leaving), and every message handed to
// the producer reported. Each round purges the producer's queue, so a message a worker was still
// handing over is failed too; the poller serves the reports. False at the deadline.
bool ExactlyOnce::quiesce() {
    const core::Deadline deadline(options_.drain_timeout_ms);
    for (;;) {
        tx_.purge();
        if (table_.settled()) return true;
        if (deadline.expired()) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

// Aborts the open transaction (readers with read_committed never see its messages), throws the
// partitions' state away and re-reads from the last committed offsets, rebuilding rule state
// first. `dropping`: partitions that are going away and are not re-read.
void ExactlyOnce::abort_and_rewind(const std::string& why, const std::vector<int32_t>& dropping) {
    core::log::warn(
        "pipeline",
        core::log::printf("aborting the transaction (%s); re-reading from the last committed offsets", why.c_str()));
    for (PartitionState* ps : table_.owned()) {
        ps->lost.store(true, std::memory_order_release);  // workers drop what is queued
        ps->leaving.store(true, std::memory_order_release);
    }
    // Quiet first, abort after: librdkafka checks the transaction state when a produce call
    // begins but queues the message at its end, so a worker still inside the call when the
    // abort's purge ran queues its message after it: outside any transaction, never sent nor
    // reported until message.timeout.ms, holding its event's slot (integration_exactly_once
    // under ASan: the rewind gave up after --drain-timeout, integration_exactly_once_abort_race).
    if (!quiesce()) {
        hooks_.fail("work of an aborted transaction did not stop within --drain-timeout (a worker or a partition's "
                    "rule state rebuild is stuck)");
        return;
    }
    if (!abort_open()) return;
    probe_.aborted();
    abort_needed_.store(false, std::memory_order_release);
    ++rewinds_;
    const std::vector<kafka::TopicPartition> seeks = hooks_.renew(dropping, rewinds_);
    std::string err;
    if (!seeks.empty() && !tx_.seek(seeks, 10000, err)) {
        hooks_.fail("cannot rewind after an aborted transaction: " + err);
        return;
    }
    begin();
}

bool ExactlyOnce::abort_open() {
    if (!open_) return true;
    kafka::Error e;
    for (int attempt = 0; attempt < 5; ++attempt) {
        e = tx_.abort(5000);
        if (!e || !e.retriable()) break;
    }
    open_ = false;
    if (e) hooks_.fail("cannot abort the Kafka transaction: " + e.message());
    return !e;
}

bool ExactlyOnce::drop_dead_letter(int32_t partition, int64_t offset) const {
    if (!any_refused_.load(std::memory_order_acquire)) return false;
    std::lock_guard<std::mutex> lock(refused_mutex_);
    return refused_letters_.count(letter_key(partition, offset)) > 0;
}

bool ExactlyOnce::refused_earlier(uint64_t alert_id) const {
    if (!any_refused_.load(std::memory_order_acquire)) return false;
    std::lock_guard<std::mutex> lock(refused_mutex_);
    return refused_alerts_.count(alert_id) > 0;
}

void ExactlyOnce::produce_failed(const std::string& why, bool producer_fatal) {
    if (producer_fatal) hooks_.fail(why);
    else abort_needed_.store(true, std::memory_order_release);  // the transaction is in error: redo it
}

// Inside a transaction: abort it and redo the work from the last commit, no exit. Purges are
// mostly the abort itself taking back what it had not sent, but librdkafka also purges the queue
// when the transaction needs an epoch bump (after a refused message: OUT_OF_ORDER_SEQUENCE); a
// failed slot with no abort coming would hold the partition forever.
void ExactlyOnce::delivery_failed(DeliveryToken& token, std::string_view) {
    abort_needed_.store(true, std::memory_order_release);
    token.slot->failed.store(true, std::memory_order_release);
}

void ExactlyOnce::refused(DeliveryToken& token, std::string_view) {
    {
        std::lock_guard<std::mutex> lock(refused_mutex_);
        if (!token.is_alert) {
            refused_letters_.insert(letter_key(token.partition, token.offset));
        } else {
            refused_alerts_.insert(token.alert_id_value);
        }
        any_refused_.store(true, std::memory_order_release);
    }
    abort_needed_.store(true, std::memory_order_release);
    token.slot->failed.store(true, std::memory_order_release);
}

}  // namespace herald::app
