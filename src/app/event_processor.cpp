#include "herald/app/event_processor.hpp"

#include <algorithm>
#include <charconv>

#include "herald/analysis/analysis_json.hpp"
#include "herald/core/time.hpp"
#include "herald/telemetry/metrics.hpp"

namespace herald::app {

EventProcessor::EventProcessor(const analysis::Resources& resources, size_t max_event_bytes,
                               size_t message_max_bytes)
    : parser_(max_event_bytes),
      analyzer_(resources),
      limits_(rules::alert_limits_for(message_max_bytes)),
      terms_(resources) {
    default_id_.reserve(128);
}

parse::ErrorCode EventProcessor::parse(std::string_view payload, const EventSource& source, std::string& detail) {
    analysed_here_ = false;  // event_ is rewritten
    parse::ErrorCode code = parser_.parse(payload, event_, detail);
    if (code != parse::ErrorCode::none) return code;
    if (event_.id.empty()) {
        default_id_.clear();
        char num[24];
        if (source.partition >= 0) {
            default_id_.append(source.topic);
            default_id_.push_back('/');
            default_id_.append(num, std::to_chars(num, num + sizeof num, source.partition).ptr);
            default_id_.push_back('/');
        } else if (!source.topic.empty()) {
            default_id_.append(source.topic);  // the file name
            default_id_.push_back(':');
        }
        default_id_.append(num, std::to_chars(num, num + sizeof num, source.offset).ptr);
        event_.id = default_id_;
    }
    event_time_ms_ = event_.has_published_at ? event_.published_at_ms
                                             : (source.timestamp_ms >= 0 ? source.timestamp_ms : 0);
    // A Kafka timestamp is any int64: kept within the years RFC 3339 can write, rule arithmetic
    // (distances between event times, t - span) cannot overflow, even with the check off.
    event_time_ms_ = std::clamp(event_time_ms_, core::kMinTimeMs, core::kMaxTimeMs);
    if (max_future_skew_ms_ > 0) {
        // The clock bounds a message timestamp a producer set ahead (CreateTime is the producer's).
        int64_t now = fixed_now_ms_ >= 0 ? fixed_now_ms_ : core::now_ms();
        int64_t reference = source.timestamp_ms >= 0 && source.timestamp_ms < now ? source.timestamp_ms : now;
        if (event_time_ms_ > reference && event_time_ms_ - reference > max_future_skew_ms_) {
            detail = "event time ";
            core::append_rfc3339(detail, event_time_ms_);
            detail += " is more than max-future-skew (" + std::to_string(max_future_skew_ms_) + " ms) ahead of ";
            core::append_rfc3339(detail, reference);
            detail += reference == source.timestamp_ms ? " (the message timestamp)" : " (the clock)";
            return parse::ErrorCode::future_time;
        }
    }
    return code;
}

EventOutcome EventProcessor::process(std::optional<std::string_view> payload, const EventSource& source,
                                     rules::Engine& engine, StageObserver* observer) {
    alerts_.clear();
    int64_t t0 = observer ? core::steady_ns() : 0;
    auto lap = [&](telemetry::Stage stage) {
        if (!observer) return;
        const int64_t t = core::steady_ns();
        observer->stage_done(stage, t - t0);
        t0 = t;
    };
    parse::ErrorCode code = parse::ErrorCode::empty;
    if (payload) code = parse(*payload, source, detail_);
    else detail_ = "null message value (tombstone)";
    lap(telemetry::Stage::parse);
    if (code != parse::ErrorCode::none) return {code, detail_, alerts_};
    analyze();
    lap(telemetry::Stage::analyze);
    evaluate(engine, alerts_);
    lap(telemetry::Stage::rules);
    return {code, {}, alerts_};
}

void EventProcessor::analyze(analysis::Explanation* explain) {
    analyzer_.analyze(event_, analysis_, explain);
    analysed_here_ = true;
    if (metrics_) {
        using telemetry::AnalysisCap;
        if (analysis_.tokens_capped) metrics_->analysis_caps_hit(AnalysisCap::tokens).Increment();
        if (analysis_.figures_capped) metrics_->analysis_caps_hit(AnalysisCap::figures).Increment();
        if (analysis_.metrics_capped) metrics_->analysis_caps_hit(AnalysisCap::metrics).Increment();
    }
}

void evaluate_rules(rules::Engine& engine, const rules::EventContext& ctx, const rules::AlertLimits& limits,
                    SentimentTerms& terms, std::vector<rules::Alert>& out, const SentimentTerms::Analysed& analysed) {
    const size_t before = out.size();
    engine.evaluate(ctx, out);
    if (out.size() > before) terms.attach(ctx.event, out, analysed);
    // Here, so run, replay, analyze and backtest group alike.
    if (engine.rules() && engine.rules()->group_alerts()) rules::group_alerts(out, limits);
}

void EventProcessor::evaluate(rules::Engine& engine, std::vector<rules::Alert>& out) {
    evaluate_rules(engine, rules::EventContext{event_, analysis_, event_time_ms_}, limits_, terms_, out, analysed());
    if (metrics_ && !engine.suppressed()) {
        const rules::Engine::EventNotes& n = engine.notes();
        if (n.late) metrics_->events_late().Increment();
        if (n.keys_capped) metrics_->rule_caps_hit(telemetry::kCapKeys).Increment();
        if (n.alerts_capped) metrics_->rule_caps_hit(telemetry::kCapAlerts).Increment();
    }
}

bool EventProcessor::alert_json(const rules::Alert& alert, const EventSource& source, int64_t detected_at_ms,
                                std::string& out) const {
    rules::EventContext ctx{event_, analysis_, event_time_ms_};
    rules::SourceRef ref{source.topic, source.partition, source.offset};
    out.clear();
    return rules::append_alert_json(out, alert, ctx, ref, detected_at_ms, limits_);
}

std::string_view EventProcessor::alert_key(const rules::Alert& alert, std::string& scratch) const {
    return rules::capped_text(alert.key, limits_.key, scratch);
}

std::string_view EventProcessor::alert_rule(const rules::Alert& alert, std::string& scratch) const {
    return rules::capped_text(alert.rule_id, limits_.rule, scratch);
}

void EventProcessor::analysis_json(std::string& out, const analysis::Explanation* explain) const {
    analysis::append_analysis_json(out, event_, analysis_, explain);
}

}  // namespace herald::app
