// `herald notify`: delivers the alerts topic to Alertmanager and webhooks (docs/notify.md).
#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <string>
#include <vector>

#include "herald/app/commands.hpp"
#include "herald/app/engine_runner.hpp"
#include "herald/app/options.hpp"
#include "herald/core/time.hpp"
#include "herald/notify/http_client.hpp"
#include "herald/notify/notifier.hpp"
#include "herald/telemetry/http_server.hpp"
#include "herald/core/log.hpp"

namespace herald::app {

namespace {

CommandSpec notify_spec_without_logs() {
    return CommandSpec{
        "notify",
        "herald notify --brokers B (--alertmanager URL | --webhook URL | --webhooks FILE)... [options]",
        "Consumes the alerts topic as its own consumer group and delivers every alert, at least once, to each\n"
        "Alertmanager (POST /api/v2/alerts; give both members of an HA pair) and each webhook (JSON body,\n"
        "Idempotency-Key = alert_id). Failed requests are retried with backoff; an alert that fails\n"
        "--max-attempts times at a target goes to the dead-letter topic. Offsets are committed only once an\n"
        "alert is delivered or dead-lettered everywhere. Firing alerts are sent to Alertmanager again every\n"
        "--resend-interval until resolved or --active-for has passed. See docs/notify.md.",
        {
            {"brokers", "LIST", "Kafka bootstrap servers", "127.0.0.1:9092"},
            {"alerts-topic", "TOPIC", "topic to read alerts from", "alerts"},
            {"group", "ID", "consumer group (one per notify deployment)", "herald-notify"},
            {"alertmanager", "URL", "an Alertmanager base URL, e.g. http://alertmanager:9093 (repeatable)", ""},
            {"webhook", "URL", "a webhook receiving each alert as published (repeatable)", ""},
            {"webhooks", "FILE", "YAML list of webhooks with name, url, headers, body template, rate (docs/notify.md)",
             ""},
            {"webhook-rate", "N", "requests per second to each --webhook endpoint (0 = unlimited)", "10"},
            {"console-url", "URL", "herald console's base URL, for generatorURL and {{console_link}}", ""},
            {"dead-letter-topic", "TOPIC", "where alerts a target gave up on go, with the reason in headers",
             "alerts.undelivered"},
            {"max-attempts", "N", "attempts per alert and target before dead-lettering (0 = forever)", "12"},
            {"timeout", "DURATION", "per HTTP request", "10s"},
            {"backoff", "DURATION", "wait after the first failed attempt; doubles per attempt up to --max-backoff",
             "500ms"},
            {"max-backoff", "DURATION", "longest wait between attempts", "30s"},
            {"resend-interval", "DURATION", "how often firing alerts are sent to Alertmanager again", "1m"},
            {"active-for", "DURATION", "how long a firing alert without a resolution stays active in Alertmanager",
             "1h"},
            {"max-inflight", "N", "alerts read and not yet delivered everywhere before consuming pauses", "10000"},
            {"max-alert-bytes", "N", "larger alerts-topic messages are skipped", "1048576"},
            {"drain-timeout", "DURATION", "on SIGTERM, time to finish deliveries under way", "10s"},
            {"metrics-port", "PORT", "port of /metrics, /healthz and /readyz (0 = any free port)", "9465"},
            {"metrics-address", "ADDR", "address the metrics server binds", "127.0.0.1"},
            {"config", "FILE", "YAML file with the same keys", ""},
            {"kafka", "KEY=VALUE", "librdkafka property for every client (repeatable)", ""},
            {"consumer", "KEY=VALUE", "librdkafka property for the consumer (repeatable)", ""},
            {"producer", "KEY=VALUE", "librdkafka property for the dead-letter producer (repeatable)", ""},
        },
        false};
}

const CommandSpec& notify_spec() {
    static const CommandSpec spec = [] {
        CommandSpec s = notify_spec_without_logs();
        for (auto& opt : log_options()) s.options.push_back(opt);
        return s;
    }();
    return spec;
}

std::string without_scheme(const std::string& origin) {
    const size_t p = origin.find("://");
    return p == std::string::npos ? origin : origin.substr(p + 3);
}

void check_url(const std::string& url, const std::string& where) {
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
        throw UsageError(where + " '" + notify::url_origin(url) + "...' must start with http:// or https://");
}

// Names are metric labels: unique, and never the URL's path (a Slack webhook's secret).
std::string unique_name(std::string name, const std::vector<notify::TargetConfig>& targets) {
    std::string candidate = name;
    for (int n = 2;; ++n) {
        bool taken = false;
        for (const auto& t : targets) taken = taken || t.name == candidate;
        if (!taken) return candidate;
        candidate = name + "#" + std::to_string(n);
    }
}

notify::TargetConfig base_target(const Options& o) {
    notify::TargetConfig t;
    t.max_attempts = static_cast<int>(o.get_int("max-attempts", 12, 0, 1000000));
    t.timeout_ms = o.get_duration_ms("timeout", 10000);
    t.backoff_initial_ms = o.get_duration_ms("backoff", 500);
    t.backoff_max_ms = o.get_duration_ms("max-backoff", 30000);
    if (t.timeout_ms < 1) throw UsageError("--timeout must be at least 1ms");
    if (t.backoff_max_ms < t.backoff_initial_ms) throw UsageError("--max-backoff must not be shorter than --backoff");
    return t;
}

// A URL or header value: "@file:PATH" for the whole value, or text with "${env:NAME}" anywhere in
// it ("Bearer ${env:TOKEN}"). Errors name the variable or file, never a value.
std::string secret_value(const std::string& name, const std::string& value, const std::string& where) {
    if (value.rfind("@file:", 0) == 0) return property_value(name, value, where);
    std::string out;
    size_t pos = 0;
    for (;;) {
        const size_t at = value.find("${env:", pos);
        const size_t end = at == std::string::npos ? at : value.find('}', at);
        if (end == std::string::npos) return out.append(value, pos, std::string::npos);
        out.append(value, pos, at - pos).append(property_value(name, value.substr(at, end - at + 1), where));
        pos = end + 1;
    }
}

// The whole of `v` as a number (std::stod alone takes "5x" as 5).
double number(const std::string& v) {
    size_t used = 0;
    const double d = std::stod(v, &used);
    if (used != v.size()) throw std::invalid_argument(v);
    return d;
}

// One entry of the --webhooks file; `where` is FILE:LINE:COL of the entry.
notify::TargetConfig webhook_from_yaml(const YAML::Node& n, const notify::TargetConfig& base, const std::string& where) {
    if (!n.IsMap()) throw UsageError(where + ": a webhook must be a map with at least 'url'");
    notify::TargetConfig t = base;
    t.kind = notify::TargetConfig::Kind::webhook;
    t.rate_per_s = 0;
    for (const auto& kv : n) {
        const std::string key = kv.first.as<std::string>();
        const std::string at = where + " '" + key + "'";
        if (key == "headers") {
            if (!kv.second.IsMap()) throw UsageError(at + ": must be a map of header: value");
            for (const auto& h : kv.second) {
                const std::string name = h.first.as<std::string>();
                t.headers.push_back(name + ": " + secret_value(name, h.second.as<std::string>(), at));
            }
            continue;
        }
        if (!kv.second.IsScalar()) throw UsageError(at + ": must be a single value");
        const std::string v = kv.second.Scalar();
        try {
            if (key == "name") t.name = v;
            else if (key == "url") t.url = secret_value("url", v, at);
            else if (key == "body") {
                std::string error;
                if (!notify::BodyTemplate::compile(v, t.body, error)) throw UsageError(at + ": " + error);
            } else if (key == "rate") t.rate_per_s = number(v);
            else if (key == "burst") t.burst = number(v);
            else if (key == "max_attempts") t.max_attempts = static_cast<int>(number(v));
            else if (key == "timeout") {
                if (!core::parse_duration(v, t.timeout_ms) || t.timeout_ms < 1) throw UsageError(at + ": not a duration like 10s");
            } else throw UsageError(at + ": unknown key (name, url, headers, body, rate, burst, max_attempts, timeout)");
        } catch (const std::logic_error&) {  // stod/stoi
            throw UsageError(at + ": '" + v + "' is not a number");
        }
    }
    if (t.url.empty()) throw UsageError(where + ": a webhook needs a 'url'");
    check_url(t.url, where + " url");
    if (t.rate_per_s < 0 || t.max_attempts < 0) throw UsageError(where + ": rate and max_attempts must not be negative");
    if (t.name.empty()) t.name = "webhook:" + without_scheme(notify::url_origin(t.url));
    return t;
}

void read_webhooks_file(const std::string& path, const notify::TargetConfig& base,
                        std::vector<notify::TargetConfig>& out) {
    YAML::Node root;
    try {
        root = YAML::LoadFile(path);
    } catch (const YAML::BadFile&) {
        throw UsageError("cannot read --webhooks file '" + path + "': check the path and permissions");
    } catch (const YAML::Exception& e) {
        throw UsageError(path + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
                         ": invalid YAML: " + e.msg);
    }
    if (!root.IsSequence()) throw UsageError(path + ": a --webhooks file is a YAML list of webhooks (docs/notify.md)");
    for (const auto& n : root) {
        const std::string where = path + ":" + std::to_string(n.Mark().line + 1) + ":" + std::to_string(n.Mark().column + 1);
        notify::TargetConfig t = webhook_from_yaml(n, base, where);
        t.name = unique_name(t.name, out);
        out.push_back(std::move(t));
    }
}

notify::NotifyOptions notify_options(const Options& o) {
    notify::NotifyOptions n;
    n.brokers = o.get("brokers", "127.0.0.1:9092");
    n.topic = o.get("alerts-topic", "alerts");
    n.group = o.get("group", "herald-notify");
    n.dead_letter_topic = o.get("dead-letter-topic", "alerts.undelivered");
    if (n.dead_letter_topic == n.topic)
        throw UsageError("--dead-letter-topic is the --alerts-topic '" + n.topic + "': undelivered alerts would be read "
                         "back and delivered again forever; choose another topic");
    n.console_url = o.get("console-url", "");
    if (!n.console_url.empty()) check_url(n.console_url, "--console-url");
    n.active_for_ms = o.get_duration_ms("active-for", 3600000);
    n.resend_interval_ms = o.get_duration_ms("resend-interval", 60000);
    if (n.resend_interval_ms < 100) throw UsageError("--resend-interval must be at least 100ms");
    n.max_inflight = static_cast<size_t>(o.get_int("max-inflight", 10000, 1, 10000000));
    n.max_alert_bytes = static_cast<size_t>(o.get_int("max-alert-bytes", 1 << 20, 1024, 1LL << 30));
    n.drain_timeout_ms = o.get_duration_ms("drain-timeout", 10000);
    n.consumer_properties = o.kafka;
    n.consumer_properties.insert(n.consumer_properties.end(), o.consumer.begin(), o.consumer.end());
    n.producer_properties = o.kafka;
    n.producer_properties.insert(n.producer_properties.end(), o.producer.begin(), o.producer.end());

    const notify::TargetConfig base = base_target(o);
    for (const std::string& url : o.get_all("alertmanager")) {
        check_url(url, "--alertmanager");
        notify::TargetConfig t = base;
        t.kind = notify::TargetConfig::Kind::alertmanager;
        std::string root = url;
        while (!root.empty() && root.back() == '/') root.pop_back();
        t.url = root + "/api/v2/alerts";
        t.name = unique_name("alertmanager:" + without_scheme(notify::url_origin(url)), n.targets);
        n.targets.push_back(std::move(t));
    }
    const double rate = static_cast<double>(o.get_int("webhook-rate", 10, 0, 1000000));
    for (const std::string& url : o.get_all("webhook")) {
        check_url(url, "--webhook");
        notify::TargetConfig t = base;
        t.url = url;
        t.rate_per_s = rate;
        t.name = unique_name("webhook:" + without_scheme(notify::url_origin(url)), n.targets);
        n.targets.push_back(std::move(t));
    }
    if (o.has("webhooks")) read_webhooks_file(o.get("webhooks"), base, n.targets);
    if (n.targets.empty())
        throw UsageError("herald notify: nothing to deliver to: give --alertmanager URL, --webhook URL or --webhooks FILE");
    return n;
}

}  // namespace

int command_notify(int argc, char** argv, int first) {
    std::optional<Options> parsed = parse_command(argc, argv, first, notify_spec());
    if (!parsed) return 0;
    notify::NotifyOptions options = notify_options(*parsed);
    if (!notify::global_init()) {
        core::log::error("notify", "libcurl could not be initialised");
        return 1;
    }
    notify::NotifyMetrics metrics;
    telemetry::HttpServerOptions http;
    http.address = parsed->get("metrics-address", "127.0.0.1");
    http.port = static_cast<uint16_t>(parsed->get_int("metrics-port", 9465, 0, 65535));
    notify::Notifier notifier(options, metrics);
    telemetry::HttpServer server(metrics.registry(), http, [&notifier](std::string& reason) {
        if (notifier.partitions_assigned() > 0) return true;
        reason = "no partitions of the alerts topic assigned";
        return false;
    });
    std::string error;
    if (!server.start(error)) {
        core::log::error("notify", core::log::printf("%s (choose another with --metrics-port)", error.c_str()));
        return 2;
    }
    install_stop_handlers();
    if (!notifier.start(error)) {
        core::log::error("notify", error);
        return 1;
    }
    std::string targets;
    for (const auto& t : options.targets) targets += (targets.empty() ? "" : ", ") + t.name;
    core::log::info("notify", core::log::printf("consuming '%s' from %s as group '%s'; delivering to %s; dead letters "
                                                "-> '%s'; metrics on http://%s:%d/metrics",
                                                options.topic.c_str(), options.brokers.c_str(), options.group.c_str(),
                                                targets.c_str(), options.dead_letter_topic.c_str(),
                                                http.address.c_str(), server.port()));
    const bool ok = notifier.run(stop_requested(), error);
    server.stop();
    if (!ok) {
        core::log::error("notify", error);
        return 1;
    }
    return 0;
}

}  // namespace herald::app
