#include "herald/app/options.hpp"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

#include "herald/core/log.hpp"
#include "herald/core/time.hpp"

namespace herald::app {

const OptionSpec* CommandSpec::find(const std::string& n) const {
    for (const auto& o : options)
        if (o.name == n) return &o;
    return nullptr;
}

std::string CommandSpec::help_text() const {
    std::ostringstream s;
    s << "usage: " << usage << "\n\n" << summary << "\n\noptions:\n";
    for (const auto& o : options) {
        std::string left = "  --" + o.name + (o.value.empty() ? "" : " " + o.value);
        s << left;
        if (left.size() < 30) s << std::string(30 - left.size(), ' ');
        else s << "\n" << std::string(30, ' ');
        s << o.help;
        if (!o.fallback.empty()) s << " (default " << o.fallback << ")";
        s << "\n";
    }
    s << "  --help                      show this help\n";
    return s.str();
}

std::string Options::get(const std::string& key, const std::string& fallback) const {
    auto it = values_.find(key);
    return it == values_.end() ? fallback : it->second;
}

int64_t Options::get_int(const std::string& key, int64_t fallback, int64_t min, int64_t max) const {
    auto it = values_.find(key);
    if (it == values_.end()) return fallback;
    int64_t v = 0;
    const std::string& s = it->second;
    auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size() || v < min || v > max)
        throw UsageError("--" + key + " '" + s + "' is not a whole number between " + std::to_string(min) + " and " +
                         std::to_string(max));
    return v;
}

int64_t Options::get_duration_ms(const std::string& key, int64_t fallback) const {
    auto it = values_.find(key);
    if (it == values_.end()) return fallback;
    int64_t ms = 0;
    core::DurationParse d = core::parse_duration_status(it->second, ms);
    if (d == core::DurationParse::too_long)
        throw UsageError("--" + key + " '" + it->second + "' is longer than the maximum duration, 3650d");
    if (d != core::DurationParse::ok)
        throw UsageError("--" + key + " '" + it->second + "' is not a duration like 30s, 5m, 2h");
    return ms;
}

bool Options::flag(const std::string& key) const {
    auto it = values_.find(key);
    return it != values_.end() && it->second != "false" && it->second != "0";
}

std::vector<std::string> Options::get_all(const std::string& key) const {
    if (auto it = all_.find(key); it != all_.end()) return it->second;
    if (auto it = values_.find(key); it != values_.end()) return {it->second};
    return {};
}

std::string property_value(const std::string& name, const std::string& value, const std::string& where) {
    // Secrets on the command line are visible to every user in /proc: a value can name a file
    // ("@file:/run/secrets/kafka-password", e.g. a mounted Kubernetes Secret) or an environment
    // variable ("${env:KAFKA_PASSWORD}"). Error lines name the file or variable, never a value.
    if (value.rfind("@file:", 0) == 0) {
        const std::string path = value.substr(6);
        std::ifstream in(path, std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (!in.good() && !in.eof())
            throw UsageError(where + ": cannot read '" + path + "' for property '" + name +
                             "': check the path and permissions");
        if (!text.empty() && text.back() == '\n') text.pop_back();  // files end in a newline
        if (!text.empty() && text.back() == '\r') text.pop_back();
        return text;
    }
    if (value.size() > 7 && value.rfind("${env:", 0) == 0 && value.back() == '}') {
        const std::string var = value.substr(6, value.size() - 7);
        const char* v = std::getenv(var.c_str());
        if (!v) throw UsageError(where + ": environment variable '" + var + "' for property '" + name + "' is not set");
        return v;
    }
    return value;
}

namespace {
void add_property(std::vector<std::pair<std::string, std::string>>& to, const std::string& kv, const std::string& opt) {
    auto eq = kv.find('=');
    // The argument is not echoed: it may be a secret written without its key.
    if (eq == std::string::npos || eq == 0)
        throw UsageError("--" + opt + " needs KEY=VALUE (a librdkafka property); an argument without a key or '=' was given");
    const std::string name = kv.substr(0, eq);
    to.emplace_back(name, property_value(name, kv.substr(eq + 1), "--" + opt + " " + name));
}
}  // namespace

Options parse_args(int argc, char** argv, int first, const CommandSpec& spec) {
    Options o;
    for (int i = first; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--help" || a == "-h") {
            o.values_["help"] = "true";
            continue;
        }
        if (a.rfind("--", 0) != 0 || a.size() == 2) {
            if (!spec.takes_files || (a.size() > 1 && a[0] == '-' && a != "-"))
                throw UsageError("herald " + spec.name + ": unexpected argument '" + a + "' (see herald " + spec.name +
                                 " --help)");
            o.files.push_back(a);
            continue;
        }
        std::string name = a.substr(2), value;
        bool has_value = false;
        if (auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
            has_value = true;
        }
        const OptionSpec* opt = spec.find(name);
        if (!opt)
            throw UsageError("herald " + spec.name + ": unknown option '--" + name + "' (see herald " + spec.name +
                             " --help)");
        if (!opt->value.empty() && !has_value) {
            if (i + 1 >= argc) throw UsageError("herald " + spec.name + ": option '--" + name + "' needs a value " + opt->value);
            value = argv[++i];
        } else if (opt->value.empty() && !has_value) {
            value = "true";
        }
        if (name == "kafka") add_property(o.kafka, value, name);
        else if (name == "consumer") add_property(o.consumer, value, name);
        else if (name == "producer") add_property(o.producer, value, name);
        else if (name == "shadow-producer") add_property(o.shadow_producer, value, name);
        else {
            o.values_[name] = value;
            o.all_[name].push_back(value);
        }
    }
    return o;
}

