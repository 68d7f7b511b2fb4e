#pragma once
// How much a story is about each company it names (issue 16 item 2): 0-100 per entity, from
// where and how often the text names it and how many companies share the story. A market
// round-up naming fifteen companies is low relevance for each; a story headlined with one
// company and about it throughout is high. docs/events.md ("Relevance") gives the formula.
//
//   herald::analysis::RelevanceScorer relevance;
//   relevance.score(doc, mentions, analysis);   // sets analysis.entities[i].relevance
#include <cstdint>
#include <memory>
#include <vector>

#include "herald/analysis/analysis.hpp"
#include "herald/analysis/document.hpp"
#include "herald/analysis/entities.hpp"

namespace herald::analysis {

namespace detail {
class EntityKeys;
}

class RelevanceScorer {
public:
    RelevanceScorer();
    ~RelevanceScorer();
    // Sets relevance of every entity of `out` from the mentions of `doc`. No allocation once the
    // scratch has grown to the largest event seen.
    void score(const Document& doc, const std::vector<Mention>& mentions, Analysis& out);
    // The parts behind entity i's relevance in the last score() call (analysis.hpp).
    RelevanceParts parts(size_t entity) const;

private:
    struct Seen {
        uint32_t first_sentence = UINT32_MAX;
        uint32_t last_sentence = UINT32_MAX;
        uint32_t sentences = 0;
        bool in_title = false;
    };
    std::vector<Seen> seen_;
    uint32_t title_sentences_ = 0, total_sentences_ = 0;
    double crowd_ = 1.0;
    std::vector<uint32_t> mention_counts_;
    std::unique_ptr<detail::EntityKeys> keys_;  // entities by ticker or name
};

}  // namespace herald::analysis
