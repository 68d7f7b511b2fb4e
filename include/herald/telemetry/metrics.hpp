#pragma once
// Every herald metric of docs/metrics-reference.md, created once at start-up and owned here.
// Accessors return references that any thread may update without a lock: counters and gauges
// are atomics, histograms are sharded LatencyHistograms, and labelled lookups
// (dead_lettered, alert_published, rules_reloads) are lock-free once a label set exists.
// Metrics is itself a prometheus::Collectable: HttpServer renders it at /metrics.
//
//   herald::telemetry::Metrics metrics;                      // pre-creates every reason code
//   metrics.events_consumed().Increment();
//   metrics.dead_lettered("invalid_json").Increment();
//   metrics.stage(herald::telemetry::Stage::parse).observe(elapsed_seconds);
//   metrics.wait(herald::telemetry::Wait::queue).observe(waited_seconds);
//   metrics.alert_published("aws-growth", "high").Increment();
//   metrics.consumer_lag(7).Set(1200);                       // stats thread, rare path
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <prometheus/collectable.h>
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include "herald/telemetry/label_cache.hpp"
#include "herald/telemetry/latency_histogram.hpp"

namespace herald::telemetry {

enum class Stage : uint8_t { parse, analyze, rules, publish };
inline constexpr size_t kStageCount = 4;
std::string_view stage_name(Stage stage);

// Values of herald_wait_duration_seconds{wait}: the parts of consume-to-alert that are waiting,
// not working. queue = received by the consumer -> a worker starts the event; delivery = a
// message handed to the producer -> acknowledged by the brokers.
enum class Wait : uint8_t { queue, delivery };
inline constexpr size_t kWaitCount = 2;
std::string_view wait_name(Wait wait);

// Values of herald_messages_refused_total{output} and herald_messages_truncated_total{output}:
// the alerts topic or the dead-letter topic.
enum class Output : uint8_t { alerts, dead_letters };
inline constexpr size_t kOutputCount = 2;
std::string_view output_name(Output output);

// Values of herald_rules_reloads_total{result}.
inline constexpr std::string_view kReloadSuccess = "ok";
inline constexpr std::string_view kReloadFailure = "error";
inline constexpr std::string_view kReloadEmpty = "empty";  // applied, but the file has no rules
// Values of herald_rule_caps_hit_total{cap}: max_keys_per_event, max_alerts_per_event.
inline constexpr std::string_view kCapKeys = "keys";
inline constexpr std::string_view kCapAlerts = "alerts";
// Values of herald_analysis_caps_hit_total{cap}: an event's text beyond the analysis caps is not
// read (issue 20: bounded CPU per MB of any text). tokens: Document::kMaxTokens; figures:
// QuantityExtractor::kMaxFigures; metrics: MetricExtractor's cap.
enum class AnalysisCap : uint8_t { tokens, figures, metrics };
inline constexpr size_t kAnalysisCapCount = 3;
std::string_view analysis_cap_name(AnalysisCap cap);

// herald's version (CMake PROJECT_VERSION), as shown by herald_build_info{version}.
std::string_view build_version();

// The dead-letter codes of docs/events.md, pre-created so rate() sees zeros before the first failure.
std::vector<std::string> default_dead_letter_reasons();

struct MetricsOptions {
    std::vector<std::string> dead_letter_reasons = default_dead_letter_reasons();
    // herald_entity_sentiment_score{ticker}: at most this many tickers (series); 0: none.
    size_t entity_sentiment_max_series = 1000;
    std::string version = std::string(build_version());
};

class Metrics : public prometheus::Collectable {
public:
    explicit Metrics(MetricsOptions options = {});
    ~Metrics() override;
    Metrics(const Metrics&) = delete;
    Metrics& operator=(const Metrics&) = delete;

    // Counters.
    prometheus::Counter& events_consumed() { return *events_consumed_; }
    prometheus::Counter& events_processed() { return *events_processed_; }
    prometheus::Counter& dead_lettered(std::string_view reason) { return dead_lettered_->get({reason}); }
    prometheus::Counter& alert_published(std::string_view rule, std::string_view severity) {
        return alerts_published_->get({rule, severity});
    }
    prometheus::Counter& alert_delivery_failures() { return *alert_delivery_failures_; }
    // Alerts handed to the producer, by a corporate event type their condition read ("none":
    // none) and the novelty of the key's story ("first" >= 80, "copy" < 80, "none": not read).
    prometheus::Counter& alert_event_type(std::string_view type, std::string_view novelty) {
        return alert_event_types_->get({type, novelty});
    }
    prometheus::Counter& fetch_restarts() { return *fetch_restarts_; }
    // Events earlier than the newest event time their partition's rules had seen (evaluated).
    prometheus::Counter& events_late() { return *events_late_; }
    // Events that hit a per-event cap of the rules file; cap = kCapKeys | kCapAlerts.
    prometheus::Counter& rule_caps_hit(std::string_view cap) { return cap == kCapKeys ? *caps_keys_ : *caps_alerts_; }
    // Events whose analysis stopped at a cap (the rest of their text or figures not read).
    prometheus::Counter& analysis_caps_hit(AnalysisCap cap) { return *analysis_caps_[static_cast<size_t>(cap)]; }
    // Messages the producer or a broker refused one by one (too large for the topic, ...).
    prometheus::Counter& messages_refused(Output o) { return *refused_[static_cast<size_t>(o)]; }
    // Messages cut to fit message.max.bytes before they were produced.
    prometheus::Counter& messages_truncated(Output o) { return *truncated_[static_cast<size_t>(o)]; }
    prometheus::Counter& rules_reloads(std::string_view result) { return rules_reloads_->get({result}); }
    // delivery: exactly-once; result = commit | abort.
    prometheus::Counter& transactions(std::string_view result) { return transactions_->get({result}); }

