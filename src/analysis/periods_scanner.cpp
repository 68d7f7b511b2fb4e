// The scanner's matchers: which expression (a quarter, half, months, year, relative period or
// month) starts at a token, written in the normalized form. Small fixed-size text, no allocation.
#include "periods_scanner.hpp"

namespace herald::analysis::periods {

// Q1 .. Q4 / H1 / H2 at t, or an ordinal quarter or half ("third quarter", "fourth-quarter",
// "first half"): the letter and number, and its tokens.
uint32_t Scanner::part_at(uint32_t t, char& letter, int& n) const {
    std::string_view x = tok(t);
    if (x.size() == 2 && (x[0] == 'Q' || x[0] == 'q') && x[1] >= '1' && x[1] <= '4') {
        letter = 'Q', n = x[1] - '0';
        return 1;
    }
    if (x.size() == 2 && (x[0] == 'H' || x[0] == 'h') && (x[1] == '1' || x[1] == '2')) {
        letter = 'H', n = x[1] - '0';
        return 1;
    }
    int ord = ordinal(x);
    if (ord && (eq_ci(tok(t + 1), "quarter") || (ord <= 2 && eq_ci(tok(t + 1), "half")))) {
        letter = eq_ci(tok(t + 1), "quarter") ? 'Q' : 'H', n = ord;
        return 2;
    }
    if (x.size() > 8) {
        const size_t dash = x.find('-');
        if (dash != std::string_view::npos && (ord = ordinal(x.substr(0, dash)))) {
            std::string_view tail = x.substr(dash + 1);
            if (eq_ci(tail, "quarter")) {
                letter = 'Q', n = ord;
                return 1;
            }
            if (eq_ci(tail, "half") && ord <= 2) {
                letter = 'H', n = ord;
                return 1;
            }
        }
    }
    return 0;
}

// A quarter or half at t, with its year when one is written around it ("Q3 FY26", "third
// quarter of fiscal 2026", "fiscal third quarter", "2009 third quarter").
uint32_t Scanner::part_with_year(uint32_t t, Writer& w) const {
    uint32_t b = t;
    if (eq_ci(tok(t), "fiscal") || eq_ci(tok(t), "fiscal-year")) ++t;  // "fiscal third quarter", "fiscal Q3"
    char letter = 0;
    int n = 0;
    uint32_t len = part_at(t, letter, n);
    if (!len) return 0;
    len += t - b;
    const char part[2] = {letter, static_cast<char>('0' + n)};
    w.add({part, 2});
    w.year(year_near(b + len, b, len, &w.fy_end));
    return len;
}

// After a calendar span ending before token e ("the October-December quarter", "the six months to
// September 30"), an apposition that names the company's own period with its year (or as fiscal): ", the third
// quarter of fiscal 2027", ", the first half of its fiscal year ending March 2027". The span is
// that fiscal period (written into w); returns the apposition's tokens, 0 when there is none.
uint32_t Scanner::apposition(uint32_t e, char letter, Writer& w) const {
    if (tok(e) != "," && tok(e) != "(") {
        if (tok(e - 1) != ",") return 0;  // "six months to September 30," (the date read its comma)
        --e;
    }
    uint32_t k = e + 1;
    if (eq_ci(tok(k), "the") || eq_ci(tok(k), "its") || eq_ci(tok(k), "our")) ++k;
    Writer f;
    const uint32_t n = part_with_year(k, f);
    // The same kind of period, with its year, or called fiscal ("the July-September quarter, its
    // fiscal second quarter": Q2; a bare "the second quarter" may be the calendar's).
    if (!n || f.buf[0] != letter || (f.n <= 2 && !eq_ci(tok(k), "fiscal"))) return 0;
    w = f;
    return k + n - e;
}

uint32_t Scanner::matchers(std::string_view x) {
    if (x.size() < 2) return 0;
    const char c = num::lower(x[0]);
    uint32_t m = 0;
    for (char ch : x)
        if (ch == '-') m = kPart | kYearRef | kFull | kMonths;  // third-quarter, fiscal-year, full-year, nine-month
    switch (c) {
        case 'q': return m | (x.size() == 2 ? uint32_t{kPart} : x.size() == 7 ? uint32_t{kQuarter} : 0u);
        case 'h': return m | (x.size() == 2 ? uint32_t{kPart} : 0u);
        case 'f':  // first, fourth, fiscal, full, FY25, february
            if (x.size() <= 4 && num::lower(x[1]) != 'y' && x.size() != 4) return m;
            return m | kPart | kYearRef | kFull | kMonth;
        case 's': return m | kPart | kMonths | kMonth;      // second, six, September
        case 't': return m | kPart | kMonths | kRelative;   // third, three, twelve, this
        case 'n': return m | kMonths | kRelative | kMonth;  // nine, next, November
        case 'y': return m | kYearWord;
        case 'w': return m | kPart;                         // weeks
        case 'c': return m | kRelative | kYearRef;          // current, coming, calendar
        case 'j': case 'm': case 'a': case 'o': case 'd': return m | kMonth;
        default: return m | (num::is_digit(c) ? uint32_t{kMonths} : 0u);  // 9M
    }
}

uint32_t Scanner::word_at(uint32_t t, Writer& w) const {
    std::string_view x = tok(t);
    if (x.empty()) return 0;
    const uint32_t can = matchers(x);
    if (!can) return 0;
    if (can & kPart)
        if (uint32_t len = part_with_year(t, w)) return len;
    // FY2025, FY25, fiscal 2025 [third quarter], FY26 Q3
    int y = 0;
    if (!(can & kYearRef)) return others(t, can, w);
    if (uint32_t len = year_ref(t, y); len && !is_year(x)) {
        Writer part;
        // "FY26 Q3", "fiscal 2026 third quarter": the part takes this year (it read it back as its own).
        if (uint32_t more = part_with_year(t + len, part); more && (part.buf[0] == 'Q' || part.buf[0] == 'H')) {
            w.add(part.view().substr(0, 2));
            w.year(y);
            return len + more;
        }
        w.add("FY");
        w.add_int(y);
        return len;
    }
    // fiscal year ended September 28, 2024
    if (eq_ci(x, "fiscal") || eq_ci(x, "fiscal-year")) {
        uint32_t k = t + 1;
        if (eq_ci(tok(k), "year")) ++k;
        int mon = 0;
        if (uint32_t n = ended(k, mon, y)) {
            w.add("FY");
            if (y) w.add_int(y);
            w.fy_end = mon;
            return k - t + n;
        }
        return 0;
    }
    return others(t, can, w);
}

uint32_t Scanner::others(uint32_t t, uint32_t can, Writer& w) const {
    const std::string_view x = tok(t);
    // full year / full-year [2025]
    if ((can & kFull) && ((eq_ci(x, "full") && eq_ci(tok(t + 1), "year")) || eq_ci(x, "full-year"))) {
        uint32_t len = eq_ci(x, "full") ? 2 : 1;
        w.add("FY");
        if (int yy = year_near(t + len, t, len)) w.add_int(yy);
        return len;
    }
    if (can & kMonths)
        if (uint32_t len = months_at(t, w)) return len;
    if (can & kPart)  // "first", "four", "five"
        if (uint32_t len = weeks_at(t, w)) return len;
    if (can & kYearWord)
        if (uint32_t len = year_words_at(t, w)) return len;
    if (can & kRelative)
        if (uint32_t len = relative_at(t, w)) return len;
    if (can & kMonth) {
        if (uint32_t len = month_quarter_at(t, w)) return len;
        if (uint32_t len = month_at(t, w)) return len;
    }
    // "quarter ended June 30, 2025": the calendar quarter ending that month (a fiscal calendar
    // may name it otherwise: quarter_month).
    if ((can & kQuarter) && eq_ci(x, "quarter")) {
        int mon = 0, y = 0;
        if (uint32_t n = ended(t + 1, mon, y); n && mon % 3 == 0) {
            const char part[2] = {'Q', static_cast<char>('0' + mon / 3)};
            w.add({part, 2});
            w.year(y);
            w.quarter_month = mon;
            w.quarter_year = y;
            return n + 1;
        }
    }
    // the quarter, this quarter, the latest quarter
    if ((can & kQuarter) && eq_ci(x, "quarter") && t > s_.first_token) {
        std::string_view p = tok(t - 1);
        if (eq_ci(p, "the") || eq_ci(p, "this") || eq_ci(p, "latest") || eq_ci(p, "last") || eq_ci(p, "same") ||
            eq_ci(p, "reporting") || eq_ci(p, "recent")) {
            w.add("quarter");
            return 1;
        }
    }
    return 0;
}

// January-September 2009, nine months [ended September 30, 2025], nine-month, 9M; three
// months ended June 30 is that quarter, six months ended June the first half, twelve months a year.
uint32_t Scanner::months_at(uint32_t t, Writer& w) const {
    std::string_view x = tok(t);
    int months = 0;
    uint32_t len = 0;
    int end_month = 0, y = 0;
    if (size_t dash = x.find('-'); dash != std::string_view::npos && dash > 0) {
        int a = month(x.substr(0, dash)), b = month(x.substr(dash + 1));
        if (a && b && b >= a) months = b - a + 1, end_month = b;  // "July-September quarter": Q3
        if (!months && count_word(x.substr(0, dash)) && eq_ci(x.substr(dash + 1), "month"))
            months = count_word(x.substr(0, dash));
        len = 1;
    }
    if (!months && count_word(x) && eq_ci(tok(t + 1), "months")) months = count_word(x), len = 2;
    if (!months && x.size() == 2 && num::is_digit(x[0]) && (x[1] == 'M')) months = x[0] - '0', len = 1;
    if (!months) return 0;
    // "over the next twelve months", "the following six months": a horizon, not a reported period.
    if (t > s_.first_token) {
        const std::string_view p = tok(t - 1);
        if (eq_ci(p, "next") || eq_ci(p, "coming") || eq_ci(p, "following") || eq_ci(p, "upcoming")) return 0;
    }
    if (uint32_t n = ended(t + len, end_month, y, true)) {
        len += n;
    } else {
        y = year_near(t + len, t, len);
    }
    const bool quarter = end_month && months == 3 && end_month % 3 == 0;
    if (!y && (quarter || months == 6)) {
        uint32_t e = t + len;
        if (eq_ci(tok(e), "quarter") || eq_ci(tok(e), "half") || eq_ci(tok(e), "period")) ++e;
        if (uint32_t n = apposition(e, quarter ? 'Q' : 'H', w)) return e - t + n;
    }
    if (months == 12 && end_month) {  // "twelve months ended July 31, 2026": a fiscal year, whatever month it ends
        w.add("FY");
    } else if (end_month && (months == 3 || (months == 6 && end_month % 6 == 0)) && end_month % 3 == 0) {
        const char part[2] = {months == 3 ? 'Q' : 'H', static_cast<char>('0' + (months == 3 ? (end_month + 2) / 3 : end_month / 6))};
        w.add({part, 2});

    } else if (months == 6) {
        // "the six months to Aug. 23", "the first six months": an interim report's half (a second
        // half is reported with the full year, as "the year").
        w.add("H1");
    } else {
        w.add_int(months);
        w.add("M");
    }
    w.year(y);
    return len;
}

// A retailer's weeks: "the first 13 weeks of fiscal 2027" (its first quarter), "first 26 weeks"
// (H1), "first 39 weeks" (9M), "first 52 weeks" (the year); "the four weeks ended Nov. 29, 2026",
// "five weeks ended January 31" (a retail month: the month they end in).
uint32_t Scanner::weeks_at(uint32_t t, Writer& w) const {
    if (eq_ci(tok(t), "weeks")) return quarter_weeks_at(t, w);
    uint32_t k = t;
    const bool first = eq_ci(tok(k), "first");
    if (first) ++k;
    const std::string_view x = tok(k);
    int n = eq_ci(x, "four") ? 4 : eq_ci(x, "five") ? 5 : 0;
    if (!n && first && x.size() == 2 && num::is_digit(x[0]) && num::is_digit(x[1])) n = (x[0] - '0') * 10 + (x[1] - '0');
    if (!n || !eq_ci(tok(k + 1), "weeks")) return 0;
    uint32_t len = k + 2 - t;
    int mon = 0, y = 0;
    const uint32_t en = ended(k + 2, mon, y, true);
    if (n == 4 || n == 5) {
        if (!en || !mon || first) return 0;
        w.add(kMonthShort[mon - 1]);
        w.year(y);
        return len + en;
    }
    const char* form = n == 13 ? "Q1" : n == 26 ? "H1" : n == 39 ? "9M" : n == 52 || n == 53 ? "FY" : nullptr;
    if (!form) return 0;
    if (en) len += en;
    else y = year_near(t + len, t, len, &w.fy_end);
    w.add(form);
    w.year(y);
    return len;
}

// "the 13 weeks to November 1" (read at "weeks": numbers start no period): a retailer's quarter,
// named by the month it ends in (a date in a month's first week closes the month before) and read
// by the company's fiscal calendar like "the October quarter". Not "first 13 weeks" (weeks_at).
uint32_t Scanner::quarter_weeks_at(uint32_t t, Writer& w) const {
    if (t <= s_.first_token || tok(t - 1) != "13" || (t - 1 > s_.first_token && eq_ci(tok(t - 2), "first"))) return 0;
    int mon = 0, y = 0;
    const uint32_t en = ended(t + 1, mon, y, true);
    if (!en || !mon) return 0;
    const uint32_t d = day_number(t + 2) ? t + 2 : t + 3 + (tok(t + 3) == "." ? 1 : 0);
    const std::string_view day = day_number(d) ? tok(d) : std::string_view{};
    if (day.size() == 1 && day[0] <= '7') mon = mon == 1 ? 12 : mon - 1;
    if (mon % 3 == 0) {
        const char part[2] = {'Q', static_cast<char>('0' + mon / 3)};
        w.add({part, 2});
        w.year(y);
    }
    w.quarter_month = mon;
    w.quarter_year = y;
    return 1 + en;
}

// "year ended December 31, 2024", "year ending March 2026", "year to 31 March 2025", "years
// ended December 31, 2025, 2024 and 2023" (the first; collect() reads the list): that fiscal year.
uint32_t Scanner::year_words_at(uint32_t t, Writer& w) const {
    if (!eq_ci(tok(t), "year") && !eq_ci(tok(t), "years")) return 0;
    int mon = 0, y = 0;
    uint32_t n = ended(t + 1, mon, y, true);
    // "EBITDA for the year 2008", "in the year 2025": that year (releases' wording).
    if (!n && eq_ci(tok(t), "year") && eq_ci(tok(t - 1), "the") && year_of(tok(t + 1))) {
        w.add("FY");
        w.add_int(year_of(tok(t + 1)));
        return 2;
    }
    // "free cash flow for the year should reach ...", "we ended the year with net revenue of ...":
    // the report's year.
    if (!n && eq_ci(tok(t), "year") && eq_ci(tok(t - 1), "the") &&
        (eq_ci(tok(t - 2), "for") || eq_ci(tok(t - 2), "ended") || eq_ci(tok(t - 2), "closed") ||
         eq_ci(tok(t - 2), "finished"))) {
        w.add("=Y");
        return 1;
    }
    if (!n || !y) return 0;
    w.add("FY");
    w.add_int(y);
    w.fy_end = mon;
    return n + 1;
}

// next quarter, the current quarter, the coming quarter: the one after the report's ("+Q");
// next [fiscal] year ("+Y"); this year, the current [fiscal] year ("=Y").
uint32_t Scanner::relative_at(uint32_t t, Writer& w) const {
    std::string_view x = tok(t);
    const bool next = eq_ci(x, "next") || eq_ci(x, "coming");
    const bool current = eq_ci(x, "current") || eq_ci(x, "this");
    if (!next && !current) return 0;
    uint32_t k = t + 1;
    if (eq_ci(tok(k), "fiscal")) ++k;
    if (eq_ci(tok(k), "quarter") && !eq_ci(x, "this")) {  // "this quarter" is the reported one
        w.add("+Q");
        return k - t + 1;
    }
    if (eq_ci(tok(k), "year")) {
        w.add(next ? "+Y" : "=Y");
        return k - t + 1;
    }
    return 0;
}

// "the December quarter", "December-quarter revenue", "the September 2025 quarter": the
// quarter ending in that month. Written as the calendar quarter ("Q4"), or nothing when the
// month ends none; the company's fiscal calendar may read it otherwise (fiscal_quarter).
uint32_t Scanner::month_quarter_at(uint32_t t, Writer& w) const {
    std::string_view x = tok(t);
    uint32_t len = 0;
    int m = 0, y = 0;
    if (const size_t dash = x.find('-'); dash != std::string_view::npos) {
        if (!eq_ci(x.substr(dash + 1), "quarter")) return 0;
        m = month(x.substr(0, dash));
        len = 1;
    } else {
        m = month(x);
        if (!m) return 0;
        len = 1;
        if ((y = year_of(tok(t + 1)))) ++len;
        if (!eq_ci(tok(t + len), "quarter")) return 0;
        ++len;
    }
    if (!m || !doc_.tokens[t].capitalized) return 0;
    if (!y) y = year_near(t + len, t + len, len);
    w.quarter_month = m;
    w.quarter_year = y;
    if (m % 3 == 0) {
        const char part[2] = {'Q', static_cast<char>('0' + m / 3)};
        w.add({part, 2});
        w.year(y);
    }
    return len;
}

// "in September", "for October 2025", "September sales": that month. "May" only after
// in/for/during: elsewhere it is the verb.
uint32_t Scanner::month_at(uint32_t t, Writer& w) const {
    std::string_view x = tok(t);
    const int m = month(x);
    if (!m || !doc_.tokens[t].capitalized) return 0;
    std::string_view p = t > s_.first_token ? tok(t - 1) : std::string_view{};
    // "at the end of September": a position at a quarter's end is that quarter's.
    if (m % 3 == 0 && eq_ci(p, "of") && t >= s_.first_token + 2 && eq_ci(tok(t - 2), "end")) {
        const char part[2] = {'Q', static_cast<char>('0' + m / 3)};
        w.add({part, 2});
        uint32_t len = 1;
        if (const int y = year_of(tok(t + 1))) {
            w.year(y);
            ++len;
        }
        return len;
    }
    if (uint32_t len = position_date(t, m, w)) return len;
    const bool after_in = eq_ci(p, "in") || eq_ci(p, "for") || eq_ci(p, "during");
    uint32_t len = 1;
    const int y = year_of(tok(t + 1));
    if (y) ++len;
    const bool before_kind = !y && t + 1 < s_.last_token &&
                             (words::lookup_token(doc_, t + 1).flags & (words::kKind | words::kPhrase));
    if (!after_in && !before_kind && !y) return 0;
    if (m == 5 && !after_in) return 0;
    // "its fiscal fourth quarter, which ended in September": the end of a period named before, no month's figure.
    if (after_in && t >= s_.first_token + 2 &&
        (eq_ci(tok(t - 2), "ended") || eq_ci(tok(t - 2), "ending") || eq_ci(tok(t - 2), "ends")))
        return 0;
    // "in September 30" is a date, not the month's figure
    if (!y && t + 1 < s_.last_token && doc_.tokens[t + 1].kind == TokenKind::number) return 0;
    if (after_in && said_before(t - 1)) return 0;
    w.add(kMonthShort[m - 1]);
    w.year(y);
    return len;
}

// "ahead of what we told you in February", "the outlook it gave in March": a month after a verb
// of saying (at most two words back from "in", at token t) dates the statement, not a figure.
bool Scanner::said_before(uint32_t t) const {
    static constexpr std::string_view kVerbs[] = {"told",   "said",     "guided",    "announced", "gave",
                                                  "issued", "provided", "outlined",  "indicated", "flagged",
                                                  "promised", "signalled", "signaled", "predicted"};
    for (uint32_t k = t, n = 0; k > s_.first_token && n < 3; ++n) {
        --k;
        if (doc_.tokens[k].kind != TokenKind::word) return false;
        for (std::string_view v : kVerbs)
            if (eq_ci(tok(k), v)) return true;
    }
    return false;
}

// "in 2025", "for 2026", "2026 capex", "calendar 2025": that year. Not a year inside a date
// or an expression of its own ("2009 third quarter").
uint32_t Scanner::calendar_year(uint32_t t, Writer& w) const {
    int y = year_of(tok(t));
    if (!y) return 0;
    Writer part;
    if (part_with_year(t + 1, part)) return 0;  // "2009 third quarter": read at the quarter
    // "the 2025 financial year", "its 2025 fiscal year", "financial year 2024/25"
    const uint32_t split = split_year(t + 1, y);
    if ((eq_ci(tok(t + 1 + split), "financial") || eq_ci(tok(t + 1 + split), "fiscal")) && eq_ci(tok(t + 2 + split), "year")) {
        w.add("FY");
        w.add_int(y);
        return 3 + split;
    }
    std::string_view p = t > s_.first_token ? tok(t - 1) : std::string_view{};
    // Not after "of" or "to": "ahead of 2026 deployments", "delayed to 2027" name no period of a figure.
    const bool compared = t >= s_.first_token + 2 && eq_ci(tok(t - 2), "compared") && (eq_ci(p, "with") || eq_ci(p, "to"));
    const bool after = eq_ci(p, "in") || eq_ci(p, "for") || eq_ci(p, "during") || eq_ci(p, "throughout") ||
                       eq_ci(p, "by") || eq_ci(p, "from") || eq_ci(p, "since") || eq_ci(p, "than") ||
                       eq_ci(p, "versus") || eq_ci(p, "vs") || eq_ci(p, "through") || eq_ci(p, "until") || compared;
    if (!after && !kind_after(t + 1 + split)) return 0;
    w.add("FY");
    w.add_int(y);
    return 1 + split;
}

// A kind word at token t or after one or two modifiers ("2026 capex", "2027 comparable
// revenue growth", "2026 capital expenditures").
bool Scanner::kind_after(uint32_t t) const {
    for (uint32_t k = t; k < t + 3 && k < s_.last_token; ++k) {
        if (doc_.tokens[k].kind != TokenKind::word) return false;
        const uint32_t f = words::lookup_token(doc_, k).flags;
        if (f & (words::kKind | words::kPhrase)) return true;
        if (f & (words::kStop | words::kUp | words::kDown)) return false;
    }
    return false;
}

}  // namespace herald::analysis::periods
