#include "herald/console/metrics.hpp"

namespace herald::console {

namespace {
constexpr std::array<std::string_view, kRouteCount> kRoutes = {
    "page", "api_alerts", "api_alert", "api_action", "api_stats", "events", "metrics", "healthz", "other"};
constexpr std::array<const char*, 3> kConsumed = {"stored", "duplicate", "rejected"};
constexpr std::array<const char*, 3> kRejected = {"too_large", "not_json", "not_alert"};
constexpr std::array<const char*, 4> kStatus = {"2xx", "3xx", "4xx", "5xx"};
constexpr std::array<const char*, kClosedCount> kClosed = {"idle_timeout", "bad_request", "capacity", "slow_reader"};
}  // namespace

std::string_view route_name(Route r) { return kRoutes[static_cast<size_t>(r)]; }

ConsoleMetrics::ConsoleMetrics() : registry_(std::make_shared<prometheus::Registry>()) {
    auto& consumed = prometheus::BuildCounter()
                         .Name("herald_console_alerts_consumed_total")
                         .Help("Messages read from the alerts topic by result: stored, duplicate (already stored), rejected")
                         .Register(*registry_);
    for (size_t i = 0; i < kConsumed.size(); ++i) consumed_[i] = &consumed.Add({{"result", kConsumed[i]}});
    auto& rejected = prometheus::BuildCounter()
                         .Name("herald_console_messages_rejected_total")
                         .Help("Messages of the alerts topic that are not herald alerts, by reason")
                         .Register(*registry_);
    for (size_t i = 0; i < kRejected.size(); ++i) rejected_[i] = &rejected.Add({{"reason", kRejected[i]}});
    auto& requests = prometheus::BuildCounter()
                         .Name("herald_console_http_requests_total")
                         .Help("HTTP requests answered by the console, by route and status class")
                         .Register(*registry_);
    for (size_t r = 0; r < kRouteCount; ++r)
        for (size_t s = 0; s < kStatus.size(); ++s)
            requests_[r][s] = &requests.Add({{"route", std::string(kRoutes[r])}, {"status", kStatus[s]}});
    auto& closed = prometheus::BuildCounter()
                       .Name("herald_console_connections_closed_total")
                       .Help("Connections the console closed itself, by reason")
                       .Register(*registry_);
    for (size_t i = 0; i < kClosedCount; ++i) closed_[i] = &closed.Add({{"reason", kClosed[i]}});
    connections_ = &prometheus::BuildGauge()
                        .Name("herald_console_connections")
                        .Help("Open HTTP connections")
                        .Register(*registry_)
                        .Add({});
    sse_clients_ = &prometheus::BuildGauge()
                        .Name("herald_console_stream_clients")
                        .Help("Browsers following alerts as they fire (server-sent events)")
                        .Register(*registry_)
                        .Add({});
    stored_ = &prometheus::BuildGauge()
                   .Name("herald_console_alerts_stored")
                   .Help("Alerts kept in the console's SQLite file")
                   .Register(*registry_)
                   .Add({});
    store_errors_ = &prometheus::BuildCounter()
                         .Name("herald_console_store_errors_total")
                         .Help("SQLite operations that failed (the batch is retried; requests answer 500)")
                         .Register(*registry_)
                         .Add({});
    delivery_ = &prometheus::BuildHistogram()
                     .Name("herald_console_alert_delivery_seconds")
                     .Help("Alert detected by herald to written to the browsers' streams")
                     .Register(*registry_)
                     .Add({}, prometheus::Histogram::BucketBoundaries{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10});
}

std::vector<prometheus::MetricFamily> ConsoleMetrics::Collect() const { return registry_->Collect(); }

prometheus::Counter& ConsoleMetrics::rejected(std::string_view reason) {
    for (size_t i = 0; i < kRejected.size(); ++i)
        if (reason == kRejected[i]) return *rejected_[i];
    return *rejected_[2];
}

prometheus::Counter& ConsoleMetrics::request(Route r, int status) {
    const size_t cls = status >= 500 ? 3 : status >= 400 ? 2 : status >= 300 ? 1 : 0;
    return *requests_[static_cast<size_t>(r)][cls];
}

}  // namespace herald::console
