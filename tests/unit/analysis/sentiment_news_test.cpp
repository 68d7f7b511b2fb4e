// News sentences (issue 15, session 17): prior states, comparisons with an earlier period, word
// senses, profile text and business events, each cause with the counter-examples that must keep
// their reading. Sentences are written for herald (data/eval/news-sentences.tsv is scored the same way).
#include <doctest/doctest.h>

#include "sentiment_support.hpp"

using namespace herald::analysis;
using testing::check_signs;
using Scorer = testing::Sentiments;

TEST_CASE("a profit compared with a prior loss rose from below zero, and the loss is no news of its own") {
    check_signs(Lexicon::rules_only(), {
        // Before: the figures read as a fall (0.8 < 2.4) and the loss counted on its own (-0.47).
        {"Profit before taxes amounted to EUR 0.8 mn , compared with a loss of EUR 2.4 mn .", +1},
        {"Operating profit totalled EUR 3.1 mn against an operating loss of EUR 0.9 mn a year earlier .", +1},
        {"Net loss was EUR 1.2 mn , compared with a net profit of EUR 0.5 mn in 2009 .", -1},
        // Figures of the same kind compare as before.
        {"Operating profit was EUR 3.1 mn compared with EUR 4.0 mn .", -1},
        {"Net loss was EUR 3.1 mn compared with a loss of EUR 2.0 mn .", -1},
        {"Net loss was EUR 1.1 mn compared with a loss of EUR 2.0 mn .", +1},
    });
}

TEST_CASE("a comparator before an earlier period is a direction of its measure") {
    check_signs(Lexicon::rules_only(), {
        // Before: "below" waited for an expectation word, and "well" read as praise (+0.32).
        {"Passenger volumes remained well below the level of the comparison period .", -1},
        {"Order intake in Sweden was below the previous year .", -1},
        {"Sales in Finland were ahead of last year .", +1},
        {"Costs were above the corresponding period .", -1},
        // With no measure to pair with, no period, or an expectation, as before.
        {"The share price was below the subscription price .", 0},
        {"The event was held in Espoo , as in the previous year .", 0},
        {"Net sales were well below expectations .", -1},
    });
}

TEST_CASE("back to the black, and \"concerns the\" that only relates") {
    check_signs(Lexicon::rules_only(), {
        // Before: only the losses counted (-0.36), and the verb "concerns" worried (-0.32).
        {"Nordlake returned to the black in the fourth quarter after two years of losses .", +1},
        {"The announcement concerns the change in the company 's share capital .", 0},
        {"The agreement concerns an extension of the office lease .", 0},
        // The noun still worries; the red is still bad.
        {"Investors voiced concerns about the company 's debt .", -1},
        {"The unit fell into the red in the second quarter .", -1},
    });
}

TEST_CASE("a restriction lifted goes away; raised, it is bad news") {
    check_signs(Lexicon::rules_only(), {
        // Before: "lifted" and the curbs were no pair (0), the phrase list knew only "lifted curbs".
        {"China lifted its curbs on imports of Norwegian salmon .", +1},
        {"The sanctions against the airline were lifted in March .", +1},
        {"The government cut tariffs on imported machinery .", +1},
        {"The US raised tariffs on steel imports .", -1},
        // "lifted" keeps its sense with other measures; a telecom's tariffs are its prices.
        {"The company lifted its full-year guidance .", +1},
        {"The operator plans to raise mobile tariffs in April .", 0},
    });
}

TEST_CASE("a direction opening its clause does not reach back past a company named between") {
    Scorer s;
    // Before: "rising" reached back to the tariffs of the market clause (PLTR -0.48).
    CHECK(s.company_sentiment("Wall Street ended lower as investors worried about tariffs; Palantir bucked the trend, rising 4%.",
                              "PLTR") > 0.1);
    // With no name between, an opening direction still describes the measure of the clause before.
    CHECK(s.score("Net sales totalled EUR 41.8 mn in 2007 , an increase of 11 % .") > 0.1);
    CHECK(s.score("Costs were EUR 3 mn , up 20 % .") < -0.1);
}

TEST_CASE("orders and contracts of a stated value, and a supplier chosen, are new business") {
    check_signs(Lexicon::rules_only(), {
        // Before: "deliver" and "selected as" are no award verbs, the contract far from them (0).
        {"Kestrel will deliver 14 paper machine rolls to a mill in China under a contract worth EUR 9 mn .", +1},
        {"The shipyard was selected as the supplier of two cruise ferries .", +1},
        // With an award verb it counts once, as before; a court's order or a plain delivery is none.
        {"The company signed a contract worth EUR 9 mn .", +1},
        {"The court order was issued on Monday .", 0},
        {"The delivery will be completed during the first quarter .", 0},
    });
    Scorer s(Lexicon::rules_only());
    CHECK(s.score("The company signed a contract worth EUR 9 mn .") ==
          doctest::Approx(s.score("The company signed a contract for EUR 9 mn .")));
}

TEST_CASE("fewer than expected is a miss, and shoppers pulling back spend less") {
    check_signs(Lexicon::rules_only(), {
        // Before: "fewer" found no measure and no comparison (0), nor did the shoppers (0).
        {"Tesla delivered fewer cars than expected in the quarter .", -1},
        {"The retailer said its shoppers were pulling back on discretionary purchases .", -1},
        // "fewer" alone still moves a measure; stocks pulling back is a price move down.
        {"The company received fewer orders .", -1},
        {"Stocks pull back at the open .", -1},
    });
}

TEST_CASE("the most modern of its kind is a claim of quality; modern alone is not") {
    check_signs(Lexicon::rules_only(), {
        // Before: no term (0).
        {"The new plant is the most modern of its kind in Europe .", +1},
        {"The mill uses state-of-the-art technology .", +1},
        {"The company sells modern furniture in Finland .", 0},
    });
}
