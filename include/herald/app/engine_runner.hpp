#pragma once
// Runs the streaming engine with everything around it: signals (SIGINT/SIGTERM stop, SIGHUP
// reloads rules), the /metrics /healthz /readyz server, and hot reload of the rules file.
// Shared by `herald run` and `herald demo`.
//
//   EngineSetup s; s.pipeline.brokers = "...";
//   s.rules.emplace(path); s.rules->load_or_throw("herald run");
//   return run_engine(s);
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "herald/app/pipeline/pipeline.hpp"
#include "herald/app/rules_source.hpp"

namespace herald::app {

struct EngineSetup {
    PipelineConfig pipeline;
    analysis::Resources resources;
    // Loaded before run_engine; watched while it runs (built-in rules are not).
    std::optional<RulesSource> rules;
    // Shadow rules (pipeline.shadow_topic set): loaded by run_engine and reloaded like the rules;
    // a bad file leaves the shadow without rules and the live path running.
    std::optional<RulesSource> shadow_rules;
    std::string metrics_address = "127.0.0.1";
    int metrics_port = 9464;  // 0 = ephemeral
    int64_t metrics_idle_timeout_ms = 10000;  // a metrics client's connection without a request is closed
    size_t metrics_max_connections = 64;      // open metrics connections at most (the oldest idle one goes)
    size_t entity_sentiment_series = 1000;    // herald_entity_sentiment_score tickers at most (0: none)
    bool quiet = false;       // no start-up lines on stderr
    // Called once the metrics server listens (with its port) and before consuming starts.
    std::function<void(int metrics_port)> on_started;
    // Called about every 250 ms while the engine runs (progress reporting, demo completion).
    std::function<void(const Pipeline&)> on_tick;
};

int run_engine(EngineSetup& setup);

// Prints an alert the broker acknowledged on stdout: one readable line (time, severity, rule,
// key, summary, event), or its JSON as published. Thread-safe; flushes each line.
void print_alert(const AlertNotice& notice, bool json);

// SIGINT/SIGTERM set the stop flag, SIGHUP the reload flag; installing is idempotent and
// run_engine does it itself.
void install_stop_handlers();
const std::atomic<bool>& stop_requested();
void request_stop();
bool take_reload_request();

}  // namespace herald::app
