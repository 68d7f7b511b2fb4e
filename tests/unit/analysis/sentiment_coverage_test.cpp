// Sentiment beyond the sentences it was tuned on (issue 15): one case per cause the issue names,
// with the counter-examples that must keep their reading. Sentences are written for herald.
#include <doctest/doctest.h>

#include <cmath>
#include <initializer_list>
#include <memory>
#include <utility>
#include <string>
#include <vector>

#include "sentiment_support.hpp"

using namespace herald::analysis;

using Scorer = testing::Sentiments;

TEST_CASE("cause 1: inflections of move verbs and spelled-out extremes") {
    Scorer s;
    CHECK(s.score("The stock tanks .") < -0.1);
    CHECK(s.score("Shares plunges after the recall .") < -0.1);
    CHECK(s.score("Sterling hits a seven-month high") > 0.1);
    CHECK(s.score("The lira fell to a two-year low") < -0.1);
}

using testing::check_signs;

TEST_CASE("cause 1: every inflection of a direction, move and award verb") {
    // Scored with the rules alone: the learned layer reads short headlines too.
    check_signs(Lexicon::rules_only(), {
        {"Initech slashes its outlook .", -1}, {"Margins keep eroding .", -1}, {"Sales growth stalls .", -1},
        {"Globex is boosting output .", +1},
        // Price moves of the company named before them, in every tense.
        {"Initech pops on the news", +1}, {"Globex dives on the news", -1}, {"Initech nosedived on Monday", -1},
        {"Globex tumbling again", -1}, {"Initech skyrockets", +1},
        // New business in the present tense.
        {"Globex lands a large order from a utility .", +1}, {"Initech inks supply deal with a carmaker .", +1},
        // A lowercase word before a move is still no subject.
        {"the divers dive at dawn .", 0},
    });
}

TEST_CASE("cause 4: quality verbs judge: up is better, down worse, whatever the measure") {
    check_signs(Lexicon::rules_only(), {
        {"Operating costs worsened in the quarter .", -1}, {"The net loss improved to EUR 2 mn .", +1},
        {"Unemployment deteriorated further .", -1}, {"Gross margin improved .", +1}, {"Sales deteriorated .", -1},
        // Amount verbs keep reading the measure: more costs are bad news, a smaller loss good.
        {"Operating costs rose .", -1}, {"The net loss narrowed .", +1},
    });
}

TEST_CASE("cause 5: traders' posts: positions, options and chart talk") {
    check_signs(Lexicon::rules_only(), {
        {"Loaded up on more $ACME today", +1}, {"$ACME puts printing", -1}, {"$ACME calls printing", +1},
        {"$ACME looks ready to break out", +1}, {"$ACME going lower from here", -1}, {"$ACME dead money", -1},
        {"$ACME nice bounce off support", +1}, {"$ACME broke support", -1}, {"$ACME what a disaster", -1},
        {"$ACME short squeeze coming", +1}, {"$ACME closed in the red", -1},
        // A recovery site is no disaster; "short" alone still inverts ("bad day to short").
        {"Acme sells disaster recovery services .", 0}, {"Great day to short $ACME", -1},
    });
    // Through the learned layer (the rules' score is its strongest feature).
    check_signs(Lexicon::builtin(), {{"$ACME puts printing", -1}, {"$ACME calls printing", +1}});
}

TEST_CASE("cause 1: a company named right before a price move is what moved") {
    Scorer s;
    CHECK(s.score("Zenith rises after trial win") > 0.1);
    CHECK(s.score("Ford and GM tank") < -0.1);
    CHECK(s.score("Acme (ACM) slides") < -0.1);
    // A title-case headline is the learned layer's to decide (learned_test.cpp): the rules read
    // the move, the layer keeps its side at least as a lean.
    Scorer rules(Lexicon::rules_only());
    CHECK(rules.score("Asian Markets Slip") < -0.1);
    CHECK(s.score("Asian Markets Slip") < 0.0);
    // A lowercase word is no subject, and a verb that is no price move reports nothing (the rules
    // alone: in a headline the learned layer may still lean, learned_test.cpp).
    CHECK(rules.score("the pendulum swings and then falls") == 0.0);
    CHECK(rules.score("Acme adds a plant") == 0.0);
}

