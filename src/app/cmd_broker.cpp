// `herald broker`: a standalone embedded Kafka broker on loopback for local experiments with any
// Kafka client (kcat, confluent-kafka, herald run/replay).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "herald/app/commands.hpp"
#include "herald/app/engine_runner.hpp"
#include "herald/app/options.hpp"
#include "herald/kafka/embedded_broker.hpp"
#include "herald/core/log.hpp"

namespace herald::app {

namespace {

// Kafka API keys by the names the fault commands accept.
int api_key(const std::string& name) {
    static const std::map<std::string, int> keys{
        {"produce", 0},       {"fetch", 1},           {"list_offsets", 2},     {"metadata", 3},
        {"offset_commit", 8}, {"offset_fetch", 9},    {"find_coordinator", 10}, {"join_group", 11},
        {"heartbeat", 12},    {"leave_group", 13},    {"sync_group", 14},      {"init_producer_id", 22},
        {"add_partitions_to_txn", 24},                {"add_offsets_to_txn", 25},
        {"end_txn", 26},      {"txn_offset_commit", 28}};
    auto it = keys.find(name);
    if (it != keys.end()) return it->second;
    try {
        return std::stoi(name);
    } catch (const std::exception&) {
        return -1;
    }
}

// One fault command (see --control); returns "" or what was wrong.
std::string run_control(kafka::EmbeddedBroker& broker, const std::string& line) {
    std::istringstream in(line);
    std::string verb;
    in >> verb;
    auto bad = [&](const char* usage) { return std::string("usage: ") + usage; };
    if (verb == "down" || verb == "up") {
        int id = 0;
        if (!(in >> id)) return bad("down|up BROKER_ID");
        return broker.set_broker_down(id, verb == "down") ? "" : "no broker " + std::to_string(id);
    }
    if (verb == "rtt") {
        int id = 0, ms = 0;
        if (!(in >> id >> ms)) return bad("rtt BROKER_ID MS");
        return broker.set_rtt(id, ms) ? "" : "no broker " + std::to_string(id);
    }
    if (verb == "errors") {
        std::string api;
        int code = 0, count = 0;
        if (!(in >> api >> code >> count) || count < 1) return bad("errors API CODE COUNT (API: produce, fetch, offset_commit, ... or a number)");
        int key = api_key(api);
        if (key < 0) return "unknown Kafka API '" + api + "'";
        return broker.push_request_errors(key, std::vector<int>(static_cast<size_t>(count), code)) ? "" : "refused";
    }
    if (verb == "clear") {
        std::string api;
        if (!(in >> api) || api_key(api) < 0) return bad("clear API");
        broker.clear_request_errors(api_key(api));
        return "";
    }
    if (verb == "leader") {
        std::string topic;
        int32_t partition = 0;
        int id = 0;
        if (!(in >> topic >> partition >> id)) return bad("leader TOPIC PARTITION BROKER_ID");
        return broker.set_partition_leader(topic, partition, id) ? "" : "refused";
    }
    if (verb == "coordinator") {
        std::string type, key;
        int id = 0;
        if (!(in >> type >> key >> id)) return bad("coordinator group|transaction KEY BROKER_ID");
        return broker.set_coordinator(type, key, id) ? "" : "refused";
    }
    return "unknown command '" + verb + "' (down, up, rtt, errors, clear, leader, coordinator)";
}

}  // namespace

int command_broker(int argc, char** argv, int first) {
    static const CommandSpec spec{
        "broker",
        "herald broker [--topics news:12,alerts:3,news.dlq:1] [--brokers N]",
        "Starts librdkafka's mock cluster on loopback (ephemeral ports), creates the topics, prints the\n"
        "bootstrap address on stdout as its first line, and runs until Ctrl-C. Data lives in memory only and\n"
        "each partition keeps about 5 MB.\n"
        "With --control, fault commands are read from stdin, one per line, each answered on stdout with\n"
        "'ok' or 'error: ...':\n"
        "  down ID | up ID                       take broker ID off the network / bring it back\n"
        "  rtt ID MS                             add MS of round-trip time to broker ID\n"
        "  errors API CODE COUNT                 fail the next COUNT requests of API (produce, fetch,\n"
        "                                        offset_commit, heartbeat, ... or its number) with CODE\n"
        "  clear API                             drop the errors still queued for API\n"
        "  leader TOPIC PARTITION ID             move a partition's leader\n"
        "  coordinator group|transaction KEY ID  move a group or transaction coordinator",
        {
            {"topics", "LIST", "topics to create as NAME:PARTITIONS, comma separated", "news:12,alerts:3,news.dlq:1"},
            {"brokers", "N", "number of mock brokers", "1"},
            {"control", "", "read fault-injection commands from stdin (see above)", ""},
        },
        false};
    std::optional<Options> parsed = parse_command(argc, argv, first, spec);
    if (!parsed) return 0;
    Options& o = *parsed;
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
    core::log::info("broker", core::log::printf("listening on %s; Ctrl-C to stop", broker->bootstrap().c_str()));
    install_stop_handlers();
    if (o.flag("control")) {
        // Detached: a blocked read on stdin must not keep the process from stopping on a signal.
        std::thread([&broker] {
            std::string line;
            while (std::getline(std::cin, line)) {
                if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
                std::string problem = run_control(*broker, line);
                std::printf("%s\n", problem.empty() ? "ok" : ("error: " + problem).c_str());
                std::fflush(stdout);
            }
        }).detach();
    }
    while (!stop_requested().load()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (o.flag("control")) {
        std::fflush(stdout);
        std::_Exit(0);  // the control thread may still sit in a read on stdin
    }
    return 0;
}

}  // namespace herald::app
