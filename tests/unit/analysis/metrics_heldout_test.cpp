// Held-out news of session "metrics" (news-0054..0073, data/eval/metrics-news-gold/README.md): the
// general causes of its misses, each case failing before its rule (docs/metrics.md "Measuring").
// Companies here are unknown to the test's alias table, as most held-out companies are.
#include <doctest/doctest.h>

#include "metrics_support.hpp"

using namespace herald::analysis;
using testing::metric_of;
using testing::period_of;
using testing::with_value;

namespace herald::analysis::testing {
// What held-out scoring compares: the segment, else the entity.
inline std::string_view whose(const Metric& m) { return m.segment.empty() ? m.entity : m.segment; }
}  // namespace herald::analysis::testing

TEST_CASE("a company found by name ends before a period word and has no possessive") {
    testing::Run r;
    const auto& a = r.item("Zentra Q3 revenue up 14%, users hit 416 million",
                           "Zentra Technology said total revenue rose 14.2% to RMB35.6 billion in the third quarter.");
    REQUIRE(with_value(a, 35.6e9));
    CHECK(with_value(a, 35.6e9)->entity == "Zentra");
    const auto& b = r.item("Korvo Energy Systems July-September operating profit jumps 34%",
                           "The battery maker posted operating profit of 601.3 billion won, on revenue of 5.7 trillion won.");
    REQUIRE(with_value(b, 5.7e12));
    CHECK(with_value(b, 5.7e12)->entity == "Korvo Energy Systems");
    const auto& c = r.item("Telvia's first-half profit rises 9%", "Telvia Group said net profit rose 9.1% to A$1.19 billion.",
                           "Telvia's underlying EBITDA increased 4.2% to A$4.2 billion.");
    REQUIRE(with_value(c, 4.2e9));
    CHECK(testing::whose(*with_value(c, 4.2e9)) == "Telvia");
    // A period word opening the headline is no company.
    const auto& d = r.item("October sales climb 8% at retailers", "Sales rose 8% to $2 billion.");
    REQUIRE(with_value(d, 2e9));
    CHECK(with_value(d, 2e9)->entity != "October");
}

TEST_CASE("EBITA is operating income and its margin an operating margin; ARPU is no revenue") {
    testing::Run r;
    const auto& a = r.on("Operational EBITA rose 9% to $1.64 billion, and the operational EBITA margin widened to 19.1%.");
    REQUIRE(with_value(a, 1.64e9));
    CHECK(with_value(a, 1.64e9)->kind == MetricKind::operating_income);
    REQUIRE(with_value(a, 19.1));
    CHECK(with_value(a, 19.1)->kind == MetricKind::operating_margin);
    CHECK(with_value(a, 19.1)->segment == "");
    const auto& c = r.on("Average revenue per user rose to Rs 256 from Rs 233.");
    CHECK(c.empty());
}

TEST_CASE("cents of a named currency, a period label's months and a decimal-comma range are read as written") {
    testing::Run r;
    const auto& a = r.on("Earnings per share were 8.2 US cents, and the board declared an interim dividend of 9.5 Australian cents a share.");
    REQUIRE(with_value(a, 0.082));
    CHECK(with_value(a, 0.082)->kind == MetricKind::eps);
    CHECK(with_value(a, 0.082)->unit.view() == "USD");
    REQUIRE(with_value(a, 0.095));
    CHECK(with_value(a, 0.095)->kind == MetricKind::dividend);
    CHECK(with_value(a, 0.095)->unit.view() == "AUD");
    // "(9M 2025: 20,9 percent)" is the earlier margin, no 9 million.
    const auto& b = r.on("The EBITDA margin came in at 21,4 percent (9M 2025: 20,9 percent).");
    REQUIRE(with_value(b, 21.4));
    CHECK(with_value(b, 21.4)->prior_value == doctest::Approx(20.9));
    CHECK(with_value(b, 9e6) == nullptr);
    // Henkel style: both ends have decimal commas.
    const auto& c = r.on("Acme expects an adjusted EBIT margin of 15,0 to 16,0 percent.");
    REQUIRE(with_value(c, 15.0));
    CHECK(with_value(c, 15.0)->high == doctest::Approx(16.0));
    CHECK(with_value(c, 0.0) == nullptr);
}

