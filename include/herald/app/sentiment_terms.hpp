#pragma once
// The sentiment terms behind alerts whose condition read a sentiment score or label (docs/rules.md,
// "Explanations"): the event's sentences are scored once more with their terms recorded
// (Analyzer::explain_sentiment: no entity scores, relevance or event types), only when such an
// alert fired (a cold path: alerts allocate anyway), and the terms that weighed most, with their
// spans, go into each such alert. Deterministic in the text, so live, offline and replay agree.
//
//   SentimentTerms terms(resources);
//   terms.attach(event, alerts);   // before group_alerts
#include <vector>

#include "herald/analysis/analyzer.hpp"
#include "herald/rules/alert.hpp"

namespace herald::app {

class SentimentTerms {
public:
    static constexpr size_t kMaxTerms = 8;
    explicit SentimentTerms(const analysis::Resources& resources) : analyzer_(resources) {}
    void attach(const analysis::Event& event, std::vector<rules::Alert>& alerts);

private:
    analysis::Analyzer analyzer_;
    analysis::Analysis analysis_;
    analysis::Explanation explanation_;
    struct Candidate {
        const analysis::ExplainTerm* term;  // in explanation_
        analysis::Span span;
    };
    std::vector<Candidate> candidates_;
    std::vector<rules::Alert::Explanation::Term> terms_;
};

}  // namespace herald::app
