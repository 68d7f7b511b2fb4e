// Periods as an analyst reads them in items of companies whose fiscal year is not the calendar
// year, and periods of another clause than the figure's (issue 14 item 2; docs/metrics.md
// "Period"). Each case failed before its rule (s17-metnews), the negatives guard what stays.
#include <doctest/doctest.h>

#include "metrics_support.hpp"

using namespace herald::analysis;
using testing::period_of;

namespace {

constexpr int64_t kOct2026 = 1792713600000;  // 2026-10-23
constexpr int64_t kMar2027 = 1804896000000;  // 2027-03-13

}  // namespace

TEST_CASE("a fiscal year ending next March is the year in progress: its quarters and halves take its year") {
    testing::Run r;
    // The figure of the year ending March 2027 is the forecast; the quarter reported with it is its Q2.
    const auto& ms = r.item_at(kOct2026, "Acme lifts annual profit forecast",
                             "Acme raised its operating profit forecast for the year ending March 2027 to $14 billion, "
                             "after second-quarter operating profit rose 18% to $4.2 billion.");
    CHECK(period_of(ms, 14e9) == "FY2027");
    CHECK(period_of(ms, 4.2e9) == "Q2 2027");
    // No figure of the fiscal year is read (no kind names it), the summary still names it.
    const auto& h = r.item_at(kOct2026, "Acme raises forecast",
                            "Acme raised its forecast for the fiscal year ending March 2027, after net income for the "
                            "April-September half rose 21% to $512 million.",
                            "Revenue in the second quarter of the fiscal year grew 4% to $2.48 billion.");
    CHECK(period_of(h, 512e6) == "H1 2027");
    CHECK(period_of(h, 2.48e9) == "Q2 2027");
    // "of the year ending March 2027" / "of its fiscal year ending March 2027" give the year directly.
    const auto& q = r.on("Revenue in the second quarter of the year ending March 2027 rose 4% to $2 billion.");
    CHECK(period_of(q, 2e9) == "Q2 2027");
    // Negatives: a year ending March 2028, or a fiscal year that ended before the item, is no year in progress.
    const auto& n = r.item_at(kOct2026, "Acme sets target",
                            "Acme expects operating profit of $9 billion for the year ending March 2028.",
                            "Second-quarter revenue rose 4% to $2 billion.");
    CHECK(period_of(n, 9e9) == "FY2028");
    CHECK(period_of(n, 2e9) == "Q2");
    // Published in March 2027 the year ending March 2027 is this year: no different.
    const auto& m = r.item_at(kMar2027, "Acme outlook", "Acme expects profit of $9 billion for the year ending March 2027.",
                            "Third-quarter revenue rose 4% to $2 billion.");
    CHECK(period_of(m, 2e9) == "Q3 2027");
}

TEST_CASE("a calendar span named again as the company's fiscal period is that fiscal period") {
    testing::Run r;
    const auto& ms = r.on("Acme posted a net profit of $4.7 billion for the October-December quarter, the third quarter of "
                          "fiscal 2027, up 9% from a year earlier.");
    CHECK(period_of(ms, 4.7e9) == "Q3 2027");
    const auto& h = r.on("Acme said profit after tax rose 42% to $2.54 billion in the six months to September 30, the first "
                         "half of its fiscal year ending March 2027.");
    CHECK(period_of(h, 2.54e9) == "H1 2027");
    // Negatives: no apposition, or one of another kind of period, keeps the calendar span.
    CHECK(period_of(r.on("Operating profit for the July-September quarter fell 18% to $3 billion."), 3e9) == "Q3");
    CHECK(period_of(r.on("Operating profit fell 18% to $3 billion in the July-September quarter, the first half of fiscal 2027."),
                    3e9) == "Q3");
}

TEST_CASE("a period of another clause gives way to one of the figure's own clause") {
    testing::Run r;
    const auto& ms = r.item("Acme Q3 net profit rises 9% to $4.7 billion, keeps FY27 growth outlook", "");
    CHECK(period_of(ms, 4.7e9) == "Q3");
    const auto& b = r.on("Acme said its program should cut costs by more than $1 billion a year by fiscal 2028, and it bought "
                         "back $500 million of stock in the quarter.");
    const Metric* bb = testing::with_value(b, 500e6);
    REQUIRE(bb);
    CHECK(bb->kind == MetricKind::buyback);
    CHECK(bb->period.view() != "FY2028");
    CHECK_FALSE(bb->forecast);
    // Negative: "and" with no subject of its own continues the projection.
    const auto& c = r.on("Acme expects revenue of $9 billion in fiscal 2028, and an operating margin of 21%.");
    const Metric* om = testing::with_value(c, 21);
    REQUIRE(om);
    CHECK(om->forecast);
    // Negative: with no period in its own clause, the figure keeps the nearest one across a comma.
    CHECK(period_of(r.on("In the third quarter of 2026, revenue rose 5% to $10 billion."), 10e9) == "Q3 2026");
}

TEST_CASE("the second quarter of its fiscal year, weeks of a retailer's year, comparison labels") {
    testing::Run r;
    CHECK(period_of(r.on("Acme reported revenue of $22.5 billion for the second quarter of its fiscal 2027."), 22.5e9) == "Q2 2027");
    CHECK(period_of(r.on("Net sales for the first 13 weeks of fiscal 2027 were $68.1 billion, up 8.6%."), 68.1e9) == "Q1 2027");
    CHECK(period_of(r.on("Net sales for the first 26 weeks of fiscal 2027 were $68.1 billion."), 68.1e9) == "H1 2027");
    CHECK(period_of(r.on("Net sales in the four weeks ended Nov. 29, 2026 rose 8.2% to $21.37 billion."), 21.37e9) == "Nov 2026");
    // Negatives: weeks that are no period ("the first 10 weeks", "four weeks" without an end).
    CHECK(period_of(r.on("Net sales in the first 10 weeks of fiscal 2027 were $50 billion."), 50e9) == "FY2027");
    CHECK(period_of(r.on("Net sales rose 8.2% to $21.37 billion over four weeks."), 21.37e9) == "");
    // "(H1 2025: EUR 10,89 billion)" labels the earlier figure: the report is the first half of 2026.
    const auto& h = r.on("Group sales fell 1.8 percent to EUR 10.69 billion (H1 2025: EUR 10.89 billion) in the first half of 2026.");
    CHECK(period_of(h, 10.69e9) == "H1 2026");
}

TEST_CASE("'the quarter' in a half-year or nine-month report is the quarter it ends with") {
    testing::Run r;
    const auto& ms = r.item("Acme nine-month operating profit rises 8%",
                            "Acme said operating profit for the first nine months of 2026 rose 8% to $12.4 billion.",
                            "Net income rose 10% to $2.6 billion in the quarter.");
    CHECK(period_of(ms, 2.6e9) == "Q3 2026");
    const auto& h = r.item("Acme first-half profit jumps", "Acme said net income rose 42% to $2.5 billion in the first half of 2026.",
                           "Revenue grew 12% to $712 million in the quarter.");
    CHECK(period_of(h, 712e6) == "Q2 2026");
    // Negative: a full-year report names no quarter.
    const auto& y = r.item("Acme annual profit rises", "Acme said net income rose 4% to $2 billion in 2026.",
                           "Revenue grew 12% to $712 million in the quarter.");
    CHECK(period_of(y, 712e6) == "");
}