TEST_CASE("a bracketed figure after a period label is the year-earlier value") {
    testing::Run r;
    const auto& a = r.on("Group sales fell 1.8 percent to EUR 10.69 billion (H1 2025: EUR 10.89 billion) in the first half of 2026.");
    REQUIRE(with_value(a, 10.69e9));
    CHECK(with_value(a, 10.69e9)->prior_value == doctest::Approx(10.89e9));
    CHECK(with_value(a, 10.69e9)->change.basis == Basis::yoy);
    CHECK(with_value(a, 10.89e9) == nullptr);
    const auto& b = r.on("The EBITDA margin came in at 21,4 percent (9M 2025: 20,9 percent).");
    REQUIRE(with_value(b, 21.4));
    CHECK(with_value(b, 21.4)->change.basis == Basis::yoy);
}

TEST_CASE("an earlier value's own period gives the basis: a year before is yoy, the quarter before qoq") {
    testing::Run r;
    const auto& a = r.on("Net sales increased to EUR 4.83 billion in the third quarter of 2026 from EUR 4.33 billion in the third quarter of 2025.");
    REQUIRE(with_value(a, 4.83e9));
    CHECK(with_value(a, 4.83e9)->prior_value == doctest::Approx(4.33e9));
    CHECK(with_value(a, 4.83e9)->change.basis == Basis::yoy);
    const auto& b = r.on("The comparable gross margin was 44.1%, up from 43.2% in the second quarter.");
    REQUIRE(with_value(b, 44.1));
    CHECK(with_value(b, 44.1)->change.basis == Basis::qoq);
    // Negative: a prior with no period of its own has no basis.
    const auto& c = r.on("The comparable gross margin was 44.1%, up from 43.2%.");
    REQUIRE(with_value(c, 44.1));
    CHECK(with_value(c, 44.1)->change.basis == Basis::none);
}

TEST_CASE("profit after tax is net income, and its move is kept") {
    testing::Run r;
    const auto& a = r.on("Telvia Group said net profit after tax rose 9.1% to A$1.19 billion.");
    REQUIRE(with_value(a, 1.19e9));
    CHECK(with_value(a, 1.19e9)->kind == MetricKind::net_income);
    CHECK(with_value(a, 1.19e9)->change.percent == doctest::Approx(9.1));
}

TEST_CASE("a decimal comma ends no clause: a projection's second object stays a projection") {
    testing::Run r;
    const auto& a = r.on("The group still expects adjusted EBIT of around 2,4 billion euros for 2026 and adjusted free cash "
                         "flow of more than 800 million euros.");
    REQUIRE(with_value(a, 800e6));
    CHECK(with_value(a, 800e6)->forecast);
    // Negative: a comma between words still ends the clause.
    const auto& b = r.on("The group expects adjusted EBIT of around 2.4 billion euros, and free cash flow was 800 million euros.");
    REQUIRE(with_value(b, 800e6));
    CHECK_FALSE(with_value(b, 800e6)->forecast);
}

TEST_CASE("a previous forecast or range after from/compared with is the earlier value") {
    testing::Run r;
    const auto& a = r.on("The company now expects full-year operating profit of 370 billion yen, up from a previous forecast of 320 billion yen.");
    REQUIRE(with_value(a, 370e9));
    CHECK(with_value(a, 370e9)->prior_value == doctest::Approx(320e9));
    CHECK(with_value(a, 370e9)->change.direction == Direction::up);
    CHECK(with_value(a, 320e9) == nullptr);
    const auto& b = r.on("It now expects full-year adjusted EPS of $6.25 to $6.35, compared with a prior range of $6.15 to $6.30.");
    REQUIRE(with_value(b, 6.25));
    CHECK(with_value(b, 6.25)->prior_value == doctest::Approx(6.15));
    // Negative: analysts' forecast stays a yardstick.
    const auto& c = r.on("Revenue was $5.2 billion, compared with a forecast of $5.0 billion.");
    REQUIRE(with_value(c, 5.2e9));
    CHECK_FALSE(with_value(c, 5.2e9)->has_prior);
}

