// Sentiment beyond the sentences it was tuned on (issue 15), session 19: word senses that state
// no news (an approval still to come, a strategy named after growth, reporting speech) and the
// issue's vocabulary. Sentences are written for herald; each failed before unless marked as a
// reading that must not change.
#include <doctest/doctest.h>

#include "sentiment_support.hpp"

using namespace herald::analysis;
using testing::check_signs;

TEST_CASE("cause 3: an approval still to come is a condition, not news") {
    check_signs(Lexicon::rules_only(), {
        // Before: "approval" read as good news (+0.24).
        {"The sale is subject to approval by the competition authorities .", 0},
        {"The merger remains subject to regulatory approvals .", 0},
        {"The company has applied for approval to list its shares in Warsaw .", 0},
        {"The plan was submitted to the shareholders for approval .", 0},
        // Must not change: an approval given is good news.
        {"The regulator approved the merger .", +1},
        {"The drug won approval from the FDA .", +1},
    });
}

TEST_CASE("cause 3: a strategy named after growth reports no growth") {
    check_signs(Lexicon::rules_only(), {
        // Before: "growth" read as a rise (+0.28).
        {"The acquisition is part of the group 's growth strategy in Asia .", 0},
        {"Services are one of our strategic growth areas .", 0},
        // Must not change: growth reported.
        {"The company reported growth in net sales of 12 % .", +1},
    });
}

TEST_CASE("cause 3: \"adding that\" is reporting speech, no figure added") {
    testing::Sentiments s(Lexicon::rules_only());
    // Before: "adding" paired with the sales as a rise.
    CHECK(s.score("The company gave no forecast , adding that sales depend on the weather .") == 0.0);
    // Must not change: adding to a measure is a rise.
    CHECK(s.score("The new line is adding to sales .") > 0.1);
}

TEST_CASE("cause 7: beneficial") {
    check_signs(Lexicon::rules_only(), {
        {"The merger is beneficial for both companies .", +1},  // before: 0
    });
}
