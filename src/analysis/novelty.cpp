// Story sketches and the per-company novelty state: a bottom-k sketch of content words, compared
// by overlap and Jaccard; per company a fixed ring of the stories seen within the horizon.
#include "herald/analysis/novelty.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <iterator>

#include "herald/analysis/event_types.hpp"
#include "herald/core/hash.hpp"
#include "herald/core/json_writer.hpp"
#include "joint_slot.hpp"
#include "lexicon_vocab.hpp"
#include "word_key_set.hpp"

namespace herald::analysis {

namespace {

// Words that say nothing about which story it is: function words and the vocabulary every
// company story shares. Sorted, for a binary search.
constexpr std::string_view kStopWords[] = {
    "about", "after", "again", "against", "also", "and", "are", "as", "at", "back", "been", "before", "being",
    "but", "by", "can", "company", "could", "corp", "day", "did", "does", "for", "from", "had", "has", "have",
    "her", "his", "inc", "into", "its", "it's", "last", "ltd", "more", "most", "new", "news", "not", "now",
    "off", "one", "our", "out", "over", "plc", "reported", "reports", "said", "say", "says", "share", "shares",
    "she", "should", "since", "some", "stock", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "through", "today", "two", "under", "update", "was", "week", "were",
    "what", "when", "which", "while", "who", "will", "with", "would", "year", "you",
};

bool is_stop_word(std::string_view folded) {
    return std::binary_search(std::begin(kStopWords), std::end(kStopWords), folded);
}

// The stop words as the tokenizer keys a token (Document::keys): one probe instead of a binary
// search of about 90 keys.
using StopKeys = detail::WordKeySet<256>;

const StopKeys& stop_keys() {
    static const StopKeys keys(kStopWords);
    return keys;
}

uint32_t feature_hash(std::string_view folded, uint64_t salt) {
    return static_cast<uint32_t>(core::mix64(core::fnv1a64(folded, core::kFnvOffset ^ salt)));
}

// The word as a feature: lowercase ASCII, thousands separators out of numbers; false when it
// carries nothing (short words, stop words, words longer than the buffer).
bool fold_word(std::string_view w, TokenKind kind, char (&buf)[32], std::string_view& out) {
    size_t n = 0;
    for (char c : w) {
        if (kind == TokenKind::number && c == ',') continue;
        if (n == sizeof buf) return false;
        buf[n++] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
    out = {buf, n};
    if (kind == TokenKind::number) return n > 0;
    return n >= 3 && !is_stop_word(out);
}

// The sketch of features `f` (any order, repeats allowed, at most kMaxFeatures): the kSize smallest
// distinct, ascending. The hashes are uniform: placed by their top 6 bits (a counting sort into
// 64 buckets, about one feature each: 128 cost a seed article 0.3 k instructions more in the
// bucket starts' running sum) they are nearly in order, and an insertion sort finishes with a few moves. A
// comparison sort of random hashes mispredicts about every other comparison, which on the seeds
// cost more cycles than the sketch's instructions. The order is std::sort's (equal values adjacent).
constexpr size_t kMaxFeatures = 64 + EventTypeClassifier::kMaxEvents;
constexpr unsigned kBucketShift = 26;  // 64 buckets

void keep_smallest(const uint32_t* f, size_t n, StorySketch& s) {
    static_assert(kMaxFeatures <= 255, "bucket starts are bytes");
    uint8_t start[(1u << (32 - kBucketShift)) + 1] = {};
    for (size_t i = 0; i < n; ++i) ++start[(f[i] >> kBucketShift) + 1];
    for (size_t b = 1; b < std::size(start); ++b) start[b] = static_cast<uint8_t>(start[b] + start[b - 1]);
    uint32_t sorted[kMaxFeatures];
    for (size_t i = 0; i < n; ++i) sorted[start[f[i] >> kBucketShift]++] = f[i];
    for (size_t i = 1; i < n; ++i) {
        const uint32_t x = sorted[i];
        size_t j = i;
        for (; j > 0 && sorted[j - 1] > x; --j) sorted[j] = sorted[j - 1];
        sorted[j] = x;
    }
    // Distinct values in order: a repeat is written where the next distinct value will overwrite it.
    uint32_t distinct[kMaxFeatures];
    size_t count = 0;
    for (size_t i = 0; i < n; ++i) {
        distinct[count] = sorted[i];
        count += i == 0 || sorted[i] != sorted[i - 1];
    }
    s.count = static_cast<uint8_t>(std::min<size_t>(count, StorySketch::kSize));
    std::copy(distinct, distinct + s.count, s.mins);
}

}  // namespace

void sketch_story(const Document& doc, const Analysis& analysis, StorySketch& out) {
    out = StorySketch{};
    const Event& ev = doc.event();
    // Headline and summary; without a summary the lead of the body (or of the text).
    const Field lead = !ev.summary.empty() ? Field::summary : !ev.body.empty() ? Field::body : Field::text;
    constexpr uint32_t kLeadSentences = 3;
    uint32_t lead_sentences = 0;
    char buf[32];
    const StopKeys& stops = stop_keys();
    // The stop-word bit of each token's ids when the tokenizer probed the joint table.
    const detail::JointProbe* probe = doc.probed_by();
    // Copies share their lead: at most kMaxWords content words are read, headline first.
    constexpr uint32_t kMaxWords = 64;
    uint32_t features[kMaxFeatures];
    static_assert(kMaxWords + EventTypeClassifier::kMaxEvents <= kMaxFeatures);
    uint32_t words = 0;
    for (const Sentence& s : doc.sentences) {
        // Sentences are in field order: past the lead's field (or kMaxWords) nothing more is read.
        if (s.field > lead || words == kMaxWords) break;
        if (s.field != Field::headline && s.field != lead) continue;
        if (s.field == lead && s.field != Field::summary && lead_sentences++ >= kLeadSentences) break;
        for (uint32_t t = s.first_token; t < s.last_token && words < kMaxWords; ++t) {
            const Token& tok = doc.tokens[t];
            if (tok.kind == TokenKind::word && doc.keys[t].a != 0) {
                // The tokenizer's folded key and hash: no copy, no second hash.
                const uint32_t len = tok.end - tok.begin;
                if (len < 3 || (probe ? (doc.slots[t].bits & detail::JointSlot::kSketchStop) != 0 : stops.has(doc.keys[t], len))) continue;
                features[words++] = static_cast<uint32_t>(core::mix64(doc.keys[t].hash));
                continue;
            }
            if (tok.kind != TokenKind::word && tok.kind != TokenKind::number) continue;
            std::string_view folded;
            if (fold_word(doc.text(tok), tok.kind, buf, folded)) features[words++] = feature_hash(folded, 0);
        }
    }
    // The event types it reports: two outlets reporting one guidance cut share this one.
    size_t count = words;
    for (const CorporateEvent& e : analysis.events)
        if (count < std::size(features)) features[count++] = feature_hash(e.name, 0x9e3779b97f4a7c15ULL);
    keep_smallest(features, count, out);
    if (out.count < StorySketch::kSize) {
        out.features = out.count;
    } else {
        // Distinct features from the k-th smallest hash (the KMV estimate).
        double kth = (static_cast<double>(out.mins[StorySketch::kSize - 1]) + 1.0) / 4294967296.0;
        double n = (StorySketch::kSize - 1) / kth;
        out.features = static_cast<uint16_t>(n > 65535.0 ? 65535.0 : std::max<double>(n, StorySketch::kSize));
    }
}

StorySimilarity compare_stories(const StorySketch& a, const StorySketch& b) {
    StorySimilarity r;
    if (a.count == 0 || b.count == 0) return r;
    // Walk the union's smallest hashes (all of it when both sketches hold whole stories) and
    // count those in both.
    // Walk the union's smallest hashes in order and count those in both. A full sketch ends at
    // its largest hash, past which the union is unknown; a sketch holding its whole story does not.
    const bool a_full = a.count == StorySketch::kSize, b_full = b.count == StorySketch::kSize;
    const uint32_t limit = a_full || b_full ? StorySketch::kSize : 2 * StorySketch::kSize;
    uint32_t i = 0, j = 0, seen = 0, both = 0;
    while (seen < limit) {
        const bool a_done = i == a.count, b_done = j == b.count;
        if ((a_done && b_done) || (a_done && a_full) || (b_done && b_full)) break;
        if (b_done || (!a_done && a.mins[i] < b.mins[j])) {
            ++i;
        } else if (a_done || b.mins[j] < a.mins[i]) {
            ++j;
        } else {
            ++i, ++j, ++both;
        }
        ++seen;
    }
    if (seen == 0) return r;
    r.jaccard = static_cast<double>(both) / seen;
    double na = a.features, nb = b.features;
    double shared = r.jaccard / (1.0 + r.jaccard) * (na + nb);
    double smaller = std::min(na, nb);
    r.overlap = smaller > 0 ? std::min(1.0, shared / smaller) : 0.0;
    return r;
}

bool same_story(const StorySimilarity& s) {
    // Calibrated on data/eval/novelty-stories.ndjson (docs/events.md, "Novelty"): copies share
    // most of the smaller story's words; different stories about one company share its name and
    // a few of the topic's words.
    // There, the loosest copy shares 0.47 of the smaller story (Jaccard 0.29) and the closest
    // distinct pair 0.26 (0.15): the thresholds sit between.
    return s.overlap >= 0.4 && s.jaccard >= 0.2;
}

NoveltyTracker::Result NoveltyTracker::observe(std::string_view key, const StorySketch& sketch, std::string_view id,
                                               int64_t t) {
    Result r;
    newest_ = std::max(newest_, t);
    if (++observed_ % kSweepEvery == 0) sweep(newest_);
    key_buf_.clear();
    for (char c : key) key_buf_.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    auto it = keys_.find(key_buf_);
    if (it == keys_.end()) it = keys_.emplace(key_buf_, Stories{}).first;
    Stories& st = it->second;
    const uint64_t id_hash = core::fnv1a64(id);
    const Story* first = nullptr;
    bool again = false;  // this id is held already
    for (uint32_t i = 0; i < st.size; ++i) {
        const Story& s = st.items[i];
        if (s.id_hash == id_hash) {
            again = true;
            continue;
        }
        if (s.t > t || horizon_.expired(s.t, t)) continue;
        if (!same_story(compare_stories(sketch, s.sketch))) continue;
        ++r.copies;
        if (!first || s.t < first->t) first = &s;
    }
    if (first) {
        std::memcpy(dup_buf_, first->id, first->id_len);
        r.duplicate_of = {dup_buf_, first->id_len};
        r.novelty = static_cast<uint8_t>(std::lround(100.0 * std::pow(0.75, static_cast<double>(r.copies))));
    }
    if (again) return r;
    // Remember it: in a free slot, else in place of the oldest story if this one is newer.
    uint32_t slot = st.size;
    if (st.size == kStoriesPerKey) {
        slot = 0;
        for (uint32_t i = 1; i < st.size; ++i)
            if (st.items[i].t < st.items[slot].t) slot = i;
        if (st.items[slot].t > t) return r;
    } else {
        ++st.size;
    }
    Story& s = st.items[slot];
    s.sketch = sketch;
    s.t = t;
    s.id_hash = id_hash;
    // Its own id, not the id its first copy points at: duplicate_of then depends only on the stories
    // within the horizon, which a partition's rebuild re-reads, never on a chain of copies older
    // than that.
    std::string_view own = id.substr(0, kIdBytes);
    std::memcpy(s.id, own.data(), own.size());
    s.id_len = static_cast<uint8_t>(own.size());
    st.newest = st.size == 1 ? t : std::max(st.newest, t);
    return r;
}

void NoveltyTracker::sweep(int64_t now) {
    horizon_.sweep(keys_, now, [](const Stories& s) { return s.newest; });
}

size_t NoveltyTracker::state_bytes() const {
    constexpr size_t kNodeOverhead = 3 * sizeof(void*) + sizeof(std::string);
    size_t total = keys_.bucket_count() * sizeof(void*);
    for (const auto& [k, v] : keys_) total += kNodeOverhead + sizeof(v) + (k.capacity() > 15 ? k.capacity() + 1 : 0);
    return total;
}

void append_novelty_json(std::string& json_line, const Event& event, const Analysis& analysis, int64_t event_time_ms,
                         NoveltyTracker& tracker, size_t max_companies) {
    const size_t brace = json_line.rfind('}');
    if (brace == std::string::npos) return;
    const bool newline = !json_line.empty() && json_line.back() == '\n';
    json_line.resize(brace);
    json_line += ",\"novelty\":";
    core::JsonWriter w(json_line);
    w.begin_array();
    for (size_t i = 0; i < analysis.entities.size() && i < max_companies; ++i) {
        const EntityResult& e = analysis.entities[i];
        std::string_view key = e.ticker.empty() ? e.name : e.ticker;
        if (key.empty()) continue;
        auto r = tracker.observe(key, analysis.story, event.id, event_time_ms);
        w.begin_object();
        w.key("company");
        w.string(e.name);
        if (!e.ticker.empty()) {
            w.key("ticker");
            w.string(e.ticker);
        }
        w.key("novelty");
        w.integer(r.novelty);
        if (!r.duplicate_of.empty()) {
            w.key("duplicate_of");
            w.string(r.duplicate_of);
        }
        w.end_object();
    }
    w.end_array();
    json_line += '}';
    if (newline) json_line += '\n';
}

}  // namespace herald::analysis

void herald::analysis::detail::each_sketch_stop_word(AddWord add, void* ctx) {
    stop_keys().each([&](uint64_t a, uint64_t b) {
        char buf[16];
        JointWord columns;
        columns.sketch_stop = true;
        add(key_text(a, b, buf), columns, ctx);
    });
}
