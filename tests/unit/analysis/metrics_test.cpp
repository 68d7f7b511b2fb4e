#include <doctest/doctest.h>

#include <cmath>
#include <optional>

#include "metrics_support.hpp"

using namespace herald::analysis;

namespace {

struct Expect {
    std::string_view text;
    size_t index;            // which metric of the text
    MetricKind kind;
    std::string_view entity;
    std::optional<double> value;
    Direction dir = Direction::none;
    std::optional<double> percent = std::nullopt;
    Basis basis = Basis::none;
    bool forecast = false;
    std::string_view period = {};
};

constexpr auto none = std::nullopt;
using K = MetricKind;
using D = Direction;
using B = Basis;

const Expect kCases[] = {
    // kinds from the words around a figure
    {"Acme reported revenue of $4.2 billion.", 0, K::revenue, "Acme", 4.2e9},
    {"Acme's net sales were EUR 13.1 mn.", 0, K::revenue, "Acme", 13.1e6},
    {"Acme's turnover totalled SEK 1,173 mn.", 0, K::revenue, "Acme", 1173e6},
    {"Acme posted an operating profit of EUR 2.1 mn.", 0, K::operating_income, "Acme", 2.1e6},
    {"Acme's EBIT was EUR 2.1 mn.", 0, K::operating_income, "Acme", 2.1e6},
    {"Acme reported $14.2B in operating income.", 0, K::operating_income, "Acme", 14.2e9},
    {"Acme's net profit reached EUR 5.5 mn.", 0, K::net_income, "Acme", 5.5e6},
    {"Acme's net income was $1.1 billion.", 0, K::net_income, "Acme", 1.1e9},
    {"Acme's pretax profit was \xC2\xA3" "3.5m.", 0, K::pretax_income, "Acme", 3.5e6},
    {"Acme's profit before taxes was EUR 4 mn.", 0, K::pretax_income, "Acme", 4e6},
    {"Acme earned $1.23 per share.", 0, K::eps, "Acme", 1.23},
    {"Acme's EPS was $0.98.", 0, K::eps, "Acme", 0.98},
    {"Acme's adjusted EBITDA was $310 million.", 0, K::ebitda, "Acme", 310e6},
    {"Acme's backlog reached $364B.", 0, K::backlog, "Acme", 364e9},
    {"Acme's order backlog stood at EUR 1.2 billion.", 0, K::backlog, "Acme", 1.2e9},
    {"Acme's remaining performance obligations were $80 billion.", 0, K::backlog, "Acme", 80e9},
    {"Acme spent $44.2B on capex.", 0, K::capex, "Acme", 44.2e9},
    {"Acme's capital expenditure was EUR 30 mn.", 0, K::capex, "Acme", 30e6},
    {"Acme is at a $150 billion annualized run rate.", 0, K::run_rate, "Acme", 150e9},
    {"Acme generated $20 billion in annualized revenue.", 0, K::run_rate, "Acme", 20e9},
    {"Customers have reserved $225B of Trainium capacity.", 0, K::commitments, "Trainium", 225e9},
    {"Acme has over $225 billion in Trainium revenue commitments.", 0, K::commitments, "Trainium", 225e9},
    {"Acme received orders worth EUR 580 million.", 0, K::orders, "Acme", 580e6},
    {"Acme's order intake was EUR 46 mn.", 0, K::orders, "Acme", 46e6},
    {"Acme's free cash flow was $2 billion.", 0, K::cash_flow, "Acme", 2e9},
    {"Acme's operating margin was 12.5%.", 0, K::operating_margin, "Acme", 12.5},
    {"Acme's gross margin was 45 percent.", 0, K::gross_margin, "Acme", 45.0},
    // losses are negative; a loss that narrowed went up
    {"Acme's net loss was EUR 1.2 mn.", 0, K::net_income, "Acme", -1.2e6},
    {"Acme posted an operating loss of $300 million.", 0, K::operating_income, "Acme", -300e6},
    {"Acme's operating loss narrowed to EUR 1.2 mn from EUR 4.5 mn.", 0, K::operating_income, "Acme", -1.2e6, D::up},
    {"Acme's pretax loss widened to EUR 3 mn from EUR 2 mn.", 0, K::pretax_income, "Acme", -3e6, D::down},
    // changes: percent, direction, basis
    {"Acme's revenue rose 28% year over year to $37.6 billion.", 0, K::revenue, "Acme", 37.6e9, D::up, 28.0, B::yoy},
    {"Acme reported revenue of $181.5B, up 17% year-over-year.", 0, K::revenue, "Acme", 181.5e9, D::up, 17.0, B::yoy},
    {"Acme's sales fell 5.2 percent from a year earlier.", 0, K::revenue, "Acme", none, D::down, -5.2, B::yoy},
    {"Acme's net sales decreased by 3 % to EUR 10 mn.", 0, K::revenue, "Acme", 10e6, D::down, -3.0},
    {"Acme's revenue grew 8% sequentially.", 0, K::revenue, "Acme", none, D::up, 8.0, B::sequential},
    {"Acme's revenue grew 8% quarter over quarter.", 0, K::revenue, "Acme", none, D::up, 8.0, B::qoq},
    {"Acme's revenue was up 4% q/q.", 0, K::revenue, "Acme", none, D::up, 4.0, B::qoq},
    {"Acme's operating profit rose by 34.9 %.", 0, K::operating_income, "Acme", none, D::up, 34.9},
    {"Acme's EBITDA was flat at $1 billion.", 0, K::ebitda, "Acme", 1e9, D::flat},
    {"Acme expects 21% annualized EPS growth.", 0, K::eps, "Acme", none, D::up, 21.0, B::annualized, true},
    {"Acme delivered 30% revenue growth.", 0, K::revenue, "Acme", none, D::up, 30.0},
    {"Acme reported a 5% decline in revenue.", 0, K::revenue, "Acme", none, D::down, -5.0},
    {"Acme's revenue doubled.", 0, K::revenue, "Acme", none, D::up, 100.0},
    {"Acme's net profit halved.", 0, K::net_income, "Acme", none, D::down, -50.0},
    {"Acme's sales changed -0.2 % in March.", 0, K::revenue, "Acme", none, D::down, -0.2},
    // prior values
    {"Acme's net sales rose to EUR 12.5 mn from EUR 10.1 mn.", 0, K::revenue, "Acme", 12.5e6, D::up},
    {"Acme's orders fell to EUR 8 mn, down from EUR 8.7 mn.", 0, K::orders, "Acme", 8e6, D::down},
    {"Acme's diluted EPS was $1.23 versus $1.05 a year ago.", 0, K::eps, "Acme", 1.23, D::up, none, B::yoy},
    {"Acme's revenue was $12.4 billion, an increase of 8% compared with $11.5 billion in the prior-year quarter.", 0,
     K::revenue, "Acme", 12.4e9, D::up, 8.0, B::yoy},
    {"Acme reported a pretax profit of £1.9bn, against £2.3bn a year earlier.", 0, K::pretax_income, "Acme", 1.9e9,
     D::down, none, B::yoy},
    // forecasts and periods
    {"Acme expects revenue of $5 billion in fiscal 2027.", 0, K::revenue, "Acme", 5e9, D::none, none, B::none, true, "FY2027"},
    {"Acme's revenue guidance is $1.2-1.5 billion.", 0, K::revenue, "Acme", 1.2e9, D::none, none, B::none, true},
    {"Acme's guidance calls for about $3 billion.", 0, K::guidance, "Acme", 3e9, D::none, none, B::none, true},
    {"Acme could reach an $80B+ annual run rate by Q1 2028.", 0, K::run_rate, "Acme", 80e9, D::none, none, B::none, true, "Q1 2028"},
    {"Acme targets revenue of EUR 1 billion by 2028.", 0, K::revenue, "Acme", 1e9, D::none, none, B::none, true},
    {"Acme's revenue was $5 billion in the first quarter of 2010.", 0, K::revenue, "Acme", 5e9, D::none, none, B::none, false, "Q1 2010"},
    {"Acme's net sales were EUR 46 mn in January-September 2009.", 0, K::revenue, "Acme", 46e6, D::none, none, B::none, false, "9M 2009"},
    {"Acme's fourth-quarter revenue was $3 billion.", 0, K::revenue, "Acme", 3e9, D::none, none, B::none, false, "Q4"},
    {"Acme's full-year revenue was $12 billion.", 0, K::revenue, "Acme", 12e9, D::none, none, B::none, false, "FY"},
    {"Acme spent $4.2B on capex in the third quarter.", 0, K::capex, "Acme", 4.2e9, D::none, none, B::none, false, "Q3"},
    {"Acme's Q1 2026 revenue was $9 billion.", 0, K::revenue, "Acme", 9e9, D::none, none, B::none, false, "Q1 2026"},
    {"Acme's FY2025 revenue was $9 billion.", 0, K::revenue, "Acme", 9e9, D::none, none, B::none, false, "FY2025"},
    {"Acme's revenue was $9 billion in the first half of 2025.", 0, K::revenue, "Acme", 9e9, D::none, none, B::none, false, "H1 2025"},
    // attribution: segment before company, names after the figure, products from the text
    {"Amazon reported $37.6B in AWS revenue.", 0, K::revenue, "AWS", 37.6e9},
    {"Amazon Web Services revenue was $37.6 billion.", 0, K::revenue, "AWS", 37.6e9},
    {"AWS backlog reached $364B, Amazon said.", 0, K::backlog, "AWS", 364e9},
    {"Amazon said its custom chips have generated $20 billion in annualized revenue.", 0, K::run_rate, "custom chips", 20e9},
    {"Amazon's AI-related chips business has surpassed a $20B annualized run rate.", 0, K::run_rate, "AI-related chips", 20e9},
    {"Amazon announced a $100B-plus Anthropic commitment.", 0, K::commitments, "Anthropic", 100e9},
    {"Acme announced a $100B-plus Initech commitment.", 0, K::commitments, "Initech", 100e9},
    {"Microsoft posted solid results, but Amazon spent $44.2B on capex.", 0, K::capex, "Amazon", 44.2e9},
    {"Acme's net sales rose to EUR 10 mn while Globex's net sales fell to EUR 4 mn.", 1, K::revenue, "Globex", 4e6, D::down},
    // the verb before "to" moves the value; a loss is a negative value
    {"Acme's backlog grew to a record $57 billion.", 0, K::backlog, "Acme", 57e9, D::up},
    {"Acme's pre-tax profit fell to 2.3 million pounds.", 0, K::pretax_income, "Acme", 2.3e6, D::down},
    {"Acme's operating loss increased to EUR 17 mn.", 0, K::operating_income, "Acme", -17e6, D::down},
    {"Acme's net loss contracted to EUR 49 mn.", 0, K::net_income, "Acme", -49e6, D::up},
    {"Acme's total revenue comes up to about EUR 160 mn.", 0, K::revenue, "Acme", 160e6},
    // per share after a loss, and banks' net interest income
    {"Acme reported a net loss of $120 million, or 35 cents a share.", 1, K::eps, "Acme", -0.35},
    {"Acme's net interest income rose 6% to $14.2 billion.", 0, K::net_interest_income, "Acme", 14.2e9, D::up, 6.0},
    // a consensus figure is a yardstick, not a projection
    {"Acme's adjusted earnings per share of $2.15 topped the $2.05 consensus.", 0, K::eps, "Acme", 2.15},
    // several metrics in one sentence
    {"Acme reported $37.6B in revenue, up 28% year over year, with $14.2B in operating income.", 1, K::operating_income, "Acme", 14.2e9},
    {"Acme's revenue was EUR 10 mn and its operating profit EUR 2 mn.", 1, K::operating_income, "Acme", 2e6},
    // two currencies and a conversion: the first is the value
    {"Acme's net sales were EUR 46 million ( USD 64.5 m ).", 0, K::revenue, "Acme", 46e6},
    // the same currency in brackets is the year before (Nordic reports): direction from the two
    {"Acme's net sales amounted to EUR 845.2 million (EUR 790.1 million).", 0, K::revenue, "Acme", 845.2e6, D::up},
    {"Acme's operating loss was EUR 2.0 mn (EUR 3.1 mn).", 0, K::operating_income, "Acme", -2.0e6, D::up},
};

// Texts where no metric must come out.
const std::string_view kNoMetric[] = {
    "Acme's shares rose 5% after the results.",
    "Acme's revenue beat estimates and its shares rose 5%.",
    "Acme owns a 28% stake in Globex.",
    "Cloud accounts for 28% of revenue at Acme.",
    "Acme paid $5 billion for Globex.",
    "Acme has 4,500 employees and 15 offices.",
    "Inflation rose 3.1% in March.",
    "Acme's stock price fell 12% in 2009.",
    // credit-loss provisions, impairments and charges are no net income; market and sector
    // figures are no company's; a number in a name is no count (issue 14 item 5)
    "Acme set aside provisions for credit losses of $3.4 billion.",
    "Acme's provision for loan losses rose 20% to $1.1 billion.",
    "Acme booked a $2 billion impairment charge.",
    "Acme took a goodwill impairment of $450 million.",
    "Acme recorded a $120 million write-down on inventory.",
    "Net income included a $500 million restructuring charge at Acme.",
    "U.S. retail sales rose 0.4% in October.",
    "Acme's market share rose to 25%.",
    "Acme's market value climbed to $3 trillion.",
    "Acme added four directors, expanding its board to 13 members.",
    "Acme said Microsoft 365 sales teams will grow.",
};

bool near(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::fmax(1.0, std::fabs(b)); }

}  // namespace

