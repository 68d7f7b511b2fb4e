#pragma once
// Which company of a sentence each of its terms is about (SentimentScorer's per-entity tone).
#include <cstddef>
#include <cstdint>

#include "herald/analysis/document.hpp"
#include "herald/analysis/entities.hpp"
#include "sentiment_internal.hpp"

namespace herald::analysis::detail {

struct SentenceParts {
    const Document* doc = nullptr;
    const Sentence* sentence = nullptr;
    const uint32_t* clause_first = nullptr;  // first token of each clause, ascending
    size_t clauses = 0;
    const SentenceComposer::Contribution* terms = nullptr;
    size_t term_count = 0;
    const Mention* mentions = nullptr;  // the sentence's mentions, by token
    size_t mention_count = 0;
    const uint8_t* slot = nullptr;  // per mention: its company's index into raw[] (< 8)
    int32_t* clause_owner = nullptr;  // scratch of `clauses` entries
};

// At most this many mentions in one sentence are attributed term by term (the caller falls back
// to sharing the sentence beyond).
inline constexpr size_t kMaxAttributed = 32;

// Adds each term's weight to raw[slot] of the companies it is about: the company named last
// before it in its clause (with those listed alongside: "Visa and Mastercard rose"), else the
// first named after it in the clause ("lifting shares of Lilly"; a comparison said of that one,
// "beating rival Northrop", is its loss); a clause naming none is about the company of the
// clauses before it (leading ones: the first named), except a market clause ("stocks fell
// broadly", "despite a weak market"), which is about none. A rating or price-target term goes to
// the company rated, not the rater ("Moody's downgraded Intel"; "$AMD upgraded at Goldman").
// Returns whether a term went to no company.
bool attribute(const SentenceParts& p, double* raw);

}  // namespace herald::analysis::detail
