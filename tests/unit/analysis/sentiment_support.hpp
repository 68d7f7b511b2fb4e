#pragma once
// Test support: one text through the built-in alias table and a sentiment scorer, as the
// analyzer runs them, and the lookups the sentiment tests make on what comes out.
#include <doctest/doctest.h>

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "herald/analysis/document.hpp"
#include "herald/analysis/entities.hpp"
#include "herald/analysis/sentiment.hpp"

namespace herald::analysis::testing {

// The entity of `ticker` in `a`, or null.
inline const EntityResult* entity(const Analysis& a, std::string_view ticker) {
    for (const auto& e : a.entities)
        if (e.ticker == ticker) return &e;
    return nullptr;
}

struct Sentiments {
    Event event;
    std::string storage[4];  // headline, summary, body, text: the event's fields view them
    Document doc;
    std::vector<Mention> mentions;
    std::vector<Metric> metrics;  // none unless a test puts some in
    Analysis out;
    Explanation explanation;
    EntityFinder finder{AliasTable::builtin()};
    SentimentScorer scorer;

    explicit Sentiments(std::shared_ptr<const Lexicon> lexicon = Lexicon::builtin()) : scorer(std::move(lexicon)) {}

    // An event of three fields.
    const Analysis& run(std::string headline, std::string summary, std::string body, bool explain = false) {
        storage[0] = std::move(headline);
        storage[1] = std::move(summary);
        storage[2] = std::move(body);
        event.clear();
        event.headline = storage[0];
        event.summary = storage[1];
        event.body = storage[2];
        return analyse(explain);
    }
    // An event of one text, with the companies the source tagged it with.
    const Analysis& run(std::string text, std::vector<EntityHint> entities = {}) {
        storage[3] = std::move(text);
        event.clear();
        event.text = storage[3];
        event.entities = std::move(entities);
        return analyse();
    }
    // Scores `event` as it stands.
    const Analysis& analyse(bool explain = false) {
        out.clear();
        mentions.clear();
        explanation.clear();
        doc.build(event);
        finder.find(doc, mentions);
        scorer.score(doc, mentions, metrics, out, explain ? &explanation : nullptr);
        return out;
    }
    double score(std::string text) { return run(std::move(text)).sentiment.score; }
    // The score of the company `ticker` in `text`; fails the test when it is not found.
    double company_sentiment(std::string text, std::string_view ticker) {
        const EntityResult* e = entity(run(std::move(text)), ticker);
        if (e) return e->sentiment.score;
        FAIL("no entity ", ticker, " in: ", storage[3]);
        return 0;
    }
};

// Texts and the sign their score must have (+1, -1, 0 for exactly 0), scored by `lexicon`.
inline void check_signs(const std::shared_ptr<const Lexicon>& lexicon,
                        std::initializer_list<std::pair<const char*, int>> cases) {
    Sentiments s(lexicon);
    for (const auto& c : cases) {  // not a structured binding: CAPTURE's lambda cannot take one before clang 16
        const char* const text = c.first;
        const int sign = c.second;
        CAPTURE(text);
        const double v = s.score(text);
        if (sign > 0) CHECK(v > 0.1);
        else if (sign < 0) CHECK(v < -0.1);
        else CHECK(v == 0.0);
    }
}

}  // namespace herald::analysis::testing