    // Histograms (seconds).
    LatencyHistogram& stage(Stage stage) { return *stages_[static_cast<size_t>(stage)]; }
    LatencyHistogram& event_to_alert_latency() { return *event_to_alert_; }
    LatencyHistogram& consume_to_alert_latency() { return *consume_to_alert_; }
    LatencyHistogram& wait(Wait wait) { return *waits_[static_cast<size_t>(wait)]; }

    // Gauges.
    prometheus::Gauge& inflight_events() { return *inflight_events_; }
    prometheus::Gauge& producer_queue_messages() { return *producer_queue_messages_; }
    prometheus::Gauge& partitions_assigned() { return *partitions_assigned_; }
    prometheus::Gauge& consumer_paused() { return *consumer_paused_; }
    prometheus::Gauge& rules_loaded() { return *rules_loaded_; }
    // Sentiment (-1..1) of the latest story about a ticker. Tickers come from events, so the
    // label set is bounded: the caller passes only tickers of the alias table, and at most
    // entity_sentiment_max_series of them get a series (the first seen); null for the others,
    // which are counted in herald_entity_sentiment_untracked_total. Lock-free once seen.
    prometheus::Gauge* entity_sentiment(std::string_view ticker) {
        prometheus::Gauge* g = entity_sentiment_max_series_ ? entity_sentiment_->try_get({ticker}) : nullptr;
        if (!g) entity_sentiment_untracked_->Increment();
        return g;
    }
    prometheus::Counter& entity_sentiment_untracked() { return *entity_sentiment_untracked_; }

    // Per-partition lag and per-broker RTT come and go with assignments and metadata: these
    // lock (statistics callback, a few times a minute). A reference stays valid until forget_*.
    prometheus::Gauge& consumer_lag(int32_t partition);
    void forget_consumer_lag(int32_t partition);
    std::vector<int32_t> consumer_lag_partitions() const;
    prometheus::Gauge& broker_rtt(std::string_view broker);
    void forget_broker_rtt(std::string_view broker);
    std::vector<std::string> broker_rtt_brokers() const;

    // For metrics other modules add themselves; rendered with the rest.
    prometheus::Registry& registry() { return *registry_; }

    // The registry's families followed by the histogram families.
    std::vector<prometheus::MetricFamily> Collect() const override;

private:
    std::shared_ptr<prometheus::Registry> registry_;

    prometheus::Counter* events_consumed_ = nullptr;
    prometheus::Counter* events_processed_ = nullptr;
    prometheus::Counter* alert_delivery_failures_ = nullptr;
    prometheus::Counter* fetch_restarts_ = nullptr;
    prometheus::Counter* events_late_ = nullptr;
    prometheus::Counter* caps_keys_ = nullptr;
    prometheus::Counter* caps_alerts_ = nullptr;
    prometheus::Counter* analysis_caps_[kAnalysisCapCount] = {};
    std::array<prometheus::Counter*, kOutputCount> refused_{}, truncated_{};
    std::unique_ptr<LabelCache<prometheus::Counter, 1>> dead_lettered_;
    std::unique_ptr<LabelCache<prometheus::Counter, 2>> alerts_published_;
    std::unique_ptr<LabelCache<prometheus::Counter, 2>> alert_event_types_;
    std::unique_ptr<LabelCache<prometheus::Counter, 1>> rules_reloads_;
    std::unique_ptr<LabelCache<prometheus::Counter, 1>> transactions_;

    LatencyHistogramFamily stage_family_;
    LatencyHistogramFamily event_to_alert_family_;
    LatencyHistogramFamily consume_to_alert_family_;
    LatencyHistogramFamily wait_family_;
    std::array<LatencyHistogram*, kStageCount> stages_{};
    std::array<LatencyHistogram*, kWaitCount> waits_{};
    LatencyHistogram* event_to_alert_ = nullptr;
    LatencyHistogram* consume_to_alert_ = nullptr;

    prometheus::Gauge* inflight_events_ = nullptr;
    prometheus::Gauge* producer_queue_messages_ = nullptr;
    prometheus::Gauge* partitions_assigned_ = nullptr;
    prometheus::Gauge* consumer_paused_ = nullptr;
    prometheus::Gauge* rules_loaded_ = nullptr;
    std::unique_ptr<LabelCache<prometheus::Gauge, 1>> entity_sentiment_;
    size_t entity_sentiment_max_series_ = 0;
    prometheus::Counter* entity_sentiment_untracked_ = nullptr;

    prometheus::Family<prometheus::Gauge>* consumer_lag_family_ = nullptr;
    prometheus::Family<prometheus::Gauge>* broker_rtt_family_ = nullptr;
    mutable std::mutex dynamic_mutex_;
    std::map<int32_t, prometheus::Gauge*> consumer_lag_;
    std::map<std::string, prometheus::Gauge*, std::less<>> broker_rtt_;
};

}  // namespace herald::telemetry