TEST_CASE("cause 1: spelled-out numbers are figures") {
    Scorer s;
    CHECK(s.score("The cider maker grew four percent .") > 0.1);
    CHECK(s.score("The cider maker grew steadily .") == 0.0);
    // Every spelled-out number, in any case (the words are looked up by the tokenizer's folded key).
    for (const char* w : {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                          "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "thousand",
                          "thousands", "dozen", "dozens"}) {
        std::string upper = w;
        for (char& c : upper) c = static_cast<char>(c - 'a' + 'A');
        for (const std::string& spelled : {std::string(w), upper}) {
            INFO(spelled);
            CHECK(s.score("The cider maker grew " + spelled + " percent .") > 0.1);
        }
    }
    CHECK(s.score("The cider maker grew fourth percent .") == 0.0);  // an ordinal is no figure
    CHECK(s.score("The cider maker grew thousandss percent .") == 0.0);
}

TEST_CASE("cause 1: a sign written against a percentage is a direction") {
    Scorer s;
    CHECK(s.score("Nikkei +0.8%") > 0.1);
    CHECK(s.score("Stoxx 600 -1.2% at midday") < -0.1);
    CHECK(s.score("Revenue +12% y/y") > 0.1);        // a good measure up
    CHECK(s.score("Costs +5 % on the year") < -0.1);  // a bad measure up
    CHECK(s.score("Net loss -20 percent") > 0.1);     // a bad measure down
    CHECK(s.score("Operating profit (+2.1 pct) in the quarter") > 0.1);
    CHECK(s.score("Nikkei (+0.8%)") == doctest::Approx(s.score("Nikkei +0.8%")));  // counted once
    CHECK(s.score("Nikkei (-0.8%)") == doctest::Approx(s.score("Nikkei -0.8%")));
    // No sign: a range, a neutral measure, a sign with no percentage, a question (the rules alone).
    Scorer rules(Lexicon::rules_only());
    CHECK(rules.score("The range was 5-10%") == 0.0);
    CHECK(rules.score("Stake +2 %") == 0.0);
    CHECK(rules.score("Temperatures were -5 degrees") == 0.0);
    CHECK(std::fabs(s.score("Is the Nikkei +0.8%?")) < 0.1);
    // A direction word reads the figure already: counted once.
    CHECK(s.score("Sales rose +5 %") == doctest::Approx(s.score("Sales rose 5 %")));
}

TEST_CASE("cause 4: a measure after 'to' or 'from' is a state, not what moved") {
    Scorer s;
    CHECK(s.score("Operating profit was EUR 2 mn , up from a loss of EUR 1 mn .") > 0.1);
    CHECK(s.score("The unit slipped to a net loss .") < -0.1);
    CHECK(s.score("The unit fell from a profit .") < -0.1);
    // Without the state word the direction pairs as before: a narrowing loss is good news.
    CHECK(s.score("The net loss narrowed .") > 0.1);
    CHECK(s.score("The result fell to a profit of EUR 1 mn .") < -0.1);
}

TEST_CASE("cause 2: new business in the passive; a court order is not an order") {
    Scorer s;
    CHECK(s.score("An agreement was signed with the city of Espoo .") > 0.1);
    CHECK(s.score("A contract has been signed with the Finnish army .") > 0.1);
    // Counter-examples: a court's order, and "in order to", bring in no business.
    CHECK(s.score("The company received a court order to stop selling the product .") == 0.0);
    CHECK(s.score("The company signed an order in order to test the line .") > 0.1);
}

