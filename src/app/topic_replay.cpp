#include "herald/app/topic_replay.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "herald/app/engine_runner.hpp"
#include "herald/app/event_processor.hpp"
#include "herald/app/feed_publisher.hpp"
#include "herald/app/resources.hpp"
#include "herald/app/rules_source.hpp"
#include "herald/app/topic_range.hpp"
#include "herald/core/time.hpp"
#include "herald/kafka/producer.hpp"
#include "herald/output/message_size.hpp"
#include "herald/core/log.hpp"

namespace herald::app {

namespace {

// The producer of the replayed alerts, bounding them as `herald run` bounds them for the same
// producer properties (message_bytes).
std::unique_ptr<kafka::Producer> alerts_producer(const Options& o, size_t max_event_bytes, size_t& message_bytes,
                                                 FeedDeliveries& deliveries) {
    std::string error;
    kafka::Producer::Options popts;
    popts.brokers = o.get("brokers");
    std::string size_error;
    message_bytes = output::message_max_bytes(o.kafka, max_event_bytes, size_error);
    if (message_bytes == 0) throw UsageError("herald replay: --kafka " + size_error);
    // The same message.max.bytes as `herald run`, so alerts are bounded alike; the user's --kafka wins.
    popts.extra = {{"message.max.bytes", std::to_string(output::default_message_max_bytes(max_event_bytes))}};
    popts.extra.insert(popts.extra.end(), o.kafka.begin(), o.kafka.end());
    auto producer = kafka::Producer::create(popts, deliveries.callback(), error);
    if (!producer) throw UsageError("herald replay: cannot create a Kafka producer: " + error);
    return producer;
}

struct Tally {
    uint64_t published = 0, bad = 0;
    std::chrono::steady_clock::time_point t0;
};

// Waits for the alerts' acknowledgements and says how the replay ended; the exit code.
int finish(const Options& o, const TopicRange& range, kafka::Producer& producer, const FeedDeliveries& deliveries,
           const Tally& tally) {
    const std::string topic = o.get("from-topic");
    const std::string alerts_topic = o.get("alerts-topic", "alerts.replay");
    const uint64_t published = tally.published, bad = tally.bad;
    const auto t0 = tally.t0;
    const uint64_t events = range.in_range();
    if (!producer.flush(60000) || deliveries.failed > 0) {
        const uint64_t lost = deliveries.failed + static_cast<uint64_t>(producer.queue_length());
        core::log::error("replay",
                         core::log::printf("%llu of %llu alerts were not delivered to '%s' (%s); check that the "
                                           "brokers are reachable and the topic exists, then replay again",
                                           static_cast<unsigned long long>(lost),
                                           static_cast<unsigned long long>(published), alerts_topic.c_str(),
                                           deliveries.failed > 0 ? ("first error: " + deliveries.first_error).c_str()
                                                                 : "no acknowledgement within 60 s"));
        return 1;
    }
    const std::string range_text = range.range_text();
    if (stop_requested().load()) {
        core::log::error("replay",
                         core::log::printf("interrupted: %llu events of '%s' in %s read so far, %llu alerts published "
                                           "to '%s'; the range was not finished, replay it again",
                                           static_cast<unsigned long long>(events), topic.c_str(), range_text.c_str(),
                                           static_cast<unsigned long long>(published), alerts_topic.c_str()));
        return 1;
    }
    if (events == 0) {
        // Nothing in the range is not a success: say why, so a wrong range or topic shows.
        core::log::error("replay", core::log::printf("nothing to replay: %s", range.why_empty().c_str()));
        return 1;
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    core::log::info("replay",
                    core::log::printf("%llu events of '%s' in [%s, %s) -> %llu alerts on '%s' (%llu bad messages "
                                      "skipped) in %.2f s (%.0f events/s)",
                                      static_cast<unsigned long long>(events), topic.c_str(), o.get("since").c_str(),
                                      o.get("until").c_str(), static_cast<unsigned long long>(published),
                                      alerts_topic.c_str(), static_cast<unsigned long long>(bad), secs,
                                      static_cast<double>(events) / (secs > 0 ? secs : 1)));
    return 0;
}

}  // namespace

int replay_topic(const Options& o) {
    TopicRange::check_range_options(o, "replay");
    if (!o.has("rules")) throw UsageError("herald replay: --from-topic needs --rules FILE");
    const std::string topic = o.get("from-topic");
    const std::string alerts_topic = o.get("alerts-topic", "alerts.replay");
    if (alerts_topic == topic) throw UsageError("herald replay: --alerts-topic must differ from --from-topic");
    auto rule_set = RulesSource(o.get("rules")).load_or_throw("herald replay");
    analysis::Resources resources = load_analysis_resources(o);

    // Rule state per partition, as in `herald run`; warmed up from the rules' longest window.
    TopicRange range(o, "replay", rule_set->max_window_ms());
    std::vector<rules::Engine> engines;
    engines.reserve(static_cast<size_t>(range.partitions()));
    for (int32_t p = 0; p < range.partitions(); ++p) engines.emplace_back(rule_set);

    const auto max_event_bytes = static_cast<size_t>(o.get_int("max-event-bytes", 1 << 20, 1024, 1LL << 30));
    size_t message_bytes = 0;
    FeedDeliveries deliveries;
    auto producer = alerts_producer(o, max_event_bytes, message_bytes, deliveries);

    install_stop_handlers();
    EventProcessor proc(resources, max_event_bytes, message_bytes);
    proc.set_event_time_policy(o.get_duration_ms("max-future-skew", kDefaultMaxFutureSkewMs));
    std::string json, key_text, rule_text;
    uint64_t published = 0, bad = 0;
    const kafka::Message* message = nullptr;
    bool warmup = false;
    auto t0 = std::chrono::steady_clock::now();
    while (range.next(message, warmup)) {
        const kafka::Message& m = *message;
        rules::Engine& engine = engines[static_cast<size_t>(m.partition())];
        engine.set_suppressed(warmup);
        EventSource source{m.topic(), m.partition(), m.offset(), m.timestamp_ms()};
        const EventOutcome outcome = proc.process(
            m.is_null() ? std::nullopt : std::optional<std::string_view>(m.payload()), source, engine);
        if (outcome.dead_letter()) {
            bad += !warmup;
            continue;
        }
        for (const auto& a : outcome.alerts) {
            proc.alert_json(a, source, core::now_ms(), json);
            const kafka::Header headers[] = {{"herald-alert-id", std::string_view(a.alert_id, 16)},
                                             {"herald-rule", proc.alert_rule(a, rule_text)}};
            const kafka::OutgoingMessage out{alerts_topic, proc.alert_key(a, key_text), json, headers};
            if (const kafka::Error e = producer->produce(out, kafka::WhenFull::poll))
                throw std::runtime_error("cannot publish to '" + alerts_topic + "': " + e.message());
            ++published;
        }
        producer->poll(0);
    }
    return finish(o, range, *producer, deliveries, {published, bad, t0});
}

}  // namespace herald::app
