// How news reports figures, beyond "kind ... figure" (issue 14): moves stated as amounts,
// "respectively" lists, month-named quarters read through the company's fiscal calendar, price
// targets without a rating word, a securities sale's order book, projections continued across
// commas, and business lines named without a kind word. Sentences written for these tests.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>

#include "fiscal_years.hpp"
#include "metrics_support.hpp"

using namespace herald::analysis;

using testing::near;

namespace {

bool kinds_are(const std::vector<Metric>& ms, std::initializer_list<MetricKind> want) {
    return ms.size() == want.size() && std::equal(want.begin(), want.end(), ms.begin(),
                                                  [](MetricKind k, const Metric& m) { return m.kind == k; });
}

}  // namespace

TEST_CASE("a move stated as an amount gives the level with the change") {
    testing::Run r;
    SUBCASE("increased by X to Y") {
        const auto& ms = r.on("Acme's revenue increased by $5 million to $80 million in the quarter.");
        REQUIRE(ms.size() == 1);
        CHECK(ms[0].kind == MetricKind::revenue);
        CHECK(near(ms[0].value, 80e6));
        CHECK(ms[0].change.direction == Direction::up);
        CHECK(ms[0].change.has_amount);
        CHECK(near(ms[0].change.amount, 5e6));
        CHECK(!ms[0].is_range);
    }
    SUBCASE("a move verb right before the amount, a fall") {
        const auto& ms = r.on("Globex said operating profit dropped EUR 3 mn to EUR 41 mn.");
        REQUIRE(ms.size() == 1);
        CHECK(ms[0].kind == MetricKind::operating_income);
        CHECK(near(ms[0].value, 41e6));
        CHECK(ms[0].change.direction == Direction::down);
        CHECK(near(ms[0].change.amount, -3e6));
    }
    SUBCASE("a loss that widened is a fall of a negative value") {
        const auto& ms = r.on("Acme's net loss widened by about $2 million to $9 million.");
        REQUIRE(ms.size() == 1);
        CHECK(near(ms[0].value, -9e6));
        CHECK(ms[0].change.direction == Direction::down);
        CHECK(near(ms[0].change.amount, -2e6));
    }
    SUBCASE("a range is still a range") {
        const auto& ms = r.on("Acme expects revenue of $12 billion to $13 billion.");
        REQUIRE(ms.size() == 1);
        CHECK(ms[0].is_range);
        CHECK(!ms[0].change.has_amount);
    }
}

TEST_CASE("respectively lists give every figure its own kind") {
    testing::Run r;
    const auto& ms = r.on("Acme's revenue and operating income were $7 billion and $2 billion, respectively.");
    REQUIRE(ms.size() == 2);
    CHECK(ms[0].kind == MetricKind::revenue);
    CHECK(near(ms[0].value, 7e9));
    CHECK(ms[1].kind == MetricKind::operating_income);
    CHECK(near(ms[1].value, 2e9));

    const auto& three = r.on("Globex reported sales, EBITDA and net income of EUR 900 mn, EUR 120 mn and EUR 45 mn respectively.");
    CHECK(kinds_are(three, {MetricKind::revenue, MetricKind::ebitda, MetricKind::net_income}));
    REQUIRE(three.size() == 3);
    CHECK(near(three[2].value, 45e6));

    const auto& moves = r.on("Acme's revenue and EPS grew 6% and 9%, respectively.");
    REQUIRE(moves.size() == 2);
    CHECK(moves[0].kind == MetricKind::revenue);
    CHECK(near(moves[0].change.percent, 6.0));
    CHECK(moves[1].kind == MetricKind::eps);
    CHECK(near(moves[1].change.percent, 9.0));

    // Without "respectively" the nearest kind still decides.
    const auto& plain = r.on("Acme's revenue was $7 billion and its operating income $2 billion.");
    CHECK(kinds_are(plain, {MetricKind::revenue, MetricKind::operating_income}));
}

TEST_CASE("filings: a respectively list of years gives each figure its year, one kind over the list") {
    testing::Run r;
    const auto& ms = r.on("Acme's revenue was $2,431 million, $2,186 million and $1,954 million in 2025, 2024 and 2023, respectively.");
    REQUIRE(ms.size() == 3);
    CHECK(kinds_are(ms, {MetricKind::revenue, MetricKind::revenue, MetricKind::revenue}));
    CHECK(near(ms[1].value, 2186e6));
    CHECK(ms[0].period.view() == "FY2025");
    CHECK(ms[1].period.view() == "FY2024");
    CHECK(ms[2].period.view() == "FY2023");

    const auto& q = r.on("Acme's net sales were $5.2 billion and $4.9 billion for the three months ended June 30, 2025 and 2024, respectively.");
    REQUIRE(q.size() == 2);
    CHECK(q[0].period.view() == "Q2 2025");
    CHECK(q[1].period.view() == "Q2 2024");

    // Kinds and figures pair as before; the years do not change that.
    const auto& kinds = r.on("Acme's revenue and operating income were $7 billion and $2 billion, respectively, in 2025.");
    CHECK(kinds_are(kinds, {MetricKind::revenue, MetricKind::operating_income}));
}