TEST_CASE("cause 3: word senses") {
    Scorer s;
    CHECK(s.score("The record date is 5 May .") == 0.0);
    CHECK(s.score("Great Britain accounts for a third of sales .") == 0.0);
    CHECK(s.score("The negotiations concerned about 100 employees .") == 0.0);
    CHECK(s.score("Analysts voiced concerns about margins .") < -0.1);
    CHECK(s.score("The bank paid a record fine .") < -0.1);
    CHECK(s.score("Revenue hit a record .") > 0.1);
    CHECK(s.score("The retailer exits bankruptcy .") > 0.1);
    CHECK(s.score("The retailer filed for bankruptcy .") < -0.1);
    CHECK(s.score("Import curbs lifted .") > 0.1);
    // Session 21: a hostile bid turned down is a bad thing removed, as the issue reads it (0 before).
    CHECK(s.score("The board rejected a hostile bid .") > 0.1);
    CHECK(s.score("McDonald's settles class action lawsuit") > 0.1);
    CHECK(s.score("The forecaster reduces its recession probability") > 0.1);
    CHECK(s.score("The economy slid into recession") < -0.1);
    CHECK(s.score("The jury found the bank not guilty") > 0.1);
    // "strike a deal" is not a labour strike.
    CHECK(s.score("Unions and management strike a deal .") > 0.1);
    CHECK(s.score("Workers went on strike .") < -0.1);
}

TEST_CASE("cause 4: a swing to a profit") {
    Scorer s;
    CHECK(s.score("The group swung to a profit of EUR 2 mn .") > 0.1);
    CHECK(s.score("The group swung to a loss of EUR 2 mn .") < -0.1);
}

TEST_CASE("cause 4: figures against the prior or the expected one") {
    Scorer s;
    CHECK(s.score("Macy's Q3 EPS 1 cent vs. 20 cents") < -0.1);  // EPS is no currency
    CHECK(s.score("New York Times Q4 EPS 41 cents vs. 33 cents") > 0.1);
    CHECK(s.score("Kohl's Q3 adj. EPS 74 cents; FactSet consensus 86 cents") < -0.1);
    // A conversion is no comparison.
    CHECK(s.score("Net sales were EUR 114 mn ( USD 148 mn ) .") == 0.0);
}

TEST_CASE("cause 1: markets and traded assets move") {
    Scorer s;
    CHECK(s.score("Gold rallies as the dollar weakens") > 0.1);
    CHECK(s.score("the market fell 2 % on Monday") < -0.1);
    CHECK(s.score("Oil prices rose over the past week") > 0.1);
    CHECK(s.score("Kohl's (KSS) advances off of recent lows") > 0.1);
    CHECK(s.score("WTI crude gives back 1 %") < -0.1);
    CHECK(s.score("Stock futures slip ahead of the jobs report") < -0.1);
    CHECK(s.score("Hedge funds are dumping the shares") < -0.1);
}

TEST_CASE("cause 5: a cashtag, hashtag or handle is no lexicon term") {
    Scorer s;
    CHECK(s.score("$COST rises") > 0.1);  // Costco's price, not a cost
    CHECK(s.score("$COST : cost rises") < -0.1);
    CHECK(s.score("Trading Halt #Stock") < 0.0);
    Scorer rules(Lexicon::rules_only());
    CHECK(rules.score("Trading update #Stock #Halt") == 0.0);
    CHECK(rules.score("Read @Strong today") == 0.0);
}

TEST_CASE("cause 5: analyst ratings and trader positions") {
    Scorer s;
    CHECK(s.score("BTIG Research starts at Buy") > 0.1);
    CHECK(s.score("Akero Therapeutics started at buy with $36 stock price target at Canaccord") > 0.1);
    CHECK(s.score("Lovesac maintained as buy at Canaccord") > 0.1);
    CHECK(s.score("Oppenheimer cuts to Perform") < -0.1);
    CHECK(s.score("Cowen cuts to Market Perform") < -0.1);
    CHECK(s.score("Maxim Group ups to Buy") > 0.1);
    CHECK(s.score("Becton Dickinson downgraded to outperform from strong buy at Raymond James") < -0.1);
    CHECK(s.score("Grubhub gains a bear on margin view") < -0.1);
    CHECK(s.score("The FDA declines to approve the drug") < -0.1);
    CHECK(s.score("GM loses a bull") < -0.1);
    CHECK(s.score("Muddy Waters goes short Luckin Coffee") < -0.1);
    CHECK(s.score("JPMorgan reels in expectations on Beyond Meat") < -0.1);
    CHECK(s.score("Goldman adds Workday to its conviction list") > 0.1);
    CHECK(s.score("Hanesbrands EPS and revenue in-line") > 0.1);
    CHECK(s.score("Sales Top Estimates") > 0.1);
}

