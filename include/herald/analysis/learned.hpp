#pragma once
// The learned layer of the sentiment scorer: a linear model (multinomial logistic regression,
// neutral as the reference class) over the words and word pairs of a sentence, trained by
// bench/train-sentiment on the finance-news tweets the project may ship (MIT) and compiled in
// from data/lexicon/learned.tsv. The scorer asks it only about sentences the lexicon's rules
// leave silent (docs/sentiment.md, "The learned layer").
//
//   LearnedModel m;
//   m.parse(text, "learned.tsv");
//   LearnedModel::Logits z = m.logits(doc, sentence.first_token, sentence.last_token);
//
// Features: every token, lower-cased, and every pair of neighbouring tokens of the sentence.
// Figures read "#num", cashtags "#cashtag" ("$TSLA"), handles "#handle" ("@jess") and links
// "#url"; a hashtag is its word. The sentence's register, without letter case: "#colon", "#dash",
// "#noaux" (no auxiliary verb), "#leadtag" (a cashtag first). logits() neither allocates nor throws.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "herald/analysis/document.hpp"

namespace herald::analysis {

class LearnedModel {
public:
    // Scores against the neutral class (whose logit is 0).
    struct Logits {
        double positive = 0, negative = 0;
    };
    struct Contribution {
        std::string feature;
        double weight = 0;  // positive minus negative logit it adds
    };

    // Reads a weights file ("FILE" names it in errors): lines `feature<TAB>positive<TAB>negative`,
    // "# " comments, the bias as the feature "#bias", the rules' score as "#rules+" / "#rules-", and the
    // decision rule's offsets to the two logits as "#decision" (added to the bias: the trainer
    // chooses them for macro-F1, docs/sentiment.md). Throws std::runtime_error "FILE:LINE: message".
    void parse(std::string_view text, std::string_view file);
    bool empty() const { return weights_.empty(); }
    size_t feature_count() const { return weights_.size(); }

    // `rules` is the rules' score of the sentence, in (-1, 1): the features "#rules+" and
    // "#rules-" are its positive and negative parts.
    Logits logits(const Document& doc, uint32_t first, uint32_t last, double rules = 0) const;
    // Whether tokens [first, last) are microblog text the model was trained on: a cashtag, a
    // handle, a hashtag or a link. News sentences without them are left to the rules.
    static bool speaks_for(const Document& doc, uint32_t first, uint32_t last);
    // The features of tokens [first, last) with the largest weight toward `sign` (+1 positive,
    // -1 negative), at most `n`, strongest first. For explanations: allocates.
    void top_features(const Document& doc, uint32_t first, uint32_t last, int sign, size_t n,
                      std::vector<Contribution>& out) const;

private:
    struct Slot {
        uint64_t id = 0;  // 0: empty
        float positive = 0, negative = 0;
        uint32_t name = 0;  // index into names_
    };
    const Slot* find(uint64_t id) const;
    std::vector<Slot> slots_;
    std::vector<std::string> names_;
    std::vector<uint32_t> weights_;  // slot of every feature, in file order
    float bias_[2] = {0, 0}, rules_up_[2] = {0, 0}, rules_down_[2] = {0, 0};  // positive, negative
};

// The id of a feature name (a token's folded text, a "#..." class, or two of them joined by
// one space): the same as the scorer computes from the tokens.
uint64_t learned_feature_id(std::string_view name);

// The feature names of tokens [first, last), in order (unigrams and pairs, repeated as often as
// they occur): what the trainer counts. Allocates.
void learned_feature_names(const Document& doc, uint32_t first, uint32_t last, std::vector<std::string>& out);

}  // namespace herald::analysis
