// Held-out round for the genres beside news (session s21-filings2; data/eval/metrics-gold-genres):
// 10-K/10-Q KPI sentences, PhraseBank-style tokenized releases, sentences dense in quantities. The
// general causes of their misses, each case failing before its rule (docs/metrics.md "Held-out
// check, genres").
#include <doctest/doctest.h>

#include "herald/analysis/quantities.hpp"
#include "metrics_support.hpp"

using namespace herald::analysis;
using testing::entity_of;
using testing::metric_of;
using testing::period_of;
using testing::with_value;

TEST_CASE("a bare sentence names its company where it opens") {
    testing::Run r;
    CHECK(entity_of(r.on("Halvorsen Mining lifted its dividend 10% to 45 Norwegian kroner per share."), 45) ==
          "Halvorsen Mining");
    CHECK(entity_of(r.on("Kvarn Trucks' revenue reached EUR 640 million."), 640e6) == "Kvarn Trucks");
    CHECK(entity_of(r.on("Kalmora Oyj 's net profit for the third quarter of 2007 was EUR 3.1 mn ."), 3.1e6) == "Kalmora");
    CHECK(entity_of(r.on("Finnish Rautaniemi reported a net loss of EUR 1.9 mn for the first half of 2009 ."), -1.9e6) ==
          "Rautaniemi");
    CHECK(entity_of(r.on("Meridia SE's EPS came in at 1.42 euros against 1.18 euros."), 1.42) == "Meridia SE");
    // Negative: a sentence that opens with its figure's kind, or with a copula after it, names no one.
    CHECK(entity_of(r.on("Operating profit rose to EUR 9.8 mn from EUR 7.2 mn ."), 9.8e6).empty());
    CHECK(entity_of(r.on("Adjusted EBITDA was $356 million in the second quarter of 2026."), 356e6).empty());
}

TEST_CASE("an earlier value of the year before is a year-over-year comparison") {
    testing::Run r;
    const auto& a = r.on("Pre-tax profit for 2008 totalled EUR 14.6 mn , compared to EUR 11.9 mn in 2007 .");
    REQUIRE(with_value(a, 14.6e6));
    CHECK(with_value(a, 14.6e6)->change.basis == Basis::yoy);
    const auto& b = r.on("Operating margin was 14.8% in fiscal 2025 compared with 13.1% in fiscal 2024.");
    REQUIRE(with_value(b, 14.8));
    CHECK(with_value(b, 14.8)->change.basis == Basis::yoy);
    // Negative: two years back is no year-over-year comparison.
    const auto& c = r.on("Revenue was $5.0 billion in 2025, compared with $4.1 billion in 2023.");
    REQUIRE(with_value(c, 5.0e9));
    CHECK(with_value(c, 5.0e9)->change.basis == Basis::none);
}

TEST_CASE("a change by an amount to a level is no range") {
    testing::Run r;
    const auto& a = r.on("Velora Group raised its dividend by SEK 1.50 to SEK 8.00 a share.");
    REQUIRE(with_value(a, 8.0));
    CHECK_FALSE(with_value(a, 8.0)->is_range);
    CHECK(with_value(a, 8.0)->change.direction == Direction::up);
    r.on("Capital spending increased by $5 million to $80 million.");
    bool range = false;
    for (const Quantity& q : r.quantities) range = range || q.is_range;
    CHECK_FALSE(range);
    // Negative: "by" a range of amounts of one size stays a range.
    r.on("The company expects to raise prices by $1.00 to $1.20 a unit.");
    REQUIRE_FALSE(r.quantities.empty());
    CHECK(r.quantities[0].is_range);
}

TEST_CASE("the year 2008 is that year") {
    testing::Run r;
    CHECK(period_of(r.on("EBITDA for the year 2008 rose to EUR 41.2 mn , or 13.8 % of net sales ."), 41.2e6) == "FY2008");
    // Negative: "for the year" alone is the report's year, not a year written later in the sentence.
    CHECK(period_of(r.on("Free cash flow for the year should reach $2 billion, the company said on Monday."), 2e9) != "FY2008");
}

