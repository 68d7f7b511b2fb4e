// The scanner's readers of years and dates ("FY25", "fiscal 2025", "2024/25", "ended June 30,
// 2025", "as of June 30, 2025"): the parts of an expression that say when, apart from its form.
#include "periods_scanner.hpp"

namespace herald::analysis::periods {

// A fiscal or calendar year reference at t: "2025", "FY25", "FY2025", "FY 2025", "fiscal
// [year] 2025", "fiscal-year 2025", "calendar [year] 2025". Returns its tokens, the year in y.
uint32_t Scanner::year_ref(uint32_t t, int& y) const {
    std::string_view x = tok(t);
    if ((y = year_of(x))) return 1;
    if (x.size() >= 2 && (x[0] == 'F' || x[0] == 'f') && (x[1] == 'Y' || x[1] == 'y')) {
        std::string_view rest = x.substr(2);
        if (rest.empty()) return (y = year_of(tok(t + 1))) ? 2 : 0;
        if ((y = year_of(rest))) return 1;
        if (rest.size() == 2 && num::is_digit(rest[0]) && num::is_digit(rest[1])) {
            y = 2000 + (rest[0] - '0') * 10 + (rest[1] - '0');
            return 1;
        }
        return 0;
    }
    // "financial year 2025" (European reports) needs its "year"; "financial 2025" is no period.
    const bool financial = eq_ci(x, "financial") && eq_ci(tok(t + 1), "year");
    if (eq_ci(x, "fiscal") || eq_ci(x, "fiscal-year") || eq_ci(x, "calendar") || financial) {
        uint32_t k = t + 1;
        if (eq_ci(tok(k), "year")) ++k;
        if ((y = year_of(tok(k)))) return k - t + 1 + split_year(k + 1, y);
        // "fiscal '26" is rare; "fiscal FY26" does not occur.
    }
    y = 0;
    return 0;
}

// "2024/25", "2024/2025": a financial year across two calendar years is labelled by the year
// it ends in. Reads the "/25" after the first year's token at t; returns its tokens.
uint32_t Scanner::split_year(uint32_t t, int& y) const {
    if (tok(t) != "/" || t + 1 >= s_.last_token || doc_.tokens[t + 1].kind != TokenKind::number) return 0;
    const std::string_view e = tok(t + 1);
    const int end = e.size() == 4 ? year_of(e)
                    : e.size() == 2 && num::is_digit(e[0]) && num::is_digit(e[1]) ? y / 100 * 100 + (e[0] - '0') * 10 + (e[1] - '0')
                                                                                : 0;
    if (end != y + 1) return 0;
    y = end;
    return 2;
}

// "ended June 30, 2025", "ending March 2026", "through Sept. 30", "ended 31 March 2025" and,
// when `to` is set, "to 30 June 2025" (British reports: "six months to", "year to"): the month
// and year of the end of a period, from token t. Returns its tokens (0 when t does not start one).
uint32_t Scanner::ended(uint32_t t, int& mon, int& y, bool to) const {
    std::string_view x = tok(t);
    if (!eq_ci(x, "ended") && !eq_ci(x, "ending") && !eq_ci(x, "through") && !(to && eq_ci(x, "to"))) return 0;
    uint32_t k = t + 1;
    if (day_number(k) && month_or_abbrev(tok(k + 1))) ++k;  // "31 March 2025"
    mon = month_or_abbrev(tok(k));
    if (!mon) return 0;
    ++k;
    if (tok(k) == ".") ++k;
    if (doc_.tokens.size() > k && k < s_.last_token && doc_.tokens[k].kind == TokenKind::number && !is_year(tok(k))) ++k;
    if (tok(k) == ",") ++k;
    y = year_of(tok(k));
    if (y) ++k;
    return k - t;
}

// A day of the month at token t ("30", "31"): a number of one or two digits.
bool Scanner::day_number(uint32_t t) const {
    if (t >= s_.last_token || doc_.tokens[t].kind != TokenKind::number) return false;
    const std::string_view d = tok(t);
    return (d.size() == 1 || d.size() == 2) && num::is_digit(d[0]) && num::is_digit(d.back());
}

// The year written right after an expression ending before token e ("Q1 2026", "first
// quarter of 2010", "of fiscal 2026", "ended March 31, 2025") or right before its first
// token b ("2009 third quarter"). Adds the tokens read after e to `len`.
int Scanner::year_near(uint32_t e, uint32_t b, uint32_t& len, int* fy_end) const {
    int y = 0;
    if (uint32_t n = year_ref(e, y)) {
        len += n;
        return y;
    }
    std::string_view n1 = tok(e);
    if (eq_ci(n1, "of") || eq_ci(n1, "in")) {
        // "of fiscal 2026", "of its fiscal 2027", "of the 2026 fiscal year"
        uint32_t k = e + 1;
        if (eq_ci(tok(k), "its") || eq_ci(tok(k), "the") || eq_ci(tok(k), "our")) ++k;
        if (uint32_t n = year_ref(k, y)) {
            len += k - e + n;
            return y;
        }
        // "second quarter of the year ending March 2027", "first half of its fiscal year ending
        // March 2027": the fiscal year the end date names, whose end month the period keeps.
        uint32_t j = k;
        if (eq_ci(tok(j), "fiscal") || eq_ci(tok(j), "financial")) ++j;
        int mon = 0;
        if (eq_ci(tok(j), "year"))
            if (uint32_t n = ended(j + 1, mon, y, true); n && y) {
                len += j + 1 - e + n;
                if (fy_end) *fy_end = mon;
                return y;
            }
        y = 0;
    }
    int mon = 0;
    if (uint32_t n = ended(e, mon, y); n && y) {
        len += n;
        return y;
    }
    if (b > s_.first_token && (y = year_of(tok(b - 1)))) return y;
    return 0;
}

// "as of June 30, 2025", "at September 28, 2025": a position (backlog, RPO, cash) at the end
// of the period ending that day: the quarter ending that month ("Q2 2025"), the year when it
// is December 31 ("FY2025"). Needs the day and the year; other months name no period.
uint32_t Scanner::position_date(uint32_t t, int m, Writer& w) const {
    const std::string_view p = t > s_.first_token ? tok(t - 1) : std::string_view{};
    const bool as_of = eq_ci(p, "of") && t >= s_.first_token + 2 && eq_ci(tok(t - 2), "as");
    if (!as_of && !eq_ci(p, "at")) return 0;
    uint32_t k = t + 1;
    if (tok(k) == ".") ++k;
    if (!day_number(k)) return 0;
    ++k;
    if (tok(k) == ",") ++k;
    const int y = year_of(tok(k));
    if (!y || m % 3 != 0) return 0;
    if (m == 12) {
        w.add("FY");
        w.add_int(y);
    } else {
        const char part[2] = {'Q', static_cast<char>('0' + m / 3)};
        w.add({part, 2});
        w.year(y);
        w.quarter_month = m;
        w.quarter_year = y;
    }
    return k - t + 1;
}

}  // namespace herald::analysis::periods
