#pragma once
// The metric kind catalogue: one row per kind, the single source of what a kind is called, which
// words name it, whether a rise is good news, whether it is a level or a ratio, whether it can be
// stated per share, what unit its figures have and whether its figures are projections by nature.
// Everything else derives from it: metric_kind_name / parse_metric_kind (and so the rules
// language's kind names and its "did you mean"), the metric extractor's word and phrase tables,
// sentiment's metric polarity, the margin and per-share handling, and docs/metrics.md's kind list
// (unit_analysis_metric_kinds_test checks that the doc lists every row and its words).
// A new kind is one row here (and its enumerator in analysis.hpp) plus tests.
#include <cstdint>
#include <string_view>

#include "herald/analysis/analysis.hpp"

namespace herald::analysis::kinds {

enum class Measure : uint8_t {
    level,  // a value with a percent change ("revenue $4.2B, up 8%")
    ratio,  // a percentage level whose moves are points ("margin 41.3%, up 120 bp")
};

enum class UnitKind : uint8_t { money, percent, count };

struct Row {
    MetricKind kind;
    std::string_view name;
    // Words and phrases naming the kind, '|'-separated, lower case. The last kind word of a noun
    // phrase heads it ("Trainium revenue commitments" is commitments).
    std::string_view words;
    // Words and phrases naming a loss of it: the value is negative ("net loss of $1.2 billion").
    std::string_view loss_words;
    int8_t polarity;  // +1: a rise is good news; -1: bad news; 0: neither (sentiment)
    Measure measure;
    // "$0.52 a share" after this kind's words is this kind's figure, not EPS ("a dividend of
    // 52p per share", "agreed to buy Globex for $25 a share").
    bool per_share;
    UnitKind unit;
    bool forecast;  // its figures are projections (guidance, price targets)
    // Its words name no measure of their own: a kind word right before them heads the phrase
    // ("revenue guidance" is revenue, "margin target" a margin; both forecasts).
    bool generic;
};

using M = Measure;
using U = UnitKind;
using K = MetricKind;

// clang-format off
inline constexpr Row kRows[] = {
    {K::revenue, "revenue",
     "revenue|revenues|rev|sales|turnover|topline|top-line|top line|net sales|net revenue|net revenues|fee income|fee revenue|income|total income|"
     "brought in|took in|raked in", "",
     1, M::level, false, U::money, false, false},
    {K::operating_income, "operating_income",
     "ebit|ebita|operating income|operating profit|operating profits|operating result|operating earnings|income from operations",
     "operating loss",
     1, M::level, false, U::money, false, false},
    {K::net_income, "net_income",
     "profit|profits|earnings|net income|net profit|net earnings|net result|bottom line|income from continuing operations|core income|core earnings|"
     "profit after tax|net profit after tax|profit after taxation|net profit after taxation|earned",
     "loss|losses|net loss",
     1, M::level, false, U::money, false, false},
    {K::pretax_income, "pretax_income",
     "pretax profit|pretax income|pretax earnings|pre-tax profit|pre-tax income|pre-tax earnings|"
     "profit before tax|profit before taxes|profit before taxation|income before tax|income before taxes|"
     "earnings before taxes|income before income taxes|earnings before income taxes|profit before income taxes|"
     "operating profit before tax|operating profit before taxes",
     "pretax loss|pre-tax loss|loss before tax|loss before taxes|loss before income taxes",
     1, M::level, false, U::money, false, false},
    {K::eps, "eps", "eps|earnings per share|per share|a share|diluted eps|adjusted eps|per diluted share|a diluted share|"
     "profit per share|net income per share|income per share|earnings per preferred share|earnings per ordinary share|"
     "core earnings per share", "loss per share|net loss per share|net loss per diluted share|loss per diluted share|"
     "diluted net loss per share|diluted loss per share",
     1, M::level, true, U::money, false, false},
    {K::ebitda, "ebitda", "ebitda|adjusted ebitda|ebitdaal|adjusted ebitdaal", "",
     1, M::level, false, U::money, false, false},
    {K::backlog, "backlog",
     "backlog|rpo|remaining performance obligations|remaining performance obligation|revenue backlog|order backlog|order book", "",
     1, M::level, false, U::money, false, false},
    {K::capex, "capex",
     "capex|capital expenditure|capital expenditures|capital spending|capital investment|capital investments", "",
     0, M::level, false, U::money, false, false},
    {K::run_rate, "run_rate",
     "run-rate|arr|run rate|annualized revenue|annualised revenue|annualized run rate|annualised run rate|"
     "annual run rate|annual recurring revenue|annualized recurring revenue|annualised recurring revenue", "",
     1, M::level, false, U::money, false, false},
    {K::commitments, "commitments", "commitment|commitments|reserved|committed", "",
     1, M::level, false, U::money, false, false},
    {K::orders, "orders", "orders|order|bookings|order intake|new orders", "",
     1, M::level, false, U::money, false, false},
    {K::guidance, "guidance", "guidance|outlook|target", "",
     1, M::level, false, U::money, true, true},
    {K::operating_margin, "operating_margin",
     "margin|margins|operating margin|operating margins|ebit margin|ebita margin|ebitda margin|profit margin|"
     "operating income as a percentage|operating profit as a percentage", "",
     1, M::ratio, false, U::percent, false, false},
    {K::gross_margin, "gross_margin", "gross margin|gross margins|gross margin percentage|gross profit as a percentage|"
     "gross profit percentage", "",
     1, M::ratio, false, U::percent, false, false},
    {K::cash_flow, "cash_flow", "fcf|operating cash flow|free cash flow|cash flow|cash flows|cash provided by operating activities", "",
     1, M::level, false, U::money, false, false},
    {K::net_interest_income, "net_interest_income", "net interest income|net interest revenue", "",
     1, M::level, false, U::money, false, false},
    {K::comparable_sales, "comparable_sales",
     "comparable sales|comp sales|comps|same-store sales|same store sales|comparable-store sales|"
     "comparable store sales|like-for-like sales|like-for-like|same-restaurant sales|comparable restaurant sales|"
     "identical sales|identical-store sales|identical store sales",
     "", 1, M::level, false, U::money, false, false},
    {K::dividend, "dividend",
     "dividend|dividends|quarterly dividend|dividend per share|payout|special dividend", "",
     1, M::level, true, U::money, false, false},
    {K::buyback, "buyback",
     "buyback|buybacks|share buyback|stock buyback|repurchase|repurchases|repurchased|share repurchase|"
     "share repurchases|stock repurchase|buy back|bought back|buying back|buys back|accelerated share repurchase|"
     "accelerated share repurchases|accelerated buyback", "",
     1, M::level, false, U::money, false, false},
    {K::deliveries, "deliveries",
     "deliveries|delivered|delivers|deliver|shipments|shipped|ships|registrations|delivery forecast|delivery guidance|"
     "delivery target|delivery outlook", "",
     1, M::level, false, U::count, false, false},
    {K::subscribers, "subscribers",
     "subscribers|subscriber|subscriptions|users|memberships|paid members|paid memberships|paid subscribers|"
     "monthly active users|daily active users|daily active people|monthly active people|maus|daus|additions|net additions|net adds|net subscriber additions|customer additions|"
     "streaming households|paying households", "",
     1, M::level, false, U::count, false, false},
    {K::job_cuts, "job_cuts",
     "job cuts|job cut|layoffs|layoff|redundancies|job losses|job reductions|lay off|laid off|lays off|laying off", "",
     -1, M::level, false, U::count, false, false},
    {K::deal_value, "deal_value",
     "deal|acquisition|takeover|buyout|merger|transaction|acquire|acquires|acquired|acquiring|buy|buys|"
     "purchase|offer|bid|stake|deal value|equity value|enterprise value|contract|contracts|agreement|pact", "",
     0, M::level, true, U::money, false, false},
    {K::price_target, "price_target",
     "price target|price targets|target price|price objective", "",
     1, M::level, true, U::money, true, false},
};
// clang-format on

// Words and phrases that look like kind words but name no company metric, so a figure they name
// is none: credit-loss provisions, impairments and charges are not net income; consensus and
// estimates are yardsticks ("topped the $2.05 consensus"); sector and market figures are no one
// company's; loans, credit facilities and bonds finance a deal, they are not its price.
inline constexpr std::string_view kNotMetrics =
    "credit losses|credit loss|loan losses|loan loss|credit-loss|loan-loss|impairment|impairments|"
    "writedown|writedowns|write-down|write-downs|write-off|write-offs|writeoff|writeoffs|charge|charges|"
    "provision|provisions|reserve build|reserve release|reserves|consensus|estimate|estimates|expectations|"
    "retail sales|industry sales|home sales|existing-home sales|new-home sales|market share|market cap|"
    "market value|market capitalization|market capitalisation|income tax|income taxes|other income|investment income|interest income|loan|loans|term loan|bridge loan|credit facility|"
    "bond|bonds|revenue per user|average revenue per user|arpu|"
    // A bank's net interest margin is a yield on its assets, not a profit margin.
    "net interest margin|net interest margins|"
    // An airline's traffic and unit revenue, an insurer's catastrophe losses.
    "revenue passenger miles|revenue passenger kilometres|revenue passenger kilometers|revenue per available seat mile|"
    "revenue per available seat kilometre|revenue per available seat kilometer|catastrophe losses";

constexpr bool rows_in_enum_order() {
    if (std::size(kRows) != static_cast<size_t>(MetricKind::count_)) return false;
    for (size_t i = 0; i < std::size(kRows); ++i)
        if (static_cast<size_t>(kRows[i].kind) != i) return false;
    return true;
}
static_assert(rows_in_enum_order(), "one row per MetricKind, in enum order");

constexpr const Row& row(MetricKind k) { return kRows[static_cast<size_t>(k)]; }
constexpr bool is_ratio(MetricKind k) { return row(k).measure == Measure::ratio; }

// Calls f(phrase) for each '|'-separated phrase of a words column.
template <class F>
constexpr void each_phrase(std::string_view list, F f) {
    while (!list.empty()) {
        const size_t bar = list.find('|');
        f(list.substr(0, bar));
        if (bar == std::string_view::npos) break;
        list.remove_prefix(bar + 1);
    }
}

}  // namespace herald::analysis::kinds
