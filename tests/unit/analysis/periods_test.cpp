// Period expressions as an analyst writes them, and periods settled per event (periods::complete).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../../../src/analysis/periods.hpp"

using namespace herald::analysis;

namespace {

// The periods of a one-sentence body, in order ("Q3 2026|FY2025"); earlier ones marked "<".
std::string periods_of(std::string_view body) {
    Event e;
    e.body = body;
    Document doc;
    doc.build(e);
    std::string out;
    for (const Sentence& s : doc.sentences) {
        periods::Found f[8];
        const size_t n = periods::all(doc, s, f, 8);
        for (size_t i = 0; i < n; ++i) {
            if (!out.empty()) out += "|";
            if (f[i].prior) out += "<";
            out += f[i].period.view();
        }
    }
    return out;
}

struct Case {
    std::string_view text, periods;
};

const Case kCases[] = {
    // quarters and halves, with the year where it is written
    {"Revenue was $5 billion in the first quarter of 2010.", "Q1 2010"},
    {"Acme's Q1 2026 revenue was $9 billion.", "Q1 2026"},
    {"Fourth-quarter revenue was $3 billion.", "Q4"},
    {"Third-quarter 2025 sales rose 4%.", "Q3 2025"},
    {"Sales in the 2009 third quarter rose 4%.", "Q3 2009"},
    {"Revenue in the first half of 2025 was $9 billion.", "H1 2025"},
    {"Second-half sales fell.", "H2"},
    // fiscal forms keep the company's fiscal year label
    {"Revenue for the fiscal 2026 third quarter was $4 billion.", "Q3 2026"},
    {"Revenue in Q3 FY26 was $4 billion.", "Q3 2026"},
    {"Revenue in FY26 Q3 was $4 billion.", "Q3 2026"},
    {"Revenue in the third quarter of fiscal 2026 was $4 billion.", "Q3 2026"},
    {"Revenue in the fiscal third quarter rose 5%.", "Q3"},
    {"Revenue in fiscal Q2 rose 5%.", "Q2"},
    {"Revenue in H1 FY2025 rose 5%.", "H1 2025"},
    {"Acme expects revenue of $5 billion in fiscal 2027.", "FY2027"},
    {"FY2025 revenue was $9 billion.", "FY2025"},
    {"Revenue for the fiscal year 2024 was $9 billion.", "FY2024"},
    {"Revenue for the year ending March 2026 is seen at $9 billion.", "FY2026"},
    {"Net sales for the fiscal year ended September 28, 2024 were $391 billion.", "FY2024"},
    {"Total revenue was $2.1 billion for the year ended December 31, 2023.", "FY2023"},
    {"Full-year 2025 revenue was $9 billion.", "FY2025"},
    {"Full-year revenue was $12 billion.", "FY"},
    // calendar years
    {"Capex will reach $40 billion in 2026.", "FY2026"},
    {"Acme guided 2026 capex to $40 billion.", "FY2026"},
    {"Sales for 2025 rose 4%.", "FY2025"},
    {"Revenue rose to $10 billion in 2025 from $9 billion in 2024.", "FY2025|<FY2024"},
    {"Net sales increased 5% in 2024 compared with 2023.", "FY2024|<FY2023"},
    {"On June 30, 2025, Acme reported revenue of $5 billion.", ""},
    {"Shipments were delayed to 2027 ahead of 2026 deployments.", ""},
    {"Deployments start in the second half of 2026 and run through 2029.", "H2 2026|FY2029"},
    {"Operating profit for the July-September quarter fell 18%.", "Q3"},
    {"AWS backlog reached $200 billion at the end of September.", "Q3"},
    {"Sales rose 3% compared with 2024.", "<FY2024"},
    // months ended, nine months, months
    {"Revenue for the three months ended June 30, 2025 was $5 billion.", "Q2 2025"},
    {"Revenue for the six months ended June 30, 2025 was $9 billion.", "H1 2025"},
    {"Net sales for the nine months ended September 30, 2025 were $14 billion.", "9M 2025"},
    {"Revenue for the twelve months ended March 31, 2025 was $20 billion.", "FY2025"},
    {"Net sales were EUR 46 mn in January-September 2009.", "9M 2009"},
    {"Nine-month sales rose 3%.", "9M"},
    {"Deliveries rose 8% in September.", "Sep"},
    {"September 2025 sales rose 8%.", "Sep 2025"},
    {"October sales rose 3%.", "Oct"},
    {"Sales rose in May.", "May"},
    {"Sales may rise 3%.", ""},
    {"The deal closes on September 30.", ""},
    // relative to the report, settled later
    {"It expects revenue of $5 billion in the current quarter.", "+Q"},
    {"It sees next quarter revenue of $5 billion.", "+Q"},
    {"It expects capex to rise next year.", "+Y"},
    {"Capex this year will be $10 billion.", "=Y"},
    {"It spent $4.2B on capex in the quarter.", "quarter"},
    // filings (10-K / 10-Q / annual reports)
    {"Adjusted EBITDA for the quarter ended June 30, 2025 was $356 million.", "Q2 2025"},
    {"Turnover for the six months to 30 June 2025 was 1,245 million.", "H1 2025"},
    {"Adjusted operating profit for the year ended 31 March 2025 rose 9%.", "FY2025"},
    {"Profit for the year to 31 March 2025 rose 9%.", "FY2025"},
    {"Net sales for the financial year 2025 rose 6.2%.", "FY2025"},
    {"Group revenue rose to EUR 4.8 billion in the 2025 financial year.", "FY2025"},
    {"Revenue in the financial year 2024/25 was CHF 9.2 billion.", "FY2025"},
    {"As of June 30, 2025, backlog was $12.1 billion.", "Q2 2025"},
    {"Backlog was $48.2 billion as of December 31, 2025.", "FY2025"},
    {"Our backlog was $179 billion at September 28, 2025.", "Q3 2025"},
    {"Backlog was $12.1 billion, compared with $10.8 billion as of December 31, 2024.", "<FY2024"},
    {"Operating profit was $2.9 billion, compared with $3.0 billion in the third quarter of 2024.", "<Q3 2024"},
    {"Cloud revenue will grow more than 70% a year through fiscal 2028.", "FY2028"},
    {"About 55% is expected to be recognized over the next twelve months.", ""},
    {"Revenue was $3 billion, $2 billion and $1 billion in 2025, 2024 and 2023, respectively.", "FY2025|FY2024|FY2023"},
    {"Capex was $2 billion and $1 billion for fiscal 2025 and 2024, respectively.", "FY2025|FY2024"},
    {"EPS was $5.61 and $4.98 for the years ended December 31, 2025 and 2024, respectively.", "FY2025|FY2024"},
    {"Sales were $5 billion and $4 billion for the three months ended June 30, 2025 and 2024, respectively.",
     "Q2 2025|Q2 2024"},
    {"Sales rose in 2025 and 2024.", "FY2025"},
    // no period
    {"Revenue rose 5% year over year.", ""},
};

// An event's metrics, with the period each one's sentence gave, settled by complete().
struct Settle {
    Event event;
    Document doc;
    std::vector<Metric> metrics;
    Settle(std::string_view headline, std::string_view summary, std::string_view body) {
        event.headline = headline;
        event.summary = summary;
        event.body = body;
        doc.build(event);
    }
    Settle& metric(MetricKind k, std::string_view period, bool forecast = false) {
        Metric m;
        m.kind = k;
        m.period.set(period);
        m.forecast = forecast;
        metrics.push_back(m);
        return *this;
    }
    std::string settled() {
        periods::complete(doc, metrics, 0);
        std::string out;
        for (size_t i = 0; i < metrics.size(); ++i) {
            if (i) out += "|";
            out += metrics[i].period.view();
        }
        return out;
    }
};

}  // namespace

