// Error classes of the sample-feed metric gold (issue 14), each as a general rule of finance news:
// units counted after a model name, sales counted in units (deliveries, not revenue), a
// dividend's change past "per share", a headline's bare profit restating a pretax profit, a
// counterfactual "would have risen", a pledge's plant named in the sentence before, a floor on a
// change ("growth above 40%"). Sentences written for these tests.
#include <doctest/doctest.h>

#include <cmath>

#include "metrics_support.hpp"

using namespace herald::analysis;

using testing::near;
using testing::with_value;

TEST_CASE("units counted after a model name are a breakdown of the count, per model") {
    testing::Run r;
    const auto& ms = r.on(
        "Acme delivered 160 commercial airplanes in the third quarter, including 121 737s and 24 787s, its highest "
        "total since 2018.");
    REQUIRE(ms.size() == 3);
    const Metric* a = with_value(ms, 121);
    const Metric* b = with_value(ms, 24);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a->kind == MetricKind::deliveries);
    CHECK(a->unit.view() == "count");
    CHECK(a->segment == "737");
    CHECK(b->kind == MetricKind::deliveries);
    CHECK(b->segment == "787");
    CHECK(with_value(ms, 160)->segment.empty());
    SUBCASE("a decade is no model") {
        const auto& d = r.on("Acme delivered 160 airplanes in the third quarter of the year, including 20 1990s.");
        CHECK(with_value(d, 20) == nullptr);
        const auto& e = r.on("Acme delivered 16 1990s.");
        REQUIRE(e.size() == 1);
        CHECK(e[0].segment.empty());
    }
}

