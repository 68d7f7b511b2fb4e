#pragma once
// Command-line and config-file options. Flags and the YAML config use the same keys
// ("--input-topic news" == "input-topic: news"); flags win. Start-up code only: throws UsageError.
//
//   auto o = herald::app::parse_command(argc, argv, 2, spec);  // skip "herald run"; merges --config
//   if (!o) return 0;                                          // --help was printed
//   std::string brokers = o->get("brokers", "127.0.0.1:9092");
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace herald::app {

// A mistake in how herald was invoked or configured: one line, exit code 2.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct OptionSpec {
    std::string name;   // "input-topic"
    std::string value;  // "TOPIC" for options with a value; empty for boolean flags
    std::string help;
    std::string fallback;  // shown in --help as the default
};

struct CommandSpec {
    std::string name;      // "run"
    std::string usage;     // "herald run [options]"
    std::string summary;   // one paragraph
    std::vector<OptionSpec> options;
    bool takes_files = false;
    const OptionSpec* find(const std::string& name) const;
    std::string help_text() const;
};

class Options {
public:
    bool has(const std::string& key) const { return values_.count(key) > 0; }
    std::string get(const std::string& key, const std::string& fallback = "") const;
    int64_t get_int(const std::string& key, int64_t fallback, int64_t min, int64_t max) const;
    int64_t get_duration_ms(const std::string& key, int64_t fallback) const;
    bool flag(const std::string& key) const;
    // Every value of a repeatable option, in the order given (flags; else the config file's one).
    std::vector<std::string> get_all(const std::string& key) const;
    void set(const std::string& key, const std::string& value) {
        values_[key] = value;
        all_.erase(key);
    }
    // librdkafka passthrough properties from the config file's `kafka:`, `consumer:` and
    // `producer:` maps and from repeated `--kafka key=value` / `--consumer` / `--producer` flags
    // (`shadow-producer:` / `--shadow-producer`: herald run's shadow producer only).
    std::vector<std::pair<std::string, std::string>> kafka, consumer, producer, shadow_producer;
    std::vector<std::string> files;  // positional arguments

    // Reads a YAML map with the same keys; keys already set (by flags) are kept.
    void merge_config_file(const std::string& path, const CommandSpec& spec);

private:
    friend Options parse_args(int argc, char** argv, int first, const CommandSpec& spec);
    std::map<std::string, std::string> values_;          // the last value of each option
    std::map<std::string, std::vector<std::string>> all_;  // every value given on the command line
};

// A librdkafka property's value as given, or read from "@file:PATH" (one trailing newline
// dropped) or "${env:NAME}"; UsageError (naming `where`, never a value) when it cannot be read.
std::string property_value(const std::string& name, const std::string& value, const std::string& where);

// Throws UsageError naming the bad argument. "--help" sets flag "help".
Options parse_args(int argc, char** argv, int first, const CommandSpec& spec);

// What every command does first: parse_args, then --help prints the help to stdout and gives
// nullopt (the command exits 0), --config FILE is merged under the flags, and the log options
// (when the command has them) configure the logger.
std::optional<Options> parse_command(int argc, char** argv, int first, const CommandSpec& spec);

// --log-level and --log-format, for the commands that run long (run, demo, console, notify).
std::vector<OptionSpec> log_options();
// Configures core::log from them (parse_command does, for every command that lists them);
// UsageError naming `command` for a bad value.
void apply_log_options(const Options& o, const std::string& command);

}  // namespace herald::app
