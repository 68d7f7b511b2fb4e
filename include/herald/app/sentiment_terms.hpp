#pragma once
// The sentiment terms behind alerts whose condition read a sentiment score or label (docs/rules.md,
// "Explanations"): the event's sentences with their terms, only when such an alert fired (a cold
// path: alerts allocate anyway), and the terms that weighed most, with their spans, go into each
// such alert. Deterministic in the text, so live, offline and replay agree. The sentences come
// from what the event's analysis left, cheapest first: its explanation when it was analysed with
// one; else the analyzer that analysed it, if it analysed nothing since (its sentences scored
// again from its document, Analyzer::explain_analysed_sentiment); else the event analysed again
// (Analyzer::explain_sentiment: no entity scores, relevance or event types).
//
//   SentimentTerms terms(resources);
//   terms.attach(event, alerts);                    // before group_alerts
//   terms.attach(event, alerts, {nullptr, &analyzer, &analysis});
#include <vector>

#include "herald/analysis/analyzer.hpp"
#include "herald/rules/alert.hpp"

namespace herald::app {

// What an event's analysis left for its alerts' terms (each may be null).
struct AnalysedEvent {
    const analysis::Explanation* explanation = nullptr;  // the analysis' own, with its sentences
    analysis::Analyzer* analyzer = nullptr;  // the one that analysed the event last, into `analysis`
    const analysis::Analysis* analysis = nullptr;
};

class SentimentTerms {
public:
    static constexpr size_t kMaxTerms = 8;
    using Analysed = AnalysedEvent;
    explicit SentimentTerms(const analysis::Resources& resources) : analyzer_(resources) {}
    void attach(const analysis::Event& event, std::vector<rules::Alert>& alerts, const Analysed& analysed = {});

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
