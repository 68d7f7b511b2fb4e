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

TEST_CASE("cause 4: a comparator before the level of an earlier year compares with it") {
    check_signs(Lexicon::rules_only(), {
        // Before: 0 ("level" was no earlier period; "last year 's level" was).
        {"The company expects net sales for 2011 to remain below the 2010 level .", -1},
        {"Order intake was clearly above the 2009 level .", +1},
        // Must not change: a level reached is no comparison.
        {"The share price fell to its lowest level in five years .", -1},
        {"Net sales were at the same level as a year earlier .", 0},
    });
}

TEST_CASE("cause 3: tanks that are no fall, a closing that is no closure, costs recovered") {
    check_signs(Lexicon::rules_only(), {
        // Before: "tanks" read as a move down of the volume (-0.52), a think tank as a fall.
        {"The company will deliver six storage tanks with a total volume of 20,000 cubic metres .", 0},
        {"Think Tanks Publish Study On Tariffs", 0},
        // Before: "closure" read as a shutdown (-0.36).
        {"The price will be paid in cash upon the closure of the transaction .", 0},
        // Before: "recover" read as the costs rising (-0.47).
        {"The insurer will try to recover the costs from the contractor .", 0},
        // Must not change: a stock that tanks, a plant's closure, a recovery of sales.
        {"Globex shares tanks after the warning .", -1},
        {"The closure of the plant will affect 200 jobs .", -1},
        {"Sales recovered in the second half .", +1},
    });
}

TEST_CASE("cause 4: goals said with \"target is\" or \"with the aim of\" are no achievements") {
    testing::Sentiments s(Lexicon::rules_only());
    // Before: the growth counted in full (+0.48); a goal counts half, as "the goal is to".
    CHECK(s.score("In the Baltic countries , the company 's target is organic growth .") < 0.4);
    CHECK(s.score("The group published a new strategy with the aim of growing its market share .") < 0.4);
    // Must not change: growth reported.
    CHECK(s.score("Organic growth was strong in the Baltic countries .") > 0.4);
}

TEST_CASE("cause 3: growth markets are a kind of market, not a rise") {
    check_signs(Lexicon::rules_only(), {
        {"The phones are aimed at first-time buyers in growth markets .", 0},  // before: +0.48
    });
}

TEST_CASE("cause 4: a possessive written apart keeps an expectation in reach (session 20)") {
    check_signs(Lexicon::rules_only(), {
        // Before: 0 (wire copy's "group 's" is one token more than "group's": past the reach of 4).
        {"Deliveries in the spring exceeded the group 's own expectations .", +1},
        {"Order intake fell short of the board 's earlier expectations .", -1},
        // Must not change: the possessive joined, and expectations with no comparator.
        {"Deliveries in the spring exceeded the group's own expectations.", +1},
        {"The group 's expectations for the year are unchanged .", 0},
    });
}