TEST_CASE("cause 5: a short position inverts the tone of its clause") {
    // The rule itself: in short posts the learned layer reads its result (learned_test.cpp).
    Scorer s(Lexicon::rules_only());
    CHECK(s.score("Bad day to short $TSLA") > 0.1);
    CHECK(s.score("Bad day for $TSLA") < -0.1);
    CHECK(s.score("Great time to be shorting this stock") < -0.1);
    CHECK(s.score("Muddy Waters is shorting Luckin Coffee") < -0.1);
    // Only its own clause: "Strong quarter" is not about the bet.
    CHECK(s.score("Strong quarter , not a day to short") > 0.1);
}

TEST_CASE("cause 4: comparisons with an earlier period") {
    Scorer s;
    CHECK(s.score("Sales were 30 % more than a year before .") > 0.1);
    CHECK(s.score("Net sales were less than in 2009 .") < -0.1);
    CHECK(s.score("Operating profit fell short of last year .") < -0.1);
    CHECK(s.score("Costs were 5 % less than a year earlier .") > 0.1);
    CHECK(s.score("The plant employs more than 300 people .") == 0.0);
}

TEST_CASE("cause 4: goals are not achievements") {
    Scorer s;
    const double goal = s.score("The goal is to strengthen the balance sheet .");
    const double done = s.score("The company strengthened the balance sheet .");
    CHECK(goal > 0.0);
    CHECK(goal < done);
}

TEST_CASE("cause 7: vocabulary of company news") {
    Scorer s;
    CHECK(s.score("The plant closed after a leakage of toxic gas .") < -0.1);
    CHECK(s.score("The company pleaded guilty .") < -0.1);
    CHECK(s.score("The supplier violated the terms .") < -0.1);
    CHECK(s.score("The lender was liquidated .") < -0.1);
    CHECK(s.score("Deliveries were impacted by the storm .") < -0.1);
    CHECK(s.score("The book was honoured as a bestseller .") > 0.1);
    CHECK(s.score("The two groups will cooperate on research .") > 0.1);
    CHECK(s.score("The mill will shed 300 jobs .") < -0.1);
    CHECK(s.score("Facebook under fire over political ads") < -0.1);
    CHECK(s.score("The virus will hamper sales") < -0.1);
    CHECK(s.score("Ford's electric SUV impresses Credit Suisse") > 0.1);
    CHECK(s.score("The FDA granted priority review for the drug") > 0.1);
}

TEST_CASE("cause 6: the words of a company name are no terms") {
    Scorer s;
    CHECK(Scorer(Lexicon::rules_only()).score("Best Buy opens a store in Oslo") == 0.0);
    CHECK(s.score("The best buy of the year") > 0.1);
    CHECK(s.score("Best Buy shares fell 3 %") < -0.1);
}

TEST_CASE("a question asserts almost nothing") {
    Scorer s;
    CHECK(std::fabs(s.score("Is Acme a good stock to buy?")) < 0.1);
    CHECK(s.score("Acme is a good stock to buy .") > 0.1);
    CHECK(std::fabs(s.score("Can Globex repeat its strong year?")) < 0.1);
}

TEST_CASE("cause 6: a text about one company gives it the tone of all its sentences") {
    Scorer s;
    const Analysis& one = s.run("Zenith Oyj reported its results .\n\nNet sales rose 12 % and the outlook is strong .",
                                {{"Zenith Oyj", ""}});
    REQUIRE(one.entities.size() == 1);
    CHECK(one.entities[0].name == "Zenith Oyj");
    CHECK(one.entities[0].sentiment.score > 0.1);  // the second paragraph does not name it
    CHECK(one.entities[0].sentiment.score == doctest::Approx(one.sentiment.score));
    // Two companies: each keeps its own sentences.
    const Analysis& two = s.run("Apple raised its outlook . Microsoft cut jobs .");
    REQUIRE(two.entities.size() == 2);
    CHECK(two.entities[0].sentiment.score > 0.1);
    CHECK(two.entities[1].sentiment.score < -0.1);
}

