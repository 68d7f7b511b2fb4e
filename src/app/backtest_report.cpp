#include "herald/app/backtest_report.hpp"

#include <algorithm>
#include <cstdarg>
#include <cstdio>

#include "herald/core/json_writer.hpp"
#include "herald/core/time.hpp"

namespace herald::app {

namespace {
constexpr int64_t kDayMs = 86'400'000;

void appendf(std::string& out, const char* format, ...) __attribute__((format(printf, 2, 3)));
void appendf(std::string& out, const char* format, ...) {
    char buf[1024];
    va_list args;
    va_start(args, format);
    const int n = std::vsnprintf(buf, sizeof buf, format, args);
    va_end(args);
    if (n > 0) out.append(buf, std::min(static_cast<size_t>(n), sizeof buf - 1));
}

std::string busiest_text(const SideStats& s) {
    uint32_t n = 0;
    const int64_t day = s.busiest_day(&n);
    return n == 0 ? std::string() : day_text(day) + " (" + std::to_string(n) + ")";
}

std::string quoted(std::string_view s, size_t max = 160) {
    std::string q = "\"";
    if (s.size() > max) {
        q.append(s.substr(0, max));
        q += "...";
    } else {
        q.append(s);
    }
    for (char& c : q)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return q + "\"";
}

void text_alert(std::string& out, const char* label, const AlertView& v) {
    appendf(out, "      %s%-8s %s\n", label, v.severity.c_str(), quoted(v.summary).c_str());
}

void text_evidence(std::string& out, const AlertView& v) {
    for (const auto& s : v.evidence) appendf(out, "        evidence: %s\n", quoted(s, 240).c_str());
}

void text_examples(std::string& out, const char* what, const std::vector<AlertExample>& examples, uint64_t total) {
    if (examples.empty()) return;
    appendf(out, "    %s (first %zu of %llu):\n", what, examples.size(), static_cast<unsigned long long>(total));
    for (const auto& ex : examples) {
        appendf(out, "      %s  %s  event %s", core::format_rfc3339(ex.time_ms).c_str(), ex.key.c_str(),
                ex.event_id.c_str());
        if (!ex.differences.empty()) {
            out += "  differs in:";
            for (const auto& d : ex.differences) out += " " + d;
        }
        out += "\n";
        const bool both = !ex.before.json.empty() && !ex.after.json.empty();
        if (!ex.before.json.empty()) text_alert(out, both ? "before: " : "", ex.before);
        if (!ex.after.json.empty()) text_alert(out, both ? "after:  " : "", ex.after);
        text_evidence(out, ex.after.json.empty() ? ex.before : ex.after);
    }
}

void text_rule_table(std::string& out, const BacktestDiff& diff, bool baseline, int width) {
    if (baseline)
        appendf(out, "%-*s %7s %7s %7s %7s %7s  %-20s  %-20s  %s\n", width, "RULE", "BEFORE", "AFTER", "ADDED",
                "REMOVED", "CHANGED", "FIRST", "LAST", "BUSIEST DAY");
    else
        appendf(out, "%-*s %7s %7s  %-20s  %-20s  %s\n", width, "RULE", "ALERTS", "KEYS", "FIRST", "LAST",
                "BUSIEST DAY");
    for (const RuleDiff& r : diff.rules()) {
        std::string name = r.rule;
        if (baseline && r.in_after && !r.in_before) name += " (new)";
        if (baseline && r.in_before && !r.in_after) name += " (dropped)";
        const DiffStats& d = r.total;
        const SideStats& s = shown_side(d);
        const std::string first = s.fired ? core::format_rfc3339(s.first_ms) : "-";
        const std::string last = s.fired ? core::format_rfc3339(s.last_ms) : "-";
        if (baseline)
            appendf(out, "%-*s %7llu %7llu %7llu %7llu %7llu  %-20s  %-20s  %s\n", width, name.c_str(),
                    static_cast<unsigned long long>(d.before.fired), static_cast<unsigned long long>(d.after.fired),
                    static_cast<unsigned long long>(d.added), static_cast<unsigned long long>(d.removed),
                    static_cast<unsigned long long>(d.changed), first.c_str(), last.c_str(), busiest_text(s).c_str());
        else
            appendf(out, "%-*s %7llu %7zu  %-20s  %-20s  %s\n", width, name.c_str(),
                    static_cast<unsigned long long>(d.after.fired), r.keys.size(), first.c_str(), last.c_str(),
                    busiest_text(s).c_str());
    }
}

void text_rule_detail(std::string& out, const RuleDiff& r, bool baseline, size_t keys) {
    const DiffStats& d = r.total;
    if (baseline) {
        appendf(out, "\n%s: %llu added, %llu removed, %llu changed\n", r.rule.c_str(),
                static_cast<unsigned long long>(d.added), static_cast<unsigned long long>(d.removed),
                static_cast<unsigned long long>(d.changed));
    } else {
        appendf(out, "\n%s: %llu alerts on %zu keys\n", r.rule.c_str(), static_cast<unsigned long long>(d.after.fired),
                r.keys.size());
    }
    auto shown = keys_to_show(r, keys, baseline);
    const size_t listed = baseline ? static_cast<size_t>(std::count_if(r.keys.begin(), r.keys.end(),
                                                                       [](const auto& kv) { return differs(kv.second); }))
                                   : r.keys.size();
    if (!shown.empty()) {
        appendf(out, "    %-16s %7s %7s %7s %7s %7s  %s\n", "KEY", baseline ? "BEFORE" : "", "AFTER",
                baseline ? "ADDED" : "", baseline ? "REMOVED" : "", baseline ? "CHANGED" : "", "BUSIEST DAY");
        for (const auto* kv : shown) {
            const DiffStats& k = kv->second;
            if (baseline)
                appendf(out, "    %-16s %7llu %7llu %7llu %7llu %7llu  %s\n", kv->first.c_str(),
                        static_cast<unsigned long long>(k.before.fired), static_cast<unsigned long long>(k.after.fired),
                        static_cast<unsigned long long>(k.added), static_cast<unsigned long long>(k.removed),
                        static_cast<unsigned long long>(k.changed), busiest_text(shown_side(k)).c_str());
            else
                appendf(out, "    %-16s %7s %7llu %7s %7s %7s  %s\n", kv->first.c_str(), "",
                        static_cast<unsigned long long>(k.after.fired), "", "", "", busiest_text(k.after).c_str());
        }
        if (listed > shown.size()) appendf(out, "    ... and %zu more keys (--json lists every key)\n", listed - shown.size());
    }
    if (baseline) {
        text_examples(out, "added", r.added, d.added);
        text_examples(out, "removed", r.removed, d.removed);
        text_examples(out, "changed", r.changed, d.changed);
    } else {
        text_examples(out, "alerts", r.added, d.after.fired);
    }
}
}  // namespace

std::string day_text(int64_t day) { return core::format_rfc3339(day * kDayMs).substr(0, 10); }

const SideStats& shown_side(const DiffStats& d) { return d.after.fired > 0 ? d.after : d.before; }

bool differs(const DiffStats& d) { return d.added + d.removed + d.changed > 0; }

std::vector<const KeyStats*> keys_to_show(const RuleDiff& r, size_t n, bool baseline) {
    std::vector<const KeyStats*> keys;
    for (const auto& kv : r.keys)
        if (!baseline || differs(kv.second)) keys.push_back(&kv);
    auto weight = [](const DiffStats& d) { return d.added + d.removed + d.changed; };
    std::stable_sort(keys.begin(), keys.end(), [&](const KeyStats* a, const KeyStats* b) {
        if (weight(a->second) != weight(b->second)) return weight(a->second) > weight(b->second);
        return a->second.after.fired + a->second.before.fired > b->second.after.fired + b->second.before.fired;
    });
    if (keys.size() > n) keys.resize(n);
    return keys;
}

void append_text_report(std::string& out, const BacktestRun& run, const BacktestDiff& diff, size_t keys) {
    const bool baseline = !run.baseline_file.empty();
    appendf(out, "backtest of %s%s%s over %llu events", run.rules_file.c_str(), baseline ? " against " : "",
            run.baseline_file.c_str(), static_cast<unsigned long long>(run.events));
    if (!run.topic_range.empty()) out += " of " + run.topic_range;
    if (run.events > 0)
        appendf(out, " (%s to %s)", core::format_rfc3339(run.first_event_ms).c_str(),
                core::format_rfc3339(run.last_event_ms).c_str());
    if (run.bad_lines > 0) appendf(out, "; %llu bad lines skipped", static_cast<unsigned long long>(run.bad_lines));
    out += "\n";
    const DiffStats& t = diff.total();
    if (baseline)
        appendf(out, "alerts: %llu before, %llu after: %llu added, %llu removed, %llu changed\n\n",
                static_cast<unsigned long long>(t.before.fired), static_cast<unsigned long long>(t.after.fired),
                static_cast<unsigned long long>(t.added), static_cast<unsigned long long>(t.removed),
                static_cast<unsigned long long>(t.changed));
    else
        appendf(out, "alerts: %llu (no --baseline: nothing to compare with)\n\n",
                static_cast<unsigned long long>(t.after.fired));
    int width = 4;
    for (const RuleDiff& r : diff.rules()) width = std::max(width, static_cast<int>(r.rule.size()) + 10);
    text_rule_table(out, diff, baseline, std::min(width, 48));
    for (const RuleDiff& r : diff.rules())
        if (baseline ? differs(r.total) : r.total.after.fired > 0) text_rule_detail(out, r, baseline, keys);
}

// ---- JSON -----------------------------------------------------------------------------------------

namespace {
void json_side(core::JsonWriter& w, const SideStats& s) {
    w.begin_object();
    w.integer_field("fired", static_cast<int64_t>(s.fired));
    if (s.fired > 0) {
        w.string_field("first", core::format_rfc3339(s.first_ms));
        w.string_field("last", core::format_rfc3339(s.last_ms));
        uint32_t n = 0;
        const int64_t day = s.busiest_day(&n);
        w.key("busiest_day");
        w.begin_object();
        w.string_field("day", day_text(day));
        w.integer_field("alerts", n);
        w.end_object();
    }
    w.end_object();
}

void json_counts(core::JsonWriter& w, const DiffStats& d) {
    w.key("before");
    json_side(w, d.before);
    w.key("after");
    json_side(w, d.after);
    w.integer_field("added", static_cast<int64_t>(d.added));
    w.integer_field("removed", static_cast<int64_t>(d.removed));
    w.integer_field("changed", static_cast<int64_t>(d.changed));
}

void json_alert(core::JsonWriter& w, const AlertView& v) {
    w.begin_object();
    w.string_field("severity", v.severity);
    w.string_field("summary", v.summary);
    w.key("evidence");
    w.begin_array();
    for (const auto& s : v.evidence) w.string(s);
    w.end_array();
    w.key("alert");
    w.raw(v.json);
    w.end_object();
}

void json_examples(core::JsonWriter& w, const char* name, const std::vector<AlertExample>& examples) {
    w.key(name);
    w.begin_array();
    for (const auto& ex : examples) {
        w.begin_object();
        w.string_field("time", core::format_rfc3339(ex.time_ms));
        w.string_field("key", ex.key);
        w.string_field("event_id", ex.event_id);
        if (!ex.before.json.empty()) {
            w.key("before");
            json_alert(w, ex.before);
        }
        if (!ex.after.json.empty()) {
            w.key("after");
            json_alert(w, ex.after);
        }
        if (!ex.differences.empty()) {
            w.key("differences");
            w.begin_array();
            for (const auto& d : ex.differences) w.string(d);
            w.end_array();
        }
        w.end_object();
    }
    w.end_array();
}

// Alerts per day of both sides, every day either fired (for charts).
void json_days(core::JsonWriter& w, const DiffStats& d) {
    std::map<int64_t, std::pair<uint32_t, uint32_t>> days;
    for (const auto& [day, n] : d.before.per_day) days[day].first = n;
    for (const auto& [day, n] : d.after.per_day) days[day].second = n;
    w.key("days");
    w.begin_array();
    for (const auto& [day, n] : days) {
        w.begin_object();
        w.string_field("day", day_text(day));
        w.integer_field("before", n.first);
        w.integer_field("after", n.second);
        w.end_object();
    }
    w.end_array();
}

void json_rule(core::JsonWriter& w, const RuleDiff& r) {
    w.begin_object();
    w.string_field("rule", r.rule);
    w.bool_field("in_baseline", r.in_before);
    w.bool_field("in_rules", r.in_after);
    json_counts(w, r.total);
    json_days(w, r.total);
    w.key("keys");
    w.begin_array();
    for (const auto& [key, k] : r.keys) {
        w.begin_object();
        w.string_field("key", key);
        json_counts(w, k);
        w.end_object();
    }
    w.end_array();
    w.key("examples");
    w.begin_object();
    json_examples(w, "added", r.added);
    json_examples(w, "removed", r.removed);
    json_examples(w, "changed", r.changed);
    w.end_object();
    w.end_object();
}
}  // namespace

void append_json_report(std::string& out, const BacktestRun& run, const BacktestDiff& diff) {
    core::JsonWriter w(out);
    w.begin_object();
    w.string_field("rules_file", run.rules_file);
    w.key("baseline_file");
    if (run.baseline_file.empty())
        w.null();
    else
        w.string(run.baseline_file);
    if (!run.topic_range.empty()) {
        w.string_field("input", run.topic_range);
    }
    w.integer_field("events", static_cast<int64_t>(run.events));
    w.integer_field("bad_lines", static_cast<int64_t>(run.bad_lines));
    if (run.events > 0) {
        w.string_field("first_event", core::format_rfc3339(run.first_event_ms));
        w.string_field("last_event", core::format_rfc3339(run.last_event_ms));
    }
    w.key("total");
    w.begin_object();
    json_counts(w, diff.total());
    w.end_object();
    w.key("rules");
    w.begin_array();
    for (const RuleDiff& r : diff.rules()) json_rule(w, r);
    w.end_array();
    w.end_object();
    out.push_back('\n');
}

}  // namespace herald::app
