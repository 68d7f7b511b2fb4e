// Error classes of hand-written news items (data/eval/metrics-news.ndjson, issue 14), each as a
// general rule: whose a per-share figure is, which words name run rates and EPS, where a
// projection's scope and an earlier value's cue end, which period a figure takes (halves, a
// buyback's own period, next year's guidance, a projection's quarter, a headline's restatement),
// a reaffirmed count, a breakdown's change. Sentences written for these tests.
#include <doctest/doctest.h>

#include <cmath>

#include "metrics_support.hpp"

using namespace herald::analysis;

using testing::near;
using testing::period_of;
using testing::with_value;

TEST_CASE("a price target and a dividend are the company's, never a segment's") {
    testing::Run r;
    const auto& ms = r.on(
        "Analysts expect Microsoft's Azure cloud revenue to grow 37% in the fiscal second quarter, and raised their "
        "price target to $610 from $575.");
    const Metric* pt = with_value(ms, 610);
    REQUIRE(pt);
    CHECK(pt->kind == MetricKind::price_target);
    CHECK(pt->segment.empty());
    const auto& d = r.on("Microsoft's Azure unit grew 40%, and Microsoft raised its quarterly dividend to $0.91 per share.");
    const Metric* dv = with_value(d, 0.91);
    REQUIRE(dv);
    CHECK(dv->kind == MetricKind::dividend);
    CHECK(dv->segment.empty());
}

