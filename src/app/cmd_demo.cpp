// `herald demo`: the whole path on one machine — embedded broker, the bundled sample feed and
// rules, alerts printed as they fire, /metrics served.
#include <atomic>
#include <cstdio>

#include "herald/app/commands.hpp"
#include "herald/app/engine_runner.hpp"
#include "herald/app/feed_publisher.hpp"
#include "herald/app/line_reader.hpp"
#include "herald/app/resources.hpp"
#include "herald/app/rules_source.hpp"
#include "herald/app/run_options.hpp"
#include "herald/kafka/embedded_broker.hpp"
#include "herald/core/log.hpp"

namespace herald::app {

namespace {

std::unique_ptr<kafka::EmbeddedBroker> start_broker(int partitions) {
    std::string error;
    auto broker = kafka::EmbeddedBroker::create(1, error);
    if (!broker) throw std::runtime_error("cannot start the embedded broker: " + error);
    for (auto [topic, n] : {std::pair<std::string, int>{"news", partitions}, {"alerts", 3}, {"news.dlq", 1}})
        if (!broker->create_topic(topic, n, error)) throw std::runtime_error("cannot create topic " + topic + ": " + error);
    core::log::info("demo", core::log::printf("embedded broker at %s", broker->bootstrap().c_str()));
    return broker;
}

// Publishes `feed` (--feed, opened by the caller; null: the bundled feed) to 'news'; returns how
// many events.
uint64_t publish_feed(const std::string& bootstrap, LineReader* feed) {
    std::string error;
    kafka::Producer::Options popts;
    popts.brokers = bootstrap;
    FeedDeliveries deliveries;
    auto producer = kafka::Producer::create(popts, deliveries.callback(), error);
    if (!producer) throw std::runtime_error("cannot create the feed producer: " + error);
    FeedPublisher pub(*producer, "news", &deliveries);
    int64_t t;
    if (feed) {
        std::string_view line;
        while (feed->next(line))
            if (!line.empty() && !pub.publish_line(line, t)) throw std::runtime_error(pub.error());
    } else {
        std::string_view bundled = demo_feed();
        while (!bundled.empty()) {
            size_t nl = bundled.find('\n');
            std::string_view line = bundled.substr(0, nl);
            bundled = nl == std::string_view::npos ? std::string_view() : bundled.substr(nl + 1);
            if (!line.empty() && !pub.publish_line(line, t)) throw std::runtime_error(pub.error());
        }
    }
    if (!pub.flush(30000)) throw std::runtime_error(pub.error());
    return pub.published();
}

// What keeps the demo (and /metrics) up once the feed is done, said as it is: not "Ctrl-C"
// when --events or --duration will end it.
std::string after_feed(const Options& o, int64_t events_limit, uint64_t feed_events, int64_t stop_after_ms) {
    if (events_limit > 0 && static_cast<uint64_t>(events_limit) <= feed_events)
        return "; stopping (--events " + std::to_string(events_limit) + ")";
    if (stop_after_ms > 0)
        return "; /metrics stays up until --duration " + o.get("duration") + " has passed" +
               (events_limit > 0 ? ", " + std::to_string(events_limit) + " events are consumed" : std::string()) +
               " or Ctrl-C";
    if (events_limit > 0)
        return "; /metrics stays up until " + std::to_string(events_limit) + " events are consumed (--events) or Ctrl-C";
    return "; /metrics stays up until Ctrl-C";
}

// How the demo stops, for the line that gives the /metrics address.
std::string stop_conditions(const Options& o, int64_t events_limit, int64_t stop_after_ms) {
    if (events_limit > 0)
        return "stops after " + std::to_string(events_limit) + " events are consumed" +
               (stop_after_ms > 0 ? " or --duration " + o.get("duration") : std::string()) + ", or Ctrl-C";
    if (stop_after_ms > 0) return "stops after --duration " + o.get("duration") + ", or Ctrl-C";
    return "Ctrl-C to stop";
}

}  // namespace

int command_demo(int argc, char** argv, int first) {
    CommandSpec spec{"demo",
                     "herald demo [options]",
                     "Starts an embedded Kafka broker on loopback, publishes the bundled sample feed (or --feed) to\n"
                     "topic 'news', runs the engine with the bundled rules (or --rules) and prints each alert as it\n"
                     "is acknowledged. /metrics stays up until Ctrl-C, --events N or --duration.",
                     {
                         {"events", "N", "stop after N events are consumed", ""},
                         {"duration", "DURATION", "stop after this long (e.g. 30s)", ""},
                         {"json", "", "print alerts as JSON, exactly as published", ""},
                         {"partitions", "N", "partitions of the demo's news topic", "6"},
                         {"feed", "FILE", "NDJSON feed instead of the bundled one", ""},
                         {"rules", "FILE", "rules instead of the bundled ones", ""},
                     },
                     false};
    for (auto& opt : engine_options()) spec.options.push_back(opt);
    for (auto& opt : log_options()) spec.options.push_back(opt);
    std::optional<Options> parsed = parse_command(argc, argv, first, spec);
    if (!parsed) return 0;
    Options& o = *parsed;

    EngineSetup setup;
    apply_engine_options(o, setup);
    setup.rules.emplace(o.has("rules") ? RulesSource(o.get("rules")) : demo_rules());
    setup.rules->load_or_throw("herald demo");
    int partitions = static_cast<int>(o.get_int("partitions", 6, 1, 1000));
    bool json = o.flag("json");
    int64_t events_limit = o.get_int("events", 0, 1, INT64_MAX);
    const int64_t stop_after_ms = o.get_duration_ms("duration", 0);  // a bad one is refused before any work
    LineReader feed;  // --feed is opened before the broker starts: a missing file is refused at once
    if (o.has("feed")) {
        std::string error;
        if (!feed.open(o.get("feed"), error)) throw UsageError("herald demo: " + error);
    }

    auto broker = start_broker(partitions);

    // Publish the feed first: the engine then reads it like any live topic.
    const uint64_t feed_events = publish_feed(broker->bootstrap(), o.has("feed") ? &feed : nullptr);
    core::log::info("demo", core::log::printf("published %llu events to 'news' (%d partitions), %zu rules loaded",
                                              static_cast<unsigned long long>(feed_events), partitions,
                                              setup.rules->current()->size()));

    setup.pipeline.brokers = broker->bootstrap();
    setup.pipeline.group = "herald-demo";
    setup.pipeline.stop_after_events = events_limit;
    setup.pipeline.stop_after_ms = stop_after_ms;
    setup.pipeline.on_alert = [json](const AlertNotice& n) { print_alert(n, json); };
    // The demo group is alone: let a first join settle fast.
    setup.pipeline.consumer_properties.insert(setup.pipeline.consumer_properties.begin(),
                                              {{"session.timeout.ms", "6000"}, {"max.poll.interval.ms", "10000"}});
    const std::string after = after_feed(o, events_limit, feed_events, setup.pipeline.stop_after_ms);
    const std::string stops = stop_conditions(o, events_limit, setup.pipeline.stop_after_ms);
    std::atomic<bool> announced{false};
    setup.on_started = [stops](int port) {
        core::log::info("demo", core::log::printf("metrics at http://127.0.0.1:%d/metrics (%s)", port, stops.c_str()));
    };
    setup.on_tick = [&, after](const Pipeline& p) {
        const Pipeline::Counters c = p.counters();
        if (!announced.load() && c.processed >= feed_events &&
            c.alerts_acked + c.delivery_failures >= c.alerts_produced) {
            announced.store(true);
            core::log::info("demo", core::log::printf("all %llu events processed, %llu alerts, %llu dead letters%s",
                                                      static_cast<unsigned long long>(c.processed),
                                                      static_cast<unsigned long long>(c.alerts_acked),
                                                      static_cast<unsigned long long>(c.dead_lettered), after.c_str()));
        }
    };
    setup.quiet = true;
    return run_engine(setup);
}

}  // namespace herald::app
