#include "herald/app/pipeline/event_worker.hpp"

#include <chrono>
#include <cstdio>

#include "herald/app/pipeline/pipeline.hpp"
#include "herald/core/time.hpp"
#include "herald/telemetry/metrics.hpp"
#include "herald/core/log.hpp"

namespace herald::app {

void RulesHandle::set(std::shared_ptr<const rules::RuleSet> rules) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        rules_ = std::move(rules);
    }
    version_.fetch_add(1, std::memory_order_acq_rel);
}

std::shared_ptr<const rules::RuleSet> RulesHandle::current(uint64_t& version) const {
    std::lock_guard<std::mutex> lock(mutex_);
    version = version_.load(std::memory_order_acquire);
    return rules_;
}

void WorkerProbe::processed() {
    processed_.fetch_add(1, std::memory_order_relaxed);
    if (metrics_) metrics_->events_processed().Increment();
}

void WorkerProbe::queue_wait(int64_t ns) {
    if (metrics_) metrics_->wait(telemetry::Wait::queue).observe(static_cast<double>(ns) * 1e-9);
}

void WorkerProbe::stage_done(telemetry::Stage stage, int64_t ns) {
    if (metrics_) metrics_->stage(stage).observe(static_cast<double>(ns) * 1e-9);
}

// Tickers come from events: only the alias table's get a series (docs/metrics-reference.md).
void WorkerProbe::entities(const analysis::Analysis& analysis) {
    if (!metrics_ || !resources_) return;
    for (const auto& e : analysis.entities) {
        if (e.ticker.empty()) continue;
        if (!resources_->aliases->knows_ticker(e.ticker)) {
            metrics_->entity_sentiment_untracked().Increment();
        } else if (prometheus::Gauge* g = metrics_->entity_sentiment(e.ticker)) {
            g->Set(e.sentiment.score);
        }
    }
}

void WorkerProbe::alert_handed(const rules::Alert& alert) {
    if (!metrics_) return;
    const std::string_view novelty = alert.novelty < 0 ? "none" : alert.novelty >= 80 ? "first" : "copy";
    if (alert.explanation.events.empty()) metrics_->alert_event_type("none", novelty).Increment();
    for (const auto& e : alert.explanation.events) metrics_->alert_event_type(e.type, novelty).Increment();
}

prometheus::Counter* WorkerProbe::published_series(const rules::Alert& alert) {
    return metrics_ ? &metrics_->alert_published(alert.rule_id, alert.severity) : nullptr;
}

void WorkerProbe::alert_truncated() {
    if (metrics_) metrics_->messages_truncated(telemetry::Output::alerts).Increment();
}

EventWorker::EventWorker(WorkerContext context)
    : ctx_(context),
      proc_(ctx_.resources, ctx_.config.max_event_bytes, ctx_.message_max_bytes),
      dl_(ctx_.message_max_bytes, ctx_.config.max_event_bytes) {
    proc_.set_event_time_policy(ctx_.config.max_future_skew_ms);
    proc_.set_metrics(ctx_.metrics);
}

void EventWorker::run(SpscQueue<WorkItem>& queue) {
    WorkItem item;
    while (queue.pop_wait(item, ctx_.stop)) {
        handle(item);
        item = WorkItem{};  // destroys the Kafka message now, not at the next pop
    }
}

void EventWorker::handle(WorkItem& item) {
    if (item.rebuild_until >= 0) {
        rebuild(*item.partition, item.rebuild_until);
        return;
    }
    const kafka::Message& m = item.message;
    process({m.topic(), m.partition(), m.offset(), m.timestamp_ms(), m.key(), m.payload(), m.is_null(), &m},
            *item.partition, item.slot);
}

// Workers pick a reloaded rule set up before their next event (state carries over by rule id).
void EventWorker::sync_rules(PartitionState& ps) {
    if (ctx_.rules.version() == ps.rules_version) return;
    uint64_t version = 0;
    ps.engine.set_rules(ctx_.rules.current(version));
    ps.rules_version = version;
}

