// Per-company attribution inside a sentence (src/analysis/entity_attribution.cpp): each company
// takes the terms about it, not the whole sentence's tone (issue 15; data/eval/entity-sentiment.tsv).
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "sentiment_internal.hpp"
#include "sentiment_support.hpp"

using namespace herald::analysis;

TEST_CASE("a clause about the market is no company's") {
    testing::Sentiments c;
    // Before: the market's fall went to the one company named (-0.48, -0.51).
    CHECK(c.company_sentiment("Wall Street ended lower as investors worried about tariffs; Palantir bucked the "
                              "trend, rising 4%.",
                              "PLTR") > 0.1);
    CHECK(c.company_sentiment("The Nasdaq slumped 2% in a broad tech sell-off, though Oracle Corp gained after "
                              "raising its cloud forecast.",
                              "ORCL") > 0.1);
    CHECK(c.company_sentiment("Markets rallied on hopes of a rate cut, but Nike shares sank 7% after it withdrew "
                              "its guidance.",
                              "NKE") < -0.1);
    // "market share" is the company's own.
    CHECK(c.company_sentiment("Unlike Intel, which lost market share, AMD grew its server chip sales 30%.", "INTC") <
          -0.1);
}

TEST_CASE("market words are found however they are written") {
    // market_clause filters words by the tokenizer's key (the word lower-cased): capitals and
    // other cases must reach the same words.
    testing::Sentiments c;
    const std::string stocks =
        "STOCKS slumped 3% on tariff fears, though Oracle Corp gained after raising its cloud forecast.";
    CHECK(c.company_sentiment(stocks, "ORCL") > 0.1);
    const std::string equities = "Global EQUITIES sank on weak data, but Nike shares rose 5% after strong results.";
    CHECK(c.company_sentiment(equities, "NKE") > 0.1);
    const std::string sp =
        "The S & P 500 tumbled 2% in a broad sell-off, though Oracle Corp gained after raising its cloud forecast.";
    CHECK(c.company_sentiment(sp, "ORCL") > 0.1);
    const std::string wall = "WALL STREET slumped on tariff fears; Palantir bucked the trend, rising 4%.";
    CHECK(c.company_sentiment(wall, "PLTR") > 0.1);
}

TEST_CASE("a term is about the company named last before it in its clause") {
    testing::Sentiments c;
    CHECK(c.company_sentiment("Intel's loss is TSMC's gain.", "INTC") < -0.1);
    CHECK(c.company_sentiment("Intel's loss is TSMC's gain.", "TSM") > 0.1);
    // The company after the move is no subject of it.
    const std::string modems = "Qualcomm fell 6% after Apple said it would use its own modems in new iPhones.";
    CHECK(std::abs(c.company_sentiment(modems, "AAPL")) < 0.1);
    CHECK(c.company_sentiment("UPS gained 3% after rival FedEx lost a major contract with Amazon.", "FDX") < -0.1);
    CHECK(c.company_sentiment("UPS gained 3% after rival FedEx lost a major contract with Amazon.", "UPS") > 0.1);
}

TEST_CASE("companies listed together share the term about them") {
    testing::Sentiments c;
    const std::string text = "Target Corp shares slumped 12% after a profit warning, and Walmart and Costco fell in sympathy.";
    CHECK(c.company_sentiment(text, "TGT") < -0.1);
    CHECK(c.company_sentiment(text, "WMT") < -0.1);
    CHECK(c.company_sentiment(text, "COST") < -0.1);
    const std::string also = "ASML Holding shares fell 8% after weaker bookings, and Applied Materials and Lam Research "
                             "slid in sympathy.";
    CHECK(c.company_sentiment(also, "AMAT") < -0.1);
    CHECK(c.company_sentiment(also, "LRCX") < -0.1);
}

