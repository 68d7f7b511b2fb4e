#pragma once
// Figures written in words: "five billion dollars", "half a million euros", "one and a half
// billion euros", "twenty-five million dollars", "ten percent". Found from the tokenizer's word
// keys (one compare per word finds the scale or percent word), then read back over the number
// words before it.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "herald/analysis/analysis.hpp"
#include "herald/analysis/document.hpp"
#include "lexicon_vocab.hpp"
#include "numbers.hpp"

namespace herald::analysis::qwords {

// The tokenizer's folded key of a lower-case word of at most 8 bytes (WordKey::a).
constexpr uint64_t key8(std::string_view w) {
    uint64_t v = 0;
    for (size_t i = 0; i < w.size() && i < 8; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(w[i])) << (8 * i);
    return v;
}

enum class Trigger { none, scale, percent };

// A 256-entry filter of the trigger words over the top byte of the tokenizer's key hash: one
// shift and one byte load per word (the tokenizer runs it on every word) let through about one
// word in 28 for the compares. (A 64-bit filter let through one in seven: each of those was a
// branch the predictor cannot learn, about 40 mispredictions per seed article.)
constexpr size_t bloom_index(std::string_view w) {
    detail::ShortKey k;
    k.a = key8(w);
    k.b = w.size() > 8 ? key8(w.substr(8)) : 0;
    k.len = static_cast<uint32_t>(w.size());
    return static_cast<size_t>(detail::key_hash(k) >> 56);
}
inline constexpr auto kBloom = [] {
    std::array<uint8_t, 256> t{};
    for (std::string_view w : {"hundred", "thousand", "million", "billion", "trillion", "percent", "per", "pct", "percentage"})
        t[bloom_index(w)] = 1;
    return t;
}();

// What a word's key is: a scale word ("million", "hundred"), a percent word ("percent", "per",
// "pct", "percentage"), or neither. The words that may end a figure written in words.
inline Trigger trigger_of(const WordKey& k) {
    if (!kBloom[k.hash >> 56]) return Trigger::none;
    if (k.b != 0) return k.a == key8("percenta") ? Trigger::percent : Trigger::none;  // "percentage point(s)"
    switch (k.a) {
        case key8("hundred"):
        case key8("thousand"):
        case key8("million"):
        case key8("billion"):
        case key8("trillion"): return Trigger::scale;
        case key8("percent"):
        case key8("per"):
        case key8("pct"): return Trigger::percent;
        default: return Trigger::none;
    }
}

struct WordFigure {
    size_t begin = 0, end = 0;  // bytes in the field: first number word to the unit
    num::Decimal d;             // the number (0.5 is mantissa 5, one decimal)
    int exp10 = 0;              // the scale word's power of ten
    Unit unit;
};

// Reads the figures written in words of one field (tokens [first, last)) in order, from the
// scale and percent words the tokenizer listed (Document::figure_words).
class WordFigures {
public:
    WordFigures(const Document& doc, std::string_view field, uint32_t first, uint32_t last);

    // The next figure written in words that begins before byte `limit`: true and `out` filled.
    bool next_before(size_t limit, WordFigure& out);

private:
    bool read_at(uint32_t t, WordFigure& out) const;

    const Document& doc_;
    std::string_view s_;
    uint32_t first_, last_;
    size_t c_;  // next entry of doc_.figure_words
};

}  // namespace herald::analysis::qwords
