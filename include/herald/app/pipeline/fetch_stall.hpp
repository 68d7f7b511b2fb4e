#pragma once
// The fetch-stall watch on the consumer thread: FetchWatch's judgement (fetch_watch.hpp) applied
// to the owned partitions. It asks the brokers for the log bounds of partitions that received
// nothing, restarts the fetch of stalled ones (after refreshing their leaders), gives up through
// `fail` when restarts do not help, and tells /readyz which partitions are stalled.
//
// A partition can be assigned, newer messages on the broker, and nothing delivered for minutes:
// seen after outages in integration_broker_faults and integration_coordinator_outage, and with a
// fetch that keeps failing. An idle partition is left be.
//
//   FetchStall stall({"news", {.stall_ms = 30000}}, control, probe, fail);
//   stall.check(observe, steady_ns());        // consumer thread, each poll while not paused
//   std::string why; if (probe.stalled(why)) ... // any thread (/readyz)
#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "herald/app/pipeline/fetch_watch.hpp"
#include "herald/app/pipeline/partition_control.hpp"

namespace prometheus {
class Counter;
}

namespace herald::app {

// herald_fetch_restarts_total, the restarts count, and the stall /readyz reports.
class FetchStallProbe {
public:
    explicit FetchStallProbe(prometheus::Counter* restarts = nullptr) : restarts_counter_(restarts) {}
    void restarted(size_t n);
    uint64_t restarts() const { return restarts_.load(std::memory_order_relaxed); }
    // Consumer thread: the partitions stalled now, as one line (empty: none).
    void set_stalled(std::string reason);
    // Any thread: true and the reason when a partition is stalled.
    bool stalled(std::string& reason) const;

private:
    prometheus::Counter* restarts_counter_;
    std::atomic<uint64_t> restarts_{0};
    std::atomic<bool> stalled_{false};
    mutable std::mutex mutex_;
    std::string reason_;
};

class FetchStall {
public:
    // The fetch watch's bound for asking the brokers.
    static constexpr int kLookupTimeoutMs = 2000;
    struct Options {
        std::string topic;
        FetchWatchOptions watch;
    };
    using Fail = std::function<void(const std::string& why)>;

    FetchStall(Options options, PartitionControl& control, FetchStallProbe& probe, Fail fail);

    bool enabled() const { return watch_.enabled(); }
    // A partition came or went: its watch starts over.
    void forget(int32_t partition) { watch_.forget(partition); }
    // herald paused or resumed consumption: waits so far do not count.
    void reset();
    // Checks, at most every FetchWatch::check_every_ns(), the owned partitions `observe` lists
    // (without log bounds: the watch asks the brokers for those it suspects).
    void check(const std::function<std::vector<FetchObservation>()>& observe, int64_t now_ns);

private:
    void look_up_log_bounds(const std::vector<int32_t>& ask, std::vector<FetchObservation>& owned);
    void restart(const std::vector<FetchWatch::Verdict>& verdicts, int64_t now_ns);
    void publish();

    Options options_;
    PartitionControl& control_;
    FetchStallProbe& probe_;
    Fail fail_;
    FetchWatch watch_;
    int64_t next_check_ns_ = 0;
};

}  // namespace herald::app