TEST_CASE("filings: the period a figure follows in its clause beats one that starts nearer") {
    testing::Run r;
    const auto& ms = r.on("Acme's net sales for the three months ended December 31, 2025 increased 5% to $1.48 billion, "
                          "while full-year net sales were $5.77 billion.");
    REQUIRE(ms.size() == 2);
    CHECK(ms[0].period.view() == "Q4 2025");
    CHECK(ms[1].period.view() == "FY2025");
}

TEST_CASE("filings: a bare figure in brackets after a level is its year-earlier value (European reports)") {
    testing::Run r;
    const auto& ms = r.on("Globex's net sales amounted to EUR 12.4 mn (11.8) and operating profit was EUR 1.1 mn (0.7).");
    REQUIRE(ms.size() == 2);
    const double priors[] = {11.8e6, 0.7e6};
    for (size_t i = 0; i < 2; ++i) {
        CAPTURE(i);
        CHECK((ms[i].has_prior && near(ms[i].prior_value, priors[i]) && ms[i].change.direction == Direction::up));
    }

    const auto& eps = r.on("Globex's earnings per share were EUR 0.42 (0.35).");
    REQUIRE(eps.size() == 1);
    CHECK(near(eps[0].prior_value, 0.35));

    // A percentage in brackets after a margin is the margin a year earlier, no metric of its own.
    const auto& margin = r.on("Globex's EBITDA margin was 18.4 percent (16.9).");
    REQUIRE(margin.size() == 1);
    CHECK(near(margin[0].value, 18.4));
    CHECK(margin[0].has_prior);
    CHECK(near(margin[0].prior_value, 16.9));
}

TEST_CASE("filings: a comparison with the year-ago period after the figure is the yoy basis") {
    testing::Run r;
    const std::string_view texts[] = {
        "Acme's net sales for fiscal 2025 increased 8% to $391.0 billion compared to fiscal 2024.",
        "Acme's total revenues were $4.82 billion, up 11% compared with the prior-year period.",
        "Acme's net interest income was $14.6 billion in the third quarter of 2025, up 5% from the third quarter of 2024.",
        "Acme's net revenues decreased 6% to $915 million for the three months ended March 31, 2025, compared to the same period in 2024.",
    };
    for (std::string_view text : texts) {
        CAPTURE(text);
        const auto& ms = r.on(text);
        REQUIRE(ms.size() == 1);
        CHECK(ms[0].change.basis == Basis::yoy);
    }
    // Against another period than the year before: no basis is stated.
    const auto& q = r.on("Acme's revenue was $5.1 billion in the third quarter of 2025, up 5% from the second quarter of 2025.");
    REQUIRE(q.size() == 1);
    CHECK(q[0].change.basis == Basis::none);
}

