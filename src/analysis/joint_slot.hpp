#pragma once
// The slots of EntitySentiment's joint word table (lexicon, alias and event words by folded key)
// and the probe the tokenizer runs on each word key it makes: the slot it finds is stored beside
// the key (Document::slots), so the joint token pass reads it instead of probing again.
#include <cstddef>
#include <cstdint>

#include "herald/analysis/document.hpp"
#include "lexicon_vocab.hpp"

namespace herald::analysis::detail {

struct JointSlot {  // 32 bytes
    uint64_t a = 0, b = 0;  // folded key, as WordTable's
    uint32_t lexicon = kNoWord, alias = kNoWord, event = kNoWord;
    uint8_t len = 0;           // 0: empty slot
    bool alias_lower = false;  // may start an alias in lowercase ("it", "iPhone")
};

struct JointProbe {
    // One bit per hash bucket, as WordTable's filter: most words are in no table.
    static constexpr size_t kFilterBits = size_t{1} << 16;
    static uint32_t filter_bit(uint64_t h) { return static_cast<uint32_t>(h >> 40) & (kFilterBits - 1); }

    const uint64_t* filter = nullptr;
    const JointSlot* slots = nullptr;
    size_t mask = 0;

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
};

}  // namespace herald::analysis::detail
