#include "herald/notify/metrics.hpp"

#include "herald/telemetry/families.hpp"

namespace herald::notify {

using telemetry::counter_family;
using telemetry::gauge_family;
using telemetry::histogram_family;

NotifyMetrics::NotifyMetrics() : registry_(std::make_shared<prometheus::Registry>()) {
    auto& r = *registry_;
    consumed = &counter_family(r, "herald_notify_alerts_consumed_total",
        "Messages read from the alerts topic by herald notify.").Add({});
    skipped_ = &counter_family(r, "herald_notify_alerts_skipped_total",
        "Alerts-topic messages that are not herald alerts, by reason; skipped, not delivered.");
    deliveries_ = &counter_family(r, "herald_notify_deliveries_total",
        "Alert deliveries by target and result (delivered, failed attempt, dead_lettered).");
    resends_ = &counter_family(r, "herald_notify_alertmanager_resends_total",
        "Firing alerts sent to Alertmanager again (every resend interval), by target.");
    queue_ = &gauge_family(r, "herald_notify_queue_alerts",
        "Alerts waiting for delivery to a target, retries included.");
    retry_ = &gauge_family(r, "herald_notify_retry_queue_alerts",
        "Alerts waiting for a target after a failed attempt (the retry queue depth).");
    latency_ = &histogram_family(r, "herald_notify_delivery_latency_seconds",
        "Alert published on the alerts topic -> acknowledged by the target, retries included.");
    dead_letter_errors = &counter_family(r, "herald_notify_dead_letter_errors_total",
        "Dead-letter messages the broker did not acknowledge (produced again).").Add({});
    dead_letters_truncated = &counter_family(r, "herald_notify_dead_letters_truncated_total",
        "Dead letters written without the alert (the whole one was refused): the headers say where it is.").Add({});
    dead_letters_dropped = &counter_family(r, "herald_notify_dead_letters_dropped_total",
        "Alerts given up on with no dead letter at all (even the truncated one was refused).").Add({});
    inflight = &gauge_family(r, "herald_notify_inflight_alerts",
        "Alerts read and not yet delivered (or dead-lettered) to every target: their offsets wait.").Add({});
    active = &gauge_family(r, "herald_notify_active_alerts",
        "Firing alerts herald notify keeps sending to Alertmanager (not resolved, not expired).").Add({});
    for (ParseResult p : {ParseResult::invalid_json, ParseResult::not_an_alert, ParseResult::oversized})
        skipped_->Add({{"reason", std::string(parse_result_name(p))}});
}

TargetMetrics& NotifyMetrics::target(const std::string& name, bool alertmanager) {
    auto [it, added] = targets_.try_emplace(name);
    if (!added) return it->second;
    TargetMetrics& t = it->second;
    t.delivered = &deliveries_->Add({{"target", name}, {"result", "delivered"}});
    t.failed = &deliveries_->Add({{"target", name}, {"result", "failed"}});
    t.dead_lettered = &deliveries_->Add({{"target", name}, {"result", "dead_lettered"}});
    if (alertmanager) t.resent = &resends_->Add({{"target", name}});
    t.queued = &queue_->Add({{"target", name}});
    t.retrying = &retry_->Add({{"target", name}});
    // From a loopback Alertmanager (milliseconds) to a chat service behind retries (minutes).
    t.latency = &latency_->Add({{"target", name}},
                               prometheus::Histogram::BucketBoundaries{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
                                                                       5, 10, 30, 60, 120, 300});
    return t;
}

prometheus::Counter& NotifyMetrics::skipped(ParseResult why) {
    return skipped_->Add({{"reason", std::string(parse_result_name(why))}});
}

}  // namespace herald::notify
