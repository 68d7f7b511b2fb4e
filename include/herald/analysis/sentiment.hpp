#pragma once
// Finance sentiment: a graded lexicon composed with negation, intensity, contrast, hedges,
// expectations and the direction of financial quantities; scores per sentence, document and entity.
//
//   auto lexicon = herald::analysis::Lexicon::builtin();
//   herald::analysis::SentimentScorer scorer(lexicon);
//   scorer.score(doc, mentions, metrics, analysis);   // fills analysis.sentiment and analysis.entities
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "herald/analysis/analysis.hpp"
#include "herald/analysis/document.hpp"
#include "herald/analysis/entities.hpp"

namespace herald::analysis {

class EntitySentiment;
class SentenceComposer;

class Lexicon {
public:
    static std::shared_ptr<const Lexicon> builtin();
    // The built-in lexicon without the learned layer: the rules alone (to measure what it adds).
    static std::shared_ptr<const Lexicon> rules_only();
    // `base` (e.g. a lexicon with an extension file) without the learned layer.
    static std::shared_ptr<const Lexicon> rules_only(const Lexicon& base);
    // `base` with the learned layer read from `weights` (a file train-sentiment wrote; `file` names
    // it in errors) instead of the compiled-in one: to measure a model before shipping it.
    // Throws std::runtime_error "FILE:LINE: message".
    static std::shared_ptr<const Lexicon> with_learned(const Lexicon& base, std::string_view weights, std::string_view file);
    // Built-in lexicon extended/overridden by a file; throws std::runtime_error "FILE:LINE: message".
    static std::shared_ptr<const Lexicon> load(const std::string& extension_file);
    size_t term_count() const;  // single words and phrases with a role
    size_t learned_feature_count() const;  // features of the learned layer (0: rules only)
    struct Impl;
    const Impl& impl() const { return *impl_; }
    explicit Lexicon(std::unique_ptr<Impl> impl);
    ~Lexicon();

private:
    std::unique_ptr<Impl> impl_;
};

// Why a sentence scored what it did, for `herald analyze --explain`.
struct ExplainTerm {
    std::string term;  // the words as written
    double weight = 0.0;
    std::string rule;  // "lexicon", "negated", "intensified", "contrast", "direction: costs up" ...
};
struct ExplainSentence {
    Span span;
    double score = 0.0;
    std::vector<ExplainTerm> terms;
};
struct Explanation {
    std::vector<ExplainSentence> sentences;
    std::vector<RelevanceParts> relevance;  // per entity of the analysis, same order
    void clear() {
        sentences.clear();
        relevance.clear();
    }
};

class SentimentScorer {
public:
    explicit SentimentScorer(std::shared_ptr<const Lexicon> lexicon);
    ~SentimentScorer();
    // Sets out.sentiment and fills out.entities (one per company, with mentions and sentiment).
    void score(const Document& doc, const std::vector<Mention>& mentions, const std::vector<Metric>& metrics,
               Analysis& out, Explanation* explain = nullptr);

private:
    friend class EntitySentiment;  // indexes the tokens itself, then calls aggregate()
    void aggregate(const Document& doc, const std::vector<Mention>& mentions, const std::vector<Metric>& metrics,
                   Analysis& out, Explanation* explain);
    // Only the sentences' explanations (as aggregate's), on tokens already looked up.
    void explain_sentences(const Document& doc, const std::vector<Mention>& mentions,
                           const std::vector<Metric>& metrics, Explanation& explain);
    SentenceComposer& composer();
    std::shared_ptr<const Lexicon> lexicon_;
    struct Scratch;
    std::unique_ptr<Scratch> scratch_;
};

}  // namespace herald::analysis
