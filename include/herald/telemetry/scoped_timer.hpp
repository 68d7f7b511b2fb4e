#pragma once
// Observes the time between construction and destruction into a LatencyHistogram, on the
// monotonic clock: the usual way to time one pipeline stage.
//
//   {
//       herald::telemetry::ScopedTimer timer(metrics.stage(herald::telemetry::Stage::analyze));
//       analyzer.analyze(event, analysis);
//   }                                      // one observe() here
#include <chrono>

#include "herald/telemetry/latency_histogram.hpp"

namespace herald::telemetry {

class ScopedTimer {
public:
    explicit ScopedTimer(LatencyHistogram& histogram) noexcept
        : histogram_(histogram), start_(std::chrono::steady_clock::now()) {}
    ~ScopedTimer() { histogram_.observe(elapsed_seconds()); }
    ScopedTimer(const ScopedTimer&) = delete;
    ScopedTimer& operator=(const ScopedTimer&) = delete;

    double elapsed_seconds() const noexcept {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    }

private:
    LatencyHistogram& histogram_;
    std::chrono::steady_clock::time_point start_;
};

}  // namespace herald::telemetry
