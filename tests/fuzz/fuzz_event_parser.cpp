// libFuzzer target: EventParser::parse on arbitrary bytes. Never crashes; an error always has a
// detail line; a success always has some text (or is a story's deletion, with its story_id) and
// only valid UTF-8 in its fields (the analysis and alert JSON rely on it).
#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "herald/parse/event_parser.hpp"

using herald::parse::ErrorCode;

namespace {

void check_utf8(std::string_view s, const char* what) {
    FUZZ_CHECK(simdjson::validate_utf8(s.data(), s.size()), what);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    // Small limits so the fuzzer reaches too_large and too_deep with short inputs.
    static herald::parse::EventParser parser(64 * 1024, 16);
    static herald::core::Event event;
    static std::string detail;
    detail.clear();
    std::string_view payload(reinterpret_cast<const char*>(data), size);
    ErrorCode code = parser.parse(payload, event, detail);
    FUZZ_CHECK(static_cast<size_t>(code) < herald::parse::kErrorCodeCount, "error code out of range");
    FUZZ_CHECK(!herald::parse::error_code_name(code).empty(), "error code without a name");
    if (code != ErrorCode::none) {
        FUZZ_CHECK(!detail.empty(), "dead-letter without a detail line");
        FUZZ_CHECK(detail.find('\n') == std::string::npos, "detail spans several lines");
        return 0;
    }
    FUZZ_CHECK(size <= parser.max_event_bytes(), "accepted an event over max_event_bytes");
    bool has_text = false;
    for (auto f : herald::core::kTextFields) {
        std::string_view t = event.field(f);
        has_text |= !t.empty();
        check_utf8(t, "text field not valid UTF-8");
    }
    // A story's deletion needs no text, only its story (docs/events.md, "Story updates").
    const bool deletion = event.action == herald::core::StoryAction::deleted;
    FUZZ_CHECK(has_text || deletion, "accepted an event without text");
    FUZZ_CHECK(event.action == herald::core::StoryAction::created || !event.story_id.empty(),
               "accepted an update or deletion without story_id");
    check_utf8(event.story_id, "story_id not valid UTF-8");
    check_utf8(event.id, "id not valid UTF-8");
    check_utf8(event.source, "source not valid UTF-8");
    check_utf8(event.url, "url not valid UTF-8");
    for (auto t : event.tickers) check_utf8(t, "ticker not valid UTF-8");
    for (const auto& h : event.entities) {
        check_utf8(h.name, "entity name not valid UTF-8");
        check_utf8(h.ticker, "entity ticker not valid UTF-8");
    }
    return 0;
}
