// Physical quantities are no company figures: pounds of a metal are a weight, tonnes and ounces
// are no count of units delivered (issue 14 item 7; docs/metrics.md "Quantities", counts). Each
// case failed before its rule (s17-metnews); the negatives guard money pounds and unit counts.
#include <doctest/doctest.h>

#include "metrics_support.hpp"

using namespace herald::analysis;

TEST_CASE("pounds of a metal or a crop are a weight, not money") {
    testing::Run r;
    r.on("Acme said copper sales rose 6% to 1.08 billion pounds.");
    CHECK(r.quantities.size() == 1);  // the 6% only
    const auto& ms = r.on("Acme expects copper sales of 4.1 billion pounds next year.");
    CHECK(ms.empty());
    // Negatives: pounds of a company's sales, or of debt, stay money.
    const auto& gbp = r.on("Acme said sales rose 6% to 1.08 billion pounds.");
    REQUIRE(gbp.size() == 1);
    CHECK(gbp[0].unit.view() == "GBP");
    CHECK(testing::with_value(r.on("Acme repaid 2 billion pounds of debt and sales were 3 billion pounds."), 3e9));
}

TEST_CASE("tonnes, ounces and barrels are no count of units delivered") {
    testing::Run r;
    CHECK(r.on("Acme expects shipments of 195 million to 205 million tonnes in fiscal 2027.").empty());
    CHECK(r.on("Shipments reached 198.4 million tonnes.").empty());
    CHECK(r.on("Deliveries were 412,000 ounces.").empty());
    // Negative: vehicles are units.
    const auto& ms = r.on("Acme delivered 384,122 vehicles in the quarter.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].kind == MetricKind::deliveries);
}

TEST_CASE("10-K sentences: a move as an amount with its percentage, per-share and cash-flow phrases") {
    testing::Run r;
    const auto& ms = r.on("Operating income increased $1.1 billion, or 28%, to $5.0 billion for fiscal 2026.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].kind == MetricKind::operating_income);
    CHECK(testing::near(ms[0].value, 5e9));
    CHECK(ms[0].change.has_amount);
    CHECK(testing::near(ms[0].change.amount, 1.1e9));
    CHECK(testing::near(ms[0].change.percent, 28));
    // Negative: two levels joined by "or" with no "to" stay two figures.
    CHECK(r.on("Operating income was $1.1 billion, or 28%, and revenue was $5.0 billion.").size() >= 2);
    const auto& e = r.on("Diluted net income per share was $13.67 for fiscal 2026 compared with $10.43 for fiscal 2025.");
    const Metric* eps = testing::with_value(e, 13.67);
    REQUIRE(eps);
    CHECK(eps->kind == MetricKind::eps);
    const auto& p = r.on("Adjusted earnings per preferred share increased 6.7 percent to EUR 2.70.");
    const Metric* pe = testing::with_value(p, 2.70);
    REQUIRE(pe);
    CHECK(pe->kind == MetricKind::eps);
    const auto& c = r.on("Cash provided by operating activities was $6.1 billion for the twelve months ended July 31, 2026.");
    const Metric* cf = testing::with_value(c, 6.1e9);
    REQUIRE(cf);
    CHECK(cf->kind == MetricKind::cash_flow);
    CHECK(cf->period.view() == "FY2026");
}

TEST_CASE("twelve months ended any month are a fiscal year; trailing twelve months are none") {
    testing::Run r;
    CHECK(testing::period_of(r.on("Revenue was $6.1 billion for the twelve months ended July 31, 2026."), 6.1e9) == "FY2026");
    CHECK(testing::period_of(r.on("Revenue was $6.1 billion over the past twelve months."), 6.1e9) != "FY");
}

// trailing_level asks the tokenizer's key of the word before the move's figure first (issue 20):
// each word a trailing move can start with must still be read there, in any case, and a word
// that only shares its first bytes must not.
TEST_CASE("a move after a level and a comma is read after each lead word, in any case") {
    testing::Run r;
    struct Case {
        const char* move;
        Direction dir;
    };
    const Case cases[] = {{"an increase of 11%", Direction::up},   {"AN INCREASE OF 11%", Direction::up},
                          {"up 11%", Direction::up},               {"Up 11%", Direction::up},
                          {"down 11%", Direction::down},           {"DOWN 11%", Direction::down},
                          {"up about 11%", Direction::up},         {"up Approximately 11%", Direction::up},
                          {"up roughly 11%", Direction::up},       {"up nearly 11%", Direction::up},
                          {"up almost 11%", Direction::up},        {"up some 11%", Direction::up},
                          {"an increase of $0.5 billion, or 11%", Direction::up}};
    for (const Case& c : cases) {
        CAPTURE(c.move);
        // The period phrase puts the kind word beyond the percentage's own reach: only the
        // trailing reading joins them.
        const std::string text = std::string("Acme's total revenues for the three months ended September 30, 2026 were "
                                             "$4.82 billion, ") + c.move + " compared with the prior-year period.";
        const Metric* m = testing::with_value(r.on(text), 4.82e9);
        REQUIRE(m);
        CHECK(m->change.direction == c.dir);
        CHECK(testing::near(m->change.percent, c.dir == Direction::down ? -11 : 11));
    }
}
