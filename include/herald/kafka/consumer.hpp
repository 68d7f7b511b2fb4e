#pragma once
// A consumer-group member with manual offset storing: an offset is stored only after the
// application finished the message's work, and commits (auto or explicit) send only stored offsets.
//
//   herald::kafka::Consumer::Callbacks cb;
//   cb.on_revoking = [&](const auto& tps) { finish_and_store(tps); };   // commit follows
//   cb.on_error = [](int, const std::string& why, bool fatal) { ... };
//   std::string err;
//   auto c = herald::kafka::Consumer::create({"127.0.0.1:9092", "herald", {}}, cb, err);
//   if (!c || !c->subscribe({"news"}, err)) { die(err); }
//   std::vector<herald::kafka::Message> batch;
//   while (running) {
//       batch.clear();
//       c->consume_batch(batch, 500, 100);
//       for (auto& m : batch) { work(m); c->store_offset(m.topic(), m.partition(), m.offset() + 1); }
//   }
//   c->close();
//
// Defaults (each overridable through Options::extra): enable.auto.offset.store=false,
// enable.auto.commit=true, auto.commit.interval.ms=1000, auto.offset.reset=earliest,
// enable.partition.eof=false. Both eager and cooperative-sticky assignors are handled.
// Threading: consume_batch, commit_sync, pause/resume and close belong to one polling thread;
// store_offset may be called from any thread.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "herald/core/deadline.hpp"
#include "herald/kafka/batch_filter.hpp"
#include "herald/kafka/message.hpp"
#include "herald/kafka/types.hpp"

typedef struct rd_kafka_topic_s rd_kafka_topic_t;

namespace herald::kafka {

class Consumer {
public:
    struct Options {
        std::string brokers;
        std::string group;
        Properties extra;
        // Bound for the committed-offset lookup done on assignment (on_assigned gets those offsets)
        // and for the commit done when partitions are revoked (past it, the next owner redoes the
        // uncommitted part: at-least-once holds).
        int assignment_lookup_timeout_ms = 10000;
        // For a process that exits right after the consumer: when the member was never handed an
        // assignment, the destructor closes but leaves the handle to the exit instead of
        // destroying it. librdkafka 2.0.2 aborts in rd_kafka_destroy
        // (rd_kafka_sticky_assignor_state_destroy: Assertion `assignor_state' failed) for a
        // cooperative-sticky member that joined but got no assignment yet (docs/kafka.md).
        bool exit_after_close = false;
    };
    struct Callbacks {
        // Called from inside consume_batch/close (the polling thread) during a rebalance.
        // After assign; offsets = the group's committed offsets, or kOffsetInvalid (-1001) when none.
        std::function<void(const std::vector<TopicPartition>&)> on_assigned;
        // Before giving partitions up: finish/store work for them here; the Consumer then commits
        // stored offsets synchronously and unassigns. Also called when the assignment was lost
        // (then nothing is committed: the partitions already belong to someone else) unless
        // on_lost is set.
        std::function<void(const std::vector<TopicPartition>&)> on_revoking;
        // The group took these partitions away (session or poll timeout, fenced member): another
        // member may already process them, so work for them should be dropped, not finished.
        std::function<void(const std::vector<TopicPartition>&)> on_lost;
        ErrorCallback on_error;
        std::function<void(std::string_view stats_json)> on_stats;  // statistics.interval.ms > 0
    };

    static std::unique_ptr<Consumer> create(const Options& options, Callbacks callbacks, std::string& error);
    ~Consumer();
    Consumer(const Consumer&) = delete;
    Consumer& operator=(const Consumer&) = delete;

