// The kind catalogue (src/analysis/metric_kinds.hpp) and what derives from it: names, the word
// tables, docs/metrics.md's kind list; the kinds added with it (comparable_sales ... price_target);
// what is not a company metric; forecast scope.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>

#include "metric_kinds.hpp"
#include "metrics_support.hpp"
#include "metrics_words.hpp"

using namespace herald::analysis;

namespace {

using K = MetricKind;
using D = Direction;
constexpr auto none = std::nullopt;

bool near(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::fmax(1.0, std::fabs(b)); }

struct Case {
    std::string_view text;
    K kind;
    std::optional<double> value;
    std::string_view unit = {};
    D dir = D::none;
    std::optional<double> percent = std::nullopt;
    bool forecast = false;
    std::string_view entity = "Acme";
};

const Case kNewKinds[] = {
    // comparable_sales
    {"Acme's comparable sales grew 4.5%.", K::comparable_sales, none, {}, D::up, 4.5},
    {"Same-store sales at Acme fell 2.1% in the quarter.", K::comparable_sales, none, {}, D::down, -2.1},
    {"Acme posted like-for-like sales growth of 3%.", K::comparable_sales, none, {}, D::up, 3.0},
    {"Comparable store sales rose 6.2% at Acme.", K::comparable_sales, none, {}, D::up, 6.2},
    // dividend, per share or in total; never EPS
    {"Acme raised its dividend to 52p per share.", K::dividend, 0.52, "GBP", D::up},
    {"Acme's board proposed a dividend of EUR 0.50 per share.", K::dividend, 0.5, "EUR"},
    {"Acme declared a quarterly dividend of 24 cents a share.", K::dividend, 0.24, "USD"},
    {"Acme cut its dividend to $0.10 a share.", K::dividend, 0.10, "USD", D::down},
    {"Acme will pay $2 billion in dividends this year.", K::dividend, 2e9, "USD", D::none, none, true},
    // buyback
    {"Acme announced a $10 billion share buyback.", K::buyback, 10e9, "USD"},
    {"Acme authorized the repurchase of up to $5 billion of its shares.", K::buyback, 5e9, "USD"},
    {"Acme bought back $2.3 billion of stock in the quarter.", K::buyback, 2.3e9, "USD"},
    {"Acme plans to buy back as much as $3 billion in shares.", K::buyback, 3e9, "USD", D::none, none, true},
    // deliveries: counts of units
    {"Acme delivered 384,122 vehicles in the third quarter.", K::deliveries, 384122, "count"},
    {"Acme's deliveries rose 7% to a record 497,000 vehicles.", K::deliveries, 497000, "count", D::up, 7.0},
    {"Acme shipped 1.2 million units last quarter.", K::deliveries, 1.2e6, "count"},
    {"Acme's aircraft deliveries climbed to 121.", K::deliveries, 121, "count", D::up},
    // subscribers
    {"Acme added 8.05 million subscribers.", K::subscribers, 8.05e6, "count"},
    {"Acme ended the quarter with 301.6 million paid memberships.", K::subscribers, 301.6e6, "count"},
    {"Acme's monthly active users reached 3.1 billion.", K::subscribers, 3.1e9, "count"},
    // job cuts: a cut verb and jobs, or the kind's own words; "to cut" is a plan
    {"Acme to cut 2,200 defense jobs.", K::job_cuts, 2200, "count", D::none, none, true},
    {"Acme eliminated about 1,500 positions last year.", K::job_cuts, 1500, "count"},
    {"Acme announced 3,000 layoffs in its retail unit.", K::job_cuts, 3000, "count"},
    {"Acme plans to lay off 10% of its workforce.", K::job_cuts, 10, "%", D::none, none, true},
    {"Acme is shedding 600 roles in research.", K::job_cuts, 600, "count"},
    // deal_value: a deal's price, total or per share, is not EPS
    {"Acme agreed to acquire Globex for $5 billion.", K::deal_value, 5e9, "USD"},
    // a deal's agreed price is no projection, "will buy" or not (the gold's convention)
    {"Acme will buy Globex for $25 a share in cash.", K::deal_value, 25, "USD", D::none, none, false},
    {"The $8 billion takeover was approved by Acme shareholders.", K::deal_value, 8e9, "USD"},
    {"Acme sold a $1.2 billion stake in its payments arm.", K::deal_value, 1.2e9, "USD"},
    // price_target: an analyst's, for the company after on/for; raised up, cut down; a forecast
    {"Globex raised its price target on Acme to $250 from $200.", K::price_target, 250, "USD", D::up, none, true},
    {"Globex cut its price target for Acme to $150.", K::price_target, 150, "USD", D::down, none, true},
    {"Globex initiated coverage of Acme with a Buy rating and a $340 target.", K::price_target, 340, "USD", D::none,
     none, true},
    {"Acme's price objective of $95 implies 20% upside.", K::price_target, 95, "USD", D::none, none, true},
};

TEST_CASE("kind catalogue: the added kinds, several phrasings each") {
    testing::Run r;
    for (const Case& c : kNewKinds) {
        CAPTURE(c.text);
        const auto& ms = r.on(c.text);
        REQUIRE(ms.size() >= 1);
        const Metric& m = ms[0];
        CHECK(metric_kind_name(m.kind) == metric_kind_name(c.kind));
        CHECK(m.has_value == c.value.has_value());
        if (c.value && m.has_value) CHECK(near(m.value, *c.value));
        if (m.has_value) CHECK(m.unit.view() == c.unit);
        CHECK(direction_name(m.change.direction) == direction_name(c.dir));
        CHECK(m.change.has_percent == c.percent.has_value());
        if (c.percent && m.change.has_percent) CHECK(near(m.change.percent, *c.percent));
        CHECK(m.forecast == c.forecast);
        CHECK(m.entity == c.entity);
    }
}

TEST_CASE("price target: the old target is the prior value; a percentage by it is no change") {
    testing::Run r;
    const auto& ms = r.on("Globex raised its price target on Acme to $250 from $200, implying 30% upside.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].has_prior);
    CHECK(near(ms[0].prior_value, 200));
    CHECK(!ms[0].change.has_percent);
}

// Item 5 (no company metric: provisions, impairments, charges, market and sector figures) is in
// metrics_test.cpp's kNoMetric list.

TEST_CASE("yardsticks are neither metrics nor earlier values") {
    testing::Run r;
    for (std::string_view t : {"Acme's EPS of $2.15 topped the $2.05 consensus.",
                               "Acme reported EPS of $2.15 versus $2.05 expected.",
                               "Acme's EPS of $2.15 beat analysts' estimates of $2.05.",
                               "Acme posted EPS of $2.15, compared with the $2.05 analysts had forecast."}) {
        CAPTURE(t);
        const auto& ms = r.on(t);
        REQUIRE(ms.size() == 1);
        CHECK(ms[0].kind == K::eps);
        CHECK(near(ms[0].value, 2.15));
        CHECK(!ms[0].has_prior);
        CHECK(!ms[0].forecast);
    }
}

// Item 4: forecast scope.
struct Scope {
    std::string_view text;
    size_t index;
    bool forecast;
};

const Scope kScopes[] = {
    // an "as" clause reports actuals
    {"Walmart raises outlook as e-commerce sales jump 27%.", 0, false},
    {"Acme lifted its guidance as revenue rose 12%.", 0, false},
    {"Acme cut its forecast as quarterly revenue fell 8% to $4 billion.", 0, false},
    // ... but "as much as" and "as expected" are no clause
    {"Acme expects revenue to rise as much as 10%.", 0, true},
    // analysts' projections run across commas
    {"Analysts expect revenue of about $16.2 billion, up 15%, and cloud revenue growth of roughly 70 per cent.", 0, true},
    {"Analysts expect revenue of about $16.2 billion, up 15%, and cloud revenue growth of roughly 70 per cent.", 1, true},
    {"Wall Street expects Acme to post revenue of $3 billion, with EBITDA of $900 million.", 1, true},
    // an infinitive of a move, and a later fiscal year
    {"Globex said backlog gives visibility for cloud revenue to grow more than 70% a year.", 0, true},
    {"Acme sees revenue of $9 billion through fiscal 2028.", 0, true},
    {"Acme's revenue rose 5% to reach a record $2 billion.", 0, false},
};

TEST_CASE("forecast scope: as-clauses, analysts' projections, infinitives") {
    testing::Run r;
    for (const Scope& s : kScopes) {
        CAPTURE(s.text);
        CAPTURE(s.index);
        const auto& ms = r.on(s.text);
        REQUIRE(ms.size() > s.index);
        CHECK(ms[s.index].forecast == s.forecast);
    }
}

TEST_CASE("reaffirmed guidance is flat; raised and cut guidance move") {
    testing::Run r;
    struct G {
        std::string_view text;
        D dir;
    };
    for (const G& g : {G{"Acme reaffirmed its full-year revenue guidance of $5 billion.", D::flat},
                       G{"Acme reiterated its outlook for EPS of $4.50.", D::flat},
                       G{"Acme maintained guidance for capex of about $40 billion.", D::flat},
                       G{"Acme raised its full-year revenue guidance to $5.2 billion.", D::up},
                       G{"Acme lowered its revenue outlook to $4.8 billion.", D::down}}) {
        CAPTURE(g.text);
        const auto& ms = r.on(g.text);
        REQUIRE(ms.size() >= 1);
        CHECK(ms[0].forecast);
        CHECK(direction_name(ms[0].change.direction) == direction_name(g.dir));
    }
}

TEST_CASE("kind catalogue: names, parse, polarity, ratio and per-share columns") {
    std::set<std::string_view> names;
    for (const kinds::Row& r : kinds::kRows) {
        CAPTURE(r.name);
        CHECK(names.insert(r.name).second);
        CHECK(metric_kind_name(r.kind) == r.name);
        MetricKind k;
        CHECK(parse_metric_kind(r.name, k));
        CHECK(k == r.kind);
        CHECK((r.polarity >= -1 && r.polarity <= 1));
        CHECK(!r.words.empty());
    }
    CHECK(kinds::is_ratio(K::gross_margin));
    CHECK(!kinds::is_ratio(K::revenue));
    CHECK(kinds::row(K::job_cuts).polarity == -1);
    CHECK(kinds::row(K::capex).polarity == 0);
    CHECK(kinds::row(K::dividend).per_share);
    CHECK(kinds::row(K::price_target).forecast);
}

TEST_CASE("kind catalogue: every single word is a kind word of its row, every phrase matches") {
    for (const kinds::Row& r : kinds::kRows) {
        for (std::string_view list : {r.words, r.loss_words}) {
            const bool loss = list.data() == r.loss_words.data();
            kinds::each_phrase(list, [&](std::string_view p) {
                CAPTURE(r.name);
                CAPTURE(p);
                if (p.find(' ') == std::string_view::npos) {
                    const words::WordInfo wi = words::lookup(p);
                    CHECK((wi.flags & words::kKind) != 0);
                    CHECK(wi.kind == r.kind);
                    CHECK(((wi.flags & words::kLoss) != 0) == loss);
                    return;
                }
                std::string_view parts[5];
                size_t n = 0;
                for (size_t b = 0; b <= p.size() && n < 5;) {
                    size_t e = p.find(' ', b);
                    if (e == std::string_view::npos) e = p.size();
                    parts[n++] = p.substr(b, e - b);
                    b = e + 1;
                }
                CHECK((words::lookup(parts[0]).flags & words::kPhrase) != 0);
                // find_hits asks for a phrase only when the next token may start its second word.
                CHECK(words::second_word_may_start(parts[1][0]));
                if (parts[1][0] >= 'a' && parts[1][0] <= 'z') CHECK(words::second_word_may_start(static_cast<char>(parts[1][0] - 32)));
                const words::PhraseMatch pm = words::match_phrase(parts[0], [&](uint32_t k) { return parts[k]; });
                CHECK(pm.tokens == n);
                CHECK(pm.kind == r.kind);
                CHECK(pm.loss == loss);
            });
        }
    }
}

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

TEST_CASE("docs/metrics.md lists every kind of the catalogue with its words") {
    const std::string doc = read_file(std::string(HERALD_SOURCE_DIR) + "/docs/metrics.md");
    REQUIRE(!doc.empty());
    for (const kinds::Row& r : kinds::kRows) {
        CAPTURE(r.name);
        const std::string head = "| " + std::string(r.name) + " |";
        const size_t at = doc.find(head);
        REQUIRE(at != std::string::npos);
        const std::string line = doc.substr(at, doc.find('\n', at) - at);
        for (std::string_view list : {r.words, r.loss_words})
            kinds::each_phrase(list, [&](std::string_view p) {
                CAPTURE(p);
                CHECK(line.find(std::string(p)) != std::string::npos);
            });
    }
}

TEST_CASE("docs/rules.md names every kind of the catalogue") {
    const std::string doc = read_file(std::string(HERALD_SOURCE_DIR) + "/docs/rules.md");
    const size_t at = doc.find("Metric kinds");
    REQUIRE(at != std::string::npos);
    const std::string para = doc.substr(at, doc.find("\n\n", at) - at);
    for (const kinds::Row& r : kinds::kRows) {
        CAPTURE(r.name);
        CHECK(para.find(std::string(r.name)) != std::string::npos);
    }
}

}  // namespace