TEST_CASE("periods: quarters, halves, fiscal forms, calendar years, months") {
    for (const auto& c : kCases) {
        CAPTURE(c.text);
        CHECK(periods_of(c.text) == c.periods);
    }
}

TEST_CASE("complete: a later sentence continuing the report takes the headline's or summary's period") {
    Settle s("Acme third-quarter profit rises", "Acme reported fiscal 2026 third-quarter revenue of $5 billion.",
             "Operating income was $1 billion. Backlog stood at $20 billion.");
    s.metric(MetricKind::revenue, "Q3 2026").metric(MetricKind::operating_income, "").metric(MetricKind::backlog, "");
    // Backlog stated in a results report is the quarter's end: it inherits too.
    CHECK(s.settled() == "Q3 2026|Q3 2026|Q3 2026");
}

TEST_CASE("complete: the year comes from the item's text when the sentence leaves it out") {
    Settle s("Acme Q3 2025 results", "", "Fourth-quarter revenue is seen at $6 billion. Full-year sales were $20 billion.");
    s.metric(MetricKind::revenue, "Q4", true).metric(MetricKind::revenue, "FY");
    CHECK(s.settled() == "Q4 2025|FY2025");

    // No year anywhere in the item: the quarter stays as written.
    Settle n("Walmart raises outlook", "Walmart reported third-quarter revenue of $179.5 billion.", "Operating income was $6.7 billion.");
    n.metric(MetricKind::revenue, "Q3").metric(MetricKind::operating_income, "");
    CHECK(n.settled() == "Q3|Q3");

    // A year written for something else, or only in a date, is not the report's.
    Settle d("Acme results", "Shares have doubled since 2019.", "On Oct. 30, 2025, Acme reported second-quarter sales of $2 billion.");
    d.metric(MetricKind::revenue, "Q2");
    CHECK(d.settled() == "Q2");
    // A year a figure's period states is the report's: "2026 capex ... third-quarter capex".
    Settle c("Acme lifts 2026 capex plan", "", "Third-quarter capex was $3 billion.");
    c.metric(MetricKind::capex, "FY2026", true).metric(MetricKind::capex, "Q3");
    CHECK(c.settled() == "FY2026|Q3 2026");
}

