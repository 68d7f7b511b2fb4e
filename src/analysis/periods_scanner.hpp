#pragma once
// The scanner that recognises a period expression at a token of a sentence, and collect(), the
// pass over a sentence's candidate tokens that every period reader shares.
#include <cstdint>
#include <string_view>

#include "periods.hpp"
#include "periods_text.hpp"

namespace herald::analysis::periods {

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
    // Dates and years (periods_dates.cpp).
    uint32_t year_ref(uint32_t t, int& y) const;
    uint32_t split_year(uint32_t t, int& y) const;
    uint32_t ended(uint32_t t, int& mon, int& y, bool to = false) const;
    bool day_number(uint32_t t) const;
    // fy_end (when given) receives the month a stated fiscal year ends ("of the year ending March 2027").
    int year_near(uint32_t e, uint32_t b, uint32_t& len, int* fy_end = nullptr) const;
    uint32_t position_date(uint32_t t, int m, Writer& w) const;

    // Expressions (periods_scanner.cpp).
    uint32_t part_at(uint32_t t, char& letter, int& n) const;
    uint32_t part_with_year(uint32_t t, Writer& w) const;

    // Which matchers can start at a word, from its first letter and whether it holds a dash:
    // most candidate words ("for", "from", "has") are turned away here without running any.
    enum : uint32_t { kPart = 1, kYearRef = 2, kFull = 4, kMonths = 8, kYearWord = 16, kRelative = 32, kMonth = 64, kQuarter = 128 };
    static uint32_t matchers(std::string_view x);

    uint32_t word_at(uint32_t t, Writer& w) const;
    uint32_t others(uint32_t t, uint32_t can, Writer& w) const;
    uint32_t months_at(uint32_t t, Writer& w) const;
    uint32_t apposition(uint32_t e, char letter, Writer& w) const;
    uint32_t weeks_at(uint32_t t, Writer& w) const;
    uint32_t quarter_weeks_at(uint32_t t, Writer& w) const;
    uint32_t year_words_at(uint32_t t, Writer& w) const;
    uint32_t relative_at(uint32_t t, Writer& w) const;
    uint32_t month_quarter_at(uint32_t t, Writer& w) const;
    uint32_t month_at(uint32_t t, Writer& w) const;
    bool said_before(uint32_t t) const;
    uint32_t calendar_year(uint32_t t, Writer& w) const;
    bool kind_after(uint32_t t) const;

    const Document& doc_;
    const Sentence& s_;
    std::string_view field_;
};

// Is the period at token t an earlier one ("from $9 billion in 2024", "compared with the first
// quarter")? A comparison word at most four tokens before it, with no "to" in between; up to
// eight in its clause ("compared with $3.0 billion in the third quarter of 2024", "compared
// with $10.8 billion as of December 31, 2024").
bool prior_period(const Scanner& sc, uint32_t first, uint32_t t);

inline bool year_token(const Document& doc, uint32_t t) {
    const Token& k = doc.tokens[t];
    return k.kind == TokenKind::number && k.end - k.begin == 4;
}

// "in 2025, 2024 and 2023, respectively": after a period with a year ending before token e, the
// years of a list closed by "respectively". Adds each as a period of the same form ("FY2024",
// "Q2 2024") to out[n + 1 ..], marks the list on all; returns how many it added.
size_t year_list(const Scanner& sc, const Sentence& s, uint32_t e, Found* out, size_t n, size_t cap);

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
        // "(H1 2025: EUR 10,89 billion)": a bracketed label of the comparison figure is the earlier period.
        out[n].prior = prior_period(sc, s.first_token, t) || (sc.tok(t - 1) == "(" && sc.tok(t + len) == ":");
        out[n].period.fy_end = static_cast<uint8_t>(w.fy_end);
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

}  // namespace herald::analysis::periods
