#pragma once
// An EventWorker over one partition with fake producers (pipeline_fakes.hpp): the live outbox
// behind an at-least-once ledger and, when asked, shadow rules with their own outbox.
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "herald/app/pipeline/at_least_once.hpp"
#include "herald/app/pipeline/event_worker.hpp"
#include "herald/app/pipeline/pipeline.hpp"
#include "herald/app/pipeline/shadow.hpp"
#include "herald/rules/rule_set.hpp"
#include "pipeline_fakes.hpp"

namespace herald::test {

inline constexpr const char* kWorkerRules = R"(rules:
  - id: guidance-cut-headline
    severity: warning
    when: headline contains "cut" and headline contains "guidance"
    summary: "{key} guidance cut"
)";

inline constexpr const char* kWorkerEvent =
    R"({"id":"e1","headline":"Acme cuts its guidance","tickers":["ACME"],"published_at":"2026-12-06T10:00:00Z"})";

inline std::shared_ptr<const rules::RuleSet> rules_of(const char* yaml) {
    return rules::load_rules_text(yaml, "r.yaml").rules;
}

struct WorkerRig {
    app::PipelineConfig config;
    analysis::Resources resources = analysis::Resources::load("", "");
    std::shared_ptr<const rules::RuleSet> rule_set = rules_of(kWorkerRules);
    app::RulesHandle rules{rule_set};
    app::RulesHandle shadow_rules{nullptr};
    FakeOutbox outbox, shadow_outbox;
    app::DeliveryProbe delivery_probe;
    std::vector<std::string> failures;
    app::AtLeastOnce mode{{"news", "news.dlq"},
                          outbox,
                          delivery_probe,
                          {[](int32_t, int64_t) {}, [this](const std::string& why) { failures.push_back(why); }}};
    app::DeliveryLedger ledger{outbox, mode, delivery_probe, nullptr};
    app::WorkerProbe probe{nullptr, nullptr};
    app::ShadowProbe shadow_probe{nullptr};
    app::ShadowOutput shadow{shadow_outbox, "alerts.shadow", shadow_probe};
    std::atomic<bool> stop{false};
    app::PartitionState ps{0, 0, 8, rule_set, rules.version()};
    std::unique_ptr<app::EventWorker> worker;

    // shadow: the shadow rules' YAML (null: no shadow rules).
    explicit WorkerRig(const char* shadow_yaml = nullptr) {
        REQUIRE(rule_set);
        config.max_future_skew_ms = 0;
        app::WorkerContext context{config, resources, nullptr, rules, ledger, mode, probe, stop, 1 << 20};
        if (shadow_yaml) {
            shadow_rules.set(rules_of(shadow_yaml));
            context.shadow_rules = &shadow_rules;
            context.shadow = &shadow;
            context.shadow_probe = &shadow_probe;
        }
        worker = std::make_unique<app::EventWorker>(context);
    }
    app::OffsetTracker::Slot* process(std::string_view payload, int64_t offset) {
        app::OffsetTracker::Slot* slot = ps.tracker.begin(offset, -1, 0);
        worker->process({"news", 0, offset, -1, "ACME", payload, false, nullptr}, ps, slot);
        return slot;
    }
    void acknowledge_all() {
        for (const auto& s : outbox.sent) ledger.on_delivery(s.opaque, kafka::Error());
        outbox.sent.clear();
    }
    // The fake outbox holds each message's delivery token as the broker would until its report:
    // answer what a test left unacknowledged, or LeakSanitizer reports the tokens.
    ~WorkerRig() { acknowledge_all(); }
};

}  // namespace herald::test
