#include "herald/app/pipeline/pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <cstdio>
#include <mutex>
#include <unordered_set>
#include <thread>

#include "herald/app/event_processor.hpp"
#include "herald/app/pipeline/alert_tail.hpp"
#include "herald/app/pipeline/backpressure.hpp"
#include "herald/app/pipeline/fetch_stall.hpp"
#include "herald/app/pipeline/partition_control.hpp"
#include "herald/app/pipeline/partition_table.hpp"
#include "herald/app/pipeline/spsc_queue.hpp"
#include "herald/app/pipeline/state_rebuild.hpp"
#include "herald/core/deadline.hpp"
#include "herald/core/time.hpp"
#include "herald/kafka/consumer.hpp"
#include "herald/kafka/producer.hpp"
#include "herald/output/dead_letter.hpp"
#include "herald/output/message_size.hpp"
#include "herald/telemetry/metrics.hpp"
#include "herald/telemetry/stats_parser.hpp"

#include <librdkafka/rdkafka.h>
#include <unistd.h>

namespace herald::app {

namespace {

int64_t steady_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

double seconds_since(int64_t start_ns) { return static_cast<double>(steady_ns() - start_ns) * 1e-9; }

constexpr int kQueueFull = RD_KAFKA_RESP_ERR__QUEUE_FULL;
// How long an assignment waits for the alerts of earlier, given-up partitions to be acknowledged.
constexpr int64_t kRetiredSettleMs = 5000;
// Restarts of a partition that still delivers nothing before the instance gives up and exits.
constexpr int kMaxStallRestarts = 3;
std::string kafka_error_name(int err) { return rd_kafka_err2str(static_cast<rd_kafka_resp_err_t>(err)); }

// Errors that refuse one message, not the producer or the brokers: a refused alert's event is
// dead-lettered (alert_refused), a refused dead letter is dropped, and the rest goes on.
// (Not INVALID_RECORD: it says nothing about one message's size or time; it keeps stopping
// at-least-once and aborting and redoing exactly-once, as integration_exactly_once expects.)
constexpr rd_kafka_resp_err_t kRefusesOneMessage[] = {
    RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE, RD_KAFKA_RESP_ERR_INVALID_TIMESTAMP};
bool refuses_one_message(int err) {
    return std::find(std::begin(kRefusesOneMessage), std::end(kRefusesOneMessage),
                     static_cast<rd_kafka_resp_err_t>(err)) != std::end(kRefusesOneMessage);
}
// The exactly-once redo remembers a refused dead letter by its input message.
uint64_t letter_key(int32_t partition, int64_t offset) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(partition)) << 44) ^ static_cast<uint64_t>(offset);
}
constexpr std::string_view kAlertRefused = "alert_refused";

}  // namespace

// What a delivery report needs to finish an alert's or dead letter's work. One per produced
// message: alerts and dead letters are the rare path, events without alerts allocate none.
struct DeliveryToken {
    OffsetTracker::Slot* slot = nullptr;
    bool is_alert = false;
    prometheus::Counter* published = nullptr;
    std::string json;    // kept only when on_alert wants it
    rules::Alert alert;  // likewise
    std::string event_id;
    int64_t event_time_ms = 0;
    int64_t produced_ns = 0;  // steady clock, when handed to the producer: the delivery wait
    // Which input message it came from and, for an alert, what to say if the alert is refused.
    int32_t partition = -1;
    int64_t offset = -1;
    char alert_id[17] = {};
    std::string rule;
    size_t bytes = 0;
};

// What a refused alert's dead letter needs (at-least-once: the poller produces it).
struct RefusedAlert {
    OffsetTracker::Slot* slot = nullptr;  // holds one pending unit for this dead letter
    int32_t partition = -1;
    int64_t offset = -1;
    std::string detail;
};

enum class Produced { ok, refused, failed };

struct Worker {
    explicit Worker(size_t queue_capacity) : queue(queue_capacity) {}
    SpscQueue<WorkItem> queue;
    std::thread thread;
};

// The run's counts that no module probe owns yet (Pipeline::counters() reads them).
struct Tally {
    std::atomic<uint64_t> consumed{0}, processed{0}, dead_lettered{0}, alerts_produced{0}, alerts_acked{0},
        delivery_failures{0}, alerts_already_published{0}, redelivered_skipped{0}, lost_dropped{0},
        rebuilt_events{0}, rebuild_failures{0}, stale_dropped{0};
};

struct Pipeline::Impl {
    PipelineConfig config;
    analysis::Resources resources;
    telemetry::Metrics& metrics;
    Tally counters;

    std::mutex rules_mutex;  // guards `rules` for the rare reload; workers read the version atomically
    std::shared_ptr<const rules::RuleSet> rules;
    std::atomic<uint64_t> rules_version{1};

    std::unique_ptr<kafka::Consumer> consumer;
    std::unique_ptr<kafka::Producer> producer;
    std::vector<std::unique_ptr<Worker>> workers;
    PartitionProbe partition_probe;
    PartitionTable table;
    std::atomic<bool> workers_stop{false};
    std::atomic<bool> poller_stop{false};
    std::atomic<bool> discarding{false};  // exit: delivery reports only free their tokens
    std::thread poller;

    std::atomic<bool> failed{false};
    std::string failure;  // set once, before `failed`
    std::mutex failure_mutex;
    // Made with the consumer (they drive it): backpressure and the fetch-stall watch.
    std::unique_ptr<KafkaPartitionControl> control;
    std::unique_ptr<Backpressure> backpressure;
    FetchStallProbe stall_probe;
    std::unique_ptr<FetchStall> fetch_stall;
    // What /readyz reports (server thread) while no partition is assigned: the client's last error.
    mutable std::mutex liveness_mutex;
    std::string last_client_error;
    telemetry::StatsParser stats;           // the consumer's statistics: lag, broker states
    telemetry::StatsParser producer_stats;  // the producer's: queue depth, broker RTT
    // exactly-once
    std::atomic<bool> txn_abort_needed{false};  // a delivery in the open transaction failed
    bool txn_open = false;
    uint64_t rewinds = 0;
    std::chrono::steady_clock::time_point last_txn_commit = std::chrono::steady_clock::now();
    // Messages refused one by one (refuses_one_message). Rare: a mutex, and a flag so that the
    // workers look only when there is something to find.
    size_t message_max_bytes = 0;  // the producer's message.max.bytes: what outgoing messages fit
    std::mutex refused_mutex;
    std::unordered_set<uint64_t> refused_alerts;   // exactly-once: alert ids, dead-lettered on the redo
    std::unordered_set<uint64_t> refused_letters;  // exactly-once: letter_key()s, dropped on the redo
    std::atomic<bool> any_refused{false};
    std::vector<RefusedAlert> refused_pending;     // at-least-once: dead letters for the poller
    std::atomic<bool> refusal_reported[telemetry::kOutputCount] = {};

