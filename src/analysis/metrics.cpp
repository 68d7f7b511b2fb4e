// Classifies quantities into metrics from the words around them, sentence by sentence.
// Only sentences holding a quantity (or a "doubled"/"tripled"/"halved") are read, each by a
// SentenceReader (metrics_reader.hpp) whose passes live in their own files:
// (1) tagging: find kind phrases ("AWS revenue", "operating income", "run rate") and clause cues;
// (2) money: figures take the kind of the phrase they head or follow ("$37.6B in AWS revenue",
// "backlog reached $364B"); figures after "from"/"versus" are earlier values; a figure in
// brackets right after another is its conversion; (3) change: percentages after a direction word
// are the change of the nearest kind ("revenue rose 28%", "up 17% year over year", "21% EPS
// growth") and join that kind's value in the sentence; (4) attribution: entity, period and
// forecast from context. This file walks the document and decides which sentences are read.
#include "herald/analysis/metrics.hpp"

#include <algorithm>
#include <cstring>

#include "herald/core/time.hpp"
#include "metrics_names.hpp"
#include "metrics_reader.hpp"
#include "numbers.hpp"
#include "periods_text.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace herald::analysis {

namespace {

using metric_reader::Carry;
using metric_reader::count_sentence;
using metric_reader::Ctx;
using metric_reader::SentenceReader;
using metric_reader::word_key;

// "revenue doubled" is a change without a figure; only sentences whose text holds "oubled",
// "ripled" or "halved" and a token "doubled", "tripled" or "halved" are read without one.
// The first byte of such a text at or after i in s, or npos. Every match has an 'l' with a 'd'
// or an 'e' two bytes on ("led", "lve"): SSE2 finds those 16 bytes at a time and only they are checked.
size_t next_multiplier_text(std::string_view s, size_t i) {
    const size_t n = s.size();
    const char* p = s.data();
    auto at = [&](size_t j) -> size_t {  // p[j] == 'l'
        if (j >= i + 3 && j + 3 <= n && p[j + 1] == 'e' && p[j + 2] == 'd' &&
            (s.substr(j - 3, 3) == "oub" || s.substr(j - 3, 3) == "rip"))
            return j - 3;
        if (j >= i + 2 && j + 4 <= n && s.substr(j - 2, 6) == "halved") return j - 2;
        return std::string_view::npos;
    };
    size_t j = i + 2;
#if defined(__SSE2__)
    // Candidate bytes of p[q .. q + 16) as a byte mask.
    auto cand = [](const char* q) {
        auto load = [](const char* x) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(x)); };
        auto eq = [](__m128i x, char c) { return _mm_cmpeq_epi8(x, _mm_set1_epi8(c)); };
        // 'd' | 1 == 'e': one compare finds both.
        const __m128i c2 = _mm_or_si128(load(q + 2), _mm_set1_epi8(1));
        return _mm_and_si128(eq(load(q), 'l'), eq(c2, 'e'));
    };
    auto check16 = [&](size_t b) {
        for (unsigned m = static_cast<unsigned>(_mm_movemask_epi8(cand(p + b))); m; m &= m - 1)
            if (size_t r = at(b + static_cast<size_t>(__builtin_ctz(m))); r != std::string_view::npos) return r;
        return std::string_view::npos;
    };
    // 64 bytes per test: candidates are rare, so one movemask for four blocks.
    for (; j + 66 <= n; j += 64) {
        const __m128i any = _mm_or_si128(_mm_or_si128(cand(p + j), cand(p + j + 16)),
                                         _mm_or_si128(cand(p + j + 32), cand(p + j + 48)));
        if (!_mm_movemask_epi8(any)) continue;
        for (size_t b = j; b < j + 64; b += 16)
            if (size_t r = check16(b); r != std::string_view::npos) return r;
    }
    for (; j + 18 <= n; j += 16)
        if (size_t r = check16(j); r != std::string_view::npos) return r;
#endif
    for (; j < n; ++j)
        if (p[j] == 'l')
            if (size_t r = at(j); r != std::string_view::npos) return r;
    return std::string_view::npos;
}

