#pragma once
// A Prometheus histogram for durations whose observe() is lock-free and shares no cache line
// between threads: each thread writes to its own shard of relaxed atomic bucket counters, and
// only a scrape adds the shards up. prometheus::Histogram::Observe takes a mutex, which would
// be a lock shared by every partition on the hot path.
//
//   herald::telemetry::LatencyHistogramFamily stages("herald_stage_duration_seconds",
//                                                   "Time spent per pipeline stage.", {"stage"});
//   herald::telemetry::LatencyHistogram& parse = stages.add({{"stage", "parse"}});  // start-up
//   parse.observe(0.000180);                                                       // hot path
//   registry_text = serialize(stages.Collect());   // _bucket{le}, _sum, _count
#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include <prometheus/client_metric.h>
#include <prometheus/collectable.h>
#include <prometheus/labels.h>
#include <prometheus/metric_family.h>

namespace herald::telemetry {

// Upper bounds (seconds, inclusive) from 50 µs to 10 s; a +Inf bucket follows implicitly.
inline constexpr std::array<double, 17> kLatencyBounds = {
    50e-6, 100e-6, 250e-6, 500e-6, 1e-3, 2.5e-3, 5e-3, 10e-3, 25e-3,
    50e-3, 100e-3, 250e-3, 500e-3, 1.0,  2.5,    5.0,  10.0};

// Point-in-time totals of one histogram, buckets not cumulative (last one is +Inf).
struct HistogramSnapshot {
    std::vector<double> bounds;
    std::vector<uint64_t> bucket_counts;  // bounds.size() + 1 entries
    uint64_t count = 0;
    double sum = 0.0;  // seconds
};

class LatencyHistogram {
public:
    // bounds: strictly increasing, finite. Shards default to a power of two above the core count.
    explicit LatencyHistogram(std::span<const double> bounds = kLatencyBounds, size_t shards = 0);
    LatencyHistogram(const LatencyHistogram&) = delete;
    LatencyHistogram& operator=(const LatencyHistogram&) = delete;

    // Wait-free: one relaxed fetch_add on the bucket and one on the sum, in this thread's shard.
    // Negative values (clock skew between hosts) count as 0; NaN is ignored.
    void observe(double seconds) noexcept;

    // Index of the bucket a value lands in (bounds.size() = +Inf); exposed for tests.
    size_t bucket_index(double seconds) const noexcept;

    HistogramSnapshot snapshot() const;
    prometheus::ClientMetric collect() const;  // cumulative buckets as Prometheus expects

    std::span<const double> bounds() const noexcept { return bounds_; }
    size_t shard_count() const noexcept { return shard_mask_ + 1; }

private:
    // One cache line of counters; a shard spans whole lines so shards never share one.
    struct alignas(64) Line {
        std::atomic<uint64_t> slot[8];
    };
    std::atomic<uint64_t>& slot(size_t shard, size_t index) const noexcept {
        return lines_[shard * lines_per_shard_ + index / 8].slot[index % 8];
    }

    std::vector<double> bounds_;
    size_t sum_index_ = 0;  // slot after the buckets holds the sum in nanoseconds
    size_t lines_per_shard_ = 0;
    size_t shard_mask_ = 0;
    std::unique_ptr<Line[]> lines_;
};

// A named, labelled set of LatencyHistograms that a prometheus Registry-like scrape can render.
// add() is for start-up or rare paths (it locks); the returned reference lives as long as the family.
class LatencyHistogramFamily : public prometheus::Collectable {
public:
    LatencyHistogramFamily(std::string name, std::string help,
                           std::span<const double> bounds = kLatencyBounds);

    // Returns the histogram with exactly these labels, creating it on first use.
    LatencyHistogram& add(const prometheus::Labels& labels);

    std::vector<prometheus::MetricFamily> Collect() const override;
    const std::string& name() const noexcept { return name_; }

private:
    std::string name_;
    std::string help_;
    std::vector<double> bounds_;
    mutable std::mutex mutex_;
    std::map<prometheus::Labels, std::unique_ptr<LatencyHistogram>> children_;
};

}  // namespace herald::telemetry
