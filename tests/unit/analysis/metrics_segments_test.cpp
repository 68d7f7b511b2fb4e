// Issue 14 items 1 and 3 through the metric extractor: the business a figure is about (entity =
// the company, segment = the unit, product, brand or region), changes never carried across
// businesses, figures of several companies together, and ranges on the metric.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "metrics_support.hpp"

using namespace herald::analysis;

namespace {

bool near(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::fmax(1.0, std::fabs(b)); }

using testing::describe;

struct Case {
    std::string_view text, metrics;
};

const Case kCases[] = {
    // segments from the alias table stay segments; the entity is their company
    {"Amazon reported $37.6B in AWS revenue.", "revenue Amazon/AWS 3.76e+10"},
    {"AWS backlog reached $364B, Amazon said.", "backlog Amazon/AWS 3.64e+11"},
    {"Azure grew 40% in the quarter.", "revenue Microsoft/Azure 40%"},
    {"Customers have reserved $225B of Trainium capacity.", "commitments Amazon/Trainium 2.25e+11"},
    // business words before the kind
    {"Acme's e-commerce sales rose 27%.", "revenue Acme/e-commerce 27%"},
    {"Global e-commerce sales at Acme rose 27% and global advertising grew 53%.",
     "revenue Acme/e-commerce 27%; revenue Acme/advertising 53%"},
    {"Acme's advertising revenue was $3 billion.", "revenue Acme/advertising 3e+09"},
    {"Acme's data center revenue jumped 56% to $51.2 billion.", "revenue Acme/data center 5.12e+10"},
    {"Acme U.S. comparable sales grew 4.5%.", "comparable_sales Acme/Acme U.S. 4.5%"},
    {"Acme International sales fell 2% to $30 billion.", "revenue Acme/Acme International 3e+10"},
    {"Acme said North America sales rose 5%.", "revenue Acme/North America 5%"},
    {"Acme's iPhone revenue fell 2% to $44 billion.", "revenue Acme/iPhone 4.4e+10"},
    // business words after the kind
    {"Acme's revenue from advertising rose 20% to $4 billion.", "revenue Acme/advertising 4e+09"},
    {"Acme said sales in Greater China fell 4%.", "revenue Acme/Greater China -4%"},
    {"Acme's orders from AI and cloud customers were EUR 1.1 bn.", "orders Acme/AI and cloud 1.1e+09"},
    // a business or region named after the figure
    {"Acme said revenue rose 5% in Europe and fell 3% in China.", "revenue Acme/Europe 5%; revenue Acme/China -3%"},
    {"Acme said revenue grew 20% quarter over quarter in Data Center.", "revenue Acme/Data Center 20%"},
    {"Acme said revenue rose 5% in Q3.", "revenue Acme/ 5%"},
    {"Acme said revenue rose 5% in October.", "revenue Acme/ 5%"},
    {"Acme said revenue rose 5% in the quarter.", "revenue Acme/ 5%"},
    // a named unit before its noun
    {"At Acme, the Imaging & Sensing Solutions unit's operating profit jumped 41% to $102 billion.",
     "operating_income Acme/Imaging & Sensing Solutions 1.02e+11"},
    // a subject that is a business of the company, without a kind word
    {"At Acme, cloud jumped 40% and services rose 12%.", "revenue Acme/cloud 40%; revenue Acme/services 12%"},
    // company totals: no segment
    {"Acme's revenue rose 5% to $10 billion.", "revenue Acme/ 1e+10"},
    {"Acme's total revenue was $225 billion.", "revenue Acme/ 2.25e+11"},
    {"Acme's adjusted quarterly revenue rose 5%.", "revenue Acme/ 5%"},
    {"Acme reported third-quarter revenue of $179.5 billion.", "revenue Acme/ 1.795e+11"},
    // per-share figures are the company's
    {"AWS earnings per share were $1.20.", "eps Amazon/ 1.2"},
};

}  // namespace

TEST_CASE("attribution: the company is the entity, the business it names the segment") {
    testing::Run r;
    for (const auto& c : kCases) {
        CAPTURE(c.text);
        CHECK(describe(r.on(c.text)) == c.metrics);
    }
}

