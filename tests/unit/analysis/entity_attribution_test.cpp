// Per-company attribution inside a sentence (src/analysis/entity_attribution.cpp): each company
// takes the terms about it, not the whole sentence's tone (issue 15; data/eval/entity-sentiment.tsv).
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "herald/analysis/document.hpp"
#include "herald/analysis/entities.hpp"
#include "herald/analysis/sentiment.hpp"

using namespace herald::analysis;

namespace {

struct Companies {
    Event event;
    std::string text;
    Document doc;
    std::vector<Mention> mentions;
    std::vector<Metric> metrics;
    Analysis out;
    EntityFinder finder{AliasTable::builtin()};
    SentimentScorer scorer{Lexicon::builtin()};

    // The score of `ticker` in `s`; fails the test when the company is not found.
    double score(std::string s, std::string_view ticker) {
        text = std::move(s);
        event.clear();
        event.text = text;
        out.clear();
        mentions.clear();
        doc.build(event);
        finder.find(doc, mentions);
        scorer.score(doc, mentions, metrics, out, nullptr);
        for (const auto& e : out.entities)
            if (e.ticker == ticker) return e.sentiment.score;
        FAIL("no entity ", ticker, " in: ", text);
        return 0;
    }
};

}  // namespace

TEST_CASE("a clause about the market is no company's") {
    Companies c;
    // Before: the market's fall went to the one company named (-0.48, -0.51).
    CHECK(c.score("Wall Street ended lower as investors worried about tariffs; Palantir bucked the trend, rising 4%.",
                  "PLTR") > 0.1);
    CHECK(c.score("The Nasdaq slumped 2% in a broad tech sell-off, though Oracle Corp gained after raising its "
                  "cloud forecast.",
                  "ORCL") > 0.1);
    CHECK(c.score("Markets rallied on hopes of a rate cut, but Nike shares sank 7% after it withdrew its guidance.",
                  "NKE") < -0.1);
    // "market share" is the company's own.
    CHECK(c.score("Unlike Intel, which lost market share, AMD grew its server chip sales 30%.", "INTC") < -0.1);
}

TEST_CASE("a term is about the company named last before it in its clause") {
    Companies c;
    CHECK(c.score("Intel's loss is TSMC's gain.", "INTC") < -0.1);
    CHECK(c.score("Intel's loss is TSMC's gain.", "TSM") > 0.1);
    // The company after the move is no subject of it.
    CHECK(std::abs(c.score("Qualcomm fell 6% after Apple said it would use its own modems in new iPhones.", "AAPL")) < 0.1);
    CHECK(c.score("UPS gained 3% after rival FedEx lost a major contract with Amazon.", "FDX") < -0.1);
    CHECK(c.score("UPS gained 3% after rival FedEx lost a major contract with Amazon.", "UPS") > 0.1);
}

TEST_CASE("companies listed together share the term about them") {
    Companies c;
    const std::string text = "Target Corp shares slumped 12% after a profit warning, and Walmart and Costco fell in sympathy.";
    CHECK(c.score(text, "TGT") < -0.1);
    CHECK(c.score(text, "WMT") < -0.1);
    CHECK(c.score(text, "COST") < -0.1);
    const std::string also = "ASML Holding shares fell 8% after weaker bookings, and Applied Materials and Lam Research "
                             "slid in sympathy.";
    CHECK(c.score(also, "AMAT") < -0.1);
    CHECK(c.score(also, "LRCX") < -0.1);
}

TEST_CASE("the company a comparison is said of after it is the one beaten") {
    Companies c;
    const std::string text = "Lockheed Martin won a $20 billion fighter jet contract, beating rival Northrop Grumman.";
    CHECK(c.score(text, "LMT") > 0.1);
    CHECK(c.score(text, "NOC") < -0.1);
    CHECK(c.score("Chipotle beat estimates.", "CMG") > 0.1);
}

TEST_CASE("a rating or price target is about the company rated, not the rater") {
    Companies c;
    const std::string cut = "Goldman Sachs analysts cut their price target on Tesla to $200 from $250.";
    CHECK(c.score(cut, "TSLA") < -0.1);
    CHECK(std::abs(c.score(cut, "GS")) < 0.1);
    const std::string moody = "Moody's downgraded Intel's credit rating, citing weak cash flow.";
    CHECK(c.score(moody, "INTC") < -0.1);
    CHECK(std::abs(c.score(moody, "MCO")) < 0.1);
    // "at" / "by" names the rater after the term.
    const std::string at = "$AMD upgraded to buy at Goldman Sachs";
    CHECK(c.score(at, "AMD") > 0.1);
    CHECK(std::abs(c.score(at, "GS")) < 0.1);
}

TEST_CASE("an elliptic move: companies that \"also\" moved share it") {
    Companies c;
    // Before: "also" stood between the names and "rose", and neither company took the move.
    const std::string text = "Nvidia raised its revenue forecast, sending its shares up 6%; AMD and Broadcom also rose.";
    CHECK(c.score(text, "AMD") > 0.1);
    CHECK(c.score(text, "AVGO") > 0.1);
    CHECK(c.score("Nvidia raised its revenue forecast. AMD and Broadcom also rose.", "AVGO") > 0.1);
    // A passive move's cause after "by" is not the company's subject.
    CHECK(c.score("Toyota beat forecasts, while Honda Motor's output was halted by a strike.", "HMC") < -0.1);
}