void EventWorker::sync_shadow(PartitionState& ps) {
    if (!ctx_.shadow_rules || ctx_.shadow_rules->version() == ps.shadow_version) return;
    uint64_t version = 0;
    std::shared_ptr<const rules::RuleSet> rules = ctx_.shadow_rules->current(version);
    if (!rules) ps.shadow_engine.reset();
    else if (ps.shadow_engine) ps.shadow_engine->set_rules(std::move(rules));
    else ps.shadow_engine = std::make_unique<rules::Engine>(std::move(rules));
    ps.shadow_version = version;
}

// The shadow rules on the analysis the live rules just used, after the live alerts went to the
// producer: the shadow adds work behind them, never ahead. Its alerts hold no slot, so their fate
// never decides what is committed.
void EventWorker::evaluate_shadow(const Incoming& in, PartitionState& ps) {
    sync_shadow(ps);
    if (!ps.shadow_engine || !ctx_.shadow->enabled() || ps.lost.load(std::memory_order_acquire)) return;
    shadow_alerts_.clear();
    proc_.evaluate_quietly(*ps.shadow_engine, shadow_alerts_);
    const EventSource source{in.topic, in.partition, in.offset, in.timestamp_ms};
    for (const rules::Alert& alert : shadow_alerts_) {
        ctx_.shadow_probe->raised(alert.rule_id, alert.severity);
        proc_.alert_json(alert, source, core::now_ms(), json_);
        const kafka::Header headers[] = {{"herald-alert-id", std::string_view(alert.alert_id, 16)},
                                         {"herald-rule", proc_.alert_rule(alert, rule_)},
                                         {"herald-shadow", "true"}};
        ctx_.shadow->publish(proc_.alert_key(alert, key_), json_, headers);
    }
}

void EventWorker::process(const Incoming& in, PartitionState& ps, OffsetTracker::Slot* slot) {
    if (ps.lost.load(std::memory_order_acquire)) {
        ctx_.probe.lost_dropped();
        slot->release();
        return;
    }
    if (ctx_.config.pass_through) {  // the I/O ceiling: consume and commit, nothing else
        ctx_.probe.processed();
        slot->release();
        return;
    }
    ctx_.probe.queue_wait(core::steady_ns() - slot->received_ns);
    sync_rules(ps);
    const EventSource source{in.topic, in.partition, in.offset, in.timestamp_ms};
    const EventOutcome outcome = proc_.process(in.is_null ? std::nullopt : std::optional<std::string_view>(in.payload),
                                               source, ps.engine, &ctx_.probe);
    if (outcome.dead_letter()) {
        dead_letter_event(in, outcome, slot);
    } else {
        ctx_.probe.entities(proc_.result());
        if (!outcome.alerts.empty()) {
            const int64_t t0 = core::steady_ns();
            publish(in, outcome.alerts, ps, slot);
            ctx_.probe.stage_done(telemetry::Stage::publish, core::steady_ns() - t0);
        }
        if (ctx_.shadow) evaluate_shadow(in, ps);
    }
    ctx_.probe.processed();
    slot->release();  // last touch of slot and partition state
}

// The original key, value and headers travel with the dead letter, bounded to what the producer
// accepts (output::DeadLetterBuilder); the full message stays in the input topic.
void EventWorker::dead_letter_event(const Incoming& in, const EventOutcome& outcome, OffsetTracker::Slot* slot) {
    headers_.clear();
    kafka::Header h;
    if (in.message)
        for (size_t i = 0; i < in.message->header_count(); ++i)
            if (in.message->header_at(i, h)) headers_.push_back(h);
    ctx_.ledger.dead_letter(dl_, ctx_.config.dlq_topic,
                            {in.topic, in.partition, in.offset, in.key, in.payload, !in.is_null, headers_.data(),
                             headers_.size(), parse::error_code_name(outcome.code), outcome.detail},
                            slot, in.timestamp_ms > 0 ? in.timestamp_ms : 0);
}

