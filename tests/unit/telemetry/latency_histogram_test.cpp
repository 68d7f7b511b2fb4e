#include "herald/telemetry/latency_histogram.hpp"
#include "herald/telemetry/scoped_timer.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <chrono>
#include <thread>
#include <vector>

using herald::telemetry::kLatencyBounds;
using herald::telemetry::LatencyHistogram;
using herald::telemetry::LatencyHistogramFamily;

TEST_CASE("buckets run from 50 µs to 10 s and bounds are inclusive") {
    LatencyHistogram h;
    REQUIRE(h.bounds().size() == 17);
    CHECK(h.bounds().front() == doctest::Approx(50e-6));
    CHECK(h.bounds().back() == doctest::Approx(10.0));
    for (size_t i = 0; i < kLatencyBounds.size(); ++i) {
        CAPTURE(i);
        CHECK(h.bucket_index(kLatencyBounds[i]) == i);                   // le: exactly on the edge
        CHECK(h.bucket_index(std::nextafter(kLatencyBounds[i], 1e9)) == i + 1);  // just above
    }
    CHECK(h.bucket_index(0.0) == 0);
    CHECK(h.bucket_index(-3.0) == 0);
    CHECK(h.bucket_index(11.0) == kLatencyBounds.size());
    CHECK(h.bucket_index(std::numeric_limits<double>::infinity()) == kLatencyBounds.size());
}

TEST_CASE("observations land in their bucket and add to sum and count") {
    LatencyHistogram h;
    h.observe(30e-6);   // bucket 0 (<= 50 µs)
    h.observe(50e-6);   // bucket 0, on the edge
    h.observe(0.003);   // bucket 6 (<= 5 ms)
    h.observe(42.0);    // +Inf
    h.observe(-0.001);  // clock skew: counted as 0
    h.observe(std::numeric_limits<double>::quiet_NaN());  // ignored
    const auto snap = h.snapshot();
    CHECK(snap.count == 5);
    CHECK(snap.bucket_counts[0] == 3);
    CHECK(snap.bucket_counts[6] == 1);
    CHECK(snap.bucket_counts[17] == 1);
    CHECK(snap.sum == doctest::Approx(30e-6 + 50e-6 + 0.003 + 42.0).epsilon(1e-12));

    const auto metric = h.collect();
    REQUIRE(metric.histogram.bucket.size() == 18);
    CHECK(metric.histogram.bucket[0].cumulative_count == 3);
    CHECK(metric.histogram.bucket[5].cumulative_count == 3);
    CHECK(metric.histogram.bucket[6].cumulative_count == 4);
    CHECK(metric.histogram.bucket[16].cumulative_count == 4);
    CHECK(std::isinf(metric.histogram.bucket[17].upper_bound));
    CHECK(metric.histogram.bucket[17].cumulative_count == 5);
    CHECK(metric.histogram.sample_count == 5);
}

TEST_CASE("concurrent observes from several threads add up exactly") {
    LatencyHistogram h;
    constexpr int kThreads = 6;
    constexpr int kPerThread = 200'000;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&h, t] {
            // Each thread uses its own bucket, plus a shared one, to catch lost updates in both.
            const double own = kLatencyBounds[static_cast<size_t>(t)];
            for (int i = 0; i < kPerThread; ++i) {
                h.observe(own);
                h.observe(1e-3);
            }
        });
    }
    for (auto& th : threads) th.join();
    const auto snap = h.snapshot();
    CHECK(snap.count == uint64_t{2} * kThreads * kPerThread);
    uint64_t expected_ns = 0;
    for (int t = 0; t < kThreads; ++t) {
        const size_t b = static_cast<size_t>(t);
        const uint64_t expected = b == 4 ? uint64_t{kPerThread} * (kThreads + 1) : kPerThread;
        CHECK(snap.bucket_counts[b] == expected);
        expected_ns += static_cast<uint64_t>(std::llround(kLatencyBounds[b] * 1e9)) * kPerThread;
    }
    expected_ns += uint64_t{1'000'000} * kThreads * kPerThread;
    CHECK(snap.sum == doctest::Approx(static_cast<double>(expected_ns) * 1e-9).epsilon(1e-12));
}

TEST_CASE("custom bounds are validated and shard counts are powers of two") {
    const std::vector<double> bad = {1.0, 0.5};
    CHECK_THROWS_AS(LatencyHistogram{bad}, std::invalid_argument);
    const std::vector<double> two = {0.1, 1.0};
    LatencyHistogram h(two, 3);
    CHECK(h.shard_count() == 4);
    h.observe(0.5);
    CHECK(h.snapshot().bucket_counts == std::vector<uint64_t>{0, 1, 0});
}

TEST_CASE("a family renders one histogram per label set") {
    LatencyHistogramFamily family("x_seconds", "help text");
    auto& a = family.add({{"stage", "parse"}});
    auto& b = family.add({{"stage", "rules"}});
    CHECK(&family.add({{"stage", "parse"}}) == &a);
    a.observe(0.001);
    b.observe(0.002);
    b.observe(0.002);
    const auto families = family.Collect();
    REQUIRE(families.size() == 1);
    CHECK(families[0].name == "x_seconds");
    CHECK(families[0].type == prometheus::MetricType::Histogram);
    REQUIRE(families[0].metric.size() == 2);
    CHECK(families[0].metric[0].label.at(0).value == "parse");
    CHECK(families[0].metric[0].histogram.sample_count == 1);
    CHECK(families[0].metric[1].label.at(0).value == "rules");
    CHECK(families[0].metric[1].histogram.sample_count == 2);
}

TEST_CASE("a scoped timer observes once, with the elapsed time") {
    LatencyHistogram h;
    {
        herald::telemetry::ScopedTimer timer(h);
        std::this_thread::sleep_for(std::chrono::milliseconds(3));
        CHECK(h.snapshot().count == 0);
    }
    const auto snap = h.snapshot();
    CHECK(snap.count == 1);
    CHECK(snap.sum >= 0.003);
    CHECK(snap.sum < 1.0);
    CHECK(snap.bucket_counts[0] == 0);  // well above 50 µs
}