    Impl(PipelineConfig c, analysis::Resources r, std::shared_ptr<const rules::RuleSet> rs, telemetry::Metrics& m)
        : config(std::move(c)), resources(std::move(r)), metrics(m), rules(std::move(rs)),
          partition_probe(&m.partitions_assigned()),
          table({config.workers == 0 ? 1 : config.workers, config.max_inflight}, partition_probe),
          stall_probe(&m.fetch_restarts()),
          stats(m, telemetry::StatsParserOptions{config.input_topic, false}),
          producer_stats(m, telemetry::StatsParserOptions{"", true}) {}

    // auto.offset.reset as the user set it (herald's default is earliest).
    static bool resets_to_end(const PipelineConfig& c) {
        bool to_end = false;
        for (const auto& [key, value] : c.consumer_properties)
            if (key == "auto.offset.reset") to_end = value == "latest" || value == "end" || value == "largest";
        return to_end;
    }

    // run() joins its threads on every path; this is the backstop for a path that returns early,
    // where a joinable std::thread would abort the process instead of letting it exit with its
    // reason. The consumer goes first: closing it may call the rebalance callbacks, which touch
    // `table` and `workers`, destroyed after it in declaration order otherwise.
    ~Impl() {
        workers_stop.store(true, std::memory_order_release);
        for (auto& w : workers)
            if (w->thread.joinable()) {
                w->queue.wake();
                w->thread.join();
            }
        poller_stop.store(true, std::memory_order_release);
        if (poller.joinable()) poller.join();
        consumer.reset();
        discard_unacknowledged();
        producer.reset();
    }

    // Exit with messages still unacknowledged (the drain and the flush gave up): fails them here
    // and frees their tokens, which destroying the producer would leak (LeakSanitizer, then
    // SIGABRT instead of exit 1, in integration_exactly_once). Their events were not committed:
    // the next run redoes them. Only once the workers and the poller have stopped.
    void discard_unacknowledged() {
        if (!producer || producer->queue_length() == 0) return;
        discarding.store(true, std::memory_order_release);
        if (!producer->discard_outstanding(2000))
            std::fprintf(stderr, "herald: %zu message(s) could not be discarded at exit\n", producer->queue_length());
    }

    void fail(const std::string& why) {
        {
            std::lock_guard<std::mutex> lock(failure_mutex);
            if (failed.load()) return;
            failure = why;
        }
        failed.store(true, std::memory_order_release);
        std::fprintf(stderr, "herald: %s\n", why.c_str());
    }

    std::shared_ptr<const rules::RuleSet> current_rules() {
        std::lock_guard<std::mutex> lock(rules_mutex);
        return rules;
    }

    // ---- delivery thread -------------------------------------------------------------------
    void on_delivery(void* opaque, int err, std::string_view reason) {
        auto* token = static_cast<DeliveryToken*>(opaque);
        OffsetTracker::Slot* slot = token->slot;
        if (discarding.load(std::memory_order_acquire)) {  // exiting: see discard_unacknowledged
            slot->failed.store(true, std::memory_order_release);  // its input offset is not committed
            delete token;
            slot->release();
            return;
        }
        if (err != 0 && refuses_one_message(err)) {
            on_refused(token, reason);
            return;
        }
        if (err != 0 && config.exactly_once) {
            // Inside a transaction: abort it and redo the work from the last commit, no exit.
            // Purges are mostly the abort itself taking back what it had not sent (abort_and_rewind
            // clears the flag once they are all in), but librdkafka also purges the queue when
            // the transaction needs an epoch bump (after a refused message: OUT_OF_ORDER_SEQUENCE);
            // a failed slot with no abort coming would hold the partition forever.
            if (err != RD_KAFKA_RESP_ERR__PURGE_QUEUE && err != RD_KAFKA_RESP_ERR__PURGE_INFLIGHT) {
                metrics.alert_delivery_failures().Increment();
                counters.delivery_failures.fetch_add(1, std::memory_order_relaxed);
            }
            txn_abort_needed.store(true, std::memory_order_release);
            slot->failed.store(true, std::memory_order_release);
        } else if (err != 0) {
            // librdkafka already retried for message.timeout.ms: the alert is lost unless we stop
            // before committing its input offset, so the event is reprocessed after a restart.
            metrics.alert_delivery_failures().Increment();
            counters.delivery_failures.fetch_add(1, std::memory_order_relaxed);
            slot->failed.store(true, std::memory_order_release);
            fail(std::string(token->is_alert ? "alert" : "dead letter") + " delivery failed: " + std::string(reason) +
                 "; stopping without committing its input offset");
        } else if (token->is_alert) {
            double latency_from_event = static_cast<double>(core::now_ms() - slot->kafka_timestamp_ms) * 1e-3;
            if (slot->kafka_timestamp_ms >= 0) metrics.event_to_alert_latency().observe(latency_from_event);
            metrics.consume_to_alert_latency().observe(seconds_since(slot->received_ns));
            if (token->published) token->published->Increment();
            counters.alerts_acked.fetch_add(1, std::memory_order_relaxed);
            if (config.on_alert)
                config.on_alert(AlertNotice{token->json, token->alert, token->event_id, token->event_time_ms});
        }
        if (err == 0) metrics.wait(telemetry::Wait::delivery).observe(seconds_since(token->produced_ns));
        delete token;
        slot->release();  // last touch of the slot: the consumer thread may reuse it after this
    }

    // A message the producer or a broker refused by itself (delivery thread, or a worker for
    // produce()'s own refusal through note_refusal). Under exactly-once the transaction is redone
    // and the redo dead-letters (or drops) it; otherwise a refused alert's dead letter is queued
    // for the poller and a refused dead letter is dropped.
    void on_refused(DeliveryToken* token, std::string_view reason) {
        OffsetTracker::Slot* slot = token->slot;
        note_refusal(token->is_alert, reason);
        if (config.exactly_once) {
            uint64_t id = 0;
            {
                std::lock_guard<std::mutex> lock(refused_mutex);
                if (!token->is_alert) refused_letters.insert(letter_key(token->partition, token->offset));
                else if (parse_alert_id(std::string_view(token->alert_id, 16), id)) refused_alerts.insert(id);
                any_refused.store(true, std::memory_order_release);
            }
            txn_abort_needed.store(true, std::memory_order_release);
            slot->failed.store(true, std::memory_order_release);
        } else if (token->is_alert) {
            slot->add_pending(1);  // the dead letter's, handed to the poller
            std::lock_guard<std::mutex> lock(refused_mutex);
            refused_pending.push_back({slot, token->partition, token->offset, refusal_detail(*token, reason)});
        }
        delete token;
        slot->release();
    }

