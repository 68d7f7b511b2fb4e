// Figures news states without the kind word an analyst files them under (issue 14): investment
// pledges are capital spending, stake investments are deals, contracts are orders or commitments;
// and forms that lost part of a figure: per-share ranges, margins below zero, "per diluted
// share", a business's amount after its move, a projection of the clause after "and".
// Sentences written for these tests.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "../../../src/analysis/metrics_words.hpp"
#include "metrics_support.hpp"

using namespace herald::analysis;

using testing::near;

TEST_CASE("an investment pledge is capital spending to come") {
    testing::Run r;
    SUBCASE("a verb: to invest, will invest, commits") {
        for (const char* s : {"Acme to invest $9 billion in Ohio data centers through 2027.",
                              "Acme said it will invest an additional $912 million in new lines.",
                              "Acme commits $15 billion to an AI hub in India."}) {
            CAPTURE(s);
            const auto& ms = r.on(s);
            REQUIRE(ms.size() == 1);
            CHECK(ms[0].kind == MetricKind::capex);
            CHECK(ms[0].entity == "Acme");
            CHECK(ms[0].forecast);
            CHECK(ms[0].period.view().empty());  // "through 2027" is the horizon, no period
        }
    }
    SUBCASE("a noun: a planned investment, an investment of") {
        for (const char* s : {"Amazon Web Services opened a region, part of a planned $4 billion investment in Chile.",
                              "AWS said the investment of $4 billion runs to 2040."}) {
            CAPTURE(s);
            const auto& ms = r.on(s);
            REQUIRE(ms.size() == 1);
            CHECK(ms[0].kind == MetricKind::capex);
            CHECK(ms[0].segment == "AWS");  // a named business, not the place the money goes
            CHECK(ms[0].forecast);
        }
    }
    SUBCASE("the plant the money is for is its business") {
        const auto& ms = r.on("Acme will invest $900 million in its Ohio battery plant.");
        REQUIRE(ms.size() == 1);
        CHECK(ms[0].segment == "Ohio battery plant");
    }
    SUBCASE("money spent on a plant is capex, not a projection") {
        for (const char* s : {"Globex opened a plant in Lyon that cost about EUR 200m and will build robots.",
                              "Globex opens EUR 200m factory in Lyon."}) {
            CAPTURE(s);
            const auto& ms = r.on(s);
            REQUIRE(ms.size() == 1);
            CHECK(ms[0].kind == MetricKind::capex);
            CHECK(!ms[0].forecast);
        }
    }
    SUBCASE("money put into a company is a deal; into funds or industries, no metric") {
        const auto& ms = r.on("Acme to invest $1 billion in Nokia.");
        REQUIRE(ms.size() == 1);
        CHECK(ms[0].kind == MetricKind::deal_value);
        CHECK(r.on("Acme said it will finance and invest up to $1.5 trillion in industries critical to growth.").empty());
        CHECK(r.on("Acme will invest $2 billion in AI startups.").empty());
    }
    SUBCASE("\"investment\" naming a business is no pledge") {
        for (const Metric& m : r.on("Investment banking fees rose 18% to $2.9 billion and markets revenue climbed 11%."))
            CHECK(m.kind != MetricKind::capex);
    }
    SUBCASE("nobody's spending is no company's capex") {
        CHECK(r.on("Shoppers will spend $10 billion on gifts this year.").empty());
    }
    SUBCASE("a kind word after the figure still decides") {
        const auto& ms = r.on("Acme will spend $5 billion on buybacks.");
        REQUIRE(ms.size() == 1);
        CHECK(ms[0].kind == MetricKind::buyback);
    }
}

