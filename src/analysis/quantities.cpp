// Money, percentage and basis-point figures, read from the raw field bytes: the tokenizer
// splits "$37.6B", "EUR1 .4 m" and "3.3-percent" in ways that are easier to reassemble here.
// One forward pass per field; a figure is a number plus whatever currency sign, scale word and
// unit surround it. Bare numbers (years, counts, "15 quarters") are not quantities.
#include "herald/analysis/quantities.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>

#include "char_class.hpp"
#include "numbers.hpp"
#include "quantities_figure.hpp"
#include "quantities_units.hpp"
#include "quantities_words.hpp"

namespace herald::analysis {

namespace {

using namespace qfigures;

const Unit kSek = Unit::of("SEK");

struct LastMoney {
    bool set = false;
    Unit unit;
    int exp10 = 0;
    Field field = Field::text;
    size_t end = 0;
};

// True when a sentence ends in s[from, to): ". " (or "!", "?") before a capital, or a line break.
// A currency is carried over only within a sentence ("Sales were $5 million. Nokia sold 3 million
// phones": the phones are no dollars).
bool sentence_break(std::string_view s, size_t from, size_t to) {
    for (size_t k = from; k < to; ++k) {
        const char c = s[k];
        if (c == '\n') return true;
        if ((c == '.' || c == '!' || c == '?') && k + 1 < to && num::is_space(s[k + 1])) {
            const size_t j = num::skip_spaces(s, k + 1);
            if (j < s.size() && num::is_upper(s[j])) return true;
        }
    }
    return false;
}

// The previous quantity of the field: a bracketed figure right after it is its conversion or
// comparison ("EUR 46 million ( USD 64.5 m )", "EUR 44.1 mn ( 39.2 )"), never a negative amount.
struct Previous {
    bool set = false;
    size_t end = 0;
    Unit unit;
    int exp10 = 0;
    size_t bracket_at = 0;  // where a bracketed figure whose scale follows the bracket starts
    int bracket_exp10 = 0;
};

class FieldScanner {
public:
    FieldScanner(Field f, std::string_view s, std::vector<Quantity>& out, LastMoney& last, size_t limit,
                 qwords::WordFigures words)
        : f_(f), s_(s), out_(out), last_(last), limit_(limit), words_(words) {}

    // False when the document's figure limit stopped the scan.
    bool run() {
        const size_t n = s_.size();
        size_t i = 0;
        while (i < n) {
            if (!num::is_digit(s_[i])) {
                i = num::next_digit(s_, i + 1);
                continue;
            }
            if (!emit_words_before(i)) return false;
            if (letter_before(s_, i) && !after_han(i) && !attached_code(i) && !minus_before(s_, i)) {
                // Inside a word or a longer number: "Trainium2", "Q1", "10-K"'s digits.
                while (i < n && (num::is_alnum(s_[i]) || s_[i] == '.' || s_[i] == ',')) ++i;
                continue;
            }
            if (out_.size() >= limit_) return false;
            i = figure_at(i);
        }
        return emit_words_before(n);
    }

private:
    bool attached_code(size_t i) const {
        Unit u;
        size_t b = 0;
        return units::sign_before(s_, i, u, b);
    }

    // A digit right after a CJK character ("营收5亿元") starts a number; after "é" it is a word's.
    bool after_han(size_t i) const {
        return i >= 3 && static_cast<unsigned char>(s_[i - 3]) >= 0xE3 && static_cast<unsigned char>(s_[i - 3]) <= 0xE9;
    }

    // Figures written in words ("five billion dollars") that start before byte `limit`.
    bool emit_words_before(size_t limit) {
        qwords::WordFigure w;
        while (words_.next_before(limit, w)) {
            if (out_.size() >= limit_) return false;
            Quantity& q = out_.emplace_back();
            q.unit = w.unit;
            q.value = num::scaled(w.d, w.exp10);
            q.qualifier = qualifier_before(s_, w.begin);
            q.span = {f_, static_cast<uint32_t>(w.begin), static_cast<uint32_t>(w.end)};
            q.text = s_.substr(w.begin, w.end - w.begin);
            set_previous(w.end, w.unit, w.exp10, 0, 0);
            if (!w.unit.is_percent()) set_last(w.unit, w.exp10, w.end);
        }
        return true;
    }

