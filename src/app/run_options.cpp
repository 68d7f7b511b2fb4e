#include "herald/app/run_options.hpp"

#include <algorithm>

#include "herald/app/event_processor.hpp"
#include "herald/app/resources.hpp"
#include "herald/core/cpus.hpp"
#include "herald/output/message_size.hpp"

namespace herald::app {

std::vector<OptionSpec> engine_options() {
    return {
        {"metrics-port", "PORT", "port of /metrics, /healthz and /readyz (0 = any free port)", "9464"},
        {"metrics-address", "ADDR", "address the metrics server binds", "127.0.0.1"},
        {"metrics-max-connections", "N",
         "open metrics connections at most; at the cap the oldest idle one is closed (never more than a quarter "
         "of the descriptor limit)",
         "64"},
        {"metrics-idle-timeout", "DURATION", "close a metrics connection that sends no complete request this long",
         "10s"},
        {"workers", "N", "analysis threads (partitions are spread over them)", "2 x usable CPUs"},
        {"max-inflight", "N", "events consumed but not yet acknowledged before consumption pauses", "8192"},
        {"batch-size", "N", "messages taken from the consumer per poll", "1024"},
        {"max-event-bytes", "N", "larger messages are dead-lettered as too_large", "1048576"},
        {"max-future-skew", "DURATION",
         "events dated more than this ahead of their message timestamp (or the clock, when earlier) are "
         "dead-lettered as future_time (0 = no check)",
         "1h"},
        {"drain-timeout", "DURATION", "how long a stop or rebalance waits for in-flight work", "30s"},
        {"fetch-stall-timeout", "DURATION",
         "restart the fetch of a partition that got nothing this long while the broker holds newer messages "
         "(0 = never)",
         "30s"},
        {"dedup-lookback", "N", "alerts read back per alerts partition on assignment to avoid repeats (0 = off)",
         "100000"},
        {"rebuild-span", "DURATION",
         "event-time history re-read to rebuild a taken partition's rule state (default: twice the rules' longest "
         "window, cooldown or hold; 0 = off)",
         "auto"},
        {"rebuild-max-events", "N", "at most this many messages re-read per partition for that rebuild", "200000"},
        {"delivery", "MODE",
         "at-least-once (alerts acknowledged before offsets commit; duplicates after a crash are skipped "
         "via the alerts topic's tail) or exactly-once (Kafka transactions)",
         "at-least-once"},
        {"transactional-id", "ID", "exactly-once: the producer's transactional.id (stable per replica fences "
         "a zombie after a restart)", "herald-GROUP-HOST-PID"},
        {"transaction-interval", "DURATION", "exactly-once: how often the open transaction commits", "100ms"},
        {"pass-through", "", "benchmark ceiling: consume and commit only, no analysis or publishing", ""},
        {"entity-sentiment-series", "N",
         "herald_entity_sentiment_score: at most N tickers get a series (only tickers of the alias table; "
         "0: none)", "1000"},
        {"lexicon", "FILE", "extra lexicon entries (extends the built-in lexicon)", ""},
        {"aliases", "FILE", "extra company aliases (extends the built-in table)", ""},
        {"kafka", "KEY=VALUE", "librdkafka property for consumer and producer (repeatable)", ""},
        {"consumer", "KEY=VALUE", "librdkafka property for the consumer only (repeatable)", ""},
        {"producer", "KEY=VALUE", "librdkafka property for the producer only (repeatable)", ""},
        {"config", "FILE", "YAML file with the same keys (flags win)", ""},
    };
}

void apply_engine_options(const Options& o, EngineSetup& s) {
    PipelineConfig& p = s.pipeline;
    // Two per usable CPU: with one, a worker that loses its core (to the Kafka client's threads,
    // or a co-located broker) holds up all of its partitions, and their queue wait made most of
    // the p99 latency (bench/e2e at 17.9k events/s: queue-wait p99 21-28 ms with 2 workers on 2
    // cores, 7-10 ms with 4; throughput 36-39k vs 39-44k events/s; docs/performance.md).
    p.workers = static_cast<size_t>(o.get_int("workers", std::min(2 * core::usable_cpus(), 256u), 1, 256));
    p.max_inflight = static_cast<size_t>(o.get_int("max-inflight", 8192, 16, 1 << 22));
    p.batch_size = static_cast<size_t>(o.get_int("batch-size", 1024, 1, 1 << 20));
    p.max_event_bytes = static_cast<size_t>(o.get_int("max-event-bytes", 1 << 20, 1024, 1LL << 30));
    p.drain_timeout_ms = o.get_duration_ms("drain-timeout", 30000);
    p.max_future_skew_ms = o.get_duration_ms("max-future-skew", kDefaultMaxFutureSkewMs);
    p.fetch_stall_ms = o.get_duration_ms("fetch-stall-timeout", 30000);
    p.pass_through = o.flag("pass-through");
    if (o.has("rebuild-span") && o.get("rebuild-span") != "auto") p.rebuild_span_ms = o.get_duration_ms("rebuild-span", 0);
    p.rebuild_max_events = o.get_int("rebuild-max-events", 200000, 0, INT64_MAX);
    const std::string delivery = o.get("delivery", "at-least-once");
    if (delivery != "at-least-once" && delivery != "exactly-once")
        throw UsageError("--delivery '" + delivery + "' must be at-least-once or exactly-once");
    p.exactly_once = delivery == "exactly-once";
    p.transactional_id = o.get("transactional-id", "");
    p.transaction_interval_ms = o.get_duration_ms("transaction-interval", 100);
    if (p.transaction_interval_ms < 1) throw UsageError("--transaction-interval must be at least 1ms");
    p.dedup_lookback_messages = o.get_int("dedup-lookback", 100000, 0, INT64_MAX);
    p.consumer_properties = o.kafka;
    p.consumer_properties.insert(p.consumer_properties.end(), o.consumer.begin(), o.consumer.end());
    p.producer_properties = o.kafka;
    p.producer_properties.insert(p.producer_properties.end(), o.producer.begin(), o.producer.end());
    std::string size_error;
    if (output::message_max_bytes(p.producer_properties, p.max_event_bytes, size_error) == 0)
        throw UsageError("--kafka/--producer " + size_error);
    s.metrics_port = static_cast<int>(o.get_int("metrics-port", 9464, 0, 65535));
    s.metrics_address = o.get("metrics-address", "127.0.0.1");
    s.metrics_max_connections = static_cast<size_t>(o.get_int("metrics-max-connections", 64, 1, 100000));
    s.metrics_idle_timeout_ms = o.get_duration_ms("metrics-idle-timeout", 10000);
    if (s.metrics_idle_timeout_ms < 1) throw UsageError("--metrics-idle-timeout must be at least 1ms");
    s.entity_sentiment_series = static_cast<size_t>(o.get_int("entity-sentiment-series", 1000, 0, 1000000));
    s.resources = load_analysis_resources(o);
}

void validate_topics(const PipelineConfig& p) {
    if (p.dlq_topic == p.input_topic)
        throw UsageError("--dlq-topic '" + p.dlq_topic + "' is also the --input-topic: herald would read its dead "
                         "letters back and dead-letter them again forever; choose another dead-letter topic");
    if (p.alerts_topic == p.input_topic)
        throw UsageError("--alerts-topic '" + p.alerts_topic + "' is also the --input-topic: herald would read its "
                         "alerts back as news; choose another alerts topic");
    if (p.alerts_topic == p.dlq_topic)
        throw UsageError("--alerts-topic and --dlq-topic are both '" + p.alerts_topic + "': alerts and dead letters "
                         "would be mixed (and dead letters read back as published alerts); give them separate topics");
    if (p.shadow_topic.empty()) return;
    const std::pair<const std::string*, const char*> others[] = {
        {&p.input_topic, "--input-topic"}, {&p.alerts_topic, "--alerts-topic"}, {&p.dlq_topic, "--dlq-topic"}};
    for (const auto& [topic, option] : others)
        if (p.shadow_topic == *topic)
            throw UsageError("--shadow-topic '" + p.shadow_topic + "' is also the " + option + ": shadow alerts "
                             "must have a topic of their own; choose another shadow topic");
}

}  // namespace herald::app
