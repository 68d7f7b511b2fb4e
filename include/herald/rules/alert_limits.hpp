#pragma once
// How large each part of an alert message may be, so that the whole message (key, value, headers)
// stays under the producer's message.max.bytes. The same limits are applied by `herald run`,
// `herald replay` and `herald analyze --alerts`, so bounded alerts stay identical offline and live.
//
//   herald::rules::AlertLimits limits = herald::rules::alert_limits_for(1000000);
//   std::string scratch;
//   std::string_view key = herald::rules::capped_text(alert.key, limits.key, scratch);
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace herald::rules {

// Every cap is in JSON-escaped bytes. Default: unbounded (the library's plain rendering).
struct AlertLimits {
    static constexpr size_t kNone = SIZE_MAX;
    size_t key = kNone;             // the "key" field, also the Kafka message key
    size_t rule = kNone;            // "rule", also the herald-rule header
    size_t event_id = kNone;        // "event_id"
    size_t summary = kNone;         // "summary"
    size_t member_summary = kNone;  // each grouped member's "summary"
    size_t members = kNone;         // the whole "grouped" array
    size_t metrics = kNone;         // the whole "metrics" array
    size_t evidence = kNone;        // the whole "evidence" array
    size_t explain = kNone;         // the whole "explain" object (its items beyond are left out)
    bool bounded() const { return key != kNone; }
};

// The smallest message.max.bytes herald accepts for its producer: room for an alert's fixed parts,
// herald's headers and a useful share of text.
inline constexpr size_t kMinMessageBytes = 16384;
// What a message needs beyond its key, value and header bytes (record batch framing, varints,
// header names), with room to spare.
inline constexpr size_t kMessageOverheadBytes = 1024;

// Caps for messages of at most message_max_bytes (>= kMinMessageBytes); 0 gives no caps.
AlertLimits alert_limits_for(size_t message_max_bytes);

// The text a field capped at `cap` escaped bytes carries: s itself when it fits, otherwise its
// longest prefix followed by " [truncated from N bytes]" (N = s.size()), together at most `cap`
// escaped bytes. The result views s or scratch.
std::string_view capped_text(std::string_view s, size_t cap, std::string& scratch);
// The escaped size of capped_text(s, cap).
size_t capped_size(std::string_view s, size_t cap);

}  // namespace herald::rules
