#pragma once
// Backpressure: how many dispatched events may wait for their acknowledgements before the
// consumer stops fetching. A full window first waits up to pause_after_ms for room (busy workers
// refill in bulk without a pause: a pause makes librdkafka drop and refetch what it prefetched);
// still full, every owned partition is paused; at half the window consumption resumes.
//
//   Backpressure bp({"news", 8192}, control, {&metrics.inflight_events(), &metrics.consumer_paused()});
//   bool changed = false;   // consumer thread, once per poll:
//   size_t inflight = bp.regulate(table.in_flight(), settle, keep_waiting, owned, changed);
//   (owned() lists the partitions to pause or resume; asked only when that happens)
//   bp.adopt(new_partitions);  // on assignment: new partitions follow herald's pause
//
// Threads: the consumer thread only.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "herald/app/pipeline/partition_control.hpp"

namespace prometheus {
class Gauge;
}

namespace herald::app {

// herald_inflight_events and herald_consumer_paused.
struct BackpressureProbe {
    prometheus::Gauge* inflight = nullptr;
    prometheus::Gauge* paused = nullptr;
    void set(size_t inflight_events, bool is_paused) const;
};

class Backpressure {
public:
    struct Options {
        std::string topic;
        size_t max_inflight = 8192;
        // How long a full window may stay full before consumption pauses (well below any
        // max.poll.interval.ms: rebalance callbacks wait at most this long).
        int64_t pause_after_ms = 100;
    };

    Backpressure(Options options, PartitionControl& control, BackpressureProbe probe);

    bool paused() const { return paused_; }
    // `inflight`: dispatched, unacknowledged events now. When the window is full, waits for room
    // calling settle() (stores done offsets, returns the new count) every millisecond while
    // keep_waiting() holds; then pauses or resumes the partitions owned() lists, called only
    // then: regulate runs once per poll, and listing the partitions there allocated on every
    // poll (every event at low rates). Returns the in-flight count; `changed` tells whether
    // consumption was paused or resumed.
    using Owned = std::function<std::vector<int32_t>()>;
    size_t regulate(size_t inflight, const std::function<size_t()>& settle, const std::function<bool()>& keep_waiting,
                    const Owned& owned, bool& changed);
    // Partitions just assigned: librdkafka keeps a partition's pause through a loss and a new
    // assignment, so one paused by herald, lost and handed back would never fetch again
    // (integration_coordinator_outage). They follow herald's state now.
    void adopt(const std::vector<int32_t>& fresh);
    // Room for new messages in the window (at least 1: a poll always serves callbacks).
    size_t room(size_t inflight) const;

private:
    bool set_paused(bool pause, const Owned& owned);
    std::vector<kafka::TopicPartition> list(const std::vector<int32_t>& partitions) const;

    Options options_;
    PartitionControl& control_;
    BackpressureProbe probe_;
    bool paused_ = false;
    // Partitions herald paused: all of them are resumed, owned or not any more.
    std::vector<int32_t> paused_partitions_;
};

}  // namespace herald::app
