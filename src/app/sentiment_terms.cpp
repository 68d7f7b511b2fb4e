#include "herald/app/sentiment_terms.hpp"

#include <algorithm>
#include <cmath>

namespace herald::app {

void SentimentTerms::attach(const analysis::Event& event, std::vector<rules::Alert>& alerts, const Analysed& analysed) {
    if (std::none_of(alerts.begin(), alerts.end(), [](const rules::Alert& a) { return a.explanation.sentiment; })) return;
    // Only the sentences' terms: scores, relevance and event types are the live analysis'.
    const analysis::Explanation* explained = analysed.explanation;
    if (!explained) {
        if (analysed.analyzer && analysed.analysis)
            analysed.analyzer->explain_analysed_sentiment(*analysed.analysis, explanation_);
        else
            analyzer_.explain_sentiment(event, analysis_, explanation_);
        explained = &explanation_;
    }
    // The candidates by reference: only the kMaxTerms kept are copied out (their strings).
    candidates_.clear();
    for (const analysis::ExplainSentence& s : explained->sentences) {
        std::string_view text = event.field(s.span.field);
        if (s.span.end > text.size() || s.span.begin > s.span.end) continue;
        std::string_view sentence = text.substr(s.span.begin, s.span.end - s.span.begin);
        for (const analysis::ExplainTerm& t : s.terms) {
            if (t.weight == 0.0) continue;
            // The term as written in its sentence; the sentence when it is not found verbatim.
            size_t at = t.term.empty() ? std::string_view::npos : sentence.find(t.term);
            candidates_.push_back(
                {&t, at == std::string_view::npos
                         ? s.span
                         : analysis::Span{s.span.field, static_cast<uint32_t>(s.span.begin + at),
                                          static_cast<uint32_t>(s.span.begin + at + t.term.size())}});
        }
    }
    // The heaviest terms, then in text order.
    std::stable_sort(candidates_.begin(), candidates_.end(),
                     [](const auto& a, const auto& b) { return std::fabs(a.term->weight) > std::fabs(b.term->weight); });
    if (candidates_.size() > kMaxTerms) candidates_.resize(kMaxTerms);
    std::stable_sort(candidates_.begin(), candidates_.end(), [](const auto& a, const auto& b) {
        return a.span.field != b.span.field ? a.span.field < b.span.field : a.span.begin < b.span.begin;
    });
    terms_.clear();
    for (const Candidate& c : candidates_) {
        rules::Alert::Explanation::Term& out = terms_.emplace_back();
        out.term = c.term->term;
        out.weight = c.term->weight;
        out.rule = c.term->rule;
        out.span = c.span;
    }
    for (rules::Alert& a : alerts)
        if (a.explanation.sentiment) a.explanation.terms = terms_;
}

}  // namespace herald::app