TEST_CASE("metrics: kind, entity, value, change, forecast and period from context") {
    testing::Run r;
    for (const auto& c : kCases) {
        CAPTURE(c.text);
        const auto& ms = r.on(c.text);
        CHECK(ms.size() > c.index);
        if (ms.size() <= c.index) continue;
        const Metric& m = ms[c.index];
        CHECK(metric_kind_name(m.kind) == metric_kind_name(c.kind));
        // `entity` here is the business: the segment when the text names one ("AWS"), else the
        // company; metrics_segments_test.cpp checks the two fields apart.
        CHECK((m.segment.empty() ? m.entity : m.segment) == c.entity);
        CHECK(m.has_value == c.value.has_value());
        if (c.value && m.has_value) CHECK(near(m.value, *c.value));
        CHECK(direction_name(m.change.direction) == direction_name(c.dir));
        CHECK(m.change.has_percent == c.percent.has_value());
        if (c.percent && m.change.has_percent) CHECK(near(m.change.percent, *c.percent));
        CHECK(basis_name(m.change.basis) == basis_name(c.basis));
        CHECK(m.forecast == c.forecast);
        if (!c.period.empty()) CHECK(m.period.view() == c.period);
    }
}

TEST_CASE("texts without a company metric give none") {
    testing::Run r;
    for (auto t : kNoMetric) {
        CAPTURE(t);
        CHECK(r.on(t).empty());
    }
}