    void note_refusal(bool alert, std::string_view reason) {
        auto output = alert ? telemetry::Output::alerts : telemetry::Output::dead_letters;
        metrics.messages_refused(output).Increment();
        if (!refusal_reported[static_cast<size_t>(output)].exchange(true))  // once: no logging per event
            std::fprintf(stderr, "herald: the %s topic refused a message (%.*s); %s; herald_messages_refused_total "
                                 "counts them\n", alert ? "alerts" : "dead-letter", static_cast<int>(reason.size()),
                         reason.data(),
                         alert ? "its event is dead-lettered as alert_refused"
                               : "the dead letter is dropped (its event stays in the input topic)");
    }

    static std::string refusal_detail(const DeliveryToken& t, std::string_view reason) {
        return "alert " + std::string(t.alert_id, 16) + " of rule '" + t.rule + "' (" + std::to_string(t.bytes) +
               " bytes) was refused: " + std::string(reason);
    }

    bool refused_before(bool alert, uint64_t key) {
        if (!any_refused.load(std::memory_order_acquire)) return false;
        std::lock_guard<std::mutex> lock(refused_mutex);
        return alert ? refused_alerts.count(key) > 0 : refused_letters.count(key) > 0;
    }

    // Poller thread: produces the dead letters of refused alerts (at-least-once). A full queue
    // leaves the rest for the next round: this thread is the one that drains it.
    void produce_refused(output::DeadLetterBuilder& dl) {
        std::vector<RefusedAlert> pending_refusals;
        {
            std::lock_guard<std::mutex> lock(refused_mutex);
            if (refused_pending.empty()) return;
            pending_refusals.swap(refused_pending);
        }
        size_t i = 0;
        for (; i < pending_refusals.size(); ++i) {
            RefusedAlert& r = pending_refusals[i];
            dl.build({config.input_topic, r.partition, r.offset, {}, {}, false, nullptr, 0, kAlertRefused, r.detail});
            auto* token = new DeliveryToken{r.slot, false, nullptr, {}, {}, {}, 0};
            token->partition = r.partition;
            token->offset = r.offset;
            token->produced_ns = steady_ns();
            int err = producer->produce(config.dlq_topic, -1, dl.key(), std::string_view{}, dl.headers().data(),
                                        dl.headers().size(), 0, token);
            if (err == kQueueFull) {
                delete token;
                break;
            }
            if (err != 0) {  // refused as well: dropped (nothing else to do with it)
                delete token;
                note_refusal(false, kafka_error_name(err));
                r.slot->release();
                continue;
            }
            count_dead_letter(kAlertRefused, dl.truncated());
        }
        if (i < pending_refusals.size()) {
            std::lock_guard<std::mutex> lock(refused_mutex);
            auto rest = pending_refusals.begin() + static_cast<std::ptrdiff_t>(i);
            refused_pending.insert(refused_pending.begin(), std::make_move_iterator(rest),
                                   std::make_move_iterator(pending_refusals.end()));
        }
    }

    void count_dead_letter(std::string_view code, bool truncated) {
        metrics.dead_lettered(code).Increment();
        counters.dead_lettered.fetch_add(1, std::memory_order_relaxed);
        if (truncated) metrics.messages_truncated(telemetry::Output::dead_letters).Increment();
    }

    // ---- worker threads --------------------------------------------------------------------
    // Enqueues one message on the producer, waiting (not dropping) while its queue is full.
    // refused: the producer refused this one message; its hold on the slot is given back and the
    // token stays the caller's (to say what was refused). Otherwise the token is the producer's.
    Produced produce(const std::string& topic, std::string_view key, std::string_view value,
                     const kafka::Header* headers, size_t n_headers, int64_t timestamp_ms, DeliveryToken* token) {
        token->slot->add_pending(1);
        token->produced_ns = steady_ns();
        for (;;) {
            int err = producer->produce(topic, -1, key, value, headers, n_headers, timestamp_ms, token);
            if (err == 0) return Produced::ok;
            if (err == kQueueFull) {
                std::this_thread::sleep_for(std::chrono::milliseconds(1));  // the poller drains the queue
                continue;
            }
            if (refuses_one_message(err)) {
                note_refusal(token->is_alert, kafka_error_name(err));
                token->slot->release();
                return Produced::refused;
            }
            token->slot->failed.store(true, std::memory_order_release);
            token->slot->release();
            std::string reason;
            if (config.exactly_once && producer->fatal_error(reason) == 0) {
                txn_abort_needed.store(true, std::memory_order_release);  // the transaction is in error: redo it
            } else {
                fail("cannot enqueue a message for topic '" + topic + "': " + kafka_error_name(err));
            }
            delete token;
            return Produced::failed;
        }
    }

    // Dead-letters one input message (worker). A dead letter refused by itself is dropped.
    void dead_letter(output::DeadLetterBuilder& dl, const output::DeadLetterInput& in, OffsetTracker::Slot* slot,
                     int64_t timestamp_ms) {
        if (config.exactly_once && refused_before(false, letter_key(in.partition, in.offset))) return;
        dl.build(in);
        auto* token = new DeliveryToken{slot, false, nullptr, {}, {}, {}, 0};
        token->partition = in.partition;
        token->offset = in.offset;
        // No value (data() null) makes a null message value, as Kafka has for tombstones.
        std::string_view value = dl.has_value() ? dl.value() : std::string_view{};
        Produced r = produce(config.dlq_topic, dl.key(), value, dl.headers().data(), dl.headers().size(),
                             timestamp_ms, token);
        if (r == Produced::ok) count_dead_letter(in.code, dl.truncated());
        if (r == Produced::refused) delete token;  // dropped: its event stays in the input topic
    }

    // One worker's reused buffers.
    struct Scratch {
        std::vector<rules::Alert> alerts;
        std::string json, detail, key, rule;
        std::vector<kafka::Header> headers;
    };

    void work(size_t index) {
        EventProcessor proc(resources, config.max_event_bytes, message_max_bytes);
        proc.set_event_time_policy(config.max_future_skew_ms);
        proc.set_metrics(&metrics);
        output::DeadLetterBuilder dl(message_max_bytes, config.max_event_bytes);
        Scratch scratch;
        Worker& self = *workers[index];
        WorkItem item;
        while (self.queue.pop_wait(item, workers_stop)) {
            if (item.rebuild_until >= 0) rebuild(proc, *item.partition, item.rebuild_until, scratch.alerts, scratch.detail);
            else process(proc, dl, item, scratch);
            item = WorkItem{};  // destroys the Kafka message now, not at the next pop
        }
    }

    // Workers pick a reloaded rule set up before their next event (state carries over by rule id).
    void sync_rules(PartitionState& ps) {
        uint64_t version = rules_version.load(std::memory_order_acquire);
        if (version != ps.rules_version) {
            ps.engine.set_rules(current_rules());
            ps.rules_version = version;
        }
    }

