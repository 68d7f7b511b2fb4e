// `herald replay`: historical feeds.
//   --input FILE... --topic T [--speed 10x|max]   publish NDJSON (plain/.gz) into a topic, paced by event time
//   --from-topic T --since TIME --until TIME --alerts-topic A [--rules FILE]
//                                                 re-run rules over a time range into a separate topic
#include <chrono>
#include <cstdio>
#include <thread>

#include "herald/app/commands.hpp"
#include "herald/app/engine_runner.hpp"
#include "herald/app/feed_publisher.hpp"
#include "herald/app/line_reader.hpp"
#include "herald/app/options.hpp"
#include "herald/app/topic_replay.hpp"
#include "herald/core/time.hpp"
#include "herald/core/log.hpp"

namespace herald::app {

namespace {

const CommandSpec& replay_spec() {
    static const CommandSpec spec{
        "replay",
        "herald replay --brokers B --input FILE... --topic news [--speed 10x|max]\n"
        "       herald replay --brokers B --from-topic news --since T --until T --alerts-topic alerts.replay --rules FILE",
        "From files: publishes NDJSON events (plain or .gz) into --topic, key = primary ticker, message timestamp =\n"
        "event time, pacing by the gaps between event times divided by --speed (max = no pacing); progress on\n"
        "stderr. From a topic: reads the time range [--since, --until) with its own consumer (no group, no commits),\n"
        "evaluates the rules and publishes the alerts to --alerts-topic; the live group's offsets are untouched.",
        {
            {"brokers", "LIST", "Kafka bootstrap servers", ""},
            {"input", "FILE", "NDJSON feed (repeatable; more files may follow as arguments)", ""},
            {"topic", "TOPIC", "where --input events are published", "news"},
            {"speed", "FACTOR", "10x, 0.5x or max", "max"},
            {"from-topic", "TOPIC", "topic to re-read", ""},
            {"since", "TIME", "RFC 3339 start of the range (inclusive)", ""},
            {"until", "TIME", "RFC 3339 end of the range (exclusive)", ""},
            {"alerts-topic", "TOPIC", "where replayed alerts go (never the live alerts topic)", "alerts.replay"},
            {"rules", "FILE", "rules file for --from-topic", ""},
            {"max-future-skew", "DURATION",
             "--from-topic: events dated more than this ahead of their message timestamp (or the clock) are "
             "skipped as future_time, as `herald run` dead-letters them (0 = no check)",
             "1h"},
            {"lexicon", "FILE", "extra lexicon entries", ""},
            {"aliases", "FILE", "extra company aliases", ""},
            {"kafka", "KEY=VALUE", "librdkafka property (repeatable)", ""},
            {"config", "FILE", "YAML file with the same keys", ""},
        },
        true};
    return spec;
}

// "10x" -> 10, "0.5x" -> 0.5, "max" -> 0 (no pacing).
double parse_speed(const std::string& s) {
    if (s == "max") return 0;
    std::string num = !s.empty() && (s.back() == 'x' || s.back() == 'X') ? s.substr(0, s.size() - 1) : s;
    try {
        size_t used = 0;
        double v = std::stod(num, &used);
        if (used == num.size() && v > 0) return v;
    } catch (const std::exception&) {
    }
    throw UsageError("herald replay: --speed '" + s + "' must be a factor like 10x or 0.5x, or max");
}

std::unique_ptr<kafka::Producer> feed_producer(const Options& o, const std::string& topic, FeedDeliveries& deliveries) {
    std::string error;
    kafka::Producer::Options popts;
    popts.brokers = o.get("brokers");
    popts.extra = o.kafka;
    auto producer = kafka::Producer::create(popts, deliveries.callback(), error);
    if (!producer) throw UsageError("herald replay: cannot create a Kafka producer: " + error);
    // Learn the topic before the first event. Messages produced before librdkafka knows the topic
    // wait about a second, and (measured: 1 run in 5 of 100k events, --kafka partitioner=random
    // over 104 partitions) the first ~900 of them all landed on partition 0.
    if (!producer->learn_topics({topic}, 5000, error))
        core::log::warn("replay",
                        core::log::printf("%s; the first events wait until the brokers know it", error.c_str()));
    return producer;
}

// Serves delivery reports until `due` (an event's place on the compressed timeline) or a stop.
void wait_until(kafka::Producer& producer, std::chrono::steady_clock::time_point due) {
    while (std::chrono::steady_clock::now() < due && !stop_requested().load()) {
        producer.poll(0);
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
            due - std::chrono::steady_clock::now(), std::chrono::milliseconds(100)));
    }
}