TEST_CASE("the company a comparison is said of after it is the one beaten") {
    testing::Sentiments c;
    const std::string text = "Lockheed Martin won a $20 billion fighter jet contract, beating rival Northrop Grumman.";
    CHECK(c.company_sentiment(text, "LMT") > 0.1);
    CHECK(c.company_sentiment(text, "NOC") < -0.1);
    CHECK(c.company_sentiment("Chipotle beat estimates.", "CMG") > 0.1);
}

TEST_CASE("a rating or price target is about the company rated, not the rater") {
    testing::Sentiments c;
    const std::string cut = "Goldman Sachs analysts cut their price target on Tesla to $200 from $250.";
    CHECK(c.company_sentiment(cut, "TSLA") < -0.1);
    CHECK(std::abs(c.company_sentiment(cut, "GS")) < 0.1);
    const std::string moody = "Moody's downgraded Intel's credit rating, citing weak cash flow.";
    CHECK(c.company_sentiment(moody, "INTC") < -0.1);
    CHECK(std::abs(c.company_sentiment(moody, "MCO")) < 0.1);
    // "at" / "by" names the rater after the term.
    const std::string at = "$AMD upgraded to buy at Goldman Sachs";
    CHECK(c.company_sentiment(at, "AMD") > 0.1);
    CHECK(std::abs(c.company_sentiment(at, "GS")) < 0.1);
}

TEST_CASE("an elliptic move: companies that \"also\" moved share it") {
    testing::Sentiments c;
    // Before: "also" stood between the names and "rose", and neither company took the move.
    const std::string text = "Nvidia raised its revenue forecast, sending its shares up 6%; AMD and Broadcom also rose.";
    CHECK(c.company_sentiment(text, "AMD") > 0.1);
    CHECK(c.company_sentiment(text, "AVGO") > 0.1);
    CHECK(c.company_sentiment("Nvidia raised its revenue forecast. AMD and Broadcom also rose.", "AVGO") > 0.1);
    // A passive move's cause after "by" is not the company's subject.
    const std::string halted = "Toyota beat forecasts, while Honda Motor's output was halted by a strike.";
    CHECK(c.company_sentiment(halted, "HMC") < -0.1);
}

TEST_CASE("a verb that moves what follows it is about the company after it") {
    testing::Sentiments c;
    // Before: "dragging down" was no term, and "dragged" went to the company named before it (0 for AMD).
    const std::string drag = "Target Corp slumped 9% on a profit warning, dragging down Walmart and Costco.";
    CHECK(c.company_sentiment(drag, "WMT") < -0.1);
    CHECK(c.company_sentiment(drag, "COST") < -0.1);
    CHECK(c.company_sentiment(drag, "TGT") < -0.1);
    const std::string weighed = "A profit warning from Intel weighed on shares of AMD and Nvidia.";
    CHECK(c.company_sentiment(weighed, "AMD") < -0.1);
    CHECK(c.company_sentiment(weighed, "NVDA") < -0.1);
    const std::string buoyed = "Nvidia jumped 6% after record sales, buoying Broadcom.";
    CHECK(c.company_sentiment(buoyed, "AVGO") > 0.1);
    // A measure the verb moves stands between: the company after it is another's subject.
    const std::string own = "Nvidia lifted its revenue forecast and Intel sank 5%.";
    CHECK(c.company_sentiment(own, "NVDA") > 0.1);
    CHECK(c.company_sentiment(own, "INTC") < -0.1);
}

TEST_CASE("the losing side of a contest named after \"against\" or \"over\"") {
    testing::Sentiments c;
    // Before: only the winner got the tone; the loser read neutral.
    const std::string won = "Apple won its lawsuit against Qualcomm.";
    CHECK(c.company_sentiment(won, "AAPL") > 0.1);
    CHECK(c.company_sentiment(won, "QCOM") < -0.1);
    const std::string lost = "Qualcomm lost its appeal against Apple.";
    CHECK(c.company_sentiment(lost, "QCOM") < -0.1);
    CHECK(c.company_sentiment(lost, "AAPL") > 0.1);
    const std::string over = "Oracle prevailed over Google in the copyright case.";
    CHECK(c.company_sentiment(over, "GOOGL") < -0.1);
    // Not a contest: a partner after "with" shares the news.
    const std::string partner = "Microsoft won a cloud contract with Oracle.";
    CHECK(c.company_sentiment(partner, "ORCL") >= 0.0);
}

