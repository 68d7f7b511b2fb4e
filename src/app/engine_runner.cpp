#include "herald/app/engine_runner.hpp"

#include <signal.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <functional>
#include <mutex>
#include <thread>

#include "herald/app/pipeline/shadow.hpp"
#include "herald/core/time.hpp"
#include "herald/telemetry/http_server.hpp"
#include "herald/telemetry/metrics.hpp"
#include "herald/core/log.hpp"

namespace herald::app {

void print_alert(const AlertNotice& n, bool json) {
    static std::mutex out_mutex;  // the delivery thread and the main thread both print
    std::lock_guard<std::mutex> lock(out_mutex);
    if (json) {
        std::fwrite(n.json.data(), 1, n.json.size(), stdout);
        std::fputc('\n', stdout);
    } else {
        std::string when = core::format_rfc3339(n.event_time_ms);
        std::fprintf(stdout, "%s  %-8s  %-26s %-6s %s  [%s]\n", when.c_str(), n.alert.severity.c_str(),
                     n.alert.rule_id.c_str(), n.alert.key.c_str(), n.alert.summary.c_str(), n.event_id.c_str());
    }
    std::fflush(stdout);
}

namespace {
std::atomic<bool> g_stop{false};
std::atomic<bool> g_reload{false};

extern "C" void on_stop_signal(int) { g_stop.store(true); }
extern "C" void on_reload_signal(int) { g_reload.store(true); }

}  // namespace

void install_stop_handlers() {
    static std::once_flag once;
    std::call_once(once, [] {
        struct sigaction sa {};
        sa.sa_handler = on_stop_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, nullptr);
        sigaction(SIGTERM, &sa, nullptr);
        struct sigaction hup {};
        hup.sa_handler = on_reload_signal;
        sigemptyset(&hup.sa_mask);
        sigaction(SIGHUP, &hup, nullptr);
        signal(SIGPIPE, SIG_IGN);
    });
}

namespace {

// One watch step of a rules file: new rules go to `apply`, every reload is counted by `count`
// (a telemetry::kReload* result). Nothing here may stop the engine.
void watch_rules(RulesSource& source, bool requested,
                 const std::function<void(std::shared_ptr<const rules::RuleSet>)>& apply,
                 const std::function<void(std::string_view result)>& count) {
    const RulesSource::Change change = source.poll(requested);
    if (change == RulesSource::Change::none) return;
    try {
        if (change != RulesSource::Change::error) apply(source.current());
        count(change == RulesSource::Change::ok      ? telemetry::kReloadSuccess
              : change == RulesSource::Change::empty ? telemetry::kReloadEmpty
                                                     : telemetry::kReloadFailure);
    } catch (...) {
    }
}

telemetry::HttpServerOptions http_options(const EngineSetup& setup) {
    telemetry::HttpServerOptions http;
    http.address = setup.metrics_address;
    http.port = static_cast<uint16_t>(setup.metrics_port);
    http.idle_timeout = std::chrono::milliseconds(setup.metrics_idle_timeout_ms);
    http.max_connections = setup.metrics_max_connections;
    return http;
}

// The lines a stopped engine leaves: what it consumed and published, and what rebalances,
// shadow rules and fetch restarts did.
void say_stopped(Pipeline& pipeline, const EngineSetup& setup) {
    const Pipeline::Counters c = pipeline.counters();
    core::log::info(
        "engine",
        core::log::printf("stopped: %llu consumed, %llu processed, %llu dead-lettered, %llu alerts published",
                          static_cast<unsigned long long>(c.consumed), static_cast<unsigned long long>(c.processed),
                          static_cast<unsigned long long>(c.dead_lettered),
                          static_cast<unsigned long long>(c.alerts_acked)));
    // What rebalances and redeliveries did: quiet in the steady state, the first thing to read
    // when a count above does not add up.
    if (c.redelivered_skipped + c.lost_dropped + c.stale_dropped + c.alerts_already_published +
            c.rebuild_failures > 0)
        core::log::info(
            "engine",
            core::log::printf("after rebalances: %llu redelivered messages skipped, %llu events of lost partitions "
                              "left to their new owner, %llu messages of revoked partitions dropped from a batch, %llu "
                              "alerts already published not repeated, %llu incomplete rule state rebuilds",
                              static_cast<unsigned long long>(c.redelivered_skipped),
                              static_cast<unsigned long long>(c.lost_dropped),
                              static_cast<unsigned long long>(c.stale_dropped),
                              static_cast<unsigned long long>(c.alerts_already_published),
                              static_cast<unsigned long long>(c.rebuild_failures)));
    if (const ShadowProbe* shadow = pipeline.shadow_probe()) {
        using R = ShadowProbe::Result;
        core::log::info(
            "engine", core::log::printf(
                          "shadow rules: %llu alerts raised, %llu acknowledged on '%s', %llu dropped (queue full %llu, "
                          "refused %llu, failed %llu)",
                          static_cast<unsigned long long>(shadow->alerts_raised()),
                          static_cast<unsigned long long>(shadow->count(R::acked)), setup.pipeline.shadow_topic.c_str(),
                          static_cast<unsigned long long>(shadow->count(R::queue_full) + shadow->count(R::refused) +
                                                          shadow->count(R::failed)),
                          static_cast<unsigned long long>(shadow->count(R::queue_full)),
                          static_cast<unsigned long long>(shadow->count(R::refused)),
                          static_cast<unsigned long long>(shadow->count(R::failed))));
    }
    if (c.fetch_restarts > 0)
        core::log::info("engine", core::log::printf("%llu stalled partition fetches restarted (--fetch-stall-timeout)",
                                                    static_cast<unsigned long long>(c.fetch_restarts)));
}
}  // namespace

