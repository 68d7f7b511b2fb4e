#pragma once
// What each story raised, per partition, so that an update revises its alerts and a deletion
// retracts them (docs/events.md, "Story updates"). A story is remembered for story_horizon of
// event time after its first message; only an Engine touches it.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "herald/core/horizon.hpp"
#include "herald/rules/alert.hpp"

namespace herald::rules::detail {

// One alert a story raised: what the next revision or the retraction needs.
struct StoryAlert {
    uint64_t alert_id = 0;  // alert_id_value(rule, key, story id)
    uint64_t content = 0;   // content_hash of its latest revision
    uint32_t revision = 0;  // the latest published revision
    bool live = true;       // false once retracted
    std::string rule_id, severity, key;
};

struct StoryRecord {
    int64_t first_t = 0;  // event time of its first message
    bool deleted = false;
    uint32_t messages = 0;  // messages of the story seen (story.revision of the next one)
    std::vector<StoryAlert> alerts;
    StoryAlert* find(uint64_t alert_id);
};

class StoryBook {
public:
    // Alerts remembered per story: (rule, key) pairs beyond it are not raised by the story's
    // updates (counted as capped), so no alert is ever published twice under one revision.
    static constexpr size_t kAlertsPerStory = 256;

    explicit StoryBook(int64_t horizon_ms) : horizon_(horizon_ms) {}
    int64_t horizon_ms() const { return horizon_.ms(); }

    // The story's record while t is within the horizon of its first message; null otherwise
    // (never seen, or expired: whether a sweep dropped it yet changes nothing).
    StoryRecord* find(std::string_view story_id, int64_t t);
    // The record, started afresh when absent or expired.
    StoryRecord& open(std::string_view story_id, int64_t t);
    // Drops records expired at `now` (memory only).
    void sweep(int64_t now);
    size_t size() const { return stories_.size(); }
    size_t state_bytes() const;

private:
    bool expired(const StoryRecord& r, int64_t t) const { return horizon_.expired(r.first_t, t); }
    core::Horizon horizon_;
    std::unordered_map<uint64_t, StoryRecord> stories_;  // by fnv1a64 of the story id
};

// What an alert says, as a number: an update republishes it only when this changes. Covers the
// summary, severity, relevance, novelty, the event's sentiment, the metrics and evidence texts.
uint64_t content_hash(const Alert& a, const EventContext& ctx);

// The retraction of a story's alert, with sa's next revision (the caller has advanced it).
void fill_retraction(Alert& out, const StoryAlert& sa, std::string_view story_id, bool deleted);

}  // namespace herald::rules::detail
