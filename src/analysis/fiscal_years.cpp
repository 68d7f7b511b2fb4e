// Fiscal calendars (fiscal_years.hpp): a binary search of the sorted table.
#include "fiscal_years.hpp"

#include <algorithm>
#include <iterator>

namespace herald::analysis::fiscal {

int year_end_month(std::string_view ticker) {
    if (ticker.empty()) return 0;
    const Calendar* b = std::begin(kCalendars);
    const Calendar* e = std::end(kCalendars);
    const Calendar* it = std::lower_bound(b, e, ticker, [](const Calendar& c, std::string_view t) { return c.ticker < t; });
    if (it != e && it->ticker == ticker) return it->end_month;
    // A market whose companies mostly close their year in one month: India's by law (March),
    // Japan's large companies (March), Australia's (June). A row above overrides (a calendar-year
    // company is a row with 12).
    const auto suffix = [&](std::string_view x) { return ticker.size() > x.size() && ticker.substr(ticker.size() - x.size()) == x; };
    if (suffix(".NS") || suffix(".BO") || suffix(".T")) return 3;
    if (suffix(".AX")) return 6;
    return 0;
}

}  // namespace herald::analysis::fiscal
