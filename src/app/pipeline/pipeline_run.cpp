// Pipeline::Impl's life: the clients, the delivery mode, the threads, and the stop.
#include <algorithm>
#include <cstdio>

#include "herald/app/pipeline/at_least_once.hpp"
#include "herald/core/deadline.hpp"
#include "herald/output/message_size.hpp"
#include "herald/core/log.hpp"
#include "pipeline_impl.hpp"

namespace herald::app {

namespace {
// Restarts of a partition that still delivers nothing before the instance gives up and exits.
constexpr int kMaxStallRestarts = 3;

// auto.offset.reset as the user set it (herald's default is earliest).
bool resets_to_end(const PipelineConfig& c) {
    bool to_end = false;
    for (const auto& [key, value] : c.consumer_properties)
        if (key == "auto.offset.reset") to_end = value == "latest" || value == "end" || value == "largest";
    return to_end;
}
}  // namespace

Pipeline::Impl::Impl(PipelineConfig c, analysis::Resources r, std::shared_ptr<const rules::RuleSet> rs,
                     telemetry::Metrics& m)
    : config(std::move(c)), resources(std::move(r)), metrics(m), rules(std::move(rs)),
      partition_probe(&m.partitions_assigned()), stall_probe(&m.fetch_restarts()), delivery_probe(&m),
      worker_probe(&m, &resources), transaction_probe(&m), consumer_probe(&m.events_consumed()),
      table({config.workers == 0 ? 1 : config.workers, config.max_inflight}, partition_probe),
      store_sink([this](int32_t p, int64_t next) { mode->store(p, next); }),
      stats(m, telemetry::StatsParserOptions{config.input_topic, false}),
      producer_stats(m, telemetry::StatsParserOptions{"", true}) {
    if (!config.shadow_topic.empty()) shadow_probe = std::make_unique<ShadowProbe>(&m.registry());
}

// run() joins its threads on every path; this is the backstop for a path that returns early,
// where a joinable std::thread would abort the process instead of letting it exit with its
// reason. The consumer goes first: closing it may call the rebalance callbacks, which touch
// `table` and `workers`, destroyed after it in declaration order otherwise.
Pipeline::Impl::~Impl() {
    workers_stop.store(true, std::memory_order_release);
    for (auto& w : workers)
        if (w->thread.joinable()) {
            w->queue.wake();
            w->thread.join();
        }
    poller_stop.store(true, std::memory_order_release);
    if (poller.joinable()) poller.join();
    shadow_producer.reset();  // its delivery reports reach `shadow`
    consumer.reset();
    discard_unacknowledged();
    producer.reset();
}

// Exit with messages still unacknowledged (the drain and the flush gave up): fails them here
// and frees their tokens, which destroying the producer would leak (LeakSanitizer, then
// SIGABRT instead of exit 1, in integration_exactly_once). Their events were not committed:
// the next run redoes them. Only once the workers and the poller have stopped.
void Pipeline::Impl::discard_unacknowledged() {
    if (!producer || producer->queue_length() == 0) return;
    if (ledger) ledger->discard();
    if (!producer->discard_outstanding(2000))
        core::log::warn("pipeline",
                        core::log::printf("%zu message(s) could not be discarded at exit", producer->queue_length()));
}

int Pipeline::Impl::run(const std::atomic<bool>& stop) {
    if (int code = make_producer()) return code;
    if (int code = make_delivery()) return code;
    make_shadow();
    // Learn the output topics now: the first alert after start would otherwise wait about a
    // second for librdkafka to look its topic up. Not fatal: the producer retries on first use.
    std::string err;
    if (!producer->learn_topics({config.alerts_topic, config.dlq_topic}, 5000, err))
        core::log::warn("pipeline",
                        core::log::printf("%s; the first messages to it wait until the brokers know it", err.c_str()));
    if (int code = make_consumer()) return code;
    // Before any thread starts: a failure here returns with nothing to stop.
    if (int code = mode->start()) return code;
    start_threads();
    consume(stop);
    return stop_and_drain();
}

int Pipeline::Impl::make_producer() {
    kafka::Producer::Options popts;
    popts.brokers = config.brokers;
    // Room for an event of max-event-bytes plus JSON and headers; the user's properties win.
    // Alerts are few and latency counts: send at once (linger 0; librdkafka still batches under load).
    // Its statistics give herald_broker_rtt_seconds: its requests, unlike the consumer's fetches,
    // are not held by the broker for fetch.wait.max.ms.
    std::string err;
    message_max_bytes = output::message_max_bytes(config.producer_properties, config.max_event_bytes, err);
    if (message_max_bytes == 0) {
        core::log::error("pipeline", core::log::printf("--kafka/--producer %s", err.c_str()));
        return 2;
    }
    popts.extra = {{"message.max.bytes", std::to_string(output::default_message_max_bytes(config.max_event_bytes))},
                   {"linger.ms", "0"},
                   {"statistics.interval.ms", "5000"}};
    popts.extra.insert(popts.extra.end(), config.producer_properties.begin(), config.producer_properties.end());
    if (config.exactly_once) popts.transactional_id = ExactlyOnce::transactional_id(config);
    popts.on_stats = [this](std::string_view json) {
        std::string stats_error;
        producer_stats.update(json, stats_error);  // a malformed report only skips one gauge refresh
    };
    producer = kafka::Producer::create(
        popts, [this](void* opaque, const kafka::Error& e, int32_t, int64_t) { ledger->on_delivery(opaque, e); }, err);
    if (producer) return 0;
    core::log::error("pipeline", core::log::printf("cannot create the Kafka producer: %s", err.c_str()));
    return 2;
}

// The shadow rules' producer. Never fails the run: without it the shadow is off and says so.
void Pipeline::Impl::make_shadow() {
    if (!shadow_probe) return;
    kafka::Producer::Options popts;
    popts.brokers = config.brokers;
    popts.extra = {{"message.max.bytes", std::to_string(output::default_message_max_bytes(config.max_event_bytes))},
                   {"linger.ms", "5"}};  // no live alert waits on it: batching is cheaper
    popts.extra.insert(popts.extra.end(), config.producer_properties.begin(), config.producer_properties.end());
    popts.extra.insert(popts.extra.end(), config.shadow_producer_properties.begin(),
                       config.shadow_producer_properties.end());
    popts.on_error = [](int, const std::string&, bool) {};  // fatal ones: ShadowOutput::check_fatal
    std::string err;
    shadow_producer = kafka::Producer::create(
        popts, [this](void*, const kafka::Error& e, int32_t, int64_t) { shadow->on_delivery(e); }, err);
    if (!shadow_producer) {
        core::log::warn(
            "pipeline",
            core::log::printf("shadow rules off: cannot create the shadow producer: %s (live alerts are unaffected)",
                              err.c_str()));
        return;
    }
    shadow_outbox = std::make_unique<KafkaOutbox>(*shadow_producer);
    // Its topic is not looked up here (as the live topics are): that could hold the start, and a
    // shadow alert may wait for its topic where a live one should not.
    shadow = std::make_unique<ShadowOutput>(*shadow_outbox, config.shadow_topic, *shadow_probe);
}

// After the workers stopped: a short, bounded wait for the shadow's last acknowledgements; what
// is left is dropped rather than hold the stop (the live work is already committed).
void Pipeline::Impl::stop_shadow(int64_t budget_ms) {
    if (!shadow_producer) return;
    if (!shadow_producer->flush(static_cast<int>(std::clamp<int64_t>(budget_ms, 0, 2000)))) {
        core::log::warn("pipeline", core::log::printf("%zu shadow alert(s) unacknowledged at exit were dropped",
                                                      shadow_producer->queue_length()));
        shadow_producer->discard_outstanding(500);
    }
    shadow_producer.reset();
}

// The delivery mode and the ledger that reports to it. With make_producer's transactional id and
// make_consumer's auto-commit, the only places that ask which mode runs.
int Pipeline::Impl::make_delivery() {
    outbox = std::make_unique<KafkaOutbox>(*producer);
    auto fail_hook = [this](const std::string& why) { fail(why); };
    if (config.exactly_once) {
        transactions = std::make_unique<KafkaTransactions>(*producer, consumer);
        ExactlyOnce::Hooks hooks{fail_hook, [this](const std::vector<int32_t>& dropping, uint64_t epoch) {
                                     return renew(dropping, epoch);
                                 }};
        mode = std::make_unique<ExactlyOnce>(
            ExactlyOnce::Options{config.input_topic, config.transaction_interval_ms, config.drain_timeout_ms},
            *transactions, table, transaction_probe, std::move(hooks));
    } else {
        AtLeastOnce::Hooks hooks{[this](int32_t p, int64_t next) { consumer->store_offset(config.input_topic, p, next); },
                                 fail_hook};
        mode = std::make_unique<AtLeastOnce>(AtLeastOnce::Topics{config.input_topic, config.dlq_topic}, *outbox,
                                             delivery_probe, std::move(hooks));
    }
    ledger = std::make_unique<DeliveryLedger>(*outbox, *mode, delivery_probe, config.on_alert);
    return mode->prepare();
}

int Pipeline::Impl::make_consumer() {
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
    if (config.exactly_once) ExactlyOnce::configure_consumer(copts.extra);
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
    std::string err;
    consumer = kafka::Consumer::create(copts, callbacks, err);
    if (!consumer) {
        core::log::error("pipeline", core::log::printf("cannot create the Kafka consumer: %s", err.c_str()));
        return 2;
    }
    control = std::make_unique<KafkaPartitionControl>(*consumer);
    backpressure = std::make_unique<Backpressure>(Backpressure::Options{config.input_topic, config.max_inflight},
                                                  *control, BackpressureProbe{&metrics.inflight_events(),
                                                                              &metrics.consumer_paused()});
    fetch_stall = std::make_unique<FetchStall>(
        FetchStall::Options{config.input_topic, {config.fetch_stall_ms, kMaxStallRestarts, resets_to_end(config)}},
        *control, stall_probe, [this](const std::string& why) { fail(why); });
    if (consumer->subscribe({config.input_topic}, err)) return 0;
    core::log::error("pipeline",
                     core::log::printf("cannot subscribe to '%s': %s", config.input_topic.c_str(), err.c_str()));
    return 2;
}

void Pipeline::Impl::start_threads() {
    const size_t n_workers = config.workers == 0 ? 1 : config.workers;
    const size_t queue_capacity = config.max_inflight + config.batch_size;
    for (size_t i = 0; i < n_workers; ++i) workers.push_back(std::make_unique<Worker>(queue_capacity));
    WorkerContext context{config,       resources,     &metrics,      rules,          *ledger,
                          *mode,        worker_probe,  workers_stop,  message_max_bytes};
    if (shadow) {
        context.shadow_rules = &shadow_rules;
        context.shadow = shadow.get();
        context.shadow_probe = shadow_probe.get();
    }
    for (size_t i = 0; i < n_workers; ++i)
        workers[i]->thread = std::thread([this, i, context] { EventWorker(context).run(workers[i]->queue); });
    poller = std::thread([this] {
        output::DeadLetterBuilder dl(message_max_bytes, config.max_event_bytes);
        while (!poller_stop.load(std::memory_order_acquire)) {
            producer->poll(50);
            mode->poll(dl);
            delivery_probe.producer_queue(producer->queue_length());
            if (shadow) {
                shadow_producer->poll(0);
                shadow->check_fatal();
            }
            if (const kafka::Error e = producer->fatal_error()) fail("fatal Kafka producer error: " + e.message());
        }
    });
}

// Stop: finish what was dispatched, acknowledge, commit, leave the group, all within one
// --drain-timeout (what the orchestrator's grace period is sized by), brokers or not.
int Pipeline::Impl::stop_and_drain() {
    const core::Deadline stop_deadline(config.drain_timeout_ms);
    const bool drained = drain({}, config.drain_timeout_ms);
    store_done_offsets();
    if (!failed.load()) mode->finish();
    auto budget_left_ms = [&stop_deadline] { return stop_deadline.left_ms(); };
    // Committing needs the group's coordinator: without brokers librdkafka would wait about a
    // session timeout. Past the budget, a couple of seconds more, then the restart redoes the rest.
    std::string err;
    if (!consumer->commit_sync(err, std::max(budget_left_ms(), 2000)))
        core::log::error("pipeline", core::log::printf("final offset commit failed: %s", err.c_str()));
    workers_stop.store(true, std::memory_order_release);
    for (auto& w : workers) w->queue.wake();
    for (auto& w : workers) w->thread.join();
    // Drained means every alert was acknowledged: flushing is then instant; if not, the drain
    // already spent the budget waiting for the same acknowledgements.
    if (!producer->flush(budget_left_ms())) core::log::warn("pipeline", "messages still unacknowledged at exit");
    poller_stop.store(true);
    poller.join();
    stop_shadow(budget_left_ms());
    discard_unacknowledged();
    store_done_offsets();
    // Leaving the group needs the coordinator too: past the budget, a couple of seconds, then go.
    if (!consumer->close(std::max(budget_left_ms(), 2000)))
        core::log::warn("pipeline",
                        "could not leave the group before the drain timeout (brokers unreachable?); exiting anyway: "
                        "the group moves its partitions on after the session timeout");
    consumer_probe.stale_dropped(consumer->stale_dropped());
    if (failed.load()) return 1;
    if (drained) return 0;
    core::log::error("pipeline",
                     core::log::printf("stopped with unacknowledged work after %lld ms; it will be reprocessed",
                                       static_cast<long long>(config.drain_timeout_ms)));
    return 1;
}

}  // namespace herald::app