TEST_CASE("an earlier value of the same or corresponding period is year over year") {
    testing::Run r;
    const auto& a = r.on("Operating income for the six months ended June 30, 2026 was $1.09 billion, compared with "
                         "$968 million for the same period in 2025.");
    REQUIRE(with_value(a, 1.09e9));
    CHECK(with_value(a, 1.09e9)->change.basis == Basis::yoy);
    const auto& b = r.on("Operating profit rose to EUR 9.8 mn from EUR 7.2 mn in the corresponding period in 2006 .");
    REQUIRE(with_value(b, 9.8e6));
    CHECK(with_value(b, 9.8e6)->change.basis == Basis::yoy);
    CHECK(with_value(b, 9.8e6)->period.empty());  // 2006 is the earlier value's period
    // A pair "..., or $0.93 per share, for the year ended ...": the pair's period says the basis.
    const auto& c = r.on("Net loss for the year ended December 31, 2025 was $84.2 million, or $0.61 per share, compared "
                         "to a net loss of $121.5 million, or $0.93 per share, for the year ended December 31, 2024.");
    REQUIRE(with_value(c, -84.2e6));
    CHECK(with_value(c, -84.2e6)->change.basis == Basis::yoy);
    // Negative: an earlier value with no period of its own states no basis.
    const auto& d = r.on("Operating profit rose to EUR 9.8 mn from EUR 7.2 mn .");
    REQUIRE(with_value(d, 9.8e6));
    CHECK(with_value(d, 9.8e6)->change.basis == Basis::none);
}

TEST_CASE("a figure compared with the same period a year before is of that period a year later") {
    testing::Run r;
    // Ten words back: the tokenized amount makes the comparison word the tenth.
    const auto& a = r.on("Operating loss totalled EUR 4.7 mn , compared to a profit of EUR 2.8 mn in the third quarter "
                         "of 2007 .");
    REQUIRE(with_value(a, -4.7e6));
    CHECK(with_value(a, -4.7e6)->period.view() == "Q3 2008");
    CHECK(with_value(a, -4.7e6)->change.basis == Basis::yoy);
    // Negative: a sentence with a period of its own keeps it.
    const auto& b = r.on("Operating profit for the first half of 2009 was EUR 6.3 mn , compared with EUR 8.0 mn in the "
                         "third quarter of 2008 .");
    REQUIRE(with_value(b, 6.3e6));
    CHECK(with_value(b, 6.3e6)->period.view() == "H1 2009");
}

TEST_CASE("a bracketed year-earlier value after the figure's period phrase") {
    testing::Run r;
    const auto& a = r.on("The company 's order backlog stood at EUR 1.12 bn at the end of September 2008 ( EUR 0.97 bn ) .");
    REQUIRE(with_value(a, 1.12e9));
    CHECK(with_value(a, 1.12e9)->has_prior);
    CHECK(with_value(a, 1.12e9)->change.direction == Direction::up);
    const auto& b = r.on("The Board of Directors proposes a dividend of EUR 1.20 per share for 2025 (1.10).");
    REQUIRE(with_value(b, 1.2));
    CHECK(with_value(b, 1.2)->prior_value == doctest::Approx(1.1));  // not -1.10
    CHECK(with_value(b, 1.2)->change.direction == Direction::up);
    // Negative: a clause between the figure and the bracket is no period phrase.
    const auto& c = r.on("Net sales were EUR 50 mn and the group hired staff ( EUR 2 mn ) .");
    REQUIRE(with_value(c, 50e6));
    CHECK_FALSE(with_value(c, 50e6)->has_prior);
}

TEST_CASE("a count grown by a count to a level is one figure") {
    testing::Run r;
    const auto& a = r.on("Cordant Wireless said subscribers grew by 410,000 to 9.8 million.");
    CHECK_FALSE(with_value(a, 410000));
    REQUIRE(with_value(a, 9.8e6));
    CHECK(with_value(a, 9.8e6)->change.direction == Direction::up);
    // Negative: a count after "by" with no level after it stays the figure.
    const auto& b = r.on("Cordant Wireless said subscribers grew by 410,000 in the quarter.");
    CHECK(with_value(b, 410000));
}

TEST_CASE("a list after a guidance head and a colon projects in the head's period") {
    testing::Run r;
    const auto& a = r.on("Lindqvist Group's guidance for 2027: revenue of EUR 4.6-4.9 billion, an adjusted EBIT margin of "
                         "11-13% and capex of around EUR 350 million.");
    REQUIRE(with_value(a, 4.6e9));
    CHECK(with_value(a, 4.6e9)->forecast);
    CHECK(period_of(a, 4.6e9) == "FY2027");
    REQUIRE(with_value(a, 350e6));
    CHECK(with_value(a, 350e6)->forecast);
    // Negative: a colon after a head with no forecast word reports.
    const auto& b = r.on("Results for 2026: revenue of EUR 4.2 billion and capex of EUR 300 million, the company expects growth.");
    REQUIRE(with_value(b, 4.2e9));
    CHECK_FALSE(with_value(b, 4.2e9)->forecast);
}
