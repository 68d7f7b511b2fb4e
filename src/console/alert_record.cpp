#include "herald/console/alert_record.hpp"

#include <simdjson.h>

#include "herald/core/time.hpp"

namespace herald::console {

namespace {

bool is_alert_id(std::string_view s) {
    if (s.size() != 16) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

bool is_severity(std::string_view s) { return s == "info" || s == "warning" || s == "critical"; }

// A string member, or false when it is missing or not a string.
bool text(simdjson::dom::object& o, const char* name, std::string& out) {
    std::string_view v;
    if (o[name].get_string().get(v)) return false;
    out.assign(v);
    return true;
}

bool fail(std::string& reason, std::string* detail, const char* code, std::string what) {
    reason = code;
    if (detail) *detail = std::move(what);
    return false;
}

}  // namespace

struct AlertParser::Impl {
    simdjson::dom::parser parser{kMaxAlertBytes + simdjson::SIMDJSON_PADDING};
};

AlertParser::AlertParser() : impl_(std::make_unique<Impl>()) {}
AlertParser::~AlertParser() = default;

bool AlertParser::parse(std::string_view payload, AlertRecord& out, std::string& reason, std::string* detail) {
    if (payload.size() > kMaxAlertBytes)
        return fail(reason, detail, "too_large", std::to_string(payload.size()) + " bytes (at most " +
                                                     std::to_string(kMaxAlertBytes) + ")");
    simdjson::dom::element root;
    if (impl_->parser.parse(payload.data(), payload.size(), true).get(root))
        return fail(reason, detail, "not_json", "not JSON text");
    simdjson::dom::object o;
    if (root.get_object().get(o)) return fail(reason, detail, "not_alert", "not a JSON object");
    if (!text(o, "alert_id", out.id) || !is_alert_id(out.id))
        return fail(reason, detail, "not_alert", "no alert_id of 16 hex digits");
    if (!text(o, "rule", out.rule) || out.rule.empty()) return fail(reason, detail, "not_alert", "no rule");
    if (!text(o, "severity", out.severity) || !is_severity(out.severity))
        return fail(reason, detail, "not_alert", "severity is not info, warning or critical");
    if (!text(o, "key", out.key)) return fail(reason, detail, "not_alert", "no key");
    std::string time;
    if (!text(o, "detected_at", time) || !core::parse_rfc3339(time, out.detected_ms))
        return fail(reason, detail, "not_alert", "no detected_at time");
    out.event_time_ms = out.detected_ms;
    if (text(o, "event_time", time)) core::parse_rfc3339(time, out.event_time_ms);
    if (!text(o, "summary", out.summary)) out.summary.clear();
    if (!text(o, "event_id", out.event_id)) out.event_id.clear();
    bool resolved = false;
    out.resolved = !o["resolved"].get_bool().get(resolved) && resolved;
    int64_t revision = 0;
    out.revision = !o["revision"].get_int64().get(revision) && revision > 0 ? revision : 0;
    bool retracted = false;
    out.retracted = !o["retracted"].get_bool().get(retracted) && retracted;
    double score = 0;
    out.has_sentiment = !o["sentiment"]["score"].get_double().get(score);
    out.sentiment = out.has_sentiment ? score : 0;
    out.members.clear();
    simdjson::dom::array grouped;
    if (!o["grouped"].get_array().get(grouped))
        for (simdjson::dom::element m : grouped) {
            std::string_view id;
            if (!m["alert_id"].get_string().get(id) && is_alert_id(id)) out.members.emplace_back(id);
        }
    out.json.assign(payload);
    return true;
}

}  // namespace herald::console