TEST_CASE("complete: guidance for the next quarter gets that quarter, not the reported one") {
    Settle s("Acme Q4 2025 revenue beats", "", "It expects revenue of $5 billion in the current quarter. First-quarter EPS is seen at $1.");
    s.metric(MetricKind::revenue, "Q4 2025").metric(MetricKind::revenue, "+Q", true).metric(MetricKind::eps, "Q1", true);
    CHECK(s.settled() == "Q4 2025|Q1 2026|Q1 2026");

    Settle y("Acme Q2 2026 results", "", "Capex next year will be $9 billion; this year $8 billion.");
    y.metric(MetricKind::capex, "+Y", true).metric(MetricKind::capex, "=Y", true);
    CHECK(y.settled() == "FY2027|FY2026");

    // A forecast right after another takes its period; an end date is not the report's year.
    Settle g("Intel guides Q4 revenue", "Intel expects fourth-quarter EPS of $0.08, with supply limited until the first half of 2027.",
             "Gross margin is expected to be about 36.5%.");
    g.metric(MetricKind::eps, "Q4", true).metric(MetricKind::gross_margin, "", true);
    CHECK(g.settled() == "Q4|Q4");

    // Without a reported quarter "next quarter" cannot be placed, and a forecast inherits nothing.
    Settle z("Acme outlook", "", "It expects revenue of $5 billion next quarter and EPS of $1.");
    z.metric(MetricKind::revenue, "+Q", true).metric(MetricKind::eps, "", true);
    CHECK(z.settled() == "|");
}

TEST_CASE("complete: 'the quarter' is the reported one; a year after 'of' or 'to' is no report's") {
    Settle s("Acme Q1 2026: capex up", "", "Acme spent $4.2B on capex in the quarter.");
    s.metric(MetricKind::capex, "quarter");
    CHECK(s.settled() == "Q1 2026");
    Settle u("Acme capex up", "", "Acme spent $4.2B on capex in the quarter.");
    u.metric(MetricKind::capex, "quarter");
    CHECK(u.settled() == "");
    Settle y("Acme Q1 revenue up", "Chips sold out ahead of 2026 deployments.", "Revenue rose 5%.");
    y.metric(MetricKind::revenue, "Q1").metric(MetricKind::revenue, "");
    CHECK(y.settled() == "Q1|Q1");
}
