#include "herald/app/sentiment_terms.hpp"

#include <algorithm>
#include <cmath>

namespace herald::app {

void SentimentTerms::attach(const analysis::Event& event, std::vector<rules::Alert>& alerts) {
    if (std::none_of(alerts.begin(), alerts.end(), [](const rules::Alert& a) { return a.explanation.sentiment; })) return;
    // Only the sentences' terms: scores, relevance and event types are the live analysis'.
    analyzer_.explain_sentiment(event, analysis_, explanation_);
    terms_.clear();
    for (const analysis::ExplainSentence& s : explanation_.sentences) {
        std::string_view text = event.field(s.span.field);
        if (s.span.end > text.size() || s.span.begin > s.span.end) continue;
        std::string_view sentence = text.substr(s.span.begin, s.span.end - s.span.begin);
        for (const analysis::ExplainTerm& t : s.terms) {
            if (t.weight == 0.0) continue;
            rules::Alert::Explanation::Term& out = terms_.emplace_back();
            out.term = t.term;
            out.weight = t.weight;
            out.rule = t.rule;
            // The term as written in its sentence; the sentence when it is not found verbatim.
            size_t at = t.term.empty() ? std::string_view::npos : sentence.find(t.term);
            out.span = at == std::string_view::npos
                           ? s.span
                           : analysis::Span{s.span.field, static_cast<uint32_t>(s.span.begin + at),
                                            static_cast<uint32_t>(s.span.begin + at + t.term.size())};
        }
    }
    // The heaviest terms, then in text order.
    std::stable_sort(terms_.begin(), terms_.end(),
                     [](const auto& a, const auto& b) { return std::fabs(a.weight) > std::fabs(b.weight); });
    if (terms_.size() > kMaxTerms) terms_.resize(kMaxTerms);
    std::stable_sort(terms_.begin(), terms_.end(), [](const auto& a, const auto& b) {
        return a.span.field != b.span.field ? a.span.field < b.span.field : a.span.begin < b.span.begin;
    });
    for (rules::Alert& a : alerts)
        if (a.explanation.sentiment) a.explanation.terms = terms_;
}

}  // namespace herald::app
