// Per-partition rule evaluation: picks the keys of each rule, advances windows, checks the
// condition, then applies hold, cooldown and resolved semantics, all in event time.
#include "herald/rules/engine.hpp"

#include <algorithm>
#include <limits>

#include "herald/core/hash.hpp"

#include "engine_state.hpp"
#include "explain.hpp"
#include "render.hpp"

namespace herald::rules {

namespace detail {

// Garbage collection of key states that no longer differ from a fresh one runs every this
// many events; it changes no result, it only bounds memory.

namespace {

const analysis::EntityResult* entity_with_ticker(EngineState& s, const analysis::Analysis& a, std::string_view ticker) {
    if (!s.by_ticker_done) {
        s.by_ticker.reset(a.entities.size());
        for (size_t i = 0; i < a.entities.size(); ++i)
            if (!a.entities[i].ticker.empty()) s.by_ticker.insert(a.entities[i].ticker, static_cast<uint32_t>(i));
        s.by_ticker_done = true;
    }
    int64_t i = s.by_ticker.find(ticker);
    return i < 0 ? nullptr : &a.entities[static_cast<size_t>(i)];
}

// Adds a key unless the event already has it (ASCII case ignored). False once the list is full
// and this key would have been a new one: the caller stops, the list is capped.
bool add_key(EngineState& s, EngineState::ModeKeys& mk, size_t max_keys, std::string_view key,
             std::string_view ticker, const analysis::EntityResult* entity) {
    if (mk.keys.size() >= max_keys) {
        if (s.key_index.find(key) >= 0) return true;
        mk.capped = true;
        return false;
    }
    if (s.key_index.insert(key, static_cast<uint32_t>(mk.keys.size()))) mk.keys.push_back({key, ticker, entity});
    return true;
}

// The keys of `mode` for this event: linear in the event's entities and tickers (hashed
// de-duplication), and at most max_keys of them.
void collect_keys(EngineState& s, KeyMode mode, const EventContext& ctx, size_t max_keys, EngineState::ModeKeys& mk) {
    mk.keys.clear();
    mk.capped = false;
    mk.done = true;
    const auto& entities = ctx.analysis.entities;
    const auto& tickers = ctx.event.tickers;
    switch (mode) {
        case KeyMode::primary: {
            for (const auto& e : entities) {
                if (!e.ticker.empty()) {
                    mk.keys.push_back({e.ticker, e.ticker, &e});
                    return;
                }
            }
            for (std::string_view t : tickers) {
                if (!t.empty()) {
                    mk.keys.push_back({t, t, entity_with_ticker(s, ctx.analysis, t)});
                    return;
                }
            }
            mk.keys.push_back({"_", {}, entities.empty() ? nullptr : &entities.front()});
            return;
        }
        case KeyMode::ticker:
            s.key_index.reset(std::min(max_keys + 1, entities.size() + tickers.size()));
            for (const auto& e : entities)
                if (!e.ticker.empty() && !add_key(s, mk, max_keys, e.ticker, e.ticker, &e)) return;
            for (std::string_view t : tickers)
                if (!t.empty() && s.key_index.find(t) < 0 &&
                    !add_key(s, mk, max_keys, t, t, entity_with_ticker(s, ctx.analysis, t)))
                    return;
            return;
        case KeyMode::entity:
            s.key_index.reset(std::min(max_keys + 1, entities.size() + tickers.size()));
            for (const auto& e : entities)
                if (!e.name.empty() && !add_key(s, mk, max_keys, e.name, e.ticker, &e)) return;
            for (std::string_view t : tickers)
                if (!t.empty() && !entity_with_ticker(s, ctx.analysis, t) && !add_key(s, mk, max_keys, t, t, nullptr))
                    return;
            return;
    }
}

// Cooldowns compare distances, not order: a late event one minute before the key's last alert is
// as far from it as one a minute after. last_fire is the latest alert's time.
bool cooldown_over(const KeyState& ks, const Rule& r, int64_t t) {
    if (!ks.fired) return true;
    int64_t d = t >= ks.last_fire ? t - ks.last_fire : ks.last_fire - t;
    return d >= r.cooldown_ms;
}

// A key state equal to a fresh one at event time `now` can be dropped without changing results.
bool is_idle(const KeyState& ks, const Rule& r, int64_t now) {
    if (ks.active || ks.streak != 0 || !cooldown_over(ks, r, now)) return false;
    for (size_t w = 0; w < ks.windows.size(); ++w) {
        const Ring& ring = ks.windows[w];
        if (ring.empty()) continue;
        int64_t span = r.nodes[static_cast<size_t>(r.windows[w])].span_ms;
        if (ring.at(ring.size() - 1).t > now - span) return false;
    }
    return true;
}


// Every kSweepEvery events: drops key states equal to fresh ones and expired stories (memory only).
void sweep_idle(EngineState& s) {
    if (++s.events % kSweepEvery != 0) return;
    const auto& rules = s.rules->program().rules;
    for (size_t ri = 0; ri < rules.size(); ++ri) {
        auto& keys = s.states[ri].keys;
        for (auto it = keys.begin(); it != keys.end();) {
            if (is_idle(it->second, rules[ri], s.max_time)) it = keys.erase(it);
            else ++it;
        }
    }
    if (s.stories) s.stories->sweep(s.max_time);
}

// EngineState::metric_by_ticker for this event's metrics, or empty when they are few.
void order_by_ticker(EngineState& s, const EventContext& ctx) {
    auto& order = s.metric_by_ticker;
    order.clear();
    const auto& metrics = ctx.analysis.metrics;
    if (metrics.size() <= EngineState::kTickerOrderFrom) return;
    for (uint32_t i = 0; i < metrics.size(); ++i) order.push_back({ticker_hash(metrics[i].ticker), i});
    std::sort(order.begin(), order.end());  // the index breaks ties: a key's run keeps the metrics' order
}

// One event's pass over the rules: what every rule and key of it shares.
struct EventPass {
    const EventContext& ctx;
    std::vector<Alert>& out;
    int64_t t;                   // event time
    bool story = false;          // a story message, and the rules track stories
    StoryRecord* rec = nullptr;  // its story's record
    bool counted = false;        // the story's first message was already added to windows
    uint32_t story_revision = 0;
    uint32_t raised = 0;  // alerts this event raised (or, suppressed, would have): max_alerts_per_event
};

// Notes, late events and stories before the rules run. False when the event raises nothing more:
// a story's deletion (its alerts retracted here) or a later message of a deleted story.
bool begin_event(EngineState& s, EventPass& p) {
    const EventContext& ctx = p.ctx;
    s.notes = {};
    s.notes.late = p.t < s.max_time;
    s.max_time = std::max(s.max_time, p.t);
    for (auto& mk : s.mode_keys) mk.done = false;
    s.by_ticker_done = false;
    // Story messages (only when the rules track stories): a deletion retracts, an update revises.
    p.story = s.stories && !ctx.event.story_id.empty();
    p.rec = p.story ? s.stories->find(ctx.event.story_id, p.t) : nullptr;
    if (p.story && ctx.event.action == analysis::StoryAction::deleted) {
        retract_story(s, ctx, p.out);
        return false;
    }
    if (p.rec && p.rec->deleted) return false;  // a deleted story's later messages raise nothing
    // A story is counted in windows once, by its first message: its updates are not added again.
    p.counted = p.rec != nullptr;
    if (p.story && !p.rec) p.rec = &s.stories->open(ctx.event.story_id, p.t);
    p.story_revision = p.rec ? p.rec->messages++ : 0;
    if (s.novelty) s.observe_novelty(ctx, s.rules->program().max_keys_per_event);
    s.metric_tags.clear();
    for (const auto& m : ctx.analysis.metrics) s.metric_tags.push_back({m.kind, m.ticker});
    order_by_ticker(s, ctx);
    return true;
}

KeyState& key_state(EngineState& s, RuleState& rs, const Rule& r, std::string_view key) {
    s.key_buf.assign(key);
    auto it = rs.keys.find(s.key_buf);
    if (it == rs.keys.end()) {
        it = rs.keys.emplace(s.key_buf, KeyState{}).first;
        it->second.windows.resize(r.windows.size());
    }
    return it->second;
}

// The window's aggregate over (t - span, t]. Samples are in time order, so the ones after t
// (only when this event is late) are at the back and left out here.
WindowValue window_value(const Ring& ring, WindowAgg agg, int64_t t) {
    uint32_t n = ring.size();
    double sum = ring.sum();
    while (n > 0 && ring.at(n - 1).t > t) sum -= ring.at(--n).v;
    if (n == 0) sum = 0.0;
    double lo = 0, hi = 0;
    if (n > 0 && (agg == WindowAgg::min || agg == WindowAgg::max)) {
        lo = hi = ring.at(0).v;
        for (uint32_t i = 1; i < n; ++i) {
            double v = ring.at(i).v;
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
        }
    }
    switch (agg) {
        case WindowAgg::count: return {static_cast<double>(n), true};
        case WindowAgg::sum: return {sum, true};
        case WindowAgg::avg: return {n ? sum / n : 0.0, n > 0};
        case WindowAgg::min: return {lo, n > 0};
        case WindowAgg::max: return {hi, n > 0};
    }
    return {};
}

// Adds this event to the key's windows (a story's later messages are not added again), drops
// what left them, and sets their values for the condition.
void advance_windows(EngineState& s, const EventPass& p, const Rule& r, KeyState& ks, Evaluator& ev) {
    const int64_t t = p.t;
    for (size_t w = 0; w < r.windows.size(); ++w) {
        const Node& wn = r.nodes[static_cast<size_t>(r.windows[w])];
        Ring& ring = ks.windows[w];
        WindowAgg agg = WindowAgg(wn.sub);
        bool pushed = false;
        if (p.counted) {
        } else if (wn.a < 0) {
            ring.push({t, 1.0});
            pushed = true;
        } else if (agg == WindowAgg::count) {
            pushed = ev.cond(wn.a);
            if (pushed) ring.push({t, 1.0});
        } else {
            double v;
            pushed = ev.num(wn.a, v);
            if (pushed) ring.push({t, v});
        }
        if (pushed) ring.push_id(t, p.ctx.event.id);  // for the explanation of its alerts
        ring.evict_until(t - wn.span_ms);
        s.window_values[w] = window_value(ring, agg, t);
    }
}

// The condition holds for the key: hold, cooldown and the per-event cap decide whether it fires.
void on_holds(EngineState& s, EventPass& p, const Rule& r, const KeyView& key, KeyState& ks, Evaluator& ev,
              StoryAlert* sa, uint64_t story_alert) {
    const int64_t t = p.t;
    const EventContext& ctx = p.ctx;
    // Rebuilding with the published record: it, not this engine's possibly partial
    // cooldown and hold state, says whether the rule fired here.
    const bool replaying = s.suppressed && s.fired_history != nullptr;
    if (ks.streak == 0) ks.streak_start = t;
    if (ks.streak < std::numeric_limits<uint32_t>::max()) ++ks.streak;
    bool held = (r.hold_events <= 1 || ks.streak >= r.hold_events) && (r.hold_ms == 0 || t - ks.streak_start >= r.hold_ms);
    // A story's alert id is the story's: the published record says which message fired
    // by the id of the message (the alert tail adds it for story alerts).
    bool fires = replaying ? s.fired_history->count(alert_id_value(r.id, key.key, ctx.event.id, false)) > 0
                           : held && cooldown_over(ks, r, t);
    // Past the cap an alert is not raised and leaves no trace (no cooldown starts),
    // exactly as if the rule had not fired: a rebuild from the published record agrees.
    if (fires && p.raised >= s.rules->program().max_alerts_per_event) {
        fires = false;
        s.notes.alerts_capped = true;
    }
    if (fires && p.story && !record_story_alert(s, r, key, ctx, ev, *p.rec, sa, story_alert)) {
        fires = false;
        s.notes.alerts_capped = true;
    }
    if (!fires) return;
    ++p.raised;
    ks.last_fire = ks.fired ? std::max(ks.last_fire, t) : t;
    ks.fired = true;
    ks.active = r.resolved;
    if (s.suppressed) return;
    Alert& a = p.out.emplace_back();
    if (p.story) {
        a = s.scratch_alert;  // record_story_alert filled it
        a.revision = sa ? sa->revision : 0;
        a.id = delivery_id_value(story_alert, a.revision, false);
    } else {
        fill_alert(a, r, key, ctx, ev, false);
    }
}

// The condition does not hold: the streak ends, and an active alert resolves.
void on_not_holds(EngineState& s, EventPass& p, const Rule& r, const KeyView& key, KeyState& ks, Evaluator& ev) {
    ks.streak = 0;
    if (ks.active && p.raised >= s.rules->program().max_alerts_per_event) {
        s.notes.alerts_capped = true;  // stays active: the next false evaluation resolves it
    } else if (ks.active) {
        ++p.raised;
        ks.active = false;
        if (!s.suppressed) fill_alert(p.out.emplace_back(), r, key, p.ctx, ev, true);
    }
}

void evaluate_key(EngineState& s, EventPass& p, const Rule& r, RuleState& rs, const KeyView& key) {
    KeyState& ks = key_state(s, rs, r, key.key);
    Evaluator ev(p.ctx, r, key, s.window_values.data(), rs, s.value_key);
    ev.tags = s.metric_tags.data();
    if (!s.metric_by_ticker.empty()) {
        ev.by_ticker = s.metric_by_ticker.data();
        ev.by_ticker_n = s.metric_by_ticker.size();
    }
    if (s.novelty) {
        ev.novelty = s.novelty_values.data();
        ev.novelty_count = s.novelty_values.size();
    }
    ev.story_revision = p.story_revision;
    ev.rings = &ks.windows;
    uint64_t story_alert = 0;
    StoryAlert* sa = nullptr;
    if (p.story) {
        story_alert = alert_id_value(r.id, key.key, p.ctx.event.story_id, false);
        sa = p.rec ? p.rec->find(story_alert) : nullptr;
    }
    advance_windows(s, p, r, ks, ev);  // windows first, so they include this event
    ev.marks.clear();
    const bool holds = ev.cond(r.when);
    if (sa && sa->live) revise(s, r, key, p.ctx, ev, holds, *sa, ks, p.raised, p.out);
    else if (holds) on_holds(s, p, r, key, ks, ev, sa, story_alert);
    else on_not_holds(s, p, r, key, ks, ev);
}

// Remembers this event's values for change_since_last, whatever the keys.
void remember_last_values(EngineState& s, const Rule& r, RuleState& rs, const EventContext& ctx) {
    for (size_t slot = 0; slot < r.since_nodes.size(); ++slot) {
        const Node& sel = r.nodes[static_cast<size_t>(r.nodes[static_cast<size_t>(r.since_nodes[slot])].a)];
        KeyView none{};
        Evaluator ev(ctx, r, none, s.window_values.data(), rs, s.value_key);
        const auto& metrics = ctx.analysis.metrics;
        for (size_t i = 0; i < metrics.size(); ++i) {
            const auto& m = metrics[i];
            if (s.metric_tags[i].kind != sel.kind || !m.has_value || !ev.selects(sel, m, false)) continue;
            last_value_key(m, s.value_key);
            auto& map = rs.last_values[slot];
            auto found = map.find(s.value_key);
            if (found != map.end()) found->second = m.value;
            else map.emplace(s.value_key, m.value);
        }
    }
}

}  // namespace

void fill_alert(Alert& a, const Rule& r, const KeyView& key, const EventContext& ctx, Evaluator& ev, bool resolved,
                std::string_view story_id) {
    a.id = alert_id_value(r.id, key.key, story_id.empty() || resolved ? ctx.event.id : story_id, resolved);
    core::to_hex16(a.id, a.alert_id);
    a.story = !story_id.empty() && !resolved;
    a.retracted = false;
    a.revision = 0;
    a.rule_id = r.id;
    a.severity = r.severity;
    a.key.assign(key.key);
    a.resolved = resolved;
    a.summary.clear();
    if (resolved) a.summary = "resolved: ";
    render_summary(r, key, ctx, ev, a.summary);
    a.metric_indices.clear();
    a.evidence.clear();
    for (size_t i = 0; i < ctx.analysis.metrics.size() && i < Marks::kMaxMetrics; ++i)
        if (ev.marks.metrics.test(i)) a.metric_indices.push_back(static_cast<uint32_t>(i));
    collect_evidence(ctx, ev.marks, a.evidence);
    a.relevance = key.entity ? key.entity->relevance : -1;
    const NoveltyValue* nv = ev.novelty_of_key();
    a.novelty = nv ? nv->novelty : -1;
    a.duplicate_of.assign(nv ? nv->duplicate_of : std::string_view());
    fill_explanation(a, r, ctx, ev);
}
}  // namespace detail

using namespace detail;

Engine::Engine(std::shared_ptr<const RuleSet> rules) : state_(std::make_unique<EngineState>()) {
    state_->adopt(std::move(rules));
}
Engine::~Engine() = default;
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;

void Engine::set_rules(std::shared_ptr<const RuleSet> rules) { state_->adopt(std::move(rules)); }
const std::shared_ptr<const RuleSet>& Engine::rules() const { return state_->rules; }
void Engine::set_suppressed(bool on) { state_->suppressed = on; }
void Engine::set_fired_history(const std::unordered_set<uint64_t>* published_ids) {
    state_->fired_history = published_ids;
}
bool Engine::suppressed() const { return state_->suppressed; }
const Engine::EventNotes& Engine::notes() const { return state_->notes; }

void Engine::evaluate(const EventContext& ctx, std::vector<Alert>& out) {
    EngineState& s = *state_;
    if (!s.rules) return;
    EventPass p{ctx, out, ctx.event_time_ms};
    if (begin_event(s, p)) {
        const auto& rules = s.rules->program().rules;
        for (size_t ri = 0; ri < rules.size(); ++ri) {
            const Rule& r = rules[ri];
            RuleState& rs = s.states[ri];
            EngineState::ModeKeys& mk = s.mode_keys[static_cast<size_t>(r.mode)];
            if (!mk.done) collect_keys(s, r.mode, ctx, s.rules->program().max_keys_per_event, mk);
            s.notes.keys_capped |= mk.capped;
            for (const KeyView& key : mk.keys) evaluate_key(s, p, r, rs, key);
            remember_last_values(s, r, rs, ctx);
        }
    }
    sweep_idle(s);
}



size_t Engine::state_bytes() const {
    // Node of an unordered_map: next pointer + cached hash + the pair, plus one bucket pointer.
    constexpr size_t kNodeOverhead = 2 * sizeof(void*) + sizeof(void*);
    size_t total = state_->novelty ? state_->novelty->state_bytes() : 0;
    if (state_->stories) total += state_->stories->state_bytes();
    for (const RuleState& rs : state_->states) {
        total += rs.keys.bucket_count() * sizeof(void*);
        for (const auto& [key, ks] : rs.keys) {
            total += kNodeOverhead + sizeof(std::string) + sizeof(KeyState);
            if (key.capacity() > 15) total += key.capacity() + 1;
            total += ks.windows.capacity() * sizeof(Ring);
            for (const Ring& ring : ks.windows) total += ring.bytes();
        }
        for (const auto& map : rs.last_values) {
            total += map.bucket_count() * sizeof(void*);
            for (const auto& [key, v] : map) {
                total += kNodeOverhead + sizeof(std::string) + sizeof(double);
                if (key.capacity() > 15) total += key.capacity() + 1;
            }
        }
    }
    return total;
}

size_t Engine::key_count() const {
    size_t n = 0;
    for (const RuleState& rs : state_->states) n += rs.keys.size();
    return n;
}

}  // namespace herald::rules
