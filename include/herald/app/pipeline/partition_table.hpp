#pragma once
// The partitions this member owns (indexed by partition number), and the states of partitions
// given up while a worker or a delivery report still referenced them. A partition that comes back
// always starts from a fresh state; partition p is worked by worker p % workers.
//
//   PartitionTable table({.workers = 2, .max_inflight = 8192}, probe);
//   PartitionState* ps = table.take(3, committed, rules, version, now_ns);  // on assignment
//   table.store_done([&](int32_t p, int64_t next) { consumer.store_offset(topic, p, next); });
//   table.retire(3);                                                       // revoked or lost
//
// Threads: the consumer thread only; the probe's assigned count may be read from any thread.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "herald/app/pipeline/partition_state.hpp"

namespace prometheus {
class Gauge;
}

namespace herald::app {

// herald_partitions_assigned and what /readyz reads of it.
class PartitionProbe {
public:
    explicit PartitionProbe(prometheus::Gauge* assigned_gauge = nullptr) : gauge_(assigned_gauge) {}
    void set_assigned(int32_t n);
    int32_t assigned() const { return assigned_.load(std::memory_order_acquire); }

private:
    prometheus::Gauge* gauge_;
    std::atomic<int32_t> assigned_{0};
};

class PartitionTable {
public:
    struct Options {
        size_t workers = 1;
        size_t max_inflight = 8192;  // each state's offset tracker holds this many dispatched messages
    };
    using OffsetSink = std::function<void(int32_t partition, int64_t next_offset)>;

    PartitionTable(Options options, PartitionProbe& probe);

    PartitionState* find(int32_t partition) const;
    // A fresh state for a partition just assigned at `committed` (kafka::kOffsetInvalid: none);
    // null when the partition is already owned.
    PartitionState* take(int32_t partition, int64_t committed, std::shared_ptr<const rules::RuleSet> rules,
                         uint64_t version, int64_t now_ns);
    // exactly-once rewind: replaces an owned partition's state by a fresh one positioned at its
    // last committed transaction, on the same worker, marked as born in rewind `epoch`.
    PartitionState& renew(PartitionState& old, std::shared_ptr<const rules::RuleSet> rules, uint64_t version,
                          uint64_t epoch, int64_t now_ns);
    // Frees a settled state at once (after a quiesce).
    void drop(int32_t partition);
    // Gives the partition up: its remaining work is dropped (the next owner redoes it); the state
    // is parked until nothing references it.
    void retire(int32_t partition);
    void reap_retired();
    bool has_retired() const { return !retired_.empty(); }

    // Passes each partition's committable offset to `sink` when its done work moved forward
    // (not for lost partitions: not ours to commit any more), and records it in `stored`.
    void store_done(const OffsetSink& sink);
    // The selected partitions (all when empty) still have unacknowledged, unfailed work or a rebuild.
    bool busy(const std::vector<int32_t>& which) const;
    // Stores done offsets until the selected partitions (all when empty) are not busy (true), or
    // the timeout passes (false). A failed slot ends the wait: its offset is never committed.
    bool drain(const std::vector<int32_t>& which, int64_t timeout_ms, const OffsetSink& sink);
    // Every state, retired ones included, has let go of its work.
    bool settled() const;
    size_t in_flight() const;
    int32_t count() const;
    std::vector<PartitionState*> owned() const;

private:
    void update_probe();

    Options options_;
    PartitionProbe& probe_;
    std::vector<std::unique_ptr<PartitionState>> states_;
    std::vector<std::unique_ptr<PartitionState>> retired_;
    // Per partition, the alerts produced here: handed to each new state of the partition.
    std::vector<std::shared_ptr<ProducedAlerts>> produced_;
};

}  // namespace herald::app