std::optional<Options> parse_command(int argc, char** argv, int first, const CommandSpec& spec) {
    Options o = parse_args(argc, argv, first, spec);
    if (o.flag("help")) {
        std::fputs(spec.help_text().c_str(), stdout);
        return std::nullopt;
    }
    if (o.has("config")) o.merge_config_file(o.get("config"), spec);
    apply_log_options(o, spec.name);
    return o;
}

std::vector<OptionSpec> log_options() {
    return {
        {"log-level", "LEVEL", "error, warn, info or debug: the least severe messages written to stderr", "info"},
        {"log-format", "FORMAT", "text (for people) or json (one object per line, for log shippers)", "text"},
    };
}

void apply_log_options(const Options& o, const std::string& command) {
    core::log::Level level = core::log::level();
    core::log::Format format = core::log::format();
    if (o.has("log-level") && !core::log::parse_level(o.get("log-level"), level))
        throw UsageError("herald " + command + ": --log-level '" + o.get("log-level") +
                         "' is not a level: use error, warn, info or debug");
    if (o.has("log-format") && !core::log::parse_format(o.get("log-format"), format))
        throw UsageError("herald " + command + ": --log-format '" + o.get("log-format") +
                         "' is not a format: use text or json");
    core::log::configure(level, format);
}

namespace {
std::string config_where(const std::string& path, const YAML::Mark& m) {
    return path + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1);
}

// The text of a scalar, or a usage error at its place: yaml-cpp's own conversion error names no file.
std::string config_scalar(const std::string& path, const YAML::Node& n, const std::string& what) {
    if (!n.IsScalar()) throw UsageError(config_where(path, n.Mark()) + ": " + what + " must be a single value, not a " +
                                        (n.IsMap() ? "map" : n.IsSequence() ? "list" : "null"));
    return n.Scalar();
}
}  // namespace

void Options::merge_config_file(const std::string& path, const CommandSpec& spec) {
    YAML::Node root;
    try {
        root = YAML::LoadFile(path);
    } catch (const YAML::BadFile&) {
        throw UsageError("cannot read config file '" + path + "': check the path and permissions");
    } catch (const YAML::Exception& e) {
        throw UsageError(config_where(path, e.mark) + ": invalid YAML: " + e.msg);
    }
    if (root.IsNull()) return;
    if (!root.IsMap())
        throw UsageError(config_where(path, root.Mark()) + ": a config file must be a YAML map of option: value");
    try {
        for (const auto& kv : root) {
            std::string key = config_scalar(path, kv.first, "a config key");
            auto where = [&] { return config_where(path, kv.first.Mark()); };
            if (key == "kafka" || key == "consumer" || key == "producer" || key == "shadow-producer") {
                if (!kv.second.IsMap()) throw UsageError(where() + ": '" + key + "' must be a map of librdkafka properties");
                auto& to = key == "kafka" ? kafka : key == "consumer" ? consumer : key == "producer" ? producer
                                                                                                   : shadow_producer;
                // Flags come after the file so they win when librdkafka applies properties in order.
                std::vector<std::pair<std::string, std::string>> from_file;
                for (const auto& p : kv.second) {
                    std::string name = config_scalar(path, p.first, "a librdkafka property name");
                    from_file.emplace_back(name, property_value(name, config_scalar(path, p.second, "'" + key + "." + name + "'"),
                                                                config_where(path, p.second.Mark())));
                }
                to.insert(to.begin(), from_file.begin(), from_file.end());
                continue;
            }
            const OptionSpec* opt = spec.find(key);
            if (!opt || key == "config" || key == "help")
                throw UsageError(where() + ": unknown config key '" + key + "' for herald " + spec.name);
            std::string value = config_scalar(path, kv.second, "'" + key + "'");
            if (!values_.count(key)) values_[key] = value;
        }
    } catch (const YAML::Exception& e) {  // any other shape yaml-cpp refuses: still FILE:LINE:COL, exit 2
        throw UsageError(config_where(path, e.mark) + ": " + e.msg);
    }
}

}  // namespace herald::app