TEST_CASE("cause 5: ratings as nouns in headlines and posts") {
    check_signs(Lexicon::rules_only(), {
        {"Benchmark says this roof supplier is a Buy", +1}, {"Initech: a decent buy after the fall", +1},
        {"Now is the time to buy Globex", +1}, {"Globex shares are not yet a buy", -1},
        {"Initech: sell , and sell short", -1},
        // A purchase is no rating.
        {"Acme agreed to buy a plant in Oslo .", 0},
    });
}

TEST_CASE("cause 1: trader verbs of price moves, and a peak left behind") {
    check_signs(Lexicon::rules_only(), {
        {"Initech stock rockets 60 % in its debut", +1}, {"Globex zoomed 151 % in three years", +1},
        {"Nasdaq futures retreat 15 points", -1}, {"Stocks stumble as traders take profits", -1},
        {"Globex gapping down", -1}, {"Initech gapped up at the open", +1},
        {"The cryptocurrency market crashes", -1}, {"The Dow turns negative", -1},
        {"Shares moved into positive territory", +1}, {"Globex among premarket gainers", +1},
        // The record is where the index came from, not where it went.
        {"Wall Street slips from record highs", -1}, {"Futures rebound from record lows", +1},
    });
}

TEST_CASE("cause 7: legal trouble of the company named") {
    check_signs(Lexicon::rules_only(), {
        {"Denver network sues Globex for antitrust", -1}, {"Huawei initiates legal action against Initech", -1},
        {"Former Globex manager sentenced to 3 months", -1}, {"State AG investigating Initech", -1},
        {"Globex stripped of its London license", -1}, {"Initech misled investors , the FTC says", -1},
    });
}

TEST_CASE("cause 1: fading and firming") {
    check_signs(Lexicon::rules_only(), {
        {"Retail sales softened 2 % in May", -1}, {"Margins are fading , down 2 points", -1},
        {"The housing market is regaining 3 % a year", +1},
    });
}

TEST_CASE("cause 5: a trader's position right before a cashtag") {
    check_signs(Lexicon::rules_only(), {
        {"Long $WMT", +1}, {"Buying $BZH $HOV", +1}, {"Bought $AMD at the open", +1},
        {"Short $TSLA", -1}, {"Sold $AAPL today", -1}, {"Sell $UVXY", -1},
        // Only before a cashtag: the words alone say nothing about a position.
        {"It is a long way to go .", 0}, {"Acme bought a plant in Oslo .", 0}, {"Acme will sell shares .", 0},
        {"Long-term holders of $AAPL", 0},
        // "to short" stays a short position that inverts its clause.
        {"Bad day to short $TSLA", +1},
    });
}

TEST_CASE("cause 5: how far a stock may still move") {
    check_signs(Lexicon::rules_only(), {
        {"Analysts see limited upside for Globex", -1}, {"China risk caps upside for Initech", -1},
        {"Initech shares have room to run", +1}, {"Globex has 40 % upside", +1}, {"Globex has 25 % downside", -1},
    });
}

TEST_CASE("cause 4: headline verbs of a beat or a miss") {
    check_signs(Lexicon::rules_only(), {
        {"Initech crushes estimates", +1},  // read as a cut before: crush is also a direction down
        {"Job openings smash expectations", +1}, {"Globex sales trounce forecasts", +1},
        {"Initech earnings edge past estimates", +1}, {"Pending home sales squeak past estimate", +1},
        {"Globex revenue lags estimates", -1}, {"Initech profit trails forecasts", -1},
        // With no expectation after it, crush is still a move down.
        {"Margins were crushed .", -1},
    });
}

TEST_CASE("cause 3: names of policies and goals, and a protest, are no tone") {
    check_signs(Lexicon::rules_only(), {
        {"Initech develops carbon negative fuels", 0}, {"Nordea CEO on earnings and negative rates", 0},
        // The workers' protest is no figure going up: only the layoffs count.
        {"Globex workers rising up after layoffs", -1},
        // Still tone where the word is the company's.
        {"Globex turns negative on the outlook", -1},
    });
    Scorer s(Lexicon::rules_only());
    CHECK(s.score("Globex workers rising up after layoffs") > -0.45);  // was -0.56: "up" paired with layoffs
}

