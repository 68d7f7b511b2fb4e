// Held-out news of session "metrics", round 2 (news-0074..0086, data/eval/metrics-news-gold/README.md):
// US banks and insurers, an oil major, pharma, Japanese and Korean exporters, a retailer, an airline,
// a REIT, a utility, a miner, a round-up. The general causes of their misses (and of round 1's
// leftovers), each case failing before its rule (docs/metrics.md "Measuring", round 2).
#include <doctest/doctest.h>

#include "metrics_support.hpp"

using namespace herald::analysis;
using testing::period_of;
using testing::with_value;

TEST_CASE("a move by an amount to a qualified level gives the level, not the amount") {
    testing::Run r;
    const auto& a = r.on("Petrova cut its capital spending guidance by $200 million to about $12.3 billion.");
    REQUIRE(with_value(a, 12.3e9));
    CHECK(with_value(a, 12.3e9)->kind == MetricKind::capex);
    CHECK(with_value(a, 12.3e9)->change.direction == Direction::down);
    CHECK(with_value(a, 12.3e9)->forecast);
    CHECK(with_value(a, 200e6) == nullptr);
}

TEST_CASE("a year written before production or output guidance is the year of the item's report") {
    testing::Run r;
    const auto& a = r.item("Petrova lifts 2026 production guidance, profit slips",
                           "Petrova reported third-quarter net income of $2.06 billion.");
    CHECK(period_of(a, 2.06e9) == "Q3 2026");
    // Negative: a year after "through" is a bound, not the report's.
    const auto& b = r.item("Petrova targets higher output through 2028 production guidance",
                           "Petrova reported third-quarter net income of $2.06 billion.");
    CHECK(period_of(b, 2.06e9) == "Q3");
}

TEST_CASE("an airline's traffic and unit revenue and an insurer's catastrophe losses are no metrics") {
    testing::Run r;
    CHECK(r.on("Revenue passenger miles, a measure of traffic, fell 1.9% to 36.1 billion.").empty());
    CHECK(r.on("Skyway expects revenue per available seat mile to rise 3% to 5% in the fourth quarter.").empty());
    // Negative: "unit revenue" alone can be a business unit's ("its cloud unit revenue rose 22%").
    const auto& u = r.on("Its cloud unit revenue rose 22% to $3.1 billion.");
    REQUIRE(with_value(u, 3.1e9));
    CHECK(with_value(u, 3.1e9)->kind == MetricKind::revenue);
    CHECK(r.on("Catastrophe losses, net of reinsurance, fell to $389 million from $939 million.").empty());
    // Negative: revenue itself still is.
    const auto& a = r.on("Operating revenue rose 1.3% to $7.03 billion.");
    REQUIRE(with_value(a, 7.03e9));
    CHECK(with_value(a, 7.03e9)->kind == MetricKind::revenue);
}

TEST_CASE("an insurer's core income is its net income") {
    testing::Run r;
    const auto& a = r.on("Core income rose to $1.47 billion in the third quarter.");
    REQUIRE(with_value(a, 1.47e9));
    CHECK(with_value(a, 1.47e9)->kind == MetricKind::net_income);
}

TEST_CASE("an earlier value's per-share alternative is the per-share figure's earlier value") {
    testing::Run r;
    const auto& a = r.on("Harbor Bancorp reported net income of $1.93 billion, or $1.18 per share, up from $1.72 billion, "
                         "or $1.03 per share, a year earlier.");
    REQUIRE(with_value(a, 1.18));
    CHECK(with_value(a, 1.18)->kind == MetricKind::eps);
    CHECK(with_value(a, 1.18)->prior_value == doctest::Approx(1.03));
    CHECK(with_value(a, 1.18)->change.direction == Direction::up);
    CHECK(with_value(a, 1.18)->change.basis == Basis::yoy);
    CHECK(with_value(a, 1.03) == nullptr);
    REQUIRE(with_value(a, 1.93e9));
    CHECK(with_value(a, 1.93e9)->prior_value == doctest::Approx(1.72e9));
    CHECK(with_value(a, 1.93e9)->change.basis == Basis::yoy);
    // Negative: a second figure after ", or" with no earlier value before it stays a metric.
    const auto& b = r.on("Net income was $1.93 billion, or $1.18 per share.");
    CHECK(with_value(b, 1.18) != nullptr);
}

