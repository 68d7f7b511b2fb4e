#pragma once
// The word classes segment attribution reads (segments_classes.cpp): business nouns, regions,
// qualifying words, brands, combine and group words, months, each a small sorted table, and the
// token-level tests built on them. Internal to segments.cpp and segments_classes.cpp.
#include <cstdint>
#include <string_view>

#include "lexicon_vocab.hpp"
#include "segments.hpp"

namespace herald::analysis::segments::wc {

// The word classes a token can be in, one bit per table of segments_classes.cpp.
enum ClassBit : uint32_t {
    kBusinessBit = 1u << 0,
    kMoveSubjectBit = 1u << 1,
    kRegionBit = 1u << 2,
    kQualifyingBit = 1u << 3,
    kNotBrandBit = 1u << 4,
    kCombineBit = 1u << 5,
    kGroupBit = 1u << 6,
    kMonthBit = 1u << 7,
};

// Every word of the class tables as the tokenizer keys a token (Document::keys), with the bits of
// the tables it is in, in one open-addressing table: a keyed token's classes cost one probe instead
// of a fold and a binary search per table (about 140 instructions per table and token).
class WordClassKeys {
public:
    WordClassKeys();  // from the tables of segments_classes.cpp
    // The class bits of the word with this key and byte length (0: in no table).
    uint32_t bits(const WordKey& k, uint32_t len) const {
        const uint32_t f = filter_bit(k.hash);
        if (!((filter_[f >> 6] >> (f & 63)) & 1)) return 0;  // most words are in no table
        for (size_t i = k.hash & kMask;; i = (i + 1) & kMask) {
            const Slot& s = slots_[i];
            if (s.len == 0) return 0;
            if (s.a == k.a && s.b == k.b && s.len == len) return s.bits;
        }
    }

private:
    struct Slot {
        uint64_t a = 0, b = 0;
        uint32_t len = 0, bits = 0;
    };
    static constexpr size_t kMask = 511;  // 512 slots for about 220 words
    static constexpr size_t kFilterBits = 4096;
    static uint32_t filter_bit(uint64_t h) { return static_cast<uint32_t>(h >> 40) & (kFilterBits - 1); }
    template <size_t N>
    void add_all(const std::string_view (&words)[N], uint32_t bit) {
        for (std::string_view w : words) add(w, bit);
    }
    void add(std::string_view w, uint32_t bit) {
        detail::ShortKey k;
        if (!detail::short_key(w, k)) return;  // a word over 16 bytes is never a keyed token
        const uint64_t h = detail::key_hash(k);
        filter_[filter_bit(h) >> 6] |= uint64_t{1} << (filter_bit(h) & 63);
        for (size_t i = h & kMask;; i = (i + 1) & kMask) {
            Slot& s = slots_[i];
            if (s.len == 0) s = {k.a, k.b, k.len, 0};
            if (s.a == k.a && s.b == k.b && s.len == k.len) {
                s.bits |= bit;
                return;
            }
        }
    }
    Slot slots_[kMask + 1];
    uint64_t filter_[kFilterBits / 64] = {};  // one bit per hash bucket of a table word
};

// Built at start-up from the constant tables (no guard to test per lookup).
extern const WordClassKeys kClassKeys;

// The class bits of the text w (any case), table by table: for words without a key.
uint32_t text_classes(std::string_view w);

// The class bits of token t of the view (0 outside it): by its key when the tokenizer gave it
// one, else by its text.
inline uint32_t classes(const View& v, uint32_t t) {
    if (t < v.first || t >= v.last) return 0;
    const WordKey& k = v.doc.keys[t];
    const Token& tk = v.doc.tokens[t];
    if (k.a != 0) [[likely]]
        return kClassKeys.bits(k, tk.end - tk.begin);
    return text_classes(v.tok(t));
}

inline bool is_word(const View& v, uint32_t t) { return t >= v.first && t < v.last && v.doc.tokens[t].kind == TokenKind::word; }

// Q3, H1, FY26, 9M, 2025, third-quarter, full-year, nine-month, months: a period, never a business.
// `cls` are the word's class bits (classes()), which say whether it is a month.
bool period_like(std::string_view w, uint32_t cls);

enum class Class : uint8_t { none, business, region, brand };

// The class of token t: a business noun, a region or a brand (none for anything else).
Class classify(const View& v, uint32_t t);

// The text from token b to token e - 1, with the full stop of a trailing "U.S." kept.
std::string_view span_text(const View& v, uint32_t b, uint32_t e);

// An open-class word that can name a business line before its kind (segments_classes.cpp).
bool open_modifier(const View& v, uint32_t t);

}  // namespace herald::analysis::segments::wc