TEST_CASE("a term's clause is found alike in a sentence of few clauses and of many") {
    // clause_holding counts a few clause starts and searches many (over 16): both must give each
    // company its own terms.
    testing::Sentiments c;
    const std::string pair = "Nvidia jumped 8%, while AMD fell 4%.";
    for (int lead : {0, 3, 14, 15, 16, 17, 40}) {
        std::string text;
        for (int i = 0; i < lead; ++i) text += "in city " + std::to_string(i) + ", ";
        text += pair;
        INFO("leading clauses: " << lead);
        CHECK(c.company_sentiment(text, "NVDA") > 0.1);
        CHECK(c.company_sentiment(text, "AMD") < -0.1);
    }
}

TEST_CASE("clause_holding_padded reads past a sentence's clause starts and answers as clause_holding") {
    using herald::analysis::clause_holding;
    using herald::analysis::clause_holding_padded;
    using herald::analysis::kClausePad;
    // Sentences of 1 to 20 clauses, each followed by the next sentence's starts and the sentinels
    // the scorer appends; every token of the sentence, and a few past it, gets the same clause.
    for (uint32_t n = 1; n <= 20; ++n) {
        std::vector<uint32_t> starts;
        for (uint32_t c = 0; c < n; ++c) starts.push_back(10 + 3 * c);
        const uint32_t last = starts.back() + 3;  // one past the sentence's last token
        for (uint32_t c = 0; c < 4; ++c) starts.push_back(last + 2 * c);  // the next sentence
        starts.insert(starts.end(), kClausePad, UINT32_MAX);
        for (uint32_t token = 10; token < last + 3; ++token) {
            INFO("clauses " << n << ", token " << token);
            CHECK(clause_holding_padded(starts.data(), n, token) == clause_holding(starts.data(), n, token));
        }
    }
}

TEST_CASE("the company right after a comparison verb lost it") {
    testing::Sentiments c;
    // Before: Walmart, named last before "growth", took the winner's growth (+0.48).
    const std::string beat = "Costco beat Walmart on same-store sales growth.";
    CHECK(c.company_sentiment(beat, "COST") > 0.1);
    CHECK(c.company_sentiment(beat, "WMT") < -0.1);
    const std::string outsold = "Apple outsold Samsung Electronics in China as iPhone sales jumped.";
    CHECK(c.company_sentiment(outsold, "AAPL") > 0.1);
    CHECK(c.company_sentiment(outsold, "005930.KS") <= 0.0);
}

TEST_CASE("\"its\" after a clause naming two companies is the subject's, and listed with neither") {
    testing::Sentiments c;
    // Before: the rise went to Sony (+0.48) and the fall to Nokia (-0.48), the companies named last.
    const std::string outsold = "Microsoft outsold Sony in the quarter, and its shares rose.";
    CHECK(c.company_sentiment(outsold, "MSFT") > 0.1);
    CHECK(c.company_sentiment(outsold, "SONY") == doctest::Approx(0.0));
    const std::string deal = "Ericsson signed a deal with Nokia, and its shares fell 5 %.";
    CHECK(c.company_sentiment(deal, "ERIC") < -0.1);
    CHECK(c.company_sentiment(deal, "NOK") == doctest::Approx(0.0));
    // "Visa and Mastercard rose": companies listed together still share.
    CHECK(c.company_sentiment("Visa and Mastercard rose 2 % after strong results.", "MA") > 0.1);
}
