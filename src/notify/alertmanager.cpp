// Herald alerts in Alertmanager's API v2 shape (POST /api/v2/alerts: a JSON array of alerts).
#include "herald/notify/alertmanager.hpp"

#include <algorithm>

#include "herald/core/json_writer.hpp"
#include "herald/core/time.hpp"

namespace herald::notify {

void to_am_alerts(const NotifyAlert& a, int64_t active_for_ms, std::vector<AmAlert>& out) {
    auto add = [&](const std::string& id, const std::string& rule, const std::string& severity, const std::string& key,
                   const std::string& summary, bool resolved) {
        AmAlert& m = out.emplace_back();
        m.alert_id = id;
        m.rule = rule;
        m.severity = severity;
        m.key = key;
        m.summary = clip_utf8(summary);
        m.headline = clip_utf8(a.headline);
        m.evidence = clip_utf8(a.evidence);
        m.resolved = resolved;
        m.starts_ms = a.detected_at_ms;
        m.ends_ms = resolved ? a.detected_at_ms : a.detected_at_ms + active_for_ms;
    };
    if (a.members.empty()) {
        add(a.alert_id, a.rule, a.severity, a.key, a.summary, a.resolved || a.retracted);
        return;
    }
    for (const NotifyAlert::Member& m : a.members) add(m.alert_id, m.rule, m.severity, m.key, m.summary, m.resolved);
}

namespace {
void string_field(core::JsonWriter& w, const char* name, std::string_view value) {
    w.key(name);
    w.string(value);
}
}  // namespace

void append_am_body(std::string& out, const std::vector<const AmAlert*>& alerts, std::string_view console_url) {
    core::JsonWriter w(out);
    std::string time;
    w.begin_array();
    for (const AmAlert* a : alerts) {
        w.begin_object();
        w.key("labels");
        w.begin_object();
        string_field(w, "alertname", a->rule);
        string_field(w, "severity", a->severity);
        string_field(w, "key", a->key);
        if (looks_like_ticker(a->key)) string_field(w, "ticker", a->key);
        w.end_object();
        w.key("annotations");
        w.begin_object();
        string_field(w, "summary", a->summary);
        if (!a->headline.empty()) string_field(w, "headline", a->headline);
        if (!a->evidence.empty()) string_field(w, "evidence", a->evidence);
        string_field(w, "herald_alert_id", a->alert_id);
        w.end_object();
        time.clear();
        core::append_rfc3339(time, a->starts_ms, true);
        string_field(w, "startsAt", time);
        time.clear();
        core::append_rfc3339(time, a->ends_ms, true);
        string_field(w, "endsAt", time);
        if (!console_url.empty()) {
            std::string url(console_url);
            while (!url.empty() && url.back() == '/') url.pop_back();
            string_field(w, "generatorURL", url + "/alerts/" + a->alert_id);
        }
        w.end_object();
    }
    w.end_array();
}

std::string ActiveAlerts::labels_key(const AmAlert& a) {
    std::string k;
    k.reserve(a.rule.size() + a.key.size() + a.severity.size() + 2);
    k.append(a.rule).push_back('\x1f');
    k.append(a.key).push_back('\x1f');
    k.append(a.severity);
    return k;
}

void ActiveAlerts::update(const AmAlert& a) {
    const std::string k = labels_key(a);
    if (a.resolved) {
        by_labels_.erase(k);
        return;
    }
    auto [it, added] = by_labels_.try_emplace(k, a);
    if (!added) {
        const int64_t first_start = it->second.starts_ms;
        const bool still_active = it->second.ends_ms > a.starts_ms;
        it->second = a;
        if (still_active) it->second.starts_ms = std::min(first_start, a.starts_ms);
    }
    if (by_labels_.size() > max_) {  // the one ending first goes: a bound, not a policy anyone relies on
        auto oldest = std::min_element(by_labels_.begin(), by_labels_.end(),
                                       [](const auto& x, const auto& y) { return x.second.ends_ms < y.second.ends_ms; });
        by_labels_.erase(oldest);
    }
}

void ActiveAlerts::collect(int64_t now_ms, std::vector<AmAlert>& out) {
    for (auto it = by_labels_.begin(); it != by_labels_.end();) {
        if (it->second.ends_ms <= now_ms) {
            it = by_labels_.erase(it);
            continue;
        }
        out.push_back(it->second);
        ++it;
    }
}

void ActiveAlerts::drop_partition(int32_t partition) {
    for (auto it = by_labels_.begin(); it != by_labels_.end();) {
        if (it->second.partition == partition) it = by_labels_.erase(it);
        else ++it;
    }
}

}  // namespace herald::notify