// The next multiplier text of a field, kept across the sentences (they come in order), so a
// field's text is scanned about once instead of once per sentence.
class MultiplierCursor {
public:
    // Does the sentence [b, e) of field f hold a multiplier text?
    bool in(const Document& doc, Field f, uint32_t b, uint32_t e) {
        if (!valid_ || f != field_ || b < from_ || pos_ < b) {
            pos_ = next_multiplier_text(doc.event().field(f), b);
            field_ = f;
            from_ = b;
            valid_ = true;
        }
        return pos_ != std::string_view::npos && pos_ + 6 <= e;
    }

private:
    bool valid_ = false;
    Field field_ = Field::text;
    uint32_t from_ = 0;
    size_t pos_ = std::string_view::npos;  // first match at or after from_ (npos: none)
};

// The next digit of a field, kept across the sentences like MultiplierCursor: a count figure
// ("delivered 384,122 vehicles") needs one, and most sentences without a quantity have none.
class DigitCursor {
public:
    bool in(const Document& doc, Field f, uint32_t b, uint32_t e) {
        if (!valid_ || f != field_ || b < from_ || pos_ < b) {
            const std::string_view s = doc.event().field(f);
            pos_ = num::next_digit(s, b);
            field_ = f;
            from_ = b;
            valid_ = true;
        }
        return pos_ < e;
    }

private:
    bool valid_ = false;
    Field field_ = Field::text;
    uint32_t from_ = 0;
    size_t pos_ = 0;
};

// Does a token in [b, e) read "doubled", "tripled" or "halved" in any case? Every token the
// multiplier pass acts on does, so a sentence without one needs no reading for multipliers; one
// compare of the tokenizer's key per token instead of scanning the text for 'l'.
bool multiplier_key_in(const Document& doc, uint32_t b, uint32_t e) {
    constexpr uint64_t kDoubled = word_key("doubled"), kTripled = word_key("tripled"), kHalved = word_key("halved");
    // The first four bytes compare against 32-bit immediates; the whole key only on a hit.
    constexpr auto lo = [](uint64_t x) { return static_cast<uint32_t>(x); };
    const WordKey* k = doc.keys.data();
    for (uint32_t t = b; t < e; ++t) {
        const uint32_t a4 = lo(k[t].a);
        if (a4 == lo(kDoubled) || a4 == lo(kTripled) || a4 == lo(kHalved)) {
            const uint64_t a = k[t].a;
            if (a == kDoubled || a == kTripled || a == kHalved) return true;
        }
    }
    return false;
}

// Can sentence s yield a figure-less multiplier change? The text test (16 bytes a step, once per
// field) is cheaper than the key test (one token a step), so it goes first.
bool multiplier_sentence(const Document& doc, MultiplierCursor& text, const Sentence& s) {
    return text.in(doc, s.field, s.begin, s.end) && multiplier_key_in(doc, s.first_token, s.last_token);
}

// "$225B. It also ...": the tokenizer reads "B." as an initial; a period right after a figure's
// scale letter and before a capitalised word ends the sentence.
uint32_t split_point(const Document& doc, const Sentence& s, uint32_t last) {
    const std::string_view field = doc.event().field(s.field);  // the field of all the sentence's tokens
    for (uint32_t t = s.first_token + 2; t + 1 < last; ++t) {
        const Token& dot = doc.tokens[t];
        if (dot.kind != TokenKind::punct || dot.end - dot.begin != 1 || field[dot.begin] != '.') continue;
        const Token& prev = doc.tokens[t - 1];
        const Token& num = doc.tokens[t - 2];
        const Token& next = doc.tokens[t + 1];
        if (prev.kind == TokenKind::word && prev.end - prev.begin == 1 && num.kind == TokenKind::number &&
            num.end == prev.begin && prev.end == dot.begin && next.space_before && next.capitalized)
            return t + 1;
    }
    return last;
}

