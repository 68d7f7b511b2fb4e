#pragma once
// A small fixed set of short ASCII words, probed with a word token's key as the tokenizer wrote it
// (Document::keys: folded bytes and hash): a token is tested without its text being copied,
// folded, hashed or compared with each word. Open addressing over `Slots` slots (a power of two,
// at least twice the words).
#include <cstddef>
#include <string_view>

#include "herald/analysis/document.hpp"
#include "lexicon_vocab.hpp"

namespace herald::analysis::detail {

template <size_t Slots>
class WordKeySet {
    static_assert(Slots >= 16 && (Slots & (Slots - 1)) == 0, "a power of two");

public:
    // `words`: lowercase ASCII words of at most 16 bytes (a longer one has no key and is left out).
    template <class Words>
    explicit WordKeySet(const Words& words) {
        for (std::string_view w : words) {
            ShortKey k;
            if (!short_key(w, k)) continue;
            for (size_t i = key_hash(k) & kMask;; i = (i + 1) & kMask)
                if (slots_[i].len == 0) {
                    slots_[i] = k;
                    break;
                }
        }
    }
    // Is the keyed word of `len` bytes one of them?
    bool has(const WordKey& k, uint32_t len) const {
        for (size_t i = k.hash & kMask;; i = (i + 1) & kMask) {
            const ShortKey& s = slots_[i];
            if (s.len == 0) return false;
            if (s.a == k.a && s.b == k.b && s.len == len) return true;
        }
    }

    // Every word's key, as f(a, b) (the joint table's columns).
    template <class F>
    void each(F f) const {
        for (const ShortKey& s : slots_)
            if (s.len != 0) f(s.a, s.b);
    }

private:
    static constexpr size_t kMask = Slots - 1;
    ShortKey slots_[Slots];
};

}  // namespace herald::analysis::detail