TEST_CASE("cause 7: setbacks, plugs pulled, shutdowns, and what was averted") {
    check_signs(Lexicon::rules_only(), {
        {"A setback for Initech in Europe", -1}, {"Globex pulls the plug on its grocery service", -1},
        {"Initech extends factory shutdowns", -1}, {"A stinging report on Globex", -1},
        {"Investors cheered the jobs report", +1}, {"Central bank move soothes funding squeeze", +1},
        {"Globex upped two notches to Buy at BAML", +1}, {"Margins are diminishing .", -1},
        // Averting a bad thing is good news: a negator of what follows.
        {"Initech averted a strike", +1}, {"Globex averts a default", +1}, {"Globex staved off bankruptcy", +1},
    });
}

TEST_CASE("cause 4: a measure after \"by\" is the cause of a move, not what moved") {
    check_signs(Lexicon::rules_only(), {
        // Before: the direction paired with the bad measure after "by" and read it going down.
        {"Shipments were halted by a strike .", -1}, {"Margins were squeezed by higher costs .", -1},
        {"Output was cut by the dispute at the mine .", -1},
        // "by" before a figure or with no measure after it changes nothing.
        {"Costs were cut by 5 % .", +1}, {"Sales increased by EUR 3 mn .", +1},
    });
}

TEST_CASE("cause 7: courts deciding for one side, bleeding, a lead taken") {
    check_signs(Lexicon::rules_only(), {
        // Before: "won" (+0.35) and "lawsuit" (-0.40) cancelled out.
        {"Initech won its lawsuit over the patents .", +1}, {"Globex lost its appeal in the royalty case .", -1},
        {"Initech won dismissal of the shareholder lawsuit .", +1},
        {"The dismissal of 40 employees was announced .", -1},
        {"Globex keeps bleeding cash .", -1}, {"Initech took the lead in memory chips .", +1},
    });
}

TEST_CASE("cause 3 and 7: diseases, endpoints, things gone wrong, fines slapped on, rallies out of steam") {
    check_signs(Lexicon::rules_only(), {
        // A disease is no failure of the company: before, "successful" and "failure" cancelled out.
        {"Initech's drug successful in a heart failure study", +1},
        {"Globex trial met all secondary endpoints", +1}, {"Initech drug missed its primary endpoint", -1},
        {"Initech leads the way in battery patents", +1}, {"Can Globex turn around its retail arm", +1},
        {"What went wrong at Globex", -1}, {"Initech and its chairman at odds over pay", -1},
        {"Funds are piling into Globex", +1}, {"$ACME red to green move today", +1},
        {"Initech slapped with tariffs", -1}, {"An inquiry into bribery at Globex", -1},
        // "The" names no subject of a move: "rally" is a noun (before: +0.48, a move up of "The").
        {"The rally is running out of steam", -1}, {"Index erases gains for the year", -1},
        {"Initech reports new oil discovery offshore", +1},
    });
}

TEST_CASE("cause 1: paring, dampening, shutting, halving") {
    check_signs(Lexicon::rules_only(), {
        {"Globex pares losses after the update", +1}, {"Tariffs set to dampen growth", -1},
        {"Initech will shut 34 stores", -1}, {"Globex aims to halve costs", +1},
    });
}

TEST_CASE("cause 5: street-low targets, favourites, orders pouring in, markets settling higher") {
    check_signs(Lexicon::rules_only(), {
        {"Globex gets Street-low target from Initech Securities", -1}, {"Broker adds Globex to its favorite stocks", +1},
        {"Orders for the new truck are pouring in", +1}, {"Asian stocks enter a bull market", +1},
        {"Copper finding support near the lows", +1}, {"Panic selling hits small caps", -1},
        {"Globex botched the launch", -1},
        // "settle" is a settlement (a direction down) elsewhere; a market that settles higher rose.
        {"Gold prices settle higher for a second session", +1}, {"Crude settled lower on Friday", -1},
        {"Nasdaq futures inch higher", +1},
        {"Natural gas hits the skids on mild weather", -1}, {"Globex is roaring back", +1},
        {"Shares close the year on a high note", +1}, {"Regulator names and shames Initech", -1},
    });
}

TEST_CASE("cause 1: currencies move as traded assets") {
    check_signs(Lexicon::rules_only(), {
        // Before: no measure, so "falls" and "lower" had nothing to pair with (0).
        {"Russian ruble falls as the central bank cuts rates", -1}, {"Hawkish Fed sends the dollar lower", -1},
        {"The yen climbed against the euro", +1},
    });
}