TEST_CASE("counts with no count kind word: customers added, net additions, users at a record") {
    testing::Run r;
    const auto& a = r.on("The company added 5.1 million mobile customers in India during the quarter.");
    REQUIRE(with_value(a, 5.1e6));
    CHECK(with_value(a, 5.1e6)->kind == MetricKind::subscribers);
    CHECK(with_value(a, 5.1e6)->segment == "mobile");
    const auto& b = r.on("Mobile net additions were 96,000 in the quarter, against 71,000 in the April-June quarter.");
    REQUIRE(with_value(b, 96000));
    CHECK(with_value(b, 96000)->kind == MetricKind::subscribers);
    CHECK(with_value(b, 96000)->prior_value == doctest::Approx(71000));
    CHECK(with_value(b, 96000)->change.direction == Direction::up);
    CHECK(with_value(b, 71000) == nullptr);
    const auto& c = r.on("Daily active users hit a record 416 million.");
    REQUIRE(with_value(c, 416e6));
    CHECK(with_value(c, 416e6)->kind == MetricKind::subscribers);
    // Negatives: customers not won are no count metric; a date after the kind is none.
    CHECK(r.on("The outage affected 1,200 customers in Ohio.").empty());
    CHECK(with_value(r.on("Daily active users rose, it said on Oct. 13."), 13) == nullptr);
}

TEST_CASE("a move by an amount takes its direction from the verb before the kind phrase") {
    testing::Run r;
    const auto& a = r.on("Next said it raised its guidance for full-year pre-tax profit by £15 million to £1.15 billion.");
    REQUIRE(with_value(a, 1.15e9));
    CHECK(with_value(a, 1.15e9)->change.direction == Direction::up);
    CHECK(with_value(a, 1.15e9)->change.amount == doctest::Approx(15e6));
    CHECK(with_value(a, 15e6) == nullptr);
}

TEST_CASE("a predicate of its own with a verb of a done thing after a projection is an actual") {
    testing::Run r;
    const auto& a = r.on("Aurum kept its 2026 capital spending outlook at $2.9 billion and declared a quarterly dividend of 25 cents a share.");
    REQUIRE(with_value(a, 2.9e9));
    CHECK(with_value(a, 2.9e9)->forecast);
    REQUIRE(with_value(a, 0.25));
    CHECK_FALSE(with_value(a, 0.25)->forecast);
    // Negative: a second object of the projection stays a projection.
    const auto& b = r.on("Aurum expects revenue of $5 billion and EPS of $1.20.");
    REQUIRE(with_value(b, 1.2));
    CHECK(with_value(b, 1.2)->forecast);
}

TEST_CASE("a business named as the subject of a result verb is the figure's segment") {
    testing::Run r;
    const auto& a = r.item("Nokia third-quarter profit rises", "Nokia said comparable operating profit rose.",
                           "Mobile Networks reported an operating loss of EUR 48 million. Electric Utilities and Infrastructure "
                           "posted net income of $1.35 billion in the quarter.");
    REQUIRE(with_value(a, -48e6));
    CHECK(with_value(a, -48e6)->segment == "Mobile Networks");
    CHECK(with_value(a, -48e6)->entity == "Nokia");
    REQUIRE(with_value(a, 1.35e9));
    CHECK(with_value(a, 1.35e9)->segment == "Electric Utilities and Infrastructure");
    // Negatives: the company itself, a one-word subject and a kind phrase as subject name no business.
    const auto& b = r.item("Nokia third-quarter profit rises", "Nokia said comparable operating profit rose.",
                           "Nokia reported net income of EUR 400 million. Net Sales reported were EUR 5 billion.");
    REQUIRE(with_value(b, 400e6));
    CHECK(with_value(b, 400e6)->segment == "");
    REQUIRE(with_value(b, 5e9));
    CHECK(with_value(b, 5e9)->segment == "");
}
