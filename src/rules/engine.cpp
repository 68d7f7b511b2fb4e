// Per-partition rule evaluation: picks the keys of each rule, advances windows, checks the
// condition, then applies hold, cooldown and resolved semantics, all in event time.
#include "herald/rules/engine.hpp"

#include <algorithm>
#include <limits>

#include "evaluator.hpp"
#include "render.hpp"
#include "state.hpp"

namespace herald::rules {

namespace detail {

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
    // scratch reused across events
    std::vector<KeyView> keys;
    std::vector<WindowValue> window_values;
    std::string key_buf, value_key;

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
        keys.reserve(16);
    }
};

namespace {

void add_key(std::vector<KeyView>& keys, std::string_view key, std::string_view ticker,
             const analysis::EntityResult* entity) {
    for (const auto& k : keys)
        if (iequals(k.key, key)) return;
    keys.push_back({key, ticker, entity});
}

const analysis::EntityResult* entity_with_ticker(const analysis::Analysis& a, std::string_view ticker) {
    for (const auto& e : a.entities)
        if (!e.ticker.empty() && iequals(e.ticker, ticker)) return &e;
    return nullptr;
}

void collect_keys(KeyMode mode, const EventContext& ctx, std::vector<KeyView>& keys) {
    keys.clear();
    const auto& entities = ctx.analysis.entities;
    const auto& tickers = ctx.event.tickers;
    switch (mode) {
        case KeyMode::primary: {
            for (const auto& e : entities) {
                if (!e.ticker.empty()) {
                    keys.push_back({e.ticker, e.ticker, &e});
                    return;
                }
            }
            for (std::string_view t : tickers) {
                if (!t.empty()) {
                    keys.push_back({t, t, entity_with_ticker(ctx.analysis, t)});
                    return;
                }
            }
            keys.push_back({"_", {}, entities.empty() ? nullptr : &entities.front()});
            return;
        }
        case KeyMode::ticker:
            for (const auto& e : entities)
                if (!e.ticker.empty()) add_key(keys, e.ticker, e.ticker, &e);
            for (std::string_view t : tickers)
                if (!t.empty()) add_key(keys, t, t, entity_with_ticker(ctx.analysis, t));
            return;
        case KeyMode::entity:
            for (const auto& e : entities)
                if (!e.name.empty()) add_key(keys, e.name, e.ticker, &e);
            for (std::string_view t : tickers)
                if (!t.empty() && !entity_with_ticker(ctx.analysis, t)) add_key(keys, t, t, nullptr);
            return;
    }
}

bool cooldown_over(const KeyState& ks, const Rule& r, int64_t t) {
    return !ks.fired || t - ks.last_fire >= r.cooldown_ms;
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

void fill_alert(Alert& a, const Rule& r, const KeyView& key, const EventContext& ctx, Evaluator& ev, bool resolved) {
    make_alert_id(r.id, key.key, ctx.event.id, resolved, a.alert_id);
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
}

}  // namespace
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

void Engine::evaluate(const EventContext& ctx, std::vector<Alert>& out) {
    EngineState& s = *state_;
    if (!s.rules) return;
    const int64_t t = ctx.event_time_ms;
    s.max_time = std::max(s.max_time, t);
    const auto& rules = s.rules->program().rules;
    for (size_t ri = 0; ri < rules.size(); ++ri) {
        const Rule& r = rules[ri];
        RuleState& rs = s.states[ri];
        collect_keys(r.mode, ctx, s.keys);
        for (const KeyView& key : s.keys) {
            s.key_buf.assign(key.key);
            auto it = rs.keys.find(s.key_buf);
            if (it == rs.keys.end()) {
                it = rs.keys.emplace(s.key_buf, KeyState{}).first;
                it->second.windows.resize(r.windows.size());
            }
            KeyState& ks = it->second;
            Evaluator ev(ctx, r, key, s.window_values.data(), rs, s.value_key);

            // Windows first, so they include this event.
            for (size_t w = 0; w < r.windows.size(); ++w) {
                const Node& wn = r.nodes[static_cast<size_t>(r.windows[w])];
                Ring& ring = ks.windows[w];
                WindowAgg agg = WindowAgg(wn.sub);
                if (wn.a < 0) {
                    ring.push({t, 1.0});
                } else if (agg == WindowAgg::count) {
                    if (ev.cond(wn.a)) ring.push({t, 1.0});
                } else {
                    double v;
                    if (ev.num(wn.a, v)) ring.push({t, v});
                }
                ring.evict_until(t - wn.span_ms);
                // The window holds the samples of (t - span, ...]: events are expected in
                // order per key; a late event sees samples that arrived before it.
                uint32_t n = ring.size();
                double lo = 0, hi = 0;
                if (n > 0 && (agg == WindowAgg::min || agg == WindowAgg::max)) {
                    lo = hi = ring.at(0).v;
                    for (uint32_t i = 1; i < n; ++i) {
                        double v = ring.at(i).v;
                        lo = v < lo ? v : lo;
                        hi = v > hi ? v : hi;
                    }
                }
                WindowValue& out_v = s.window_values[w];
                switch (agg) {
                    case WindowAgg::count: out_v = {static_cast<double>(n), true}; break;
                    case WindowAgg::sum: out_v = {ring.sum(), true}; break;
                    case WindowAgg::avg: out_v = {n ? ring.sum() / n : 0.0, n > 0}; break;
                    case WindowAgg::min: out_v = {lo, n > 0}; break;
                    case WindowAgg::max: out_v = {hi, n > 0}; break;
                }
            }
            ev.marks.clear();
            bool holds = ev.cond(r.when);

            // Rebuilding with the published record: it, not this engine's possibly partial
            // cooldown and hold state, says whether the rule fired here.
            const bool replaying = s.suppressed && s.fired_history != nullptr;
            if (holds) {
                if (ks.streak == 0) ks.streak_start = t;
                if (ks.streak < std::numeric_limits<uint32_t>::max()) ++ks.streak;
                bool held = (r.hold_events <= 1 || ks.streak >= r.hold_events) &&
                            (r.hold_ms == 0 || t - ks.streak_start >= r.hold_ms);
                bool fires = replaying ? s.fired_history->count(alert_id_value(r.id, key.key, ctx.event.id, false)) > 0
                                       : held && cooldown_over(ks, r, t);
                if (fires) {
                    ks.fired = true;
                    ks.last_fire = t;
                    ks.active = r.resolved;
                    if (!s.suppressed) fill_alert(out.emplace_back(), r, key, ctx, ev, false);
                }
            } else {
                ks.streak = 0;
                if (ks.active) {
                    ks.active = false;
                    if (!s.suppressed) fill_alert(out.emplace_back(), r, key, ctx, ev, true);
                }
            }
        }
        // Remember this event's values for change_since_last, whatever the keys.
        for (size_t slot = 0; slot < r.since_nodes.size(); ++slot) {
            const Node& sel = r.nodes[static_cast<size_t>(r.nodes[static_cast<size_t>(r.since_nodes[slot])].a)];
            KeyView none{};
            Evaluator ev(ctx, r, none, s.window_values.data(), rs, s.value_key);
            for (const auto& m : ctx.analysis.metrics) {
                if (!m.has_value || !ev.selects(sel, m, false)) continue;
                last_value_key(m, s.value_key);
                auto& map = rs.last_values[slot];
                auto found = map.find(s.value_key);
                if (found != map.end()) found->second = m.value;
                else map.emplace(s.value_key, m.value);
            }
        }
    }
    if (++s.events % kSweepEvery == 0) {
        for (size_t ri = 0; ri < rules.size(); ++ri) {
            auto& keys = s.states[ri].keys;
            for (auto it = keys.begin(); it != keys.end();) {
                if (is_idle(it->second, rules[ri], s.max_time)) it = keys.erase(it);
                else ++it;
            }
        }
    }
}

size_t Engine::state_bytes() const {
    // Node of an unordered_map: next pointer + cached hash + the pair, plus one bucket pointer.
    constexpr size_t kNodeOverhead = 2 * sizeof(void*) + sizeof(void*);
    size_t total = 0;
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
