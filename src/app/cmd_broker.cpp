// `herald broker`: a standalone embedded Kafka broker on loopback for local experiments with any
// Kafka client (kcat, confluent-kafka, herald run/replay).
#include <chrono>
#include <cstdio>
#include <sstream>
#include <thread>

#include "herald/app/commands.hpp"
#include "herald/app/engine_runner.hpp"
#include "herald/app/options.hpp"
#include "herald/kafka/embedded_broker.hpp"

namespace herald::app {

int command_broker(int argc, char** argv, int first) {
    static const CommandSpec spec{
        "broker",
        "herald broker [--topics news:12,alerts:3,news.dlq:1] [--brokers N]",
        "Starts librdkafka's mock cluster on loopback (ephemeral ports), creates the topics, prints the\n"
        "bootstrap address on stdout as its first line, and runs until Ctrl-C. Data lives in memory only and\n"
        "each partition keeps about 5 MB.",
        {
            {"topics", "LIST", "topics to create as NAME:PARTITIONS, comma separated", "news:12,alerts:3,news.dlq:1"},
            {"brokers", "N", "number of mock brokers", "1"},
        },
        false};
    Options o = parse_args(argc, argv, first, spec);
    if (o.flag("help")) {
        std::fputs(spec.help_text().c_str(), stdout);
        return 0;
    }
    int n = static_cast<int>(o.get_int("brokers", 1, 1, 16));
    std::string error;
    auto broker = kafka::EmbeddedBroker::create(n, error);
    if (!broker) throw std::runtime_error("cannot start the embedded broker: " + error);
    std::stringstream topics(o.get("topics", "news:12,alerts:3,news.dlq:1"));
    std::string item;
    while (std::getline(topics, item, ',')) {
        if (item.empty()) continue;
        auto colon = item.rfind(':');
        std::string name = item.substr(0, colon);
        int partitions = 1;
        if (colon != std::string::npos) {
            try {
                partitions = std::stoi(item.substr(colon + 1));
            } catch (const std::exception&) {
                partitions = 0;
            }
        }
        if (name.empty() || partitions < 1)
            throw UsageError("herald broker: --topics entry '" + item + "' must be NAME:PARTITIONS, e.g. news:12");
        if (!broker->create_topic(name, partitions, error))
            throw std::runtime_error("cannot create topic " + name + ": " + error);
    }
    std::printf("%s\n", broker->bootstrap().c_str());
    std::fflush(stdout);
    std::fprintf(stderr, "herald broker: listening on %s; Ctrl-C to stop\n", broker->bootstrap().c_str());
    install_stop_handlers();
    while (!stop_requested().load()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return 0;
}

}  // namespace herald::app
