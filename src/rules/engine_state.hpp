#pragma once
// The per-partition state behind an Engine (engine.hpp), shared by its files: engine.cpp
// evaluates rules, engine_stories.cpp revises and retracts the alerts of stories.
#include <algorithm>
#include <limits>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "evaluator.hpp"
#include "herald/analysis/novelty.hpp"
#include "herald/rules/engine.hpp"
#include "key_index.hpp"
#include "state.hpp"
#include "stories.hpp"

namespace herald::rules::detail {

// Garbage collection of key states that no longer differ from a fresh one runs every this
// many events; it changes no result, it only bounds memory.
inline constexpr uint64_t kSweepEvery = 1024;

struct EngineState {
    std::shared_ptr<const RuleSet> rules;
    std::vector<RuleState> states;  // aligned with rules->program().rules
    bool suppressed = false;
    const std::unordered_set<uint64_t>* fired_history = nullptr;
    uint64_t events = 0;
    int64_t max_time = std::numeric_limits<int64_t>::min();
    Engine::EventNotes notes;
    // The keys of the current event, per KeyMode, computed once per event on first use.
    struct ModeKeys {
        std::vector<KeyView> keys;
        bool done = false;
        bool capped = false;
    };
    ModeKeys mode_keys[3];
    KeyIndex key_index;     // de-duplicates keys while a mode's list is built
    KeyIndex by_ticker;     // entities by ticker (first wins), built once per event when needed
    bool by_ticker_done = false;
    // scratch reused across events
    std::vector<WindowValue> window_values;
    std::string key_buf, value_key;
    // The kind and ticker of the event's metrics, in order (Evaluator::tags), filled once per event.
    std::vector<MetricTag> metric_tags;
    // The metrics ordered by their ticker's hash, then index: a keyed rule walks only its key's
    // run of them (Evaluator::key_run). Built only for events with more than kTickerOrderFrom
    // metrics: below that the plain walk is as cheap.
    static constexpr size_t kTickerOrderFrom = 64;
    std::vector<TickerSlot> metric_by_ticker;
    // Novelty per company, kept only when a rule reads it (docs/events.md, "Novelty").
    std::unique_ptr<analysis::NoveltyTracker> novelty;
    std::vector<NoveltyValue> novelty_values;  // per entity of the current event
    struct DupId {
        char bytes[analysis::NoveltyTracker::kIdBytes];
        uint8_t len;
    };
    std::vector<DupId> dup_ids;
    // What stories raised, kept when the rules file has story_horizon (docs/events.md).
    std::unique_ptr<StoryBook> stories;
    Alert scratch_alert;  // a suppressed story revision's content, to compare

    void adopt(std::shared_ptr<const RuleSet> next) {
        std::vector<RuleState> old = std::move(states);
        states.clear();
        rules = std::move(next);
        if (!rules) return;
        size_t max_windows = 0;
        for (const Rule& r : rules->program().rules) {
            RuleState fresh;
            fresh.id = r.id;
            fresh.fingerprint = r.fingerprint;
            fresh.last_values.resize(r.since_nodes.size());
            for (RuleState& o : old) {
                if (o.id == r.id && o.fingerprint == r.fingerprint) {
                    fresh = std::move(o);
                    break;
                }
            }
            states.push_back(std::move(fresh));
            max_windows = std::max(max_windows, r.windows.size());
        }
        window_values.assign(max_windows, WindowValue{});
        const Program& p = rules->program();
        if (!p.uses_novelty) novelty.reset();
        else if (!novelty || novelty->horizon_ms() != p.novelty_horizon_ms)
            novelty = std::make_unique<analysis::NoveltyTracker>(p.novelty_horizon_ms);
        if (!p.uses_stories) stories.reset();
        else if (!stories || stories->horizon_ms() != p.story_horizon_ms)
            stories = std::make_unique<StoryBook>(p.story_horizon_ms);
    }

    // Scores the event's story for each of its companies (the first max_keys_per_event), keyed by
    // ticker or, without one, by name. Runs for every event, alerts or not, so the state is the
    // same in a rebuild, a replay and offline.
    void observe_novelty(const EventContext& ctx, size_t max_keys) {
        const auto& entities = ctx.analysis.entities;
        const size_t n = std::min(entities.size(), max_keys);
        novelty_values.assign(entities.size(), NoveltyValue{});
        if (dup_ids.size() < n) dup_ids.resize(n);
        for (size_t i = 0; i < n; ++i) {
            const analysis::EntityResult& e = entities[i];
            std::string_view key = e.ticker.empty() ? e.name : e.ticker;
            if (key.empty()) continue;
            // A story's update is the story again, not a copy of it: it keeps the story's score.
            std::string_view id = stories && !ctx.event.story_id.empty() ? ctx.event.story_id : ctx.event.id;
            auto r = novelty->observe(key, ctx.analysis.story, id, ctx.event_time_ms);
            DupId& d = dup_ids[i];
            d.len = static_cast<uint8_t>(r.duplicate_of.size());
            std::copy(r.duplicate_of.begin(), r.duplicate_of.end(), d.bytes);
            novelty_values[i] = {true, r.novelty, std::string_view(d.bytes, d.len)};
        }
    }
};

// Fills alert a for rule r and key from what ev marked. story_id: the event's story when the
// rules track stories (its alerts are the story's), else empty.
void fill_alert(Alert& a, const Rule& r, const KeyView& key, const EventContext& ctx, Evaluator& ev, bool resolved,
                std::string_view story_id = {});

// Story messages (engine_stories.cpp; docs/events.md, "Story updates").
void retract_story(EngineState& s, const EventContext& ctx, std::vector<Alert>& out);
void revise(EngineState& s, const Rule& r, const KeyView& key, const EventContext& ctx, Evaluator& ev, bool holds,
            StoryAlert& sa, KeyState& ks, uint32_t& raised, std::vector<Alert>& out);
bool record_story_alert(EngineState& s, const Rule& r, const KeyView& key, const EventContext& ctx, Evaluator& ev,
                        StoryRecord& rec, StoryAlert* sa, uint64_t base);

}  // namespace herald::rules::detail
