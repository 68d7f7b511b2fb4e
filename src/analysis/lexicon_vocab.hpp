#pragma once
// Case-folded word table shared by the lexicon and the alias table: one hash probe per token
// turns its text into a small integer id, so multi-word terms compare ids, not bytes.
// Built at start-up; find() never allocates.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "herald/analysis/document.hpp"

namespace herald::analysis::detail {

inline constexpr size_t kMaxWordBytes = 48;  // longer tokens are never terms
inline constexpr uint32_t kNoWord = UINT32_MAX;

inline char fold_char(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c; }

// The typographic apostrophe (U+2019) folds to "'" so "company’s" and "company's" are one word.
inline size_t fold_word(std::string_view w, char* out, uint64_t& hash) {
    uint64_t h = 1469598103934665603ull;
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
        h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    }
    hash = h;
    return n;
}

class WordTable {
public:
    // Adds a word (any case) and returns its id; the same id for the same folded word.
    uint32_t intern(std::string_view word) {
        char buf[kMaxWordBytes];
        uint64_t h = 0;
        size_t n = fold_word(word, buf, h);
        if (n == 0) return kNoWord;
        if ((lens_.size() + 1) * 2 > slots_.size()) rehash(slots_.empty() ? 256 : slots_.size() * 2);
        size_t mask = slots_.size() - 1;
        for (size_t i = h & mask;; i = (i + 1) & mask) {
            uint32_t s = slots_[i];
            if (s == 0) {
                uint32_t id = static_cast<uint32_t>(lens_.size());
                offs_.push_back(static_cast<uint32_t>(chars_.size()));
                lens_.push_back(static_cast<uint32_t>(n));
                hashes_.push_back(h);
                chars_.append(buf, n);
                slots_[i] = id + 1;
                return id;
            }
            if (hashes_[s - 1] == h && equal(s - 1, buf, n)) return s - 1;
        }
    }

    // The id of a token's text, or kNoWord.
    uint32_t find(std::string_view word) const {
        if (slots_.empty() || word.size() > kMaxWordBytes + 2) return kNoWord;
        char buf[kMaxWordBytes];
        uint64_t h = 0;
        size_t n = fold_word(word, buf, h);
        if (n == 0) return kNoWord;
        size_t mask = slots_.size() - 1;
        for (size_t i = h & mask;; i = (i + 1) & mask) {
            uint32_t s = slots_[i];
            if (s == 0) return kNoWord;
            if (hashes_[s - 1] == h && equal(s - 1, buf, n)) return s - 1;
        }
    }

    size_t size() const { return lens_.size(); }
    std::string_view word(uint32_t id) const { return std::string_view(chars_).substr(offs_[id], lens_[id]); }

private:
    bool equal(uint32_t id, const char* p, size_t n) const {
        return lens_[id] == n && std::string_view(chars_.data() + offs_[id], n) == std::string_view(p, n);
    }
    void rehash(size_t cap) {
        slots_.assign(cap, 0);
        for (uint32_t id = 0; id < lens_.size(); ++id)
            for (size_t i = hashes_[id] & (cap - 1);; i = (i + 1) & (cap - 1))
                if (slots_[i] == 0) {
                    slots_[i] = id + 1;
                    break;
                }
    }

    std::string chars_;
    std::vector<uint32_t> offs_, lens_;
    std::vector<uint64_t> hashes_;
    std::vector<uint32_t> slots_;  // id + 1; 0 = empty
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
