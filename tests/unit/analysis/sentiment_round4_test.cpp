// Sentiment beyond the sentences it was tuned on (issue 15), session 22: comparisons split by their
// measure or smaller than what they are compared with (cause 4), trader talk (cause 5), business
// events without a cue word and routine signings (cause 2). Sentences are written for herald, apart
// from data/eval/news-sentences-3.tsv and passages-entities-3.tsv; each failed before unless marked as
// a reading that must not change.
#include <doctest/doctest.h>

#include "sentiment_support.hpp"

using namespace herald::analysis;
using testing::check_signs;

TEST_CASE("cause 4: a comparison with an earlier period split by its measure") {
    check_signs(Lexicon::rules_only(), {
        // Before: "more" and "less" were no terms (0): the period had no comparator in reach.
        {"Globex carried 5.4 % more passengers in March than a year before .", +1},
        {"The group made less profit than in the previous year .", -1},
        {"Passenger numbers were 3 % lower than in the corresponding period last year .", -1},
        // Must not change: "more"/"less" against expectations take the move's side, not their own.
        {"Net sales fell more than expected .", -1},
        {"Jobless claims fell more than expected .", +1},
        {"Initech has more than 2,000 customers in Sweden .", 0},
    });
}

TEST_CASE("cause 4: a move smaller than the one it is compared with") {
    check_signs(Lexicon::rules_only(), {
        // Before: the rise paired with its measure (good news) and the comparison cancelled it or was no term.
        {"Globex 's order intake grew less than in the second quarter .", -1},
        {"Revenue rose less than analysts had expected .", -1},
        {"Initech 's deliveries grew more slowly than the market .", -1},
        {"Net sales declined less than in the previous quarter .", +1},
        {"Sales of the unit were less than half of last year 's .", -1},
    });
}

TEST_CASE("cause 4: a comparison with its figure before it, a decline smaller than feared") {
    check_signs(Lexicon::rules_only(), {
        // Before: no measure in reach and no figure after the comparison (0).
        {"Globex delivered 12 % more trains than a year before .", +1},
        {"Initech shipped 9 % fewer machines than last year .", -1},
        // Before: the decline paired with sales and the smaller decline was no comparator (bad news).
        {"Sales at Initech posted a smaller decline than analysts had feared .", +1},
        // Must not change: a steeper decline than expected is bad news.
        {"Globex 's orders fell 6 % , a steeper decline than analysts had expected .", -1},
    });
}

TEST_CASE("cause 4: an earlier period's possessive written against the word") {
    check_signs(Lexicon::rules_only(), {
        // Before: "year's" was no period (0).
        {"Initech 's net sales fell short of last year's .", -1},
        {"Order intake was well above last year's .", +1},
        {"Globex 's deliveries were below the previous quarter's .", -1},
    });
}

TEST_CASE("cause 5: positions in puts, short sellers piling in") {
    check_signs(Lexicon::rules_only(), {
        // Before: a position before a cashtag read as buying the stock whatever followed the ticker.
        {"Bought $GLBX puts this morning", -1},
        {"Sold $INIT puts for the premium", +1},
        // Before: "piled into" (buying) cancelled the short sellers (0).
        {"Short sellers piled into Globex this week .", -1},
        // Must not change: calls, plain positions, a short bet that went wrong.
        {"Bought $GLBX calls this morning", +1},
        {"Long $INIT", +1},
        {"Bad day to short $GLBX", +1},
    });
}

TEST_CASE("cause 2: purchases completed and supply committed to, while signing the named contract stays routine") {
    check_signs(Lexicon::rules_only(), {
        // Before: no cue word (0).
        {"Globex has completed the acquisition of a Swedish pump maker .", +1},
        {"Initech will supply the drives for three new container cranes .", +1},
        {"Globex has agreed to supply 40 buses to the city of Tampere .", +1},
        // Before: the award verb and the business noun read as new business (good news).
        {"Initech signed the contract with the municipality in March .", 0},
        // Must not change: a new contract or order is still good news; a court order is none.
        {"Initech signed a contract with the municipality to build a school .", +1},
        {"Globex has received an order from a German shipyard .", +1},
        {"The court order was issued on Monday .", 0},
    });
}
