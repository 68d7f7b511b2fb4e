#pragma once
// An idempotent producer with per-message delivery reports, optionally transactional.
//
//   auto on_delivery = [](void* opaque, const herald::kafka::Error& e, int32_t partition, int64_t offset) {
//       static_cast<Pending*>(opaque)->done(e);   // e.message() says why, e.purged() ...
//   };
//   std::string err;
//   auto p = herald::kafka::Producer::create({"127.0.0.1:9092", {}, ""}, on_delivery, err);
//   const herald::kafka::Header h[] = {{"herald-error", "invalid_json"}};
//   herald::kafka::OutgoingMessage m{"alerts", "AMZN", json, h};
//   m.opaque = pending;
//   if (herald::kafka::Error e = p->produce(m, herald::kafka::WhenFull::poll)) die(e.message());
//   p->poll(0);                 // serves delivery callbacks, on the calling thread
//   p->flush(5000);             // before destroying: pending messages are otherwise dropped
//
// Defaults (overridable through Options::extra): enable.idempotence=true, acks=all, linger.ms=5.
// produce() may be called from several threads; poll/flush/transactions from one thread.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "herald/kafka/error.hpp"
#include "herald/kafka/types.hpp"

typedef struct rd_kafka_s rd_kafka_t;

namespace herald::kafka {

class Consumer;

// One message to produce. Views: the producer copies key, value and headers during the call.
struct OutgoingMessage {
    std::string_view topic;
    std::string_view key;              // data() == nullptr: no key
    std::string_view value;            // data() == nullptr: a null value (tombstone)
    std::span<const Header> headers;
    int32_t partition = -1;            // -1: the partitioner, by key
    int64_t timestamp_ms = 0;          // 0: now
    void* opaque = nullptr;            // comes back in the delivery report
};

// What produce does while the producer's queue is full.
enum class WhenFull {
    fail,  // return the queue-full Error at once (the caller tries again later)
    poll,  // serve delivery reports on this thread and try again (no poller thread)
    wait,  // wait a millisecond and try again: another thread serves the reports
};

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
    // Called from poll()/flush() for every message, with the opaque given to produce() and the
    // message's outcome (no error: acknowledged at partition/offset). The Error carries only the
    // code, so a report allocates nothing; message() names it.
    using DeliveryCallback =
        std::function<void(void* opaque, const Error& error, int32_t partition, int64_t offset)>;

    static std::unique_ptr<Producer> create(const Options& options, DeliveryCallback on_delivery,
                                            std::string& error);
    ~Producer();
    Producer(const Producer&) = delete;
    Producer& operator=(const Producer&) = delete;

    // Enqueues one message; no error, or why not (refuses_one_message(): this message only).
    // While the queue is full it does what `when_full` says; it never gives up on a full queue
    // otherwise, as the queue drains once the brokers answer or message.timeout.ms passes.
    Error produce(const OutgoingMessage& message, WhenFull when_full = WhenFull::fail);
    int poll(int timeout_ms);              // number of events served
    bool flush(int timeout_ms);            // false when messages remain
    Error fatal_error() const;             // no error when none
    size_t queue_length() const;           // messages and requests not yet acknowledged
    // Asks the brokers for these topics' metadata now, within one timeout for all. librdkafka
    // 2.0.2 otherwise holds the first message to a topic it has not seen for about a second
    // while it learns the topic. False, with the first failure in `error`, when a topic could
    // not be looked up in time (the producer still learns it later, on first use).
    bool learn_topics(const std::vector<std::string>& topics, int timeout_ms, std::string& error);

    // Transactions (Options::transactional_id set). A failure's flags say whether to retry the
    // call (retriable), abort the transaction (txn_requires_abort) or give the producer up (fatal).
    Error init_transactions(int timeout_ms);
    Error begin_transaction();
    // offsets = next offsets to consume (last processed + 1) of the consumer's partitions.
    Error send_offsets_to_transaction(Consumer& consumer, const std::vector<TopicPartition>& offsets, int timeout_ms);
    Error commit_transaction(int timeout_ms);
    Error abort_transaction(int timeout_ms);
    // Fails every message not yet acknowledged (queued and in flight) with a purge error in its
    // delivery report, so an abort does not wait for sends that no longer matter.
    void purge_outstanding();
    // Before letting the producer go with messages unacknowledged: fails them all and serves their
    // delivery reports here, so each opaque comes back once (destroying the handle would drop them
    // unreported, and what the opaques own leaks). False when some remain after timeout_ms.
    bool discard_outstanding(int timeout_ms);

    struct Hooks;  // librdkafka callback trampolines (internal)

private:
    Producer() = default;
    Error try_produce(const OutgoingMessage& message);
    detail::ClientPtr rk_;
    DeliveryCallback on_delivery_;
    ErrorCallback on_error_;
    std::function<void(std::string_view)> on_stats_;
};

}  // namespace herald::kafka
