// Analyzer::explain_sentiment (the sentiment terms of alerts, app::SentimentTerms) gives the
// sentences' explanations analyze() gives, without the rest of the analysis.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "herald/analysis/analyzer.hpp"

namespace herald::analysis {
namespace {

struct Text {
    std::string headline, summary, body;
};

Event event_of(const Text& t) {
    Event e;
    e.headline = t.headline;
    e.summary = t.summary;
    e.body = t.body;
    return e;
}

std::vector<Text> sample_texts() {
    return {
        {"Nvidia shares jump 8% after record data-center revenue",
         "Nvidia (NVDA) beat estimates; AMD fell 4% on weak guidance.",
         "Revenue rose 22% to $35.1 billion. Costs rose sharply, but margins were not hurt. The outlook was "
         "raised."},
        {"Boeing cuts delivery forecast", "Boeing did not meet expectations and shares slid.",
         "Net loss widened to $1.2 billion from $0.8 billion. Analysts were very disappointed."},
        {"Markets steady", "", "No news today."},
        // Terms from the direction words, then from the extracted metrics alone.
        {"Acme costs rose 12% to $4.1 billion",
         "Acme Corp (ACME) said operating expenses increased 9% to $2.0 billion while revenue declined 3%.", ""},
        {"Acme results", "Acme revenue was $5.0 billion versus $3.2 billion a year earlier.", ""},
        {"$TSLA ripping today, great quarter", "", ""},
    };
}

void check_same(const Explanation& want, const Explanation& got) {
    REQUIRE(got.sentences.size() == want.sentences.size());
    CHECK(got.relevance.empty());
    for (size_t i = 0; i < want.sentences.size(); ++i) {
        const ExplainSentence& a = want.sentences[i];
        const ExplainSentence& b = got.sentences[i];
        CHECK(b.span.field == a.span.field);
        CHECK(b.span.begin == a.span.begin);
        CHECK(b.span.end == a.span.end);
        CHECK(b.score == a.score);
        REQUIRE(b.terms.size() == a.terms.size());
        for (size_t k = 0; k < a.terms.size(); ++k) {
            CHECK(b.terms[k].term == a.terms[k].term);
            CHECK(b.terms[k].weight == a.terms[k].weight);
            CHECK(b.terms[k].rule == a.terms[k].rule);
        }
    }
}

}  // namespace

// explain_analysed_sentiment is the live path (app::EventProcessor, herald run): an alert's terms
// from the analysis that raised it, its document and lookups scored again.
TEST_CASE("explain_sentiment and explain_analysed_sentiment: the same sentences, terms, weights and rules as analyze() with an explanation") {
    const std::vector<Text> texts = sample_texts();
    Analyzer live(Resources::builtin());
    Analyzer terms(Resources::builtin());
    Analyzer analysed(Resources::builtin());
    Analysis out, scratch, analysed_out;
    Explanation want, got;
    size_t with_terms = 0, with_direction = 0, with_metric = 0;
    for (const Text& t : texts) {
        const Event e = event_of(t);
        live.analyze(e, out, &want);
        terms.explain_sentiment(e, scratch, got);
        check_same(want, got);
        analysed.analyze(e, analysed_out);
        analysed.explain_analysed_sentiment(analysed_out, got);
        check_same(want, got);
        analysed.explain_analysed_sentiment(analysed_out, got);  // asked again (shadow rules): the same
        check_same(want, got);
        for (const ExplainSentence& s : want.sentences) {
            with_terms += !s.terms.empty();
            for (const ExplainTerm& term : s.terms) {
                with_direction += term.rule.rfind("direction", 0) == 0;
                with_metric += term.rule.rfind("metric", 0) == 0;
            }
        }
        // The same analyzer after a whole analysis of another event: its lookups are redone.
        terms.analyze(event_of(texts[0]), out);
        terms.explain_sentiment(e, scratch, got);
        check_same(want, got);
    }
    CHECK(with_terms >= 4);  // the texts do carry sentiment terms
    CHECK(with_direction >= 2);
    CHECK(with_metric >= 1);  // a direction only the extracted metrics give
}

}  // namespace herald::analysis
