// Sentiment beyond the sentences it was tuned on (issue 15), session 18 round 2: traders' talk of
// where a stock is headed, write-downs as verbs, an unnamed other company's possessive ("the
// target's shares") and a company named after a preposition well past the term. Sentences are
// written for herald, apart from data/eval/posts.tsv and passages-entities.tsv; each failed before
// unless marked as a reading that must not change.
#include <doctest/doctest.h>

#include <cmath>

#include "sentiment_support.hpp"

using namespace herald::analysis;
using testing::check_signs;

TEST_CASE("cause 5: traders' talk of where a stock is headed and who loses on it") {
    check_signs(Lexicon::rules_only(), {
        // Before: no term (0), or the squeeze read as a fall.
        {"$HOOL is headed to zero, stay away", -1}, {"$GLBX lower highs and lower lows since March", -1},
        {"$HOOL broke below the 50 day line", -1}, {"Buying the dip on $AMZN again", +1},
        {"$GLBX higher highs and higher lows, trend intact", +1}, {"Shorts getting squeezed on $INIT again", +1},
        {"$INIT going nowhere, short it", -1}, {"Short this one, $HOOL", -1},
        // Must not change: a short position still inverts what its clause says.
        {"Bad day to short $GLBX", +1},
        // Must not change: a squeeze on a measure is still a fall; "stopped" alone was already bad.
        {"Margins were squeezed by higher freight costs .", -1}, {"Got stopped out of my $INTC swing this morning", -1},
    });
}

TEST_CASE("cause 7: a write-down as a verb") {
    check_signs(Lexicon::rules_only(), {
        // Before: only the noun was a term (0).
        {"The group wrote down the value of its retail unit by EUR 40 mn .", -1},
        {"Globex writes off its stake in the venture", -1},
    });
}

TEST_CASE("cause 6: an unnamed other company's possessive is not the company named before") {
    testing::Sentiments c;
    // Before: the target's rise went to the buyer (+0.52).
    CHECK(std::abs(c.company_sentiment("Broadcom agreed to acquire a software maker for $61 billion, and the target's "
                                       "stock jumped 20%.",
                                       "AVGO")) < 0.1);
    // Must not change: a rival's fall in a clause of its own; the company's own possessive is its own.
    CHECK(c.company_sentiment("Cisco raised its annual forecast, while its rival's quarterly sales fell 5%.", "CSCO") > 0.1);
    CHECK(c.company_sentiment("Cisco agreed to buy a security firm, and Cisco's shares fell 3%.", "CSCO") < -0.1);
}

TEST_CASE("cause 6: a company named after a preposition well past the term is its object") {
    testing::Sentiments c;
    // Before: the record went to Nvidia, the last company of the clause, and Hon Hai had 0.
    const char* text = "Foxconn, the contract manufacturer, reported record quarterly revenue on strong orders for AI "
                       "servers from Nvidia.";
    CHECK(c.company_sentiment(text, "2317.TW") > 0.1);
    CHECK(std::abs(c.company_sentiment(text, "NVDA")) < 0.1);
    // Must not change: right after the term, the company is what it is about.
    CHECK(c.company_sentiment("Regulators said the recall was a setback for Boeing.", "BA") < -0.1);
}

TEST_CASE("cause 6: the learned layer's one tone for a post does not turn companies of different fates") {
    testing::Sentiments c;  // the built-in lexicon, with the learned layer (a post: cashtags)
    // Before: the layer's net tone (positive, against the rules' -0.11) turned both (-0.48 / +0.49).
    const char* text = "$AMD hit an all-time high after the earnings call, while $INTC sank to a decade low as its "
                       "foundry losses widened";
    CHECK(c.company_sentiment(text, "AMD") > 0.1);
    CHECK(c.company_sentiment(text, "INTC") < -0.1);
    // Must not change: where the layer agrees with the rules' sign.
    const char* text2 = "$WMT raised its forecast on strong sales, $TGT cut its outlook";
    CHECK(c.company_sentiment(text2, "WMT") > 0.1);
    CHECK(c.company_sentiment(text2, "TGT") < -0.1);
}
