// Period expressions over a sentence's tokens. Small fixed-size text, no allocation.
#include "periods.hpp"

#include <cstdio>
#include <string_view>

#include "numbers.hpp"
#include "metrics_words.hpp"

namespace herald::analysis::periods {

namespace {

using words::eq_ci;

// A year token: 4 digits from 1900 to 2099.
bool is_year(std::string_view t) {
    return t.size() == 4 && num::is_digit(t[0]) && num::is_digit(t[1]) && num::is_digit(t[2]) &&
           num::is_digit(t[3]) && (t[0] == '1' ? t[1] == '9' : t[0] == '2' && t[1] == '0');
}

int ordinal(std::string_view w) {
    static constexpr std::string_view kOrd[] = {"first", "second", "third", "fourth"};
    for (int i = 0; i < 4; ++i)
        if (eq_ci(w, kOrd[i])) return i + 1;
    return 0;
}

int month(std::string_view w) {
    static constexpr std::string_view kMonths[] = {"january", "february", "march",     "april",   "may",      "june",
                                                   "july",    "august",   "september", "october", "november", "december"};
    for (int i = 0; i < 12; ++i)
        if (eq_ci(w, kMonths[i])) return i + 1;
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
    void add(std::string_view s) {
        for (char c : s)
            if (n < sizeof buf) buf[n++] = c;
    }
    void add_int(int v) {
        char t[12];
        int k = std::snprintf(t, sizeof t, "%d", v);
        add({t, static_cast<size_t>(k)});
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

    // A year right after token t (optionally after "of"/"ended"), or right before token b.
    std::string_view year_near(uint32_t t_end, uint32_t b) const {
        std::string_view n1 = tok(t_end);
        if (is_year(n1)) return n1;
        if ((eq_ci(n1, "of") || eq_ci(n1, "in")) && is_year(tok(t_end + 1))) return tok(t_end + 1);
        if (b > s_.first_token && is_year(tok(b - 1))) return tok(b - 1);
        return {};
    }

    // Recognises an expression starting at token t; writes it and returns its token count (0 if none).
    uint32_t at(uint32_t t, Writer& w) const {
        std::string_view x = tok(t);
        if (x.empty()) return 0;
        // Q1 .. Q4, optionally followed by a year or preceded by "fiscal"
        if (x.size() == 2 && (x[0] == 'Q' || x[0] == 'q') && x[1] >= '1' && x[1] <= '4') {
            w.add("Q");
            w.add(x.substr(1, 1));
            if (is_year(tok(t + 1))) {
                w.add(" ");
                w.add(tok(t + 1));
                return 2;
            }
            return 1;
        }
        if (x.size() == 2 && (x[0] == 'H' || x[0] == 'h') && (x[1] == '1' || x[1] == '2')) {
            w.add("H");
            w.add(x.substr(1, 1));
            if (is_year(tok(t + 1))) {
                w.add(" ");
                w.add(tok(t + 1));
                return 2;
            }
            return 1;
        }
        // FY2025, FY25, FY 2025
        if (x.size() >= 2 && (x[0] == 'F' || x[0] == 'f') && (x[1] == 'Y' || x[1] == 'y')) {
            std::string_view rest = x.substr(2);
            if (rest.empty() && is_year(tok(t + 1))) {
                w.add("FY");
                w.add(tok(t + 1));
                return 2;
            }
            if (is_year(rest) || (rest.size() == 2 && num::is_digit(rest[0]) && num::is_digit(rest[1]))) {
                w.add("FY");
                if (rest.size() == 2) w.add("20");
                w.add(rest);
                return 1;
            }
            return 0;
        }
        // fiscal 2025, fiscal year 2025, fiscal-year 2025
        if (eq_ci(x, "fiscal") || eq_ci(x, "fiscal-year")) {
            uint32_t k = t + 1;
            if (eq_ci(tok(k), "year")) ++k;
            if (is_year(tok(k))) {
                w.add("FY");
                w.add(tok(k));
                return k - t + 1;
            }
            return 0;
        }
        // full year / full-year [2025]
        if ((eq_ci(x, "full") && eq_ci(tok(t + 1), "year")) || eq_ci(x, "full-year")) {
            uint32_t len = eq_ci(x, "full") ? 2 : 1;
            w.add("FY");
            std::string_view y = year_near(t + len, t);
            if (!y.empty()) w.add(y);
            return len;
        }
        // first quarter [of] 2010, fourth-quarter, 2009 third quarter; first half
        int ord = ordinal(x);
        uint32_t len = 0;
        bool quarter = false, half = false;
        if (ord && (eq_ci(tok(t + 1), "quarter") || eq_ci(tok(t + 1), "half"))) {
            quarter = eq_ci(tok(t + 1), "quarter");
            half = !quarter;
            len = 2;
        } else if (x.size() > 8) {
            size_t dash = x.find('-');
            if (dash != std::string_view::npos) {
                ord = ordinal(x.substr(0, dash));
                std::string_view tail = x.substr(dash + 1);
                if (ord && eq_ci(tail, "quarter")) quarter = true, len = 1;
                if (ord && eq_ci(tail, "half")) half = true, len = 1;
            }
        }
        if (quarter || (half && ord <= 2)) {
            w.add(quarter ? "Q" : "H");
            w.add_int(ord);
            std::string_view y = year_near(t + len, t);
            if (!y.empty()) {
                w.add(" ");
                w.add(y);
            }
            return len;
        }
        // January-September 2009, nine months, nine-month, 9M
        int months = 0;
        if (size_t dash = x.find('-'); dash != std::string_view::npos && dash > 0) {
            int a = month(x.substr(0, dash)), b = month(x.substr(dash + 1));
            if (a && b && b >= a) months = b - a + 1;
            if (!months && count_word(x.substr(0, dash)) && eq_ci(x.substr(dash + 1), "month"))
                months = count_word(x.substr(0, dash));
            len = 1;
        }
        if (!months && count_word(x) && eq_ci(tok(t + 1), "months")) months = count_word(x), len = 2;
        if (!months && x.size() == 2 && num::is_digit(x[0]) && (x[1] == 'M')) months = x[0] - '0', len = 1;
        if (months) {
            w.add_int(months);
            w.add("M");
            std::string_view y = year_near(t + len, t);
            if (!y.empty()) {
                w.add(" ");
                w.add(y);
            }
            return len;
        }
        // the quarter, this quarter, the latest quarter
        if (eq_ci(x, "quarter") && t > s_.first_token) {
            std::string_view p = tok(t - 1);
            if (eq_ci(p, "the") || eq_ci(p, "this") || eq_ci(p, "latest") || eq_ci(p, "last") ||
                eq_ci(p, "same") || eq_ci(p, "reporting") || eq_ci(p, "recent")) {
                w.add("quarter");
                return 1;
            }
        }
        return 0;
    }

private:
    const Document& doc_;
    const Sentence& s_;
    std::string_view field_;
};

constexpr uint64_t key_of(std::string_view w) {
    uint64_t v = 0;
    for (size_t i = 0; i < w.size() && i < 8; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(w[i])) << (8 * i);
    return v;
}

// may_start through the tokenizer's folded key (bytes little-endian, zero-padded): no text read
// for the many words that start no period. Inlined into the per-token loop: a call per token
// cost more than the test.
[[gnu::always_inline]] inline bool maybe_period_token(const Document& doc, uint32_t t) {
    const WordKey& k = doc.keys[t];
    if (k.a == 0) return may_start_text(doc.text(doc.tokens[t]));
    if (may_start_key(k)) return true;
    if (k.b != 0) return false;  // the start words are short
    for (std::string_view w : kStartWords)
        if (k.a == key_of(w)) return true;
    return false;
}

// The expressions starting at tokens that pass `candidate`, in order (at most cap).
template <class Candidate>
size_t collect(const Document& doc, const Sentence& s, Candidate&& candidate, Found* out, size_t cap) {
    Scanner sc(doc, s);
    size_t n = 0;
    for (uint32_t t = s.first_token; t < s.last_token && n < cap; ++t) {
        if (!candidate(t)) continue;
        Writer w;
        uint32_t len = sc.at(t, w);
        if (!len) continue;
        out[n].period.set(w.view());
        out[n].token = t;
        out[n].after_by = t > s.first_token && eq_ci(sc.tok(t - 1), "by");
        ++n;
        t += len - 1;
    }
    return n;
}

}  // namespace

bool nearest(const Document& doc, const Sentence& s, uint32_t near, Found& out) {
    Scanner sc(doc, s);
    bool found = false;
    uint32_t best = 0;
    for (uint32_t t = s.first_token; t < s.last_token; ++t) {
        const Token& tk = doc.tokens[t];
        if (tk.kind != TokenKind::word || !maybe_period_token(doc, t)) continue;
        Writer w;
        uint32_t len = sc.at(t, w);
        if (!len) continue;
        uint32_t dist = t > near ? t - near : near - t;
        if (!found || dist < best) {
            found = true;
            best = dist;
            out.period.set(w.view());
            out.token = t;
            out.after_by = t > s.first_token && eq_ci(sc.tok(t - 1), "by");
        }
        t += len - 1;
    }
    return found;
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
    for (std::string_view sw : kStartWords)
        if (eq_ci(w, sw)) return true;
    return false;
}

const Found* nearest_of(const Found* found, size_t n, uint32_t near) {
    const Found* best = nullptr;
    uint32_t bd = 0;
    for (size_t i = 0; i < n; ++i) {
        uint32_t d = found[i].token > near ? found[i].token - near : near - found[i].token;
        if (!best || d < bd) best = &found[i], bd = d;
    }
    return best;
}

}  // namespace herald::analysis::periods