    // True when the figure at a (a digit, or "(" of "(1.2)") is bracketed right after the previous
    // quantity: only spaces between that quantity's end and the "(".
    bool bracketed_after_previous(const Figure& a) const {
        if (!prev_.set) return false;
        size_t open = a.begin;
        if (!(a.paren && s_[open] == '(')) {
            open = num::skip_spaces_back(s_, a.has_prefix ? a.begin : a.d.begin);
            if (open == 0 || s_[open - 1] != '(') return false;
            --open;
        }
        return num::skip_spaces_back(s_, open) == prev_.end;
    }

    // Reads the figure at s[i] (a digit) and emits it when it has a unit; returns where to go on.
    // The second figure of a possible range is read again as the next figure when the range gave
    // no quantity ("5-5-5-...", "1-2-3": every number was parsed and its suffix read twice). It is
    // kept (parse_figure and suffix_at are pure functions of the text and a position) and reused
    // when the next figure starts there; other figures pay one compare.
    bool parse_first(size_t i, Figure& a, units::Suffix& sa) {
        if (i == second_at_) {
            a = second_;
            if (!second_ok_) return false;
            sa = second_suffix_;
            return true;
        }
        if (!parse_figure(s_, i, a)) return false;
        units::read_suffix(s_, a.end, sa);
        return true;
    }
    // The second figure is read into second_ and its suffix into second_suffix_ (no copies: the
    // caller reads them there).
    bool parse_second(size_t j) {
        second_at_ = j;
        second_ok_ = parse_figure(s_, j, second_);
        if (!second_ok_) return false;
        units::read_suffix(s_, second_.end, second_suffix_);
        return true;
    }

    size_t figure_at(size_t i) {
        Figure a;
        units::Suffix sa;
        if (!parse_first(i, a, sa)) {
            while (i < s_.size() && num::is_digit(s_[i])) ++i;
            return i;
        }
        const size_t after_a = sa.kind != units::SuffixKind::none ? sa.end : a.end;
        // A range's high end is second_ (read only when a range may follow: b is read only then).
        const Figure& b = second_;
        const units::Suffix* suffix = &sa;
        const bool range = range_after(a, sa, after_a, suffix);
        units::Scale bracket;
        const size_t bracket_at = range ? 0 : scale_from_bracket(i, a, sa, bracket);
        const bool conversion = bracketed_after_previous(a);
        const Figure& last = range ? b : a;
        size_t end = range ? (suffix->kind != units::SuffixKind::none && suffix->end > last.end ? suffix->end : last.end)
                           : after_a;
        if (a.paren && !range) end = a.d.end + 1;
        Measure m = measure(a, b, range, *suffix, conversion, end);
        if (m.unit.empty()) return a.d.end;
        if (m.money && last_.set && m.unit == kSek) crowns_of_item(end, m.unit);
        end = add_quantity(a, b, range, conversion, m, end);
        // A conversion into another currency leaves the chain in the first one.
        if (m.money && !(conversion && last_.set && !(m.unit == last_.unit))) set_last(m.unit, m.exp10, end);
        set_previous(end, m.unit, m.exp10, bracket_at, bracket_at ? bracket.exp10 : 0);
        return end;
    }

    // "10 billion Norwegian crowns ... 5 billion crowns": bare crowns (read as Swedish, the most
    // common) are the crowns the item named before.
    void crowns_of_item(size_t end, Unit& unit) const {
        const std::string_view head = s_.substr(0, end);
        const size_t n = head.size() >= 6 && eq_ci_tail(head, "crowns") ? 6 : head.size() >= 5 && eq_ci_tail(head, "crown") ? 5 : 0;
        if (!n) return;
        const size_t b = head.size() - n;
        if (b >= 8 && eq_ci_tail(head.substr(0, b), "swedish ")) return;
        const std::string_view c = last_.unit.view();
        if (c == "NOK" || c == "DKK" || c == "CZK" || c == "ISK") unit = last_.unit;
    }
    static bool eq_ci_tail(std::string_view s, std::string_view tail) {
        if (s.size() < tail.size()) return false;
        for (size_t i = 0; i < tail.size(); ++i)
            if (num::lower(s[s.size() - tail.size() + i]) != tail[i]) return false;
        return true;
    }

    // Field by field: an aggregate assigned whole was built on the stack and reloaded in 16-byte
    // blocks over its narrower stores (store-forwarding stalls, once per figure).
    void set_previous(size_t end, const Unit& unit, int exp10, size_t bracket_at, int bracket_exp10) {
        prev_.set = true;
        prev_.end = end;
        prev_.unit = unit;
        prev_.exp10 = exp10;
        prev_.bracket_at = bracket_at;
        prev_.bracket_exp10 = bracket_exp10;
    }
    void set_last(const Unit& unit, int exp10, size_t end) {
        last_.set = true;
        last_.unit = unit;
        last_.exp10 = exp10;
        last_.field = f_;
        last_.end = end;
    }

