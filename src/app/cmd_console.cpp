// `herald console`: the analysts' page over the alerts topic (docs/console.md).
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include "herald/app/commands.hpp"
#include "herald/app/engine_runner.hpp"
#include "herald/app/options.hpp"
#include "herald/console/feed.hpp"
#include "herald/console/metrics.hpp"
#include "herald/console/routes.hpp"
#include "herald/console/server.hpp"
#include "herald/console/store.hpp"
#include "herald/core/time.hpp"
#include "herald/telemetry/listener.hpp"
#include "herald/core/log.hpp"

namespace herald::app {

namespace {

bool loopback(const std::string& address) {
    return address.rfind("127.", 0) == 0 || address == "::1" || address == "localhost";
}

// The token from a file (one line; surrounding whitespace dropped), so it is not on the command line.
std::string read_token(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw UsageError("herald console: cannot read --token-file " + path + ": check the path and permissions");
    std::stringstream s;
    s << in.rdbuf();
    std::string token = s.str();
    const size_t begin = token.find_first_not_of(" \t\r\n"), end = token.find_last_not_of(" \t\r\n");
    token = begin == std::string::npos ? "" : token.substr(begin, end - begin + 1);
    if (token.size() < 16 || token.find_first_of(" \t\r\n;,\"") != std::string::npos)
        throw UsageError("herald console: the token in " + path + " must be one word of at least 16 characters");
    return token;
}

int64_t duration_option(const Options& o, const char* name, int64_t fallback) {
    if (!o.has(name)) return fallback;
    int64_t ms = 0;
    if (!core::parse_duration(o.get(name), ms) || ms <= 0)
        throw UsageError(std::string("herald console: --") + name + " '" + o.get(name) + "' is not a duration (e.g. 30s, 7d)");
    return ms;
}

console::ServerOptions server_options_of(const Options& o) {
    console::ServerOptions server_options;
    server_options.address = o.get("address", "127.0.0.1");
    server_options.port = static_cast<uint16_t>(o.get_int("port", 8686, 0, 65535));
    server_options.max_connections = static_cast<size_t>(o.get_int("max-connections", 256, 2, 100000));
    server_options.max_streams = static_cast<size_t>(o.get_int("max-streams", 64, 1, 100000));
    server_options.request_timeout = std::chrono::milliseconds(duration_option(o, "request-timeout", 10000));
    return server_options;
}

console::FeedOptions feed_options_of(const Options& o) {
    console::FeedOptions feed_options;
    feed_options.brokers = o.get("brokers");
    feed_options.topic = o.get("topic", "alerts");
    feed_options.group = o.get("group", "herald-console");
    feed_options.max_alerts = o.get_int("max-alerts", 1'000'000, 1, int64_t{1} << 40);
    feed_options.max_age_ms = duration_option(o, "max-age", 30LL * 86'400'000);
    feed_options.extra = o.kafka;
    feed_options.extra.insert(feed_options.extra.end(), o.consumer.begin(), o.consumer.end());
    return feed_options;
}

}  // namespace

int command_console(int argc, char** argv, int first) {
    CommandSpec spec{"console",
                     "herald console --brokers HOST:PORT [options]",
                     "The analysts' page: reads --topic (its own consumer group) into an SQLite file and serves\n"
                     "alerts as they fire, filters, each alert's evidence, charts per ticker, acknowledge and mute,\n"
                     "and a JSON API. Loopback only unless --token-file is given. SIGINT/SIGTERM stop it.",
                     {
                         {"brokers", "LIST", "Kafka bootstrap servers", ""},
                         {"topic", "TOPIC", "the alerts topic", "alerts"},
                         {"group", "ID", "consumer group", "herald-console"},
                         {"db", "FILE", "SQLite file (created, or rebuilt from the topic, when missing)", "herald-console.db"},
                         {"address", "IP", "address to listen on (anything but loopback needs --token-file)", "127.0.0.1"},
                         {"port", "N", "HTTP port (0: a free one, printed)", "8686"},
                         {"token-file", "FILE", "bearer token every request must carry (a file, one line)", ""},
                         {"max-alerts", "N", "alerts kept at most (the oldest go first)", "1000000"},
                         {"max-age", "DURATION", "alerts kept at most this long", "30d"},
                         {"max-connections", "N", "open HTTP connections at most", "256"},
                         {"max-streams", "N", "browsers following alerts live at most", "64"},
                         {"request-timeout", "DURATION", "a request must arrive whole within it", "10s"},
                         {"kafka", "KEY=VALUE", "librdkafka property (repeatable)", ""},
                         {"consumer", "KEY=VALUE", "librdkafka consumer property (repeatable)", ""},
                         {"config", "FILE", "YAML file with the same keys", ""},
                     },
                     false};
    for (auto& opt : log_options()) spec.options.push_back(opt);
    std::optional<Options> parsed = parse_command(argc, argv, first, spec);
    if (!parsed) return 0;
    Options& o = *parsed;
    if (!o.has("brokers")) throw UsageError("herald console: --brokers HOST:PORT is required (or `brokers:` in --config)");
    const console::ServerOptions server_options = server_options_of(o);
    console::RouterOptions router_options;
    if (o.has("token-file")) router_options.token = read_token(o.get("token-file"));
    if (router_options.token.empty() && !loopback(server_options.address))
        throw UsageError("herald console: --address " + server_options.address +
                         " reaches beyond this machine: give --token-file FILE too (or keep 127.0.0.1)");
    const console::FeedOptions feed_options = feed_options_of(o);

    const std::string db = o.get("db", "herald-console.db");
    std::string error;
    bool created = false;
    auto writer = console::Store::open(db, error, &created);
    auto reader = writer ? console::Store::open(db, error) : nullptr;
    if (!reader) {
        core::log::error("console", error);
        return 1;
    }
    console::ConsoleMetrics metrics;
    console::Router router(*reader, &metrics, router_options);
    console::Server server(router, *reader, &metrics, server_options);
    console::Feed feed(*writer, &metrics, feed_options, [&](std::vector<console::Row> rows) { server.publish(std::move(rows)); });
    install_stop_handlers();
    if (!feed.start(error)) {
        core::log::error("console", error);
        return 1;
    }
    if (!server.start(error)) {
        core::log::error("console", error);
        return 1;
    }
    core::log::info("console",
                    core::log::printf("serving http://%s/ (alerts from '%s' at %s; %s %s)",
                                      telemetry::endpoint_text(server_options.address, server.port()).c_str(),
                                      feed_options.topic.c_str(), feed_options.brokers.c_str(),
                                      created ? "new store, reading the topic from its start:" : "store", db.c_str()));
    feed.run(stop_requested());
    server.stop();
    feed.close();
    core::log::info("console", "stopped");
    return 0;
}

}  // namespace herald::app
