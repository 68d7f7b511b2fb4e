// Held-out news of session "s21-metrics5", round 5 (news-0126..0145, data/eval/metrics-news-gold/README.md):
// US regional banks, an insurer, oil majors, miners, airlines, telecoms, pharma, chips, Chinese and
// Latin American companies, a utility, a REIT, consumer staples, a guidance-only release, a profit
// warning, a flash headline, a trading update, a buyback-led release, a deal. The general causes of
// their misses, each case failing before its rule (docs/metrics.md "Measuring", round 5).
#include <doctest/doctest.h>

#include "herald/analysis/quantities.hpp"
#include "metrics_support.hpp"

using namespace herald::analysis;
using testing::describe;
using testing::metric_of;
using testing::period_of;
using testing::with_value;

TEST_CASE("an elided kind: the businesses of a list of moves after a kind's clause") {
    testing::Run r;
    const auto& a = r.on("Beauty organic sales increased 5%, grooming rose 1% and fabric and home care grew 2%.");
    INFO(describe(a));
    REQUIRE(a.size() == 3);
    CHECK(a[0].segment == "Beauty");
    CHECK(a[1].kind == MetricKind::revenue);
    CHECK(a[1].segment == "grooming");
    CHECK(a[1].change.percent == doctest::Approx(1));
    CHECK(a[2].segment == "fabric and home care");
    CHECK(a[2].change.percent == doctest::Approx(2));
    const auto& b = r.on("Comparable sales in the Americas rose 2%, while Asia Pacific fell 5% and Japan dropped 4%.");
    INFO(describe(b));
    REQUIRE(b.size() == 3);
    CHECK(b[0].kind == MetricKind::comparable_sales);
    CHECK(b[1].kind == MetricKind::comparable_sales);
    CHECK(b[1].segment == "Asia Pacific");
    CHECK(b[1].change.percent == doctest::Approx(-5));
    CHECK(b[2].segment == "Japan");
    // Negative: a clause whose subject is no business keeps no business of its own.
    const auto& c = r.on("Revenue rose 5% to $2 billion, while costs rose 3%.");
    INFO(describe(c));
    for (const auto& m : c) CHECK(m.segment.empty());
    const auto& d = r.on("Revenue rose 5% to $2 billion, and shares fell 3%.");
    INFO(describe(d));
    CHECK(d.size() == 1);
}