TEST_CASE("a change is never carried to a value of another business") {
    testing::Run r;
    // The 30% is the cloud's, not the $10 billion total's.
    CHECK(describe(r.on("Acme's revenue was $10 billion and its cloud revenue grew 30%.")) ==
          "revenue Acme/ 1e+10; revenue Acme/cloud 30%");
    // The same business joins: value and change are one metric.
    CHECK(describe(r.on("AWS revenue accelerated to $37.6B, up 28% year over year.")) == "revenue Amazon/AWS 3.76e+10");
    const auto& ms = r.on("AWS revenue accelerated to $37.6B, up 28% year over year.");
    REQUIRE(ms.size() == 1);
    CHECK(near(ms[0].change.percent, 28.0));
    // A segment named in an earlier sentence is not a later figure's.
    CHECK(describe(r.on("AWS revenue rose 20% to $33.9B. Net income was $21.2 billion.")) ==
          "revenue Amazon/AWS 3.39e+10; net_income Amazon/ 2.12e+10");
    // "total" after a segment figure is the company's total.
    CHECK(describe(r.on("Amazon expects AWS revenue of $166 billion and total revenue of $225 billion.")) ==
          "revenue Amazon/AWS 1.66e+11; revenue Amazon/ 2.25e+11");
}

TEST_CASE("a figure of several companies together is no company's metric") {
    testing::Run r;
    const std::string_view none[] = {
        "Combined capital expenditures of Microsoft, Amazon and Acme are on track to exceed $400 billion.",
        "Capex of Microsoft, Amazon and Acme will top $400 billion in 2026.",
        "The four hyperscalers' capex will top $400 billion.",
        "Together, Acme and Globex spent $90 billion on capex.",
        "Hyperscaler capex is seen topping $400 billion.",
    };
    for (auto t : none) {
        CAPTURE(t);
        CHECK(describe(r.on(t)) == "");
    }
    // One company's figure next to others' names is still its own.
    CHECK(describe(r.on("Microsoft spent $30 billion on capex, more than Amazon.")) == "capex Microsoft/ 3e+10");
    CHECK(describe(r.on("Acme and Globex grew revenue 5% and 7%, respectively, while Acme's capex was $9 billion.")) ==
          "capex Acme/ 9e+09");
}