    // A range's second figure after a (in second_), and the suffix that ends the range (sa's, or
    // second_suffix_ when the high end has one); false when none.
    bool range_after(const Figure& a, const units::Suffix& sa, size_t after_a, const units::Suffix*& suffix) {
        const bool a_has_unit = sa.kind != units::SuffixKind::none;
        // A bare year is no range's low end: "the year ending March 2027 to ¥1.43 trillion".
        if (!a_has_unit && !a.has_prefix && !a.has_scale && year_like(a)) return false;
        const size_t j = range_second(s_, after_a, a.begin, a_has_unit || a.has_scale);
        if (!j || !parse_second(j)) return false;
        const Figure& b = second_;
        const units::Suffix& sb = second_suffix_;
        bool ok = true;
        if (a_has_unit && sb.kind != units::SuffixKind::none && !(sb.unit == sa.unit)) ok = false;
        if (a.has_prefix && b.has_prefix && !(a.prefix_unit == b.prefix_unit)) ok = false;
        if (!ok || !(sb.kind != units::SuffixKind::none || b.has_prefix || b.has_scale || a_has_unit || prefix_range(a, b)))
            return false;
        if (a.has_prefix && change_then_level(a, b)) return false;
        if (sb.kind != units::SuffixKind::none) suffix = &sb;
        return true;
    }

    // "raised its dividend by SEK 1.50 to SEK 8.00", "increased by $5 million to $80 million": the
    // change and the level it reached, not a range (the "to" figure more than twice the "by" one;
    // "by $1 billion to $1.5 billion" stays a range).
    bool change_then_level(const Figure& a, const Figure& b) const {
        if (!num::word_before(s_, num::skip_spaces_back(s_, a.begin), "by")) return false;
        const int eb = b.has_scale ? b.scale.exp10 : a.has_scale ? a.scale.exp10 : 0;
        const int ea = a.has_scale ? a.scale.exp10 : eb;
        const double va = static_cast<double>(a.d.mantissa) * std::pow(10.0, ea - a.d.decimals);
        const double vb = static_cast<double>(b.d.mantissa) * std::pow(10.0, eb - b.d.decimals);
        return vb > 2 * va;
    }

    // "EUR 44.1 ( 39.2 ) million": the scale after the bracket is this figure's and the bracketed
    // one's (the bracketed one, read next, takes it from prev_). Returns where the bracketed
    // number starts (0: no such bracket).
    size_t scale_from_bracket(size_t i, Figure& a, const units::Suffix& sa, units::Scale& bracket) {
        size_t bracket_at = 0;
        if (!a.has_scale && sa.kind == units::SuffixKind::none && !a.paren)
            if ((bracket_at = bracket_scale(s_, a.end, bracket)) != 0) {
                a.has_scale = true;
                a.scale = {bracket.exp10, a.end, false};
            }
        if (!a.has_scale && prev_.set && prev_.bracket_at == i) {
            a.has_scale = true;
            a.scale = {prev_.bracket_exp10, a.end, false};
        }
        return bracket_at;
    }

    // A figure's unit and scales (of its low and high end), and whether it is money.
    struct Measure {
        Unit unit;
        int exp10 = 0, exp10_b = 0;
        bool money = false;
    };

    // Unit: an explicit percent/bp/currency after the figure, else the currency sign before it.
    Measure measure(const Figure& a, const Figure& b, bool range, const units::Suffix& suffix, bool conversion,
                    size_t end) const {
        Measure m;
        m.exp10 = a.has_scale ? a.scale.exp10 : (range && b.has_scale ? b.scale.exp10 : 0);
        m.exp10_b = range ? (b.has_scale ? b.scale.exp10 : m.exp10) : m.exp10;
        const bool has_prefix = a.has_prefix || (range && b.has_prefix);
        const Unit prefix_unit = a.has_prefix ? a.prefix_unit : b.prefix_unit;
        switch (suffix.kind) {
            case units::SuffixKind::percent:
            case units::SuffixKind::bp: m.unit = suffix.unit; break;
            case units::SuffixKind::currency:
                m.unit = suffix.unit;
                m.exp10 += suffix.exp10;  // "12.5 MEUR"
                m.exp10_b += suffix.exp10;
                m.money = true;
                break;
            case units::SuffixKind::cents:
                m.unit = !suffix.unit.empty() ? suffix.unit
                         : has_prefix        ? prefix_unit
                         : last_.set         ? last_.unit
                                             : units::unit_of("USD");
                m.exp10 -= 2;
                m.exp10_b -= 2;
                m.money = true;
                break;
            case units::SuffixKind::none:
                if (has_prefix) {
                    m.unit = prefix_unit;
                    m.money = true;
                } else {
                    unit_from_context(a, conversion, end, m);
                }
                break;
        }
        return m;
    }