// "HSBC third-quarter profit falls 5%" over "reported third-quarter profit before tax of $7.3
// billion, down 5%": a headline's bare profit restating the pretax profit the text reports (same
// move or same value) is that pretax profit, not net income. Reads at most kMaxPretax pretax
// figures, so a hostile item costs no more than a linear pass.
void headline_pretax(std::vector<Metric>& out, size_t first_metric) {
    constexpr size_t kMaxPretax = 8;
    const Metric* pretax[kMaxPretax];
    size_t n = 0;
    bool net_stated = false;  // the text also reports net income: the headline's profit may be it
    for (size_t i = first_metric; i < out.size(); ++i) {
        const Metric& m = out[i];
        if (m.span.field == core::Field::headline) continue;
        if (m.kind == MetricKind::pretax_income && n < kMaxPretax) pretax[n++] = &m;
        net_stated |= m.kind == MetricKind::net_income;
    }
    if (n == 0 || net_stated) return;
    auto same = [](double a, double b) { return std::fabs(a - b) <= 1e-9 * std::fmax(std::fabs(a), std::fabs(b)); };
    for (size_t i = first_metric; i < out.size(); ++i) {
        Metric& m = out[i];
        if (m.span.field != core::Field::headline || m.kind != MetricKind::net_income) continue;
        for (size_t k = 0; k < n; ++k) {
            const Metric& p = *pretax[k];
            const bool value = m.has_value && p.has_value && same(m.value, p.value);
            const bool move = !m.has_value && m.change.has_percent && p.change.has_percent && same(m.change.percent, p.change.percent);
            if (value || move) {
                m.kind = MetricKind::pretax_income;
                break;
            }
        }
    }
}


}  // namespace

void MetricExtractor::extract(const Document& doc, const std::vector<Mention>& mentions,
                              const std::vector<Quantity>& quantities, std::vector<Metric>& out) {
    const size_t first_metric = out.size();
    Ctx c{doc, mentions, quantities, out};
    c.pub_year = doc.event().has_published_at ? core::year_of(doc.event().published_at_ms) : 0;
    c.out_limit = first_metric + kMaxMetrics;
    c.event_first = first_metric;
    c.gates = gates_;
    Carry carry;
    MultiplierCursor mult;
    DigitCursor digits;
    uint32_t qi = 0, mi = 0;
    const uint32_t nq = static_cast<uint32_t>(quantities.size());
    const uint32_t nm = static_cast<uint32_t>(mentions.size());
    for (uint32_t si = 0; si < doc.sentences.size() && !c.full; ++si) {
        const Sentence& whole = doc.sentences[si];
        // Most sentences hold no figure and no multiplier word: skip them before any splitting.
        // (Mentions passed over here are picked up by the next read sentence's catch-up loop.)
        while (qi < nq && (static_cast<uint8_t>(quantities[qi].span.field) < static_cast<uint8_t>(whole.field) ||
                           (quantities[qi].span.field == whole.field && quantities[qi].span.begin < whole.begin)))
            ++qi;
        const bool whole_has_figure =
            qi < nq && quantities[qi].span.field == whole.field && quantities[qi].span.begin < whole.end;
        const bool counts = !whole_has_figure && digits.in(doc, whole.field, whole.begin, whole.end) &&
                            count_sentence(doc, whole);
        if (!whole_has_figure && !counts && !multiplier_sentence(doc, mult, whole)) continue;
        Sentence s = whole;
        while (s.first_token < whole.last_token && !c.full) {
            s.last_token = split_point(doc, s, whole.last_token);
            s.begin = doc.tokens[s.first_token].begin;
            s.end = doc.tokens[s.last_token - 1].end;
            // Quantities and mentions are in document order, like sentences.
            while (qi < nq && (static_cast<uint8_t>(quantities[qi].span.field) < static_cast<uint8_t>(s.field) ||
                               (quantities[qi].span.field == s.field && quantities[qi].span.begin < s.begin)))
                ++qi;
            uint32_t qe = qi;
            while (qe < nq && quantities[qe].span.field == s.field && quantities[qe].span.begin < s.end) ++qe;
            while (mi < nm && mentions[mi].token < s.first_token) {
                carry.note(doc, mentions[mi]);
                ++mi;
            }
            uint32_t me = mi;
            while (me < nm && mentions[me].token < s.last_token) ++me;
            if (qe > qi || multiplier_sentence(doc, mult, s) || (counts && count_sentence(doc, s))) {
                c.sent = &s;
                c.field = doc.event().field(s.field);
                c.si = si;
                c.mention_begin = mi;
                c.mention_end = me;
                SentenceReader r(c, flags_, words_, hits_, figs_, clauses_, merged_);
                r.run(qi, qe, carry);
            }
            qi = qe;
            s.first_token = s.last_token;
        }
    }
    capped_ = c.full;
    headline_pretax(out, first_metric);
    metric_names::missing_entities(doc, mentions, out, first_metric);
    // Periods the sentences left out or gave relative to the report ("next quarter").
    periods::complete(doc, out, first_metric);
}

}  // namespace herald::analysis