// A progress line at most once a second.
void say_progress(const FeedPublisher& pub, std::chrono::steady_clock::time_point wall_start, int64_t event_ms,
                  std::chrono::steady_clock::time_point& last_progress) {
    auto now = std::chrono::steady_clock::now();
    if (now - last_progress <= std::chrono::seconds(1)) return;
    last_progress = now;
    double secs = std::chrono::duration<double>(now - wall_start).count();
    core::log::info("replay", core::log::printf("%llu events published (%.0f/s)%s%s",
                                                static_cast<unsigned long long>(pub.published()),
                                                static_cast<double>(pub.published()) / secs,
                                                event_ms >= 0 ? ", event time " : "",
                                                event_ms >= 0 ? core::format_rfc3339(event_ms).c_str() : ""));
}

int replay_files(const Options& o, std::vector<std::string> files) {
    double speed = parse_speed(o.get("speed", "max"));
    std::string topic = o.get("topic", "news");
    std::string error;
    FeedDeliveries deliveries;
    auto producer = feed_producer(o, topic, deliveries);
    FeedPublisher pub(*producer, topic, &deliveries);
    install_stop_handlers();

    auto wall_start = std::chrono::steady_clock::now();
    int64_t first_event_ms = -1;
    auto last_progress = wall_start;
    std::string stopped_at;  // "FILE line N" when interrupted before the end
    for (const auto& path : files) {
        LineReader reader;
        if (!reader.open(path, error)) throw UsageError("herald replay: " + error);
        std::string_view line;
        uint64_t line_no = 0;
        while (stopped_at.empty() && reader.next(line)) {
            ++line_no;
            if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
            const int64_t event_ms = pub.prepare(line);
            if (speed > 0 && event_ms >= 0) {
                if (first_event_ms < 0) first_event_ms = event_ms;
                // Wait for this event's place on the compressed timeline, then send it.
                auto due = wall_start + std::chrono::microseconds(
                                            static_cast<int64_t>(static_cast<double>(event_ms - first_event_ms) * 1000.0 / speed));
                wait_until(*producer, due);
            }
            if (stop_requested().load()) {
                stopped_at = path + " line " + std::to_string(line_no);
                break;
            }
            if (!pub.publish_prepared(line)) {
                core::log::error("replay", pub.error());
                return 1;
            }
            say_progress(pub, wall_start, event_ms, last_progress);
        }
        if (!stopped_at.empty()) break;
        if (!reader.error().empty()) {
            core::log::error("replay", reader.error());
            return 1;
        }
    }
    if (!pub.flush(60000)) {
        core::log::error("replay", pub.error());
        return 1;
    }
    if (!stopped_at.empty()) {
        // Not done: say how far it got, so the rest can be published from there.
        core::log::error("replay", core::log::printf("interrupted: %llu events published to '%s'; stopped before %s "
                                                     "(not published), the rest of the input was not read",
                                                     static_cast<unsigned long long>(pub.published()), topic.c_str(),
                                                     stopped_at.c_str()));
        return 1;
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    core::log::info("replay", core::log::printf("done: %llu events published to '%s' in %.2f s (%.0f events/s)",
                                                static_cast<unsigned long long>(pub.published()), topic.c_str(), secs,
                                                static_cast<double>(pub.published()) / (secs > 0 ? secs : 1)));
    return 0;
}

}  // namespace

int command_replay(int argc, char** argv, int first) {
    const CommandSpec& spec = replay_spec();
    std::optional<Options> parsed = parse_command(argc, argv, first, spec);
    if (!parsed) return 0;
    Options& o = *parsed;
    if (!o.has("brokers")) throw UsageError("herald replay: --brokers HOST:PORT is required");
    std::vector<std::string> files = o.get_all("input");  // every --input, in order, then the arguments
    files.insert(files.end(), o.files.begin(), o.files.end());
    if (!files.empty() && o.has("from-topic"))
        throw UsageError("herald replay: use either --input FILE... or --from-topic, not both");
    if (!files.empty()) return replay_files(o, files);
    if (o.has("from-topic")) return replay_topic(o);
    throw UsageError("herald replay: give --input FILE... or --from-topic TOPIC (see herald replay --help)");
}

}  // namespace herald::app
