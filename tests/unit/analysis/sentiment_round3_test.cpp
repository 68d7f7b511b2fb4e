// Sentiment beyond the sentences it was tuned on (issue 15), session 21: trader talk of options
// that paid, green and red days, falling knives and first positions; "nosediving" as a move; a
// company picked as a partner; a hostile bid rejected. Sentences are written for herald, apart
// from data/eval/posts-2.tsv, headlines-2.tsv and passages-entities-2.tsv; each failed before
// unless marked as a reading that must not change.
#include <doctest/doctest.h>

#include "sentiment_support.hpp"

using namespace herald::analysis;
using testing::check_signs;

TEST_CASE("cause 5: options that paid, green and red days, falling knives, first positions") {
    check_signs(Lexicon::rules_only(), {
        // Before: no term (0).
        {"$HOOL calls paid off big this morning", +1}, {"$GLBX puts paying nicely, what a drop", -1},
        {"$INIT green day finally", +1}, {"Another red day for $HOOL holders", -1},
        {"$GLBX is a falling knife, not catching it", -1}, {"$INIT looks like a value trap to me", -1},
        {"Opened a starter position in $HOOL today", +1}, {"$GLBX ripping into the close", +1},
        {"Picked up more $INIT this morning", +1}, {"$HOOL getting crushed into the close", -1},
        // Must not change: a short position still inverts what its clause says.
        {"Bad day to short $GLBX", +1},
    });
}

TEST_CASE("cause 1: every inflection of a move verb, nosediving included") {
    check_signs(Lexicon::rules_only(), {
        // Before: "nosediving" was no term (0) where nosedive, nosedives and nosedived were moves.
        {"Globex nosediving in early trade", -1},
        {"Initech shares nosediving on Tuesday", -1},
    });
}

TEST_CASE("causes 2 and 3: a company picked as a partner, a hostile bid turned down, a rival left empty-handed") {
    check_signs(Lexicon::rules_only(), {
        // Before: no cue word (0).
        {"Globex selected as cloud provider for the state's tax agency", +1},
        {"Initech picked as the bank's new payments processor", +1},
        {"Hooli rejects hostile bid from a larger rival", +1},
        {"Initech was left empty-handed when the contract was awarded", -1},
    });
}
