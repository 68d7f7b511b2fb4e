#pragma once
// Shared between the sentence composer and the document/entity aggregation of SentimentScorer.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "herald/analysis/sentiment.hpp"
#include "lexicon_impl.hpp"

namespace herald::analysis {

// The clause of a sentence holding `token`: how many of the ascending clause starts
// `starts[1..n)` are at or before it (starts[0] is the sentence's first token). A sentence has a
// few clauses: they are counted without a branch (a binary search mispredicts about every other
// step); a hostile sentence of thousands of clauses is searched.
inline size_t clause_holding(const uint32_t* starts, size_t n, uint32_t token) {
    if (n > 16) return static_cast<size_t>(std::upper_bound(starts + 1, starts + n, token) - starts - 1);
    size_t c = 0;
    for (size_t k = 1; k < n; ++k) c += starts[k] <= token;
    return c;
}
// The same over a fixed kClausePad starts, for starts followed by at least kClausePad readable
// values above every token of the sentence (the next sentences' clause starts, then sentinels):
// no loop bound that depends on the sentence, so no exit to mispredict and no vector tail.
inline constexpr size_t kClausePad = 16;
inline size_t clause_holding_padded(const uint32_t* starts, size_t n, uint32_t token) {
    if (n > kClausePad) return clause_holding(starts, n, token);
    size_t c = 0;
    for (size_t k = 1; k < kClausePad; ++k) c += starts[k] <= token;
    return c < n ? c : n - 1;  // a token past the sentence: its last clause, as clause_holding
}

// Tuning constants of composition, named so docs/sentiment.md can explain them.
// A figure for sentiment: a number token that is not a year ("the first nine months of 2008"),
// or a spelled-out number ("grew four percent").
bool sentiment_figure(const Document& doc, uint32_t k);

namespace tuning {
inline constexpr float kNegation = -0.6f;        // "not strong": flipped and weakened
inline constexpr float kBeforeBut = 0.5f;        // clauses before "but"/"however"
inline constexpr float kAfterBut = 1.2f;         // and after it: the point the writer makes
inline constexpr float kConcessive = 0.4f;       // the clause of "although"/"despite"
inline constexpr float kDirection = 0.6f;        // a good/bad measure moving up/down
inline constexpr float kImpliedDirection = 0.45f;  // direction implied by "X compared with Y" figures
inline constexpr float kMetricDirection = 0.5f;  // direction reported by the metric extractor
inline constexpr float kExpectation = 0.6f;      // above/below expectations
inline constexpr float kDeal = 0.25f;            // an award verb with a contract/order after it
inline constexpr int kDealReach = 6;             // tokens between them
inline constexpr double kQuestion = 0.1;          // a sentence ending in "?" asserts (almost) nothing
inline constexpr int kNegationReach = 3;         // tokens after a negator it still flips
inline constexpr int kMeasureBefore = 9;         // "net sales for the first quarter were lower": up to 9 tokens before (a possessive is two: "group 's")
inline constexpr int kAppositiveReach = 20;      // "net sales of EUR 41.8 mn in 2007 , an increase of 11 %"
inline constexpr float kUnpairedDirection = 0.3f;  // a direction with no measure in reach ...
inline constexpr uint32_t kUnpairedFigureReach = 4;  // ... counts only with a figure this close after
inline constexpr int kOwnerWords = 5;           // "increase the company 's net sales": the owner before a possessive, not counted in kMeasureAfter
inline constexpr int kMeasureAfter = 4;          // "an increase in net sales": measure up to 4 tokens after
inline constexpr double kDeadZone = 0.0;         // |raw| below this is neutral
inline constexpr double kSentenceSoftness = 0.3; // raw / sqrt(raw^2 + k): saturates the sentence sum
inline constexpr double kHeadlineWeight = 2.0, kSummaryWeight = 2.0, kBodyWeight = 1.0;
inline constexpr double kLearned = 0.3;          // the learned layer's (p(pos) - p(neg)) in microblog text
// A document the layer reads and calls neutral wherever it spoke, with no other evidence, keeps
// the layer's lean: kLean x the mean (p(pos) - p(neg)) of those sentences, |score| < 0.075, so
// its label stays neutral while its sign says which way the text leans (docs/sentiment.md).
inline constexpr double kLean = 0.15;
// In a headline the rules read as good news, the layer's neutral overrules them only when it is
// this sure: routine business news ("inks deal with", "launches") that headline and tweet
// annotators call neutral; below it the rules keep their score (session 14).
inline constexpr double kHeadlineNeutral = 0.9;
inline constexpr uint32_t kHeadlineTokens = 20;  // ... in a sentence of at most this many tokens
// ... and bad news when it is this sure (session 20; before, never): chosen on the tweets' five
// folds (0.7-0.8 a plateau, +10 tweets of 7,170; 0.6 costs herald headlines).
inline constexpr double kHeadlineBadNeutral = 0.8;
// ... and in a headline sentence of tone words alone (no figure, move, comparison or deal
// reported: "Management struck a cautious tone"), good or bad, when it is this sure (session 16).
inline constexpr double kHeadlineWordsNeutral = 0.85;
inline constexpr size_t kMicroblogBytes = 512;   // a document this short with a cashtag/handle/link, or a headline, is read by the learned layer
inline constexpr double kDocumentGain = 0.7;     // tanh(gain * sum(w s) / sqrt(sum w)): document saturation
}  // namespace tuning

// Punctuation that ends a clause: negation and pairing do not reach across it.
inline constexpr auto kClauseBreakByte = [] {
    std::array<bool, 256> b{};
    for (unsigned char c : {',', ';', ':', '(', ')', '-'}) b[c] = true;
    return b;
}();
inline bool is_clause_break(std::string_view p) {
    if (p.size() == 1) return kClauseBreakByte[static_cast<unsigned char>(p[0])];
    return p == "\xE2\x80\x93" || p == "\xE2\x80\x94";  // – —
}

// "$COST", "#Stock", "@Jess": a cashtag, hashtag or handle names a ticker, a topic or an
// account; its word is no lexicon term ("$COST" is Costco, not a cost). Asked only of terms
// written against the token before them, so the common token pays nothing.
inline bool is_tag(const Document& doc, size_t i) {
    if (i == 0) return false;
    const Token& p = doc.tokens[i - 1];
    if (p.kind != TokenKind::symbol || p.end != doc.tokens[i].begin || p.field != doc.tokens[i].field) return false;
    const char c = doc.text(p)[0];
    return c == '$' || c == '#' || c == '@';
}

// Scores one sentence; appends to `explain` (may be null) the terms that moved it.
class SentenceComposer {
public:
    explicit SentenceComposer(const Lexicon::Impl& lex) : lex_(lex) {}
    // Looks every token up once per document.
    void index(const Document& doc);
    // The same from a joint pass over the tokens (EntitySentiment): fill ids(n) with each token's
    // lexicon id and marks(n) with the tokens visits() accepts, then call indexed(count).
    uint32_t* ids(size_t n) {
        ids_.resize(n);
        return ids_.data();
    }
    uint32_t* marks(size_t n) {
        marks_.resize(n);  // at most one mark per token: written through a pointer, trimmed after
        return marks_.data();
    }
    void indexed(size_t mark_count);
    // What score() has to visit: terms (`id` the token's lexicon id) and clause breaks.
    // `active` is the lexicon's word_active.data(), fetched once by the caller's token loop.
    [[gnu::always_inline]] static bool visits(const uint8_t* active, std::string_view field, const Token& t, uint32_t id) {
        if (t.kind == TokenKind::word) return active[id + 1] != 0;  // kNoWord reads [0]
        if (t.kind == TokenKind::symbol) return field[t.begin] == '+';  // a sign ("+12 %"), sentiment_signed.cpp
        // A hyphen breaks a clause only when spaced (" - "), not inside "12-month".
        return t.kind == TokenKind::punct && is_clause_break(field.substr(t.begin, t.end - t.begin)) &&
               (field[t.begin] != '-' || t.space_before);
    }
    // `metrics` are those of the whole event; the ones inside the sentence add their direction.
    double score(const Document& doc, const Sentence& s, const std::vector<Metric>& metrics, ExplainSentence* explain);
    // The company mentions of the document being scored (sorted by token), or null: the words of
    // a name are no terms ("Best Buy", "Target", "General Motors").
    void set_mentions(const std::vector<Mention>* mentions) {
        mentions_ = mentions;
        mention_cursor_ = 0;
        microblog_ = -1;  // a new document
    }
    // The clauses of the sentence last scored: first token and summed evidence of each, so two
    // companies in one sentence ("Nvidia jumped, while AMD fell") can each get their own part.
    size_t clause_count() const { return clause_first_.size(); }
    uint32_t clause_first(size_t c) const { return clause_first_[c]; }
    double clause_raw(size_t c) const { return clause_raw_[c]; }
    // Each term's part of the sentence last scored (tokens [begin, end), signed weight): which
    // company a term is about is decided by where it stands (entity_attribution.cpp).
    struct Contribution {
        uint32_t begin = 0, end = 0;  // the term's anchor token and the end of its span
        double weight = 0;
        bool comparator = false;  // "beat", "outpacing": said of a company after it, that one lost
        bool object = false;      // "dragging down", "weighed on": about the company named after it
    };
    const std::vector<Contribution>& contributions() const { return contributions_; }
    // Summed evidence to a score in (-1, 1), as for a whole sentence.
    static double squash(double raw);
    // Where the learned layer read the sentence last scored and called it neutral: its
    // p(positive) - p(negative), in (-0.5, 0.5); else 0. No tone, only a lean.
    double lean() const { return lean_; }

private:
    friend struct ComposerGateAccess;  // composer_gates_test: the ungated marks
    struct Item {
        uint32_t begin = 0, end = 0;  // tokens [begin, end)
        const TermRoles* roles = nullptr;
        uint16_t clause = 0;
        bool used = false;  // consumed by a pairing: its own valence no longer counts
    };
    // What a sentence's terms hold: the passes of score() with nothing to pair are skipped (most
    // sentences have no comparator, no deal and no direction, and a skipped loop mispredicts nothing).
    struct Found {
        int but_clause = -1;  // the clause a "but" opens
        bool comparator = false, deal = false, direction_word = false, measure = false, hedge = false,
             inverter = false;
    };
    // The measure item a direction describes and a neutral measure in reach (items_.size(): none).
    struct Pairing {
        size_t measure, neutral;
    };
    // The passes of score(), in order (sentiment_compose.cpp).
    size_t first_mark(const Sentence& s) const;
    Found read_terms(const Document& doc, const Sentence& s, size_t mk);
    const TermRoles* term_at(uint32_t t, uint32_t last_token, uint32_t& len) const;
    void open_clause(uint16_t& clause, uint32_t first);
    void weigh_clauses(const Found& found);
    bool expectations(double& raw, const Document& doc, ExplainSentence* ex);
    void new_business(double& raw, const Document& doc, ExplainSentence* ex);
    bool directions(double& raw, const Document& doc, const Sentence& s, ExplainSentence* ex);
    Pairing pair_direction(const Document& doc, size_t i) const;
    static uint32_t after_possessive(const Document& doc, uint32_t from, uint32_t to);
    bool unpaired_direction(double& raw, const Document& doc, const Sentence& s, size_t i, ExplainSentence* ex);
    void paired_direction(double& raw, const Document& doc, const Sentence& s, size_t i, size_t best, ExplainSentence* ex);
    bool paid_for(const Document& doc, const Sentence& s, uint32_t settlement) const;
    bool metric_directions(double& raw, const Document& doc, const Sentence& s, const std::vector<Metric>& metrics,
                           ExplainSentence* ex);
    void implied_direction_of_measures(double& raw, const Document& doc, const Sentence& s, ExplainSentence* ex);
    void valences(double& raw, const Document& doc, ExplainSentence* ex);
    double finish(const Sentence& s, double raw, ExplainSentence* ex);
    float modifier_before(size_t i) const;
    float modifier_after(size_t i) const;
    bool negated(size_t i) const;
    int implied_direction(const Document& doc, const Sentence& s, uint32_t after_token, int measure,
                          uint32_t& prior_state) const;
    // Token k marks a prior or expected figure ("compared with", "consensus", "(").
    bool prior_marker(const Document& doc, uint32_t k) const;
    // Some token of sentence s from `from` on is a prior_marker.
    bool prior_marker_in(const Document& doc, const Sentence& s, uint32_t from) const;
    int state_before(uint32_t after, uint32_t measure) const;
    bool starts_from(size_t i) const;
    bool quoted_rating(const Document& doc, const Sentence& s, uint32_t t, uint32_t len) const;
    static bool puts_word(std::string_view w);
    const TermRoles* put_position(const TermRoles& position);
    bool names_subject(const Document& doc, const Sentence& s, uint32_t move) const;
    bool in_name(const Document& doc, uint32_t token);
    bool name_ends_at(const Mention& m, uint32_t to) const;
    // Whether a measure and a direction after it each follow their own company's name ("Intel's
    // loss is TSMC's gain"): then they are no pair.
    bool names_apart(uint32_t measure, uint32_t measure_end, uint32_t direction) const;
    bool names_between(uint32_t from, uint32_t to) const;
    // The learned layer (sentiment_learned.cpp): whether it reads the document, and its verdict.
    static constexpr int kPost = 1, kHeadline = 2;
    int reads_learned(const Document& doc);
    static bool headline_shaped(const Document& doc);
    double learned(const Document& doc, const Sentence& s, double raw, ExplainSentence* ex);
    // "+12 %", "-0.8%": signs as directions (sentiment_signed.cpp). note_sign() takes a marked
    // "+", "-" or "(" (whose next token may be the sign); signed_figures() reads the signs noted
    // in the sentence and says whether any counted.
    void note_sign(const Document& doc, const Sentence& s, uint32_t t);
    bool signed_figures(double& raw, const Document& doc, ExplainSentence* ex);
    void explain_learned(const Document& doc, const Sentence& s, int sign, double p, double rules, double w,
                         ExplainSentence& ex) const;
    // `anchor`: the token the term's company is looked for from (default it.begin): a paired
    // direction's own, not its measure's ("loss is TSMC's gain": "gain" is TSMC's).
    void add(double& raw, const Document& doc, const Item& it, double w, std::string_view rule, ExplainSentence* ex,
             uint32_t anchor = UINT32_MAX);

