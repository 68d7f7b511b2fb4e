#pragma once
// Financial metrics: quantities classified by what they measure (revenue, backlog, EPS ...),
// attributed to an entity, a period, a change and a forecast flag.
//
//   herald::analysis::MetricExtractor m;
//   m.extract(doc, mentions, quantities, metrics);
#include <cstdint>
#include <vector>

#include "herald/analysis/analysis.hpp"
#include "herald/analysis/document.hpp"
#include "herald/analysis/entities.hpp"

namespace herald::analysis {

class MetricExtractor {
public:
    // At most this many metrics per event (issue 20: bounded work per event). Figures are capped
    // by QuantityExtractor::kMaxFigures, but a change without a figure ("revenue doubled") or a
    // count is not: 2 MB of "revenue doubled " are 131,072 of them. Sentences after the cap is
    // reached are not read (capped() says so); a long news story holds a few dozen.
    static constexpr size_t kMaxMetrics = 2048;

    // Appends the metrics of every sentence that holds a quantity, in document order, up to
    // kMaxMetrics. Reuses its buffers: no allocation once they have grown.
    void extract(const Document& doc, const std::vector<Mention>& mentions, const std::vector<Quantity>& quantities,
                 std::vector<Metric>& out);
    // True when the last extract() stopped at kMaxMetrics.
    bool capped() const { return capped_; }
    // Tests only: with false, every pass runs on every sentence read, as if each pass gate (the
    // sentence holds none of the words the pass acts on) let it through. The output must not change.
    void set_pass_gates(bool on) { gates_ = on; }

    // Per-sentence working state (public so the implementation's helpers can name it).
    struct Hit {
        uint32_t begin = 0, end = 0;  // tokens of the kind phrase
        uint32_t np_begin = 0;        // first token of its noun phrase incl. modifier kind words ("Trainium revenue commitments")
        MetricKind kind = MetricKind::revenue;
        bool loss = false;
        bool forecast = false;
        bool modifier = false;        // followed by another kind word that heads the phrase
        bool per_share = false;       // a bare "per share" / "a share": the kind named before it decides
    };
    struct Fig {
        uint32_t q = 0;               // index into quantities
        uint32_t tb = 0, te = 0;      // tokens covered
        bool money = false;
        int metric = -1;              // index into out when it became a metric value
        // "$12.8 billion to $13.8 billion", "10% to 12%": two figures written as one range. The
        // first carries the high end (join_ranges), the second is no figure of its own.
        bool range_start = false, range_end = false;
        uint32_t high_q = 0;          // the quantity of the high end (range_start)
        // "increased by $5 million to $80 million": the first figure is the move, stated as an
        // amount, of the level that follows (moves.cpp); it is no metric of its own.
        bool amount = false;
        // "revenue and operating income of $3 billion and $1 billion, respectively": the kind
        // phrase (index into hits) the list gives this figure, -1 when none does.
        int32_t list_hit = -1;
        // A figure of a "respectively" list ("$3 billion, $2 billion and $1 billion in 2025, 2024
        // and 2023, respectively"): list_len figures (0: none), this one at list_pos; a list of as
        // many periods gives it the one at its position.
        uint8_t list_pos = 0, list_len = 0;
    };

    // What the metric word table knows of a token besides its flags (words::word_flags fills
    // both from one probe): the words some figures ask about, its kind and its role.
    struct TokenWord {
        uint32_t cues = 0;                      // words::Cue bits
        MetricKind kind = MetricKind::revenue;  // words::WordInfo::kind
        uint8_t role = 0;                       // words::Role
    };

private:
    std::vector<uint32_t> flags_;     // word flags per token of the current sentence
    std::vector<TokenWord> words_;    // the same tokens' cues, kinds and roles
    std::vector<Hit> hits_;
    std::vector<Fig> figs_;
    std::vector<uint32_t> clauses_;   // clause bounds and forecast cue counts per token of the sentence
    std::vector<Metric> merged_;      // a sentence's money and count metrics merged into figure order
    bool capped_ = false;
    bool gates_ = true;
};

}  // namespace herald::analysis
