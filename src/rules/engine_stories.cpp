// Story messages in an Engine (docs/events.md, "Story updates"): a deletion retracts the alerts
// its story raised, an update revises them, and a firing is remembered for both.
#include "engine_state.hpp"

namespace herald::rules::detail {

// A deletion: each alert of the story still standing is retracted (its next revision), and the
// story's later messages raise nothing. A rule with `resolved` then has nothing left to resolve.
void retract_story(EngineState& s, const EventContext& ctx, std::vector<Alert>& out) {
    StoryRecord* found = s.stories->find(ctx.event.story_id, ctx.event_time_ms);
    StoryRecord& rec = found ? *found : s.stories->open(ctx.event.story_id, ctx.event_time_ms);
    rec.deleted = true;
    for (StoryAlert& sa : rec.alerts) {
        if (!sa.live) continue;
        sa.live = false;
        ++sa.revision;
        for (size_t ri = 0; ri < s.states.size(); ++ri) {
            if (s.states[ri].id != sa.rule_id || !s.rules->program().rules[ri].resolved) continue;
            auto it = s.states[ri].keys.find(sa.key);
            if (it != s.states[ri].keys.end()) it->second.active = false;
        }
        if (!s.suppressed) fill_retraction(out.emplace_back(), sa, ctx.event.story_id, true);
    }
}

// An update of a story that raised this (rule, key) alert: a new revision when what the alert
// says changed, a retraction when the condition no longer holds. Cooldown and hold do not apply
// (it is the same alert); the per-event cap does. Computed when suppressed too, so a rebuild
// keeps the same revisions.
void revise(EngineState& s, const Rule& r, const KeyView& key, const EventContext& ctx, Evaluator& ev, bool holds,
            StoryAlert& sa, KeyState& ks, uint32_t& raised, std::vector<Alert>& out) {
    const uint32_t cap = s.rules->program().max_alerts_per_event;
    if (!holds) {
        if (raised >= cap) {
            s.notes.alerts_capped = true;
            return;
        }
        ++raised;
        sa.live = false;
        ++sa.revision;
        if (r.resolved) ks.active = false;
        if (!s.suppressed) fill_retraction(out.emplace_back(), sa, ctx.event.story_id, false);
        return;
    }
    Alert& a = s.suppressed ? s.scratch_alert : out.emplace_back();
    fill_alert(a, r, key, ctx, ev, false, ctx.event.story_id);
    const uint64_t content = content_hash(a, ctx);
    if (content == sa.content || raised >= cap) {
        s.notes.alerts_capped |= content != sa.content;
        if (!s.suppressed) out.pop_back();
        return;
    }
    ++raised;
    sa.content = content;
    a.revision = ++sa.revision;
    a.id = delivery_id_value(sa.alert_id, a.revision, false);
}

// Remembers that the story raised alert `a` (or re-raised it after a retraction: its next
// revision). False when the story holds kAlertsPerStory alerts already: the alert is not raised.
bool record_story_alert(EngineState& s, const Rule& r, const KeyView& key, const EventContext& ctx, Evaluator& ev,
                        StoryRecord& rec, StoryAlert* sa, uint64_t base) {
    if (!sa) {
        if (rec.alerts.size() >= StoryBook::kAlertsPerStory) return false;
        sa = &rec.alerts.emplace_back();
        sa->alert_id = base;
        sa->rule_id = r.id;
        sa->severity = r.severity;
        sa->key.assign(key.key);
        sa->revision = 0;
    } else {
        ++sa->revision;
    }
    sa->live = true;
    Alert& a = s.scratch_alert;
    fill_alert(a, r, key, ctx, ev, false, ctx.event.story_id);
    sa->content = content_hash(a, ctx);
    return true;
}

}  // namespace herald::rules::detail
