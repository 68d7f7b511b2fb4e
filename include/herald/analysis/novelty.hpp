#pragma once
// Novelty of stories per company (issue 16 item 3): is this story a copy of one already seen
// about the same company within a horizon of event time (a syndicated rewrite, an outlet's
// re-post), or a new one? Deterministic in event time; bounded state per company.
// docs/events.md ("Novelty") describes the scores.
//
//   herald::analysis::StorySketch sketch;
//   herald::analysis::sketch_story(doc, analysis, sketch);          // pure, per event
//   herald::analysis::NoveltyTracker tracker(24 * 3600 * 1000LL);   // per partition
//   auto r = tracker.observe("AAPL", sketch, event.id, event_time_ms);
//   if (r.novelty >= 80) ...; r.duplicate_of  // the earliest copy's id, empty for a first report
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "herald/analysis/analysis.hpp"
#include "herald/analysis/document.hpp"
#include "herald/core/horizon.hpp"

namespace herald::analysis {

// Fills out with the story's sketch (the Analyzer does, into Analysis::story).
void sketch_story(const Document& doc, const Analysis& analysis, StorySketch& out);

// Similarity of two sketches: estimated Jaccard and overlap (shared / smaller set).
struct StorySimilarity {
    double jaccard = 0.0, overlap = 0.0;
};
StorySimilarity compare_stories(const StorySketch& a, const StorySketch& b);
// The near-duplicate test the tracker applies.
bool same_story(const StorySimilarity& s);

class NoveltyTracker {
public:
    // Stories kept per company: the oldest (in event time) is replaced when full.
    static constexpr uint32_t kStoriesPerKey = 16;
    // Bytes of a story id kept for duplicate_of; longer ids are cut.
    static constexpr uint32_t kIdBytes = 47;

    explicit NoveltyTracker(int64_t horizon_ms) : horizon_(horizon_ms) {}
    int64_t horizon_ms() const { return horizon_.ms(); }

    struct Result {
        uint8_t novelty = 100;        // 100 first report; 100 * 0.75^n after n earlier copies
        uint32_t copies = 0;          // earlier copies within the horizon
        // The id of the earliest copy within the horizon; valid until the next observe().
        std::string_view duplicate_of;
    };
    // Scores the story for `key` (a ticker or a company name; ASCII case ignored) against the
    // stories of the key dated within [t - horizon, t], then remembers it. An id already held for
    // the key (a redelivered event) is scored the same way and not stored twice.
    // Allocates only for a key it has not seen.
    Result observe(std::string_view key, const StorySketch& sketch, std::string_view id, int64_t t);

    // Drops companies whose newest story is older than the horizon before `now`. observe() does
    // it every kSweepEvery calls, against the newest event time seen, so memory stays bounded by
    // the companies of one horizon.
    void sweep(int64_t now);
    static constexpr uint64_t kSweepEvery = 4096;
    size_t key_count() const { return keys_.size(); }
    size_t state_bytes() const;
    static constexpr size_t bytes_per_key();

private:
    struct Story {
        StorySketch sketch;
        int64_t t = 0;
        uint64_t id_hash = 0;
        char id[kIdBytes] = {};  // cut to kIdBytes
        uint8_t id_len = 0;
    };
    struct Stories {
        Story items[kStoriesPerKey];
        uint32_t size = 0;
        int64_t newest = 0;
    };
    core::Horizon horizon_;
    std::unordered_map<std::string, Stories> keys_;
    std::string key_buf_;
    uint64_t observed_ = 0;
    int64_t newest_ = INT64_MIN;
    char dup_buf_[kIdBytes] = {};
};

constexpr size_t NoveltyTracker::bytes_per_key() { return sizeof(Stories); }

// `herald analyze`'s analysis line with novelty: replaces the closing brace of `json_line` (one
// analysis object, optionally followed by a newline) with ,"novelty":[{"company","ticker",
// "novelty","duplicate_of"},...]} and the newline, observing each company of the event (at most
// max_companies) in `tracker`. The feed is read in order, as one partition.
void append_novelty_json(std::string& json_line, const Event& event, const Analysis& analysis, int64_t event_time_ms,
                         NoveltyTracker& tracker, size_t max_companies = 100);

}  // namespace herald::analysis
