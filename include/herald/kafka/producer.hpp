#pragma once
// An idempotent producer with per-message delivery reports, optionally transactional.
//
//   auto on_delivery = [](void* opaque, int err, std::string_view why, int32_t partition, int64_t offset) {
//       static_cast<Pending*>(opaque)->done(err, why);
//   };
//   std::string err;
//   auto p = herald::kafka::Producer::create({"127.0.0.1:9092", {}, ""}, on_delivery, err);
//   herald::kafka::Header h[] = {{"herald-error", "invalid_json"}};
//   while (p->produce("alerts", -1, "AMZN", json, h, 1, 0, pending) == RD_KAFKA_RESP_ERR__QUEUE_FULL)
//       p->poll(10);
//   p->poll(0);                 // serves delivery callbacks, on the calling thread
//   p->flush(5000);             // before destroying: pending messages are otherwise dropped
//
// Defaults (overridable through Options::extra): enable.idempotence=true, acks=all, linger.ms=5.
// produce() may be called from several threads; poll/flush/transactions from one thread.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "herald/kafka/types.hpp"

typedef struct rd_kafka_s rd_kafka_t;

namespace herald::kafka {

class Consumer;

class Producer {
public:
    struct Options {
        std::string brokers;
        Properties extra;
        std::string transactional_id;  // non-empty: transactional producer
        ErrorCallback on_error;        // client errors (transport, fatal); served from poll()
        // librdkafka's statistics JSON (set statistics.interval.ms in extra); served from poll().
        std::function<void(std::string_view stats_json)> on_stats;
    };
    // Called from poll()/flush() for every message, with the opaque given to produce().
    using DeliveryCallback =
        std::function<void(void* opaque, int err, std::string_view reason, int32_t partition, int64_t offset)>;
    // Kind of the last failed transaction call: what the caller must do next.
    enum class TxnError { none, retriable, abort_required, fatal };

    static std::unique_ptr<Producer> create(const Options& options, DeliveryCallback on_delivery,
                                            std::string& error);
    ~Producer();
    Producer(const Producer&) = delete;
    Producer& operator=(const Producer&) = delete;

    // Copies key, value and headers. Returns 0 or the rd_kafka_resp_err_t
    // (RD_KAFKA_RESP_ERR__QUEUE_FULL = -184 means "poll and retry"). partition -1 = partitioner
    // by key; timestamp_ms 0 = now. A value with data() == nullptr is a tombstone (null value);
    // a key with data() == nullptr means no key.
    int produce(std::string_view topic, int32_t partition, std::string_view key, std::string_view value,
                const Header* headers, size_t n_headers, int64_t timestamp_ms, void* opaque);
    int poll(int timeout_ms);              // number of events served
    bool flush(int timeout_ms);            // false when messages remain
    int fatal_error(std::string& reason) const;  // 0 when none
    size_t queue_length() const;           // messages and requests not yet acknowledged
    // Asks the brokers for these topics' metadata now, within one timeout for all. librdkafka
    // 2.0.2 otherwise holds the first message to a topic it has not seen for about a second
    // while it learns the topic. False, with the first failure in `error`, when a topic could
    // not be looked up in time (the producer still learns it later, on first use).
    bool learn_topics(const std::vector<std::string>& topics, int timeout_ms, std::string& error);

    // Transactions (Options::transactional_id set). On failure, last_txn_error() says whether
    // to retry the call, abort the transaction, or give up the producer.
    bool init_transactions(int timeout_ms, std::string& error);
    bool begin_transaction(std::string& error);
    // offsets = next offsets to consume (last processed + 1) of the consumer's partitions.
    bool send_offsets_to_transaction(Consumer& consumer, const std::vector<TopicPartition>& offsets,
                                     int timeout_ms, std::string& error);
    bool commit_transaction(int timeout_ms, std::string& error);
    bool abort_transaction(int timeout_ms, std::string& error);
    // Fails every message not yet acknowledged (queued and in flight) with a purge error in its
    // delivery report, so an abort does not wait for sends that no longer matter.
    void purge_outstanding();
    // Before letting the producer go with messages unacknowledged: fails them all and serves their
    // delivery reports here, so each opaque comes back once (destroying the handle would drop them
    // unreported, and what the opaques own leaks). False when some remain after timeout_ms.
    bool discard_outstanding(int timeout_ms);
    TxnError last_txn_error() const { return last_txn_error_; }

    rd_kafka_t* handle() { return rk_; }

    struct Hooks;  // librdkafka callback trampolines (internal)

private:
    Producer() = default;
    bool txn_result(void* rd_error, const char* what, std::string& error);
    rd_kafka_t* rk_ = nullptr;
    DeliveryCallback on_delivery_;
    ErrorCallback on_error_;
    std::function<void(std::string_view)> on_stats_;
    TxnError last_txn_error_ = TxnError::none;
};

}  // namespace herald::kafka
