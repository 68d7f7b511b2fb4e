#pragma once
// One message of the alerts topic as `herald notify` delivers it (docs/contracts.md "Alert").
//
//   herald::notify::NotifyAlert a;
//   std::string why;
//   if (herald::notify::parse_alert(message.payload(), a, why) != herald::notify::ParseResult::ok) skip(why);
//   send(a.rule, a.severity, a.key, a.summary, a.resolved);
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace herald::notify {

// Alertmanager and chat tools choke on very long annotations; longer texts are cut (with "...").
inline constexpr size_t kMaxAnnotationBytes = 4096;

struct NotifyAlert {
    std::string alert_id;  // 16 hex digits
    std::string rule, severity, key, summary;
    std::string headline;  // the evidence sentence taken from the headline, when there is one
    std::string evidence;  // every evidence sentence, one per line
    std::string event_id;
    int64_t event_time_ms = 0;
    int64_t detected_at_ms = 0;
    bool resolved = false;
    // A story's alert (docs/events.md, "Story updates"): its revision, and whether it withdraws
    // the alert (Alertmanager then ends it, as a resolution).
    uint32_t revision = 0;
    bool retracted = false;
    // A grouped alert's members (rules files with group_alerts): Alertmanager gets one alert each,
    // so routing and silences see the real rule.
    struct Member {
        std::string alert_id, rule, severity, key, summary;
        bool resolved = false;
    };
    std::vector<Member> members;
    std::string json;  // the message as published (webhooks without a template send it as is)
    // What webhook receivers drop repeats by: the alert id, with "/N" for a story's revision N
    // (and "x" for a retraction), so each revision is delivered once.
    std::string idempotency_key() const;
};

enum class ParseResult { ok, invalid_json, not_an_alert, oversized };
std::string_view parse_result_name(ParseResult r);  // "invalid_json", ... (metric label values)

// Reads one alerts-topic message. Anything but ok leaves `out` unspecified and says why in
// `why` (one line). Messages over max_bytes are not parsed at all.
ParseResult parse_alert(std::string_view json, NotifyAlert& out, std::string& why, size_t max_bytes = 1 << 20);

// `text` cut to at most `max` bytes on a UTF-8 boundary, ending in "..." when it was cut.
std::string clip_utf8(std::string_view text, size_t max = kMaxAnnotationBytes);

// Does `key` look like a ticker symbol (letters, digits, '.', '-', at most 12)? Then it also
// becomes the `ticker` label; an entity name or "_" does not.
bool looks_like_ticker(std::string_view key);

}  // namespace herald::notify