void EventWorker::publish(const Incoming& in, const std::vector<rules::Alert>& alerts, PartitionState& ps,
                          OffsetTracker::Slot* slot) {
    for (const rules::Alert& alert : alerts) {
        if (ps.lost.load(std::memory_order_acquire)) break;  // the new owner publishes them
        if (!publish_one(alert, in, ps, slot)) break;
    }
}

// False when the producer failed (the rest of the event's alerts are not tried).
bool EventWorker::publish_one(const rules::Alert& alert, const Incoming& in, PartitionState& ps,
                              OffsetTracker::Slot* slot) {
    const int64_t timestamp_ms = in.timestamp_ms > 0 ? in.timestamp_ms : 0;
    const uint64_t id = alert.id;
    if (!ps.published.empty() && ps.published.count(id)) {
        ctx_.probe.already_published();
        return true;  // published before a crash or a rebalance: do not repeat it
    }
    const EventSource source{in.topic, in.partition, in.offset, in.timestamp_ms};
    if (proc_.alert_json(alert, source, core::now_ms(), json_)) ctx_.probe.alert_truncated();
    auto* token = new DeliveryToken{slot, true, ctx_.probe.published_series(alert)};
    token->partition = in.partition;
    token->offset = in.offset;
    token->alert_id_value = id;
    std::copy(alert.alert_id, alert.alert_id + 17, token->alert_id);
    token->rule = proc_.alert_rule(alert, rule_);
    token->bytes = json_.size();
    if (ctx_.mode.refused_earlier(id)) {
        // Refused in an aborted transaction: this redo dead-letters it instead.
        refuse_alert(*token, "refused by the broker in an earlier attempt", slot, timestamp_ms);
        delete token;
        return true;
    }
    if (ctx_.config.on_alert) {
        token->json = json_;
        token->alert = alert;
        token->event_id = proc_.event().id;
        token->event_time_ms = proc_.event_time_ms();
    }
    const kafka::Header headers[] = {{"herald-alert-id", std::string_view(alert.alert_id, 16)},
                                     {"herald-rule", token->rule}};
    ctx_.probe.alert_produced();
    const auto r = ctx_.ledger.produce({ctx_.config.alerts_topic, proc_.alert_key(alert, key_), json_, headers}, token);
    if (r == DeliveryLedger::Produced::failed) return false;
    if (r == DeliveryLedger::Produced::refused) {
        refuse_alert(*token, "refused by the producer", slot, timestamp_ms);
        delete token;
        return true;
    }
    if (ctx_.mode.skips_published() && ps.produced) ps.produced->add(in.offset, id);
    ctx_.probe.alert_handed(alert);
    return true;
}

// Dead-letters the event of an alert that cannot be produced: code alert_refused, no key or
// value, the headers say which alert and where its event is.
void EventWorker::refuse_alert(const DeliveryToken& alert, std::string_view reason, OffsetTracker::Slot* slot,
                               int64_t timestamp_ms) {
    const std::string detail = refusal_detail(alert, reason);
    ctx_.ledger.dead_letter(dl_, ctx_.config.dlq_topic,
                            {ctx_.config.input_topic, alert.partition, alert.offset, {}, {}, false, nullptr, 0,
                             kAlertRefused, detail},
                            slot, timestamp_ms);
}