TEST_CASE("orders counted in units are orders") {
    testing::Run r;
    const auto& ms = r.on("Net orders in the quarter totalled 161 aircraft at Acme.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].kind == MetricKind::orders);
    CHECK(ms[0].unit.view() == "count");
    CHECK(near(ms[0].value, 161));
}

TEST_CASE("sales counted in units are deliveries, not revenue") {
    testing::Run r;
    SUBCASE("a move to a count of units") {
        const auto& ms = r.on("Toyota's global sales rose 2% to about 920,000 vehicles.");
        REQUIRE(ms.size() == 1);
        CHECK(ms[0].kind == MetricKind::deliveries);
        CHECK(near(ms[0].value, 920000));
        CHECK(ms[0].change.has_percent);
        CHECK(near(ms[0].change.percent, 2));
    }
    SUBCASE("sales volume in units") {
        const auto& ms = r.on("Vehicle sales volume at Toyota rose 3% to 2.4 million units.");
        REQUIRE(ms.size() == 1);
        CHECK(ms[0].kind == MetricKind::deliveries);
        CHECK(near(ms[0].value, 2.4e6));
        CHECK(near(ms[0].change.percent, 3));
    }
    SUBCASE("units sold, and a later bare 'sales' of the same item") {
        const auto& ms = r.on("Toyota sold 955,000 vehicles worldwide in September. Sales in China declined 6%.");
        REQUIRE(ms.size() == 2);
        CHECK(ms[0].kind == MetricKind::deliveries);
        CHECK(near(ms[0].value, 955000));
        CHECK(ms[1].kind == MetricKind::deliveries);
        CHECK(near(ms[1].change.percent, -6));
    }
    SUBCASE("sales in money stay revenue, also after units") {
        const auto& ms = r.on("Toyota sold 955,000 vehicles. Sales rose 5% to $80 billion.");
        REQUIRE(ms.size() == 2);
        CHECK(ms[1].kind == MetricKind::revenue);
        CHECK(r.on("Acme sales rose 4% to $2.1 billion, or 5,000 units of backlog.")[0].kind == MetricKind::revenue);
        CHECK(r.on("Acme sales rose 4%.")[0].kind == MetricKind::revenue);
    }
    SUBCASE("a business the total includes is not its segment") {
        const auto& ms = r.on("Toyota's global sales, including Lexus, rose 2% to about 920,000 vehicles.");
        REQUIRE(ms.size() == 1);
        CHECK(ms[0].segment.empty());
        CHECK(r.on("Lexus sales rose 2% to 90,000 vehicles.")[0].segment == "Lexus");
    }
}

TEST_CASE("a dividend's change after 'per share' is the dividend's, not a share price move") {
    testing::Run r;
    const auto& ms = r.on("Acme declared a quarterly dividend of $1.03 per share, up 4% from $0.99.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].kind == MetricKind::dividend);
    CHECK(near(ms[0].value, 1.03));
    CHECK(ms[0].change.has_percent);
    CHECK(near(ms[0].change.percent, 4));
    CHECK(near(ms[0].prior_value, 0.99));
    // The stock's own move stays out.
    CHECK(r.on("Acme shares rose 4%.").empty());
}

TEST_CASE("a headline's bare profit restating the reported pretax profit is pretax income") {
    testing::Run r;
    r.event.clear();
    r.event.headline = "Acme third-quarter profit falls 5% after legal provision";
    r.event.summary = "Acme reported third-quarter profit before tax of $7.3 billion, down 5% year over year.";
    const auto& ms = r.analyze();
    REQUIRE(ms.size() == 2);
    CHECK(ms[0].kind == MetricKind::pretax_income);
    CHECK(ms[1].kind == MetricKind::pretax_income);
    SUBCASE("not when the text reports net income too") {
        r.event.summary =
            "Acme reported third-quarter profit before tax of $7.3 billion, down 5%. Net income fell 5% to $5 billion.";
        const auto& n = r.analyze();
        REQUIRE(!n.empty());
        CHECK(n[0].kind == MetricKind::net_income);
    }
    SUBCASE("not for another move") {
        r.event.headline = "Acme third-quarter profit falls 8%";
        CHECK(r.analyze()[0].kind == MetricKind::net_income);
    }
}

TEST_CASE("'would have risen' states what a past figure would have been, no projection") {
    testing::Run r;
    const auto& ms = r.on("Excluding notable items, Acme's profit before tax would have risen 3%.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].kind == MetricKind::pretax_income);
    CHECK(near(ms[0].change.percent, 3));
    CHECK_FALSE(ms[0].forecast);
    CHECK(r.on("Acme said profit before tax would rise 3% next year.")[0].forecast);
}

TEST_CASE("a pledge's plant named in the sentence before is its segment") {
    testing::Run r;
    SUBCASE("the sentence before") {
        const auto& ms = r.on(
            "Acme said it will take a final investment decision on its Baytown hydrogen plant in 2027. The company "
            "has earmarked about $3 billion for the first phase.");
        REQUIRE(ms.size() == 1);
        CHECK(ms[0].kind == MetricKind::capex);
        CHECK(ms[0].segment == "Baytown hydrogen plant");
    }
    SUBCASE("the plant named before the figure without 'in'") {
        const auto& ms = r.on("Acme opened an automation plant in Erlangen that cost about EUR 200m.");
        REQUIRE(ms.size() == 1);
        CHECK(ms[0].segment == "automation plant");
    }
    SUBCASE("no plant named: no segment") {
        const auto& ms = r.on("Acme reported a strong year. The company will invest $3 billion in new lines.");
        REQUIRE(ms.size() == 1);
        CHECK(ms[0].segment.empty());
    }
}

TEST_CASE("a floor or a ceiling on a change is its qualifier") {
    testing::Run r;
    const auto& ms = r.on("Acme expects AWS revenue growth above 40% for the next several quarters.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].kind == MetricKind::revenue);
    CHECK(ms[0].change.direction == Direction::up);
    CHECK(near(ms[0].change.percent, 40));
    CHECK(ms[0].qualifier == Qualifier::over);
    CHECK(r.on("Acme revenue rose nearly 12%.")[0].qualifier == Qualifier::under);
}
