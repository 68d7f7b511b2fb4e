#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include "herald/app/commands.hpp"
#include "herald/app/options.hpp"
#include "herald/core/log.hpp"
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
    "  backtest       what a rules change would have done on a feed: alerts added, removed, changed\n"
    "  notify         deliver the alerts topic to Alertmanager and webhooks, at least once\n"
    "  console        the analysts' page: alerts as they fire, evidence, charts, acknowledge; JSON API\n"
    "  rules check    validate a rules file\n"
    "\n"
    "`herald <command> --help` describes each command's options.\n";

// A closed standard descriptor would be handed to the next file or socket herald opens (a feed,
// a broker connection), and output meant for stdout would land there. Each closed one is
// taken by /dev/null, opened so that writing to stdout or stderr fails (read-only) and reading
// stdin gives end of input: lost output is then seen (output_failed) instead of misdirected.
void guard_standard_descriptors() {
    for (int fd = 0; fd <= 2; ++fd) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
        const int got = open("/dev/null", O_RDONLY);
        if (got >= 0 && got != fd) {  // a lower descriptor was free too: move it into place
            dup2(got, fd);
            close(got);
        }
    }
}

int g_output_error = 0;  // errno of the first failed write a command noted

// Did any write to stdout fail? Flushes what is buffered. errno of the failure, when known.
bool output_failed(int& error) {
    errno = 0;
    const bool failed = std::fflush(stdout) != 0 || std::ferror(stdout);
    error = g_output_error != 0 ? g_output_error : errno;
    return failed;
}

// Output that could not be written fails the command: `herald analyze feed > /dev/full` used to
// exit 0 with every line lost.
int checked(const std::string& cmd, int status) {
    int error = 0;
    if (!output_failed(error)) return status;
    core::log::error(cmd, std::string("cannot write to standard output (") +
                              (error != 0 ? std::strerror(error) : "write failed") + "): output was lost");
    return status == 0 ? 1 : status;
}
// A failure that ends a command, with the prefix once: messages that already name their command
// ("herald replay: ...") keep it as their component; others get `component`.
// "FILE:LINE:COL: ..." (a configuration or rules file's error): editors and CI annotate such
// lines only when the location comes first, so they get no command prefix.
bool starts_with_location(std::string_view what) {
    const size_t space = what.find(' ');
    std::string_view head = what.substr(0, space);  // "FILE:LINE:COL:"
    int numbers = 0;
    while (numbers < 2 && head.size() > 1 && head.back() == ':') {
        head.remove_suffix(1);
        const size_t colon = head.rfind(':');
        if (colon == std::string_view::npos || colon + 1 == head.size()) return false;
        for (char c : head.substr(colon + 1))
            if (c < '0' || c > '9') return false;
        head = head.substr(0, colon + 1);
        ++numbers;
    }
    return numbers == 2 && head.size() > 1;
}

void log_failure(std::string_view what, const std::string& component) {
    constexpr std::string_view kHerald = "herald ";
    const size_t colon = what.find(": ");
    if (what.substr(0, kHerald.size()) == kHerald && colon != std::string_view::npos &&
        what.substr(kHerald.size(), colon - kHerald.size()).find(' ') == std::string_view::npos) {
        core::log::error(what.substr(kHerald.size(), colon - kHerald.size()), what.substr(colon + 2));
        return;
    }
    core::log::error(component, what);
}
}  // namespace

void note_output_error(int error) {
    if (g_output_error == 0) g_output_error = error;
}

int main_dispatch(int argc, char** argv) {
    guard_standard_descriptors();
    // `herald help CMD` is `herald CMD --help`.
    char help_flag[] = "--help";
    char* help_argv[] = {argv[0], argc > 2 ? argv[2] : nullptr, help_flag, nullptr};
    if (argc == 3 && !std::strcmp(argv[1], "help") && std::strcmp(argv[2], "help") != 0) {
        argc = 3;
        argv = help_argv;
    }
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "help")) {
        // The usage text, not a log line (no level, no prefix, many lines): stderr only when it
        // answers a mistake (no command), as --help's goes to stdout.
        std::fputs(kUsage, argc < 2 ? stderr : stdout);
        return checked("", argc < 2 ? 2 : 0);
    }
    if (!std::strcmp(argv[1], "--version")) {
        std::printf("herald %s\n", HERALD_VERSION);
        return checked("", 0);
    }
    std::string cmd = argv[1];
    // Broker connections, pipes and metrics clients all take descriptors: the common soft limit
    // of 1024 is far below the hard one, so use the hard one.
    core::raise_open_files_limit();
    try {
        if (cmd == "run") return checked(cmd, command_run(argc, argv, 2));
        if (cmd == "demo") return checked(cmd, command_demo(argc, argv, 2));
        if (cmd == "broker") return checked(cmd, command_broker(argc, argv, 2));
        if (cmd == "analyze") return checked(cmd, command_analyze(argc, argv, 2));
        if (cmd == "rules") return checked(cmd, command_rules(argc, argv, 2));
        if (cmd == "replay") return checked(cmd, command_replay(argc, argv, 2));
        if (cmd == "backtest") return checked(cmd, command_backtest(argc, argv, 2));
        if (cmd == "notify") return checked(cmd, command_notify(argc, argv, 2));
        if (cmd == "console") return checked(cmd, command_console(argc, argv, 2));
    } catch (const UsageError& e) {
        // "herald demo: --events 'x' is not ...": the command that refused it, unless a file's
        // location leads the line.
        log_failure(e.what(), starts_with_location(e.what()) ? std::string() : cmd);
        return 2;
    } catch (const std::exception& e) {
        log_failure(e.what(), cmd);
        return 1;
    }
    core::log::error("", "unknown command '" + cmd + "' (run `herald --help` for the list)");
    return 2;
}

}  // namespace herald::app
