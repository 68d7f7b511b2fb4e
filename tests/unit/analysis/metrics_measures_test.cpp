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
