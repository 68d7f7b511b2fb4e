// Relevance per company (issue 16 item 2): the Analyzer's scores on realistic stories, and the
// parts behind them.
#include <doctest/doctest.h>

#include <map>
#include <string>

#include "herald/analysis/analysis_json.hpp"
#include "herald/analysis/analyzer.hpp"

using namespace herald::analysis;

namespace {

struct Scored {
    std::map<std::string, int> relevance;  // by ticker (or name)
    RelevanceParts parts_of_first;
};

Scored relevance_of(const std::string& headline, const std::string& summary, std::vector<EntityHint> hints = {}) {
    static Analyzer analyzer(Resources::builtin());
    Analysis a;
    {
        Event e;
        e.id = "t", e.headline = headline, e.summary = summary, e.entities = std::move(hints);
        analyzer.analyze(e, a);  // entity names and tickers point into the alias table or the strings above
    }
    Scored s;
    for (const auto& en : a.entities) s.relevance[std::string(en.ticker.empty() ? en.name : en.ticker)] = en.relevance;
    s.parts_of_first = analyzer.relevance_parts(0);
    return s;
}

}  // namespace

TEST_CASE("a story about one company is highly relevant to it") {
    Scored s = relevance_of("Nike cuts full-year outlook as China sales slump",
                            "Nike lowered its revenue forecast on Thursday. The company said demand in China "
                            "weakened in the quarter. Nike shares fell 8% after hours.");
    REQUIRE(s.relevance.count("NKE"));
    CHECK(s.relevance["NKE"] >= 90);
    CHECK(s.parts_of_first.title == 40.0);
    CHECK(s.parts_of_first.lead == 20.0);
    CHECK(s.parts_of_first.crowd == 1.0);
}

TEST_CASE("a market round-up is of low relevance to each company it names") {
    Scored s = relevance_of(
        "Wall Street closes higher as tech rally broadens",
        "Apple rose 1.2%. Microsoft gained 0.8%. Nvidia added 2.1%. Amazon climbed 1.5%. Meta rose 0.9%. "
        "Tesla slipped 1.1%. Alphabet edged up 0.3%. Netflix fell 0.7%. Intel rose 2.4%. AMD gained 1.9%. "
        "Oracle added 0.6%. Boeing fell 1.3%.");
    REQUIRE(s.relevance.size() >= 10);
    for (const auto& entry : s.relevance) {  // not a structured binding: INFO's lambda cannot take one before clang 16
        INFO(entry.first);
        CHECK(entry.second < 30);
    }
    CHECK(s.parts_of_first.crowd < 0.6);
}

TEST_CASE("a company named in passing is peripheral; the story's subject stays relevant") {
    Scored s = relevance_of("Apple unveils iPhone 17 with a faster chip and a thinner design",
                            "Apple introduced the new phones at its Cupertino event on Tuesday. The iPhone 17 "
                            "starts at $799. Apple said preorders open on Friday. Analysts said the design "
                            "answers recent models from Samsung.");
    CHECK(s.relevance["AAPL"] >= 85);
    REQUIRE(s.relevance.count("005930.KS"));
    for (const auto& [name, r] : s.relevance)
        if (name != "AAPL") CHECK(r < 30);
}

TEST_CASE("both sides of a deal in the headline are relevant") {
    Scored s = relevance_of("Honeywell agrees to buy Emerson Electric for $69 billion",
                            "Honeywell will pay $120 a share in cash for Emerson. The deal makes Honeywell "
                            "the largest maker of industrial controls, Emerson said.");
    CHECK(s.relevance["HON"] >= 80);
    CHECK(s.relevance["EMR"] >= 70);
}

TEST_CASE("a company the event names but the text never mentions has relevance 0") {
    Scored s = relevance_of("Oil prices rise on supply worries", "Brent crude climbed 2% on Monday.",
                            {{"Exxon Mobil", "XOM"}});
    REQUIRE(s.relevance.count("XOM"));
    CHECK(s.relevance["XOM"] == 0);
}

TEST_CASE("without a headline the first sentence is the title") {
    Scored s = relevance_of("", "Intel names a new chief financial officer. The chipmaker said the search took "
                                "six months. Intel shares were flat.");
    CHECK(s.relevance["INTC"] >= 85);
    CHECK(s.parts_of_first.title == 40.0);
}

TEST_CASE("--explain shows the parts of each relevance") {
    Analyzer analyzer(Resources::builtin());
    Event e;
    e.id = "x";
    e.headline = "Intel names a new chief financial officer";
    e.summary = "The search took six months.";
    Analysis a;
    Explanation ex;
    analyzer.analyze(e, a, &ex);
    REQUIRE(ex.relevance.size() == a.entities.size());
    std::string line;
    append_analysis_json(line, e, a, &ex);
    // In the headline and first (40 + 20), one of two sentences (25 x 0.75), one mention (15 / 4).
    CHECK(line.find(R"("relevance":83,"relevance_parts":{"title":40,"lead":20,"share":18.75,"mentions":3.75,"crowd":1})") !=
          std::string::npos);
    line.clear();
    append_analysis_json(line, e, a);
    CHECK(line.find("relevance_parts") == std::string::npos);
}

TEST_CASE("a broker or agency rating another company is the story's source, not its topic") {
    // The rater headlines the story but reports no event of its own: counted as named in passing,
    // so a rule on `entity.relevance >= 70` does not count a downgrade as bad news about Moody's.
    Scored s = relevance_of("Moody's downgrades Intel to Baa1 on weak cash flow",
                            "Moody's lowered Intel's senior unsecured rating to Baa1 from A3, citing weaker free cash "
                            "flow and high capital spending.");
    REQUIRE(s.relevance.count("MCO"));
    CHECK(s.relevance["MCO"] <= 30);  // was 93
    CHECK(s.relevance["INTC"] >= 90);
    s = relevance_of("Goldman Sachs downgrades Nike to Neutral",
                     "Goldman Sachs analysts cut Nike to Neutral from Buy, citing slowing China demand. They lowered "
                     "their price target to $70 from $90.");
    CHECK(s.relevance["GS"] <= 30);  // was 93
    CHECK(s.relevance["NKE"] >= 90);
    // A bank reporting its own results keeps its relevance when it also rates another company.
    s = relevance_of("Goldman Sachs profit beats estimates",
                     "Goldman Sachs reported quarterly profit above estimates. Separately, Goldman Sachs upgraded "
                     "Nike to Buy.");
    CHECK(s.relevance["GS"] >= 70);
}
