// The consumer thread of the pipeline: rebalances, the consumer loop, dispatch to the workers.
// Clients, threads and the stop are in pipeline_run.cpp; the pieces in their own files
// (docs/architecture.md).
#include "herald/app/pipeline/pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "herald/app/pipeline/alert_tail.hpp"
#include "herald/core/time.hpp"
#include "herald/core/log.hpp"
#include "pipeline_impl.hpp"

namespace herald::app {

namespace {
// How long an assignment waits for the alerts of earlier, given-up partitions to be acknowledged.
constexpr int64_t kRetiredSettleMs = 5000;
}  // namespace

void ConsumerProbe::consumed() {
    consumed_.fetch_add(1, std::memory_order_relaxed);
    if (consumed_counter_) consumed_counter_->Increment();
}

void Pipeline::Impl::fail(const std::string& why) {
    {
        std::lock_guard<std::mutex> lock(failure_mutex);
        if (failed.load()) return;
        failure = why;
    }
    failed.store(true, std::memory_order_release);
    core::log::error("pipeline", why);
}

// ---- rebalances (inside consume_batch, the consumer thread) -------------------------------------
void Pipeline::Impl::on_assigned(const std::vector<kafka::TopicPartition>& tps) {
    // Alerts of partitions given up earlier may still be on their way to the broker: give them
    // a moment to land, so the duplicate check below reads them from the alerts topic.
    const auto settle = std::chrono::steady_clock::now() + std::chrono::milliseconds(kRetiredSettleMs);
    for (table.reap_retired(); table.has_retired() && std::chrono::steady_clock::now() < settle; table.reap_retired())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    uint64_t version = 0;
    const auto rs = rules.current(version);
    std::map<int32_t, int64_t> committed;
    for (const auto& tp : tps) {
        if (tp.topic != config.input_topic || tp.partition < 0) continue;
        if (!table.take(tp.partition, tp.offset, rs, version, core::steady_ns())) continue;  // already ours
        committed[tp.partition] = tp.offset;
        fetch_stall->forget(tp.partition);
    }
    if (!committed.empty() && config.dedup_lookback_messages > 0) read_alerts_tail(committed);
    // Rule state first: the rebuild order is queued ahead of the partition's first live event
    // (it also takes over the alerts this process already produced for the partition).
    if (!config.pass_through)
        for (auto& [p, offset] : committed) queue_rebuild(*table.find(p), offset);
    std::vector<int32_t> fresh;
    for (auto& [p, offset] : committed) fresh.push_back(p);
    backpressure->adopt(fresh);
}

// The alerts already published for the new partitions: not published again (when the mode skips
// them), and followed by the rebuild (alert_tail.hpp).
void Pipeline::Impl::read_alerts_tail(const std::map<int32_t, int64_t>& committed) {
    AlertTailOptions tail{config.brokers, config.consumer_properties, config.alerts_topic, config.input_topic,
                          config.dedup_lookback_messages, 30000};
    PublishedAlertIds ids;
    AlertHistory history;
    std::string error;
    if (!read_published_alerts_within(tail, committed, ids, error, &history)) {
        core::log::warn(
            "pipeline",
            core::log::printf("cannot read the alerts tail (%s); alerts of reprocessed events may be published twice",
                              error.c_str()));
        return;
    }
    for (auto& [p, h] : history) {
        table.find(p)->history = std::move(h);
        table.find(p)->have_history = true;
    }
    if (mode->skips_published())
        for (auto& [p, set] : ids) table.find(p)->published = std::move(set);
}

// Orders the partition's worker to rebuild its rule state from the history before `committed`
// ahead of the partition's first live event (the worker's queue keeps the order).
void Pipeline::Impl::queue_rebuild(PartitionState& ps, int64_t committed) {
    if (committed < 0) committed = 0;  // no commit yet: everything is replayed
    ps.rebuilding.store(true, std::memory_order_release);
    WorkItem item{kafka::Message{}, &ps, nullptr, committed};
    Worker& w = *workers[ps.worker];
    while (!w.queue.try_push(std::move(item))) std::this_thread::sleep_for(std::chrono::microseconds(200));
}

void Pipeline::Impl::on_revoking(const std::vector<kafka::TopicPartition>& tps) {
    std::vector<int32_t> which;
    for (const auto& tp : tps)
        if (tp.topic == config.input_topic) which.push_back(tp.partition);
    if (which.empty()) return;
    mode->before_revoke();
    for (int32_t p : which)
        if (PartitionState* ps = table.find(p)) ps->leaving.store(true, std::memory_order_release);
    if (!drain(which, config.drain_timeout_ms))
        core::log::warn("pipeline", core::log::printf("revoked partitions still had unacknowledged work after %lld ms; "
                                                      "their uncommitted events will be reprocessed by the next owner",
                                                      static_cast<long long>(config.drain_timeout_ms)));
    store_done_offsets();
    for (int32_t p : which) retire(p);
}

// Another member owns these partitions now: drop their queued work (the new owner reprocesses
// it from the committed offset) instead of publishing alerts it will publish too.
void Pipeline::Impl::on_lost(const std::vector<kafka::TopicPartition>& tps) {
    std::vector<int32_t> which;
    for (const auto& tp : tps) {
        if (tp.topic != config.input_topic) continue;
        if (PartitionState* ps = table.find(tp.partition)) {
            ps->lost.store(true, std::memory_order_release);
            ps->leaving.store(true, std::memory_order_release);
            which.push_back(tp.partition);
        }
    }
    if (which.empty()) return;
    core::log::warn("pipeline", core::log::printf("the group took %zu partition(s) away (session or poll timeout); "
                                                  "their queued events are left to the new owner",
                                                  which.size()));
    if (mode->lost(which)) return;
    // No waiting: alerts still queued for a broker that is away may take long to resolve.
    for (int32_t p : which) retire(p);
}

// The partition is no longer ours: its state is freed, or parked until workers and delivery
// reports let go of it (its remaining work is dropped: the next owner redoes it).
void Pipeline::Impl::retire(int32_t partition) {
    fetch_stall->forget(partition);
    table.retire(partition);
}

// exactly-once rewind: fresh states at the last committed offsets, rule state rebuilt first.
std::vector<kafka::TopicPartition> Pipeline::Impl::renew(const std::vector<int32_t>& dropping, uint64_t epoch) {
    uint64_t version = 0;
    const auto rs = rules.current(version);
    std::vector<kafka::TopicPartition> seeks;
    for (PartitionState* old : table.owned()) {
        const int32_t p = old->partition;
        fetch_stall->forget(p);
        if (std::find(dropping.begin(), dropping.end(), p) != dropping.end()) {
            table.drop(p);  // settled by the quiesce
            continue;
        }
        PartitionState& fresh = table.renew(*old, rs, version, epoch, core::steady_ns());
        const int64_t at = fresh.txn_committed;
        if (at < 0) continue;  // nothing was dispatched yet: its position never moved
        seeks.push_back({config.input_topic, p, at, 0});
        if (config.rebuild_span_ms != 0) queue_rebuild(fresh, at);
    }
    return seeks;
}

// ---- the consumer loop ----------------------------------------------------------------------
// Polls and dispatches until `stop`, a limit or a failure.
void Pipeline::Impl::consume(const std::atomic<bool>& stop) {
    const auto started = std::chrono::steady_clock::now();
    std::vector<kafka::Message> batch;
    batch.reserve(config.batch_size);
    int64_t dispatched = 0;
    while (!stop.load(std::memory_order_acquire) && !failed.load(std::memory_order_acquire)) {
        if (config.stop_after_ms > 0 &&
            std::chrono::steady_clock::now() - started > std::chrono::milliseconds(config.stop_after_ms))
            break;
        if (!poll_once(batch, stop, dispatched)) break;
    }
}

// One round: backpressure, the delivery mode's upkeep, the fetch watch, one poll. False when the
// loop must end (a failure or the --events limit).
bool Pipeline::Impl::poll_once(std::vector<kafka::Message>& batch, const std::atomic<bool>& stop,
                               int64_t& dispatched) {
    if (table.has_retired()) table.reap_retired();
    // Workers are behind: a pause makes librdkafka drop what it prefetched and fetch it again on
    // resume, which (measured) cut throughput to a third when the workers, not the broker, were
    // the limit. A pause is for a broker that stopped acknowledging, not for busy workers.
    auto keep_waiting = [&] {
        return !stop.load(std::memory_order_acquire) && !failed.load(std::memory_order_acquire);
    };
    auto settle = [this] {
        store_done_offsets();
        return table.in_flight();
    };
    auto owned = [this] {
        std::vector<int32_t> partitions;
        for (const PartitionState* ps : table.owned()) partitions.push_back(ps->partition);
        return partitions;
    };
    bool changed = false;
    const size_t inflight = backpressure->regulate(table.in_flight(), settle, keep_waiting, owned, changed);
    // Paused by herald, its partitions fetch nothing on purpose: that wait is not a stall.
    if (changed) fetch_stall->reset();
    mode->tick();
    if (failed.load(std::memory_order_acquire)) return false;
    const bool paused = backpressure->paused();
    if (!paused) fetch_stall->check([this] { return fetch_observations(); }, core::steady_ns());
    batch.clear();
    const size_t want = std::min(config.batch_size, std::max<size_t>(backpressure->room(inflight), 1));
    const uint64_t fetched_in = mode->rewinds();  // a rewind inside this poll makes the batch stale
    consumer->consume_batch(batch, want, paused ? 10 : 100);
    const bool limit_reached = dispatch(batch, fetched_in, dispatched);
    store_done_offsets();
    return !limit_reached;
}

std::vector<FetchObservation> Pipeline::Impl::fetch_observations() const {
    std::vector<FetchObservation> owned;
    for (const PartitionState* ps : table.owned())
        if (!ps->lost.load(std::memory_order_relaxed) && !ps->leaving.load(std::memory_order_relaxed))
            owned.push_back({ps->partition, ps->next_offset, ps->last_message_ns, -1, -1});
    return owned;
}

// Hands each message to its partition's worker, in order. True when the --events limit is reached.
bool Pipeline::Impl::dispatch(std::vector<kafka::Message>& batch, uint64_t fetched_in, int64_t& dispatched) {
    const int64_t received = core::steady_ns();
    for (kafka::Message& msg : batch) {
        if (msg.error() != 0) continue;  // reported through on_error
        PartitionState* ps = table.find(msg.partition());
        if (!ps) continue;  // not ours any more: the new owner re-reads it from the committed offset
        if (ps->born_in_rewind > fetched_in) continue;  // fetched before a rewind: comes again
        if (msg.offset() < ps->next_offset) {
            consumer_probe.redelivered_skipped();
            continue;
        }
        ps->next_offset = msg.offset() + 1;
        ps->last_message_ns = received;
        if (ps->txn_committed < 0) ps->txn_committed = msg.offset();  // where an abort rewinds to
        OffsetTracker::Slot* slot = ps->tracker.begin(msg.offset(), msg.timestamp_ms(), received);
        while (!slot) {  // the partition's ring is full: wait for acknowledgements
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            store_done_offsets();
            slot = ps->tracker.begin(msg.offset(), msg.timestamp_ms(), received);
        }
        consumer_probe.consumed();
        WorkItem item{std::move(msg), ps, slot};
        Worker& w = *workers[ps->worker];
        while (!w.queue.try_push(std::move(item))) std::this_thread::sleep_for(std::chrono::microseconds(200));
        if (config.stop_after_events > 0 && ++dispatched >= config.stop_after_events) return true;
    }
    return false;
}

// Why no partition is assigned, naming what the brokers and the group are doing.
std::string Pipeline::Impl::unassigned_reason() const {
    const telemetry::ClusterView view = stats.cluster();
    std::string error;
    {
        std::lock_guard<std::mutex> lock(liveness_mutex);
        error = last_client_error;
    }
    std::string out = "no partitions assigned yet: ";
    if (!view.reported) {
        out += "no statistics from the consumer yet";
    } else if (view.up == 0) {
        out += "no broker reachable (" + (view.states.empty() ? std::string("none known") : view.states) + ")";
    } else {
        out += std::to_string(view.up) + " of " + std::to_string(view.brokers) + " brokers up";
        if (!view.states.empty()) out += " (" + view.states + ")";
        out += "; consumer group state '" + view.group_state + "', join state '" + view.group_join_state + "'";
    }
    if (!error.empty() && (!view.reported || view.up < view.brokers)) out += "; last client error: " + error;
    return out;
}

// ---- the public face ------------------------------------------------------------------------
Pipeline::Pipeline(PipelineConfig config, analysis::Resources resources, std::shared_ptr<const rules::RuleSet> rules,
                   telemetry::Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(resources), std::move(rules), metrics)) {}

