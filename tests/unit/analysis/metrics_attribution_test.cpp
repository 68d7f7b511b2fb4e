// Issue 14 item 1 on realistic news (news-0027..0039): named units as subjects, business lines
// without a kind word, a business after its kind ("for", "at its ... business"), margin moves
// with their own basis, and the new kinds' wordings (identical sales, accelerated repurchases,
// reserves, "still expects").
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "metrics_support.hpp"

using namespace herald::analysis;

using testing::describe;

TEST_CASE("a named unit's possessive is no part of the segment's name") {
    testing::Run r;
    CHECK(describe(r.on("Acme said Acme Mobility's revenue rose 9% to EUR 3.1 billion.")) == "revenue Acme/Mobility 3.1e+09");
    CHECK(describe(r.on("At Acme, the Cloud Platforms unit's orders fell 3% to EUR 4.6 billion.")) ==
          "orders Acme/Cloud Platforms 4.6e+09");
    // "Sam's Club" keeps its inner possessive.
    CHECK(describe(r.on("Acme said Sam's Club sales rose 5% to $22 billion.")) == "revenue Acme/Sam's Club 2.2e+10");
}

TEST_CASE("a brand before 'brand' is the segment of its count") {
    testing::Run r;
    CHECK(describe(r.on("At Acme, the Zephyr brand delivered 71,000 vehicles, down 9%.")) == "deliveries Acme/Zephyr 71000");
    // Without the brand noun the company's total stays unsegmented.
    CHECK(describe(r.on("At Acme, the group delivered 71,000 vehicles, down 9%.")) == "deliveries Acme/ 71000");
}

TEST_CASE("business lines without a kind word: fixed income, equities, service revenue") {
    testing::Run r;
    CHECK(describe(r.on("Acme's markets revenue increased 15% to $5.6 billion, with fixed income up 12% and equities up 24%.")) ==
          "revenue Acme/markets 5.6e+09; revenue Acme/fixed income 12%; revenue Acme/equities 24%");
    CHECK(describe(r.on("Acme said service revenue rose 6% to $17.3 billion.")) == "revenue Acme/service 1.73e+10");
    // Income that is no business line stays the company's (or no metric).
    CHECK(describe(r.on("Acme's net income rose 12% to $4 billion.")) == "net_income Acme/ 4e+09");
}

TEST_CASE("a business named after its kind: 'for Experiences', 'at its direct-to-consumer streaming business'") {
    testing::Run r;
    CHECK(describe(r.on("At Acme, segment operating income for Experiences grew 13% to $1.9 billion.")) ==
          "operating_income Acme/Experiences 1.9e+09");
    CHECK(describe(r.on("Acme said operating income at its direct-to-consumer streaming business rose to $1.3 billion.")) ==
          "operating_income Acme/direct-to-consumer streaming 1.3e+09");
    // "for" a period names no business.
    CHECK(describe(r.on("Acme said operating income for the quarter rose to $1.3 billion.")) == "operating_income Acme/ 1.3e+09");
    CHECK(describe(r.on("Acme said operating income for fiscal 2026 rose to $1.3 billion.")) == "operating_income Acme/ 1.3e+09");
    // A hyphenated word not followed by a business word is no business.
    CHECK(describe(r.on("Acme said revenue at its long-awaited launch was $5 million.")) == "revenue Acme/ 5e+06");
}

