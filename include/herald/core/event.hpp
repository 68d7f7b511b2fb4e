#pragma once
// A parsed news event: views into the parser's buffers, valid until the next parse. In core so
// that parse fills it without linking analysis; herald/analysis/event.hpp names it there too.
//
//   herald::core::Event e;
//   e.id = "seed-000"; e.summary = "Amazon reported $37.6B in AWS revenue ...";
//   e.published_at_ms = 1777583400000; e.has_published_at = true;
//   std::string_view s = e.field(herald::core::Field::summary);
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace herald::core {

// The text fields of an event, in the order analysis reads them.
enum class Field : uint8_t { headline = 0, summary = 1, body = 2, text = 3 };
inline constexpr std::array<Field, 4> kTextFields{Field::headline, Field::summary, Field::body, Field::text};
// The field's name in the input event and in the analysis' spans.
constexpr std::string_view field_name(Field f) {
    switch (f) {
        case Field::headline: return "headline";
        case Field::summary: return "summary";
        case Field::body: return "body";
        case Field::text: return "text";
    }
    return "text";
}

struct EntityHint {
    std::string_view name;
    std::string_view ticker;  // empty when the event gave none
};

// What a story's event says about it (docs/events.md, "Story updates"): news APIs publish
// corrections and takedowns of a story as new messages with the story's id.
enum class StoryAction : uint8_t { created = 0, updated = 1, deleted = 2 };
constexpr std::string_view story_action_name(StoryAction a) {
    switch (a) {
        case StoryAction::created: return "created";
        case StoryAction::updated: return "updated";
        case StoryAction::deleted: return "deleted";
    }
    return "created";
}

struct Event {
    std::string_view id;
    std::string_view story_id;  // empty: the event is a story of its own
    StoryAction action = StoryAction::created;
    std::string_view headline, summary, body, text;
    std::string_view source, url;
    int64_t published_at_ms = 0;
    bool has_published_at = false;
    std::vector<std::string_view> tickers;
    std::vector<EntityHint> entities;

    std::string_view field(Field f) const {
        switch (f) {
            case Field::headline: return headline;
            case Field::summary: return summary;
            case Field::body: return body;
            case Field::text: return text;
        }
        return {};
    }
    // Keeps vector capacity so a reused Event does not allocate per message.
    void clear() {
        id = story_id = headline = summary = body = text = source = url = {};
        action = StoryAction::created;
        published_at_ms = 0;
        has_published_at = false;
        tickers.clear();
        entities.clear();
    }
};

}  // namespace herald::core
