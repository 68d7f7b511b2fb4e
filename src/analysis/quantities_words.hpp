#pragma once
// Figures written in words: "five billion dollars", "half a million euros", "one and a half
// billion euros", "twenty-five million dollars", "ten percent". Found from the tokenizer's word
// keys (one compare per word finds the scale or percent word), then read back over the number
// words before it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "herald/analysis/analysis.hpp"
#include "herald/analysis/document.hpp"
#include "numbers.hpp"

namespace herald::analysis::qwords {

struct WordFigure {
    size_t begin = 0, end = 0;  // bytes in the field: first number word to the unit
    num::Decimal d;             // the number (0.5 is mantissa 5, one decimal)
    int exp10 = 0;              // the scale word's power of ten
    Unit unit;
};

// Walks the word tokens [first, last) of one field in order.
class WordFigures {
public:
    WordFigures(const Document& doc, std::string_view field, uint32_t first, uint32_t last)
        : doc_(doc), s_(field), first_(first), t_(first), last_(last) {}

    // The next figure written in words that begins before byte `limit`: true and `out` filled.
    bool next_before(size_t limit, WordFigure& out);

private:
    bool read_at(uint32_t t, WordFigure& out) const;

    const Document& doc_;
    std::string_view s_;
    uint32_t first_, t_, last_;
};

}  // namespace herald::analysis::qwords
