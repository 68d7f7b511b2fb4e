// Reading alerts-topic messages: what Alertmanager and webhooks need, nothing more.
#include "herald/notify/alert.hpp"

#include <simdjson.h>

#include "herald/core/time.hpp"

namespace herald::notify {

std::string_view parse_result_name(ParseResult r) {
    switch (r) {
        case ParseResult::ok: return "ok";
        case ParseResult::invalid_json: return "invalid_json";
        case ParseResult::not_an_alert: return "not_an_alert";
        case ParseResult::oversized: return "oversized";
    }
    return "invalid_json";
}

std::string clip_utf8(std::string_view text, size_t max) {
    if (text.size() <= max) return std::string(text);
    size_t end = max > 3 ? max - 3 : 0;
    // Step back over continuation bytes (10xxxxxx) so no character is cut in half.
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return std::string(text.substr(0, end)) + "...";
}

bool looks_like_ticker(std::string_view key) {
    if (key.empty() || key.size() > 12) return false;
    bool letter = false;
    for (char c : key) {
        if (c >= 'A' && c <= 'Z') letter = true;
        else if (!((c >= '0' && c <= '9') || c == '.' || c == '-')) return false;
    }
    return letter;
}

namespace {
namespace dom = simdjson::dom;

bool is_hex16(std::string_view s) {
    if (s.size() != 16) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

// A string field that must be there.
bool required(dom::object obj, const char* name, std::string& out, std::string& why) {
    std::string_view v;
    if (obj[name].get_string().get(v)) {
        why = std::string("field '") + name + "' is missing or not a string";
        return false;
    }
    out.assign(v);
    return true;
}

std::string optional_string(dom::object obj, const char* name) {
    std::string_view v;
    return obj[name].get_string().get(v) ? std::string() : std::string(v);
}

void read_evidence(dom::object obj, NotifyAlert& out) {
    dom::array list;
    if (obj["evidence"].get_array().get(list)) return;
    for (dom::element item : list) {
        std::string_view field, text;
        if (item["text"].get_string().get(text)) continue;
        if (!item["field"].get_string().get(field) && field == "headline" && out.headline.empty()) out.headline = text;
        if (!out.evidence.empty()) out.evidence.push_back('\n');
        out.evidence.append(text);
    }
}

bool read_members(dom::object obj, NotifyAlert& out, std::string& why) {
    dom::array list;
    if (obj["grouped"].get_array().get(list)) return true;  // not a grouped alert
    for (dom::element item : list) {
        dom::object m;
        NotifyAlert::Member member;
        if (item.get_object().get(m) || !required(m, "alert_id", member.alert_id, why) ||
            !required(m, "rule", member.rule, why) || !required(m, "severity", member.severity, why) ||
            !required(m, "key", member.key, why)) {
            why = "a 'grouped' member is not an alert: " + why;
            return false;
        }
        member.summary = optional_string(m, "summary");
        bool resolved = false;
        member.resolved = !m["resolved"].get_bool().get(resolved) && resolved;
        out.members.push_back(std::move(member));
    }
    return true;
}
}  // namespace

std::string NotifyAlert::idempotency_key() const {
    if (revision == 0 && !retracted) return alert_id;
    return alert_id + "/" + std::to_string(revision) + (retracted ? "x" : "");
}

ParseResult parse_alert(std::string_view json, NotifyAlert& out, std::string& why, size_t max_bytes) {
    if (json.size() > max_bytes) {
        why = std::to_string(json.size()) + " bytes, over the limit of " + std::to_string(max_bytes);
        return ParseResult::oversized;
    }
    if (json.empty()) {  // a tombstone's view has no data pointer, which simdjson must not be given
        why = "empty message";
        return ParseResult::invalid_json;
    }
    // One parser per thread: it keeps its buffers between messages.
    thread_local dom::parser parser;
    dom::element doc;
    if (auto e = parser.parse(json.data(), json.size(), true).get(doc)) {
        why = std::string("not JSON: ") + simdjson::error_message(e);
        return ParseResult::invalid_json;
    }
    dom::object obj;
    if (doc.get_object().get(obj)) {
        why = "not a JSON object";
        return ParseResult::not_an_alert;
    }
    out = NotifyAlert{};
    if (!required(obj, "alert_id", out.alert_id, why) || !required(obj, "rule", out.rule, why) ||
        !required(obj, "severity", out.severity, why) || !required(obj, "key", out.key, why))
        return ParseResult::not_an_alert;
    if (out.rule.empty() || out.severity.empty() || out.key.empty()) {
        why = "rule, severity or key is empty";
        return ParseResult::not_an_alert;
    }
    if (!is_hex16(out.alert_id)) {
        why = "alert_id is not 16 hex digits";
        return ParseResult::not_an_alert;
    }
    std::string detected = optional_string(obj, "detected_at"), event_time = optional_string(obj, "event_time");
    if (!core::parse_rfc3339(detected, out.detected_at_ms)) {
        why = "detected_at is missing or not an RFC 3339 time";
        return ParseResult::not_an_alert;
    }
    if (!core::parse_rfc3339(event_time, out.event_time_ms)) out.event_time_ms = out.detected_at_ms;
    out.summary = optional_string(obj, "summary");
    out.event_id = optional_string(obj, "event_id");
    bool resolved = false;
    out.resolved = !obj["resolved"].get_bool().get(resolved) && resolved;
    uint64_t revision = 0;
    if (!obj["revision"].get_uint64().get(revision)) out.revision = static_cast<uint32_t>(revision);
    bool retracted = false;
    out.retracted = !obj["retracted"].get_bool().get(retracted) && retracted;
    read_evidence(obj, out);
    if (!read_members(obj, out, why)) return ParseResult::not_an_alert;
    out.json.assign(json);
    return ParseResult::ok;
}

}  // namespace herald::notify