Pipeline::~Pipeline() = default;

int Pipeline::run(const std::atomic<bool>& stop) { return impl_->run(stop); }

void Pipeline::set_rules(std::shared_ptr<const rules::RuleSet> rules) { impl_->rules.set(std::move(rules)); }

void Pipeline::set_shadow_rules(std::shared_ptr<const rules::RuleSet> rules) {
    if (!impl_->shadow_probe) return;
    impl_->shadow_probe->expose(rules.get());
    impl_->shadow_rules.set(std::move(rules));
}

ShadowProbe* Pipeline::shadow_probe() { return impl_->shadow_probe.get(); }

bool Pipeline::ready(std::string& reason) const {
    if (impl_->failed.load()) {
        std::lock_guard<std::mutex> lock(impl_->failure_mutex);
        reason = impl_->failure;
        return false;
    }
    if (impl_->partition_probe.assigned() == 0) {
        reason = impl_->unassigned_reason();
        return false;
    }
    return !impl_->stall_probe.stalled(reason);
}

Pipeline::Counters Pipeline::counters() const {
    const Impl& i = *impl_;
    Counters c;
    c.consumed = i.consumer_probe.events_consumed();
    c.redelivered_skipped = i.consumer_probe.redelivered();
    c.stale_dropped = i.consumer_probe.stale();
    c.processed = i.worker_probe.events_processed();
    c.lost_dropped = i.worker_probe.events_lost();
    c.alerts_produced = i.worker_probe.alerts_produced();
    c.alerts_already_published = i.worker_probe.alerts_already_published();
    c.rebuilt_events = i.worker_probe.rebuilt_events();
    c.rebuild_failures = i.worker_probe.rebuild_failures();
    c.dead_lettered = i.delivery_probe.dead_letters();
    c.alerts_acked = i.delivery_probe.alerts_acked();
    c.delivery_failures = i.delivery_probe.delivery_failures();
    c.fetch_restarts = i.stall_probe.restarts();
    return c;
}

}  // namespace herald::app