// Runs on the partition's worker before its first live event (the queue keeps the order), so the
// state is complete when live events arrive; other partitions keep flowing meanwhile.
void EventWorker::rebuild(PartitionState& ps, int64_t committed) {
    // Alerts produced here for events it will replay, maybe not on the alerts topic yet.
    // (Under transactions they were aborted with their transaction: nothing to skip.)
    if (ctx_.mode.skips_published() && ps.produced)
        ps.produced->since(committed, [&ps](uint64_t id) { ps.published.insert(id); });
    sync_rules(ps);
    sync_shadow(ps);
    const int64_t span =
        ctx_.config.rebuild_span_ms >= 0 ? ctx_.config.rebuild_span_ms : 2 * ps.engine.rules()->max_window_ms();
    if (span <= 0 || committed <= 0) {
        ps.history = PartitionAlertHistory{};
        ps.rebuilding.store(false, std::memory_order_release);
        return;
    }
    StateRebuildReport report;
    std::string error;
    const auto t0 = std::chrono::steady_clock::now();
    const bool ok = replay_history(ps, committed, span, report, error);
    const int32_t partition = ps.partition;
    const bool stopped = !ok && ctx_.stop.load(std::memory_order_acquire);
    const bool leaving = ps.leaving.load(std::memory_order_acquire);
    // Cancelled by the stop: its queued events come after the final commit, and without the
    // state they could raise alerts the complete state would not. Drop them; the next run
    // redoes them.
    if (stopped) ps.lost.store(true, std::memory_order_release);
    ps.rebuilding.store(false, std::memory_order_release);  // last touch when the partition is leaving
    ctx_.probe.rebuilt(report.events);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (stopped) {
        core::log::info(
            "pipeline",
            core::log::printf(
                "partition %d: rule state rebuild cancelled by the stop; its queued events are left to the next run",
                partition));
    } else if (!ok && !leaving) {
        ctx_.probe.rebuild_failed();
        core::log::warn("pipeline",
                        core::log::printf(
                            "partition %d: rule state rebuild incomplete (%s); windowed rules start from what was read",
                            partition, error.c_str()));
    } else if (ok && report.events > 0) {
        core::log::info("pipeline",
                        core::log::printf("partition %d: rule state rebuilt from %lld events [%lld, %lld) in %.0f ms%s",
                                          partition, static_cast<long long>(report.events),
                                          static_cast<long long>(report.from), static_cast<long long>(report.to), ms,
                                          report.capped ? " (capped by --rebuild-max-events)" : ""));
    }
}

// Re-reads the partition's history before `committed` through the rules with alerts suppressed,
// following the alerts already published (so cooldowns stay in phase with the run that published them).
bool EventWorker::replay_history(PartitionState& ps, int64_t committed, int64_t span, StateRebuildReport& report,
                                 std::string& error) {
    const PipelineConfig& config = ctx_.config;
    // Short fetch waits: the rebuild reads single messages while probing for its start.
    kafka::Properties props{{"fetch.wait.max.ms", "10"}};
    props.insert(props.end(), config.consumer_properties.begin(), config.consumer_properties.end());
    StateRebuildOptions o{config.brokers, props, config.input_topic, ps.partition,
                          committed,      span,  config.rebuild_max_events, 60000};
    // A stop ends it too: with the brokers down it would otherwise hold the worker, and the
    // stop, until its own deadline.
    o.cancelled = [this, &ps] {
        return ps.leaving.load(std::memory_order_relaxed) || ctx_.stop.load(std::memory_order_acquire);
    };
    ps.engine.set_suppressed(true);
    if (ps.shadow_engine) ps.shadow_engine->set_suppressed(true);
    const bool ok = rebuild_partition_state(
        o,
        [&](const kafka::Message& m) {
            if (ps.leaving.load(std::memory_order_relaxed)) return false;
            ps.engine.set_fired_history(
                ps.have_history && m.offset() >= ps.history.complete_from ? &ps.history.ids : nullptr);
            if (m.is_null()) return true;
            const EventOutcome out =
                proc_.process(m.payload(), {m.topic(), m.partition(), m.offset(), m.timestamp_ms()}, ps.engine);
            if (ps.shadow_engine && !out.dead_letter()) {  // its windows too, from the same analysis
                shadow_alerts_.clear();
                proc_.evaluate_quietly(*ps.shadow_engine, shadow_alerts_);
            }
            return true;
        },
        report, error);
    ps.engine.set_suppressed(false);
    if (ps.shadow_engine) ps.shadow_engine->set_suppressed(false);
    ps.engine.set_fired_history(nullptr);
    ps.history = PartitionAlertHistory{};
    return ok;
}

}  // namespace herald::app
