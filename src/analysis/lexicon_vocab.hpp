#pragma once
// Case-folded word table shared by the lexicon and the alias table: one hash probe per token
// turns its text into a small integer id, so multi-word terms compare ids, not bytes.
// Built at start-up; find() never allocates. Words of up to 16 bytes (nearly all) are folded
// 8 bytes at a time and stored inline in the slots, so a probe is two integer compares.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "herald/analysis/document.hpp"
#include "herald/core/ascii.hpp"

namespace herald::analysis::detail {

inline constexpr size_t kMaxWordBytes = 48;  // longer tokens are never terms
inline constexpr uint32_t kNoWord = UINT32_MAX;

inline constexpr char fold_char(char c) { return core::ascii::lower(c); }

// Folds a word into `out` (ASCII lowercase; the typographic apostrophe U+2019 becomes "'" so
// "company’s" and "company's" are one word). Returns the length, 0 when too long.
inline size_t fold_word(std::string_view w, char* out) {
    size_t n = 0;
    for (size_t i = 0; i < w.size(); ++i) {
        char c = w[i];
        if (static_cast<unsigned char>(c) == 0xE2 && i + 2 < w.size() && static_cast<unsigned char>(w[i + 1]) == 0x80 &&
            static_cast<unsigned char>(w[i + 2]) == 0x99) {
            c = '\'';
            i += 2;
        } else {
            c = fold_char(c);
        }
        if (n == kMaxWordBytes) return 0;
        out[n++] = c;
    }
    return n;
}

// Lowercases the ASCII capitals of 8 bytes at once.
inline uint64_t fold8(uint64_t x) {
    constexpr uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    uint64_t low7 = x & ~high;
    uint64_t ge_a = (low7 + ones * (0x80 - 'A')) & high;
    uint64_t gt_z = (low7 + ones * (0x80 - 'Z' - 1)) & high;
    uint64_t upper = ge_a & ~gt_z & ~x;
    return x | (upper >> 2);
}

// The folded key of a short word: up to 16 bytes in two little-endian words.
struct ShortKey {
    uint64_t a = 0, b = 0;
    uint32_t len = 0;
};

// Builds the key of an ASCII word of at most 16 bytes; false for longer or non-ASCII words.
inline bool short_key(std::string_view w, ShortKey& k) {
    const size_t n = w.size();
    if (n == 0 || n > 16) return false;
    unsigned char buf[16] = {};
    std::memcpy(buf, w.data(), n);
    uint64_t a, b;
    std::memcpy(&a, buf, 8);
    std::memcpy(&b, buf + 8, 8);
    if ((a | b) & 0x8080808080808080ull) return false;  // UTF-8: the slow path folds "’"
    k.a = fold8(a);
    k.b = fold8(b);
    k.len = static_cast<uint32_t>(n);
    return true;
}

// Same as short_key for the word text[begin, end) of a longer buffer: when 16 bytes can be read
// from `begin`, loads them directly and masks to the word (no call to memcpy per token).
inline bool short_key_in(std::string_view text, size_t begin, size_t end, ShortKey& k) {
    const size_t n = end - begin;
    if (n == 0 || n > 16) return false;
    if (begin + 16 > text.size()) return short_key(text.substr(begin, n), k);
    uint64_t a, b;
    std::memcpy(&a, text.data() + begin, 8);
    std::memcpy(&b, text.data() + begin + 8, 8);
    // Branch-free masks: word lengths vary too much for the branch predictor.
    const uint64_t bits = 8 * n;
    a &= bits >= 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
    b &= bits <= 64 ? 0 : bits >= 128 ? ~uint64_t{0} : (uint64_t{1} << (bits - 64)) - 1;
    if ((a | b) & 0x8080808080808080ull) return false;
    k.a = fold8(a);
    k.b = fold8(b);
    k.len = static_cast<uint32_t>(n);
    return true;
}

// Compares two runs of word ids (phrases are short: a loop beats a call to memcmp).
inline bool same_ids(const uint32_t* a, const uint32_t* b, size_t n) {
    for (size_t i = 0; i < n; ++i)
        if (a[i] != b[i]) return false;
    return true;
}

constexpr uint64_t key_hash(const ShortKey& k) {
    uint64_t h = (k.a ^ (uint64_t{k.len} << 56)) * 0x9E3779B97F4A7C15ull;
    h ^= (k.b + 0x632BE59BD9B4E019ull) * 0xC2B2AE3D27D4EB4Full;
    return h ^ (h >> 31);
}

inline uint64_t long_hash(std::string_view folded) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : folded) h = (h ^ c) * 1099511628211ull;
    return h ^ 0x5bd1e995ull;
}

class WordTable {
public:
    // Adds a word (any case) and returns its id; the same id for the same folded word.
    uint32_t intern(std::string_view word) {
        char buf[kMaxWordBytes];
        size_t n = fold_word(word, buf);
        if (n == 0) return kNoWord;
        std::string_view folded(buf, n);
        if (uint32_t id = find(folded); id != kNoWord) return id;
        uint32_t id = static_cast<uint32_t>(words_.size());
        words_.emplace_back(folded);
        if ((words_.size()) * 2 > slots_.size()) rehash(slots_.empty() ? 1024 : slots_.size() * 2);
        else insert(id);
        return id;
    }

