#include "herald/app/backtest_html.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "herald/core/time.hpp"

namespace herald::app {

namespace {
constexpr const char* kStyle =
    "body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse;margin:.5em 0}td,th{padding:2px 8px;border-bottom:1px solid #ddd}"
    "td.n,th.n{text-align:right}th{text-align:left;background:#f4f4f4}"
    ".added{color:#1a7f37}.removed{color:#cf222e}.changed{color:#9a6700}"
    "section{margin-top:2em;border-top:2px solid #888}"
    "svg.timeline{display:block;margin:.5em 0}.before{fill:#aaa}.after{fill:#0969da}"
    "mark{background:#fff3b0}.example{margin:.4em 0 .8em 1em}.meta{color:#666}";

void escape(std::string& out, std::string_view s) {
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out.push_back(c);
        }
    }
}

std::string esc(std::string_view s) {
    std::string out;
    escape(out, s);
    return out;
}

std::string num(uint64_t n) { return std::to_string(n); }

// An id usable in a URL fragment: rule ids are free text.
std::string anchor(size_t index) { return "rule-" + std::to_string(index); }

void cell(std::string& out, const std::string& text, const char* cls = "n") {
    out += "<td class=\"";
    out += cls;
    out += "\">" + text + "</td>";
}

// A row's alert counts: before, after and the change's three kinds with a baseline; without one,
// the alerts fired.
void count_cells(std::string& out, const DiffStats& d, bool baseline) {
    if (!baseline) {
        cell(out, num(d.after.fired));
        return;
    }
    cell(out, num(d.before.fired));
    cell(out, num(d.after.fired));
    cell(out, num(d.added), "n added");
    cell(out, num(d.removed), "n removed");
    cell(out, num(d.changed), "n changed");
}

void rules_table(std::string& out, const BacktestDiff& diff, bool baseline) {
    out += "<table id=\"rules\"><tr><th>rule</th>";
    out += baseline ? "<th class=\"n\">before</th><th class=\"n\">after</th><th class=\"n\">added</th>"
                      "<th class=\"n\">removed</th><th class=\"n\">changed</th>"
                    : "<th class=\"n\">alerts</th><th class=\"n\">keys</th>";
    out += "<th>first</th><th>last</th><th>busiest day</th></tr>\n";
    for (size_t i = 0; i < diff.rules().size(); ++i) {
        const RuleDiff& r = diff.rules()[i];
        const DiffStats& d = r.total;
        const SideStats& s = shown_side(d);
        out += "<tr><td><a href=\"#" + anchor(i) + "\">" + esc(r.rule) + "</a>";
        if (baseline && r.in_after && !r.in_before) out += " (new)";
        if (baseline && r.in_before && !r.in_after) out += " (dropped)";
        out += "</td>";
        count_cells(out, d, baseline);
        if (!baseline) cell(out, num(r.keys.size()));
        uint32_t most = 0;
        const int64_t day = s.busiest_day(&most);
        cell(out, s.fired ? core::format_rfc3339(s.first_ms) : "", "");
        cell(out, s.fired ? core::format_rfc3339(s.last_ms) : "", "");
        cell(out, most ? day_text(day) + " (" + num(most) + ")" : "", "");
        out += "</tr>\n";
    }
    out += "</table>\n";
}

// Alerts per day as bars, baseline (grey) beside candidate (blue), over the days of the whole run.
void timeline(std::string& out, const RuleDiff& r, int64_t first_day, int64_t last_day, bool baseline) {
    std::map<int64_t, std::pair<uint32_t, uint32_t>> days;
    uint32_t top = 1;
    for (const auto& [day, n] : r.total.before.per_day) top = std::max(top, days[day].first = n);
    for (const auto& [day, n] : r.total.after.per_day) top = std::max(top, days[day].second = n);
    const int64_t span = std::max<int64_t>(1, last_day - first_day + 1);
    const double slot = std::max(2.0, 720.0 / static_cast<double>(span)), height = 80;
    const double width = slot * static_cast<double>(span);
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "<svg class=\"timeline\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\">",
                  width, height + 14, width, height + 14);
    out += buf;
    out += "<title>alerts per day, " + esc(day_text(first_day)) + " to " + esc(day_text(last_day)) + "</title>";
    const double bar = baseline ? slot / 2 : slot;
    for (const auto& [day, n] : days) {
        const double x = slot * static_cast<double>(day - first_day);
        const std::pair<const char*, uint32_t> sides[] = {{"before", n.first}, {"after", n.second}};
        for (const auto& [cls, count] : sides) {
            if (count == 0 || (!baseline && std::string_view(cls) == "before")) continue;
            const double h = height * count / top, at = x + (baseline && std::string_view(cls) == "after" ? bar : 0);
            std::snprintf(buf, sizeof buf,
                          "<rect class=\"%s\" data-day=\"%s\" data-alerts=\"%u\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                          "height=\"%.1f\"/>",
                          cls, day_text(day).c_str(), count, at, height - h, std::max(1.0, bar - 0.5), h);
            out += buf;
        }
    }
    std::snprintf(buf, sizeof buf, "<text x=\"0\" y=\"%.0f\" font-size=\"11\">%s</text>", height + 12,
                  day_text(first_day).c_str());
    out += buf;
    std::snprintf(buf, sizeof buf, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\" text-anchor=\"end\">%s (max %u/day)</text>",
                  width, height + 12, day_text(last_day).c_str(), top);
    out += buf;
    out += "</svg>\n";
}

