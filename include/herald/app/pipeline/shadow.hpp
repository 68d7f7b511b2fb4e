#pragma once
// Shadow rules (`herald run --shadow-rules FILE --shadow-topic T`): a candidate rule set evaluated
// on the live stream beside the active one, on the same analysis, publishing to its own topic
// through its own producer. Nothing here can hold, change or stop the live path: a shadow alert
// the producer cannot take at once is dropped and counted, a failed delivery is counted, a fatal
// error of the shadow producer turns the shadow off, and no shadow message holds an input offset
// or joins a transaction (docs/operations.md "Shadow rules").
//
//   ShadowProbe probe(&metrics.registry());
//   ShadowOutput out(outbox, "alerts.shadow", probe);     // outbox: the shadow producer
//   out.publish(key, json, headers);                       // workers; never waits
//   out.on_delivery(error);                                // the shadow producer's poller
#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include "herald/app/pipeline/outbox.hpp"
#include "herald/rules/rule_set.hpp"
#include "herald/telemetry/label_cache.hpp"

namespace herald::app {

// The shadow's series: herald_shadow_alerts_total{rule,severity} (raised by the shadow rules),
// herald_shadow_publish_total{result}, herald_shadow_rules_loaded and
// herald_shadow_rules_reloads_total{result}. Null registry: counts only (tests).
class ShadowProbe {
public:
    // Values of herald_shadow_publish_total{result}.
    enum class Result : uint8_t { acked, queue_full, refused, failed };
    static constexpr size_t kResults = 4;
    static std::string_view result_name(Result r);

    explicit ShadowProbe(prometheus::Registry* registry);
    // A rule set was applied (null: none): its rules' counters exist from now on (zeros, not gaps).
    void expose(const rules::RuleSet* rules);
    void raised(std::string_view rule, std::string_view severity);
    void published(Result r);
    void reloaded(std::string_view result);  // telemetry::kReloadSuccess, kReloadFailure, kReloadEmpty

    uint64_t alerts_raised() const { return raised_.load(std::memory_order_relaxed); }
    uint64_t count(Result r) const { return results_[static_cast<size_t>(r)].load(std::memory_order_relaxed); }

private:
    std::unique_ptr<telemetry::LabelCache<prometheus::Counter, 2>> alerts_;
    std::unique_ptr<telemetry::LabelCache<prometheus::Counter, 1>> reloads_;
    std::array<prometheus::Counter*, kResults> result_series_{};
    prometheus::Gauge* loaded_ = nullptr;
    std::atomic<uint64_t> raised_{0};
    std::array<std::atomic<uint64_t>, kResults> results_{};
};

class ShadowOutput {
public:
    ShadowOutput(Outbox& outbox, std::string topic, ShadowProbe& probe)
        : outbox_(outbox), topic_(std::move(topic)), probe_(probe) {}

    // ---- workers
    bool enabled() const { return !disabled_.load(std::memory_order_acquire); }
    // Hands one alert to the shadow producer, or drops it (queue full, refused): never waits.
    void publish(std::string_view key, std::string_view json, std::span<const kafka::Header> headers);

    // ---- the shadow producer's poller thread
    void on_delivery(const kafka::Error& error);
    // A fatal error of the shadow producer turns the shadow off (the live producer is another one).
    void check_fatal();

    const std::string& topic() const { return topic_; }

private:
    void report(ShadowProbe::Result r, std::string_view reason);

    Outbox& outbox_;
    const std::string topic_;
    ShadowProbe& probe_;
    std::atomic<bool> disabled_{false};
    std::array<std::atomic<bool>, ShadowProbe::kResults> reported_{};  // one log line per kind of failure
};

}  // namespace herald::app
