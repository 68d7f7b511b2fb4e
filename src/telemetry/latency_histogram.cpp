#include "herald/telemetry/latency_histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <thread>

namespace herald::telemetry {
namespace {

// Each thread gets a small number once; threads then spread over the shards round-robin.
size_t thread_shard() noexcept {
    static std::atomic<size_t> next{0};
    thread_local const size_t mine = next.fetch_add(1, std::memory_order_relaxed);
    return mine;
}

size_t default_shards() {
    const size_t cores = std::max<size_t>(1, std::thread::hardware_concurrency());
    return std::min<size_t>(64, std::bit_ceil(cores * 2));
}

// Sum kept as integer nanoseconds: exact, and one fetch_add instead of a CAS loop on a double.
uint64_t to_nanos(double seconds) noexcept {
    if (!(seconds > 0.0)) return 0;
    if (seconds >= 1.8e10) return 18'000'000'000'000'000'000ULL;  // ~570 years: saturate
    return static_cast<uint64_t>(std::llround(seconds * 1e9));
}

}  // namespace

LatencyHistogram::LatencyHistogram(std::span<const double> bounds, size_t shards)
    : bounds_(bounds.begin(), bounds.end()) {
    for (size_t i = 0; i < bounds_.size(); ++i) {
        if (!std::isfinite(bounds_[i]) || (i > 0 && bounds_[i] <= bounds_[i - 1]))
            throw std::invalid_argument("histogram bounds must be finite and strictly increasing");
    }
    const size_t shard_count = std::bit_ceil(shards == 0 ? default_shards() : shards);
    shard_mask_ = shard_count - 1;
    sum_index_ = bounds_.size() + 1;
    lines_per_shard_ = (sum_index_ + 1 + 7) / 8;
    lines_ = std::make_unique<Line[]>(shard_count * lines_per_shard_);
    for (size_t i = 0; i < shard_count * lines_per_shard_; ++i)
        for (auto& s : lines_[i].slot) s.store(0, std::memory_order_relaxed);
}

size_t LatencyHistogram::bucket_index(double seconds) const noexcept {
    if (!(seconds > 0.0)) seconds = 0.0;  // negative and NaN land in the first bucket
    // Bounds are inclusive ("le"): the first bound >= value.
    return static_cast<size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), seconds) - bounds_.begin());
}

void LatencyHistogram::observe(double seconds) noexcept {
    if (std::isnan(seconds)) return;
    const size_t shard = thread_shard() & shard_mask_;
    slot(shard, bucket_index(seconds)).fetch_add(1, std::memory_order_relaxed);
    slot(shard, sum_index_).fetch_add(to_nanos(seconds), std::memory_order_relaxed);
}

HistogramSnapshot LatencyHistogram::snapshot() const {
    HistogramSnapshot out;
    out.bounds = bounds_;
    out.bucket_counts.assign(bounds_.size() + 1, 0);
    uint64_t sum_nanos = 0;
    for (size_t shard = 0; shard <= shard_mask_; ++shard) {
        for (size_t b = 0; b <= bounds_.size(); ++b)
            out.bucket_counts[b] += slot(shard, b).load(std::memory_order_relaxed);
        sum_nanos += slot(shard, sum_index_).load(std::memory_order_relaxed);
    }
    for (uint64_t c : out.bucket_counts) out.count += c;
    out.sum = static_cast<double>(sum_nanos) * 1e-9;
    return out;
}

prometheus::ClientMetric LatencyHistogram::collect() const {
    const HistogramSnapshot snap = snapshot();
    prometheus::ClientMetric metric;
    auto& h = metric.histogram;
    h.sample_count = snap.count;
    h.sample_sum = snap.sum;
    h.bucket.reserve(snap.bucket_counts.size());
    uint64_t cumulative = 0;
    for (size_t b = 0; b < snap.bucket_counts.size(); ++b) {
        cumulative += snap.bucket_counts[b];
        prometheus::ClientMetric::Bucket bucket;
        bucket.cumulative_count = cumulative;
        bucket.upper_bound = b < snap.bounds.size() ? snap.bounds[b] : std::numeric_limits<double>::infinity();
        h.bucket.push_back(bucket);
    }
    return metric;
}

LatencyHistogramFamily::LatencyHistogramFamily(std::string name, std::string help,
                                               std::span<const double> bounds)
    : name_(std::move(name)), help_(std::move(help)), bounds_(bounds.begin(), bounds.end()) {}

LatencyHistogram& LatencyHistogramFamily::add(const prometheus::Labels& labels) {
    std::lock_guard lock(mutex_);
    auto& child = children_[labels];
    if (!child) child = std::make_unique<LatencyHistogram>(bounds_);
    return *child;
}

std::vector<prometheus::MetricFamily> LatencyHistogramFamily::Collect() const {
    prometheus::MetricFamily family;
    family.name = name_;
    family.help = help_;
    family.type = prometheus::MetricType::Histogram;
    std::lock_guard lock(mutex_);
    family.metric.reserve(children_.size());
    for (const auto& [labels, histogram] : children_) {
        prometheus::ClientMetric metric = histogram->collect();
        for (const auto& [key, value] : labels) metric.label.push_back({key, value});
        family.metric.push_back(std::move(metric));
    }
    return {std::move(family)};
}

}  // namespace herald::telemetry
