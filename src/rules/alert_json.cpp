// The alert message value (docs/contracts.md "Alert") and its deterministic id.
#include <algorithm>

#include "herald/analysis/analysis_json.hpp"
#include "herald/core/hash.hpp"
#include "herald/core/json_writer.hpp"
#include "herald/core/time.hpp"
#include "herald/rules/alert.hpp"
#include "herald/rules/alert_limits.hpp"

namespace herald::rules {

uint64_t alert_id_value(std::string_view rule_id, std::string_view key, std::string_view event_id, bool resolved) {
    // A unit separator between parts, so ("ab","c") and ("a","bc") differ.
    uint64_t h = core::fnv1a64(rule_id);
    h = core::fnv1a64(key, core::fnv1a64("\x1f", h));
    h = core::fnv1a64(event_id, core::fnv1a64("\x1f", h));
    if (resolved) h = core::fnv1a64("resolved", core::fnv1a64("\x1f", h));
    return core::mix64(h);
}

uint64_t delivery_id_value(uint64_t alert_id, uint32_t revision, bool retracted) {
    if (revision == 0 && !retracted) return alert_id;
    const uint64_t tag = (static_cast<uint64_t>(revision) << 1 | (retracted ? 1 : 0)) + 1;
    return core::mix64(alert_id ^ (tag * 0x9e3779b97f4a7c15ULL));
}

void make_alert_id(std::string_view rule_id, std::string_view key, std::string_view event_id, bool resolved,
                   char out[17]) {
    core::to_hex16(alert_id_value(rule_id, key, event_id, resolved), out);
}

namespace {
int severity_rank(std::string_view s) { return s == "critical" ? 2 : s == "warning" ? 1 : 0; }

// The group's severity: the highest of the members still firing (a resolved critical next to a
// warning is a warning), or of all members when every one is a resolution. Over alerts[b, e).
std::string_view group_severity(const std::vector<Alert>& alerts, size_t b, size_t e) {
    const bool any_firing = std::any_of(alerts.begin() + static_cast<std::ptrdiff_t>(b),
                                        alerts.begin() + static_cast<std::ptrdiff_t>(e),
                                        [](const Alert& a) { return !a.resolved; });
    std::string_view best;
    int best_rank = -1;
    for (size_t i = b; i < e; ++i) {
        const Alert& a = alerts[i];
        if (any_firing && a.resolved) continue;
        if (severity_rank(a.severity) > best_rank) {
            best_rank = severity_rank(a.severity);
            best = a.severity;
        }
    }
    return best;
}

// Folds alerts[b, e) (two or more) into one grouped alert. part/parts: which share of the event's
// alerts it is when they did not fit one message (parts == 1: all of them).
// The summary lists members while it is shorter than summary_bytes (the cap would cut the rest
// anyway, and building it whole costs members x rule id), then says how many it left out.
Alert fold(std::vector<Alert>& alerts, size_t b, size_t e, size_t part, size_t parts, size_t summary_bytes) {
    Alert g;
    g.rule_id = "grouped";
    g.severity = group_severity(alerts, b, e);
    g.key = alerts[b].key;
    g.summary = std::to_string(e - b) + " rules";
    if (parts > 1)
        g.summary += " (part " + std::to_string(part + 1) + " of " + std::to_string(parts) + ", " +
                     std::to_string(alerts.size()) + " in all)";
    g.summary += ":";
    uint64_t h = core::fnv1a64("grouped");
    size_t unlisted = 0;
    for (size_t i = b; i < e; ++i) {
        Alert& a = alerts[i];
        if (g.summary.size() < summary_bytes) {
            g.summary.append(i > b ? ", " : " ").append(a.rule_id).append(a.resolved ? " resolved" : "");
            g.summary.append(" (").append(a.key).append(")");
        } else {
            ++unlisted;
        }
        h = core::fnv1a64(std::string_view(a.alert_id, 16), core::fnv1a64("\x1f", h));
        if (a.revision != 0 || a.retracted) h = core::mix64(h ^ a.id);  // a story's later revision
        for (uint32_t m : a.metric_indices)
            if (std::find(g.metric_indices.begin(), g.metric_indices.end(), m) == g.metric_indices.end())
                g.metric_indices.push_back(m);
        for (const analysis::Span& s : a.evidence)
            if (std::find_if(g.evidence.begin(), g.evidence.end(), [&](const analysis::Span& x) {
                    return x.field == s.field && x.begin == s.begin && x.end == s.end;
                }) == g.evidence.end())
                g.evidence.push_back(s);
        // The group's explanation: each member's, in rule order (the terms are the event's: once).
        Alert::Explanation& x = g.explanation;
        x.compared.insert(x.compared.end(), a.explanation.compared.begin(), a.explanation.compared.end());
        x.events.insert(x.events.end(), a.explanation.events.begin(), a.explanation.events.end());
        x.windows.insert(x.windows.end(), a.explanation.windows.begin(), a.explanation.windows.end());
        if (x.terms.empty()) x.terms = std::move(a.explanation.terms);
        x.sentiment |= a.explanation.sentiment;
        Alert::Member& m = g.members.emplace_back();
        std::copy(a.alert_id, a.alert_id + 17, m.alert_id);
        m.rule_id = std::move(a.rule_id);
        m.severity = std::move(a.severity);
        m.key = std::move(a.key);
        m.summary = std::move(a.summary);
        m.resolved = a.resolved;
        m.story = a.story;
        m.retracted = a.retracted;
        m.revision = a.revision;
    }
    if (unlisted > 0) g.summary += ", ... and " + std::to_string(unlisted) + " more";
    g.id = core::mix64(h);
    core::to_hex16(g.id, g.alert_id);
    return g;
}

// Upper bound of one member object in the "grouped" array, as append_alert_json writes it.
size_t member_bytes(const Alert& a, const AlertLimits& limits) {
    constexpr size_t kPunctuation = 100;  // names, quotes, id, "resolved":true, comma
    return kPunctuation + a.severity.size() + capped_size(a.rule_id, limits.rule) + capped_size(a.key, limits.key) +
           capped_size(a.summary, limits.member_summary);
}
}  // namespace

void group_alerts(std::vector<Alert>& alerts, const AlertLimits& limits) {
    if (alerts.size() < 2) return;
    // Consecutive runs of members that fit one message's "grouped" share; usually one run.
    std::vector<size_t> starts{0};
    size_t used = 0;
    for (size_t i = 0; i < alerts.size(); ++i) {
        size_t n = limits.members == AlertLimits::kNone ? 0 : member_bytes(alerts[i], limits);
        if (i > starts.back() && used + n > limits.members) {
            starts.push_back(i);
            used = 0;
        }
        used += n;
    }
    starts.push_back(alerts.size());
    const size_t parts = starts.size() - 1;
    std::vector<Alert> out;
    out.reserve(parts);
    for (size_t p = 0; p < parts; ++p) {
        if (starts[p + 1] - starts[p] == 1) out.push_back(std::move(alerts[starts[p]]));  // a part of one: as is
        else out.push_back(fold(alerts, starts[p], starts[p + 1], p, parts, limits.summary));
    }
    alerts.swap(out);
}

namespace {
// Writes capped strings and remembers whether any was cut.
class Capper {
public:
    std::string_view operator()(std::string_view s, size_t cap) {
        std::string_view r = capped_text(s, cap, scratch_);
        if (r.data() != s.data()) cut = true;
        return r;
    }
    bool cut = false;

private:
    std::string scratch_;
};

// Appends a rendered array item when it fits what is left of the array's share.
bool fits(size_t& used, size_t item, size_t share) {
    if (item + 1 > share || used > share - item - 1) return false;
    used += item + 1;
    return true;
}
}  // namespace

namespace {
void write_span(core::JsonWriter& w, const analysis::Span& s) {
    w.key("field");
    w.string(analysis::field_name(s.field));
    w.key("span");
    w.begin_array();
    w.integer(s.begin);
    w.integer(s.end);
    w.end_array();
}

// The "explain" object (docs/rules.md, "Explanations"); items that do not fit `share` bytes are
// left out and counted (the return value). `item` is scratch.
size_t write_explanation(core::JsonWriter& w, const Alert::Explanation& x, const EventContext& ctx, size_t share,
                         std::string& item) {
    size_t used = 0, omitted = 0;
    auto put = [&](const char* name, size_t n, const auto& write_one) {
        if (n == 0) return;
        w.key(name);
        w.begin_array();
        for (size_t i = 0; i < n; ++i) {
            item.clear();
            core::JsonWriter iw(item);
            iw.begin_object();
            write_one(iw, i);
            iw.end_object();
            if (fits(used, item.size(), share)) w.raw(item);
            else ++omitted;
        }
        w.end_array();
    };
    w.begin_object();
    put("compared", x.compared.size(), [&](core::JsonWriter& o, size_t i) {
        const auto& c = x.compared[i];
        o.key("read");
        o.string(c.read);
        o.key("value");
        if (c.text) o.string(c.value_text);
        else o.number(c.value);
        o.key("op");
        o.string(c.op);
        o.key("threshold");
        if (c.text) o.string(c.threshold_text);
        else o.number(c.threshold);
    });
    put("events", x.events.size(), [&](core::JsonWriter& o, size_t i) {
        const auto& e = x.events[i];
        o.key("type");
        o.string(e.type);
        write_span(o, e.span);
        std::string_view text = ctx.event.field(e.span.field);
        if (e.span.begin <= e.span.end && e.span.end <= text.size()) {
            o.key("text");
            o.string(text.substr(e.span.begin, e.span.end - e.span.begin));
        }
        if (!e.detail.empty()) {
            o.key("detail");
            o.string(e.detail);
        }
        if (e.has_figure) {
            o.key("figure");
            o.number(e.figure);
        }
    });
    put("terms", x.terms.size(), [&](core::JsonWriter& o, size_t i) {
        const auto& t = x.terms[i];
        o.key("term");
        o.string(t.term);
        o.key("weight");
        o.number(t.weight);
        o.key("rule");
        o.string(t.rule);
        write_span(o, t.span);
    });
    put("windows", x.windows.size(), [&](core::JsonWriter& o, size_t i) {
        const auto& win = x.windows[i];
        o.key("read");
        o.string(win.read);
        o.key("event_ids");
        o.begin_array();
        for (const std::string& id : win.ids) o.string(id);
        o.end_array();
    });
    w.end_object();
    return omitted;
}
}  // namespace

namespace {
// What append_alert_json left out for lack of room, per array.
struct Omitted {
    size_t members = 0, metrics = 0, evidence = 0, explain = 0;
    bool any() const { return members || metrics || evidence || explain; }
};

// A flag written only when set: absent means false, so alerts without it stay short.
void flag(core::JsonWriter& w, std::string_view key, bool on) {
    if (on) w.bool_field(key, true);
}

// The fields an alert and a grouped member both start with.
template <typename A>
void write_identity(core::JsonWriter& w, const A& a, const AlertLimits& limits, Capper& cap) {
    w.string_field("alert_id", std::string_view(a.alert_id, 16));
    w.string_field("rule", cap(a.rule_id, limits.rule));
    w.string_field("severity", a.severity);
    w.string_field("key", cap(a.key, limits.key));
}

// From alert_id to duplicate_of: the alert's own fields.
void write_head(core::JsonWriter& w, const Alert& a, const EventContext& ctx, int64_t detected_at_ms,
                const AlertLimits& limits, Capper& cap) {
    std::string time;
    write_identity(w, a, limits, cap);
    w.string_field("event_id", cap(ctx.event.id, limits.event_id));
    core::append_rfc3339(time, ctx.event_time_ms);
    w.string_field("event_time", time);
    time.clear();
    core::append_rfc3339(time, detected_at_ms, true);
    w.string_field("detected_at", time);
    flag(w, "resolved", a.resolved);
    if (a.story) {
        w.string_field("story_id", cap(ctx.event.story_id, limits.event_id));
        w.integer_field("revision", a.revision);
        flag(w, "retracted", a.retracted);
    }
    w.string_field("summary", cap(a.summary, limits.summary));
    if (a.relevance >= 0) w.integer_field("relevance", a.relevance);
    if (a.novelty >= 0) {
        w.integer_field("novelty", a.novelty);
        if (!a.duplicate_of.empty()) w.string_field("duplicate_of", a.duplicate_of);
    }
}

void write_member(core::JsonWriter& mw, const Alert::Member& m, const AlertLimits& limits, Capper& cap) {
    mw.begin_object();
    write_identity(mw, m, limits, cap);
    flag(mw, "resolved", m.resolved);
    if (m.story) {
        mw.integer_field("revision", m.revision);
        flag(mw, "retracted", m.retracted);
    }
    mw.string_field("summary", cap(m.summary, limits.member_summary));
    mw.end_object();
}

// The "grouped" array; members past its share are left out and counted (the return value).
size_t write_members(core::JsonWriter& w, const Alert& a, const AlertLimits& limits, Capper& cap, std::string& item) {
    size_t used = 0, omitted = 0;
    w.key("grouped");
    w.begin_array();
    for (const Alert::Member& m : a.members) {
        item.clear();
        core::JsonWriter mw(item);
        write_member(mw, m, limits, cap);
        if (fits(used, item.size(), limits.members)) w.raw(item);
        else ++omitted;
    }
    w.end_array();
    return omitted;
}

size_t write_metrics(core::JsonWriter& w, const Alert& a, const EventContext& ctx, const AlertLimits& limits,
                     std::string& item) {
    size_t used = 0, omitted = 0;
    w.key("metrics");
    w.begin_array();
    for (uint32_t i : a.metric_indices) {
        if (i >= ctx.analysis.metrics.size()) continue;
        item.clear();
        core::JsonWriter mw(item);
        analysis::write_metric_json(mw, ctx.analysis.metrics[i]);
        if (fits(used, item.size(), limits.metrics)) w.raw(item);
        else ++omitted;
    }
    w.end_array();
    return omitted;
}

// The evidence sentences, each cut to what is left of the share; too little left: left out.
size_t write_evidence(core::JsonWriter& w, const Alert& a, const EventContext& ctx, const AlertLimits& limits,
                      Capper& cap, std::string& item) {
    size_t used = 0, omitted = 0;
    w.key("evidence");
    w.begin_array();
    constexpr size_t kEvidenceFrame = 96;  // {"field":"headline","span":[N,N],"text":""} and a comma
    for (const analysis::Span& s : a.evidence) {
        std::string_view text = ctx.event.field(s.field);
        if (s.end > text.size() || s.begin > s.end) continue;
        const size_t left = limits.evidence - used;
        if (left <= kEvidenceFrame + 64) {  // no room for a useful sentence
            ++omitted;
            continue;
        }
        item.clear();
        core::JsonWriter ew(item);
        ew.begin_object();
        write_span(ew, s);
        ew.key("text");
        ew.string(cap(text.substr(s.begin, s.end - s.begin), limits.evidence == AlertLimits::kNone
                                                                  ? AlertLimits::kNone
                                                                  : left - kEvidenceFrame));
        ew.end_object();
        if (fits(used, item.size(), limits.evidence)) w.raw(item);
        else ++omitted;
    }
    w.end_array();
    return omitted;
}

void write_omitted(core::JsonWriter& w, const Omitted& omitted) {
    w.key("omitted");
    w.begin_object();
    const std::pair<const char*, size_t> counts[] = {{"grouped", omitted.members},
                                                     {"metrics", omitted.metrics},
                                                     {"evidence", omitted.evidence},
                                                     {"explain", omitted.explain}};
    for (const auto& [name, n] : counts)
        if (n) {
            w.key(name);
            w.integer(static_cast<int64_t>(n));
        }
    w.end_object();
}
}  // namespace

void append_alert_json(std::string& out, const Alert& a, const EventContext& ctx, const SourceRef& src,
                       int64_t detected_at_ms) {
    append_alert_json(out, a, ctx, src, detected_at_ms, AlertLimits{});
}

bool append_alert_json(std::string& out, const Alert& a, const EventContext& ctx, const SourceRef& src,
                       int64_t detected_at_ms, const AlertLimits& limits) {
    core::JsonWriter w(out);
    Capper cap;
    std::string item;
    Omitted omitted;
    w.begin_object();
    write_head(w, a, ctx, detected_at_ms, limits, cap);
    if (!a.members.empty()) omitted.members = write_members(w, a, limits, cap, item);
    w.key("sentiment");
    analysis::write_sentiment_json(w, ctx.analysis.sentiment);
    omitted.metrics = write_metrics(w, a, ctx, limits, item);
    omitted.evidence = write_evidence(w, a, ctx, limits, cap, item);
    if (!a.explanation.empty()) {
        w.key("explain");
        omitted.explain = write_explanation(w, a.explanation, ctx, limits.explain, item);
    }
    if (src.partition >= 0) {
        w.key("source");
        w.begin_object();
        w.string_field("topic", src.topic);
        w.integer_field("partition", src.partition);
        w.integer_field("offset", src.offset);
        w.end_object();
    }
    const bool truncated = cap.cut || omitted.any();
    if (truncated) w.bool_field("truncated", true);
    if (omitted.any()) write_omitted(w, omitted);
    w.end_object();
    return truncated;
}

}  // namespace herald::rules
