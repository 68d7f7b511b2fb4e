// Alert message caps (include/herald/rules/alert_limits.hpp). The shares are fixed fractions of
// the message size so that the sum of every cap plus the fixed fields stays below it.
#include "herald/rules/alert_limits.hpp"

#include <algorithm>
#include <charconv>

#include "herald/core/json_writer.hpp"

namespace herald::rules {

namespace {
// Upper bound of everything in an alert that is not capped: the field names, ids, times, severity,
// sentiment, "resolved", the source object (a Kafka topic name is at most 249 bytes), the
// "truncated"/"omitted" fields, relevance, novelty and duplicate_of (at most
// NoveltyTracker::kIdBytes bytes, 282 escaped), and the alert headers' fixed part.
constexpr size_t kFixedBytes = 2048;

void append_marker(std::string& out, size_t original) {
    char num[24];
    out += " [truncated from ";
    out.append(num, std::to_chars(num, num + sizeof num, original).ptr);
    out += " bytes]";
}
}  // namespace

AlertLimits alert_limits_for(size_t message_max_bytes) {
    AlertLimits l;
    if (message_max_bytes == 0) return l;
    const size_t m = std::max(message_max_bytes, kMinMessageBytes);
    l.key = std::min<size_t>(1024, m / 32);
    l.rule = std::min<size_t>(256, m / 64);
    l.event_id = std::min<size_t>(1024, m / 32);
    // The key travels twice (message key and "key"), the rule twice (herald-rule header and "rule").
    const size_t fixed = kMessageOverheadBytes + kFixedBytes + 2 * l.key + 2 * l.rule + l.event_id;
    const size_t rest = m - fixed;  // m >= 16384 > fixed (at most 1024 + 2048 + 1024 + 1024 + 512)
    l.summary = rest / 4;
    l.members = rest / 4;
    l.member_summary = std::min<size_t>(4096, l.members / 8);
    l.metrics = rest / 8;
    l.evidence = rest / 4;  // together 7/8 of the rest: the remaining eighth is slack
    l.explain = rest / 16;  // half the slack: the explanation is bounded by construction anyway
    return l;
}

size_t capped_size(std::string_view s, size_t cap) {
    size_t full = core::json_escaped_size(s);
    if (full <= cap) return full;
    std::string marker;
    append_marker(marker, s.size());
    size_t prefix_escaped = 0;
    core::json_escaped_prefix(s, cap > marker.size() ? cap - marker.size() : 0, &prefix_escaped);
    return prefix_escaped + marker.size();
}

std::string_view capped_text(std::string_view s, size_t cap, std::string& scratch) {
    if (cap == AlertLimits::kNone || s.size() <= cap / 6) return s;  // nothing escapes to more than 6 bytes
    if (core::json_escaped_size(s) <= cap) return s;
    std::string marker;
    append_marker(marker, s.size());  // ASCII: escapes to itself
    size_t keep = core::json_escaped_prefix(s, cap > marker.size() ? cap - marker.size() : 0);
    scratch.assign(s.substr(0, keep));
    scratch += marker;
    return scratch;
}

}  // namespace herald::rules
