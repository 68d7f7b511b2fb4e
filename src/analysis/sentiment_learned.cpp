// The learned layer inside sentence composition: which documents it reads (short posts and
// headlines, not news prose) and how its probabilities replace the rules' evidence.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "sentiment_internal.hpp"

namespace herald::analysis {

namespace {

// A closing quote or bracket after the last full stop: "... the market we can address . ''".
bool is_closer(std::string_view p) {
    return p == "'" || p == "''" || p == "\"" || p == ")" || p == "\xE2\x80\x9D" || p == "\xE2\x80\x99";
}

}  // namespace

// A headline: no sentence of the document ends in a full stop. News prose ends its sentences
// with one; headlines and the posts that quote them do not ("Zenith rises after trial win",
// "GAMESTOP TUMBLES 15% AFTER MISSING 3Q COMP SALES ESTIMATE").
bool SentenceComposer::headline_shaped(const Document& doc) {
    for (const Sentence& s : doc.sentences) {
        uint32_t k = s.last_token;
        while (k > s.first_token && doc.tokens[k - 1].kind == TokenKind::punct && is_closer(doc.text(doc.tokens[k - 1]))) --k;
        if (k > s.first_token && doc.text(doc.tokens[k - 1]) == ".") return false;
    }
    return true;
}

// Whether the learned layer reads this document: at most kMicroblogBytes (articles are left to
// the rules), and a post (a cashtag, handle, hashtag or link: kPost) or a headline (kHeadline);
// 0 when not. The tweet-trained
// model does not carry to news prose (docs/sentiment.md, "The learned layer").
int SentenceComposer::reads_learned(const Document& doc) {
    if (microblog_ < 0) {
        size_t bytes = 0;
        for (Field f : kTextFields) bytes += doc.event().field(f).size();
        microblog_ = 0;
        if (bytes <= tuning::kMicroblogBytes)
            microblog_ = LearnedModel::speaks_for(doc, 0, static_cast<uint32_t>(doc.tokens.size())) ? kPost
                         : headline_shaped(doc)                                                    ? kHeadline
                                                                                                   : 0;
    }
    return microblog_;
}

// Where the layer reads (reads_learned), it decides, with the rules' score of the sentence as
// one of its features: kLearned x (p(positive) - p(negative)) unless neutral has the majority,
// else 0. Elsewhere the rules' raw evidence is returned as it is.
double SentenceComposer::learned(const Document& doc, const Sentence& s, double raw, ExplainSentence* ex) {
    lean_ = 0;
    if (!lex_.use_learned || lex_.learned.empty() || s.last_token <= s.first_token) return raw;
    const int reads = reads_learned(doc);
    // In a headline the layer speaks where the rules found nothing; where they found good news
    // it may only call it neutral, only when sure and in a short sentence (kHeadlineNeutral,
    // kHeadlineTokens: a longer one is prose that lacks its full stop). Left to itself
    // it overrules clear tone the tweets' annotators called neutral ("Hooli wins $2 billion
    // Pentagon contract", "The company defaulted on its bonds"), which news headlines are scored
    // by (docs/sentiment.md). Bad news it may call neutral in a short sentence too, when at least
    // 80 % sure (kHeadlineBadNeutral, session 20: chosen on the tweets' folds, no herald headline
    // moves). A short headline sentence of tone words alone (no figure, move,
    // comparison or deal: words_only_) it may call neutral either way when sure
    // (kHeadlineWordsNeutral): the tweets' annotators call half of those neutral, against one in
    // eight where a move or a figure is reported.
    const bool words = reads == kHeadline && words_only_ && s.last_token - s.first_token <= tuning::kHeadlineTokens;
    if (reads == 0) return raw;
    const double rules = squash(raw);
    const LearnedModel::Logits z = lex_.learned.logits(doc, s.first_token, s.last_token, rules);
    const double top = std::max({0.0, z.positive, z.negative});
    const double neutral = std::exp(-top), pos = std::exp(z.positive - top), neg = std::exp(z.negative - top);
    const double sum = neutral + pos + neg;
    // Neutral only as the majority: on the trainer's validation fifth as accurate as the most
    // likely class (0.834 / 0.832), and a post with mixed tone keeps the side that leads.
    const int sign = neutral >= 0.5 * sum ? 0 : pos > neg ? 1 : -1;
    if (reads == kHeadline && raw != 0 &&
        (words ? neutral < tuning::kHeadlineWordsNeutral * sum
               : neutral < (raw < 0 ? tuning::kHeadlineBadNeutral : tuning::kHeadlineNeutral) * sum ||
                     s.last_token - s.first_token > tuning::kHeadlineTokens))
        return raw;
    const double w = sign == 0 ? 0.0 : tuning::kLearned * (pos - neg) / sum;
    // Neutral still leans one way: kept apart, for a document with no other evidence.
    if (sign == 0) lean_ = (pos - neg) / sum;
    // The clauses keep their shares of the evidence (companies in different clauses). Terms of
    // both signs ("$NVDA hit a high while $INTC sank") may be companies of different fates, which
    // the layer's one tone for the post cannot tell apart (its net cancels them): they keep the
    // rules' weights (scaled by w / raw, below 0, both had turned, or near 0, both vanished).
    if (raw != 0) {
        bool up = false, down = false;
        for (const Contribution& c : contributions_) (c.weight > 0 ? up : down) = true;
        const double scale = up && down ? 1.0 : w / raw;
        for (double& c : clause_raw_) c *= scale;
        for (Contribution& c : contributions_) c.weight *= scale;
    } else
        clause_raw_[0] = w;
    if (ex && (w != raw || lean_ != 0)) explain_learned(doc, s, sign, (sign > 0 ? pos : sign < 0 ? neg : neutral) / sum, rules, w - raw, *ex);
    return w;
}

void SentenceComposer::explain_learned(const Document& doc, const Sentence& s, int sign, double p, double rules,
                                       double w, ExplainSentence& ex) const {
    std::vector<LearnedModel::Contribution> top;
    if (sign != 0) lex_.learned.top_features(doc, s.first_token, s.last_token, sign, 3, top);
    ExplainTerm term;
    term.weight = std::round(w * 1e4) / 1e4;
    char buf[64];
    std::snprintf(buf, sizeof buf, "learned: p(%s) %.2f, rules %+.2f", sign > 0 ? "positive" : sign < 0 ? "negative" : "neutral",
                  p, rules);
    term.rule = buf;
    if (lean_ != 0) {
        std::snprintf(buf, sizeof buf, ", lean %+.2f", lean_);
        term.rule += buf;
    }
    for (const auto& c : top) {
        if (!term.term.empty()) term.term += ", ";
        term.term += c.feature;
        std::snprintf(buf, sizeof buf, "; %s %+.2f", c.feature.c_str(), c.weight);
        term.rule += buf;
    }
    if (term.term.empty()) term.term = "(learned layer)";
    ex.terms.push_back(std::move(term));
}

}  // namespace herald::analysis
