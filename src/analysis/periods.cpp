// Period expressions over a sentence's tokens. Small fixed-size text, no allocation.
// Relative periods are written as markers that complete() settles per event: "+Q" (the quarter
// after the report's: "next quarter", "the current quarter"), "+Y" (next year), "=Y" (this year).
#include "periods.hpp"

#include <cmath>
#include <string_view>

#include "fiscal_years.hpp"
#include "herald/core/time.hpp"
#include "metrics_words.hpp"
#include "numbers.hpp"

namespace herald::analysis::periods {

namespace {

using words::eq_ci;

// A year token: 4 digits from 1900 to 2099; 0 when it is none.
int year_of(std::string_view t) {
    if (t.size() != 4 || !num::is_digit(t[0]) || !num::is_digit(t[1]) || !num::is_digit(t[2]) || !num::is_digit(t[3]))
        return 0;
    if (t[0] == '1' ? t[1] != '9' : !(t[0] == '2' && t[1] == '0')) return 0;
    return (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
}
bool is_year(std::string_view t) { return year_of(t) != 0; }

int ordinal(std::string_view w) {
    static constexpr std::string_view kOrd[] = {"first", "second", "third", "fourth"};
    for (int i = 0; i < 4; ++i)
        if (eq_ci(w, kOrd[i])) return i + 1;
    return 0;
}

constexpr std::string_view kMonthNames[] = {"january", "february", "march",     "april",   "may",      "june",
                                            "july",    "august",   "september", "october", "november", "december"};
constexpr std::string_view kMonthShort[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

int month(std::string_view w) {
    for (int i = 0; i < 12; ++i)
        if (eq_ci(w, kMonthNames[i])) return i + 1;
    return 0;
}

// A month written whole or abbreviated ("Sept", "Dec"); "may"/"mar" in any case count here, the
// callers decide from the context whether a month is meant.
int month_or_abbrev(std::string_view w) {
    if (int m = month(w)) return m;
    if (eq_ci(w, "sept")) return 9;
    if (w.size() != 3) return 0;
    for (int i = 0; i < 12; ++i)
        if (eq_ci(w, std::string_view(kMonthNames[i]).substr(0, 3))) return i + 1;
    return 0;
}

int count_word(std::string_view w) {
    static constexpr std::string_view kCount[] = {"three", "six", "nine", "twelve"};
    static constexpr int kN[] = {3, 6, 9, 12};
    for (int i = 0; i < 4; ++i)
        if (eq_ci(w, kCount[i])) return kN[i];
    return 0;
}

struct Writer {
    char buf[24];
    size_t n = 0;
    int quarter_month = 0, quarter_year = 0;  // a month-named quarter (Found::quarter_month)
    void add(std::string_view s) {
        for (char c : s)
            if (n < sizeof buf) buf[n++] = c;
    }
    void add_int(int v) {  // non-negative: months, quarters, years
        char t[12];
        size_t k = sizeof t;
        do {
            t[--k] = static_cast<char>('0' + v % 10);
            v /= 10;
        } while (v > 0 && k > 0);
        add({t + k, sizeof t - k});
    }
    void year(int y) {
        if (!y) return;
        if (n && buf[n - 1] != 'Y') add(" ");
        add_int(y);
    }
    std::string_view view() const { return {buf, n}; }
};

class Scanner {
public:
    Scanner(const Document& doc, const Sentence& s) : doc_(doc), s_(s), field_(doc.event().field(s.field)) {}

    std::string_view tok(uint32_t t) const {
        if (t < s_.first_token || t >= s_.last_token) return {};
        const Token& k = doc_.tokens[t];
        return {field_.data() + k.begin, k.end - k.begin};  // every token of a sentence is in its field
    }

    // Recognises an expression starting at token t; writes it and returns its token count (0 if none).
    uint32_t at(uint32_t t, Writer& w) const {
        if (t >= s_.last_token) return 0;
        if (doc_.tokens[t].kind == TokenKind::number) return calendar_year(t, w);
        return word_at(t, w);
    }

private:
    // A fiscal or calendar year reference at t: "2025", "FY25", "FY2025", "FY 2025", "fiscal
    // [year] 2025", "fiscal-year 2025", "calendar [year] 2025". Returns its tokens, the year in y.
    uint32_t year_ref(uint32_t t, int& y) const {
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
    uint32_t split_year(uint32_t t, int& y) const {
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
    uint32_t ended(uint32_t t, int& mon, int& y, bool to = false) const {
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
    bool day_number(uint32_t t) const {
        if (t >= s_.last_token || doc_.tokens[t].kind != TokenKind::number) return false;
        const std::string_view d = tok(t);
        return (d.size() == 1 || d.size() == 2) && num::is_digit(d[0]) && num::is_digit(d.back());
    }

    // The year written right after an expression ending before token e ("Q1 2026", "first
    // quarter of 2010", "of fiscal 2026", "ended March 31, 2025") or right before its first
    // token b ("2009 third quarter"). Adds the tokens read after e to `len`.
    int year_near(uint32_t e, uint32_t b, uint32_t& len) const {
        int y = 0;
        if (uint32_t n = year_ref(e, y)) {
            len += n;
            return y;
        }
        std::string_view n1 = tok(e);
        if (eq_ci(n1, "of") || eq_ci(n1, "in")) {
            if (uint32_t n = year_ref(e + 1, y)) {
                len += n + 1;
                return y;
            }
        }
        int mon = 0;
        if (uint32_t n = ended(e, mon, y); n && y) {
            len += n;
            return y;
        }
        if (b > s_.first_token && (y = year_of(tok(b - 1)))) return y;
        return 0;
    }

    // Q1 .. Q4 / H1 / H2 at t, or an ordinal quarter or half ("third quarter", "fourth-quarter",
    // "first half"): the letter and number, and its tokens.
    uint32_t part_at(uint32_t t, char& letter, int& n) const {
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
    uint32_t part_with_year(uint32_t t, Writer& w) const {
        uint32_t b = t;
        if (eq_ci(tok(t), "fiscal") || eq_ci(tok(t), "fiscal-year")) ++t;  // "fiscal third quarter", "fiscal Q3"
        char letter = 0;
        int n = 0;
        uint32_t len = part_at(t, letter, n);
        if (!len) return 0;
        len += t - b;
        const char part[2] = {letter, static_cast<char>('0' + n)};
        w.add({part, 2});
        w.year(year_near(b + len, b, len));
        return len;
    }

    // Which matchers can start at a word, from its first letter and whether it holds a dash:
    // most candidate words ("for", "from", "has") are turned away here without running any.
    enum : uint32_t { kPart = 1, kYearRef = 2, kFull = 4, kMonths = 8, kYearWord = 16, kRelative = 32, kMonth = 64, kQuarter = 128 };
    static uint32_t matchers(std::string_view x) {
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
            case 'c': return m | kRelative | kYearRef;          // current, coming, calendar
            case 'j': case 'm': case 'a': case 'o': case 'd': return m | kMonth;
            default: return m | (num::is_digit(c) ? uint32_t{kMonths} : 0u);  // 9M
        }
    }

    uint32_t word_at(uint32_t t, Writer& w) const {
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
                return k - t + n;
            }
            return 0;
        }
        return others(t, can, w);
    }

    uint32_t others(uint32_t t, uint32_t can, Writer& w) const {
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
    uint32_t months_at(uint32_t t, Writer& w) const {
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
        if (end_month && (months == 3 || months == 12 || (months == 6 && end_month % 6 == 0)) && end_month % 3 == 0) {
            const char part[2] = {months == 3 ? 'Q' : 'H', static_cast<char>('0' + (months == 3 ? (end_month + 2) / 3 : end_month / 6))};
            if (months == 12) w.add("FY");
            else w.add({part, 2});
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

    // "year ended December 31, 2024", "year ending March 2026", "year to 31 March 2025", "years
    // ended December 31, 2025, 2024 and 2023" (the first; collect() reads the list): that fiscal year.
    uint32_t year_words_at(uint32_t t, Writer& w) const {
        if (!eq_ci(tok(t), "year") && !eq_ci(tok(t), "years")) return 0;
        int mon = 0, y = 0;
        uint32_t n = ended(t + 1, mon, y, true);
        if (!n || !y) return 0;
        w.add("FY");
        w.add_int(y);
        return n + 1;
    }

    // next quarter, the current quarter, the coming quarter: the one after the report's ("+Q");
    // next [fiscal] year ("+Y"); this year, the current [fiscal] year ("=Y").
    uint32_t relative_at(uint32_t t, Writer& w) const {
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
    uint32_t month_quarter_at(uint32_t t, Writer& w) const {
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
    uint32_t month_at(uint32_t t, Writer& w) const {
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
        // "in September 30" is a date, not the month's figure
        if (!y && t + 1 < s_.last_token && doc_.tokens[t + 1].kind == TokenKind::number) return 0;
        w.add(kMonthShort[m - 1]);
        w.year(y);
        return len;
    }

    // "as of June 30, 2025", "at September 28, 2025": a position (backlog, RPO, cash) at the end
    // of the period ending that day: the quarter ending that month ("Q2 2025"), the year when it
    // is December 31 ("FY2025"). Needs the day and the year; other months name no period.
    uint32_t position_date(uint32_t t, int m, Writer& w) const {
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

    // "in 2025", "for 2026", "2026 capex", "calendar 2025": that year. Not a year inside a date
    // or an expression of its own ("2009 third quarter").
    uint32_t calendar_year(uint32_t t, Writer& w) const {
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
    bool kind_after(uint32_t t) const {
        for (uint32_t k = t; k < t + 3 && k < s_.last_token; ++k) {
            if (doc_.tokens[k].kind != TokenKind::word) return false;
            const uint32_t f = words::lookup_token(doc_, k).flags;
            if (f & (words::kKind | words::kPhrase)) return true;
            if (f & (words::kStop | words::kUp | words::kDown)) return false;
        }
        return false;
    }

    const Document& doc_;
    const Sentence& s_;
    std::string_view field_;
};

constexpr uint64_t key_of(std::string_view w) {
    uint64_t v = 0;
    for (size_t i = 0; i < w.size() && i < 8; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(w[i])) << (8 * i);
    return v;
}

bool is_start_word(std::string_view w) {
    for (std::string_view sw : kStartWords)
        if (eq_ci(w, sw)) return true;
    return false;
}

// may_start through the tokenizer's folded key (bytes little-endian, zero-padded): no text read
// for the many words that start no period. Inlined into the per-token loop: a call per token
// cost more than the test.
[[gnu::always_inline]] inline bool maybe_period_token(const Document& doc, uint32_t t) {
    const WordKey& k = doc.keys[t];
    if (k.a == 0) return may_start_text(doc.text(doc.tokens[t]));
    if (may_start_key(k)) return true;
    if (k.b != 0) return is_start_word(doc.text(doc.tokens[t]));  // "september"
    for (std::string_view w : kStartWords)
        if (w.size() <= 8 && k.a == key_of(w)) return true;
    return false;
}

// Is the period at token t an earlier one ("from $9 billion in 2024", "compared with the first
// quarter")? A comparison word at most four tokens before it, with no "to" in between; up to
// eight in its clause ("compared with $3.0 billion in the third quarter of 2024", "compared
// with $10.8 billion as of December 31, 2024").
bool prior_period(const Scanner& sc, uint32_t first, uint32_t t) {
    for (uint32_t k = t, n = 0; k > first && n < 8; --k, ++n) {
        std::string_view x = sc.tok(k - 1);
        if (eq_ci(x, "to") && !(k >= first + 2 && eq_ci(sc.tok(k - 2), "compared"))) return false;
        // A clause of its own: "from $2.0 billion after first-half profit rose 15%" is the first half's.
        // ("as of December 31" is a date, no clause).
        if (eq_ci(x, "after") || (eq_ci(x, "as") && !eq_ci(sc.tok(k), "of")) || eq_ci(x, "while") || eq_ci(x, "when") ||
            eq_ci(x, "but"))
            return false;
        if (n >= 5) {  // farther back only an explicit comparison ("more than 70% a year through 2028" is none)
            if (x == "," || x == ";") return false;
            if (eq_ci(x, "compared") || eq_ci(x, "versus") || eq_ci(x, "vs") || eq_ci(x, "against")) return true;
            continue;
        }
        if (eq_ci(x, "from") || eq_ci(x, "since") || eq_ci(x, "than") || eq_ci(x, "versus") || eq_ci(x, "vs") ||
            eq_ci(x, "against") || eq_ci(x, "compared") || eq_ci(x, "year-ago") || eq_ci(x, "year-earlier"))
            return true;
    }
    return false;
}

bool year_token(const Document& doc, uint32_t t) {
    const Token& k = doc.tokens[t];
    return k.kind == TokenKind::number && k.end - k.begin == 4;
}

// "in 2025, 2024 and 2023, respectively": after a period with a year ending before token e, the
// years of a list closed by "respectively". Adds each as a period of the same form ("FY2024",
// "Q2 2024") to out[n + 1 ..], marks the list on all; returns how many it added.
size_t year_list(const Scanner& sc, const Sentence& s, uint32_t e, Found* out, size_t n, size_t cap) {
    const std::string_view first = out[n].period.view();
    if (first.size() < 4 || !year_of(first.substr(first.size() - 4))) return 0;
    uint32_t years[8], k = e;
    size_t m = 0;
    while (m < 8 && n + 1 + m < cap) {
        uint32_t j = k;
        if (sc.tok(j) == ",") ++j;
        if (eq_ci(sc.tok(j), "and")) ++j;
        if (j == k || !year_of(sc.tok(j))) break;
        years[m++] = j;
        k = j + 1;
    }
    if (!m) return 0;
    if (sc.tok(k) == ",") ++k;
    if (!eq_ci(sc.tok(k), "respectively") || k >= s.last_token) return 0;
    for (size_t i = 0; i < m; ++i) {
        Found& f = out[n + 1 + i];
        f = out[n];
        Writer w;
        w.add(first.substr(0, first.size() - 4));
        w.add(sc.tok(years[i]));
        f.period.set(w.view());
        f.token = years[i];
        f.end = years[i] + 1;
        f.quarter_year = static_cast<int16_t>(year_of(sc.tok(years[i])));
        f.list_pos = static_cast<uint8_t>(i + 1);
    }
    for (size_t i = 0; i <= m; ++i) out[n + i].list_len = static_cast<uint8_t>(m + 1);
    out[n].list_pos = 0;
    return m;
}

// The expressions starting at tokens that pass `candidate` or are years, in order (at most cap).
template <class Candidate>
size_t collect(const Document& doc, const Sentence& s, Candidate&& candidate, Found* out, size_t cap) {
    Scanner sc(doc, s);
    size_t n = 0;
    for (uint32_t t = s.first_token; t < s.last_token && n < cap; ++t) {
        if (!candidate(t) && !year_token(doc, t)) continue;
        Writer w;
        uint32_t len = sc.at(t, w);
        if (!len) continue;
        out[n].period.set(w.view());
        out[n].token = t;
        out[n].after_by = t > s.first_token && eq_ci(sc.tok(t - 1), "by");
        out[n].prior = prior_period(sc, s.first_token, t);
        out[n].quarter_month = static_cast<uint8_t>(w.quarter_month);
        out[n].quarter_year = static_cast<int16_t>(w.quarter_year);
        out[n].end = t + len;
        out[n].list_pos = out[n].list_len = 0;
        // "through 2028", "until the first half of 2027", "starting in the second half of 2026"
        auto end_word = [](std::string_view x) {
            return eq_ci(x, "through") || eq_ci(x, "until") || eq_ci(x, "till") || eq_ci(x, "starting") ||
                   eq_ci(x, "beginning") || eq_ci(x, "into");
        };
        // The end word may sit before "in", "the", "of": "starting in the second half of 2026".
        for (uint32_t k = t, j = 0; k > s.first_token && j < 4 && !out[n].target; --k, ++j) {
            const std::string_view x = sc.tok(k - 1);
            if (end_word(x)) out[n].target = true;
            else if (!eq_ci(x, "in") && !eq_ci(x, "the") && !eq_ci(x, "of") && !eq_ci(x, "a")) break;
        }
        const size_t more = year_list(sc, s, t + len, out, n, cap);
        t = more ? out[n + more].token : t + len - 1;
        n += 1 + more;
    }
    return n;
}

}  // namespace

Period fiscal_quarter(const Found& f, std::string_view ticker) {
    const int end = fiscal::year_end_month(ticker);
    const int q = end ? fiscal::quarter_ending(f.quarter_month, end) : 0;
    if (!f.quarter_month || !q) return f.period;
    Writer w;
    w.add("Q");
    w.add_int(q);
    w.year(f.quarter_year ? fiscal::fiscal_year(f.quarter_month, f.quarter_year, end) : 0);
    Period p;
    p.set(w.view());
    return p;
}

bool nearest(const Document& doc, const Sentence& s, uint32_t near, Found& out) {
    Found found[8];
    const size_t n = all(doc, s, found, 8);
    const Found* f = nearest_of(found, n, near);
    if (f) out = *f;
    return f != nullptr;
}

size_t all(const Document& doc, const Sentence& s, Found* out, size_t cap) {
    auto candidate = [&](uint32_t t) { return doc.tokens[t].kind == TokenKind::word && maybe_period_token(doc, t); };
    return collect(doc, s, candidate, out, cap);
}

size_t all(const Document& doc, const Sentence& s, const uint32_t* flags, uint32_t bit, Found* out, size_t cap) {
    return collect(doc, s, [&](uint32_t t) { return (flags[t - s.first_token] & bit) != 0; }, out, cap);
}

// First-letter filter for keyless (long or non-ASCII) words: the same test on the text.
bool may_start_text(std::string_view w) {
    if (w.empty()) return false;
    char c = num::lower(w[0]);
    if (c == 'q' || c == 'h' || c == 'f') return true;  // Q1, H1, FY, first/fourth, fiscal, full
    for (char ch : w)  // words are short: a loop beats a call to memchr
        if (ch == '-') return true;  // January-September, nine-month, third-quarter
    return is_start_word(w);
}

const Found* nearest_of(const Found* found, size_t n, uint32_t near) {
    const Found* best = nullptr;
    uint32_t bd = 0;
    for (size_t i = 0; i < n; ++i) {
        // The distance to the nearer edge: "for the three months ended December 31, 2025 increased
        // 5% to $1.48 billion" is nearer the figure than a period that starts closer to it.
        const uint32_t last = found[i].end > found[i].token ? found[i].end - 1 : found[i].token;
        uint32_t d = found[i].token > near ? found[i].token - near : last < near ? near - last : 0;
        if (found[i].prior) continue;
        if (found[i].target) d += 1u << 30;  // an end date ranks behind every other period
        if (!best || d < bd) best = &found[i], bd = d;
    }
    return best;
}

namespace {

// Kinds that are no result of the reported period: a period only when the text gives one.
// (Backlog and run rates stated in a results report are the quarter's end: they inherit.)
bool point_in_time(MetricKind k) {
    const std::string_view n = metric_kind_name(k);
    return n == "deal_value" || n == "price_target" || n == "buyback" || n == "dividend" || n == "job_cuts";
}

bool relative(std::string_view p) { return !p.empty() && (p[0] == '+' || p[0] == '='); }

// The year a period names, 0 when none ("Q3 2026" -> 2026, "FY2025" -> 2025).
int year_in(std::string_view p) { return p.size() >= 4 ? year_of(p.substr(p.size() - 4)) : 0; }

// "Q3 2026" / "Q3": the quarter number, else 0.
int quarter_in(std::string_view p) {
    return p.size() >= 2 && p[0] == 'Q' && p[1] >= '1' && p[1] <= '4' && (p.size() == 2 || p[2] == ' ') ? p[1] - '0' : 0;
}

// A year written as part of the period's text ("Q3" + 2026 -> "Q3 2026", "FY" + 2026 -> "FY2026").
void with_year(Period& p, int y) {
    Writer w;
    w.add(p.view());
    w.year(y);
    p.set(w.view());
}

// Can a word start a quarter, half or nine months (the report periods a headline or summary
// states: "Q3", "third-quarter", "fiscal 2026 third quarter", "FY26 Q3", "nine months")? A few
// compares of the tokenizer's key; a keyless (long) word only when it holds a dash.
bool may_state_report(const WordKey& k) {
    if (k.a == 0) return true;  // rare: the matchers decide
    const uint64_t a = k.a;
    const char c0 = static_cast<char>(a & 0xFF), c1 = static_cast<char>((a >> 8) & 0xFF);
    if ((c0 == 'q' || c0 == 'h') && num::is_digit(c1)) return true;
    if (c0 == 'f' && c1 == 'y') return true;
    constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull, kDashes = 0x2D2D2D2D2D2D2D2Dull;
    auto has_dash = [](uint64_t x) {
        const uint64_t y = x ^ kDashes;
        return ((y - kOnes) & ~y & kHigh) != 0;
    };
    if (has_dash(a) || (k.b != 0 && has_dash(k.b))) return true;
    if (k.b != 0) return false;
    return a == key_of("first") || a == key_of("second") || a == key_of("third") || a == key_of("fourth") ||
           a == key_of("fiscal") || a == key_of("nine") || a == key_of("six") || a == key_of("three");
}

// What the event reports on, and the year of its report.
struct Report {
    Period period;
    int year = 0;
};

// A period a figure of the report can have: a quarter, half, nine months, year or month.
bool reportable(std::string_view p) { return !p.empty() && !relative(p) && p != "quarter"; }
// One the headline or summary can state without a figure: Q3, H1, 9M (a bare year is as often a
// target, "work begins in 2027", as the report's).
bool report_like(std::string_view p) { return p.size() >= 2 && (p[0] == 'Q' || p[0] == 'H' || p[1] == 'M'); }

void earliest(int& y, int v) {
    if (v && (!y || v < y)) y = v;
}

// The report period: the first reported figure's in the headline or summary, else the first
// quarter, half or nine months they state, else the first reported figure's anywhere. The year:
// the earliest one of the figures' periods and of those statements (a later one is a target:
// "capex in 2027 will be larger than the $70-72 billion planned for 2026"). Earlier periods
// ("since 2019") and end dates ("until 2027") are neither.
Report read_report(const Document& doc, const std::vector<Metric>& out, size_t from) {
    Report r;
    for (size_t i = from; i < out.size() && r.period.empty(); ++i) {
        const Metric& m = out[i];
        if (!m.forecast && (m.span.field == Field::headline || m.span.field == Field::summary) && reportable(m.period.view()))
            r.period = m.period;
    }
    Period stated;
    Found found[8];
    size_t mi = from;  // metrics are in document order, like sentences
    for (const Sentence& s : doc.sentences) {
        if (s.field != Field::headline && s.field != Field::summary) break;  // sentences come in field order
        // A sentence with a figure was read by the metric pass: its figures carry its periods.
        while (mi < out.size() && (out[mi].span.field < s.field || (out[mi].span.field == s.field && out[mi].span.begin < s.begin))) ++mi;
        if (mi < out.size() && out[mi].span.field == s.field && out[mi].span.begin < s.end) continue;
        auto candidate = [&](uint32_t t) { return doc.tokens[t].kind == TokenKind::word && may_state_report(doc.keys[t]); };
        const size_t n = collect(doc, s, candidate, found, 8);
        for (size_t i = 0; i < n; ++i) {
            const std::string_view p = found[i].period.view();
            if (found[i].after_by || found[i].prior || found[i].target || !report_like(p)) continue;
            if (stated.empty()) stated = found[i].period;
            earliest(r.year, year_in(p));
        }
    }
    if (r.period.empty()) r.period = stated;
    // A projection for a year after the item's is the next year's guidance ("expects fiscal 2027
    // revenue of ..." in December 2026): not the year of the quarter reported with it.
    const int pub_year = doc.event().has_published_at ? core::year_of(doc.event().published_at_ms) : 0;
    for (size_t i = from; i < out.size(); ++i) {
        const Metric& m = out[i];
        if (!reportable(m.period.view())) continue;
        if (r.period.empty() && !m.forecast) r.period = m.period;
        const int y = year_in(m.period.view());
        if (!(m.forecast && pub_year && y > pub_year)) earliest(r.year, y);
    }
    const std::string_view p = r.period.view();
    if (!p.empty() && !year_in(p) && r.year && (report_like(p) || p == "FY")) with_year(r.period, r.year);
    return r;
}

void settle(Metric& m, const Metric* prev, const Report& r) {
    const std::string_view p = m.period.view();
    const int rq = quarter_in(r.period.view()), ry = year_in(r.period.view());
    if (p == "+Q") {
        if (!rq) {
            m.period = {};
            return;
        }
        Writer w;
        w.add("Q");
        w.add_int(rq % 4 + 1);
        w.year(ry ? (rq == 4 ? ry + 1 : ry) : 0);
        m.period.set(w.view());
        return;
    }
    if (p == "+Y" || p == "=Y") {
        const int y = !r.year ? 0 : p == "+Y" ? r.year + 1 : r.year;  // p views m.period: read before set
        m.period.set("FY");
        if (y) with_year(m.period, y);
        return;
    }
    if (p == "quarter") {  // "in the quarter": the reported one, else a projection's quarter, else unknown
        if (rq) m.period = r.period;
        else if (m.forecast && prev && prev->forecast && quarter_in(prev->period.view())) m.period = prev->period;
        else m.period = {};
        return;
    }
    if (p.empty()) {
        if (!m.forecast && !point_in_time(m.kind) && !m.point_in_time) m.period = r.period;
        // A forecast continuing the one before it takes its period: "expects fourth-quarter
        // revenue of ... Gross margin is expected to be about 36.5%."
        else if (m.forecast && !point_in_time(m.kind) && !m.point_in_time && prev && prev->forecast && reportable(prev->period.view()))
            m.period = prev->period;
        return;
    }
    if (year_in(p) || !r.year) return;
    // Guidance for a quarter before the reported one is next year's ("first-quarter guidance" in a Q4 report).
    const int q = quarter_in(p);
    with_year(m.period, m.forecast && q && rq && q < rq && ry ? ry + 1 : (q && rq && ry ? ry : r.year));
}

// A headline figure of no period that the summary or body restates (same kind, same value or
// same move) has the restatement's period: "Bernstein sees Azure growth slowing to 37%" over
// "expect Azure revenue to grow 37% in the fiscal second quarter". At most kMaxHeadline headline
// figures are matched, each against the figures after the headline: linear in the figures.
void restated_periods(std::vector<Metric>& out, size_t from) {
    constexpr size_t kMaxHeadline = 8;
    auto same = [](double a, double b) { return std::fabs(a - b) <= 1e-9 * std::fmax(std::fabs(a), std::fabs(b)); };
    for (size_t i = from, n = 0; i < out.size() && out[i].span.field == Field::headline && n < kMaxHeadline; ++i, ++n) {
        Metric& h = out[i];
        if (!h.period.empty()) continue;
        for (size_t k = i + 1; k < out.size(); ++k) {
            const Metric& m = out[k];
            if (m.span.field == Field::headline || m.kind != h.kind || m.forecast != h.forecast || !reportable(m.period.view()))
                continue;
            const bool value = h.has_value && m.has_value && same(h.value, m.value);
            const bool move = !h.has_value && h.change.has_percent && m.change.has_percent && same(h.change.percent, m.change.percent);
            if (value || move) {
                if (!point_in_time(h.kind)) h.period = m.period;
                break;
            }
        }
    }
}

bool needs_settling(std::string_view p) { return p.empty() || relative(p) || p == "quarter" || !year_in(p); }

}  // namespace

void complete(const Document& doc, std::vector<Metric>& out, size_t from) {
    bool any = false;
    for (size_t i = from; i < out.size() && !any; ++i) any = needs_settling(out[i].period.view());
    if (!any) return;
    const Report r = read_report(doc, out, from);
    // The projection before a figure: the latest forecast of a period ("expects second-quarter
    // revenue to fall 4% ... forecast gross margin of 40.5% for the quarter"), past figures of no
    // period of their own (a price target, a pledge) in between.
    const Metric* last_forecast = nullptr;
    for (size_t i = from; i < out.size(); ++i) {
        const Metric* prev = i > from ? &out[i - 1] : nullptr;
        if (prev && (point_in_time(prev->kind) || prev->point_in_time) && prev->period.empty() && last_forecast)
            prev = last_forecast;
        if (needs_settling(out[i].period.view())) settle(out[i], prev, r);
        if (out[i].forecast && reportable(out[i].period.view())) last_forecast = &out[i];
    }
    restated_periods(out, from);
}

}  // namespace herald::analysis::periods