void alert_view(std::string& out, const char* label, const AlertView& v) {
    out += "<div>";
    if (*label) out += std::string("<b>") + label + "</b> ";
    out += esc(v.severity) + " &ldquo;" + esc(v.summary) + "&rdquo;</div>";
    for (const auto& s : v.evidence) out += "<div><mark>" + esc(s) + "</mark></div>";
}

void examples(std::string& out, const char* kind, const std::vector<AlertExample>& list, uint64_t total) {
    if (list.empty()) return;
    out += std::string("<h3 class=\"") + kind + "\">" + kind + " (first " + num(list.size()) + " of " + num(total) +
           ")</h3>\n";
    for (const auto& ex : list) {
        out += std::string("<div class=\"example ") + kind + "-example\"><div class=\"meta\">" +
               core::format_rfc3339(ex.time_ms) + " &middot; " + esc(ex.key) + " &middot; event " + esc(ex.event_id);
        if (!ex.differences.empty()) {
            out += " &middot; differs in:";
            for (const auto& d : ex.differences) {
                out.push_back(' ');
                escape(out, d);
            }
        }
        out += "</div>";
        const bool both = !ex.before.json.empty() && !ex.after.json.empty();
        if (both) {
            out += "<div><b>before</b> " + esc(ex.before.severity) + " &ldquo;" + esc(ex.before.summary) + "&rdquo;</div>";
            alert_view(out, "after", ex.after);
        } else {
            alert_view(out, "", ex.after.json.empty() ? ex.before : ex.after);
        }
        out += "</div>\n";
    }
}

void keys_table(std::string& out, const RuleDiff& r, bool baseline, size_t keys) {
    auto shown = keys_to_show(r, keys, baseline);
    if (shown.empty()) return;
    out += "<table class=\"keys\"><tr><th>key</th>";
    out += baseline ? "<th class=\"n\">before</th><th class=\"n\">after</th><th class=\"n\">added</th>"
                      "<th class=\"n\">removed</th><th class=\"n\">changed</th>"
                    : "<th class=\"n\">alerts</th>";
    out += "</tr>\n";
    for (const KeyStats* kv : shown) {
        const DiffStats& k = kv->second;
        out += "<tr><td>" + esc(kv->first) + "</td>";
        count_cells(out, k, baseline);
        out += "</tr>\n";
    }
    out += "</table>\n";
}
}  // namespace

void append_html_report(std::string& out, const BacktestRun& run, const BacktestDiff& diff, size_t keys) {
    const bool baseline = !run.baseline_file.empty();
    const std::string title = "herald backtest: " + run.rules_file + (baseline ? " against " + run.baseline_file : "");
    out += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title) +
           "</title><style>" + kStyle + "</style></head><body>\n";
    out += "<h1>" + esc(title) + "</h1>\n<p id=\"summary\">" + num(run.events) + " events";
    if (!run.topic_range.empty()) out += " of " + esc(run.topic_range);
    if (run.events > 0)
        out += ", " + core::format_rfc3339(run.first_event_ms) + " to " + core::format_rfc3339(run.last_event_ms);
    if (run.bad_lines > 0) out += "; " + num(run.bad_lines) + " bad lines skipped";
    const DiffStats& t = diff.total();
    if (baseline)
        out += ". Alerts: " + num(t.before.fired) + " before, " + num(t.after.fired) + " after: <span class=\"added\">" +
               num(t.added) + " added</span>, <span class=\"removed\">" + num(t.removed) +
               " removed</span>, <span class=\"changed\">" + num(t.changed) + " changed</span>.";
    else
        out += ". Alerts: " + num(t.after.fired) + " (no baseline).";
    out += "</p>\n";
    rules_table(out, diff, baseline);
    const int64_t day_ms = 86'400'000;
    const int64_t first_day = run.first_event_ms / day_ms, last_day = run.last_event_ms / day_ms;
    for (size_t i = 0; i < diff.rules().size(); ++i) {
        const RuleDiff& r = diff.rules()[i];
        const DiffStats& d = r.total;
        out += "<section id=\"" + anchor(i) + "\"><h2>" + esc(r.rule) + "</h2>\n";
        if (d.before.fired + d.after.fired == 0) {
            out += "<p>No alert on either side.</p></section>\n";
            continue;
        }
        timeline(out, r, first_day, last_day, baseline);
        keys_table(out, r, baseline, keys);
        if (baseline) {
            examples(out, "added", r.added, d.added);
            examples(out, "removed", r.removed, d.removed);
            examples(out, "changed", r.changed, d.changed);
        } else {
            examples(out, "alerts", r.added, d.after.fired);
        }
        out += "</section>\n";
    }
    out += "</body></html>\n";
}

}  // namespace herald::app
