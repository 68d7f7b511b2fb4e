// Sentiment beyond the sentences it was tuned on (issue 15), session 18: investors' flows, market
// moves that open or advance, restrictions imposed, forecasts withdrawn, the start of a move, a name
// with a legal suffix before its move, and vocabulary of threats. Sentences are written for herald;
// each case also pins a reading that must not change.
#include <doctest/doctest.h>

#include "sentiment_support.hpp"

using namespace herald::analysis;
using testing::check_signs;

TEST_CASE("cause 5: investors' flows into or out of a stock") {
    check_signs(Lexicon::rules_only(), {
        // Before: no term (0).
        {"Hedge Funds Are Dumping Initech (INTC)", -1}, {"Insiders are selling Globex shares", -1},
        {"Hedge funds are cashing out of Hooli", -1}, {"Fund managers are souring on Initech", -1},
        {"Investors are piling into Globex", +1}, {"Hedge Funds Are Warming Up To Hooli (HOOL)", +1},
        {"Funds are snapping up Initech stock", +1},
        // A company selling something is no flow out of a stock.
        {"We are selling the pump business to Globex .", 0}, {"Initech is selling its valves in Asia .", 0},
    });
}

TEST_CASE("cause 1: markets that advance or open lower, and a name with a legal suffix") {
    check_signs(Lexicon::rules_only(), {
        // Before: "advance" and "opens lower" were no direction, "Inc." hid the name (0).
        {"Stock futures advance after the jobs report", +1}, {"Initech advancing on buyout talk", +1},
        {"Globex opened lower on Monday", -1}, {"Wall Street opens higher", +1},
        {"Initech Inc. slumped in early trading", -1}, {"Globex Corp. rallied after the ruling", +1},
        // The adjective and the payment in advance say nothing.
        {"Globex is in advanced talks with Initech .", 0}, {"The fee is paid in advance .", 0},
    });
}

TEST_CASE("cause 4: where a move started is no move of its own") {
    check_signs(Lexicon::rules_only(), {
        // Before: the record highs left behind read as a rise (0 in all, the two cancelling).
        {"Wall Street pulls back from record highs", -1}, {"Globex shares slid from an all-time high", -1},
        {"Initech shares rebounded from a record low", +1},
        // A move that ends at an extreme still counts it.
        {"Sales rose to a record high .", +1},
    });
}

TEST_CASE("cause 3: restrictions imposed, forecasts withdrawn, growth forecasts") {
    check_signs(Lexicon::rules_only(), {
        // Before: "impose" and "withdraw" were no direction, "growth" rose the forecast (0, 0, 0, 0).
        {"Regulators imposed a ban on Globex imports", -1}, {"The province imposes tariffs on Initech steel", -1},
        {"Initech withdraws its full-year guidance", -1},
        {"The IMF is likely to downgrade its growth forecast for India", -1},
        {"Globex raises its growth outlook", +1},
        // Withdrawing from an event, or imposing nothing that restricts, says nothing.
        {"Globex withdraws from the trade fair", 0}, {"The board imposed a new dress code .", 0},
    });
}

TEST_CASE("cause 7: threats, alarms, blame and struggles to survive; layoffs in Nordic releases") {
    check_signs(Lexicon::rules_only(), {
        // Before: no term (0).
        {"A refinery fire threatens Globex output", -1}, {"The government declares a state of emergency", -1},
        {"Red flags emerge at Initech", -1}, {"Initech stock hits new lows", -1},
        {"The lawmaker blamed Globex for the outage", -1}, {"Hooli cuts routes to stay afloat", -1},
        {"Globex faces challenges in China", -1}, {"Analysts warn of a bubble in chip stocks", -1},
        {"Funds back off stocks", -1}, {"Initech scales back its buyback", -1},
        {"The new law is a boon for Globex", +1},
        {"Globex will make 45 people redundant .", -1}, {"Ten employees were made redundant .", -1},
        // A redundant system is a spare one.
        {"The servers are redundant .", 0},
    });
}

TEST_CASE("cause 5: a rating quoted in wire copy") {
    check_signs(Lexicon::rules_only(), {
        // Before: "buy" and "sell" counted only before a cashtag (0).
        {"The broker gave Globex a `` buy '' recommendation .", +1}, {"Initech repeated its ` buy ' rating on Hooli .", +1},
        {"Analysts moved Globex to `` sell '' .", -1},
        // The rating left behind, ratings that cancel, and a plain verb say nothing.
        {"Analysts cut Globex to `` hold '' from `` buy '' .", 0},
        {"Two analysts say `` buy '' and two say `` sell '' .", 0}, {"Customers can buy the valves online .", 0},
    });
}

TEST_CASE("cause 4: a prior figure that leaves its currency out, a return to a net profit") {
    check_signs(Lexicon::rules_only(), {
        // Before: the second figure had no currency, so no comparison: two losses (-0.50).
        {"Loss after taxes was EUR 1.2 mn compared to a loss of 2.6 mn .", +1},
        {"Net sales were EUR 12.1 mn ( 14.3 mn ) .", -1},
        // A currency written after the prior figure is its own: a conversion, not a comparison.
        {"Net profit was USD 10.4 mn , compared to 8.4 mn euro .", 0},
        // Before: "returned to profit" only without an article (-0.36 with the loss it left).
        {"Globex returned to a net profit of EUR 2.7 mn versus a net loss of EUR 0.6 mn .", +1},
    });
}

TEST_CASE("cause 4: what was avoided did not happen") {
    check_signs(Lexicon::rules_only(), {
        // Before: "avoid" was no negator (-0.42).
        {"So far Globex has been able to avoid laying off workers .", +1},
        {"Initech avoided a strike at its Tampere plant .", +1},
        {"Customers avoid the queue with the new app .", 0},
    });
}

TEST_CASE("cause 3: \"declined to\" before a figure is a decline, before a verb a refusal") {
    check_signs(Lexicon::rules_only(), {
        // Before: "declined to" was read as a negator with nothing to negate (0).
        {"Net profit declined to EUR 12.9 mn .", -1}, {"Operating margin declined to 5.3 % .", -1},
        {"Sales declined to $ 40 mn in the quarter .", -1},
        // A refusal keeps negating what follows, and says nothing alone.
        {"Globex declined to raise its dividend .", -1}, {"Initech declined to comment .", 0},
    });
}

TEST_CASE("cause 6: the owner before a possessive is no distance between a verb and its object") {
    check_signs(Lexicon::rules_only(), {
        // Before: the owner pushed the measure past the verb's reach of four tokens (0).
        {"The deal will increase the company 's net sales .", +1},
        {"The restructuring will decrease the group 's indebtedness .", +1},
        {"Analysts cut Nobel Initech 's growth forecast .", -1},
        // Without a possessive the reach stays: a far noun is no object.
        {"The deal will increase the number of new retail stores and outlets .", 0},
    });
}

TEST_CASE("cause 7: delistings, shortfalls, routs, accusations and jeopardy") {
    check_signs(Lexicon::rules_only(), {
        // Before: no term (0).
        {"Globex shares face delisting from the Nasdaq", -1}, {"Initech reports a funding shortfall", -1},
        {"Chip stocks extend their rout", -1}, {"Regulators accused Globex of misleading investors", -1},
        {"The strike could jeopardize Initech deliveries", -1}, {"Analysts call Hooli overvalued", -1},
    });
}
