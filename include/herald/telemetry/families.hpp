#pragma once
// A Prometheus metric family registered in one call, name and help text side by side:
//   consumed = &herald::telemetry::counter_family(r, "herald_x_total", "What it counts.").Add({});
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

namespace herald::telemetry {

inline prometheus::Family<prometheus::Counter>& counter_family(prometheus::Registry& r, const char* name,
                                                               const char* help) {
    return prometheus::BuildCounter().Name(name).Help(help).Register(r);
}

inline prometheus::Family<prometheus::Gauge>& gauge_family(prometheus::Registry& r, const char* name,
                                                           const char* help) {
    return prometheus::BuildGauge().Name(name).Help(help).Register(r);
}

inline prometheus::Family<prometheus::Histogram>& histogram_family(prometheus::Registry& r, const char* name,
                                                                   const char* help) {
    return prometheus::BuildHistogram().Name(name).Help(help).Register(r);
}

}  // namespace herald::telemetry