    bool subscribe(const std::vector<std::string>& topics, std::string& error);
    // Appends up to `max` messages, waiting up to timeout_ms for the first. Serves callbacks.
    // Error messages (other than partition EOF) are reported via on_error, not returned.
    // Messages of a partition revoked or lost by a rebalance served during the call, taken before
    // it, are not returned: they belong to the old assignment, and the same partition may already
    // be assigned again, resuming at its committed offset.
    size_t consume_batch(std::vector<Message>& out, size_t max, int timeout_ms);
    // Messages consume_batch dropped for that reason, since creation.
    uint64_t stale_dropped() const { return stale_dropped_; }
    // Marks `next_offset` (last processed + 1) as the position to commit. Returns 0 or the
    // rd_kafka_resp_err_t (e.g. the partition is not assigned any more). No heap allocation.
    int store_offset(std::string_view topic, int32_t partition, int64_t next_offset);
    // Commits stored offsets; "nothing to commit" is success. timeout_ms < 0 waits as long as
    // librdkafka does (for a coordinator: without one, about a session timeout).
    bool commit_sync(std::string& error, int timeout_ms = -1);
    void commit_async();                   // failures reach on_error
    // Moves the fetch position of assigned partitions to tp.offset (an offset or kOffsetBeginning).
    bool seek(const std::vector<TopicPartition>& tps, int timeout_ms, std::string& error);
    // Takes the partitions out of the assignment and puts them back at tp.offset: their fetchers
    // start afresh, and librdkafka drops the rebalance pause it may have left on them. Under the
    // cooperative protocol only (incremental unassign + assign); otherwise a seek.
    bool restart_partitions(const std::vector<TopicPartition>& tps, int timeout_ms, std::string& error);
    // Asks a broker for `topic`'s metadata now (librdkafka takes partition leaders from the answer;
    // its own periodic refresh runs every topic.metadata.refresh.interval.ms). Fills each
    // partition's leader broker id (-1: none) in `leaders` when given.
    bool refresh_metadata(const std::string& topic, int timeout_ms, std::string& error,
                          std::vector<int32_t>* leaders = nullptr);
    bool pause(const std::vector<TopicPartition>& tps);
    bool resume(const std::vector<TopicPartition>& tps);
    std::vector<TopicPartition> assignment() const;
    bool assignment_lost() const;
    // Fills tp.offset with the group's committed offset (kOffsetInvalid when none).
    bool committed(std::vector<TopicPartition>& tps, int timeout_ms, std::string& error) const;
    // Current position (next offset to fetch) of each partition.
    bool position(std::vector<TopicPartition>& tps, std::string& error) const;
    bool watermarks(const std::string& topic, int32_t partition, int64_t& low, int64_t& high,
                    int timeout_ms) const;
    // tp.offset holds a timestamp (ms) in, the earliest offset at or after it out (-1 = end).
    bool offsets_for_times(std::vector<TopicPartition>& tps, int timeout_ms, std::string& error) const;
    // Leaves the group cleanly (on_revoking runs, stored offsets are committed). Idempotent.
    // A rebalance still queued is answered first; an assignment among them is applied without
    // on_assigned (the member gives it back at once). Queued messages are dropped.
    // With timeout_ms >= 0 it gives up when the group has not let go by then (brokers away:
    // librdkafka would wait about a session timeout); the handle is then torn down without
    // waiting, and false is returned. Only for a process that is about to exit.
    bool close(int timeout_ms = -1);
    bool closed() const { return closed_; }
    // "EAGER", "COOPERATIVE", or "NONE" before the first rebalance.
    std::string rebalance_protocol() const;
    std::string member_id() const;
    // Messages and events waiting in the consumer's queue, not served yet.
    size_t queued() const;
    struct Hooks;  // librdkafka callback trampolines (internal)

private:
    friend class Producer;  // send_offsets_to_transaction reads the group's metadata
    explicit Consumer(Callbacks callbacks);
    int commit_within(int timeout_ms);  // an rd_kafka_resp_err_t
    void serve_queued_rebalances();     // first step of close()
    detail::ClientPtr rk_;
    Callbacks callbacks_;
    int lookup_timeout_ms_ = 10000;
    // Topic handles for store_offset, added by subscribe() and kept until destruction, so worker
    // threads look them up without a lock (subscribe before they start).
    struct TopicDeleter {
        void operator()(rd_kafka_topic_t* rkt) const;
    };
    std::vector<std::pair<std::string, std::unique_ptr<rd_kafka_topic_t, TopicDeleter>>> topic_handles_;
    bool cooperative_ = false;  // partition.assignment.strategy is cooperative-sticky
    size_t owned_ = 0;          // partitions assigned through the rebalance callback, not yet revoked
    bool closed_ = false;         // close() began
    bool group_closing_ = false;  // ... and has asked the group to let go
    bool abandoned_ = false;  // close gave up: destroy without waiting for librdkafka's threads
    bool exit_after_close_ = false;  // Options::exit_after_close
    bool ever_assigned_ = false;     // the rebalance callback applied an assignment
    // Set by close(timeout_ms): the revoke-path commit inside the close keeps to the same deadline.
    core::Deadline close_deadline_;
    bool close_bounded_ = false;
    // Partitions revoked or lost inside the current consume_batch call (filled by the rebalance
    // callback, emptied by consume_batch after each poll).
    std::vector<RevokedPartition> revoked_in_batch_;
    bool in_batch_ = false;
    uint64_t stale_dropped_ = 0;
};

}  // namespace herald::kafka
