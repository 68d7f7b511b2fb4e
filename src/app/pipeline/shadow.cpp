#include "herald/app/pipeline/shadow.hpp"

#include <cstdio>

#include "herald/kafka/error.hpp"
#include "herald/telemetry/metrics.hpp"
#include "herald/core/log.hpp"

namespace herald::app {

std::string_view ShadowProbe::result_name(Result r) {
    switch (r) {
        case Result::acked: return "acked";
        case Result::queue_full: return "queue_full";
        case Result::refused: return "refused";
        case Result::failed: return "failed";
    }
    return "failed";
}

ShadowProbe::ShadowProbe(prometheus::Registry* registry) {
    if (!registry) return;
    auto& alerts = prometheus::BuildCounter()
                       .Name("herald_shadow_alerts_total")
                       .Help("Alerts the shadow rules (--shadow-rules) raised, by rule id and severity; compare "
                             "with herald_alerts_published_total before promoting them.")
                       .Register(*registry);
    alerts_ = std::make_unique<telemetry::LabelCache<prometheus::Counter, 2>>(
        alerts, std::array<std::string, 2>{"rule", "severity"});
    auto& results = prometheus::BuildCounter()
                        .Name("herald_shadow_publish_total")
                        .Help("Shadow alerts handed to the shadow topic, by result: acked, queue_full and refused "
                              "(dropped at once, never waited for), failed (delivery failed).")
                        .Register(*registry);
    for (size_t i = 0; i < kResults; ++i)
        result_series_[i] = &results.Add({{"result", std::string(result_name(static_cast<Result>(i)))}});
    auto& reloads = prometheus::BuildCounter()
                        .Name("herald_shadow_rules_reloads_total")
                        .Help("Loads of the shadow rules file, by result (ok, error, or empty).")
                        .Register(*registry);
    reloads_ = std::make_unique<telemetry::LabelCache<prometheus::Counter, 1>>(reloads,
                                                                               std::array<std::string, 1>{"result"});
    for (std::string_view r : {telemetry::kReloadSuccess, telemetry::kReloadFailure, telemetry::kReloadEmpty})
        reloads_->get({r});
    loaded_ = &prometheus::BuildGauge()
                   .Name("herald_shadow_rules_loaded")
                   .Help("Shadow rules currently evaluated (0: none).")
                   .Register(*registry)
                   .Add({});
}

void ShadowProbe::expose(const rules::RuleSet* rules) {
    if (loaded_) loaded_->Set(rules ? static_cast<double>(rules->size()) : 0.0);
    if (alerts_ && rules)
        for (size_t i = 0; i < rules->size(); ++i) alerts_->get({rules->rule_id(i), rules->severity(i)});
}

void ShadowProbe::raised(std::string_view rule, std::string_view severity) {
    raised_.fetch_add(1, std::memory_order_relaxed);
    if (alerts_) alerts_->get({rule, severity}).Increment();
}

void ShadowProbe::published(Result r) {
    results_[static_cast<size_t>(r)].fetch_add(1, std::memory_order_relaxed);
    if (prometheus::Counter* c = result_series_[static_cast<size_t>(r)]) c->Increment();
}

void ShadowProbe::reloaded(std::string_view result) {
    if (reloads_) reloads_->get({result}).Increment();
}

void ShadowOutput::publish(std::string_view key, std::string_view json, std::span<const kafka::Header> headers) {
    if (!enabled()) return;
    // Waiting would hold the worker, and with it the live alerts of its next events.
    const kafka::Error e = outbox_.produce({topic_, key, json, headers}, kafka::WhenFull::fail);
    if (!e) return;
    if (e.queue_full()) report(ShadowProbe::Result::queue_full, "the shadow producer's queue is full");
    else report(ShadowProbe::Result::refused, e.message());
}

void ShadowOutput::on_delivery(const kafka::Error& e) {
    if (!e) probe_.published(ShadowProbe::Result::acked);
    else report(ShadowProbe::Result::failed, e.message());
}

void ShadowOutput::check_fatal() {
    if (!enabled()) return;
    const kafka::Error fatal = outbox_.fatal_error();
    if (!fatal) return;
    disabled_.store(true, std::memory_order_release);
    core::log::warn("shadow", core::log::printf("shadow rules turned off: fatal error of the shadow producer: %s (live "
                                                "alerts are unaffected; restart herald to resume the shadow)",
                                                fatal.message().c_str()));
}

// Counted every time, said once per kind: a missing topic fails every shadow alert.
void ShadowOutput::report(ShadowProbe::Result r, std::string_view reason) {
    probe_.published(r);
    if (reported_[static_cast<size_t>(r)].exchange(true, std::memory_order_relaxed)) return;
    core::log::warn(
        "shadow", core::log::printf("shadow alert to '%s' dropped (%s): %.*s; live alerts are unaffected, "
                                    "herald_shadow_publish_total{result=\"%.*s\"} counts the others",
                                    topic_.c_str(), ShadowProbe::result_name(r).data(), static_cast<int>(reason.size()),
                                    reason.data(), static_cast<int>(ShadowProbe::result_name(r).size()),
                                    ShadowProbe::result_name(r).data()));
}

}  // namespace herald::app
