// Period expressions over a sentence's tokens. Small fixed-size text, no allocation.
// Relative periods are written as markers that complete() settles per event: "+Q" (the quarter
// after the report's: "next quarter", "the current quarter"), "+Y" (next year), "=Y" (this year).
#include "periods.hpp"

#include <string_view>

#include "fiscal_years.hpp"
#include "periods_scanner.hpp"

namespace herald::analysis::periods {

namespace {

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

}  // namespace

// "an increase of 12% over the third quarter of 2025", "up 7% on the third quarter of 2025": "over"
// / "on" the period right after a move is what the move compares with; not "over the next three
// years" (a horizon).
bool over_comparison(const Scanner& sc, uint32_t first, uint32_t at) {
    if (at <= first || !eq_ci(sc.tok(at + 1), "the")) return false;
    const std::string_view next = sc.tok(at + 2);
    if (eq_ci(next, "next") || eq_ci(next, "coming") || eq_ci(next, "following") || eq_ci(next, "past") ||
        eq_ci(next, "last"))
        return false;
    const std::string_view p = sc.tok(at - 1);
    return (!p.empty() && p.back() == '%') || eq_ci(p, "percent") || eq_ci(p, "pct") || eq_ci(p, "increase") ||
           eq_ci(p, "decrease") || eq_ci(p, "rise") || eq_ci(p, "decline") || eq_ci(p, "growth") || eq_ci(p, "gain") ||
           eq_ci(p, "drop") || eq_ci(p, "up") || eq_ci(p, "down") || eq_ci(p, "higher") || eq_ci(p, "lower");
}

// Is the period at token t an earlier one ("from $9 billion in 2024", "compared with the first
// quarter")? A comparison word at most four tokens before it, with no "to" in between; up to
// eight in its clause ("compared with $3.0 billion in the third quarter of 2024", "compared
// with $10.8 billion as of December 31, 2024").
// A token that can be part of a figure and the words between it and its period: "EUR 4,33
// billion in the", "$9 billion in", "43.2% in the" (digits, codes, scale and unit words).
bool figure_word(std::string_view x) {
    if (x.empty()) return false;
    if (num::is_digit(x[0]) || x == "," || x == "." || x == "%" || x == "$" || x == "€" || x == "£" || x == "¥") return true;
    bool caps = x.size() <= 4;
    for (char c : x) caps = caps && c >= 'A' && c <= 'Z';
    if (caps) return true;  // EUR, SEK, US
    // "from EUR 7.2 mn in the corresponding period in 2006", "from 125.4 million at the end of
    // June": the period's own words too.
    static constexpr std::string_view kWords[] = {
        "in",    "the",    "for",   "of",    "a",      "an",    "at",      "end",
        "million", "billion",       "trillion", "bn",
        "mn",    "m",      "crore", "percent", "per",  "cent",  "euros",   "euro",          "dollars",  "yen",
        "won",   "pounds", "cents", "francs", "kronor", "yuan", "same",    "corresponding", "period"};
    for (std::string_view w : kWords)
        if (eq_ci(x, w)) return true;
    return false;
}

bool prior_period(const Scanner& sc, uint32_t first, uint32_t t) {
    bool figure_only = true;  // every token walked so far may be the earlier figure's
    // Ten words back: "compared to a profit of EUR 2.8 mn in the third quarter of 2007" (tokenized
    // amounts are three words).
    for (uint32_t k = t, n = 0; k > first && n < 10; --k, ++n) {
        std::string_view x = sc.tok(k - 1);
        // "from EUR 4,33 billion in the third quarter of 2025": a decimal comma and the digits after
        // it are one number with the digits before, not three words.
        if (x == "," && k < t && k >= first + 2 && sc.tok(k).data() == x.data() + 1 && num::is_digit(sc.tok(k)[0]) &&
            sc.tok(k - 2).data() + sc.tok(k - 2).size() == x.data() && n >= 1) {
            n -= 2;  // this comma and the digits after it (the loop's ++n makes it one less in all)
            continue;
        }
        if (eq_ci(x, "to") && !(k >= first + 2 && eq_ci(sc.tok(k - 2), "compared"))) return false;
        // A semicolon ends the comparison: "Q3 REV $61.2B VS EST $58.9B; SEES Q4 REV $68B".
        if (x == ";") return false;
        // A clause of its own: "from $2.0 billion after first-half profit rose 15%" is the first half's.
        // ("as of December 31" is a date, no clause).
        if (eq_ci(x, "after") || (eq_ci(x, "as") && !eq_ci(sc.tok(k), "of")) || eq_ci(x, "while") || eq_ci(x, "when") ||
            eq_ci(x, "but"))
            return false;
        // "from EUR 4.33 billion in the third quarter of 2025": past a figure only, "from" is near.
        if (figure_only && n >= 5 && (eq_ci(x, "from") || eq_ci(x, "than") || eq_ci(x, "versus"))) return true;
        figure_only = figure_only && figure_word(x);
        if (n >= 5) {  // farther back only an explicit comparison ("more than 70% a year through 2028" is none)
            if (x == "," || x == ";") return false;
            if (eq_ci(x, "compared") || eq_ci(x, "versus") || eq_ci(x, "vs") || eq_ci(x, "against")) return true;
            continue;
        }
        if ((eq_ci(x, "over") || eq_ci(x, "on")) && over_comparison(sc, first, k - 1)) return true;
        if (eq_ci(x, "from") || eq_ci(x, "since") || eq_ci(x, "than") || eq_ci(x, "versus") || eq_ci(x, "vs") ||
            eq_ci(x, "against") || eq_ci(x, "compared") || eq_ci(x, "year-ago") || eq_ci(x, "year-earlier"))
            return true;
    }
    return false;
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

}  // namespace herald::analysis::periods
