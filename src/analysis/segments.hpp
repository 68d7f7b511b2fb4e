#pragma once
// Which business a figure is about. A figure the text attributes to a business unit, product,
// brand or region ("e-commerce sales", "advertising grew 53%", "Walmart U.S. comparable sales",
// "revenue from cloud", "sales in Greater China") is that segment's, and still the company's
// (Metric::entity stays the company); a figure stated for several companies together
// ("combined capital expenditures of Microsoft, Alphabet, Amazon and Meta", "the four
// hyperscalers' capex") is no single company's.
//
// Everything reads one sentence's tokens, the metric word flags already computed for them and
// the sentence's mentions; the results are views into the event's text. Called once per metric,
// never per token: a sentence without a figure costs nothing.
#include <cstdint>
#include <string_view>

#include "herald/analysis/document.hpp"
#include "herald/analysis/entities.hpp"

namespace herald::analysis::segments {

struct View {
    const Document& doc;
    uint32_t first = 0, last = 0;      // the sentence's tokens [first, last)
    const uint32_t* flags = nullptr;   // words:: flags of token t at flags[t - first]
    const Mention* mentions = nullptr; // the sentence's mentions, in token order
    uint32_t n_mentions = 0;

    // Token t's text, empty outside the sentence (inline: a few calls per metric and word).
    std::string_view tok(uint32_t t) const {
        if (t < first || t >= last) return {};
        return doc.text(doc.tokens[t]);
    }
    uint32_t flag(uint32_t t) const { return flags[t - first]; }
    // The mention covering token t, or null.
    const Mention* mention_at(uint32_t t) const;
};

// The business named by the words right before a kind phrase that starts at token np_begin:
// "e-commerce sales" -> "e-commerce", "Global advertising revenue" -> "advertising",
// "Walmart U.S. comparable sales" -> "Walmart U.S.", "Sam's Club sales" -> "Sam's Club". Words
// that qualify the figure rather than name a business ("total", "net", "adjusted", "comparable",
// periods) are passed over between the business and the kind. Empty when there is none.
std::string_view before_kind(const View& v, uint32_t np_begin);

// The business after a kind phrase ending at token `end`, before token `stop`: "revenue from
// advertising", "sales in Greater China", "revenue at its cloud unit", "revenue from AWS".
std::string_view after_kind(const View& v, uint32_t end, uint32_t stop);

// The business a move verb at token `verb` is about, when no kind word names the figure:
// "global advertising grew 53%" -> "advertising". Business nouns take any move verb; a region
// only a growth verb ("Europe grew 4%"): "China fell 2%" can be a market.
std::string_view subject_of_move(const View& v, uint32_t verb, bool growth_verb);

// Is a figure whose clause is [clause_b, clause_e) and whose kind phrase is [kind_b, kind_e)
// stated for several companies together? "combined", "together", "collectively", "in
// aggregate" in the clause; a group of companies owning the kind ("the four hyperscalers'
// capex", "capex of Microsoft, Alphabet, Amazon and Meta").
// clause_words: whether the sentence has a combine word or "respectively" at all
// (clause_words_of, once per sentence); without one the clause is not walked for them.
bool combined(const View& v, uint32_t clause_b, uint32_t clause_e, uint32_t kind_b, uint32_t kind_e,
              bool clause_words = true);

// Has the sentence a combine word ("combined", "together", ...) or "respectively"? Asked once
// per sentence: a figure-dense sentence of one clause walked its clause for them per figure.
bool clause_words_of(const View& v);

// Can any figure of the sentence be several companies' together? False when it has no combine
// or group word and names fewer than two companies: combined() need not run (once per sentence).
// `joint_word`: does the sentence hold one of joint_words()? The metric word table marks them
// (words::kCueJoint), so its per-sentence probe answers that instead of a second probe per token.
bool combined_possible(const View& v, bool joint_word);

// The combine words ("combined", "together") and group nouns ("hyperscalers", "industry") that
// make combined_possible true, for the metric word table. Every one is ASCII of at most 16 bytes.
void each_joint_word(void (*add)(std::string_view word, void* ctx), void* ctx);

// Word classes, exposed for tests: a business noun ("advertising", "cloud", "e-commerce"), a
// region ("Europe", "U.S", "International") and a word that qualifies a figure without naming a
// business ("total", "adjusted", "comparable").
bool is_business_word(std::string_view w);
bool is_region_word(std::string_view w);
bool is_qualifying_word(std::string_view w);

}  // namespace herald::analysis::segments