TEST_CASE("cause 3: paying to settle or resolve is the payer's cost") {
    check_signs(Lexicon::rules_only(), {
        // Before: the lawsuit or probe going away read as good news (+0.47, +0.13, +0.00).
        {"Initech agreed to pay $200 million to settle a shareholder lawsuit.", -1},
        {"Globex paid $45 million to resolve a federal investigation into its sales practices.", -1},
        {"Initech to pay $90 million to settle privacy case", -1},
        // Without a payment, a dispute settled or a lawsuit dismissed stays good news; paying down
        // debt is no settlement.
        {"Globex settled its patent dispute with Initech.", +1},
        {"The court dismissed the lawsuit against Globex.", +1},
        {"Initech paid $300 million to repay debt.", +1},
        // A payment clause ends at a comma: "paid" is not the settlement's.
        {"Globex paid its suppliers on time, and the strike was resolved.", +1},
    });
}

TEST_CASE("cause 4: a measure nine tokens before its verb still pairs") {
    // "profit of the group 's ... business increased": a possessive's two tokens put the verb 8
    // tokens after the measure, one past the reach (no tone before).
    check_signs(Lexicon::rules_only(), {
        {"Net sales of the group 's mobile phone business increased .", +1},
        {"Operating profit of the firm 's paper and pulp fell .", -1},
        // A verb of another clause is not the measure's.
        {"Net sales of the group 's mobile phone business were stable , and the dollar fell .", -1},
    });
}

TEST_CASE("cause 1 and 5: up and down after a name, pullbacks, causes after \"owing to\"") {
    check_signs(Lexicon::rules_only(), {
        // Before: "up" and "down" were no move, "pullback" no term (0).
        {"Utilities Up After Fed Comments", +1}, {"Industrials Down As Factory Data Disappoints", -1},
        {"Initech pushed higher on buyout report", +1}, {"Globex slides into a pullback", -1},
        {"Small caps in a pullback", -1},
        // Phrasal verbs: no move of the name before them.
        {"Globex Breaks Down Its Quarter", 0}, {"Initech Teams Up With Globex", 0}, {"Hooli Steps Up Talks With Regulators", 0},
        // The cause after "owing to" is not the measure's pair (before: "increased" paired back with the prices, 0).
        {"Oil prices fell over the week owing to increased supply", -1},
    });
}

TEST_CASE("cause 3: \"added\" reporting speech is no figure added") {
    check_signs(Lexicon::rules_only(), {
        // Before: "added" (a direction up) paired with the jobs and the debt before it (+0.43, -0.43).
        {"The plant employs 40 people , he added .", 0},
        {"Senior debt ranks on a par with deposits , which is also taken into account , the agency added .", 0},
        {"Globex said its sales , excluding value added tax , were EUR 12 mn .", 0},
        // A figure added is still one.
        {"Initech added 300 jobs in Finland .", +1},
    });
}

TEST_CASE("cause 4: a rise from a good measure starts from its prior level") {
    check_signs(Lexicon::rules_only(), {
        // Before: "from sales" and "from a profit" read as a good state left behind (-0.44).
        {"That would be an increase from sales of EUR 90 mn last year .", +1},
        {"Net profit was EUR 5 mn , up from a profit of EUR 2 mn .", +1},
        // Falling from a profit, or rising from a loss, keep their reading.
        {"Net result fell from a profit of EUR 4 mn to a loss of EUR 1 mn .", -1},
        {"Operating result rose from a loss of EUR 3 mn .", +1},
    });
}

TEST_CASE("cause 3: a case or a going-concern doubt that goes away") {
    check_signs(Lexicon::rules_only(), {
        // Before: "case" and the doubt were nothing a removal could pair with (0, -0.48).
        {"Prosecutors dropped the fraud case against Initech .", +1},
        {"The refinancing removes the going concern doubt .", +1},
        // Opened, a case is trouble; an ordinary case is no term.
        {"Prosecutors opened a criminal case against Globex .", -1},
        {"In that case the order would be delivered in May .", 0},
    });
}
