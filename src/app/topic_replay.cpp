#include "herald/app/topic_replay.hpp"

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdio>
#include <map>

#include "herald/app/engine_runner.hpp"
#include "herald/app/event_processor.hpp"
#include "herald/app/feed_publisher.hpp"
#include "herald/app/resources.hpp"
#include "herald/core/time.hpp"
#include "herald/kafka/producer.hpp"
#include "herald/kafka/reader.hpp"
#include "herald/output/message_size.hpp"

namespace herald::app {

namespace {
struct PartitionRange {
    int64_t warmup = 0;  // first offset read
    int64_t end = 0;     // first offset not read (the end of the partition when replay started)
    int64_t next = 0;    // next offset expected
    std::unique_ptr<rules::Engine> engine;
};

// A topic the brokers do not have is a mistake in the command (exit 2), said with what is there.
void require_topic(const kafka::Reader& reader, const std::string& topic, const std::string& brokers) {
    std::vector<std::string> names;
    std::string error;
    if (!reader.topic_names(names, 10000, error)) throw std::runtime_error(error + " (brokers " + brokers + ")");
    if (std::find(names.begin(), names.end(), topic) != names.end()) return;
    std::sort(names.begin(), names.end());
    std::string have;
    size_t shown = 0;
    for (const auto& n : names) {
        if (n.rfind("__", 0) == 0) continue;  // internal topics (__consumer_offsets, ...)
        if (shown++ == 10) {
            have += ", ...";
            break;
        }
        have += (have.empty() ? "" : ", ") + n;
    }
    throw UsageError("herald replay: topic '" + topic + "' does not exist on " + brokers +
                     (have.empty() ? std::string(" (it has no topics)") : " (its topics: " + have + ")") +
                     "; check --from-topic and --brokers");
}

int64_t parse_time_option(const Options& o, const std::string& key) {
    int64_t ms = 0;
    if (!core::parse_rfc3339(o.get(key), ms))
        throw UsageError("herald replay: --" + key + " '" + o.get(key) + "' is not an RFC 3339 time like 2026-11-01T00:00:00Z");
    return ms;
}
}  // namespace

int replay_topic(const Options& o) {
    if (!o.has("since") || !o.has("until")) throw UsageError("herald replay: --from-topic needs --since and --until");
    if (!o.has("rules")) throw UsageError("herald replay: --from-topic needs --rules FILE");
    const std::string topic = o.get("from-topic");
    const std::string alerts_topic = o.get("alerts-topic", "alerts.replay");
    if (alerts_topic == topic) throw UsageError("herald replay: --alerts-topic must differ from --from-topic");
    int64_t since = parse_time_option(o, "since"), until = parse_time_option(o, "until");
    if (until <= since) throw UsageError("herald replay: --until must be after --since");
    auto rule_set = load_rules_or_throw(o.get("rules"));
    analysis::Resources resources = load_analysis_resources(o);

    std::string error;
    kafka::Properties props = o.kafka;
    auto reader = kafka::Reader::create(o.get("brokers"), props, error);
    if (!reader) throw UsageError("herald replay: cannot create a Kafka reader: " + error);
    require_topic(*reader, topic, o.get("brokers"));
    int32_t partitions = reader->partition_count(topic, 10000, error);
    if (partitions <= 0) throw UsageError("herald replay: cannot read topic '" + topic + "': " + error);

    // Where to start per partition: the offset for (since - longest window), when the broker can
    // look times up; otherwise the beginning. Messages are then classified by their timestamp
    // (warm-up / published / outside), up to the end offset seen now, so the result does not
    // depend on the broker's time index (the embedded broker only knows earliest and latest).
    std::map<int32_t, PartitionRange> ranges;
    const int64_t warm_from = since - rule_set->max_window_ms();
    std::vector<kafka::TopicPartition> warm;
    for (int32_t p = 0; p < partitions; ++p) warm.push_back({topic, p, warm_from, 0});
    if (!reader->offsets_for_times(warm, 10000, error)) warm.clear();
    std::vector<kafka::TopicPartition> assignment;
    int64_t stored = 0;  // messages the topic holds now
    for (int32_t p = 0; p < partitions; ++p) {
        int64_t low = 0, high = 0;
        if (!reader->watermarks(topic, p, low, high, 10000))
            throw std::runtime_error("cannot read the end offsets of '" + topic + "'");
        stored += high - low;
        PartitionRange r;
        r.warmup = low;
        if (!warm.empty() && warm[static_cast<size_t>(p)].error == 0 && warm[static_cast<size_t>(p)].offset >= low)
            r.warmup = std::min(warm[static_cast<size_t>(p)].offset, high);
        r.end = high;
        if (r.warmup >= r.end) continue;
        r.next = r.warmup;
        r.engine = std::make_unique<rules::Engine>(rule_set);
        assignment.push_back({topic, p, r.warmup, 0});
        ranges.emplace(p, std::move(r));
    }

    kafka::Producer::Options popts;
    popts.brokers = o.get("brokers");
    const auto max_event_bytes = static_cast<size_t>(o.get_int("max-event-bytes", 1 << 20, 1024, 1LL << 30));
    // Alerts bounded as `herald run` bounds them for the same producer properties.
    std::string size_error;
    const size_t message_bytes = output::message_max_bytes(o.kafka, max_event_bytes, size_error);
    if (message_bytes == 0) throw UsageError("herald replay: --kafka " + size_error);
    // The same message.max.bytes as `herald run`, so alerts are bounded alike; the user's --kafka wins.
    popts.extra = {{"message.max.bytes", std::to_string(output::default_message_max_bytes(max_event_bytes))}};
    popts.extra.insert(popts.extra.end(), o.kafka.begin(), o.kafka.end());
    FeedDeliveries deliveries;
    auto producer = kafka::Producer::create(popts, deliveries.callback(), error);
    if (!producer) throw UsageError("herald replay: cannot create a Kafka producer: " + error);

    if (!assignment.empty() && !reader->assign(assignment, error)) throw std::runtime_error("assign: " + error);
    install_stop_handlers();
    EventProcessor proc(resources, max_event_bytes, message_bytes);
    proc.set_event_time_policy(o.get_duration_ms("max-future-skew", kDefaultMaxFutureSkewMs));
    std::vector<kafka::Message> batch;
    std::vector<rules::Alert> alerts;
    std::string json, detail, key_text, rule_text;
    uint64_t events = 0, published = 0, bad = 0, read = 0;
    int64_t first_ts = INT64_MAX, last_ts = INT64_MIN;  // of the messages read, to explain an empty range
    size_t open_partitions = ranges.size();
    auto t0 = std::chrono::steady_clock::now();
    while (open_partitions > 0 && !stop_requested().load()) {
        batch.clear();
        reader->consume_batch(batch, 1024, 200);
        for (auto& m : batch) {
            if (m.error() != 0 || m.topic() != topic) continue;
            auto it = ranges.find(m.partition());
            if (it == ranges.end()) continue;
            PartitionRange& r = it->second;
            if (m.offset() < r.next || r.next >= r.end) continue;  // already past the range
            r.next = m.offset() + 1;
            if (r.next >= r.end) --open_partitions;
            int64_t ts = m.timestamp_ms();
            ++read;
            first_ts = std::min(first_ts, ts);
            last_ts = std::max(last_ts, ts);
            if (ts < warm_from || ts >= until) continue;  // outside the range and its warm-up
            bool publishing = ts >= since;
            r.engine->set_suppressed(!publishing);
            EventSource source{m.topic(), m.partition(), m.offset(), m.timestamp_ms()};
            if (m.is_null() || proc.parse(m.payload(), source, detail) != parse::ErrorCode::none) {
                bad += publishing;
            } else {
                proc.analyze();
                alerts.clear();
                proc.evaluate(*r.engine, alerts);
                for (const auto& a : alerts) {
                    proc.alert_json(a, source, core::now_ms(), json);
                    kafka::Header headers[] = {{"herald-alert-id", std::string_view(a.alert_id, 16)},
                                               {"herald-rule", proc.alert_rule(a, rule_text)}};
                    std::string_view key = proc.alert_key(a, key_text);
                    int err;
                    while ((err = producer->produce(alerts_topic, -1, key, json, headers, 2, 0, nullptr)) ==
                           RD_KAFKA_RESP_ERR__QUEUE_FULL)
                        producer->poll(10);
                    if (err != 0)
                        throw std::runtime_error("cannot publish to '" + alerts_topic + "': " +
                                                 rd_kafka_err2str(static_cast<rd_kafka_resp_err_t>(err)));
                    ++published;
                }
                producer->poll(0);
            }
            events += publishing;
        }
    }
    if (!producer->flush(60000) || deliveries.failed > 0) {
        const uint64_t lost = deliveries.failed + static_cast<uint64_t>(producer->queue_length());
        std::fprintf(stderr,
                     "herald replay: %llu of %llu alerts were not delivered to '%s' (%s); check that the brokers "
                     "are reachable and the topic exists, then replay again\n",
                     static_cast<unsigned long long>(lost), static_cast<unsigned long long>(published),
                     alerts_topic.c_str(),
                     deliveries.failed > 0 ? ("first error: " + deliveries.first_error).c_str()
                                           : "no acknowledgement within 60 s");
        return 1;
    }
    const std::string range = "[" + o.get("since") + ", " + o.get("until") + ")";
    if (stop_requested().load()) {
        std::fprintf(stderr,
                     "herald replay: interrupted: %llu events of '%s' in %s read so far, %llu alerts published to "
                     "'%s'; the range was not finished, replay it again\n",
                     static_cast<unsigned long long>(events), topic.c_str(), range.c_str(),
                     static_cast<unsigned long long>(published), alerts_topic.c_str());
        return 1;
    }
    if (events == 0) {
        // Nothing in the range is not a success: say why, so a wrong range or topic shows.
        std::string why;
        if (stored == 0)
            why = "topic '" + topic + "' is empty (" + std::to_string(partitions) + " partitions, no messages)";
        else if (read == 0)
            why = "no message of '" + topic + "' is at or after " + core::format_rfc3339(warm_from) +
                  " (--since less the rules' longest window)";
        else
            why = "none of the " + std::to_string(read) + " messages read from '" + topic + "' has a timestamp in " +
                  range + "; they span " + core::format_rfc3339(first_ts) + " to " + core::format_rfc3339(last_ts);
        std::fprintf(stderr, "herald replay: nothing to replay: %s\n", why.c_str());
        return 1;
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr,
                 "herald replay: %llu events of '%s' in [%s, %s) -> %llu alerts on '%s' (%llu bad messages skipped) in "
                 "%.2f s (%.0f events/s)\n",
                 static_cast<unsigned long long>(events), topic.c_str(), o.get("since").c_str(), o.get("until").c_str(),
                 static_cast<unsigned long long>(published), alerts_topic.c_str(), static_cast<unsigned long long>(bad),
                 secs, static_cast<double>(events) / (secs > 0 ? secs : 1));
    return 0;
}

}  // namespace herald::app