TEST_CASE("a contract is an order the seller won or a commitment of the buyer, not a deal's price") {
    testing::Run r;
    SUBCASE("seller") {
        for (const char* s : {"Acme signs $20 billion cloud deal with a social media company.",
                              "Acme agreed a contract worth about $20 billion with a carrier.",
                              "Amazon Web Services agreed a seven-year, $38 billion deal to provide GPUs to a developer."}) {
            CAPTURE(s);
            const auto& ms = r.on(s);
            REQUIRE(ms.size() == 1);
            CHECK(ms[0].kind == MetricKind::orders);
            CHECK(!ms[0].forecast);
            CHECK(ms[0].point_in_time);
        }
        CHECK(r.on("Acme signs $20 billion cloud deal with a social media company.")[0].segment.empty());
    }
    SUBCASE("buyer") {
        for (const char* s : {"Microsoft signs $9.7 billion AI cloud capacity deal.",
                              "Microsoft agreed a $9.7 billion contract with a provider to secure computing capacity."}) {
            CAPTURE(s);
            const auto& ms = r.on(s);
            REQUIRE(ms.size() == 1);
            CHECK(ms[0].kind == MetricKind::commitments);
        }
    }
    SUBCASE("an acquisition stays a deal") {
        const auto& ms = r.on("Acme agreed a $5 billion deal to acquire Globex.");
        REQUIRE(ms.size() == 1);
        CHECK(ms[0].kind == MetricKind::deal_value);
    }
}

TEST_CASE("per-share ranges keep their high end") {
    testing::Run r;
    SUBCASE("EPS") {
        struct Case {
            const char* text;
            double low, high;
        };
        for (const Case& c : {Case{"Acme expects adjusted EPS of $3.00-3.15 for 2026.", 3.0, 3.15},
                              Case{"Acme sees EPS of $2.60 to 2.65.", 2.6, 2.65},
                              Case{"Globex expects EPS of €10.40-11.00.", 10.4, 11.0}}) {
            CAPTURE(c.text);
            const auto& ms = r.on(c.text);
            REQUIRE(ms.size() == 1);
            CHECK(ms[0].kind == MetricKind::eps);
            CHECK(ms[0].is_range);
            CHECK(near(ms[0].low, c.low));
            CHECK(near(ms[0].high, c.high));
        }
    }
    SUBCASE("no range where the second number is no price") {
        for (const char* s : {"paid $3.00-2026 fees", "won $5-100 prizes", "priced at $4.50-4"}) {
            CAPTURE(s);
            r.on(s);
            REQUIRE(!r.quantities.empty());
            CHECK(!r.quantities[0].is_range);
        }
    }
}

TEST_CASE("a margin below zero") {
    testing::Run r;
    for (const char* s : {"Acme's operating margin was negative 50.6% because of the charge.",
                          "Acme's operating margin was minus 4% in the quarter.", "Acme posted an operating margin of -4%."}) {
        CAPTURE(s);
        const auto& ms = r.on(s);
        REQUIRE(ms.size() == 1);
        CHECK(ms[0].kind == MetricKind::operating_margin);
        CHECK(ms[0].value < 0);
    }
    SUBCASE("negative cash flow") {
        const auto& ms = r.on("S&P cited Acme's negative free cash flow of more than $10 billion.");
        REQUIRE(ms.size() == 1);
        CHECK(ms[0].kind == MetricKind::cash_flow);
        CHECK(near(ms[0].value, -10e9));
    }
}

TEST_CASE("per diluted share is EPS") {
    testing::Run r;
    const auto& ms = r.on("Acme's net income was $21.2 billion, or $1.95 per diluted share.");
    REQUIRE(ms.size() == 2);
    const Metric* eps = testing::metric_of(ms, MetricKind::eps);
    REQUIRE(eps);
    CHECK(near(eps->value, 1.95));
    SUBCASE("a dividend named before stays a dividend") {
        const auto& d = r.on("Acme declared a dividend of $0.26 per diluted share.");
        REQUIRE(d.size() == 1);
        CHECK(d[0].kind == MetricKind::dividend);
    }
}

TEST_CASE("a business's amount after its move is its revenue") {
    testing::Run r;
    const auto& ms = r.on("Acme's search revenue grew 12% to $60.1 billion and advertising rose 10% to $11.2 billion.");
    REQUIRE(ms.size() == 2);
    CHECK(ms[1].kind == MetricKind::revenue);
    CHECK(near(ms[1].value, 11.2e9));
    CHECK(ms[1].segment == "advertising");
    CHECK(near(ms[1].change.percent, 10.0));
    CHECK(ms[1].text == "$11.2 billion");
}