const std::atomic<bool>& stop_requested() { return g_stop; }
void request_stop() { g_stop.store(true); }
bool take_reload_request() { return g_reload.exchange(false); }

int run_engine(EngineSetup& setup) {
    install_stop_handlers();
    telemetry::MetricsOptions metrics_options;
    metrics_options.entity_sentiment_max_series = setup.entity_sentiment_series;
    telemetry::Metrics metrics(metrics_options);
    // Every rule's alert counter exists from the start, so dashboards show zeros, not gaps.
    auto expose_rules = [&metrics](const rules::RuleSet& rs) {
        metrics.rules_loaded().Set(static_cast<double>(rs.size()));
        for (size_t i = 0; i < rs.size(); ++i) metrics.alert_published(rs.rule_id(i), rs.severity(i));
    };
    RulesSource& live = *setup.rules;
    expose_rules(*live.current());
    if (live.current()->size() == 0)
        core::log::warn("engine", "the rules file has no rules: no alert will be raised until rules are added");

    Pipeline pipeline(setup.pipeline, setup.resources, live.current(), metrics);

    telemetry::HttpServer server(metrics, http_options(setup),
                                 [&pipeline](std::string& reason) { return pipeline.ready(reason); });
    std::string error;
    if (!server.start(error)) {
        core::log::error("engine", core::log::printf("%s (choose another with --metrics-port)", error.c_str()));
        return 2;
    }
    if (!setup.quiet)
        core::log::info("engine", core::log::printf("consuming '%s' from %s as group '%s'; alerts -> '%s', dead "
                                                    "letters -> '%s'; metrics on http://%s:%d/metrics",
                                                    setup.pipeline.input_topic.c_str(), setup.pipeline.brokers.c_str(),
                                                    setup.pipeline.group.c_str(), setup.pipeline.alerts_topic.c_str(),
                                                    setup.pipeline.dlq_topic.c_str(), setup.metrics_address.c_str(),
                                                    server.port()));
    if (setup.on_started) setup.on_started(server.port());

    // Rules reload: SIGHUP or a change of the file's mtime; a bad file keeps the old rules.
    std::mutex control_mutex;
    std::condition_variable control_cv;
    bool control_stop = false;
    auto apply_live = [&](std::shared_ptr<const rules::RuleSet> rs) {
        pipeline.set_rules(rs);
        expose_rules(*rs);
    };
    auto count_live = [&](std::string_view result) { metrics.rules_reloads(result).Increment(); };
    auto apply_shadow = [&](std::shared_ptr<const rules::RuleSet> rs) { pipeline.set_shadow_rules(std::move(rs)); };
    auto count_shadow = [&](std::string_view result) {
        if (ShadowProbe* p = pipeline.shadow_probe()) p->reloaded(result);
    };
    // Shadow rules: loaded here, not by the command, so a bad file at start is what it is on a
    // reload: said in one line and counted, with the live path running regardless.
    if (setup.shadow_rules) watch_rules(*setup.shadow_rules, true, apply_shadow, count_shadow);
    std::thread control([&] {
        std::unique_lock<std::mutex> lock(control_mutex);
        while (!control_cv.wait_for(lock, std::chrono::milliseconds(250), [&] { return control_stop; })) {
            if (setup.on_tick) setup.on_tick(pipeline);
            // SIGHUP is taken once per step and given to every rules source.
            const bool requested = take_reload_request();
            watch_rules(live, requested, apply_live, count_live);
            if (setup.shadow_rules) watch_rules(*setup.shadow_rules, requested, apply_shadow, count_shadow);
        }
    });

    int code = pipeline.run(g_stop);

    {
        std::lock_guard<std::mutex> lock(control_mutex);
        control_stop = true;
    }
    control_cv.notify_all();
    control.join();
    server.stop();
    say_stopped(pipeline, setup);
    return code;
}

}  // namespace herald::app
