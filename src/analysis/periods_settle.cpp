// complete(): the per-event settling of the periods a sentence leaves out or writes relative to
// the report ("next quarter", "this year"), once the event's metrics are all known.
#include <cmath>
#include <string_view>

#include "herald/core/time.hpp"
#include "fiscal_years.hpp"
#include "periods.hpp"
#include "periods_scanner.hpp"

namespace herald::analysis::periods {

namespace {

// Kinds that are no result of the reported period: a period only when the text gives one.
// (Backlog and run rates stated in a results report are the quarter's end: they inherit.)
bool point_in_time(MetricKind k) {
    return k == MetricKind::deal_value || k == MetricKind::price_target || k == MetricKind::buyback ||
           k == MetricKind::dividend || k == MetricKind::job_cuts;
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

// "Caterpillar raises 2026 profit outlook", "cuts 2026 capex": a year written as an adjective of
// a result or an outlook states the year the item reports on (a bare year elsewhere is as often a
// target: "work begins in 2027"). Not after a word that makes it a bound ("since 2019 profit has
// doubled"). The year of such a phrase in sentence s, 0 when none.
int adjective_year(const Document& doc, const Sentence& s) {
    static constexpr uint64_t kHeads[] = {key_of("outlook"), key_of("guidance"), key_of("forecast"), key_of("target"),
                                          key_of("targets"), key_of("profit"),   key_of("earnings"), key_of("sales"),
                                          key_of("revenue"), key_of("revenues"), key_of("capex"),    key_of("spending"),
                                          key_of("results"), key_of("ebitda"),   key_of("eps"),      key_of("adjusted"),
                                          key_of("margin"),  key_of("net"),      key_of("operatin"),
                                          key_of("producti"), key_of("output")};
    static constexpr uint64_t kBounds[] = {key_of("since"), key_of("until"), key_of("by"),     key_of("from"),  key_of("through"),
                                           key_of("to"),    key_of("before"), key_of("after"), key_of("till"), key_of("in")};
    auto one_of = [](uint64_t a, const auto& table) {
        for (uint64_t w : table)
            if (a == w) return true;
        return false;
    };
    for (uint32_t t = s.first_token; t + 1 < s.last_token; ++t) {
        const Token& tk = doc.tokens[t];
        if (tk.kind != TokenKind::number) continue;
        const int y = year_of(doc.text(tk));
        if (!y || doc.tokens[t + 1].kind != TokenKind::word) continue;
        const WordKey& next = doc.keys[t + 1];
        // "operating" and "production" are longer than a key's first word: its first 8 bytes decide.
        if (!one_of(next.a, kHeads) || (next.b != 0 && next.a != key_of("operatin") && next.a != key_of("producti"))) continue;
        if (t > s.first_token && one_of(doc.keys[t - 1].a, kBounds)) continue;
        return y;
    }
    return 0;
}

// What the event reports on, and the year of its report.
struct Report {
    Period period;
    int year = 0;
    int period_quarter = 0, period_year = 0;  // of `period`, read once for every metric's settle()
    int last_quarter = 0;  // the quarter a half or nine months ends with (H1: 2, 9M: 3, H2: 4), else 0
    int next_year = 0;  // the year after the item's when a figure states it: what "next year" is, with no report year
};

// A period a figure of the report can have: a quarter, half, nine months, year or month.
bool reportable(std::string_view p) { return !p.empty() && !relative(p) && p != "quarter"; }
// One the headline or summary can state without a figure: Q3, H1, 9M (a bare year is as often a
// target, "work begins in 2027", as the report's).
bool report_like(std::string_view p) { return p.size() >= 2 && (p[0] == 'Q' || p[0] == 'H' || p[1] == 'M'); }

// A month of the report ("Nov": "Costco November comparable sales rise 6.4%").
bool month_like(std::string_view p) {
    for (std::string_view m : kMonthShort)
        if (p == m) return true;
    return false;
}

void earliest(int& y, int v) {
    if (v && (!y || v < y)) y = v;
}

// The first reported figure's period in the headline or summary, else empty.
Period headline_period(const std::vector<Metric>& out, size_t from) {
    Period p;
    for (size_t i = from; i < out.size() && p.empty(); ++i) {
        const Metric& m = out[i];
        if (!m.forecast && (m.span.field == Field::headline || m.span.field == Field::summary) && reportable(m.period.view()))
            p = m.period;
    }
    return p;
}

// When the item was published: a year after the item's is a target or next year's guidance, not
// the report's.
struct Published {
    const Document& doc;
    int year = 0;
    int month = 0;  // 1..12, read only for a fiscal year whose end the text states
    // "the year ending March 2027" in October 2026 is the fiscal year in progress: its year is the
    // item's ("second-quarter profit" is Q2 2027), not next year's guidance.
    bool in_progress(int fy_end, int y) {
        if (!fy_end || !year || y != year + 1) return false;
        // In the two months after a fiscal year ends the company reports that year: the next one
        // is guidance ("fourth-quarter revenue" of September is the year just ended).
        return fy_end + 2 < month_of();
    }
    int month_of() {
        if (!month) {
            const int64_t day = doc.event().published_at_ms / 86400000;
            month = 12;
            while (month > 1 && core::days_from_civil(year, static_cast<unsigned>(month), 1) > day) --month;
        }
        return month;
    }
    // The year's end month as the text states it, else the company's fiscal calendar ("fiscal
    // 2027 revenue" of Palo Alto Networks in November 2026: the year in progress).
    bool next_years(const Metric& m, int y) {
        if (!m.forecast || !year || y <= year) return false;
        const int fy_end = m.period.fy_end ? m.period.fy_end : fiscal::year_end_month(m.ticker);
        return !in_progress(fy_end, y);
    }
};

// The headline's and summary's statements: the years of their adjective years and of the
// quarters, halves or nine months stated without a figure (into r.year); returns the first such
// period.
Period stated_period(const Document& doc, const std::vector<Metric>& out, size_t from, Report& r, int pub_year) {
    Period stated;
    Found found[8];
    size_t mi = from;  // metrics are in document order, like sentences
    for (const Sentence& s : doc.sentences) {
        if (s.field != Field::headline && s.field != Field::summary) break;  // sentences come in field order
        // A sentence with a figure was read by the metric pass: its figures carry its periods.
        while (mi < out.size() && (out[mi].span.field < s.field || (out[mi].span.field == s.field && out[mi].span.begin < s.begin))) ++mi;
        if (const int y = adjective_year(doc, s); y && (!pub_year || y <= pub_year)) earliest(r.year, y);
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
    return stated;
}

// No year yet, and the headline or summary names the fiscal year in progress by its end with
// no figure of it read ("raised its adjusted EBITA forecast for the fiscal year ending March
// 2027 to ..."): that year is the item's. Read only in this rare case.
void year_in_progress(const Document& doc, Report& r, Published& pub) {
    Found found[8];
    for (const Sentence& s : doc.sentences) {
        if (r.year || !pub.year || (s.field != Field::headline && s.field != Field::summary)) break;
        auto candidate = [&](uint32_t t) {
            return doc.tokens[t].kind == TokenKind::word && doc.keys[t].b == 0 &&
                   (doc.keys[t].a == key_of("year") || doc.keys[t].a == key_of("fiscal"));
        };
        const size_t n = collect(doc, s, candidate, found, 8);
        for (size_t i = 0; i < n && !r.year; ++i) {
            const int y = year_in(found[i].period.view());
            if (!found[i].prior && pub.in_progress(found[i].period.fy_end, y)) r.year = y;
        }
    }
}

// The report's quarter, half or nine months has no year of its own, and no statement of the item
// gave one, but the item writes the year the report belongs to elsewhere ("... its target for
// 2026" in an HSBC item about its "Q3"): the guideline writes the year whenever the item states
// it ("Q3" only if the year is stated nowhere). That year is the fiscal year of the latest such
// period ended by the item's month, in the company's fiscal calendar (the table, else the text's
// year end, else calendar): "Q4" in February 2027 is 2026, Apple's "Q1" in January 2027 is fiscal
// 2027. Only a year the text writes: the item's date alone states nothing.
void year_published(const Document& doc, const std::vector<Metric>& out, size_t from, Report& r, Published& pub) {
    const std::string_view p = r.period.view();
    if (!pub.year || !report_like(p) || year_in(p)) return;
    int last = quarter_in(p);  // the quarter the period ends with
    if (!last && p.size() == 2 && p[0] == 'H' && (p[1] == '1' || p[1] == '2')) last = (p[1] - '0') * 2;
    if (!last && p == "9M") last = 3;
    if (!last) return;
    int fy_end = r.period.fy_end;
    for (size_t i = from; i < out.size() && !fy_end; ++i)
        if (!out[i].ticker.empty()) fy_end = fiscal::year_end_month(out[i].ticker);
    if (!fy_end) fy_end = 12;
    // Quarter q of fiscal year Y ends in month Y * 12 + fy_end - 3 * (4 - q), counted from year 0.
    const int y = (pub.year * 12 + pub.month_of() - fy_end + 3 * (4 - last)) / 12;
    for (uint32_t t = 0; t < doc.tokens.size(); ++t)
        if (doc.tokens[t].kind == TokenKind::number && year_of(doc.text(doc.tokens[t])) == y) {
            r.year = y;
            return;
        }
}

// A report that never names its quarter is the one before the quarter its guidance is for:
// "Net income fell 18% ... The company guided fourth-quarter revenue to $60-63 billion" is Q3.
// Only with reported figures: an analyst's note of projections alone reports no quarter.
void quarter_before_guidance(const std::vector<Metric>& out, size_t from, Report& r) {
    bool reported = false;
    for (size_t i = from; i < out.size() && !reported && r.period.empty(); ++i)
        reported = !out[i].forecast && !point_in_time(out[i].kind) && !out[i].point_in_time;
    for (size_t i = from; i < out.size() && reported && r.period.empty(); ++i) {
        const Metric& m = out[i];
        const int q = quarter_in(m.period.view());
        if (!m.forecast || !q) continue;
        const int y = year_in(m.period.view());
        Writer w;
        w.add("Q");
        w.add_int(q == 1 ? 4 : q - 1);
        w.year(y ? (q == 1 ? y - 1 : y) : 0);
        r.period.set(w.view());
    }
}

// The report period's year written into it, and its quarter, year and last quarter read once.
void finish_report(Report& r) {
    const std::string_view p = r.period.view();
    if (!p.empty() && !year_in(p) && r.year && (report_like(p) || p == "FY" || month_like(p))) with_year(r.period, r.year);
    r.period_quarter = quarter_in(r.period.view());
    r.period_year = year_in(r.period.view());
    const std::string_view rp = r.period.view();
    if (rp.size() >= 2 && (rp.size() == 2 || rp[2] == ' ')) {
        if (rp[0] == 'H' && (rp[1] == '1' || rp[1] == '2')) r.last_quarter = (rp[1] - '0') * 2;
        else if (rp[0] == '9' && rp[1] == 'M') r.last_quarter = 3;
    }
}

// The report period: the first reported figure's in the headline or summary, else the first
// quarter, half or nine months they state, else the first reported figure's anywhere. The year:
// the earliest one of the figures' periods and of those statements (a later one is a target:
// "capex in 2027 will be larger than the $70-72 billion planned for 2026"). Earlier periods
// ("since 2019") and end dates ("until 2027") are neither.
Report read_report(const Document& doc, const std::vector<Metric>& out, size_t from) {
    Report r;
    r.period = headline_period(out, from);
    Published pub{doc, doc.event().has_published_at ? core::year_of(doc.event().published_at_ms) : 0};
    const Period stated = stated_period(doc, out, from, r, pub.year);
    if (r.period.empty()) r.period = stated;
    // A projection for a year after the item's is the next year's guidance ("expects fiscal 2027
    // revenue of ..." in December 2026): not the year of the quarter reported with it.
    for (size_t i = from; i < out.size(); ++i) {
        const Metric& m = out[i];
        if (m.outlook_year && (!pub.year || m.outlook_year <= pub.year)) earliest(r.year, m.outlook_year);
        if (!reportable(m.period.view())) continue;
        if (r.period.empty() && !m.forecast) r.period = m.period;
        const int y = year_in(m.period.view());
        if (pub.year && y == pub.year + 1) r.next_year = y;
        if (!pub.next_years(m, y)) earliest(r.year, y);
    }
    if (!r.year && pub.year) year_in_progress(doc, r, pub);

    quarter_before_guidance(out, from, r);
    if (!r.year) year_published(doc, out, from, r, pub);
    finish_report(r);
    return r;
}

void settle(Metric& m, const Metric* prev, const Report& r) {
    const std::string_view p = m.period.view();
    const int rq = r.period_quarter, ry = r.period_year;
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
        // With no report year, "next year" of a calendar-year company is the year after the item's
        // when a figure states that year ("forecast 2027 adjusted earnings ... expects its margin to
        // expand by 100 basis points next year" in 2026: FY2027); else it stays "FY".
        int y = !r.year ? 0 : p == "+Y" ? r.year + 1 : r.year;  // p views m.period: read before set
        if (!y && p == "+Y" && r.next_year) {
            const int fy_end = fiscal::year_end_month(m.ticker);
            if (fy_end == 0 || fy_end == 12) y = r.next_year;
        }
        m.period.set("FY");
        if (y) with_year(m.period, y);
        return;
    }
    if (p == "quarter") {  // "in the quarter": the reported one, else a projection's quarter, else unknown
        if (rq) m.period = r.period;
        else if (r.last_quarter) {  // a half or nine months: the quarter they end with
            Writer w;
            w.add("Q");
            w.add_int(r.last_quarter);
            w.year(ry);
            m.period.set(w.view());
        }
        else if (m.forecast && prev && prev->forecast && quarter_in(prev->period.view())) m.period = prev->period;
        else m.period = {};
        return;
    }
    if (p.empty()) {
        if (!m.forecast && (!point_in_time(m.kind) || m.executed) && !m.point_in_time) m.period = r.period;
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
