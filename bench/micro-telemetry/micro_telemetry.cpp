// ns per hot-path metric update, single-threaded and with 2 threads hammering the same metric.
// prometheus::Histogram (one mutex per histogram) is measured alongside for comparison.
//
//   build-x/bench/micro-telemetry/micro-telemetry --benchmark_min_time=0.5
#include <benchmark/benchmark.h>
#include <prometheus/histogram.h>

#include <array>
#include <memory>

#include "herald/telemetry/metrics.hpp"

namespace {

using herald::telemetry::Metrics;

Metrics& shared_metrics() {
    static Metrics metrics;
    return metrics;
}

// Spread values over the buckets the way real stage timings do (tens of µs to a few ms).
constexpr std::array<double, 8> kSamples = {42e-6, 80e-6, 130e-6, 300e-6, 700e-6, 1.8e-3, 4e-3, 12e-3};

void BM_LatencyHistogramObserve(benchmark::State& state) {
    auto& h = shared_metrics().stage(herald::telemetry::Stage::analyze);
    size_t i = 0;
    for (auto _ : state) h.observe(kSamples[i++ & 7]);
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LatencyHistogramObserve)->Threads(1)->Threads(2)->UseRealTime();

void BM_PrometheusHistogramObserve(benchmark::State& state) {
    static prometheus::Histogram h(prometheus::Histogram::BucketBoundaries(
        herald::telemetry::kLatencyBounds.begin(), herald::telemetry::kLatencyBounds.end()));
    size_t i = 0;
    for (auto _ : state) h.Observe(kSamples[i++ & 7]);
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PrometheusHistogramObserve)->Threads(1)->Threads(2)->UseRealTime();

void BM_CounterIncrement(benchmark::State& state) {
    auto& c = shared_metrics().events_consumed();
    for (auto _ : state) c.Increment();
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CounterIncrement)->Threads(1)->Threads(2)->UseRealTime();

void BM_DeadLetteredLookup(benchmark::State& state) {
    auto& m = shared_metrics();
    for (auto _ : state) benchmark::DoNotOptimize(&m.dead_lettered("missing_text"));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DeadLetteredLookup)->Threads(1)->Threads(2)->UseRealTime();

void BM_AlertPublishedLookupIncrement(benchmark::State& state) {
    auto& m = shared_metrics();
    for (auto _ : state) m.alert_published("aws-revenue-growth", "high").Increment();
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AlertPublishedLookupIncrement)->Threads(1)->Threads(2)->UseRealTime();

}  // namespace