TEST_CASE("a projection after \"and\" is its own predicate's") {
    testing::Run r;
    SUBCASE("a new subject") {
        const auto& ms = r.on("Acme agreed to buy 2.9% of Nokia for $1 billion and the two companies will co-develop products.");
        REQUIRE(ms.size() == 1);
        CHECK(ms[0].kind == MetricKind::deal_value);
        CHECK(!ms[0].forecast);
    }
    SUBCASE("the same subject") {
        const auto& ms = r.on("Acme reported revenue of $5 billion and will raise its dividend.");
        REQUIRE(ms.size() == 1);
        CHECK(!ms[0].forecast);
    }
    SUBCASE("a projection before \"and\" stays one; a figure after it reads its own clause") {
        const auto& a = r.on("Acme expects revenue of $5 billion and will raise its dividend.");
        REQUIRE(a.size() == 1);
        CHECK(a[0].forecast);
        const auto& b = r.on("Acme reported revenue of $5 billion and will pay a dividend of $1.10 per share.");
        REQUIRE(b.size() == 2);
        CHECK(!b[0].forecast);
        CHECK(b[1].forecast);
    }
}

namespace {

// The OR of the cues of a one-sentence text's tokens (words::word_flags), and each token's word.
uint32_t sentence_cues(const std::string& text, std::vector<words::TokenWord>& tw) {
    Event event;
    event.body = text;  // a view: text outlives the document
    Document doc;
    doc.build(event);
    const Sentence& s = doc.sentences.at(0);
    std::vector<uint32_t> flags(s.last_token - s.first_token);
    tw.assign(flags.size(), {});
    return words::word_flags(doc, s.first_token, s.last_token, flags.data(), tw.data());
}

}  // namespace

// pledge_kind skips a sentence whose cues lack words::kCueSpending: the metric word table must give
// that cue to every word of the four roles it reads, in any case, and a sentence of none of them
// no cue (else pledges are silently lost, or the skip never happens).
TEST_CASE("every word of a spending role carries the spending cue, in any case") {
    struct Word {
        std::string text;
        words::Role role;
    };
    std::vector<Word> all;
    words::each_word([](std::string_view w, words::Role r, void* out) {
        static_cast<std::vector<Word>*>(out)->push_back({std::string(w), r});
    }, &all);
    size_t spending = 0;
    for (Word w : all) {
        if (!words::spending_role(w.role) || w.text.find(' ') != std::string::npos) continue;
        ++spending;
        for (int upper = 0; upper < 2; ++upper) {
            if (upper && w.text[0] >= 'a' && w.text[0] <= 'z') w.text[0] = static_cast<char>(w.text[0] - 'a' + 'A');
            CAPTURE(w.text);
            std::vector<words::TokenWord> tw;
            CHECK((sentence_cues("The " + w.text + " of Acme", tw) & words::kCueSpending) != 0);
            CHECK(static_cast<words::Role>(tw[1].role) == w.role);
        }
    }
    CHECK(spending >= 30);
    // expense_figure reads "cost", "costs", "costing" by key behind the same cue; total_before
    // its four total words behind kCueTotal, business_after_figure "in" behind kCueIn.
    struct Cued {
        const char* word;
        uint32_t cue;
    };
    for (const Cued c : {Cued{"cost", words::kCueSpending}, Cued{"Costs", words::kCueSpending},
                         Cued{"costing", words::kCueSpending}, Cued{"total", words::kCueTotal},
                         Cued{"Consolidated", words::kCueTotal}, Cued{"group", words::kCueTotal},
                         Cued{"OVERALL", words::kCueTotal}, Cued{"in", words::kCueIn}, Cued{"In", words::kCueIn}}) {
        CAPTURE(c.word);
        std::vector<words::TokenWord> tw;
        CHECK((sentence_cues(std::string("The ") + c.word + " of Acme", tw) & c.cue) != 0);
    }
    std::vector<words::TokenWord> tw;
    CHECK((sentence_cues("Acme revenue rose to $5 billion in the quarter.", tw) & words::kCueSpending) == 0);
    // A pledge is still read through the cue.
    testing::Run r;
    const auto& ms = r.on("Acme will spend $2 billion on a new battery plant.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].kind == MetricKind::capex);
}
