#pragma once
// Rule evaluation for one partition: windows, cooldowns, holds and resolved state per rule and
// key, all in event time. Not thread-safe; one Engine per partition, the RuleSet is shared.
//
//   herald::rules::Engine engine(load_rules_file("rules.yaml").rules);
//   std::vector<herald::rules::Alert> alerts;          // reused across events
//   alerts.clear();
//   engine.evaluate({event, analysis, event_time_ms}, alerts);
//   for (const auto& a : alerts) { json.clear(); append_alert_json(json, a, ctx, src, now_ms); ... }
#include <cstddef>
#include <cstdint>
#include <memory>
#include <unordered_set>
#include <vector>

#include "herald/rules/alert.hpp"
#include "herald/rules/diagnostic.hpp"
#include "herald/rules/rule_set.hpp"

namespace herald::rules {

namespace detail {
struct EngineState;
}

class Engine {
public:
    explicit Engine(std::shared_ptr<const RuleSet> rules);
    ~Engine();
    Engine(Engine&&) noexcept;
    Engine& operator=(Engine&&) noexcept;

    // Hot reload: rules whose id and definition are unchanged keep their state; others start empty.
    void set_rules(std::shared_ptr<const RuleSet> rules);
    const std::shared_ptr<const RuleSet>& rules() const;

    // Appends the alerts this event raises. Allocates only when an alert fires or a key is new.
    void evaluate(const EventContext& ctx, std::vector<Alert>& out);

    // What the last evaluate() noticed about its event, for metrics (not for results).
    struct EventNotes {
        bool late = false;           // event time before the newest one this engine has seen
        bool keys_capped = false;    // the event had more keys than max_keys_per_event: the rest were skipped
        bool alerts_capped = false;  // more alerts than max_alerts_per_event: the rest were not raised
    };
    const EventNotes& notes() const;

    // Rebuild mode: windows, cooldowns and holds advance as usual but nothing is appended.
    void set_suppressed(bool on);
    bool suppressed() const;
    // While suppressed, decide "fired" from what was really published (alert ids, see
    // alert_id_value) instead of from this engine's own cooldown and hold state, which may lack
    // history older than the rebuild. Keeps cooldown chains in phase with the live run. Null: off.
    void set_fired_history(const std::unordered_set<uint64_t>* published_ids);

    // Approximate bytes held by per-key state (windows, cooldowns, last metric values).
    size_t state_bytes() const;
    // Number of (rule, key) states currently held.
    size_t key_count() const;

private:
    std::unique_ptr<detail::EngineState> state_;
};

}  // namespace herald::rules