    // A figure with no unit of its own that takes one from the figures before it.
    void unit_from_context(const Figure& a, bool conversion, size_t end, Measure& m) const {
        if (conversion && !prev_.unit.empty() && (a.d.decimals > 0 || a.d.int_digits >= 2 || a.has_scale)) {
            // "EUR 44.1 mn ( 39.2 )": the bracketed comparison is in the unit and scale before it.
            m.unit = prev_.unit;
            if (!a.has_scale) m.exp10 = m.exp10_b = prev_.exp10;
            m.money = !m.unit.is_percent() && !(m.unit == units::unit_of("bp"));
        } else if (a.has_scale && !a.scale.single_letter && last_.set && last_.field == f_ &&
                   !sentence_break(s_, last_.end, a.begin) && !count_noun_at(s_, end)) {
            m.unit = last_.unit;  // "EUR 1.2 million and 3.4 million": the currency carries over
            m.money = true;
        } else if (a.paren && !conversion && a.d.decimals > 0 && last_.set && last_.field == f_ &&
                   a.begin < last_.end + 400) {
            m.unit = last_.unit;  // "(1.2)" in a table of amounts: a negative figure in the same unit
            m.exp10 = last_.exp10;
            m.money = true;
        }
    }

    // Writes the quantity (value or range, qualifier, "plus"); returns where it ends.
    size_t add_quantity(const Figure& a, const Figure& b, bool range, bool conversion, const Measure& m, size_t end) {
        // Written in place: a Quantity assembled on the stack field by field and copied out in
        // 16-byte blocks stalled on store forwarding (a fifth of the scanner's cycles on
        // figure-dense text).
        Quantity& q = out_.emplace_back();
        q.unit = m.unit;
        q.value = num::scaled(a.d, m.exp10);
        if (a.negative || (a.paren && !conversion)) q.value = -q.value;
        if (range) {
            q.is_range = true;
            q.low = q.value;
            q.high = num::scaled(b.d, m.exp10_b);
            if (b.negative) q.high = -q.high;
            if (q.high < q.low) {  // "10-5%": bounds written high first; value stays the low end
                std::swap(q.low, q.high);
                q.value = q.low;
            }
        }
        q.qualifier = qualifier_before(s_, a.begin);
        if (size_t p = plus_after(s_, end)) {
            q.qualifier = Qualifier::over;
            end = p;
        }
        q.span = {f_, static_cast<uint32_t>(a.begin), static_cast<uint32_t>(end)};
        q.text = s_.substr(a.begin, end - a.begin);
        return end;
    }

    Field f_;
    std::string_view s_;
    std::vector<Quantity>& out_;
    LastMoney& last_;
    size_t limit_;
    qwords::WordFigures words_;
    Previous prev_;
    size_t second_at_ = SIZE_MAX;  // where the last range's second figure was read
    bool second_ok_ = false;
    Figure second_;
    units::Suffix second_suffix_;
};

}  // namespace

void QuantityExtractor::extract(const Document& doc, std::vector<Quantity>& out) {
    LastMoney last;
    capped_ = false;
    const size_t limit = out.size() + kMaxFigures;
    const auto& toks = doc.tokens;
    uint32_t t = 0;
    for (Field f : kTextFields) {
        // The tokenized bytes: past the token cap nothing else is analysed either.
        std::string_view s = doc.event().field(f).substr(0, doc.extent(f));
        if (s.empty()) continue;
        // The field's tokens: fields are tokenized in kTextFields order, so the field's end is a
        // binary search (a walk over every token cost about 3 k instructions per seed article).
        while (t < toks.size() && toks[t].field < f) ++t;
        const uint32_t e = static_cast<uint32_t>(
            std::partition_point(toks.begin() + t, toks.end(), [f](const Token& k) { return k.field == f; }) -
            toks.begin());
        if (!FieldScanner(f, s, out, last, limit, qwords::WordFigures(doc, s, t, e)).run()) {
            capped_ = true;
            return;
        }
        t = e;
    }
}

}  // namespace herald::analysis