TEST_CASE("fiscal calendars: a quarter named by its month is the company's fiscal quarter") {
    using namespace herald::analysis::fiscal;
    CHECK(year_end_month("AAPL") == 9);
    CHECK(year_end_month("MSFT") == 6);
    CHECK(year_end_month("ACME") == 0);
    CHECK(year_end_month("") == 0);
    CHECK(quarter_ending(12, 9) == 1);   // Apple's December quarter
    CHECK(quarter_ending(9, 9) == 4);    // its September quarter
    CHECK(quarter_ending(12, 6) == 2);   // Microsoft's December quarter
    CHECK(quarter_ending(10, 1) == 3);   // a January year's October quarter
    CHECK(quarter_ending(12, 12) == 4);  // the calendar
    CHECK(quarter_ending(11, 12) == 0);  // November ends no calendar quarter
    CHECK(fiscal_year(12, 2025, 9) == 2026);
    CHECK(fiscal_year(3, 2026, 9) == 2026);

    testing::Run r;
    const auto& ms = r.on("Microsoft expects December-quarter revenue of $80 billion.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].period.view() == "Q2");
    const auto& y = r.on("Microsoft said revenue in the December 2025 quarter rose 12%.");
    REQUIRE(y.size() == 1);
    CHECK(y[0].period.view() == "Q2 2026");
    // A company the table does not know keeps the calendar reading.
    const auto& cal = r.on("Acme said revenue in the September quarter was $3 billion.");
    REQUIRE(cal.size() == 1);
    CHECK(cal[0].period.view() == "Q3");
    // A calendar span is written as one: "July-September quarter" stays the calendar's.
    const auto& span = r.on("Microsoft's revenue for the July-September quarter was $70 billion.");
    REQUIRE(span.size() == 1);
    CHECK(span[0].period.view() == "Q3");
}

TEST_CASE("a bare target with a share-price sized amount is a price target, of no period") {
    testing::Run r;
    const auto& ms = r.on("Northgate raises Acme target to $410 from $380, citing fiscal 2028 estimates.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].kind == MetricKind::price_target);
    CHECK(ms[0].entity == "Acme");
    CHECK(near(ms[0].value, 410));
    CHECK(ms[0].forecast);
    CHECK(ms[0].period.empty());
    CHECK(near(ms[0].prior_value, 380));
    // A price target keeps no year of the sentence, named or not.
    const auto& pt = r.on("The broker lifted its price target on Globex to $95, seeing FY2028 earnings of $6.10.");
    REQUIRE(!pt.empty());
    CHECK(pt[0].kind == MetricKind::price_target);
    CHECK(pt[0].period.empty());
    // A company's own target in billions is guidance.
    const auto& own = r.on("Acme set a target of $50 billion for 2030.");
    REQUIRE(own.size() == 1);
    CHECK(own[0].kind == MetricKind::guidance);
}

TEST_CASE("a securities sale's order book is no company orders") {
    testing::Run r;
    CHECK(r.on("Acme sold $8 billion of notes in four tranches, drawing orders of about $40 billion.").empty());
    CHECK(r.on("Globex priced its bond offering after an order book of EUR 12 bn.").empty());
    const auto& ms = r.on("Acme won orders of $2 billion for its turbines.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].kind == MetricKind::orders);
}

TEST_CASE("a projection's objects continue across commas") {
    testing::Run r;
    const auto& ms = r.on("Acme expects first-quarter revenue of $9 billion, up 12%, and an operating margin of 21%.");
    REQUIRE(ms.size() == 2);
    CHECK(ms[0].forecast);
    CHECK(ms[1].kind == MetricKind::operating_margin);
    CHECK(ms[1].forecast);
    const auto& with = r.on("Globex forecast sales of EUR 2 bn, above the consensus, with gross margin of about 40%.");
    REQUIRE(with.size() == 2);
    CHECK(with[1].forecast);
    // A clause with a verb of its own reports: "and gross margin was 40%".
    const auto& own = r.on("Acme expects revenue of $9 billion, and gross margin was 40% in the quarter.");
    REQUIRE(own.size() == 2);
    CHECK(own[0].forecast);
    CHECK(!own[1].forecast);
    // A comparison before a comma does not make the next clause's expectation word a yardstick.
    const auto& fc = r.on("Northgate raised its target on Acme to $410 from $380, forecasting 2027 operating margin of 25%.");
    REQUIRE(fc.size() == 2);
    CHECK(fc[1].kind == MetricKind::operating_margin);
    CHECK(fc[1].forecast);
}

TEST_CASE("falling short of a forecast is no move and no projection") {
    testing::Run r;
    const auto& ms = r.on("Acme's operating margin of 18% fell short of its 20% forecast.");
    REQUIRE(!ms.empty());
    CHECK(near(ms[0].value, 18));
    CHECK(!ms[0].forecast);
    CHECK(ms[0].change.direction == Direction::none);
}

TEST_CASE("business lines named without a kind word or with their fees") {
    testing::Run r;
    const auto& ms = r.on("Acme's cloud sales grew 10%, with optical networks up 21%.");
    REQUIRE(ms.size() == 2);
    CHECK(ms[1].segment == "optical networks");
    CHECK(near(ms[1].change.percent, 21));
    const auto& fees = r.on("At Acme, membership fee income rose 9% to $1.3 billion.");
    REQUIRE(fees.size() == 1);
    CHECK(fees[0].kind == MetricKind::revenue);
    CHECK(fees[0].segment == "membership fee income");
}

TEST_CASE("the growth rate of a business named before 'growth' is its revenue's") {
    testing::Run r;
    const auto& own = r.on("Northgate said Azure's 37% growth was the best in software.");
    REQUIRE(own.size() == 1);
    CHECK(own[0].kind == MetricKind::revenue);
    CHECK(own[0].segment == "Azure");
    CHECK(near(own[0].change.percent, 37));
    const auto& to = r.on("Acme beats as AWS growth accelerated to 19%.");
    REQUIRE(to.size() == 1);
    CHECK(to[0].segment == "AWS");
    CHECK(near(to[0].change.percent, 19));
    const auto& of = r.on("Acme investors focused on data center growth of 31%.");
    REQUIRE(of.size() == 1);
    CHECK(of[0].segment == "data center");
    // A kind before "growth" is read as before; a company's own growth is no revenue figure.
    const auto& kind = r.on("Acme's revenue growth of 12% beat the market.");
    REQUIRE(kind.size() == 1);
    CHECK(kind[0].segment.empty());
    CHECK(r.on("Acme's 5% growth impressed investors.").empty());
}

TEST_CASE("filings: a move after a level and a comma is the level's, past a period phrase") {
    testing::Run r;
    // The kind is more than a dozen tokens before the percentage: only the comma joins them.
    const auto& ms = r.on("Acme's net revenues for the six months ended March 31, 2026 were $7.35 billion, an increase of 9% "
                          "compared with the prior-year period.");
    REQUIRE(ms.size() == 1);
    CHECK(near(ms[0].value, 7.35e9));
    CHECK((ms[0].change.direction == Direction::up && ms[0].change.has_percent && near(ms[0].change.percent, 9)));
    CHECK(ms[0].change.basis == Basis::yoy);

    const auto& d = r.on("Globex's operating income for the fourth quarter of fiscal 2026 was $610 million in total, "
                         "a decrease of approximately 4% from the fourth quarter of fiscal 2025.");
    REQUIRE(d.size() == 1);
    CHECK((d[0].change.has_percent && near(d[0].change.percent, -4)));

    // An amount and its percentage: both the level's, the amount no metric of its own.
    const auto& a = r.on("Acme's net sales for the nine months ended September 27, 2026 were $21.4 billion, an increase of "
                         "$1.1 billion, or 5%, compared to the same period in 2025.");
    REQUIRE(a.size() == 1);
    CHECK((a[0].change.has_percent && near(a[0].change.percent, 5)));
    CHECK((a[0].change.has_amount && near(a[0].change.amount, 1.1e9)));
    const auto& am = r.on("Globex's adjusted EBITDA for the quarter ended March 31, 2026 was $88.2 million, representing an "
                          "increase of $6.5 million over the prior-year quarter.");
    REQUIRE(am.size() == 1);
    CHECK(am[0].change.direction == Direction::up);
    CHECK((am[0].change.has_amount && near(am[0].change.amount, 6.5e6)));
    CHECK(am[0].change.basis == Basis::yoy);

    // Another kind between the level and the move: not the level's.
    const auto& o = r.on("Acme's revenue for the three months ended June 30, 2026 was $3.1 billion in total while its "
                         "services backlog, up 12%, reached a record.");
    const Metric* rev = testing::with_value(o, 3.1e9);
    REQUIRE(rev);
    CHECK(!rev->change.has_percent);
}

TEST_CASE("filings: income before income taxes is pretax income, a loss before them negative") {
    testing::Run r;
    const auto& ms = r.on("Acme's income before income taxes was $2,310 million in 2026 compared with $2,050 million in 2025.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].kind == MetricKind::pretax_income);
    CHECK(near(ms[0].value, 2310e6));
    const auto& l = r.on("Globex reported a loss before income taxes of $84 million for the year.");
    REQUIRE(l.size() == 1);
    CHECK(l[0].kind == MetricKind::pretax_income);
    CHECK(near(l[0].value, -84e6));
}

TEST_CASE("filings: a share of sales after an operating profit or EBITDA level is its margin") {
    testing::Run r;
    const auto& ms = r.on("Globex's operating profit for January-September 2026 was EUR 71,3 million (64,0), or 8,7% of net sales.");
    REQUIRE(ms.size() == 2);
    CHECK(ms[0].kind == MetricKind::operating_income);
    CHECK(ms[1].kind == MetricKind::operating_margin);
    CHECK(near(ms[1].value, 8.7));
    CHECK(ms[1].entity == ms[0].entity);
    CHECK(ms[1].period.view() == ms[0].period.view());
    CHECK(!ms[1].has_prior);
    const auto& e = r.on("Acme's adjusted EBITDA was $412 million, representing 21% of revenue.");
    REQUIRE(e.size() == 2);
    CHECK(e[1].kind == MetricKind::operating_margin);
    CHECK(near(e[1].value, 21));
    // A share after another kind is no margin.
    CHECK(r.on("Acme's cloud revenue was $2 billion, or 28% of total revenue.").size() == 1);
}