    // The id of a token's text, or kNoWord.
    uint32_t find(std::string_view word) const {
        if (slots_.empty()) return kNoWord;
        const size_t mask = slots_.size() - 1;
        ShortKey k;
        if (short_key(word, k)) {
            for (size_t i = key_hash(k) & mask;; i = (i + 1) & mask) {
                const Slot& s = slots_[i];
                if (s.id == kNoWord) return kNoWord;
                if (s.a == k.a && s.b == k.b && s.len == k.len) return s.id;
            }
        }
        if (word.size() > kMaxWordBytes + 2) return kNoWord;
        // A word without "’" keeps its length and its first byte's class when folded, and a word
        // without a short key is not one after folding either: the table's long words must hold
        // one of its length and first letter, most do not (no fold and no hash for them).
        if (word.empty() || (!maybe_long(word.size(), word[0]) && word.find("\xE2\x80\x99") == std::string_view::npos)) return kNoWord;
        char buf[kMaxWordBytes];
        size_t n = fold_word(word, buf);
        if (n == 0) return kNoWord;
        std::string_view folded(buf, n);
        if (short_key(folded, k)) return find(folded);  // "company’s" folds to a short ASCII key
        for (size_t i = long_hash(folded) & mask;; i = (i + 1) & mask) {
            const Slot& s = slots_[i];
            if (s.id == kNoWord) return kNoWord;
            if (s.len == n && s.a == 0 && s.b == 0 && words_[s.id] == folded) return s.id;
        }
    }

    // The id of text[begin, end), the token of a document field; the fast path for analysis.
    uint32_t find_in(std::string_view text, size_t begin, size_t end) const {
        ShortKey k;
        if (slots_.empty() || !short_key_in(text, begin, end, k)) return find(text.substr(begin, end - begin));
        const uint64_t h = key_hash(k);
        if (!maybe(h)) return kNoWord;
        const size_t mask = slots_.size() - 1;
        for (size_t i = h & mask;; i = (i + 1) & mask) {
            const Slot& s = slots_[i];
            if (s.id == kNoWord) return kNoWord;
            if (s.a == k.a && s.b == k.b && s.len == k.len) return s.id;
        }
    }

    // The id of a document token through the key the tokenizer folded and hashed for it: no
    // second pass over its bytes. Tokens without a key (long, non-ASCII) fall back to find().
    uint32_t find_token(std::string_view field, const Token& t, const WordKey& key) const {
        if (key.a == 0 || slots_.empty()) return find(field.substr(t.begin, t.end - t.begin));
        if (!maybe(key.hash)) return kNoWord;
        const uint32_t len = t.end - t.begin;
        const size_t mask = slots_.size() - 1;
        for (size_t i = key.hash & mask;; i = (i + 1) & mask) {
            const Slot& s = slots_[i];
            if (s.id == kNoWord) return kNoWord;
            if (s.a == key.a && s.b == key.b && s.len == len) return s.id;
        }
    }

    size_t size() const { return words_.size(); }
    std::string_view word(uint32_t id) const { return words_[id]; }

private:
    struct Slot {
        uint64_t a = 0, b = 0;  // the folded key of short words; 0, 0 for long ones
        uint32_t len = 0;
        uint32_t id = kNoWord;
    };
    // One bit per hash bucket in 8 KB: most words of a text are not terms, and this answers
    // them from L1 cache instead of probing the larger slot array.
    static constexpr size_t kFilterBits = size_t{1} << 16;
    // The long words (no short key) by length and folded first byte: 64 x 64 bits.
    static uint32_t long_bit(size_t len, char first) {
        return static_cast<uint32_t>((len & 63) << 6 | (static_cast<unsigned char>(fold_char(first)) & 63));
    }
    bool maybe_long(size_t len, char first) const {
        const uint32_t bit = long_bit(len, first);
        return (long_filter_[bit >> 6] >> (bit & 63)) & 1;
    }
    bool maybe(uint64_t h) const {
        const uint32_t bit = static_cast<uint32_t>(h >> 40) & (kFilterBits - 1);
        return (filter_[bit >> 6] >> (bit & 63)) & 1;
    }
    void insert(uint32_t id) {
        const std::string& w = words_[id];
        const size_t mask = slots_.size() - 1;
        Slot s;
        s.id = id;
        s.len = static_cast<uint32_t>(w.size());
        ShortKey k;
        uint64_t h;
        if (short_key(w, k)) {
            s.a = k.a;
            s.b = k.b;
            h = key_hash(k);
            const uint32_t bit = static_cast<uint32_t>(h >> 40) & (kFilterBits - 1);
            filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
        } else {
            h = long_hash(w);
            const uint32_t bit = long_bit(w.size(), w[0]);
            long_filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
        }
        for (size_t i = h & mask;; i = (i + 1) & mask)
            if (slots_[i].id == kNoWord) {
                slots_[i] = s;
                return;
            }
    }
    void rehash(size_t cap) {
        slots_.assign(cap, Slot{});
        for (uint32_t id = 0; id < words_.size(); ++id) insert(id);
    }

    std::vector<std::string> words_;  // folded
    std::vector<Slot> slots_;
    std::vector<uint64_t> filter_ = std::vector<uint64_t>(kFilterBits / 64, 0);  // short keys only
    uint64_t long_filter_[64] = {};
};

// Splits a term written in a data file ("raise guidance", "Amazon.com") into the tokens the
// tokenizer makes of the same text, so terms match exactly what analysis sees.
inline void split_term(std::string_view term, std::vector<std::string_view>& words) {
    words.clear();
    Event e;
    e.text = term;
    Document d;
    d.build(e);
    for (const Token& t : d.tokens) words.push_back(d.text(t));
}

}  // namespace herald::analysis::detail
