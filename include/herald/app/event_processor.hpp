#pragma once
// Everything herald does with one event between the bytes and the alerts: parse, analyze,
// evaluate rules, serialize. Shared by the streaming engine, topic replay and offline
// `herald analyze`, so all three give the same alerts for the same feed.
// One per worker thread; reused for every event (no steady-state allocation except for alerts).
//
//   EventProcessor p(resources, max_event_bytes);
//   EventOutcome out = p.process(payload, {"news", 3, 1234, kafka_ts}, partition_rules_engine);
//   if (out.dead_letter()) dead_letter(out.code, out.detail);
//   else for (auto& a : out.alerts) { p.alert_json(a, source, now, json); produce(json); }
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "herald/analysis/analyzer.hpp"
#include "herald/app/sentiment_terms.hpp"
#include "herald/parse/event_parser.hpp"
#include "herald/rules/alert_limits.hpp"
#include "herald/rules/engine.hpp"

namespace herald::telemetry {
class Metrics;
enum class Stage : uint8_t;
}

namespace herald::app {

// Events dated more than this ahead of their reference time are refused (future_time): one
// event dated 9999-12-31 would otherwise hold its key's cooldowns and windows for ever.
inline constexpr int64_t kDefaultMaxFutureSkewMs = 3'600'000;

// Where an event came from. partition < 0 for files (offset is then the line number).
struct EventSource {
    std::string_view topic;
    int32_t partition = -1;
    int64_t offset = -1;
    int64_t timestamp_ms = -1;  // Kafka message timestamp, -1 when none
};

// The rules over one analysed event as every command runs them: the engine's alerts appended to
// out, with the sentiment terms of their explanations (`terms`), folded into one message when the
// rules file asks for `group_alerts`. `analysed`: what the event's analysis left for the terms.
void evaluate_rules(rules::Engine& engine, const rules::EventContext& ctx, const rules::AlertLimits& limits,
                    SentimentTerms& terms, std::vector<rules::Alert>& out, const SentimentTerms::Analysed& analysed = {});

// What one event came to (EventProcessor::process): a dead letter (code, detail), or its analysis
// (EventProcessor::result) and the alerts the rules raised, in order.
struct EventOutcome {
    parse::ErrorCode code = parse::ErrorCode::none;
    std::string_view detail;
    const std::vector<rules::Alert>& alerts;
    bool dead_letter() const { return code != parse::ErrorCode::none; }
};

// Where process() reports how long each stage took (the pipeline's herald_stage_duration_seconds).
class StageObserver {
public:
    virtual ~StageObserver() = default;
    virtual void stage_done(telemetry::Stage stage, int64_t ns) = 0;
};

class EventProcessor {
public:
    // message_max_bytes: the producer's message.max.bytes the alerts must fit (0: unbounded);
    // output::message_max_bytes() derives it the same way for `run`, `replay` and `analyze`.
    EventProcessor(const analysis::Resources& resources, size_t max_event_bytes, size_t message_max_bytes = 0);

    // Parses and fills the defaults of docs/events.md: id = topic/partition/offset (or the line
    // number for files), event time = published_at, else the message timestamp. An event time
    // more than the max future skew ahead of its reference is ErrorCode::future_time; the
    // reference is the message timestamp, or the clock when that is earlier or absent.
    parse::ErrorCode parse(std::string_view payload, const EventSource& source, std::string& detail);
    // One call per event: parse, analyze, evaluate with `engine` (grouped as the rules file asks).
    // A null payload (a Kafka tombstone) is ErrorCode::empty. The outcome's views live until the
    // next call; each stage's time goes to `observer` when given.
    EventOutcome process(std::optional<std::string_view> payload, const EventSource& source, rules::Engine& engine,
                         StageObserver* observer = nullptr);

    // max_future_skew_ms: 0 turns the check off. fixed_now_ms >= 0 replaces the clock (offline
    // analysis pins it once, so one run judges every line alike).
    void set_event_time_policy(int64_t max_future_skew_ms, int64_t fixed_now_ms = -1) {
        max_future_skew_ms_ = max_future_skew_ms;
        fixed_now_ms_ = fixed_now_ms;
    }
    // Counts late events and per-event caps (herald_events_late_total, herald_rule_caps_hit_total)
    // for evaluations that are not suppressed. Null: not counted.
    void set_metrics(telemetry::Metrics* metrics) { metrics_ = metrics; }
    void analyze(analysis::Explanation* explain = nullptr);
    // The same analysis of an event held elsewhere (a copy_event of event(), analysed on another
    // thread than its parse): out's views point into `event`'s texts.
    void analyze(const analysis::Event& event, analysis::Analysis& out, analysis::Explanation* explain = nullptr) {
        analyzer_.analyze(event, out, explain);
        analysed_here_ = false;
    }
    void evaluate(rules::Engine& engine, std::vector<rules::Alert>& out);
    // The last event's analysis through another engine (shadow rules): the same grouping, but
    // not counted in the live metrics (late events, caps).
    void evaluate_quietly(rules::Engine& engine, std::vector<rules::Alert>& out) {
        evaluate_rules(engine, rules::EventContext{event_, analysis_, event_time_ms_}, limits_, terms_, out, analysed());
    }
    // Returns whether the alert had to be cut to fit (rules::append_alert_json with the limits).
    bool alert_json(const rules::Alert& alert, const EventSource& source, int64_t detected_at_ms,
                    std::string& out) const;
    // The alert's Kafka message key and herald-rule header: the same capped texts as in its JSON.
    std::string_view alert_key(const rules::Alert& alert, std::string& scratch) const;
    std::string_view alert_rule(const rules::Alert& alert, std::string& scratch) const;
    const rules::AlertLimits& alert_limits() const { return limits_; }
    void analysis_json(std::string& out, const analysis::Explanation* explain = nullptr) const;

    const analysis::Event& event() const { return event_; }
    const analysis::Analysis& result() const { return analysis_; }
    int64_t event_time_ms() const { return event_time_ms_; }

private:
    parse::EventParser parser_;
    analysis::Analyzer analyzer_;
    analysis::Event event_;
    analysis::Analysis analysis_;
    std::string default_id_;
    rules::AlertLimits limits_;
    int64_t event_time_ms_ = 0;
    int64_t max_future_skew_ms_ = kDefaultMaxFutureSkewMs;
    int64_t fixed_now_ms_ = -1;
    telemetry::Metrics* metrics_ = nullptr;
    std::string detail_;                // process(): why an event is dead-lettered
    std::vector<rules::Alert> alerts_;  // process(): the alerts of the last event
    SentimentTerms terms_;              // the explanations' sentiment terms (alerts only)
    // analyzer_ analysed event_ into analysis_ last (analyze()), and nothing was parsed since:
    // the terms are read from its document instead of analysing the event again.
    bool analysed_here_ = false;
    SentimentTerms::Analysed analysed() {
        return analysed_here_ ? SentimentTerms::Analysed{nullptr, &analyzer_, &analysis_} : SentimentTerms::Analysed{};
    }
};

}  // namespace herald::app
