#pragma once
// Parses one input event (a Kafka message value or an NDJSON line) with simdjson On-Demand.
// One parser per worker thread, reused: the Event's string_views point into the parser's
// buffers and stay valid until the next parse(). Never throws; a bad message yields the stable
// dead-letter code of docs/events.md and a one-line detail.
//
//   herald::parse::EventParser parser;              // max_event_bytes = 1 MiB
//   herald::core::Event event;
//   std::string detail;
//   auto code = parser.parse(payload, event, detail);
//   if (code != herald::parse::ErrorCode::none) dead_letter(error_code_name(code), detail);
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "herald/core/event.hpp"

namespace herald::parse {

enum class ErrorCode : uint8_t {
    none,
    empty,          // empty value or null value (tombstone)
    too_large,      // over max_event_bytes
    invalid_json,   // not JSON, truncated, trailing bytes
    invalid_utf8,   // bytes that are not UTF-8
    too_deep,       // nesting beyond the parser's depth limit
    not_object,     // valid JSON but not an object
    wrong_type,     // a known field with the wrong JSON type
    invalid_value,  // a known field with the right type but an unusable value (e.g. published_at)
    missing_text,   // no non-empty headline, summary, body or text
    future_time,    // event time too far ahead of the message timestamp / clock (set by app::EventProcessor)
};
inline constexpr size_t kErrorCodeCount = 11;
std::string_view error_code_name(ErrorCode code);

class EventParser {
public:
    explicit EventParser(size_t max_event_bytes = 1 << 20, size_t max_depth = 64);
    ~EventParser();
    EventParser(const EventParser&) = delete;
    EventParser& operator=(const EventParser&) = delete;

    // Fills `event` (cleared first). `detail` is set only on error.
    ErrorCode parse(std::string_view payload, core::Event& event, std::string& detail);
    size_t max_event_bytes() const { return max_event_bytes_; }

private:
    // The event's fields by simdjson; parse() then names the fault of a message that is not JSON.
    ErrorCode parse_fields(std::string_view payload, core::Event& event, std::string& detail);
    struct Impl;
    std::unique_ptr<Impl> impl_;
    size_t max_event_bytes_;
};

}  // namespace herald::parse
