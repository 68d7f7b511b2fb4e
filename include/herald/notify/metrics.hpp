#pragma once
// herald notify's Prometheus metrics (docs/metrics-reference.md, "herald notify").
//
//   herald::notify::NotifyMetrics m;
//   TargetMetrics& t = m.target("alertmanager:127.0.0.1:9093", true);   // at start-up
//   t.delivered->Increment();
//   server = HttpServer(m.registry(), ...);
#include <map>
#include <memory>
#include <string>

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include "herald/notify/alert.hpp"

namespace herald::notify {

struct TargetMetrics {
    prometheus::Counter* delivered = nullptr;      // deliveries_total{result="delivered"}
    prometheus::Counter* failed = nullptr;         // {result="failed"}: an attempt that failed
    prometheus::Counter* dead_lettered = nullptr;  // {result="dead_lettered"}
    prometheus::Counter* resent = nullptr;         // Alertmanager only: active alerts sent again
    prometheus::Gauge* queued = nullptr;           // alerts waiting for this target
    prometheus::Gauge* retrying = nullptr;         // ... of which already failed at least once
    prometheus::Histogram* latency = nullptr;      // published -> acknowledged by the target
};

class NotifyMetrics {
public:
    NotifyMetrics();
    prometheus::Registry& registry() { return *registry_; }
    TargetMetrics& target(const std::string& name, bool alertmanager);  // start-up only (not thread-safe)
    prometheus::Counter& skipped(ParseResult why);
    prometheus::Counter* consumed = nullptr;
    prometheus::Counter* dead_letter_errors = nullptr;  // dead-letter produce failures
    prometheus::Counter* dead_letters_truncated = nullptr;  // written without the alert
    prometheus::Counter* dead_letters_dropped = nullptr;    // not written at all: the alert marked done
    prometheus::Gauge* inflight = nullptr;              // alerts read, not yet done everywhere
    prometheus::Gauge* active = nullptr;                // firing alerts resent to Alertmanager

private:
    std::shared_ptr<prometheus::Registry> registry_;
    prometheus::Family<prometheus::Counter>* deliveries_ = nullptr;
    prometheus::Family<prometheus::Counter>* resends_ = nullptr;
    prometheus::Family<prometheus::Counter>* skipped_ = nullptr;
    prometheus::Family<prometheus::Gauge>* queue_ = nullptr;
    prometheus::Family<prometheus::Gauge>* retry_ = nullptr;
    prometheus::Family<prometheus::Histogram>* latency_ = nullptr;
    std::map<std::string, TargetMetrics> targets_;
};

}  // namespace herald::notify