TEST_CASE("annualized recurring revenue is a run rate; profit per share is EPS") {
    testing::Run r;
    const auto& ms = r.on("Acme's annualized recurring revenue grew 11.5% to $19.2 billion.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].kind == MetricKind::run_rate);
    const auto& e = r.on("Acme said adjusted profit per share was $5.95, compared with $5.17 a year ago.");
    REQUIRE(e.size() == 1);
    CHECK(e[0].kind == MetricKind::eps);
    CHECK(near(e[0].value, 5.95));
    CHECK(near(e[0].prior_value, 5.17));
}

TEST_CASE("'after' opening a clause that reports ends a projection and an earlier value's cue") {
    testing::Run r;
    const auto& ms = r.on(
        "Acme raised its net profit target for the current fiscal year to $2.1 billion from $2.0 billion after "
        "first-half net profit rose 15% to $1.24 billion.");
    REQUIRE(ms.size() == 2);
    CHECK(ms[0].forecast);
    CHECK(ms[0].period.view() == "FY");
    CHECK_FALSE(ms[1].forecast);
    CHECK(ms[1].period.view() == "H1");
    // No move after it: the projection goes on ("after securing financing").
    CHECK(r.on("Acme expects revenue of $2 billion after securing new contracts.")[0].forecast);
}

TEST_CASE("six months to a date are the first half") {
    testing::Run r;
    const auto& ms = r.on("Acme sales increased 4.6% to $33.1 billion in the six months to Aug. 23.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].period.view() == "H1");
    CHECK(r.on("Acme sales rose 3% to $9 billion in the nine months to Aug. 23.")[0].period.view() == "9M");
}

TEST_CASE("a buyback or job cuts take only a period stated with them") {
    testing::Run r;
    const auto& ms = r.on(
        "Acme reported a third-quarter profit before tax of $2.5 billion, up 23% from a year earlier, and announced "
        "a new share buyback of up to $500 million.");
    REQUIRE(ms.size() == 2);
    CHECK(ms[1].kind == MetricKind::buyback);
    CHECK(ms[1].period.view().empty());
    const auto& b = r.on("Acme reported third-quarter profit of $2.5 billion. Acme repurchased $4 billion of stock in the quarter.");
    REQUIRE(b.size() == 2);
    CHECK(b[1].kind == MetricKind::buyback);
    CHECK(b[1].period.view() == "Q3");
    // A period a few words on that belongs to another clause is not theirs.
    const auto& j = r.on("Acme will cut about 1,200 jobs in Sweden, it said on Thursday, after third-quarter net sales fell 6%.");
    const Metric* cut = testing::metric_of(j, MetricKind::job_cuts);
    REQUIRE(cut);
    CHECK(cut->period.view().empty());
    const auto& d = r.on(
        "Acme reported third-quarter profit of $2.5 billion. It announced an interim dividend of $0.23 per share and "
        "said it added 2,400 employees in the quarter.");
    const Metric* dv = testing::metric_of(d, MetricKind::dividend);
    REQUIRE(dv);
    CHECK(dv->period.view().empty());
}

TEST_CASE("a reaffirmed count target did not move") {
    testing::Run r;
    const auto& ms = r.on("Acme kept its full-year target of around 820 deliveries.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].kind == MetricKind::deliveries);
    CHECK(ms[0].forecast);
    CHECK(ms[0].change.direction == Direction::flat);
}

TEST_CASE("a part of a breakdown takes no change stated for the whole") {
    testing::Run r;
    const auto& ms = r.on(
        "Acme delivered 710,347 vehicles in the third quarter, up 8% from a year earlier, including 66,501 electric "
        "vehicles.");
    REQUIRE(ms.size() == 2);
    CHECK(near(ms[0].value, 710347));
    CHECK(near(ms[0].change.percent, 8));
    CHECK(near(ms[1].value, 66501));
    CHECK_FALSE(ms[1].change.has_percent);
}

TEST_CASE("next year's guidance does not give its year to the quarter reported with it") {
    testing::Run r;
    const auto& ms = r.item("Acme forecasts fiscal 2027 revenue above estimates",
                         "Acme expects fiscal 2027 revenue of $25.9 billion to $26.1 billion. Fourth-quarter revenue "
                         "rose 10% to $6.2 billion.");
    CHECK(period_of(ms, 6.2e9) == "Q4");
    // Guidance for the item's own year still dates its quarter.
    const auto& cur = r.item("Acme results", "Acme expects 2026 revenue of $25 billion. Third-quarter revenue rose 10% to $6.2 billion.");
    CHECK(period_of(cur, 6.2e9) == "Q3 2026");
}

TEST_CASE("a projection's quarter carries to 'the quarter' and to the headline restating it") {
    testing::Run r;
    const auto& ms = r.item("Analysts expect Azure growth to slow to 37%",
                         "Analysts expect Azure revenue to grow 37% in the fiscal second quarter and raised their "
                         "price target to $610.",
                         "They forecast gross margin of 40.5% for the quarter and see earnings of 25 cents a share.");
    REQUIRE(ms.size() == 5);
    auto find = [&](MetricKind k, Field f) -> const Metric& {
        for (const Metric& m : ms)
            if (m.kind == k && m.span.field == f) return m;
        FAIL("no such metric");
        return ms[0];
    };
    CHECK(find(MetricKind::revenue, Field::headline).period.view() == "Q2");
    CHECK(find(MetricKind::revenue, Field::summary).period.view() == "Q2");
    CHECK(find(MetricKind::price_target, Field::summary).period.view().empty());
    CHECK(find(MetricKind::gross_margin, Field::body).period.view() == "Q2");
    CHECK(find(MetricKind::eps, Field::body).period.view() == "Q2");
}

TEST_CASE("a year written as an adjective of a result or an outlook is the item's year") {
    testing::Run r;
    const auto& ms = r.item("Globex lifts 2026 earnings outlook on strong orders",
                            "Globex said third-quarter revenue rose 6% to $4.1 billion.",
                            "The company now expects full-year revenue of $16 billion.");
    CHECK(period_of(ms, 4.1e9) == "Q3 2026");
    CHECK(period_of(ms, 16e9) == "FY2026");

    // A bound ("since 2019") or a later year (next year's target, item of 2026) states no report year.
    const auto& since = r.item("Globex's since 2019 sales push pays off", "Globex said third-quarter revenue rose 6% to $4.1 billion.");
    CHECK(period_of(since, 4.1e9) == "Q3");
    const auto& later = r.item("Globex sets 2028 sales target", "Globex said third-quarter revenue rose 6% to $4.1 billion.");
    CHECK(period_of(later, 4.1e9) == "Q3");
}

TEST_CASE("a period after 'over' / 'on' a move is the comparison's, not the report's year") {
    testing::Run r;
    const auto& ms = r.item("Globex third-quarter sales rise 9%", "Globex said third-quarter revenue rose 9% to $7.1 billion.",
                          "Its cloud revenue was $3.3 billion, an increase of 12% over the third quarter of 2025. Net interest "
                          "income was $1.2 billion, up 7% on the third quarter of 2025.");
    // The item states no year of its own (2025 is the comparison's): "Q3", as the guideline writes it.
    CHECK(period_of(ms, 7.1e9) == "Q3");
    // A horizon after "over" is no comparison.
    const auto& h = r.item("Globex sets targets", "Globex expects revenue to grow 10% over the next three years.");
    for (const Metric& m : h) CHECK(m.period.view() != "FY2025");
}

TEST_CASE("operating profit before tax is pretax income") {
    testing::Run r;
    const auto& ms = r.on("Globex reported an operating profit before tax of £1.9 billion, up 12%.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].kind == MetricKind::pretax_income);
}

TEST_CASE("a company the alias table does not know is the headline's subject") {
    testing::Run r;
    const auto& ms = r.item("Northvale narrows revenue growth forecast after profit gain",
                            "Northvale reported a net profit of $736 million for the quarter, up 13% from a year ago.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].entity == "Northvale");
    const auto& two = r.item("South Pacific Mining agrees to buy copper miner", "The deal values the miner at $2.8 billion.");
    REQUIRE(two.size() == 1);
    CHECK(two[0].entity == "South Pacific Mining");
    // A headline that opens with no company gives no name.
    const auto& none = r.item("Shares slide after results", "Net profit rose 13% to $736 million.");
    REQUIRE(none.size() == 1);
    CHECK(none[0].entity.empty());
}

// The metric of this value rose by a size the text does not state.
static bool rose_by_unstated(const std::vector<Metric>& ms, double value) {
    const Metric* m = with_value(ms, value);
    return m && m->change.direction == Direction::up && !m->change.has_percent;
}

TEST_CASE("'more than doubled to' a level: the level's move has no exact size") {
    testing::Run r;
    CHECK(rose_by_unstated(r.on("Acme sold 480,000 vehicles, as overseas deliveries more than doubled to 95,000."), 95000));
    const auto& alone = r.on("Acme said its cloud revenue doubled in the quarter to lift results.");
    REQUIRE(alone.size() == 1);
    CHECK(alone[0].change.has_percent);
    CHECK(near(alone[0].change.percent, 100.0));
}

TEST_CASE("an earlier value after 'from' and a qualifier is the prior, no figure of its own") {
    testing::Run r;
    const auto& ms = r.on("The broker expects Acme's gross margin to widen to 54.5% in 2027 from about 52% this year.");
    REQUIRE(ms.size() == 1);
    CHECK(near(ms[0].value, 54.5));
    CHECK(ms[0].has_prior);
    CHECK(near(ms[0].prior_value, 52.0));
    CHECK(ms[0].change.direction == Direction::up);
}

TEST_CASE("what an expense cost, a charge and a loan are no company result") {
    testing::Run r;
    CHECK(r.on("Toyota cuts full-year profit forecast as U.S. tariffs cost ¥1.4 trillion.").empty());
    const auto& cat = r.on("Operating profit margin was 17.9%, as tariffs cost the company about $600 million.");
    CHECK_FALSE(with_value(cat, 600e6));
    const auto& ch = r.on("Acme posts $5.4 billion net loss on $4.9 billion 777X charge.");
    REQUIRE(with_value(ch, -5.4e9));
    CHECK_FALSE(with_value(ch, 4.9e9));
    const auto& loan = r.on("Acme expects to fund the purchase from cash and a new $1.5 billion term loan.");
    CHECK(loan.empty());
    // A plant's cost is still a pledge of capital spending.
    const auto& plant = r.on("Acme opened a plant that cost about $200 million in Texas.");
    CHECK(with_value(plant, 200e6));
}

TEST_CASE("'for the year' is the report's year, not a quarter named before it") {
    testing::Run r;
    const auto& ms = r.on(
        "Acme expects third-quarter adjusted EPS of $1.25 to $1.75 and said free cash flow for the year should reach "
        "$3 billion to $4 billion.");
    const Metric* cf = testing::metric_of(ms, MetricKind::cash_flow);
    REQUIRE(cf);
    CHECK(cf->period.view().substr(0, 2) == "FY");
    const Metric* eps = testing::metric_of(ms, MetricKind::eps);
    REQUIRE(eps);
    CHECK(eps->period.view().substr(0, 2) == "Q3");
}

TEST_CASE("a price paid per share is the deal's, and a deal's price is no projection") {
    testing::Run r;
    const auto& ms = r.on("Globex will pay C$14.50 a share in cash for Acme, a 31% premium to its last close.");
    const Metric* d = with_value(ms, 14.5);
    REQUIRE(d);
    CHECK(d->kind == MetricKind::deal_value);
    CHECK_FALSE(d->forecast);
    const auto& v = r.on("The deal values the target at $86.25 per share in cash.");
    REQUIRE(with_value(v, 86.25));
    CHECK(with_value(v, 86.25)->kind == MetricKind::deal_value);
    // EPS stays EPS.
    const auto& e = r.on("Acme earned $2.10 a share in the quarter.");
    REQUIRE(with_value(e, 2.10));
    CHECK(with_value(e, 2.10)->kind == MetricKind::eps);
}

TEST_CASE("a level followed by 'more than double' an earlier one rose") {
    testing::Run r;
    CHECK(rose_by_unstated(r.on("The analyst forecast Acme's ad revenue of about $3 billion in 2026, more than double last year."), 3e9));
    const auto& plain = r.on("Acme reported revenue of $3 billion in the quarter, and said demand was strong.");
    REQUIRE(with_value(plain, 3e9));
    CHECK(with_value(plain, 3e9)->change.direction == Direction::none);
}

TEST_CASE("'slashes ... to', 'lifting ... to' a level give its direction") {
    testing::Run r;
    const auto& pt = r.on("Tidewater downgrades Acme to Sell, slashes target to $240.");
    REQUIRE(with_value(pt, 240));
    CHECK(with_value(pt, 240)->change.direction == Direction::down);
    const auto& up = r.on("Sales of the glasses tripled, lifting Acme's wearables revenue to about €560 million.");
    REQUIRE(with_value(up, 560e6));
    CHECK(with_value(up, 560e6)->change.direction == Direction::up);
}

// The kind of the one metric of ms (count_ when there is not exactly one).
static MetricKind sole_kind(const std::vector<Metric>& ms) { return ms.size() == 1 ? ms[0].kind : MetricKind::count_; }

TEST_CASE("a bank's bare 'income' is its revenue; income taxes and interest income are not") {
    testing::Run r;
    const auto& ms = r.on("Income rose 8% to £7.2 billion, while Acme UK income was flat at £2.0 billion.");
    REQUIRE(with_value(ms, 7.2e9));
    CHECK(with_value(ms, 7.2e9)->kind == MetricKind::revenue);
    REQUIRE(with_value(ms, 2.0e9));
    CHECK(with_value(ms, 2.0e9)->kind == MetricKind::revenue);
    CHECK(r.on("Acme recorded income tax expense of $2 billion.").empty());
    CHECK(sole_kind(r.on("Income from operations was $5 billion.")) == MetricKind::operating_income);
    CHECK(sole_kind(r.on("Net income rose 5% to $3 billion.")) == MetricKind::net_income);
}

TEST_CASE("a report that never names its quarter is the one before its guidance's") {
    testing::Run r;
    const auto& ms = r.item("Acme shares sink as spending plans alarm investors", "Acme said net income fell 18% to $15.1 billion.",
                            "The company guided fourth-quarter revenue to $60-63 billion.");
    const Metric* ni = with_value(ms, 15.1e9);
    REQUIRE(ni);
    CHECK(ni->period.view() == "Q3");
    const Metric* g = with_value(ms, 60e9);
    REQUIRE(g);
    CHECK(g->period.view() == "Q4");
    // First-quarter guidance follows a fourth-quarter report.
    const auto& q1 = r.item("Acme results", "Acme said revenue rose 5% to $2 billion.",
                            "It expects first-quarter revenue of $2.1 billion.");
    REQUIRE(with_value(q1, 2e9));
    CHECK(with_value(q1, 2e9)->period.view() == "Q4");
}

TEST_CASE("'raises dividend 25%': the verb before the kind gives the move") {
    testing::Run r;
    const auto& h = r.on("Acme raises dividend 25%, unveils $3 billion buyback.");
    const Metric* d = testing::metric_of(h, MetricKind::dividend);
    REQUIRE(d);
    CHECK(d->change.direction == Direction::up);
    CHECK(near(d->change.percent, 25.0));
    const auto& b = r.on("Acme raised its quarterly dividend by 25% to 18.75 cents a share.");
    const Metric* dv = with_value(b, 0.1875);
    REQUIRE(dv);
    CHECK(near(dv->change.percent, 25.0));
}

TEST_CASE("what a deal values a company at is its price; 'valued at' alone is no metric") {
    testing::Run r;
    const Metric* d = with_value(r.on("Acme agreed the terms, valuing Globex at about $2.8 billion including debt."), 2.8e9);
    CHECK((d && d->kind == MetricKind::deal_value && d->qualifier == Qualifier::about));
    CHECK_FALSE(with_value(r.on("The startup was valued at roughly $135 billion in its last round."), 135e9));
}