TEST_CASE("prior values from 'from', 'down from' and 'compared with'") {
    testing::Run r;
    auto ms = r.on("Acme's operating loss narrowed to EUR 1.2 mn from EUR 4.5 mn.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].has_prior);
    CHECK(ms[0].prior_value == -4.5e6);
    ms = r.on("Acme's net sales were EUR 12.5 mn compared with EUR 10.1 mn a year earlier.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].prior_value == 10.1e6);
    CHECK(ms[0].change.direction == Direction::up);
    ms = r.on("Acme's net sales increased from EUR 10.1 mn to EUR 12.5 mn.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].value == 12.5e6);
    CHECK(ms[0].prior_value == 10.1e6);
}

// prior_cue_before reads "compared with/to", the qualifier and "of" as cue bits of the word table.
TEST_CASE("an earlier value after 'compared to', a qualifier or a kind with 'of', in any case") {
    testing::Run r;
    for (std::string_view t : {"Acme's net sales were EUR 12.5 mn COMPARED TO EUR 10.1 mn.",
                               "Acme's net sales were EUR 12.5 mn, Compared With About EUR 10.1 mn.",
                               "Acme's net sales rose to EUR 12.5 mn from roughly EUR 10.1 mn.",
                               "Acme's net sales were EUR 12.5 mn, compared with net sales Of EUR 10.1 mn."}) {
        CAPTURE(t);
        auto ms = r.on(t);
        REQUIRE(ms.size() == 1);
        CHECK(ms[0].value == 12.5e6);
        CHECK(ms[0].has_prior);
        CHECK(ms[0].prior_value == 10.1e6);
    }
}

TEST_CASE("qualifier, span and text come from the figure") {
    testing::Run r;
    auto ms = r.on("Acme has commitments exceeding $225B.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].qualifier == Qualifier::over);
    CHECK(ms[0].text == "$225B");
    CHECK(ms[0].span.field == Field::body);
    CHECK(r.event.body.substr(ms[0].span.begin, ms[0].span.end - ms[0].span.begin) == "$225B");
}

TEST_CASE("a change without a value keeps the percentage's span") {
    testing::Run r;
    auto ms = r.on("AWS revenue up 28% and sequential improvement across all segments.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].entity == "Amazon");
    CHECK(ms[0].segment == "AWS");
    CHECK(ms[0].ticker == "AMZN");
    CHECK_FALSE(ms[0].has_value);
    CHECK(ms[0].change.percent == 28.0);
    CHECK(ms[0].change.basis == Basis::none);
    CHECK(ms[0].text == "28%");
}

TEST_CASE("context carries across sentences and fields") {
    testing::Run r;
    auto ms = r.on("Its revenue rose 10% to $5 billion.", "Acme had a strong quarter.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].entity == "Acme");
    CHECK(ms[0].ticker == "ACME");
    // No name anywhere: the event's ticker tag still says whose figure it is.
    r.event.clear();
    r.event.body = "Revenue rose 10% to $5 billion.";
    r.event.tickers.push_back("XYZ");
    r.analyze();
    REQUIRE(r.metrics.size() == 1);
    CHECK(r.metrics[0].ticker == "XYZ");
}

TEST_CASE("a period right after a figure's scale letter still ends the sentence") {
    testing::Run r;
    auto ms = r.on("Acme's commitments exceed $225B. It projects revenue could reach $80B by 2028.");
    REQUIRE(ms.size() == 2);
    CHECK_FALSE(ms[0].forecast);
    CHECK(ms[1].forecast);
}

TEST_CASE("extract does not reallocate once warmed up") {
    testing::Run r;
    r.on("Amazon reported $37.6B in AWS revenue, up 28% year over year, with $14.2B in operating income for Q1.");
    MetricExtractor x;
    std::vector<Metric> out;
    x.extract(r.doc, r.mentions, r.quantities, out);
    auto* data = out.data();
    for (int i = 0; i < 3; ++i) {
        out.clear();
        x.extract(r.doc, r.mentions, r.quantities, out);
    }
    CHECK(out.size() == 2);
    CHECK(out.data() == data);
}

TEST_CASE("an earlier value goes to the figure of its size and brings its basis") {
    testing::Run r;
    // The loss, not its per-share figure, is what "$130 million" was.
    const auto& ms = r.on("Acme's net loss narrowed to $44 million, or 9 cents per share, from $130 million a year earlier.");
    REQUIRE(ms.size() == 2);
    CHECK(ms[0].kind == MetricKind::net_income);
    CHECK(ms[0].has_prior);
    CHECK(near(ms[0].prior_value, -130e6));
    CHECK(ms[0].change.direction == Direction::up);
    CHECK(ms[0].change.basis == Basis::yoy);
    CHECK(ms[1].kind == MetricKind::eps);
    CHECK(near(ms[1].value, -0.09));
    CHECK_FALSE(ms[1].has_prior);

    const auto& margin = r.on("Acme's gross margin was 46.2%, compared to 44.9% last year.");
    REQUIRE(margin.size() == 1);
    CHECK(near(margin[0].prior_value, 44.9));
    CHECK(margin[0].change.basis == Basis::yoy);

    const auto& seq = r.on("Acme's backlog was $9 billion, compared with $8 billion in the prior quarter.");
    REQUIRE(seq.size() == 1);
    CHECK(seq[0].change.direction == Direction::up);
    CHECK(seq[0].change.basis == Basis::qoq);
}

TEST_CASE("an earlier value named by its kind: 'from a profit of', 'from revenue of'") {
    testing::Run r;
    const auto& swing = r.on("Acme swung to a net loss of $1.2 billion from a profit of $300 million a year earlier.");
    REQUIRE(swing.size() == 1);  // the profit is the earlier value, not a second metric
    CHECK(swing[0].kind == MetricKind::net_income);
    CHECK(near(swing[0].value, -1.2e9));
    CHECK(near(swing[0].prior_value, 300e6));  // a profit: positive, although the later figure is a loss
    CHECK(swing[0].change.direction == Direction::down);
    CHECK(swing[0].change.basis == Basis::yoy);

    const auto& narrowed = r.on("Acme's net loss narrowed to $44 million from a loss of $130 million.");
    REQUIRE(narrowed.size() == 1);
    CHECK(near(narrowed[0].prior_value, -130e6));
    CHECK(narrowed[0].change.direction == Direction::up);

    const auto& rev = r.on("Acme's revenue fell to $2 billion from revenue of $2.4 billion.");
    REQUIRE(rev.size() == 1);
    CHECK(near(rev[0].prior_value, 2.4e9));

    // A rate after the cue is the earlier rate, not a second change.
    const auto& rate = r.on("Acme's revenue growth slowed to 33% from 39%.");
    REQUIRE(rate.size() == 1);
    CHECK(near(rate[0].change.percent, 33.0));
    const auto& cut = r.on("Acme cut its full-year sales growth forecast to 6 pct from 10 pct.");
    REQUIRE(cut.size() == 1);
    CHECK(near(cut[0].change.percent, 6.0));
    CHECK(cut[0].forecast);

    // "from" before a kind that is not the earlier value's stays what it was.
    const auto& source = r.on("Revenue from cloud services of $5 billion rose 20%.");
    REQUIRE(source.size() == 1);
    CHECK(near(source[0].value, 5e9));
    CHECK_FALSE(source[0].has_prior);
}

TEST_CASE("a move named before its kind: 'an increase in revenue of 12%'") {
    testing::Run r;
    const auto& up = r.on("Acme reported an increase in revenue of 12%.");
    REQUIRE(up.size() == 1);
    CHECK(up[0].kind == MetricKind::revenue);
    CHECK(up[0].change.direction == Direction::up);
    CHECK(near(up[0].change.percent, 12.0));
    const auto& down = r.on("Acme reported a decline in operating profit of 8%.");
    REQUIRE(down.size() == 1);
    CHECK(down[0].kind == MetricKind::operating_income);
    CHECK(near(down[0].change.percent, -8.0));
}

TEST_CASE("a segment's growth without a kind word is its revenue's; a share-price move is not") {
    testing::Run r;
    struct Case {
        std::string_view text;
        std::string_view entity;  // empty: no metric
        double percent;
    };
    const Case cases[] = {
        {"Azure grew 40% in the quarter.", "Azure", 40.0},
        {"Azure growth of 37% beat estimates.", "Azure", 37.0},
        {"AWS shrank 5% from a year earlier.", "AWS", -5.0},
        {"Acme's ad revenue rose 13%, while Azure grew 34% year over year.", "Azure", 34.0},
        {"AWS fell 2% in early trading.", "", 0.0},
        {"Amazon grew 10% last year.", "", 0.0},  // a company: its growth could be anything
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        const auto& ms = r.on(c.text);
        if (c.entity.empty()) {
            CHECK(ms.empty());
            continue;
        }
        REQUIRE(!ms.empty());
        const Metric& m = ms.back();
        CHECK(m.kind == MetricKind::revenue);
        CHECK(m.segment == c.entity);
        CHECK(near(m.change.percent, c.percent));
    }
}

TEST_CASE("margins: a percentage is the level, basis points and points are the change") {
    testing::Run r;
    struct Case {
        std::string_view text;
        double value;
        Direction dir;
        std::optional<double> points;
        std::optional<double> prior;
    };
    const Case cases[] = {
        {"Acme's operating margin fell to 9.5% from 11.2%.", 9.5, Direction::down, std::nullopt, 11.2},
        {"Acme's gross margin expanded 120 basis points to 41.3%.", 41.3, Direction::up, 1.2, std::nullopt},
        {"Acme's operating margin was 14.2%, down 80 basis points.", 14.2, Direction::down, -0.8, std::nullopt},
        {"Acme's operating margin improved by 1.5 percentage points to 15.2%.", 15.2, Direction::up, 1.5, std::nullopt},
        {"Acme's EBIT margin was up from 1.4 % to 5.1 %.", 5.1, Direction::up, std::nullopt, std::nullopt},
        {"Acme's operating profit margin was 8.3 % , compared to 11.8 % a year earlier.", 8.3, Direction::down, std::nullopt, 11.8},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        const auto& ms = r.on(c.text);
        REQUIRE(ms.size() == 1);
        const Metric& m = ms[0];
        CHECK(m.has_value);
        CHECK(near(m.value, c.value));
        CHECK(m.unit.view() == "%");
        CHECK(direction_name(m.change.direction) == direction_name(c.dir));
        CHECK_FALSE(m.change.has_percent);
        CHECK(m.change.has_points == c.points.has_value());
        if (c.points && m.change.has_points) CHECK(near(m.change.points, *c.points));
        CHECK(m.has_prior == c.prior.has_value());
        if (c.prior && m.has_prior) CHECK(near(m.prior_value, *c.prior));
    }
}

// Issue 20: metrics without a figure ("revenue doubled") are not bounded by the figure cap; an
// event yields at most kMaxMetrics metrics, and the sentences past the cap are not read.
TEST_CASE("metrics stop at kMaxMetrics per event, and the extractor says so") {
    Document doc;
    QuantityExtractor qx;
    MetricExtractor mx;
    std::vector<Mention> mentions;
    std::vector<Quantity> quantities;
    std::vector<Metric> out;
    auto extract = [&](const std::string& text) {
        Event e;
        e.body = text;
        doc.build(e);
        quantities.clear();
        out.clear();
        qx.extract(doc, quantities);
        mx.extract(doc, mentions, quantities, out);
    };
    const size_t n = MetricExtractor::kMaxMetrics + 300;
    std::string one_sentence, sentences;
    for (size_t i = 0; i < n; ++i) one_sentence += "revenue doubled ";
    for (size_t i = 0; i < n; ++i) sentences += "Revenue doubled. ";
    extract(one_sentence);
    CHECK(mx.capped());
    CHECK(out.size() == MetricExtractor::kMaxMetrics);
    CHECK(out.back().change.percent == 100.0);
    extract(sentences);
    CHECK(mx.capped());
    CHECK(out.size() == MetricExtractor::kMaxMetrics);
    CHECK(out.back().span.begin == 17 * (MetricExtractor::kMaxMetrics - 1) + 8);  // "doubled" of the last one read
    extract("Revenue doubled to $5B. Operating income tripled.");
    CHECK_FALSE(mx.capped());
    CHECK(out.size() == 2);
}

// The metric reader answers some questions once per sentence (basis_after: whether a basis word,
// cue or "/" is there at all; forecast_in: whether a forecast cue is; pledge_kind: whether a
// spending word is): each sentence asks afresh, in either order, and a long sentence of figures
// with none of them still finds the one it has at its end.
TEST_CASE("per-sentence answers of the metric reader do not leak between sentences") {
    testing::Run r;
    SUBCASE("basis: y/y, q/q and year-ago words, after a sentence of none and before one") {
        for (const char* basis : {"y/y", "q/q", "year over year", "from a year earlier"}) {
            const std::string with = std::string("Acme revenue rose 4% ") + basis + ".";
            for (int order = 0; order < 2; ++order) {
                const std::string text = order ? with + " Acme sales rose 3%." : "Acme sales rose 3%. " + with;
                CAPTURE(text);
                const auto& ms = r.on(text);
                REQUIRE(ms.size() == 2);
                const Metric& a = ms[order ? 0 : 1];
                const Metric& b = ms[order ? 1 : 0];
                CHECK(a.change.basis == (basis[0] == 'q' ? B::qoq : B::yoy));
                CHECK(b.change.basis == B::none);
            }
        }
    }
    SUBCASE("a long sentence of changes: only the last two (within seven tokens) have a basis") {
        std::string text = "Acme";
        for (int i = 0; i < 40; ++i) text += " revenue up 5%";
        text += " y/y.";
        const auto& ms = r.on(text);
        REQUIRE(ms.size() == 40);
        for (size_t i = 0; i + 2 < ms.size(); ++i) CHECK(ms[i].change.basis == B::none);
        CHECK(ms[ms.size() - 2].change.basis == B::yoy);
        CHECK(ms.back().change.basis == B::yoy);
    }
    SUBCASE("a business opening the sentence: only its own sentence's figures, up to a clause end") {
        const char* named = "Mobile Networks reported an operating loss of EUR 48 million and revenue of EUR 2 billion, and revenue of EUR 3 billion.";
        const char* plain = "The company reported revenue of EUR 9 billion.";
        for (int order = 0; order < 2; ++order) {
            const std::string text = order ? std::string(plain) + " " + named : std::string(named) + " " + plain;
            CAPTURE(text);
            const auto& ms = r.on(text);
            REQUIRE(ms.size() == 4);
            const size_t n0 = order ? 1 : 0;
            CHECK(ms[n0].segment == "Mobile Networks");
            CHECK(ms[n0 + 1].segment == "Mobile Networks");
            CHECK(ms[n0 + 2].segment.empty());  // after the comma's clause end
            CHECK(ms[order ? 0 : 3].segment.empty());
        }
    }
    SUBCASE("forecast: a long sentence of figures with no cue, then one with a cue") {
        std::string plain = "Acme";
        for (int i = 0; i < 30; ++i) plain += " revenue $5 billion,";
        const std::string text = plain + " revenue $6 billion. Acme expects revenue of $7 billion.";
        const auto& ms = r.on(text);
        REQUIRE(ms.size() == 32);
        for (size_t i = 0; i + 1 < ms.size(); ++i) CHECK_FALSE(ms[i].forecast);
        CHECK(ms.back().forecast);
    }
}
