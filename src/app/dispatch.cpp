#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include "herald/app/commands.hpp"
#include "herald/app/options.hpp"
#include "herald/core/open_files.hpp"

namespace herald::app {

namespace {
constexpr const char* kUsage =
    "usage: herald <command> [options]\n"
    "\n"
    "commands:\n"
    "  run            the streaming engine: consume news, publish alerts, serve /metrics\n"
    "  demo           embedded broker + bundled sample feed + bundled rules; prints alerts\n"
    "  broker         a standalone embedded Kafka broker on loopback; prints its address\n"
    "  analyze        NDJSON events in, one analysis (or, with --rules --alerts, alerts) per line out\n"
    "  replay         publish NDJSON feeds into a topic, or re-run rules over a topic's time range\n"
    "  rules check    validate a rules file\n"
    "\n"
    "`herald <command> --help` describes each command's options.\n";
}

int main_dispatch(int argc, char** argv) {
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "help")) {
        std::fputs(kUsage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (!std::strcmp(argv[1], "--version")) {
        std::printf("herald %s\n", HERALD_VERSION);
        return 0;
    }
    std::string cmd = argv[1];
    // Broker connections, pipes and metrics clients all take descriptors: the common soft limit
    // of 1024 is far below the hard one, so use the hard one.
    core::raise_open_files_limit();
    try {
        if (cmd == "run") return command_run(argc, argv, 2);
        if (cmd == "demo") return command_demo(argc, argv, 2);
        if (cmd == "broker") return command_broker(argc, argv, 2);
        if (cmd == "analyze") return command_analyze(argc, argv, 2);
        if (cmd == "rules") return command_rules(argc, argv, 2);
        if (cmd == "replay") return command_replay(argc, argv, 2);
    } catch (const UsageError& e) {
        // Messages that already name their command ("herald replay: ...") are not prefixed again.
        const bool named = std::strncmp(e.what(), "herald ", 7) == 0;
        std::fprintf(stderr, "%s%s\n", named ? "" : "herald: ", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "herald %s: %s\n", cmd.c_str(), e.what());
        return 1;
    }
    std::fprintf(stderr, "herald: unknown command '%s' (run `herald --help` for the list)\n", cmd.c_str());
    return 2;
}

}  // namespace herald::app