TEST_CASE("ranges on the metric: both ends of a value range and of a change range") {
    testing::Run r;
    auto ms = r.on("Acme expects adjusted EPS of $2.60 to $2.65.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].kind == MetricKind::eps);
    CHECK(ms[0].is_range);
    CHECK(near(ms[0].value, 2.60));
    CHECK(near(ms[0].low, 2.60));
    CHECK(near(ms[0].high, 2.65));

    struct ValueRange {
        std::string_view text;
        double low, high;
    };
    const ValueRange value_ranges[] = {
        {"Acme's revenue guidance is $1.2-1.5 billion.", 1.2e9, 1.5e9},
        {"Acme guided revenue between $12.8 billion and $13.8 billion.", 12.8e9, 13.8e9},
        {"Acme's gross margin is expected at 47-48%.", 47.0, 48.0},
    };
    for (const auto& c : value_ranges) {
        CAPTURE(c.text);
        ms = r.on(c.text);
        REQUIRE(ms.size() == 1);
        CHECK(near(ms[0].value, c.low));
        CHECK(near(ms[0].low, c.low));
        CHECK(near(ms[0].high, c.high));
    }

    // Written as two figures: one metric, the text covering both.
    ms = r.on("Acme expects fourth-quarter revenue of $12.8 billion to $13.8 billion.");
    REQUIRE(ms.size() == 1);
    CHECK(near(ms[0].low, 12.8e9));
    CHECK(near(ms[0].high, 13.8e9));
    CHECK(ms[0].text == "$12.8 billion to $13.8 billion");
    ms = r.on("Acme sees $12.8 billion to $13.8 billion in revenue.");
    REQUIRE(ms.size() == 1);
    CHECK(near(ms[0].high, 13.8e9));
    // A move from one figure to another is no range, nor a move in points then the level.
    ms = r.on("Acme's operating margin widened 1.5 percentage points to 15.2%.");
    REQUIRE(ms.size() == 1);
    CHECK_FALSE(ms[0].is_range);
    ms = r.on("Acme's sales rose by 3% to 10%.");
    REQUIRE(!ms.empty());
    CHECK_FALSE(ms[0].change.has_percent_high);
    ms = r.on("Acme's revenue rose from $1 billion to $2 billion.");
    REQUIRE(ms.size() == 1);
    CHECK_FALSE(ms[0].is_range);
    CHECK(near(ms[0].value, 2e9));

    ms = r.on("Acme sees a net loss of $1 billion to $2 billion.");
    REQUIRE(ms.size() == 1);
    CHECK(near(ms[0].value, -1e9));
    CHECK(near(ms[0].high, -2e9));

    ms = r.on("Acme now expects net sales growth of 4.8-5.1%.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].change.has_percent);
    CHECK(near(ms[0].change.percent, 4.8));
    CHECK(ms[0].change.has_percent_high);
    CHECK(near(ms[0].change.percent_high, 5.1));

    ms = r.on("Acme expects revenue to grow 10% to 12% year over year.");
    REQUIRE(ms.size() == 1);
    CHECK(near(ms[0].change.percent, 10.0));
    CHECK(near(ms[0].change.percent_high, 12.0));

    ms = r.on("Acme expects sales to decline 2-4%.");
    REQUIRE(ms.size() == 1);
    CHECK(near(ms[0].change.percent, -2.0));
    CHECK(near(ms[0].change.percent_high, -4.0));

    // A single figure is no range.
    ms = r.on("Acme's revenue was $5 billion, up 3%.");
    REQUIRE(ms.size() == 1);
    CHECK_FALSE(ms[0].is_range);
    CHECK_FALSE(ms[0].change.has_percent_high);
}

TEST_CASE("'segment margin', 'the unit's operating income': the business the item's latest segment figure named") {
    testing::Run r;
    CHECK(describe(r.on("AWS revenue rose 19% to $33 billion. Segment operating margin was 36.1%.")) ==
          "revenue Amazon/AWS 3.3e+10; operating_margin Amazon/AWS 36.1");
    CHECK(describe(r.on("Azure revenue rose 39% to $20 billion, while the unit's operating income was $9 billion.")) ==
          "revenue Microsoft/Azure 2e+10; operating_income Microsoft/Azure 9e+09");
    CHECK(describe(r.on("Amazon's AWS revenue was $3 billion and the segment’s operating margin was 12%.")) ==
          "revenue Amazon/AWS 3e+09; operating_margin Amazon/AWS 12");
    // No segment figure before it, or the company's own: no segment.
    CHECK(describe(r.on("Acme said segment margin was 12%.")) == "operating_margin Acme/ 12");
    CHECK(describe(r.on("AWS revenue rose 19% to $33 billion. The company's operating margin was 11%.")) ==
          "revenue Amazon/AWS 3.3e+10; operating_margin Amazon/ 11");
}

TEST_CASE("business lines companies report: product, security, energy, transportation, premium tiers") {
    testing::Run r;
    CHECK(describe(r.on("Energy & Transportation sales rose 17% to $7.8 billion, Acme said.")) ==
          "revenue Acme/Energy & Transportation 7.8e+09");
    CHECK(describe(r.on("Acme's product revenue rose 29% to $1.16 billion.")) == "revenue Acme/product 1.16e+09");
    CHECK(describe(r.on("Security revenue fell 2% to $2.0 billion, Acme said.")) == "revenue Acme/Security 2e+09");
    CHECK(describe(r.on("Acme's premium subscribers grew 12% to 281 million.")) == "subscribers Acme/premium 2.81e+08");
    // Jobs of a kind ("corporate jobs") are no business of the company.
    CHECK(describe(r.on("Acme plans to cut about 1,800 corporate jobs.")) == "job_cuts Acme/ 1800");
}