    // Runs on the partition's worker before its first live event (the queue keeps the order), so
    // the state is complete when live events arrive; other partitions keep flowing meanwhile.
    void rebuild(EventProcessor& proc, PartitionState& ps, int64_t committed, std::vector<rules::Alert>& alerts,
                 std::string& detail) {
        // Alerts produced here for events it will replay, maybe not on the alerts topic yet.
        // (Under transactions they were aborted with their transaction: nothing to skip.)
        if (!config.exactly_once && ps.produced)
            ps.produced->since(committed, [&ps](uint64_t id) { ps.published.insert(id); });
        sync_rules(ps);
        int64_t span = config.rebuild_span_ms >= 0 ? config.rebuild_span_ms : 2 * ps.engine.rules()->max_window_ms();
        if (span <= 0 || committed <= 0) {
            ps.history = PartitionAlertHistory{};
            ps.rebuilding.store(false, std::memory_order_release);
            return;
        }
        // Short fetch waits: the rebuild reads single messages while probing for its start.
        kafka::Properties props{{"fetch.wait.max.ms", "10"}};
        props.insert(props.end(), config.consumer_properties.begin(), config.consumer_properties.end());
        StateRebuildOptions o{config.brokers, props, config.input_topic, ps.partition,
                              committed, span, config.rebuild_max_events, 60000};
        // A stop ends it too: with the brokers down it would otherwise hold the worker, and the
        // stop, until its own deadline.
        o.cancelled = [this, &ps] {
            return ps.leaving.load(std::memory_order_relaxed) || workers_stop.load(std::memory_order_acquire);
        };
        StateRebuildReport report;
        std::string error;
        auto t0 = std::chrono::steady_clock::now();
        ps.engine.set_suppressed(true);
        bool ok = rebuild_partition_state(
            o,
            [&](const kafka::Message& m) {
                if (ps.leaving.load(std::memory_order_relaxed)) return false;
                ps.engine.set_fired_history(ps.have_history && m.offset() >= ps.history.complete_from
                                                ? &ps.history.ids
                                                : nullptr);
                EventSource source{m.topic(), m.partition(), m.offset(), m.timestamp_ms()};
                if (m.is_null() || proc.parse(m.payload(), source, detail) != parse::ErrorCode::none) return true;
                proc.analyze();
                alerts.clear();
                proc.evaluate(ps.engine, alerts);
                return true;
            },
            report, error);
        ps.engine.set_suppressed(false);
        ps.engine.set_fired_history(nullptr);
        ps.history = PartitionAlertHistory{};
        const int32_t partition = ps.partition;
        const bool stopped = !ok && workers_stop.load(std::memory_order_acquire);
        const bool leaving = ps.leaving.load(std::memory_order_acquire);
        // Cancelled by the stop: its queued events come after the final commit, and without the
        // state they could raise alerts the complete state would not. Drop them; the next run
        // redoes them.
        if (stopped) ps.lost.store(true, std::memory_order_release);
        ps.rebuilding.store(false, std::memory_order_release);  // last touch when the partition is leaving
        counters.rebuilt_events.fetch_add(static_cast<uint64_t>(report.events), std::memory_order_relaxed);
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        if (stopped) {
            std::fprintf(stderr, "herald: partition %d: rule state rebuild cancelled by the stop; its queued events "
                                 "are left to the next run\n", partition);
        } else if (!ok && !leaving) {
            counters.rebuild_failures.fetch_add(1, std::memory_order_relaxed);
            std::fprintf(stderr, "herald: partition %d: rule state rebuild incomplete (%s); windowed rules start "
                                 "from what was read\n", partition, error.c_str());
        } else if (ok && report.events > 0) {
            std::fprintf(stderr, "herald: partition %d: rule state rebuilt from %lld events [%lld, %lld) in %.0f ms%s\n",
                         partition, static_cast<long long>(report.events), static_cast<long long>(report.from),
                         static_cast<long long>(report.to), ms,
                         report.capped ? " (capped by --rebuild-max-events)" : "");
        }
    }

    void process(EventProcessor& proc, output::DeadLetterBuilder& dl, WorkItem& item, Scratch& sc) {
        const kafka::Message& msg = item.message;
        PartitionState& ps = *item.partition;
        OffsetTracker::Slot* slot = item.slot;
        std::string& detail = sc.detail;
        EventSource source{msg.topic(), msg.partition(), msg.offset(), msg.timestamp_ms()};
        if (ps.lost.load(std::memory_order_acquire)) {
            counters.lost_dropped.fetch_add(1, std::memory_order_relaxed);
            slot->release();
            return;
        }
        if (config.pass_through) {  // the I/O ceiling: consume and commit, nothing else
            metrics.events_processed().Increment();
            counters.processed.fetch_add(1, std::memory_order_relaxed);
            slot->release();
            return;
        }
        int64_t t0 = steady_ns();
        metrics.wait(telemetry::Wait::queue).observe(static_cast<double>(t0 - slot->received_ns) * 1e-9);

        parse::ErrorCode code = msg.is_null() ? parse::ErrorCode::empty : proc.parse(msg.payload(), source, detail);
        if (msg.is_null()) detail = "null message value (tombstone)";
        int64_t t1 = steady_ns();
        metrics.stage(telemetry::Stage::parse).observe(static_cast<double>(t1 - t0) * 1e-9);

        const int64_t timestamp_ms = msg.timestamp_ms() > 0 ? msg.timestamp_ms() : 0;
        if (code != parse::ErrorCode::none) {
            // The original key, value and headers travel with the dead letter, bounded to what the
            // producer accepts (output::DeadLetterBuilder); the full message stays in the input topic.
            sc.headers.clear();
            kafka::Header h;
            for (size_t i = 0; i < msg.header_count(); ++i)
                if (msg.header_at(i, h)) sc.headers.push_back(h);
            dead_letter(dl, {msg.topic(), msg.partition(), msg.offset(), msg.key(), msg.payload(), !msg.is_null(),
                             sc.headers.data(), sc.headers.size(), parse::error_code_name(code), detail},
                        slot, timestamp_ms);
        } else {
            proc.analyze();
            int64_t t2 = steady_ns();
            metrics.stage(telemetry::Stage::analyze).observe(static_cast<double>(t2 - t1) * 1e-9);

            // Tickers come from events: only the alias table's get a series (docs/metrics-reference.md).
            for (const auto& e : proc.result().entities) {
                if (e.ticker.empty()) continue;
                if (!resources.aliases->knows_ticker(e.ticker)) {
                    metrics.entity_sentiment_untracked().Increment();
                } else if (prometheus::Gauge* g = metrics.entity_sentiment(e.ticker)) {
                    g->Set(e.sentiment.score);
                }
            }

            sync_rules(ps);
            sc.alerts.clear();
            proc.evaluate(ps.engine, sc.alerts);
            int64_t t3 = steady_ns();
            metrics.stage(telemetry::Stage::rules).observe(static_cast<double>(t3 - t2) * 1e-9);

            for (const rules::Alert& alert : sc.alerts) {
                if (ps.lost.load(std::memory_order_acquire)) break;  // the new owner publishes them
                uint64_t id_value = 0;
                const bool have_id = parse_alert_id(std::string_view(alert.alert_id, 16), id_value);
                if (have_id && !ps.published.empty() && ps.published.count(id_value)) {
                    counters.alerts_already_published.fetch_add(1, std::memory_order_relaxed);
                    continue;  // published before a crash or a rebalance: do not repeat it
                }
                if (proc.alert_json(alert, source, core::now_ms(), sc.json))
                    metrics.messages_truncated(telemetry::Output::alerts).Increment();
                auto* token = new DeliveryToken{slot, true, &metrics.alert_published(alert.rule_id, alert.severity),
                                                {}, {}, {}, 0};
                token->partition = msg.partition();
                token->offset = msg.offset();
                std::copy(alert.alert_id, alert.alert_id + 17, token->alert_id);
                token->rule = proc.alert_rule(alert, sc.rule);
                token->bytes = sc.json.size();
                if (config.exactly_once && have_id && refused_before(true, id_value)) {
                    // Refused in an aborted transaction: this redo dead-letters it instead.
                    refuse_alert(dl, *token, "refused by the broker in an earlier attempt", slot, timestamp_ms);
                    delete token;
                    continue;
                }
                if (config.on_alert) {
                    token->json = sc.json;
                    token->alert = alert;
                    token->event_id = proc.event().id;
                    token->event_time_ms = proc.event_time_ms();
                }
                kafka::Header headers[] = {{"herald-alert-id", std::string_view(alert.alert_id, 16)},
                                           {"herald-rule", token->rule}};
                counters.alerts_produced.fetch_add(1, std::memory_order_relaxed);
                Produced r = produce(config.alerts_topic, proc.alert_key(alert, sc.key), sc.json,
                                     headers, std::size(headers), 0, token);
                if (r == Produced::failed) break;
                if (r == Produced::refused) {
                    refuse_alert(dl, *token, "refused by the producer", slot, timestamp_ms);
                    delete token;
                    continue;
                }
                if (!config.exactly_once && ps.produced && have_id) ps.produced->add(msg.offset(), id_value);
            }
            if (!sc.alerts.empty())
                metrics.stage(telemetry::Stage::publish).observe(static_cast<double>(steady_ns() - t3) * 1e-9);
        }
        metrics.events_processed().Increment();
        counters.processed.fetch_add(1, std::memory_order_relaxed);
        slot->release();  // last touch of slot and partition state
    }