TEST_CASE("the period after an earlier figure is the earlier figure's, past its currency and scale") {
    testing::Run r;
    const auto& a = r.on("Operating profit rose 12% to EUR 520 million in the third quarter of 2026, and net sales increased "
                         "to EUR 4,83 billion from EUR 4,33 billion in the third quarter of 2025.");
    REQUIRE(with_value(a, 4.83e9));
    CHECK(with_value(a, 4.83e9)->period.view() == "Q3 2026");
    CHECK(with_value(a, 4.83e9)->change.basis == Basis::yoy);
    // Negative: "from" of a source, not a figure, makes no earlier period.
    CHECK(period_of(r.on("Revenue from cloud services rose 5% to $2 billion in the third quarter of 2025."), 2e9) == "Q3 2025");
}

TEST_CASE("the month a named quarter ended in is no period; a calendar span called the fiscal quarter is that quarter") {
    testing::Run r;
    CHECK(period_of(r.on("Revenue in its fiscal fourth quarter, which ended in September, rose 4% to €3.92 billion."), 3.92e9) != "Sep");
    const auto& a = r.on("Revenue in its fiscal fourth quarter, which ended in September, rose 4% from the previous quarter.");
    REQUIRE(metric_of(a, MetricKind::revenue));
    CHECK(metric_of(a, MetricKind::revenue)->period.view() == "Q4");
    // Negative: a month's own figure stays the month's.
    CHECK(period_of(r.on("Sales in September rose 4% to $3 billion."), 3e9) == "Sep");
    const auto& b = r.on("Net profit more than doubled to Rs 6,792 crore in the July-September quarter, its fiscal second "
                         "quarter, from Rs 3,076 crore a year ago.");
    CHECK(period_of(b, 67.92e9) == "Q2");
    // Negative: without "fiscal" the calendar span stays the calendar quarter.
    CHECK(period_of(r.on("Net profit rose to Rs 6,792 crore in the July-September quarter, the second quarter."), 67.92e9) == "Q3");
}

TEST_CASE("an analyst's note is about the company the target is on, not the broker opening the headline") {
    testing::Run r;
    const auto& a = r.item("Jefferies cuts Puma price target to €18, sees sales falling 5% next year",
                           "Jefferies cut its price target on Puma to €18 from €24 and kept its hold rating.",
                           "The broker now expects an EBIT margin of 3.1% in 2027, against 5.4% it forecast before.");
    REQUIRE(with_value(a, 3.1));
    CHECK(with_value(a, 3.1)->entity == "Puma");
    REQUIRE(metric_of(a, MetricKind::price_target));
    CHECK(metric_of(a, MetricKind::price_target)->entity == "Puma");
    const auto& b = r.item("Broker raises price target on Zentra Systems to $80", "The broker raised its target to $80.");
    REQUIRE(with_value(b, 80));
    CHECK(with_value(b, 80)->entity == "Zentra Systems");
    // Negatives: a title-case headline's capitals name nothing; a company's own target names no other company.
    const auto& t = r.item("Jefferies Cuts Puma Price Target To €18", "The broker cut its target to €18.");
    REQUIRE(with_value(t, 18));
    CHECK(with_value(t, 18)->entity != "Jefferies Cuts Puma");
    const auto& c = r.item("Zentra raises sales target", "Zentra now expects sales of $5 billion.");
    REQUIRE(with_value(c, 5e9));
    CHECK(with_value(c, 5e9)->entity == "Zentra");
}

TEST_CASE("a small number right after a capitalised word names a product, no count") {
    testing::Run r;
    const auto& a = r.on("Acme raised its forecast for Switch 2 hardware sales to 20 million units from 15 million.");
    CHECK(with_value(a, 2) == nullptr);
    CHECK(with_value(a, 20e6) != nullptr);
    // Negative: a count after a verb stays a count.
    CHECK(with_value(r.on("Acme delivered 12 aircraft in the quarter."), 12) != nullptr);
}

TEST_CASE("a setting verb before a qualified kind gives the move: \"lifts adjusted EBIT 17%\"") {
    testing::Run r;
    const auto& a = r.item("Lufthansa lifts adjusted EBIT 17% in summer quarter, confirms outlook", "");
    REQUIRE(metric_of(a, MetricKind::operating_income));
    CHECK(metric_of(a, MetricKind::operating_income)->change.percent == doctest::Approx(17));
    CHECK(metric_of(a, MetricKind::operating_income)->change.direction == Direction::up);
}
