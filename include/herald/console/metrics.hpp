#pragma once
// The console's Prometheus series (docs/metrics-reference.md, "herald console"), served at its
// own /metrics. Counters and gauges are atomics: the consumer and HTTP threads update them
// without a lock; every label set is created up front.
//
//   herald::console::ConsoleMetrics m;
//   m.consumed(herald::console::Consumed::stored).Increment(n);
//   m.rejected("not_json").Increment();
//   m.request(herald::console::Route::api_alerts, 200).Increment();
#include <array>
#include <cstdint>
#include <memory>
#include <string_view>

#include <prometheus/collectable.h>
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

namespace herald::console {

enum class Consumed : uint8_t { stored, duplicate, rejected };
// The routes of routes.cpp, as the `route` label.
enum class Route : uint8_t { page, api_alerts, api_alert, api_action, api_stats, events, metrics, healthz, other };
inline constexpr size_t kRouteCount = 9;
std::string_view route_name(Route r);
// Why a connection was closed by the console rather than by its client.
enum class Closed : uint8_t { idle_timeout, bad_request, capacity, slow_reader };
inline constexpr size_t kClosedCount = 4;

class ConsoleMetrics : public prometheus::Collectable {
public:
    ConsoleMetrics();
    std::vector<prometheus::MetricFamily> Collect() const override;

    prometheus::Counter& consumed(Consumed c) { return *consumed_[static_cast<size_t>(c)]; }
    // reason: too_large, not_json, not_alert (AlertParser's codes); others count as not_alert.
    prometheus::Counter& rejected(std::string_view reason);
    // status is grouped by class: 2xx, 3xx, 4xx, 5xx.
    prometheus::Counter& request(Route r, int status);
    prometheus::Counter& closed(Closed c) { return *closed_[static_cast<size_t>(c)]; }
    prometheus::Gauge& connections() { return *connections_; }
    prometheus::Gauge& sse_clients() { return *sse_clients_; }
    prometheus::Gauge& stored() { return *stored_; }
    prometheus::Counter& store_errors() { return *store_errors_; }
    // Alert detected by herald -> written to the browsers' streams.
    prometheus::Histogram& delivery() { return *delivery_; }

private:
    std::shared_ptr<prometheus::Registry> registry_;
    std::array<prometheus::Counter*, 3> consumed_{};
    std::array<prometheus::Counter*, 3> rejected_{};
    std::array<std::array<prometheus::Counter*, 4>, kRouteCount> requests_{};
    std::array<prometheus::Counter*, kClosedCount> closed_{};
    prometheus::Gauge* connections_ = nullptr;
    prometheus::Gauge* sse_clients_ = nullptr;
    prometheus::Gauge* stored_ = nullptr;
    prometheus::Counter* store_errors_ = nullptr;
    prometheus::Histogram* delivery_ = nullptr;
};

}  // namespace herald::console
