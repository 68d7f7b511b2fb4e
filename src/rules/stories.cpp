#include "stories.hpp"

#include <algorithm>
#include <cstring>

#include "herald/core/hash.hpp"

namespace herald::rules::detail {

StoryAlert* StoryRecord::find(uint64_t alert_id) {
    for (StoryAlert& a : alerts)
        if (a.alert_id == alert_id) return &a;
    return nullptr;
}

StoryRecord* StoryBook::find(std::string_view story_id, int64_t t) {
    auto it = stories_.find(core::fnv1a64(story_id));
    if (it == stories_.end() || expired(it->second, t)) return nullptr;
    return &it->second;
}

StoryRecord& StoryBook::open(std::string_view story_id, int64_t t) {
    auto [it, fresh] = stories_.try_emplace(core::fnv1a64(story_id));
    StoryRecord& r = it->second;
    if (fresh || expired(r, t)) r = StoryRecord{t, false, 0, {}};
    return r;
}

void StoryBook::sweep(int64_t now) {
    horizon_.sweep(stories_, now, [](const StoryRecord& r) { return r.first_t; });
}

size_t StoryBook::state_bytes() const {
    constexpr size_t kNode = 3 * sizeof(void*) + sizeof(uint64_t) + sizeof(StoryRecord);
    size_t total = stories_.bucket_count() * sizeof(void*);
    for (const auto& [id, r] : stories_) {
        total += kNode + r.alerts.capacity() * sizeof(StoryAlert);
        for (const StoryAlert& a : r.alerts)
            for (const std::string* s : {&a.rule_id, &a.severity, &a.key})
                if (s->capacity() > 15) total += s->capacity() + 1;
    }
    return total;
}

namespace {
uint64_t mix_in(uint64_t h, std::string_view s) { return core::fnv1a64(s, core::fnv1a64("\x1f", h)); }
uint64_t mix_in(uint64_t h, double v) {
    char bytes[sizeof v];
    std::memcpy(bytes, &v, sizeof v);
    return mix_in(h, std::string_view(bytes, sizeof bytes));
}
}  // namespace

uint64_t content_hash(const Alert& a, const EventContext& ctx) {
    uint64_t h = core::fnv1a64(a.summary);
    h = mix_in(h, a.severity);
    h = mix_in(h, static_cast<double>(a.relevance));
    h = mix_in(h, static_cast<double>(a.novelty));
    h = mix_in(h, a.duplicate_of);
    h = mix_in(h, ctx.analysis.sentiment.score);
    for (uint32_t i : a.metric_indices) {
        if (i >= ctx.analysis.metrics.size()) continue;
        const analysis::Metric& m = ctx.analysis.metrics[i];
        h = mix_in(h, analysis::metric_kind_name(m.kind));
        h = mix_in(h, m.has_value ? m.value : -0.0);
        h = mix_in(h, m.change.has_percent ? m.change.percent : -0.0);
        h = mix_in(h, m.period.view());
        h = mix_in(h, m.entity);
    }
    for (const analysis::Span& s : a.evidence) {
        std::string_view text = ctx.event.field(s.field);
        if (s.begin <= s.end && s.end <= text.size()) h = mix_in(h, text.substr(s.begin, s.end - s.begin));
    }
    return h;
}

void fill_retraction(Alert& out, const StoryAlert& sa, std::string_view story_id, bool deleted) {
    out = Alert{};
    core::to_hex16(sa.alert_id, out.alert_id);
    out.id = delivery_id_value(sa.alert_id, sa.revision, true);
    out.rule_id = sa.rule_id;
    out.severity = sa.severity;
    out.key = sa.key;
    out.story = true;
    out.retracted = true;
    out.revision = sa.revision;
    out.summary = "retracted: story ";
    out.summary.append(story_id);
    out.summary.append(deleted ? " was deleted" : " was updated and no longer meets the rule");
}

}  // namespace herald::rules::detail
