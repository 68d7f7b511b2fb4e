// Figures for sentiment: which number tokens are figures (not years), and the direction two
// figures after a measure imply ("EUR 13.1 mn compared with EUR 8.7 mn").
#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

#include "joint_slot.hpp"
#include "sentiment_internal.hpp"
#include "word_key_set.hpp"

namespace herald::analysis {

namespace {

bool parse_number(std::string_view s, double& out) {
    char buf[32];
    size_t n = 0;
    for (char c : s) {
        if (c == ',') continue;
        if (n == sizeof buf) return false;
        buf[n++] = c;
    }
    auto r = std::from_chars(buf, buf + n, out);
    return r.ec == std::errc();
}

// parse_number(s, v) succeeds on a number token's text: its bytes are digits, '.' and ',' (the
// tokenizer's number form), which from_chars always reads, unless it is too long for the buffer.
bool parses_as_number(std::string_view s) {
    size_t n = 0;
    for (char c : s) n += c != ',';
    return n <= 32;
}

// "2008" in "the first nine months of 2008" is a date, not a figure.
bool is_year(const Document& doc, uint32_t k) {
    const Token& tk = doc.tokens[k];
    if (tk.end - tk.begin != 4) return false;  // most figures: their text is not read
    std::string_view t = doc.text(tk);
    if (t.size() != 4 || !((t[0] == '1' && t[1] == '9') || (t[0] == '2' && t[1] == '0'))) return false;
    return t[2] >= '0' && t[2] <= '9' && t[3] >= '0' && t[3] <= '9';
}

// Pre-tokenized text writes "EUR6.5m" as "EUR6 .5 m": the number after the period is the
// fraction of the digits that end the word before it.
void split_decimal(const Document& doc, uint32_t k, double& v) {
    const auto& toks = doc.tokens;
    if (k < 2 || doc.text(toks[k - 1]) != "." || toks[k - 1].end != toks[k].begin || !toks[k - 1].space_before) return;
    std::string_view w = doc.text(toks[k - 2]);
    size_t d = w.size();
    while (d > 0 && w[d - 1] >= '0' && w[d - 1] <= '9') --d;
    if (d == w.size()) return;
    double whole = 0;
    if (!parse_number(w.substr(d), whole)) return;
    std::string_view frac = doc.text(toks[k]);
    double scale = 1;
    for (size_t i = 0; i < frac.size() && frac[i] >= '0' && frac[i] <= '9'; ++i) scale *= 10;
    v = whole + v / scale;
}

// "EUR -0.4 mn", "-0.4", "a negative EUR 0.83 mn".
bool is_negative_figure(const Document& doc, uint32_t k, uint32_t first) {
    const auto& toks = doc.tokens;
    if (k > first && doc.text(toks[k - 1]) == "-" && toks[k - 1].end == toks[k].begin) return true;
    for (uint32_t b = k; b > first && b + 3 > k; --b)
        if (detail::fold_char(doc.text(toks[b - 1])[0]) == 'n' && doc.text(toks[b - 1]).size() == 8) {
            std::string_view w = doc.text(toks[b - 1]);
            if ((w[0] == 'n' || w[0] == 'N') && w.substr(1) == "egative") return true;
        }
    return false;
}

// "grew four percent", "will cut up to twelve jobs": spelled-out numbers are figures too.
constexpr std::string_view kNumberWords[] = {
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
    "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "thousand", "thousands", "dozen", "dozens"};

// Asked of the words after every direction without a measure: by the token's key, one probe.
const detail::WordKeySet<64>& number_word_keys() {
    static const detail::WordKeySet<64> keys(kNumberWords);
    return keys;
}

// A word without a key (longer than 16 bytes, or not ASCII) is none of them. A document built with
// the joint probe has the answer in its word's row.
bool is_number_word(const Document& doc, uint32_t k) {
    const WordKey& key = doc.keys[k];
    if (key.a == 0) return false;
    if (const detail::JointProbe* probe = doc.probed_by()) return probe->word(doc.slots[k]).number_word;
    const Token& t = doc.tokens[k];
    return number_word_keys().has(key, t.end - t.begin);
}

// The value of number token k (its decimal split and sign applied); `first` is the sentence's
// first token.
inline double figure_value(const Document& doc, uint32_t k, uint32_t first) {
    double v = 0;
    parse_number(doc.text(doc.tokens[k]), v);
    split_decimal(doc, k, v);
    return is_negative_figure(doc, k, first) ? -v : v;
}

// The first figure of tokens [from, from + reach) before `stop`, its value in v; UINT32_MAX if none.
inline uint32_t next_figure(const Document& doc, uint32_t first, uint32_t from, uint32_t reach, uint32_t stop, double& v) {
    const auto& toks = doc.tokens;
    for (uint32_t k = from; k < stop && k < from + reach; ++k)
        if (toks[k].kind == TokenKind::number && !is_year(doc, k) && parse_number(doc.text(toks[k]), v)) {
            split_decimal(doc, k, v);
            if (is_negative_figure(doc, k, first)) v = -v;
            return k;
        }
    return UINT32_MAX;
}

// The first figure within 12 tokens of `from`, its value not read (most measures have no
// comparison after it: a figure-dense text would pay a parse per measure for nothing).
inline uint32_t first_figure(const Document& doc, uint32_t from, uint32_t stop) {
    const auto& toks = doc.tokens;
    for (uint32_t k = from; k < stop && k < from + 12; ++k)
        if (toks[k].kind == TokenKind::number && !is_year(doc, k) && parses_as_number(doc.text(toks[k]))) return k;
    return UINT32_MAX;
}

inline std::string_view text_at(const Document& doc, const Sentence& s, uint32_t x) {
    return x < s.last_token ? doc.text(doc.tokens[x]) : std::string_view{};
}

// A scale or unit right after figure x ("mn", "%"), else empty.
inline std::string_view scale_after(const Document& doc, const Sentence& s, uint32_t x) {
    std::string_view u = text_at(doc, s, x + 1);
    static constexpr std::string_view kScales[] = {"mn", "m", "bn", "million", "billion", "mln", "bln", "%",
                                                   "pct", "percent", "k", "thousand", "eur", "euro", "euros"};
    for (auto sc : kScales)
        if (u.size() == sc.size() && std::equal(u.begin(), u.end(), sc.begin(), [](char p, char q) {
                return detail::fold_char(p) == q;
            }))
            return u;
    return std::string_view{};
}

inline bool is_currency(const Document& doc, uint32_t x, std::string_view u) {
    return doc.tokens[x].kind == TokenKind::symbol || (u.size() == 3 && u[0] >= 'A' && u[0] <= 'Z' && u[2] >= 'A' && u[2] <= 'Z');
}

// "8.4 mln euro", "5 mn dollars": a currency written after the figure's scale (token x).
inline bool currency_after(const Document& doc, const Sentence& s, uint32_t x) {
    const std::string_view u = text_at(doc, s, x);
    if (u.empty()) return false;
    static constexpr std::string_view kNames[] = {"euro", "euros", "dollar", "dollars", "crowns", "kronor", "pounds"};
    for (auto c : kNames)
        if (u.size() == c.size() &&
            std::equal(u.begin(), u.end(), c.begin(), [](char p, char q) { return detail::fold_char(p) == q; }))
            return true;
    return is_currency(doc, x, u);
}

// Are figures a and b (b after the marker at token k) in the same unit? "EUR 1.5 mn ( EUR 2.0 mn )"
// compares, while "EUR 114 mn ( USD 148 mn )" converts and "7.7 % of net sales" is another figure.
inline bool same_unit(const Document& doc, const Sentence& s, uint32_t after, uint32_t a, uint32_t b, uint32_t k) {
    const auto& toks = doc.tokens;
    // A scale or unit right after a figure ("mn", "%"): the two must agree when both have one.
    std::string_view sa = scale_after(doc, s, a), sb = scale_after(doc, s, b);
    if ((sa == "%") != (sb == "%") || (!sa.empty() && !sb.empty() && sa != sb)) return false;
    // Currencies before the figures must agree: "EUR 114 mn ( USD 148 mn )" is a conversion.
    std::string_view ua = a > s.first_token ? text_at(doc, s, a - 1) : std::string_view{};
    const uint32_t before_b = (doc.text(toks[b - 1]) == "-" && b - 1 > k) ? b - 2 : b - 1;  // skip a sign
    std::string_view ub = text_at(doc, s, before_b);
    // The measure itself is no currency: "EPS 1 cent vs. 20 cents".
    const bool a_currency = a > s.first_token && a - 1 >= after && is_currency(doc, a - 1, ua);
    const bool b_currency = is_currency(doc, before_b, ub);
    // The prior figure may leave its currency out when its scale repeats the first one's: "EUR 1.2 mn
    // compared to a loss of 2.6 mn".
    if (a_currency && !b_currency) return !sa.empty() && sa == sb && !currency_after(doc, s, b + 2);
    return !((b_currency || a_currency) && ua != ub);
}

}  // namespace

// A prior figure, or the one expected: "EPS 74 cents ; FactSet consensus 86 cents".
bool SentenceComposer::prior_marker(const Document& doc, uint32_t k) const {
    const auto& toks = doc.tokens;
    return (ids_[k] != detail::kNoWord && (lex_.word_roles[ids_[k]].prior_marker || lex_.word_roles[ids_[k]].expectation)) ||
           (toks[k].kind == TokenKind::punct && doc.text(toks[k]) == "(");
}

bool SentenceComposer::prior_marker_in(const Document& doc, const Sentence& s, uint32_t from) const {
    // prior_marker's test with the sentence's field read once (a "(" is one byte of it).
    const std::string_view field = doc.event().field(s.field);
    const Token* toks = doc.tokens.data();
    for (uint32_t k = from; k < s.last_token; ++k) {
        const uint32_t id = ids_[k];
        if (id != detail::kNoWord && (lex_.word_roles[id].prior_marker || lex_.word_roles[id].expectation)) return true;
        if (toks[k].kind == TokenKind::punct && toks[k].end - toks[k].begin == 1 && field[toks[k].begin] == '(') return true;
    }
    return false;
}

// A figure: a number that is not a year, or a spelled-out number.
bool sentiment_figure(const Document& doc, uint32_t k) {
    const Token& t = doc.tokens[k];
    if (t.kind == TokenKind::number) return !is_year(doc, k);
    return t.kind == TokenKind::word && is_number_word(doc, k);
}

// "EUR 13.1 mn compared with EUR 8.7 mn", "EUR 1.5 mn ( EUR 2.0 mn )": the direction the two
// figures after a measure imply, or 0. `measure` is the measure's polarity; when the prior figure is
// of the opposite kind ("a profit of EUR 0.8 mn compared with a loss of EUR 2.4 mn"), the measure
// rose from below zero whatever the figures, and `prior_state` is set to the prior kind's token.
int SentenceComposer::implied_direction(const Document& doc, const Sentence& s, uint32_t after, int measure,
                                        uint32_t& prior_state) const {
    const auto& toks = doc.tokens;
    const uint32_t stop = std::min<uint32_t>(s.last_token, after + 24);
    const uint32_t a = first_figure(doc, after, stop);
    if (a == UINT32_MAX) return 0;
    // A prior marker soon after the first figure, then the second figure.
    for (uint32_t k = a + 1; k < stop && k <= a + 12; ++k) {
        if (!prior_marker(doc, k)) {
            if (toks[k].kind == TokenKind::number && !is_year(doc, k))
                return 0;  // a third figure: not a simple comparison
            continue;
        }
        // "compared with a loss of EUR 2.4 mn", "against a net profit": a profit after a loss, or a
        // loss after a profit, is a rise of the measure from the other side of zero.
        for (uint32_t x = k + 1; x < stop && x <= k + 4; ++x) {
            const uint32_t id = ids_[x];
            if (id == detail::kNoWord) continue;
            const TermRoles& r = lex_.word_roles[id];
            if (r.measure == -measure && r.importance > 1.0f) {
                prior_state = x;
                return 1;
            }
            if (r.measure != 0) break;
        }
        double prior = 0;
        const uint32_t b = next_figure(doc, s.first_token, k + 1, 7, stop, prior);
        if (b == UINT32_MAX) return 0;
        const double cur = figure_value(doc, a, s.first_token);
        if (!same_unit(doc, s, after, a, b, k)) return 0;
        return cur > prior ? 1 : cur < prior ? -1 : 0;
    }
    return 0;
}

}  // namespace herald::analysis

void herald::analysis::detail::each_number_word(AddWord add, void* ctx) {
    JointWord columns;
    columns.number_word = true;
    for (std::string_view w : kNumberWords) add(w, columns, ctx);
}
