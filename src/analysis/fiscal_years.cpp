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
    return it != e && it->ticker == ticker ? it->end_month : 0;
}

}  // namespace herald::analysis::fiscal
