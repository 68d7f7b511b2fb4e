// The alert message value (DESIGN.md "Alert") and its deterministic id.
#include <algorithm>

#include "herald/analysis/analysis_json.hpp"
#include "herald/core/hash.hpp"
#include "herald/core/json_writer.hpp"
#include "herald/core/time.hpp"
#include "herald/rules/alert.hpp"

namespace herald::rules {

uint64_t alert_id_value(std::string_view rule_id, std::string_view key, std::string_view event_id, bool resolved) {
    // A unit separator between parts, so ("ab","c") and ("a","bc") differ.
    uint64_t h = core::fnv1a64(rule_id);
    h = core::fnv1a64(key, core::fnv1a64("\x1f", h));
    h = core::fnv1a64(event_id, core::fnv1a64("\x1f", h));
    if (resolved) h = core::fnv1a64("resolved", core::fnv1a64("\x1f", h));
    return core::mix64(h);
}

void make_alert_id(std::string_view rule_id, std::string_view key, std::string_view event_id, bool resolved,
                   char out[17]) {
    core::to_hex16(alert_id_value(rule_id, key, event_id, resolved), out);
}

namespace {
int severity_rank(std::string_view s) { return s == "critical" ? 2 : s == "warning" ? 1 : 0; }

// The group's severity: the highest of the members still firing (a resolved critical next to a
// warning is a warning), or of all members when every one is a resolution.
std::string_view group_severity(const std::vector<Alert>& alerts) {
    const bool any_firing = std::any_of(alerts.begin(), alerts.end(), [](const Alert& a) { return !a.resolved; });
    std::string_view best;
    int best_rank = -1;
    for (const Alert& a : alerts) {
        if (any_firing && a.resolved) continue;
        if (severity_rank(a.severity) > best_rank) {
            best_rank = severity_rank(a.severity);
            best = a.severity;
        }
    }
    return best;
}
}  // namespace

void group_alerts(std::vector<Alert>& alerts) {
    if (alerts.size() < 2) return;
    Alert g;
    g.rule_id = "grouped";
    g.severity = group_severity(alerts);
    g.key = alerts.front().key;
    g.summary = std::to_string(alerts.size()) + " rules:";
    uint64_t h = core::fnv1a64("grouped");
    for (size_t i = 0; i < alerts.size(); ++i) {
        Alert& a = alerts[i];
        g.summary.append(i ? ", " : " ").append(a.rule_id).append(a.resolved ? " resolved" : "");
        g.summary.append(" (").append(a.key).append(")");
        h = core::fnv1a64(std::string_view(a.alert_id, 16), core::fnv1a64("\x1f", h));
        for (uint32_t m : a.metric_indices)
            if (std::find(g.metric_indices.begin(), g.metric_indices.end(), m) == g.metric_indices.end())
                g.metric_indices.push_back(m);
        for (const analysis::Span& s : a.evidence)
            if (std::find_if(g.evidence.begin(), g.evidence.end(), [&](const analysis::Span& e) {
                    return e.field == s.field && e.begin == s.begin && e.end == s.end;
                }) == g.evidence.end())
                g.evidence.push_back(s);
        Alert::Member& m = g.members.emplace_back();
        std::copy(a.alert_id, a.alert_id + 17, m.alert_id);
        m.rule_id = std::move(a.rule_id);
        m.severity = std::move(a.severity);
        m.key = std::move(a.key);
        m.summary = std::move(a.summary);
        m.resolved = a.resolved;
    }
    core::to_hex16(core::mix64(h), g.alert_id);
    alerts.clear();
    alerts.push_back(std::move(g));
}

void append_alert_json(std::string& out, const Alert& a, const EventContext& ctx, const SourceRef& src,
                       int64_t detected_at_ms) {
    core::JsonWriter w(out);
    std::string time;
    w.begin_object();
    w.key("alert_id");
    w.string(std::string_view(a.alert_id, 16));
    w.key("rule");
    w.string(a.rule_id);
    w.key("severity");
    w.string(a.severity);
    w.key("key");
    w.string(a.key);
    w.key("event_id");
    w.string(ctx.event.id);
    w.key("event_time");
    core::append_rfc3339(time, ctx.event_time_ms);
    w.string(time);
    w.key("detected_at");
    time.clear();
    core::append_rfc3339(time, detected_at_ms, true);
    w.string(time);
    if (a.resolved) {
        w.key("resolved");
        w.boolean(true);
    }
    w.key("summary");
    w.string(a.summary);
    if (!a.members.empty()) {
        w.key("grouped");
        w.begin_array();
        for (const Alert::Member& m : a.members) {
            w.begin_object();
            w.key("alert_id");
            w.string(std::string_view(m.alert_id, 16));
            w.key("rule");
            w.string(m.rule_id);
            w.key("severity");
            w.string(m.severity);
            w.key("key");
            w.string(m.key);
            if (m.resolved) {
                w.key("resolved");
                w.boolean(true);
            }
            w.key("summary");
            w.string(m.summary);
            w.end_object();
        }
        w.end_array();
    }
    w.key("sentiment");
    analysis::write_sentiment_json(w, ctx.analysis.sentiment);
    w.key("metrics");
    w.begin_array();
    for (uint32_t i : a.metric_indices)
        if (i < ctx.analysis.metrics.size()) analysis::write_metric_json(w, ctx.analysis.metrics[i]);
    w.end_array();
    w.key("evidence");
    w.begin_array();
    for (const analysis::Span& s : a.evidence) {
        std::string_view text = ctx.event.field(s.field);
        if (s.end > text.size() || s.begin > s.end) continue;
        w.begin_object();
        w.key("field");
        w.string(analysis::field_name(s.field));
        w.key("span");
        w.begin_array();
        w.integer(s.begin);
        w.integer(s.end);
        w.end_array();
        w.key("text");
        w.string(text.substr(s.begin, s.end - s.begin));
        w.end_object();
    }
    w.end_array();
    if (src.partition >= 0) {
        w.key("source");
        w.begin_object();
        w.key("topic");
        w.string(src.topic);
        w.key("partition");
        w.integer(src.partition);
        w.key("offset");
        w.integer(src.offset);
        w.end_object();
    }
    w.end_object();
}

}  // namespace herald::rules