    // Dead-letters the event of an alert that cannot be produced (worker): code alert_refused, no
    // key or value, the headers say which alert and where its event is.
    void refuse_alert(output::DeadLetterBuilder& dl, const DeliveryToken& alert, std::string_view reason,
                      OffsetTracker::Slot* slot, int64_t timestamp_ms) {
        const std::string detail = refusal_detail(alert, reason);
        dead_letter(dl, {config.input_topic, alert.partition, alert.offset, {}, {}, false, nullptr, 0, kAlertRefused,
                         detail},
                    slot, timestamp_ms);
    }

    // ---- consumer thread -------------------------------------------------------------------
    // Stores the committable offset of every partition whose done work moved forward.
    void store_done_offsets() {
        // Under transactions offsets travel with the transaction (commit_transaction).
        if (config.exactly_once) table.store_done([](int32_t, int64_t) {});
        else table.store_done([this](int32_t p, int64_t next) { consumer->store_offset(config.input_topic, p, next); });
    }

    // Waits until the given partitions (all when empty) have no unacknowledged work, or the
    // deadline passes, or a delivery failed. Returns true when fully drained.
    bool drain(const std::vector<int32_t>& which, int64_t timeout_ms) {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
        for (;;) {
            store_done_offsets();
            if (!table.busy(which)) return true;
            if (std::chrono::steady_clock::now() > deadline) return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }

    void on_assigned(const std::vector<kafka::TopicPartition>& tps) {
        // Alerts of partitions given up earlier may still be on their way to the broker: give them
        // a moment to land, so the duplicate check below reads them from the alerts topic.
        auto settle = std::chrono::steady_clock::now() + std::chrono::milliseconds(kRetiredSettleMs);
        for (table.reap_retired(); table.has_retired() && std::chrono::steady_clock::now() < settle;
             table.reap_retired())
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        auto rs = current_rules();
        uint64_t version = rules_version.load();
        std::map<int32_t, int64_t> committed;
        for (const auto& tp : tps) {
            if (tp.topic != config.input_topic || tp.partition < 0) continue;
            if (!table.take(tp.partition, tp.offset, rs, version, steady_ns())) continue;  // already ours
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

    // The alerts already published for the new partitions: not published again, and followed by
    // the rebuild (alert_tail.hpp).
    void read_alerts_tail(const std::map<int32_t, int64_t>& committed) {
        AlertTailOptions tail{config.brokers, config.consumer_properties, config.alerts_topic, config.input_topic,
                              config.dedup_lookback_messages, 30000};
        PublishedAlertIds ids;
        AlertHistory history;
        std::string error;
        if (!read_published_alerts_within(tail, committed, ids, error, &history)) {
            std::fprintf(stderr, "herald: cannot read the alerts tail (%s); alerts of reprocessed events may be "
                                 "published twice\n", error.c_str());
            return;
        }
        for (auto& [p, h] : history) {
            table.find(p)->history = std::move(h);
            table.find(p)->have_history = true;
        }
        // Under transactions an alert at or after the committed offset was aborted (a real
        // Kafka hides it; the embedded broker does not): nothing to skip.
        if (!config.exactly_once)
            for (auto& [p, set] : ids) table.find(p)->published = std::move(set);
    }

    // Orders the partition's worker to rebuild its rule state from the history before `committed`
    // ahead of the partition's first live event (the worker's queue keeps the order).
    void queue_rebuild(PartitionState& ps, int64_t committed) {
        if (committed < 0) committed = 0;  // no commit yet: everything is replayed
        ps.rebuilding.store(true, std::memory_order_release);
        WorkItem item{kafka::Message{}, &ps, nullptr, committed};
        Worker& w = *workers[ps.worker];
        while (!w.queue.try_push(std::move(item))) std::this_thread::sleep_for(std::chrono::microseconds(200));
    }

    void on_revoking(const std::vector<kafka::TopicPartition>& tps) {
        std::vector<int32_t> which;
        for (const auto& tp : tps)
            if (tp.topic == config.input_topic) which.push_back(tp.partition);
        if (which.empty()) return;
        // Under transactions the revoked partitions' done work is committed with everything else
        // in the open transaction before they go.
        if (config.exactly_once) commit_transaction();
        for (int32_t p : which)
            if (PartitionState* ps = table.find(p)) ps->leaving.store(true, std::memory_order_release);
        if (!drain(which, config.drain_timeout_ms))
            std::fprintf(stderr, "herald: revoked partitions still had unacknowledged work after %lld ms; "
                                 "their uncommitted events will be reprocessed by the next owner\n",
                         static_cast<long long>(config.drain_timeout_ms));
        store_done_offsets();
        for (int32_t p : which) retire(p);
    }

    // The partition is no longer ours: its state is freed, or parked until workers and delivery
    // reports let go of it (its remaining work is dropped: the next owner redoes it).
    void retire(int32_t p) {
        fetch_stall->forget(p);
        table.retire(p);
    }

    // Another member owns these partitions now: drop their queued work (the new owner reprocesses
    // it from the committed offset) instead of publishing alerts it will publish too.
    void on_lost(const std::vector<kafka::TopicPartition>& tps) {
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
        std::fprintf(stderr, "herald: the group took %zu partition(s) away (session or poll timeout); their "
                             "queued events are left to the new owner\n", which.size());
        if (config.exactly_once) {
            // The open transaction holds their alerts: abort it, keep the other partitions by rewinding.
            abort_and_rewind("partitions were lost", which);
            return;
        }
        // No waiting: alerts still queued for a broker that is away may take long to resolve.
        for (int32_t p : which) retire(p);
    }

    // ---- exactly-once (consumer thread) -----------------------------------------------------
    // Quiesces the pipeline (no message may be produced while a transaction commits), then commits
    // the alerts and dead letters produced so far together with the input offsets they cover.
    bool commit_transaction() {
        if (!config.exactly_once || !txn_open) return true;
        last_txn_commit = std::chrono::steady_clock::now();
        bool drained = drain({}, config.drain_timeout_ms);
        if (txn_abort_needed.load(std::memory_order_acquire)) {
            abort_and_rewind("a message of the transaction could not be delivered", {});
            return false;
        }
        if (!drained) {
            abort_and_rewind("in-flight work did not finish within --drain-timeout", {});
            return false;
        }
        std::vector<kafka::TopicPartition> offsets;
        for (PartitionState* ps : table.owned())
            if (!ps->lost.load() && ps->stored >= 0 && ps->stored > ps->txn_committed)
                offsets.push_back({config.input_topic, ps->partition, ps->stored, 0});
        if (offsets.empty()) return true;  // nothing new: keep the transaction open
        std::string err;
        bool ok = false;
        for (int attempt = 0; attempt < 3 && !ok; ++attempt) {
            ok = producer->send_offsets_to_transaction(*consumer, offsets, 30000, err) &&
                 producer->commit_transaction(60000, err);
            if (!ok && producer->last_txn_error() != kafka::Producer::TxnError::retriable) break;
        }
        if (!ok) {
            if (producer->last_txn_error() == kafka::Producer::TxnError::fatal) {
                txn_open = false;
                fail("transaction commit failed fatally (" + err + "); the producer may have been fenced");
                return false;
            }
            abort_and_rewind("transaction commit failed: " + err, {});
            return false;
        }
        metrics.transactions("commit").Increment();
        for (const auto& tp : offsets)
            if (PartitionState* ps = table.find(tp.partition)) ps->txn_committed = tp.offset;
        return begin_transaction();
    }

    bool begin_transaction() {
        std::string err;
        txn_open = producer->begin_transaction(err);
        if (!txn_open) fail("cannot begin a Kafka transaction: " + err);
        return txn_open;
    }

    // Waits until the work of every partition state (retired ones too) has stopped: queued events
    // dropped (the states are marked lost), rebuilds cancelled (leaving), and every message handed
    // to the producer reported. Each round purges the producer's queue, so a message a worker was
    // still handing over is failed too; the poller serves the reports. False at the deadline.
    bool quiesce(int64_t timeout_ms) {
        const core::Deadline deadline(timeout_ms);
        for (;;) {
            producer->purge_outstanding();
            if (table.settled()) return true;
            if (deadline.expired()) return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    }

    // Aborts the open transaction (readers with read_committed never see its messages), throws
    // the partitions' state away and re-reads from the last committed offsets, rebuilding rule
    // state first. `dropping`: partitions that are going away and are not re-read.
    void abort_and_rewind(const std::string& why, const std::vector<int32_t>& dropping) {
        std::fprintf(stderr, "herald: aborting the transaction (%s); re-reading from the last committed offsets\n",
                     why.c_str());
        for (PartitionState* ps : table.owned()) {
            ps->lost.store(true, std::memory_order_release);  // workers drop what is queued
            ps->leaving.store(true, std::memory_order_release);
        }
        // Quiet first, abort after: librdkafka checks the transaction state when a produce call
        // begins but queues the message at its end, so a worker still inside the call when the
        // abort's purge ran queues its message after it: outside any transaction, never sent nor
        // reported until message.timeout.ms, holding its event's slot (integration_exactly_once
        // under ASan: the rewind gave up after --drain-timeout, integration_exactly_once_abort_race).
        if (!quiesce(config.drain_timeout_ms)) {
            fail("work of an aborted transaction did not stop within --drain-timeout (a worker or a partition's "
                 "rule state rebuild is stuck)");
            return;
        }
        std::string err;
        if (txn_open) {
            bool aborted = false;
            for (int attempt = 0; attempt < 5 && !aborted; ++attempt) {
                aborted = producer->abort_transaction(5000, err);
                if (!aborted && producer->last_txn_error() != kafka::Producer::TxnError::retriable) break;
            }
            if (!aborted) {
                txn_open = false;
                fail("cannot abort the Kafka transaction: " + err);
                return;
            }
        }
        txn_open = false;
        metrics.transactions("abort").Increment();
        txn_abort_needed.store(false, std::memory_order_release);
        ++rewinds;
        auto rs = current_rules();
        uint64_t version = rules_version.load();
        std::vector<kafka::TopicPartition> seeks;
        for (PartitionState* old : table.owned()) {
            const int32_t p = old->partition;
            fetch_stall->forget(p);
            if (std::find(dropping.begin(), dropping.end(), p) != dropping.end()) {
                table.drop(p);  // settled by the quiesce
                continue;
            }
            PartitionState& fresh = table.renew(*old, rs, version, rewinds, steady_ns());
            const int64_t at = fresh.txn_committed;
            if (at < 0) continue;  // nothing was dispatched yet: its position never moved
            seeks.push_back({config.input_topic, p, at, 0});
            if (config.rebuild_span_ms != 0) queue_rebuild(fresh, at);
        }
        if (!seeks.empty() && !consumer->seek(seeks, 10000, err)) {
            fail("cannot rewind after an aborted transaction: " + err);
            return;
        }
        begin_transaction();
    }

    // Why no partition is assigned, naming what the brokers and the group are doing.
    std::string unassigned_reason() const {
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

    // ---- the consumer loop ------------------------------------------------------------------
    // Polls and dispatches until `stop`, a limit or a failure.
    void consume(const std::atomic<bool>& stop) {
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

    // One round: backpressure, the delivery mode's upkeep, the fetch watch, one poll. False when
    // the loop must end (a failure or the --events limit).
    bool poll_once(std::vector<kafka::Message>& batch, const std::atomic<bool>& stop, int64_t& dispatched) {
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
        std::vector<int32_t> owned;
        for (const PartitionState* ps : table.owned()) owned.push_back(ps->partition);
        bool changed = false;
        const size_t inflight = backpressure->regulate(table.in_flight(), settle, keep_waiting, owned, changed);
        // Paused by herald, its partitions fetch nothing on purpose: that wait is not a stall.
        if (changed) fetch_stall->reset();
        if (config.exactly_once) {
            if (txn_abort_needed.load(std::memory_order_acquire))
                abort_and_rewind("a message of the transaction could not be delivered", {});
            else if (std::chrono::steady_clock::now() - last_txn_commit >=
                     std::chrono::milliseconds(config.transaction_interval_ms))
                commit_transaction();
            if (failed.load(std::memory_order_acquire)) return false;
        }
        const bool paused = backpressure->paused();
        if (!paused) fetch_stall->check([this] { return fetch_observations(); }, steady_ns());
        batch.clear();
        const size_t want = std::min(config.batch_size, std::max<size_t>(backpressure->room(inflight), 1));
        const uint64_t fetched_in = rewinds;  // a rewind inside this poll makes the batch stale
        consumer->consume_batch(batch, want, paused ? 10 : 100);
        const bool limit_reached = dispatch(batch, fetched_in, dispatched);
        store_done_offsets();
        return !limit_reached;
    }

    std::vector<FetchObservation> fetch_observations() const {
        std::vector<FetchObservation> owned;
        for (const PartitionState* ps : table.owned())
            if (!ps->lost.load(std::memory_order_relaxed) && !ps->leaving.load(std::memory_order_relaxed))
                owned.push_back({ps->partition, ps->next_offset, ps->last_message_ns, -1, -1});
        return owned;
    }

    // Hands each message to its partition's worker, in order. True when the --events limit is reached.
    bool dispatch(std::vector<kafka::Message>& batch, uint64_t fetched_in, int64_t& dispatched) {
        const int64_t received = steady_ns();
        for (kafka::Message& msg : batch) {
            if (msg.error() != 0) continue;  // reported through on_error
            PartitionState* ps = table.find(msg.partition());
            if (!ps) continue;  // not ours any more: the new owner re-reads it from the committed offset
            if (ps->born_in_rewind > fetched_in) continue;  // fetched before a rewind: comes again
            if (msg.offset() < ps->next_offset) {
                counters.redelivered_skipped.fetch_add(1, std::memory_order_relaxed);
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
            metrics.events_consumed().Increment();
            counters.consumed.fetch_add(1, std::memory_order_relaxed);
            WorkItem item{std::move(msg), ps, slot};
            Worker& w = *workers[ps->worker];
            while (!w.queue.try_push(std::move(item))) std::this_thread::sleep_for(std::chrono::microseconds(200));
            if (config.stop_after_events > 0 && ++dispatched >= config.stop_after_events) return true;
        }
        return false;
    }

    int run(const std::atomic<bool>& stop);
};

int Pipeline::Impl::run(const std::atomic<bool>& stop) {
    std::string err;
    kafka::Producer::Options popts;
    popts.brokers = config.brokers;
    // Room for an event of max-event-bytes plus JSON and headers; the user's properties win.
    // Alerts are few and latency counts: send at once (linger 0; librdkafka still batches under load).
    // Its statistics give herald_broker_rtt_seconds: its requests, unlike the consumer's fetches,
    // are not held by the broker for fetch.wait.max.ms.
    std::string size_error;
    message_max_bytes = output::message_max_bytes(config.producer_properties, config.max_event_bytes, size_error);
    if (message_max_bytes == 0) {
        std::fprintf(stderr, "herald: --kafka/--producer %s\n", size_error.c_str());
        return 2;
    }
    popts.extra = {{"message.max.bytes", std::to_string(output::default_message_max_bytes(config.max_event_bytes))},
                   {"linger.ms", "0"},
                   {"statistics.interval.ms", "5000"}};
    popts.extra.insert(popts.extra.end(), config.producer_properties.begin(), config.producer_properties.end());
    if (config.exactly_once) {
        popts.transactional_id = config.transactional_id;
        if (popts.transactional_id.empty()) {
            char host[256] = "host";
            gethostname(host, sizeof host - 1);
            popts.transactional_id = "herald-" + config.group + "-" + host + "-" + std::to_string(getpid());
        }
    }
    popts.on_stats = [this](std::string_view json) {
        std::string stats_error;
        producer_stats.update(json, stats_error);  // a malformed report only skips one gauge refresh
    };
    producer = kafka::Producer::create(
        popts,
        [this](void* opaque, int e, std::string_view reason, int32_t, int64_t) { on_delivery(opaque, e, reason); },
        err);
    if (!producer) {
        std::fprintf(stderr, "herald: cannot create the Kafka producer: %s\n", err.c_str());
        return 2;
    }
    if (config.exactly_once && !producer->init_transactions(30000, err)) {
        std::fprintf(stderr, "herald: cannot start transactions (delivery: exactly-once): %s\n", err.c_str());
        return 2;
    }
    // Learn the output topics now: the first alert after start would otherwise wait about a
    // second for librdkafka to look its topic up. Not fatal: the producer retries on first use.
    if (!producer->learn_topics({config.alerts_topic, config.dlq_topic}, 5000, err))
        std::fprintf(stderr, "herald: warning: %s; the first messages to it wait until the brokers know it\n",
                     err.c_str());

    kafka::Consumer::Options copts;
    copts.brokers = config.brokers;
    copts.group = config.group;
    copts.exit_after_close = config.exit_after_run;
    // Statistics feed the consumer lag gauges and /readyz; the user's properties come after and win.
    // Cooperative rebalancing lets a revoked partition's done work be committed even while other
    // members join (and keeps the others' partitions running during a rebalance).
    // librdkafka's prefetch queue stays at its default (64 MB): 16 MB halved throughput on the
    // embedded broker (bench/e2e). One fetch response may add its whole size on top, and its buffer
    // lives until the last of its messages is done: 8 MB instead of 50 MB per fetch cut peak RSS
    // from ~210 to ~160 MB at the same throughput.
    copts.extra = {{"statistics.interval.ms", "5000"},
                   {"partition.assignment.strategy", "cooperative-sticky"},
                   {"fetch.max.bytes", "8388608"}};
    copts.extra.insert(copts.extra.end(), config.consumer_properties.begin(), config.consumer_properties.end());
    // Transactions carry the offsets; a background commit would move them outside one.
    if (config.exactly_once) copts.extra.push_back({"enable.auto.commit", "false"});
    kafka::Consumer::Callbacks callbacks;
    callbacks.on_assigned = [this](const std::vector<kafka::TopicPartition>& tps) { on_assigned(tps); };
    callbacks.on_revoking = [this](const std::vector<kafka::TopicPartition>& tps) { on_revoking(tps); };
    callbacks.on_lost = [this](const std::vector<kafka::TopicPartition>& tps) { on_lost(tps); };
    callbacks.on_error = [this](int, const std::string& reason, bool fatal) {
        if (fatal) fail("fatal Kafka consumer error: " + reason);
        std::lock_guard<std::mutex> lock(liveness_mutex);
        last_client_error = reason;
    };
    callbacks.on_stats = [this](std::string_view json) {
        std::string stats_error;
        stats.update(json, stats_error);  // a malformed report only skips one gauge refresh
    };
    consumer = kafka::Consumer::create(copts, callbacks, err);
    if (!consumer) {
        std::fprintf(stderr, "herald: cannot create the Kafka consumer: %s\n", err.c_str());
        return 2;
    }
    control = std::make_unique<KafkaPartitionControl>(*consumer);
    backpressure = std::make_unique<Backpressure>(
        Backpressure::Options{config.input_topic, config.max_inflight},
        *control, BackpressureProbe{&metrics.inflight_events(), &metrics.consumer_paused()});
    fetch_stall = std::make_unique<FetchStall>(
        FetchStall::Options{config.input_topic, {config.fetch_stall_ms, kMaxStallRestarts, resets_to_end(config)}},
        *control, stall_probe, [this](const std::string& why) { fail(why); });
    if (!consumer->subscribe({config.input_topic}, err)) {
        std::fprintf(stderr, "herald: cannot subscribe to '%s': %s\n", config.input_topic.c_str(), err.c_str());
        return 2;
    }

    // Before any thread starts: a failure here returns with nothing to stop.
    if (config.exactly_once && !begin_transaction()) return 1;
    size_t n_workers = config.workers == 0 ? 1 : config.workers;
    size_t queue_capacity = config.max_inflight + config.batch_size;
    for (size_t i = 0; i < n_workers; ++i) workers.push_back(std::make_unique<Worker>(queue_capacity));
    for (size_t i = 0; i < n_workers; ++i) workers[i]->thread = std::thread([this, i] { work(i); });
    poller = std::thread([this] {
        output::DeadLetterBuilder dl(message_max_bytes, config.max_event_bytes);
        while (!poller_stop.load(std::memory_order_acquire)) {
            producer->poll(50);
            produce_refused(dl);
            metrics.producer_queue_messages().Set(static_cast<double>(producer->queue_length()));
            std::string reason;
            if (producer->fatal_error(reason) != 0) fail("fatal Kafka producer error: " + reason);
        }
    });

    consume(stop);

    // Stop: finish what was dispatched, acknowledge, commit, leave the group, all within one
    // --drain-timeout (what the orchestrator's grace period is sized by), brokers or not.
    const core::Deadline stop_deadline(config.drain_timeout_ms);
    bool drained = drain({}, config.drain_timeout_ms);
    store_done_offsets();
    if (config.exactly_once && !failed.load()) {
        commit_transaction();
        if (txn_open) {
            std::string txn_err;
            producer->abort_transaction(30000, txn_err);  // the empty follow-up transaction
            txn_open = false;
        }
    }
    auto budget_left_ms = [&stop_deadline] { return stop_deadline.left_ms(); };
    // Committing needs the group's coordinator: without brokers librdkafka would wait about a
    // session timeout. Past the budget, a couple of seconds more, then the restart redoes the rest.
    if (!consumer->commit_sync(err, std::max(budget_left_ms(), 2000)))
        std::fprintf(stderr, "herald: final offset commit failed: %s\n", err.c_str());
    workers_stop.store(true, std::memory_order_release);
    for (auto& w : workers) w->queue.wake();
    for (auto& w : workers) w->thread.join();
    // Drained means every alert was acknowledged: flushing is then instant; if not, the drain
    // already spent the budget waiting for the same acknowledgements.
    if (!producer->flush(budget_left_ms()))
        std::fprintf(stderr, "herald: messages still unacknowledged at exit\n");
    poller_stop.store(true);
    poller.join();
    discard_unacknowledged();
    store_done_offsets();
    // Leaving the group needs the coordinator too: past the budget, a couple of seconds, then go.
    if (!consumer->close(std::max(budget_left_ms(), 2000)))
        std::fprintf(stderr, "herald: could not leave the group before the drain timeout (brokers unreachable?); "
                             "exiting anyway: the group moves its partitions on after the session timeout\n");
    counters.stale_dropped.store(consumer->stale_dropped(), std::memory_order_relaxed);
    if (failed.load()) return 1;
    if (!drained) {
        std::fprintf(stderr, "herald: stopped with unacknowledged work after %lld ms; it will be reprocessed\n",
                     static_cast<long long>(config.drain_timeout_ms));
        return 1;
    }
    return 0;
}

Pipeline::Pipeline(PipelineConfig config, analysis::Resources resources, std::shared_ptr<const rules::RuleSet> rules,
                   telemetry::Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(resources), std::move(rules), metrics)) {}

Pipeline::~Pipeline() = default;

int Pipeline::run(const std::atomic<bool>& stop) { return impl_->run(stop); }

void Pipeline::set_rules(std::shared_ptr<const rules::RuleSet> rules) {
    {
        std::lock_guard<std::mutex> lock(impl_->rules_mutex);
        impl_->rules = std::move(rules);
    }
    impl_->rules_version.fetch_add(1, std::memory_order_acq_rel);
}

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
    const Tally& t = impl_->counters;
    Counters c;
    c.consumed = t.consumed.load();
    c.processed = t.processed.load();
    c.dead_lettered = t.dead_lettered.load();
    c.alerts_produced = t.alerts_produced.load();
    c.alerts_acked = t.alerts_acked.load();
    c.delivery_failures = t.delivery_failures.load();
    c.alerts_already_published = t.alerts_already_published.load();
    c.redelivered_skipped = t.redelivered_skipped.load();
    c.lost_dropped = t.lost_dropped.load();
    c.rebuilt_events = t.rebuilt_events.load();
    c.rebuild_failures = t.rebuild_failures.load();
    c.stale_dropped = t.stale_dropped.load();
    c.fetch_restarts = impl_->stall_probe.restarts();
    return c;
}

}  // namespace herald::app