    const Lexicon::Impl& lex_;
    std::vector<uint32_t> ids_;    // lexicon word id of every token
    std::vector<uint32_t> marks_;  // tokens score() visits: active terms and clause breaks, in order
    size_t mark_cursor_ = 0;       // first mark not yet read by score(): sentences come in order
    std::vector<Item> items_;
    std::vector<float> clause_weight_;
    const std::vector<Mention>* mentions_ = nullptr;
    size_t mention_cursor_ = 0;  // first mention that may still cover a later token
    double lean_ = 0;     // lean() of the sentence last scored
    bool words_only_ = true;  // the sentence last scored holds tone words only (score(), learned())
    int microblog_ = -1;  // kPost, kHeadline or 0: what the learned layer reads the document as (-1: not looked yet)
    TermRoles put_positions_[2];  // positions in puts, their valence inverted (put_position())
    std::vector<uint8_t> clause_inverted_;  // a short position in the clause: the rest reads inverted
    std::vector<uint32_t> signs_;  // signed percentages of the sentence: their sign tokens
    std::vector<uint32_t> clause_first_;
    std::vector<double> clause_raw_;
    std::vector<Contribution> contributions_;
    const Document* scored_doc_ = nullptr;  // the document score() is reading
};

}  // namespace herald::analysis
