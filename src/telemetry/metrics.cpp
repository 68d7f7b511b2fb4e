#include "herald/telemetry/metrics.hpp"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>

#include "herald/telemetry/families.hpp"

#ifndef HERALD_VERSION
#error "HERALD_VERSION must be defined by src/telemetry/CMakeLists.txt"
#endif

namespace herald::telemetry {

std::string_view stage_name(Stage stage) {
    switch (stage) {
        case Stage::parse: return "parse";
        case Stage::analyze: return "analyze";
        case Stage::rules: return "rules";
        case Stage::publish: return "publish";
    }
    return "unknown";
}

std::string_view wait_name(Wait wait) {
    switch (wait) {
        case Wait::queue: return "queue";
        case Wait::delivery: return "delivery";
    }
    return "unknown";
}

std::string_view output_name(Output output) {
    return output == Output::alerts ? "alerts" : "dead_letters";
}

std::string_view analysis_cap_name(AnalysisCap cap) {
    switch (cap) {
        case AnalysisCap::tokens: return "tokens";
        case AnalysisCap::figures: return "figures";
        case AnalysisCap::metrics: return "metrics";
    }
    return "tokens";
}

std::string_view build_version() { return HERALD_VERSION; }

std::vector<std::string> default_dead_letter_reasons() {
    return {"empty",    "too_large", "invalid_json",  "invalid_utf8", "too_deep",
            "not_object", "wrong_type", "invalid_value", "missing_text", "future_time",
            "alert_refused"};
}

// long because: a flat list, one registration per series (name, help, labels, the series that
// exist from the start) with no logic between them; docs/metrics-reference.md follows it.
Metrics::Metrics(MetricsOptions options)
    : registry_(std::make_shared<prometheus::Registry>()),
      stage_family_("herald_stage_duration_seconds",
                    "Time one event spends in each pipeline stage (parse, analyze, rules, publish)."),
      event_to_alert_family_("herald_event_to_alert_latency_seconds",
                             "From the input message's Kafka timestamp to the alert being acknowledged by the broker."),
      consume_to_alert_family_("herald_consume_to_alert_latency_seconds",
                               "From herald receiving the message to the alert being acknowledged: herald's own share."),
      wait_family_("herald_wait_duration_seconds",
                   "Waits inside consume-to-alert: queue (received -> a worker starts the event), delivery "
                   "(message handed to the producer -> acknowledged by the brokers).") {
    auto& r = *registry_;
    events_consumed_ = &counter_family(r, "herald_events_consumed_total",
                                       "Messages received from the input topic.").Add({});
    events_processed_ = &counter_family(r, "herald_events_processed_total",
                                        "Events whose work is finished (analysed, rules run, alerts acknowledged, offset stored).")
                             .Add({});
    alert_delivery_failures_ = &counter_family(r, "herald_alert_delivery_failures_total",
                                               "Alerts the producer could not deliver (delivery report with an error).")
                                    .Add({});
    fetch_restarts_ = &counter_family(r, "herald_consumer_fetch_restarts_total",
                                      "Partitions whose fetch was restarted: nothing arrived for --fetch-stall-timeout "
                                      "while the broker held newer messages.")
                           .Add({});

    events_late_ = &counter_family(r, "herald_events_late_total",
                                   "Events evaluated with an event time earlier than the newest one their partition's "
                                   "rules had seen.")
                        .Add({});
    auto& caps = counter_family(r, "herald_rule_caps_hit_total",
                                "Events that had more keys (cap=keys) or raised more alerts (cap=alerts) than the rules "
                                "file's max_keys_per_event / max_alerts_per_event; the rest were skipped.");
    caps_keys_ = &caps.Add({{"cap", std::string(kCapKeys)}});
    caps_alerts_ = &caps.Add({{"cap", std::string(kCapAlerts)}});
    auto& analysis_caps = counter_family(r, "herald_analysis_caps_hit_total",
                                         "Events whose analysis stopped at a cap: more tokens (cap=tokens), money or "
                                         "percent figures (cap=figures) or metrics (cap=metrics) than one event is "
                                         "read for; the rest of the event was not analysed.");
    for (size_t i = 0; i < kAnalysisCapCount; ++i)
        analysis_caps_[i] = &analysis_caps.Add({{"cap", std::string(analysis_cap_name(static_cast<AnalysisCap>(i)))}});

    auto& refused = counter_family(r, "herald_messages_refused_total",
                                   "Messages the producer or a broker refused one by one (e.g. larger than the "
                                   "topic accepts), by output: a refused alert's event is dead-lettered as "
                                   "alert_refused, a refused dead letter is dropped.");
    auto& truncated = counter_family(r, "herald_messages_truncated_total",
                                     "Messages cut to fit the producer's message.max.bytes before they were "
                                     "produced, by output.");
    for (size_t i = 0; i < kOutputCount; ++i) {
        const std::string name(output_name(static_cast<Output>(i)));
        refused_[i] = &refused.Add({{"output", name}});
        truncated_[i] = &truncated.Add({{"output", name}});
    }

    auto& dead = counter_family(r, "herald_events_dead_lettered_total",
                                "Events sent to the dead-letter topic, by error code.");
    dead_lettered_ = std::make_unique<LabelCache<prometheus::Counter, 1>>(dead, std::array<std::string, 1>{"reason"});
    for (const std::string& reason : options.dead_letter_reasons) dead_lettered_->get({reason});

    auto& alerts = counter_family(r, "herald_alerts_published_total",
                                  "Alerts published to the alerts topic, by rule id and severity.");
    alerts_published_ = std::make_unique<LabelCache<prometheus::Counter, 2>>(
        alerts, std::array<std::string, 2>{"rule", "severity"});
    auto& by_type = counter_family(r, "herald_alerts_by_event_type_total",
                                   "Alerts handed to the producer, by a corporate event type their condition read "
                                   "(type=none: none) and the novelty of the story (first, copy, or none when no rule "
                                   "reads novelty).");
    alert_event_types_ = std::make_unique<LabelCache<prometheus::Counter, 2>>(
        by_type, std::array<std::string, 2>{"type", "novelty"});
    alert_event_types_->get({"none", "none"});  // the series exists from the start

    auto& reloads = counter_family(r, "herald_rules_reloads_total",
                                   "Rule file reloads, by result (ok, error, or empty: applied with no rules).");
    rules_reloads_ = std::make_unique<LabelCache<prometheus::Counter, 1>>(reloads, std::array<std::string, 1>{"result"});
    rules_reloads_->get({kReloadSuccess});
    rules_reloads_->get({kReloadFailure});
    rules_reloads_->get({kReloadEmpty});

    auto& txns = counter_family(r, "herald_transactions_total",
                                "Kafka transactions of delivery: exactly-once, by result (commit or abort).");
    transactions_ = std::make_unique<LabelCache<prometheus::Counter, 1>>(txns, std::array<std::string, 1>{"result"});
    // Both at 0 from start-up: rate() and the abort alert work before the first transaction.
    transactions_->get({"commit"});
    transactions_->get({"abort"});

    for (size_t i = 0; i < kStageCount; ++i)
        stages_[i] = &stage_family_.add({{"stage", std::string(stage_name(static_cast<Stage>(i)))}});
    event_to_alert_ = &event_to_alert_family_.add({});
    consume_to_alert_ = &consume_to_alert_family_.add({});
    for (size_t i = 0; i < kWaitCount; ++i)
        waits_[i] = &wait_family_.add({{"wait", std::string(wait_name(static_cast<Wait>(i)))}});

    inflight_events_ = &gauge_family(r, "herald_inflight_events",
                                     "Events consumed whose work is not finished yet.").Add({});
    producer_queue_messages_ = &gauge_family(r, "herald_producer_queue_messages",
                                             "Messages waiting in the producer's queue for delivery.").Add({});
    partitions_assigned_ = &gauge_family(r, "herald_partitions_assigned",
                                         "Input partitions assigned to this instance by the consumer group.").Add({});
    consumer_paused_ = &gauge_family(r, "herald_consumer_paused",
                                     "1 while consumption is paused for back-pressure, else 0.").Add({});
    rules_loaded_ = &gauge_family(r, "herald_rules_loaded", "Rules currently active.").Add({});
    auto& sentiment = gauge_family(r, "herald_entity_sentiment_score",
                                   "Sentiment score (-1..1) of the latest story about each ticker (tickers of the "
                                   "alias table, at most --entity-sentiment-series of them).");
    entity_sentiment_max_series_ = options.entity_sentiment_max_series;
    entity_sentiment_ = std::make_unique<LabelCache<prometheus::Gauge, 1>>(
        sentiment, std::array<std::string, 1>{"ticker"}, options.entity_sentiment_max_series);
    entity_sentiment_untracked_ =
        &counter_family(r, "herald_entity_sentiment_untracked_total",
                        "Entity sentiment updates with no series: a ticker outside the alias table, or beyond "
                        "--entity-sentiment-series tickers.")
             .Add({});
    gauge_family(r, "herald_build_info", "Always 1; the version label says which herald is running.")
        .Add({{"version", options.version}})
        .Set(1);

    consumer_lag_family_ = &gauge_family(r, "herald_consumer_lag_messages",
                                         "Messages behind the partition's high watermark, per assigned input partition.");
    broker_rtt_family_ = &gauge_family(r, "herald_broker_rtt_seconds",
                                       "Average request round-trip time to each broker over the last statistics interval.");
}

Metrics::~Metrics() = default;

prometheus::Gauge& Metrics::consumer_lag(int32_t partition) {
    std::lock_guard lock(dynamic_mutex_);
    auto& gauge = consumer_lag_[partition];
    if (gauge == nullptr) gauge = &consumer_lag_family_->Add({{"partition", std::to_string(partition)}});
    return *gauge;
}

void Metrics::forget_consumer_lag(int32_t partition) {
    std::lock_guard lock(dynamic_mutex_);
    auto it = consumer_lag_.find(partition);
    if (it == consumer_lag_.end()) return;
    consumer_lag_family_->Remove(it->second);
    consumer_lag_.erase(it);
}

std::vector<int32_t> Metrics::consumer_lag_partitions() const {
    std::lock_guard lock(dynamic_mutex_);
    std::vector<int32_t> out;
    for (const auto& [partition, gauge] : consumer_lag_) out.push_back(partition);
    return out;
}

prometheus::Gauge& Metrics::broker_rtt(std::string_view broker) {
    std::lock_guard lock(dynamic_mutex_);
    auto it = broker_rtt_.find(broker);
    if (it == broker_rtt_.end())
        it = broker_rtt_.emplace(std::string(broker), &broker_rtt_family_->Add({{"broker", std::string(broker)}})).first;
    return *it->second;
}

void Metrics::forget_broker_rtt(std::string_view broker) {
    std::lock_guard lock(dynamic_mutex_);
    auto it = broker_rtt_.find(broker);
    if (it == broker_rtt_.end()) return;
    broker_rtt_family_->Remove(it->second);
    broker_rtt_.erase(it);
}

std::vector<std::string> Metrics::broker_rtt_brokers() const {
    std::lock_guard lock(dynamic_mutex_);
    std::vector<std::string> out;
    for (const auto& [broker, gauge] : broker_rtt_) out.push_back(broker);
    return out;
}

std::vector<prometheus::MetricFamily> Metrics::Collect() const {
    std::vector<prometheus::MetricFamily> families = registry_->Collect();
    for (const LatencyHistogramFamily* h : {&stage_family_, &event_to_alert_family_, &consume_to_alert_family_, &wait_family_}) {
        for (auto& f : h->Collect()) families.push_back(std::move(f));
    }
    return families;
}

}  // namespace herald::telemetry
