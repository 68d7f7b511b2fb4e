#pragma once
// The slots of EntitySentiment's joint word table (lexicon, alias and event words by folded key,
// and the words of the constant tables the later passes read) and the probe the tokenizer runs on
// each word key it makes: the slot's ids (JointIds) are copied beside the key (Document::slots),
// so the joint token pass and the later passes read them in token order instead of each probing a
// table of its own again, or reading the slot again once it has left L1.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "herald/analysis/document.hpp"
#include "lexicon_vocab.hpp"

namespace herald::analysis::detail {

static_assert(JointIds::kNone == kNoWord && sizeof(JointIds) == 16);

// The ids (len 0: empty slot) and the folded key. 32 bytes, aligned to 32 so that the probe reads
// one cache line per slot.
struct alignas(32) JointSlot : JointIds {
    uint64_t a = 0, b = 0;  // folded key, as WordTable's
    static constexpr uint8_t kAliasLower = 1;  // may start an alias in lowercase ("it", "iPhone")
    static constexpr uint8_t kTermActive = 2;  // the lexicon's word_active: a term, or a phrase's first word
    // Every slot's, and the empty ids the tokenizer gives a keyed word in no table: the joint
    // pass tells a keyed word from a keyless one without reading its key.
    static constexpr uint8_t kKeyed = 4;
    // A stop word of the story sketch (JointWord::sketch_stop): the sketch tests the token's ids,
    // not the row (a D1 miss for one stop word in two, session 21).
    static constexpr uint8_t kSketchStop = 8;
};
static_assert(sizeof(JointSlot) == 32);

// The ids of a keyed word in no table (Document::slots with a probe).
inline constexpr JointIds kKeyedNoIds = [] {
    JointIds ids;
    ids.bits = JointSlot::kKeyed;
    return ids;
}();

// The columns of the constant word tables for one word (row 0: a word in none of them). Only
// words of those tables have a row of their own, so the rows stay small next to the slots.
struct JointWord {
    uint32_t metric_flags = 0;  // words::WordInfo::flags (metric word table)
    uint32_t metric_cues = 0;   // words::Cue bits
    uint8_t metric_kind = 0;    // words::WordInfo::kind (MetricKind)
    uint8_t metric_role = 0;    // words::Role
    bool period_start = false;  // one of periods::kStartWords
    bool sketch_stop = false;   // a stop word of the story sketch
    bool number_word = false;   // a number written as a word ("four", "dozen": sentiment_figures.cpp)
};

struct JointProbe {
    // One bit per hash bucket, as WordTable's filter: most words are in no table. 4 KB, not 8:
    // an article's ~700 keyed words touched every line of the 8 KB filter, each a D1 miss once
    // per article, and the false hits that the half-size filter adds (a probe that meets an
    // empty slot) cost fewer (session 22, docs/performance.md).
    static constexpr size_t kFilterBits = size_t{1} << 15;
    static uint32_t filter_bit(uint64_t h) { return static_cast<uint32_t>(h >> 40) & (kFilterBits - 1); }

    const uint64_t* filter = nullptr;
    const JointSlot* slots = nullptr;
    size_t mask = 0;
    const JointWord* words = nullptr;  // the rows JointSlot::word indexes

    // The slot of a keyed word of `len` bytes, or null when the word is in no table.
    const JointSlot* find(const WordKey& key, uint32_t len) const {
        const uint32_t bit = filter_bit(key.hash);
        if (!((filter[bit >> 6] >> (bit & 63)) & 1)) return nullptr;
        for (size_t i = key.hash & mask;; i = (i + 1) & mask) {
            const JointSlot& s = slots[i];
            if (s.len == 0) return nullptr;
            if (s.a == key.a && s.b == key.b && s.len == len) return &s;
        }
    }
    // The constant tables' columns of a word by its slot's ids (empty ids: row 0, in no table).
    const JointWord& word(const JointIds& s) const { return words[s.word]; }
};

// The words of the constant tables with their columns, each given by the file that owns the
// table; EntitySentiment's joint table gives each word a row (the columns of a word listed by
// several are OR-ed: each fills only its own).
using AddWord = void (*)(std::string_view word, const JointWord& columns, void* ctx);
void each_metric_word(AddWord add, void* ctx);       // metrics_words.cpp
void each_sketch_stop_word(AddWord add, void* ctx);  // novelty.cpp
void each_number_word(AddWord add, void* ctx);       // sentiment_figures.cpp

// The word of a folded key (bytes 0-7 in a, 8-15 in b, zero-padded; words hold no zero byte).
inline std::string_view key_text(uint64_t a, uint64_t b, char (&buf)[16]) {
    size_t n = 0;
    for (; n < 8 && ((a >> (8 * n)) & 0xFF) != 0; ++n) buf[n] = static_cast<char>(a >> (8 * n));
    for (; n >= 8 && n < 16 && ((b >> (8 * (n - 8))) & 0xFF) != 0; ++n) buf[n] = static_cast<char>(b >> (8 * (n - 8)));
    return {buf, n};
}

}  // namespace herald::analysis::detail