TEST_CASE("a margin move in basis points keeps its own basis") {
    testing::Run r;
    const auto& ms = r.on("Acme's gross margin was 47.1%, up 80 basis points sequentially.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].value == doctest::Approx(47.1));
    CHECK(ms[0].change.points == doctest::Approx(0.8));
    CHECK(ms[0].change.basis == Basis::sequential);
    const auto& y = r.on("Acme's gross margin was 47.1%, down 30 basis points from a year earlier.");
    REQUIRE(y.size() == 1);
    CHECK(y[0].change.basis == Basis::yoy);
    // No basis written: none.
    const auto& n = r.on("Acme's gross margin was 22.7%, up 10 basis points.");
    REQUIRE(n.size() == 1);
    CHECK(n[0].change.basis == Basis::none);
}

TEST_CASE("new kinds' wordings: identical sales, accelerated repurchases, reserves") {
    testing::Run r;
    CHECK(describe(r.on("Acme said identical sales excluding fuel rose 3.1% in the second quarter.")) ==
          "comparable_sales Acme/ 3.1%");
    CHECK(describe(r.on("Acme said it had completed its $7.5 billion accelerated share repurchase.")) ==
          "buyback Acme/ 7.5e+09");
    // Money set aside in reserves is no buyback and no metric.
    CHECK(describe(r.on("Acme returned $4.5 billion, including $3.5 billion of share repurchases, and set aside $350 million in reserves.")) ==
          "buyback Acme/ 3.5e+09");
}

TEST_CASE("'still expects' a projection: it did not move") {
    testing::Run r;
    const auto& ms = r.on("Acme said it still expects an operating margin of 4% to 5% for the year.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].forecast);
    CHECK(ms[0].change.direction == Direction::flat);
    // "still" with a reported move is no reaffirmation.
    const auto& m = r.on("Acme's revenue still fell 5% to $2 billion.");
    REQUIRE(m.size() == 1);
    CHECK(m[0].change.direction == Direction::down);
}

TEST_CASE("a business line named by plain words opening the kind's phrase") {
    testing::Run r;
    CHECK(describe(r.on("At Acme, premium revenue climbed 7% while main cabin revenue slipped 2%.")) ==
          "revenue Acme/premium 7%; revenue Acme/main cabin -2%");
    CHECK(describe(r.on("Acme's revenue grew 9% to $9.8 billion, with ancillary revenue up 6% at $2.9 billion.")) ==
          "revenue Acme/ 9.8e+09; revenue Acme/ancillary 2.9e+09");
    CHECK(describe(r.on("At Acme, analog revenue grew 16%, while embedded processing revenue fell 4%.")) ==
          "revenue Acme/analog 16%; revenue Acme/embedded processing -4%");
    CHECK(describe(r.on("At Acme, diabetes and obesity care sales grew 13%.")) ==
          "revenue Acme/diabetes and obesity care 13%");
    CHECK(describe(r.on("Acme added 1.1 million postpaid phone subscribers.")) ==
          "subscribers Acme/postpaid phone 1.1e+06");
    // Not a line: judgements, times, the company itself, a verb after the name, a participle.
    CHECK(describe(r.on("At Acme, strong revenue rose 5% to $2 billion.")) == "revenue Acme/ 2e+09");
    CHECK(describe(r.on("At Acme, quarter revenue rose 5% to $2 billion.")) == "revenue Acme/ 2e+09");
    CHECK(describe(r.on("Acme said the company's revenue rose 5% to $2 billion.")) == "revenue Acme/ 2e+09");
    CHECK(describe(r.on("Acme reaffirmed revenue of $2 billion for the year.")) == "revenue Acme/ 2e+09");
    CHECK(describe(r.on("Acme cut its outlook, citing negative free cash flow of $1 billion.")) ==
          "cash_flow Acme/ -1e+09");
    CHECK(describe(r.on("Acme will cut 3,500 more jobs.")) == "job_cuts Acme/ 3500");
    CHECK(describe(r.on("Acme ended the quarter with 132 million subscribers.")) == "subscribers Acme/ 1.32e+08");
}

TEST_CASE("a company the alias table does not know is the one its sentence names before the figure") {
    testing::Run r;
    const auto& ms = r.item("Europe's airlines: Skyjet profit climbs 25%, Aerolux cuts forecast",
                            "Skyjet said operating profit rose 25% to EUR 4.1 billion, while Aerolux cut its adjusted EBIT "
                            "forecast to about EUR 1.6 billion from EUR 2.0 billion.");
    const Metric* a = testing::with_value(ms, 4.1e9);
    const Metric* b = testing::with_value(ms, 1.6e9);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a->entity == "Skyjet");
    CHECK(b->entity == "Aerolux");
    // A place's possessive opening the headline is no company: the figure keeps no name rather than "Europe's".
    const auto& n = r.item("Europe's airlines lift forecasts", "Operating profit rose 25% to EUR 4.1 billion.");
    REQUIRE(testing::with_value(n, 4.1e9));
    CHECK(testing::with_value(n, 4.1e9)->entity != "Europe's");
    // A name that the headline does not write is not taken.
    const auto& o = r.item("Airline profits climb", "Skyjet said operating profit rose 25% to EUR 4.1 billion.");
    REQUIRE(testing::with_value(o, 4.1e9));
    CHECK(testing::with_value(o, 4.1e9)->entity != "Skyjet");
}

TEST_CASE("an 'as' clause's business is the subject of its move: 'as cancer drugs grow 18%'") {
    testing::Run r;
    const auto& ms = r.on("Acme raised its sales forecast as cancer drugs grew 18%.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].segment == "cancer drugs");
    CHECK_FALSE(ms[0].forecast);
    CHECK(describe(r.on("Acme said its oncology portfolio grew 18% to $6.3 billion.")) ==
          "revenue Acme/oncology portfolio 6.3e+09");
    // A judgement before the noun does not open a business's name: no metric.
    CHECK(describe(r.on("At Acme, strong drugs grew 18%.")) == "");
    CHECK(describe(r.on("Sales of generic drugs rose 4% nationwide.")).find("generic") == std::string::npos);
}

// unknown_name_before keeps the plain tokens an earlier metric's walk passed (no sentence end, no
// possible name) and steps over them: a later figure still finds the name before them, within
// its 30 tokens, and not past the end of the sentence before.
TEST_CASE("every figure of a sentence finds the unknown company named before them, and no further") {
    testing::Run r;
    const auto& ms = r.item("Results: Skyjet lifts outlook",
                            "Skyjet said revenue rose 5% and operating profit rose 7% while net income rose 9% and "
                            "free cash flow rose 4%.");
    REQUIRE(ms.size() >= 4);
    for (const Metric& m : ms) {
        CAPTURE(m.text);
        CHECK(m.entity == "Skyjet");
    }
    const auto& far = r.item("Results: Skyjet lifts outlook",
                             "Skyjet said revenue rose 5% and operating profit rose 7% while net income rose 9% and "
                             "free cash flow rose 4% and the rest of the group and its many units and the others in "
                             "the many markets it serves in the region also saw sales rise 3%.");
    const Metric* last = testing::with_value(far, 0);
    for (const Metric& m : far)
        if (m.change.has_percent && m.change.percent == 3) last = &m;
    REQUIRE(last);
    CHECK(last->entity != "Skyjet");  // more than 30 tokens after the name
    const auto& next = r.item("Results: Skyjet lifts outlook",
                              "Skyjet said revenue rose 5%. Operating profit rose 7% and net income rose 9%.");
    for (const Metric& m : next) {
        CAPTURE(m.text);
        CHECK((m.entity == "Skyjet") == (m.change.percent == 5));  // not past the sentence's start
    }
}

TEST_CASE("'tripled to' a level past the business its kind names is +200%; 'more than doubled to' has no size") {
    testing::Run r;
    const auto& ms = r.on("Acme said operating income at its direct-to-consumer streaming business tripled to $1.3 billion.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].change.direction == Direction::up);
    CHECK(ms[0].change.has_percent);
    CHECK(ms[0].change.percent == doctest::Approx(200.0));
    const auto& m = r.on("Acme's revenue more than doubled to $4 billion.");
    REQUIRE(m.size() == 1);
    CHECK(m[0].change.direction == Direction::up);
    CHECK_FALSE(m[0].change.has_percent);
    // A multiplier past a comma is another clause's.
    const auto& o = r.on("Acme's revenue rose 5% to $4 billion, and its shares nearly tripled.");
    REQUIRE(o.size() == 1);
    CHECK(o[0].change.percent == doctest::Approx(5.0));
}

TEST_CASE("what analysts had expected of a reported figure is its yardstick, no metric") {
    testing::Run r;
    CHECK(describe(r.on("Acme's revenue rose 5% to $23.6 billion. Analysts on average had expected revenue of $23.3 billion.")) ==
          "revenue Acme/ 2.36e+10");
    // Analysts' expectations of a coming period stay projections.
    const auto& ms = r.on("Analysts expect Acme's revenue of $25 billion next year.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].forecast);
}

TEST_CASE("a headline's base-form move verbs: 'deliveries slip 3%', 'sales slump 8%'") {
    testing::Run r;
    const auto& ms = r.item("Acme deliveries slip 3% as China sales slump 8%", "");
    REQUIRE(ms.size() == 2);
    CHECK(ms[0].kind == MetricKind::deliveries);
    CHECK(ms[0].change.percent == doctest::Approx(-3.0));
    CHECK(ms[1].change.percent == doctest::Approx(-8.0));
}

TEST_CASE("a buyback carried out takes the report's period; a plan, a program total or a running total does not") {
    testing::Run r;
    const auto& ms = r.item("Acme third-quarter profit rises 16%",
                            "Acme's third-quarter net income rose 16% to $4.3 billion.",
                            "Acme returned $4.5 billion to shareholders, including $3.5 billion of share repurchases. "
                            "It approved a new $10 billion buyback. It has repurchased $50 billion of stock since 2020. "
                            "It had completed its $7.5 billion accelerated share repurchase.");
    CHECK(testing::period_of(ms, 3.5e9) == "Q3");
    CHECK(testing::period_of(ms, 10e9) == "");
    CHECK(testing::period_of(ms, 50e9) == "");
    CHECK(testing::period_of(ms, 7.5e9) == "");
}

TEST_CASE("a period before 'and' is not the next predicate's dividend's") {
    testing::Run r;
    const auto& ms = r.on("Acme bought back $22 billion of its shares in the quarter and declared a dividend of 27 cents per share.");
    const Metric* d = testing::metric_of(ms, MetricKind::dividend);
    REQUIRE(d);
    CHECK(d->period.view().empty());
    // Written with the dividend, the period is its own.
    const auto& o = r.on("Acme paid a dividend of 27 cents per share in the third quarter.");
    REQUIRE(testing::metric_of(o, MetricKind::dividend));
    CHECK(testing::metric_of(o, MetricKind::dividend)->period.view() == "Q3");
}

TEST_CASE("a deal's price restated per share after ', or' is the deal's, not EPS") {
    testing::Run r;
    const auto& ms = r.on("Acme agreed to acquire Globex for $7.2 billion in cash and stock, or $58 per share.");
    REQUIRE(testing::with_value(ms, 58));
    CHECK(testing::with_value(ms, 58)->kind == MetricKind::deal_value);
    // After a loss, ", or 35 cents a share" stays the loss per share.
    const auto& l = r.on("Acme reported a net loss of $120 million, or 35 cents a share.");
    REQUIRE(testing::with_value(l, -0.35));
    CHECK(testing::with_value(l, -0.35)->kind == MetricKind::eps);
}

// A company found by name only (not in the alias table) must not carry another company's
// ticker: a `for: ticker` rule on IAG.L would otherwise fire on Lufthansa's figures.
namespace {
// Two airlines' figures in one summary sentence under `headline`, with the event's `tickers`.
const std::vector<Metric>& airlines(testing::Run& r, std::string_view headline, std::string_view first,
                                    std::string_view second, std::vector<std::string_view> tickers) {
    static std::string summary;
    summary = std::string(first) + " said operating profit rose 25% to EUR 4.1 billion, while " + std::string(second) +
              " cut its adjusted EBIT forecast to about EUR 1.6 billion from EUR 2.0 billion.";
    r.event.clear();
    r.event.headline = headline;
    r.event.summary = summary;
    r.event.tickers = std::move(tickers);
    return r.analyze();
}
}  // namespace

TEST_CASE("a company the alias table does not know keeps no other company's ticker") {
    testing::Run r;
    const char* headline = "Europe's airlines: IAG lifts profit, Lufthansa cuts outlook";
    const auto& ms = airlines(r, headline, "IAG", "Lufthansa", {"IAG.L", "AF.PA"});
    const Metric* iag = testing::with_value(ms, 4.1e9);
    const Metric* lha = testing::with_value(ms, 1.6e9);
    REQUIRE(iag);
    REQUIRE(lha);
    CHECK(iag->entity == "IAG");
    CHECK(iag->ticker == "IAG.L");  // the name is the ticker's symbol
    CHECK(lha->entity == "Lufthansa");
    CHECK(lha->ticker.empty());  // no ticker of the event is Lufthansa's
    // The name's ticker is taken from the event's tickers even when it is not the first one.
    const auto& again = airlines(r, headline, "IAG", "Lufthansa", {"AF.PA", "IAG.L"});
    REQUIRE(testing::with_value(again, 4.1e9));
    CHECK(testing::with_value(again, 4.1e9)->ticker == "IAG.L");
    REQUIRE(testing::with_value(again, 1.6e9));
    CHECK(testing::with_value(again, 1.6e9)->ticker.empty());
}

TEST_CASE("a company the alias table does not know that opens the headline keeps the event's ticker") {
    testing::Run r;
    const auto& ms = airlines(r, "Skyjet profit climbs 25%, Aerolux cuts forecast", "Skyjet", "Aerolux", {"SKJ.PA"});
    REQUIRE(testing::with_value(ms, 4.1e9));
    REQUIRE(testing::with_value(ms, 1.6e9));
    CHECK(testing::with_value(ms, 4.1e9)->entity == "Skyjet");
    CHECK(testing::with_value(ms, 4.1e9)->ticker == "SKJ.PA");  // the headline's subject: the primary company
    CHECK(testing::with_value(ms, 1.6e9)->entity == "Aerolux");
    CHECK(testing::with_value(ms, 1.6e9)->ticker.empty());
}
