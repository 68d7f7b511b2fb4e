#pragma once
// Fiscal calendars of well-known companies whose fiscal year is not the calendar year, as data:
// one row per listing ticker, the month its fiscal year ends. Used to read a quarter named by
// the month it ends ("the December quarter", "September-quarter revenue"): Apple's December
// quarter is its fiscal first quarter, Microsoft's its second. A company not in the table keeps
// the calendar reading (the December quarter is Q4). Fiscal years that end on a weekday near a
// month's end are listed under the month most of the year falls in ("ends late September": 9).
// Adding a company is one row; the table must stay sorted by ticker (checked at compile time).
// Listings of Indian, Japanese and Australian exchanges without a row take their market's usual
// year end (fiscal_years.cpp); the rows with 12 are those markets' calendar-year companies.
#include <string_view>

namespace herald::analysis::fiscal {

struct Calendar {
    std::string_view ticker;
    int end_month;  // 1..12: the month the fiscal year ends
};

inline constexpr Calendar kCalendars[] = {
    {"2502.T", 12}, {"2503.T", 12}, {"2914.T", 12}, {"3382.T", 2}, {"4519.T", 12}, {"4755.T", 12},
    {"4911.T", 12}, {"5108.T", 12}, {"7751.T", 12}, {"9983.T", 8}, {"AAPL", 9}, {"ACN", 8},
    {"ADBE", 11}, {"ADI", 10}, {"ADP", 6}, {"ADSK", 1}, {"ALL.AX", 9}, {"AMAT", 10}, {"ANZ.AX", 9},
    {"AVGO", 10}, {"AZO", 8}, {"BABA", 3}, {"BBY", 1}, {"CAG", 5}, {"COST", 8}, {"CRM", 1},
    {"CRWD", 1}, {"CSCO", 7}, {"DE", 10}, {"DELL", 1}, {"DG", 1}, {"DIS", 9}, {"DLTR", 1},
    {"EA", 3}, {"EMR", 9}, {"FDX", 5}, {"GIS", 5}, {"HD", 1}, {"HM-B.ST", 11}, {"HMC", 3},
    {"HPE", 10}, {"HPQ", 10}, {"INFY", 3}, {"INTU", 7}, {"JD.L", 1}, {"KLAC", 6}, {"KR", 1},
    {"LOW", 1}, {"LRCX", 6}, {"LULU", 1}, {"MDB", 1}, {"MDT", 4}, {"MKS.L", 3}, {"MQG.AX", 3},
    {"MRVL", 1}, {"MSFT", 6}, {"MU", 8}, {"NAB.AX", 9}, {"NKE", 5}, {"NVDA", 1}, {"ORCL", 5},
    {"PANW", 7}, {"PG", 6}, {"QBE.AX", 12}, {"QCOM", 9}, {"SBUX", 9}, {"SIEGY", 9}, {"SMCI", 6},
    {"SMNEY", 9}, {"SNOW", 1}, {"SNPS", 10}, {"SONY", 3}, {"STO.AX", 12}, {"TEAM", 6}, {"TGT", 1},
    {"TJX", 1}, {"TM", 3}, {"TSCO.L", 2}, {"TTWO", 3}, {"V", 9}, {"WBA", 8}, {"WBC.AX", 9},
    {"WDAY", 1}, {"WMT", 1}, {"XRO.AX", 3}, {"ZM", 1},
};

constexpr bool sorted_by_ticker() {
    for (size_t i = 1; i < sizeof kCalendars / sizeof kCalendars[0]; ++i)
        if (!(kCalendars[i - 1].ticker < kCalendars[i].ticker)) return false;
    return true;
}
static_assert(sorted_by_ticker(), "kCalendars must stay sorted by ticker");

// The month the company's fiscal year ends, 0 when the table does not know it.
int year_end_month(std::string_view ticker);

// The fiscal quarter (1..4) of the quarter ending in calendar month `month` (1..12), for a fiscal
// year ending in `end_month`; 0 when that month ends no quarter of that fiscal year.
constexpr int quarter_ending(int month, int end_month) {
    const int after = (month - end_month + 11) % 12;  // months since the fiscal year began, minus one
    return after % 3 == 2 ? after / 3 + 1 : 0;
}

// The fiscal year (labelled by the calendar year it ends in) of calendar month `month` of `year`.
constexpr int fiscal_year(int month, int year, int end_month) { return month <= end_month ? year : year + 1; }

}  // namespace herald::analysis::fiscal
