// Classifies quantities into metrics from the words around them, sentence by sentence.
// Only sentences holding a quantity are read; everything works on the Document's tokens plus
// small reused buffers, so steady state does not allocate.
//
// Per sentence: (1) find kind phrases ("AWS revenue", "operating income", "run rate");
// (2) money figures take the kind of the phrase they head or follow ("$37.6B in AWS revenue",
// "backlog reached $364B"); figures after "from"/"versus" are earlier values; a figure in
// brackets right after another is its conversion; (3) percentages after a direction word are the
// change of the nearest kind ("revenue rose 28%", "up 17% year over year", "21% EPS growth") and
// join that kind's value in the sentence; (4) entity, period and forecast from context.
#include "herald/analysis/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "metrics_words.hpp"
#include "numbers.hpp"
#include "periods.hpp"

namespace herald::analysis {

namespace {

using words::eq_ci;
namespace W = words;

constexpr uint32_t kFigureFlag = 1u << 30;  // token belongs to a money figure
constexpr uint32_t kPunctComma = 1u << 29;  // , ; : ( and dashes: clause punctuation
constexpr uint32_t kPunctHard = 1u << 28;   // ; : end a clause for every purpose
constexpr uint32_t kMentionFlag = 1u << 27;
constexpr uint32_t kForecastCue = 1u << 26;  // the token makes its clause a projection (forecast_cue); only on
                                             // forecast words, "by" and numbers, which no "flags == 0" test reads

// The tokenizer's folded key of a short lower-case word: its bytes little-endian, zero-padded.
constexpr uint64_t word_key(std::string_view w) {
    uint64_t v = 0;
    for (size_t i = 0; i < w.size() && i < 8; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(w[i])) << (8 * i);
    return v;
}

struct Ctx {
    const Document& doc;
    const std::vector<Mention>& mentions;
    const std::vector<Quantity>& quantities;
    std::vector<Metric>& out;
    const Sentence* sent = nullptr;
    std::string_view field;  // the sentence's field text: every token of a sentence is in it
    uint32_t si = 0;
    uint32_t mention_begin = 0, mention_end = 0;  // mentions of this sentence
    int pub_year = 0;

    std::string_view tok(uint32_t t) const {
        if (t < sent->first_token || t >= sent->last_token) return {};
        const Token& k = doc.tokens[t];
        return {field.data() + k.begin, k.end - k.begin};
    }
};

uint32_t mention_end_token(const Document& doc, const Mention& m, uint32_t limit) {
    uint32_t t = m.token;
    while (t < limit && doc.tokens[t].begin < m.span.end) ++t;
    return t;
}

}  // namespace

namespace {

class SentenceReader {
public:
    SentenceReader(Ctx& c, std::vector<uint32_t>& flags, std::vector<MetricExtractor::Hit>& hits,
                   std::vector<MetricExtractor::Fig>& figs, std::vector<uint32_t>& clauses)
        : c_(c), flags_(flags), hits_(hits), figs_(figs), clauses_(clauses) {
        std::fill(std::begin(last_of_kind_), std::end(last_of_kind_), -1);
    }

    void run(uint32_t q_begin, uint32_t q_end, const Mention*& last_mention, std::string_view& last_product,
             const Mention*& last_company) {
        last_mention_ = last_mention;
        last_product_ = last_product;
        last_company_ = last_company;
        tag_tokens();
        find_hits();
        map_figures(q_begin, q_end);
        first_metric_ = c_.out.size();
        money_pass();
        money_end_ = c_.out.size();
        change_pass();
        multiplier_pass();
        // Carry context to later sentences: the last named entity and product phrase.
        for (uint32_t m = c_.mention_begin; m < c_.mention_end; ++m) {
            last_mention = &c_.mentions[m];
            if (!c_.mentions[m].is_segment) last_company = &c_.mentions[m];
        }
        if (!product_seen_.empty()) last_product = product_seen_;
    }

private:
    // The sentence bounds and flags are cached in members: read through c_ they would be reloaded
    // after every store the compiler cannot rule out as aliasing.
    uint32_t F(uint32_t t) const { return fl_[t - first_]; }
    uint32_t first() const { return first_; }
    uint32_t last() const { return last_; }

    void tag_tokens() {
        first_ = c_.sent->first_token;
        last_ = c_.sent->last_token;
        flags_.resize(last() - first());
        fl_ = flags_.data();
        W::word_flags(c_.doc, first(), last(), fl_);
        const std::string_view field = c_.doc.event().field(c_.sent->field);
        const Token* toks = c_.doc.tokens.data() + first_;  // locals: the flag stores could alias members
        for (uint32_t k = 0, n = last_ - first_; k < n; ++k) {
            if (toks[k].kind != TokenKind::punct) {
                if (((fl_[k] & (W::kForecast | W::kStop)) || toks[k].kind == TokenKind::number) &&
                    forecast_cue(first_ + k))
                    fl_[k] |= kForecastCue;
                continue;
            }
            const char ch = field[toks[k].begin];
            uint32_t f = 0;
            if (ch == ',' || ch == '(' || static_cast<unsigned char>(ch) == 0xE2) f |= kPunctComma;
            if (ch == ';' || ch == ':') f |= kPunctComma | kPunctHard;
            fl_[k] = f;
        }
        for (uint32_t m = c_.mention_begin; m < c_.mention_end; ++m) {
            uint32_t e = mention_end_token(c_.doc, c_.mentions[m], last());
            for (uint32_t t = c_.mentions[m].token; t < e && t < last(); ++t)
                if (t >= first()) fl_[t - first_] |= kMentionFlag;
        }
    }

    void find_hits() {
        hits_.clear();
        for (uint32_t t = first(); t < last(); ++t) {
            uint32_t f = F(t);
            if (!(f & (W::kKind | W::kPhrase))) continue;
            std::string_view x = c_.tok(t);
            W::PhraseMatch pm;
            if (f & W::kPhrase) pm = W::match_phrase(x, [&](uint32_t k) { return c_.tok(t + k); });
            MetricExtractor::Hit h;
            if (pm.tokens) {
                h = {t, t + pm.tokens, t, pm.kind, pm.loss, false, false};
            } else if (f & W::kKind) {
                h = {t, t + 1, t, W::lookup_token(c_.doc, t).kind, (f & W::kLoss) != 0, (f & W::kForecast) != 0, false};
            } else {
                continue;
            }
            if (h.kind == MetricKind::guidance) h.forecast = true;
            // "revenue guidance", "Trainium revenue commitments": the last kind word heads the phrase.
            if (!hits_.empty() && hits_.back().end == h.begin) {
                MetricExtractor::Hit& prev = hits_.back();
                prev.modifier = true;
                h.np_begin = prev.np_begin;
                if (h.kind == MetricKind::guidance) {
                    h.kind = prev.kind;
                    h.loss = prev.loss;
                }
            }
            hits_.push_back(h);
            t = h.end - 1;
        }
    }

    void map_figures(uint32_t q_begin, uint32_t q_end) {
        figs_.clear();
        const Token* toks = c_.doc.tokens.data();
        const uint32_t last = last_;
        uint32_t t = first_;
        for (uint32_t qi = q_begin; qi < q_end; ++qi) {
            const Quantity& q = c_.quantities[qi];
            while (t < last && toks[t].end <= q.span.begin) ++t;
            uint32_t e = t;
            while (e < last && toks[e].begin < q.span.end) ++e;
            MetricExtractor::Fig fg;
            fg.q = qi;
            fg.tb = t;
            fg.te = e > t ? e : t + 1;
            fg.money = !q.unit.is_percent() && !(q.unit.view() == "bp");
            if (fg.money)
                for (uint32_t k = fg.tb; k < fg.te && k < last; ++k) fl_[k - first_] |= kFigureFlag;
            figs_.push_back(fg);
        }
    }

    // Hits are in token order and do not overlap (find_hits), so both their begins and their ends
    // ascend: lookups by position are binary searches, never a walk over every hit of the sentence
    // (a hostile sentence holds hundreds of thousands).
    const MetricExtractor::Hit* hit_beginning(uint32_t t) const {
        auto it = std::lower_bound(hits_.begin(), hits_.end(), t,
                                   [](const MetricExtractor::Hit& h, uint32_t x) { return h.begin < x; });
        return it != hits_.end() && it->begin == t ? &*it : nullptr;
    }

    const MetricExtractor::Hit* hit_at(uint32_t t) const {
        const MetricExtractor::Hit* h = hit_beginning(t);
        return h && !h->modifier ? h : nullptr;
    }

    // The kind phrase a money figure heads or follows: "$37.6B in AWS revenue", "$20B run rate".
    const MetricExtractor::Hit* hit_after(const MetricExtractor::Fig& fg) const {
        uint32_t k = fg.te;
        if (k < last() && (eq_ci(c_.tok(k), "in") || eq_ci(c_.tok(k), "of") || eq_ci(c_.tok(k), "on"))) ++k;
        const MetricExtractor::Hit* found = nullptr;
        for (uint32_t j = k; j < last() && j < k + 5; ++j) {
            if (const MetricExtractor::Hit* h = hit_beginning(j)) {
                if (!h->modifier) found = h;
                j = h->end - 1;
                if (!h->modifier) break;
                continue;
            }
            uint32_t f = F(j);
            const Token& tk = c_.doc.tokens[j];
            if (tk.kind != TokenKind::word || (f & (W::kStop | W::kUp | W::kDown | W::kForecast)) ||
                (f & kFigureFlag))
                break;
        }
        return found;
    }

    // The nearest kind phrase before a figure in its clause, not claimed across another money figure.
    // A change may follow its kind's value ("revenue accelerated to $37.6B, up 28%"), so percentages
    // look across money figures; money figures do not.
    // The last unblocked hit in range is the nearest; a block between the latest candidate and the
    // figure also lies between every earlier one and the figure, so only the latest is tested.
    const MetricExtractor::Hit* hit_before(uint32_t tb, uint32_t max_dist, bool across_figures = false) const {
        const uint32_t block = (across_figures ? 0u : kFigureFlag) | kPunctHard | W::kClause;
        auto it = std::upper_bound(hits_.begin(), hits_.end(), tb,
                                   [](uint32_t x, const MetricExtractor::Hit& h) { return x < h.end; });
        while (it != hits_.begin()) {
            const MetricExtractor::Hit& h = *--it;
            if (tb - h.end > max_dist) return nullptr;
            if (h.modifier) continue;
            for (uint32_t j = h.end; j < tb; ++j)
                if (F(j) & block) return nullptr;
            return &h;
        }
        return nullptr;
    }

    uint32_t clause_begin(uint32_t t) const {
        while (t > first() && !(F(t - 1) & (kPunctComma | W::kClause))) --t;
        return t;
    }
    uint32_t clause_end(uint32_t t) const {
        while (t < last() && !(F(t) & (kPunctComma | W::kClause))) ++t;
        return t;
    }

    // Does token t make its clause a projection? A forecast word, "by Q1"/"by 2028", or a later
    // year after in/for/through.
    // Words are compared by the tokenizer's key (a word equals a short literal ignoring case
    // exactly when its key does; keyless words are long or non-ASCII).
    bool forecast_cue(uint32_t t) const {
        const uint32_t f = F(t);
        auto is = [&](uint32_t k, std::string_view w) { return c_.doc.keys[k].a == word_key(w); };  // w: <= 7 bytes
        if (f & W::kForecast) {
            // "topped the $2.05 consensus", "versus $0.95 expected": a yardstick, not a projection.
            for (uint32_t k = t > first() + 4 ? t - 4 : first(); k < t; ++k)
                if (F(k) & (W::kComparator | W::kPriorCue)) return false;
            return !(is(t, "may") && c_.doc.tokens[t].capitalized);  // "May": a month
        }
        // Only "by" (a stop word) and numbers need their text read.
        if ((f & W::kStop) && is(t, "by") && t + 1 < last()) {
            std::string_view n = c_.tok(t + 1);
            if (n.size() >= 2 && (n[0] == 'Q' || n[0] == 'H' || (n[0] == 'F' && n[1] == 'Y'))) return true;
            if (n.size() == 4 && n[0] == '2' && n[1] == '0' && num::is_digit(n[2]) && num::is_digit(n[3])) return true;
        }
        if (c_.pub_year && c_.doc.tokens[t].kind == TokenKind::number) {
            std::string_view n = c_.tok(t);
            if (n.size() == 4 && n[0] == '2' && t > first() && (is(t - 1, "in") || is(t - 1, "for") || is(t - 1, "through"))) {
                int y = (n[0] - '0') * 1000 + (n[1] - '0') * 100 + (n[2] - '0') * 10 + (n[3] - '0');
                if (y > c_.pub_year) return true;
            }
        }
        return false;
    }

    // The cues are marked once per sentence (tag_tokens), not re-read per metric. Clause bounds and
    // a running count of cues are tabled on the sentence's first metric, so each metric's test is
    // O(1): walked per metric, a sentence of one long clause cost its length per figure.
    bool forecast_in(uint32_t b, uint32_t e) {
        // Short sentences (nearly all) walk: cheaper than the table, and bounded.
        if (last_ - first_ <= kShortSentence || b > last() || e > last()) {
            const uint32_t ce = clause_end(e);
            for (uint32_t t = clause_begin(b); t < ce; ++t)
                if (F(t) & kForecastCue) return true;
            return false;
        }
        if (!clauses_done_) table_clauses();
        const uint32_t n = last_ - first_ + 1;
        const uint32_t* cb = clauses_.data();
        const uint32_t* ce = cb + n;
        const uint32_t* cues = ce + n;  // cues[k]: cue tokens in [first, first + k)
        return cues[ce[e - first_] - first_] > cues[cb[b - first_] - first_];
    }

    void table_clauses() {
        const uint32_t n = last_ - first_ + 1;
        clauses_.resize(3 * static_cast<size_t>(n));
        uint32_t* cb = clauses_.data();
        uint32_t* ce = cb + n;
        uint32_t* cues = ce + n;
        constexpr uint32_t kEnds = kPunctComma | W::kClause;
        cb[0] = first_;
        cues[0] = 0;
        for (uint32_t k = 1; k < n; ++k) {
            cb[k] = (fl_[k - 1] & kEnds) ? first_ + k : cb[k - 1];
            cues[k] = cues[k - 1] + ((fl_[k - 1] & kForecastCue) ? 1u : 0u);
        }
        ce[n - 1] = last_;
        for (uint32_t k = n - 1; k > 0; --k) ce[k - 1] = (fl_[k - 1] & kEnds) ? first_ + k - 1 : ce[k];
        clauses_done_ = true;
    }

    // Noun phrase headed by a product ("custom chips") or a unit noun with modifiers
    // ("AI-related chips business" -> "AI-related chips"), searching back from token `from`.
    // A bare unit noun ("the business") stands for the product named earlier in the sentence
    // (searched back to its start, not only to min_t), else in an earlier sentence, with the last
    // bare noun passed as its head. One walk back: this was a recursion per bare noun, exponential
    // in time and deep in stack on "business business ... $5B".
    bool product_before(uint32_t from, uint32_t min_t, std::string_view& text, uint32_t& head) const {
        bool bare = false;  // a bare unit noun was seen: the walk goes on to the sentence start
        uint32_t bare_head = 0;
        for (uint32_t t = from; t > (bare ? first() : min_t);) {
            --t;
            uint32_t f = F(t);
            if (f & kFigureFlag) break;
            if (!(f & (W::kProduct | W::kUnitNoun))) continue;
            uint32_t b = t;
            uint32_t e = (f & W::kUnitNoun) ? t : t + 1;  // a unit noun itself is dropped
            for (uint32_t k = 0; k < 3 && b > first(); ++k) {
                uint32_t pf = F(b - 1);
                const Token& pt = c_.doc.tokens[b - 1];
                std::string_view w = c_.tok(b - 1);
                if (pt.kind != TokenKind::word || (pf & (W::kStop | W::kDeterminer | kMentionFlag | W::kKind)))
                    break;
                if ((pf & ~(W::kProduct | W::kPhrase | W::kAnnualized | W::kPeriodStart)) != 0) break;
                if (w.size() > 3 && (w.substr(w.size() - 2) == "ly" || w.substr(w.size() - 3) == "ing")) break;
                --b;
            }
            if (b == e) {
                bare = true;
                bare_head = t;
                continue;
            }
            const Token& tb = c_.doc.tokens[b];
            const Token& te = c_.doc.tokens[e - 1];
            text = c_.doc.event().field(tb.field).substr(tb.begin, te.end - tb.begin);
            head = t;
            return true;
        }
        if (!bare || last_product_.empty()) return false;
        text = last_product_;
        head = bare_head;
        return true;
    }

    // Mentions come in token order and do not overlap (EntityFinder::match), so their first and
    // end tokens both ascend: the first mention of the sentence at or after token t.
    uint32_t mention_from(uint32_t t) const {
        const Mention* b = c_.mentions.data() + c_.mention_begin;
        const Mention* e = c_.mentions.data() + c_.mention_end;
        return static_cast<uint32_t>(
            std::lower_bound(b, e, t, [](const Mention& m, uint32_t x) { return m.token < x; }) - c_.mentions.data());
    }

    const Mention* mention_in(uint32_t b, uint32_t e) const {
        if (c_.mention_end - c_.mention_begin <= kFewMentions) {  // the usual case: a walk is cheaper
            const Mention* found = nullptr;
            for (uint32_t m = c_.mention_begin; m < c_.mention_end; ++m) {
                const Mention& mn = c_.mentions[m];
                if (mn.token >= b && mn.token < e) found = &mn;  // the last one: closest to the head noun
            }
            return found;
        }
        if (b >= e) return nullptr;
        const uint32_t m = mention_from(e);  // the last one before e: closest to the head noun
        return m > c_.mention_begin && c_.mentions[m - 1].token >= b ? &c_.mentions[m - 1] : nullptr;
    }

    // The nearest mention to `anchor`: the last one ending at or before it (distance anchor - end),
    // else one overlapping it or after it (distance token - anchor + 4, in uint32 arithmetic); on a
    // tie the earlier one, unless a later one is a segment. Only three mentions can be nearest: the
    // last before, the one overlapping the anchor and the first at or after it.
    const Mention* nearest_mention(uint32_t anchor, bool before_only) const {
        const Mention* best = nullptr;
        uint32_t bd = 0;
        uint32_t from = c_.mention_begin, to = c_.mention_end;  // few: all of them
        if (to - from > kFewMentions) {
            const uint32_t at = mention_from(anchor);
            from = at > c_.mention_begin + 1 ? at - 2 : c_.mention_begin;
            to = at < c_.mention_end ? at + 1 : at;
        }
        for (uint32_t m = from; m < to; ++m) {
            const Mention& mn = c_.mentions[m];
            uint32_t e = mention_end_token(c_.doc, mn, last());
            bool before = e <= anchor;
            if (before_only && !before) continue;
            uint32_t d = before ? anchor - e : mn.token - anchor + 4;  // before wins ties
            if (!best || d < bd || (d == bd && mn.is_segment)) best = &mn, bd = d;
        }
        return best;
    }

    std::string_view company_ticker(uint32_t anchor) const {
        if (const Mention* m = nearest_mention(anchor, false); m && !m->ticker.empty()) return m->ticker;
        if (last_company_ && !last_company_->ticker.empty()) return last_company_->ticker;
        if (last_mention_ && !last_mention_->ticker.empty()) return last_mention_->ticker;
        const auto& tickers = c_.doc.event().tickers;
        return tickers.empty() ? std::string_view{} : tickers.front();
    }

    // Entity and ticker of a metric: a name inside the kind's noun phrase or the figure's, then
    // the nearer of a product phrase and a named entity before, then the context.
    void attribute(Metric& m, const MetricExtractor::Hit* h, uint32_t tb, uint32_t te, bool np_after) {
        const Mention* mn = nullptr;
        if (h) mn = mention_in(h->np_begin >= first() + 3 ? h->np_begin - 3 : first(), h->begin);
        if (mn && mention_end_token(c_.doc, *mn, last()) + 2 < h->np_begin) mn = nullptr;
        if (!mn && np_after) mn = mention_in(te, h ? h->begin : te + 3);
        uint32_t anchor = h && h->end <= tb ? h->np_begin : tb;
        if (!mn && np_after && h && h->begin > te) {
            // A name the alias table does not know, between the figure and its kind: "$100B-plus Anthropic commitment".
            for (uint32_t t = te; t < h->np_begin; ++t) {
                const Token& tk = c_.doc.tokens[t];
                std::string_view x = c_.tok(t);
                bool has_lower = false;
                for (char ch : x) has_lower |= ch >= 'a' && ch <= 'z';
                if (tk.kind == TokenKind::word && tk.capitalized && x.size() >= 3 && has_lower && (F(t) & ~W::kPeriodStart) == 0) {
                    m.entity = x;
                    m.ticker = company_ticker(anchor);
                    return;
                }
            }
        }
        if (!mn) {
            std::string_view ptext;
            uint32_t phead = 0;
            const Mention* before = nearest_mention(anchor, true);
            uint32_t before_end = before ? mention_end_token(c_.doc, *before, last()) : 0;
            uint32_t min_t = anchor > first() + 12 ? anchor - 12 : first();
            if (product_before(anchor, min_t, ptext, phead) && (!before || phead >= before_end)) {
                m.entity = ptext;
                m.ticker = company_ticker(anchor);
                product_seen_ = ptext;
                return;
            }
            mn = before ? before : nearest_mention(anchor, false);
        }
        if (!mn) mn = last_mention_;
        if (!mn) {
            m.ticker = company_ticker(anchor);
            return;
        }
        // A segment has no per-share figure: EPS belongs to the company.
        m.entity = (m.kind == MetricKind::eps && mn->is_segment) ? mn->company : mn->entity;
        // A partner without a ticker ("Anthropic commitment"): the figure is the reporting company's.
        m.ticker = !mn->ticker.empty() ? mn->ticker : company_ticker(anchor);
    }

    void finish(Metric& m, uint32_t tb, uint32_t te, const MetricExtractor::Hit* h) {
        uint32_t b = h && h->begin < tb ? h->begin : tb;
        uint32_t e = h && h->end > te ? h->end : te;
        if ((h && h->forecast) || forecast_in(b, e > b ? e - 1 : b)) m.forecast = true;
        if (!periods_done_) {
            n_periods_ = periods::all(c_.doc, *c_.sent, fl_, W::kPeriodStart, periods_, kMaxPeriods);
            periods_done_ = true;
        }
        if (const periods::Found* p = periods::nearest_of(periods_, n_periods_, tb)) {
            m.period = p->period;
            if (p->after_by) m.forecast = true;
        }
    }

    // Is the figure in brackets right after another figure ("EUR 46 million ( USD 64.5 m )")?
    bool is_conversion(size_t fi) const {
        if (fi == 0) return false;
        const Quantity& q = c_.quantities[figs_[fi].q];
        const Quantity& p = c_.quantities[figs_[fi - 1].q];
        if (!figs_[fi - 1].money || p.span.field != q.span.field) return false;
        std::string_view s = c_.doc.event().field(q.span.field);
        size_t i = num::skip_spaces_back(s, q.span.begin);
        if (i == 0 || s[i - 1] != '(') return false;
        return num::skip_spaces_back(s, i - 1) == p.span.end;
    }

    // An earlier value follows from/versus/against/compared with, directly or through its kind:
    // "from $4.5 mn", "from a profit of $300 million", "compared with revenue of $2.4 billion".
    // `sign` is +1 or -1 when that kind says whether the earlier value was a profit or a loss.
    bool prior_cue_before(uint32_t tb, int* sign = nullptr) const {
        if (tb <= first()) return false;
        auto cue_at = [this](uint32_t t) {  // the cue ends just before token t
            if (t <= first()) return false;
            if (F(t - 1) & W::kPriorCue) return true;
            std::string_view a = c_.tok(t - 1), b = t >= first() + 2 ? c_.tok(t - 2) : std::string_view{};
            return (eq_ci(a, "with") || eq_ci(a, "to")) && eq_ci(b, "compared");
        };
        if (cue_at(tb)) return true;
        if (tb < first() + 3 || !eq_ci(c_.tok(tb - 1), "of")) return false;
        // The one hit ending right before "of" (hits do not overlap).
        auto it = std::lower_bound(hits_.begin(), hits_.end(), tb - 1,
                                   [](const MetricExtractor::Hit& h, uint32_t x) { return h.end < x; });
        for (; it != hits_.end() && it->end == tb - 1; ++it) {
            const MetricExtractor::Hit& h = *it;
            if (h.modifier) continue;
            uint32_t b = h.begin;
            for (int k = 0; k < 2 && b > first(); ++k) {
                std::string_view d = c_.tok(b - 1);
                if (!eq_ci(d, "a") && !eq_ci(d, "an") && !eq_ci(d, "the") && !eq_ci(d, "its")) break;
                --b;
            }
            if (!cue_at(b)) return false;
            if (sign) *sign = h.loss ? -1 : 1;
            return true;
        }
        return false;
    }

    void money_pass() {
        has_pending_prior_ = false;
        for (size_t fi = 0; fi < figs_.size(); ++fi) {
            auto& fg = figs_[fi];
            if (!fg.money) continue;
            const Quantity& q = c_.quantities[fg.q];
            if (is_conversion(fi)) {
                // In brackets and in the same currency it is the year before, not a conversion
                // ("net sales EUR 845.2 million (EUR 790.1 million)", as Nordic reports write it).
                const MetricExtractor::Fig& pf = figs_[fi - 1];
                if (pf.metric >= 0 && c_.quantities[pf.q].unit == q.unit) {
                    Metric& pm = c_.out[static_cast<size_t>(pf.metric)];
                    if (!pm.has_prior) {
                        pm.has_prior = true;
                        pm.prior_value = pm.value < 0 && q.value > 0 ? -q.value : q.value;
                    }
                }
                continue;
            }
            int prior_sign = 0;
            if (prior_cue_before(fg.tb, &prior_sign)) {
                // An earlier value does not separate the later figure from its kind word.
                for (uint32_t k = fg.tb; k < fg.te && k < last(); ++k) fl_[k - first_] &= ~kFigureFlag;
                set_prior(q, fg.te, prior_sign);
                continue;
            }
            const MetricExtractor::Hit* h = hit_after(fg);
            bool np_after = h != nullptr;
            if (!h) h = hit_before(fg.tb, 14);
            if (!h) continue;
            if (h->kind == MetricKind::operating_margin || h->kind == MetricKind::gross_margin) continue;
            if (h->kind == MetricKind::eps && dividend_before(fg.tb)) continue;  // "a dividend of 52p per share"
            Metric m;
            m.kind = h->kind;
            m.has_value = true;
            m.value = q.value;
            if (h->loss && m.value > 0) m.value = -m.value;
            m.unit = q.unit;
            m.qualifier = q.qualifier;
            m.span = q.span;
            m.text = q.text;
            attribute(m, h, fg.tb, fg.te, np_after || (fg.te < last() && (eq_ci(c_.tok(fg.te), "of"))));
            finish(m, fg.tb, fg.te, h);
            if (!np_after) m.change.direction = direction_to(h, fg.tb);
            // "a net loss of $120 million, or 35 cents a share": the per-share figure of a loss.
            if (m.kind == MetricKind::eps && m.value > 0 && c_.out.size() > first_metric_ && c_.out.back().has_value &&
                c_.out.back().value < 0 && fg.tb >= first() + 2 && eq_ci(c_.tok(fg.tb - 1), "or") && c_.tok(fg.tb - 2) == ",")
                m.value = -m.value;
            if (has_pending_prior_ && pending_prior_unit_ == q.unit) {
                m.has_prior = true;
                m.prior_value = pending_prior_sign_ > 0   ? std::fabs(pending_prior_)
                                : pending_prior_sign_ < 0 ? -std::fabs(pending_prior_)
                                : h->loss && pending_prior_ > 0 ? -pending_prior_
                                                                : pending_prior_;
                if (m.change.basis == Basis::none) m.change.basis = pending_prior_basis_;
                has_pending_prior_ = false;
            }
            fg.metric = static_cast<int>(c_.out.size());
            push(m);
        }
        for (size_t i = first_metric_; i < c_.out.size(); ++i) direction_from_prior(c_.out[i]);
    }

    // `te` ends the earlier figure: what follows it may say how far back it is ("versus $1.05 a
    // year ago"), which is the basis of the change the two figures make.
    void set_prior(const Quantity& q, uint32_t te, int sign = 0) {
        const Basis basis = basis_after(te, te, te);
        // A value before it in the sentence with the same unit and the closest magnitude, nearest
        // first ("net loss of $44 million, or 9 cents a share, from $130 million": the loss, not
        // the per-share figure); else the next one.
        Metric* best = nullptr;
        double best_gap = 0.0;
        const size_t stop = c_.out.size() - first_metric_ > kMaxCandidates ? c_.out.size() - kMaxCandidates : first_metric_;
        for (size_t i = c_.out.size(); i > stop; --i) {
            Metric& m = c_.out[i - 1];
            if (!m.has_value || m.has_prior || !(m.unit == q.unit) || m.span.begin >= q.span.begin) continue;
            const double a = std::fabs(m.value), b = std::fabs(q.value);
            const double gap = a > 0 && b > 0 ? std::fabs(std::log(a / b)) : 1e9;
            if (!best || gap < best_gap) {
                best = &m;
                best_gap = gap;
            }
        }
        if (best) {
            best->has_prior = true;
            // Named, the earlier kind decides ("a loss ... from a profit of"); else it is like the later.
            best->prior_value = sign > 0 ? std::fabs(q.value)
                                : sign < 0 ? -std::fabs(q.value)
                                           : best->value < 0 && q.value > 0 ? -q.value : q.value;
            if (best->change.basis == Basis::none) best->change.basis = basis;
            return;
        }
        has_pending_prior_ = true;
        pending_prior_ = q.value;
        pending_prior_unit_ = q.unit;
        pending_prior_basis_ = basis;
        pending_prior_sign_ = sign;
    }

    // "backlog grew to a record $57 billion", "pre-tax profit fell to 2.3 million pounds": the verb
    // between the kind and a "to" before the figure says which way the value moved. A loss is a
    // negative value: "loss increased to" moves it down, "loss narrowed to" up. "Up to" and
    // "compared to" are no moves.
    Direction direction_to(const MetricExtractor::Hit* h, uint32_t tb) const {
        if (h->end > tb) return Direction::none;
        for (uint32_t t = h->end; t < tb; ++t) {
            if (eq_ci(c_.tok(t), "at") && t > h->end && (F(t - 1) & W::kFlat)) return Direction::flat;  // "flat at $2.9 billion"
            if (!eq_ci(c_.tok(t), "to")) continue;
            if (t > first() && (eq_ci(c_.tok(t - 1), "compared") || eq_ci(c_.tok(t - 1), "up"))) return Direction::none;
            Direction d = Direction::none;
            for (uint32_t k = h->end; k < t; ++k) {
                const uint32_t f = F(k);
                if (f & (W::kUp | W::kWiden)) d = h->loss ? Direction::down : Direction::up;
                else if (f & (W::kDown | W::kNarrow)) d = h->loss ? Direction::up : Direction::down;
                else if (f & W::kFlat) d = Direction::flat;
            }
            return d;
        }
        return Direction::none;
    }

    // A per-share figure of a dividend is not earnings per share.
    bool dividend_before(uint32_t tb) const {
        for (uint32_t t = tb > first() + 8 ? tb - 8 : first(); t < tb; ++t) {
            std::string_view x = c_.tok(t);
            if (eq_ci(x, "dividend") || eq_ci(x, "dividends") || eq_ci(x, "payout")) return true;
        }
        return false;
    }

    static void direction_from_prior(Metric& m) {
        if (!m.has_prior || m.change.direction != Direction::none) return;
        m.change.direction = m.value > m.prior_value ? Direction::up
                             : m.value < m.prior_value ? Direction::down
                                                       : Direction::flat;
    }

    Direction direction_in(uint32_t b, uint32_t e, bool loss) const {
        Direction d = Direction::none;
        for (uint32_t t = b; t < e; ++t) {
            uint32_t f = F(t);
            if (f & W::kUp) d = Direction::up;
            else if (f & W::kDown) d = Direction::down;
            else if (f & W::kFlat) d = Direction::flat;
            else if (f & W::kNarrow) d = loss ? Direction::up : Direction::down;
            else if (f & W::kWiden) d = loss ? Direction::down : Direction::up;
        }
        return d;
    }

    Basis basis_after(uint32_t te, uint32_t b, uint32_t e_between) const {
        for (uint32_t t = b; t < e_between; ++t)
            if (F(t) & W::kAnnualized) return Basis::annualized;
        for (uint32_t t = te; t < last() && t < te + 7; ++t) {
            uint32_t f = F(t);
            std::string_view x = c_.tok(t);
            if ((f & (kPunctComma | W::kClause)) || eq_ci(x, "and") || eq_ci(x, "or") || eq_ci(x, "with")) break;
            if (f & W::kPeriodWord) return Basis::yoy;
            if (x.size() == 1 && c_.tok(t + 1) == "/" && t + 2 < last() && eq_ci(c_.tok(t + 2), x)) {
                if (x[0] == 'y' || x[0] == 'Y') return Basis::yoy;  // "y/y" as three tokens
                if (x[0] == 'q' || x[0] == 'Q') return Basis::qoq;
            }
            if (f & W::kSequential) return (x[0] == 'q' || x[0] == 'Q') ? Basis::qoq : Basis::sequential;
            if (eq_ci(x, "year-ago") || eq_ci(x, "year-earlier") || eq_ci(x, "prior-year") || eq_ci(x, "previous-year"))
                return Basis::yoy;
            if (eq_ci(x, "prior-quarter") || eq_ci(x, "previous-quarter")) return Basis::qoq;
            if (eq_ci(x, "annualized") || eq_ci(x, "annualised")) return Basis::annualized;
            // The next tokens are read only after a word that starts a two- or three-word basis.
            const bool year = eq_ci(x, "year"), quarter = eq_ci(x, "quarter");
            const bool before_year = eq_ci(x, "last") || eq_ci(x, "previous") || eq_ci(x, "prior");
            if (!year && !quarter && !before_year) continue;
            std::string_view n1 = c_.tok(t + 1), n2 = c_.tok(t + 2);
            const bool over = eq_ci(n1, "over") || eq_ci(n1, "on");
            if (year && over && eq_ci(n2, "year")) return Basis::yoy;
            if (quarter && over && eq_ci(n2, "quarter")) return Basis::qoq;
            if ((year && (eq_ci(n1, "earlier") || eq_ci(n1, "ago"))) || (before_year && eq_ci(n1, "year")))
                return Basis::yoy;
            if ((quarter && eq_ci(n1, "earlier")) || (before_year && eq_ci(n1, "quarter"))) return Basis::qoq;
        }
        return Basis::none;
    }

    // Percentages: a margin's value, a share of something (ignored) or the change of a kind.
    void change_pass() {
        for (auto& fg : figs_) {
            const Quantity& q = c_.quantities[fg.q];
            if (q.unit.view() == "bp") {
                margin_bp(fg, q);
                continue;
            }
            if (!q.unit.is_percent()) continue;
            uint32_t nt = fg.te;
            std::string_view next = c_.tok(nt);
            if (eq_ci(next, "of") || (nt < last() && (F(nt) & W::kStock))) continue;  // "28% of revenue", "a 5% stake"
            // Forward: "21% expected annualized EPS growth", "a 5% rise in revenue".
            const MetricExtractor::Hit* h = nullptr;
            Direction dir = Direction::none;
            uint32_t between_b = fg.te, between_e = fg.te;
            for (uint32_t t = fg.te; t < last() && t < fg.te + 5; ++t) {
                uint32_t f = F(t);
                if (const MetricExtractor::Hit* x = hit_at(t)) {
                    if (F(x->end < last() ? x->end : t) & W::kGrowthNoun) {
                        h = x;
                        dir = direction_in(x->end, x->end + 1, x->loss);
                        between_e = t;
                    }
                    break;
                }
                if (f & W::kGrowthNoun) {
                    if (eq_ci(c_.tok(t + 1), "in"))
                        if (const MetricExtractor::Hit* x = hit_at(t + 2)) {
                            h = x;
                            dir = direction_in(t, t + 1, x->loss);
                        }
                    break;
                }
                if (c_.doc.tokens[t].kind != TokenKind::word || (f & (W::kStop | kMentionFlag))) break;
            }
            bool margin = false;
            // A segment right before the move outranks a kind word further back ("YouTube ad
            // revenue rose 13%, while Google Cloud jumped 34%").
            if (!h && segment_move(fg, q)) continue;
            if (!h) {
                h = hit_before(fg.tb, 12, true);
                if (h) {
                    bool stock = false;
                    for (uint32_t j = h->end; j < fg.tb; ++j) stock |= (F(j) & W::kStock) != 0;
                    if (stock) continue;
                    dir = direction_in(h->end, fg.tb, h->loss);
                    // "an increase in revenue of 12%": the move is named before the kind.
                    if (dir == Direction::none && h->begin >= first() + 2 && eq_ci(c_.tok(h->begin - 1), "in"))
                        dir = direction_in(h->begin - 2, h->begin - 1, h->loss);
                    if (dir == Direction::none) dir = direction_in(fg.te, fg.te + 1 < last() ? fg.te + 1 : fg.te, h->loss);
                    between_b = h->end;
                    between_e = fg.tb;
                    margin = h->kind == MetricKind::operating_margin || h->kind == MetricKind::gross_margin;
                }
            }
            if (!h) continue;
            if (margin) {
                margin_figure(fg, q, h, dir);
                continue;
            }
            // "growth slowed to 33% from 39%": the rate after the cue is the earlier rate, not a
            // second change.
            if (prior_cue_before(fg.tb)) continue;
            if (dir == Direction::none && q.value < 0) dir = Direction::down;
            if (dir == Direction::none) continue;
            Change ch;
            ch.direction = dir;
            ch.has_percent = true;
            ch.percent = dir == Direction::down ? -std::fabs(q.value) : std::fabs(q.value);
            ch.basis = basis_after(fg.te, between_b, between_e);
            attach_change(ch, h, fg.tb, fg.te, q);
        }
    }

    // "Azure grew 40%", "Google Cloud grew 34%", "Azure growth of 37%": a segment or product does
    // not trade, so its growth is its revenue's. Only growth words count: a brand can also be a
    // listed name, and "Peugeot fell 0.81 pct" is a share price.
    static bool growth_word(std::string_view x) {
        static constexpr std::string_view kWords[] = {"grew",     "grow",       "grows",      "growing", "expanded",
                                                      "expands",  "shrank",     "shrinks",    "contracted"};
        for (std::string_view w : kWords)
            if (eq_ci(x, w)) return true;
        return false;
    }
    bool segment_move(const MetricExtractor::Fig& fg, const Quantity& q) {
        // A segment ending one or two tokens before the figure is among the last three mentions
        // that start before it (mentions do not overlap).
        const uint32_t to = mention_from(fg.tb);
        for (uint32_t mi = to > c_.mention_begin + 3 ? to - 3 : c_.mention_begin; mi < to; ++mi) {
            const Mention& mn = c_.mentions[mi];
            if (!mn.is_segment) continue;
            const uint32_t e = mention_end_token(c_.doc, mn, last());
            Direction dir = Direction::none;
            if (e + 1 == fg.tb && e < last() && growth_word(c_.tok(e))) {
                const std::string_view x = c_.tok(e);
                dir = eq_ci(x, "shrank") || eq_ci(x, "shrinks") || eq_ci(x, "contracted") ? Direction::down : Direction::up;
            }
            else if (e + 2 == fg.tb && eq_ci(c_.tok(e), "growth") && eq_ci(c_.tok(e + 1), "of"))
                dir = Direction::up;
            if (dir == Direction::none) continue;
            Change ch;
            ch.direction = dir;
            ch.has_percent = true;
            ch.percent = dir == Direction::down ? -std::fabs(q.value) : std::fabs(q.value);
            ch.basis = basis_after(fg.te, fg.te, fg.te);
            MetricExtractor::Hit seg;
            seg.begin = seg.np_begin = seg.end = e;  // right after the name, which attribution finds before it
            seg.kind = MetricKind::revenue;
            attach_change(ch, &seg, fg.tb, fg.te, q);
            return true;
        }
        return false;
    }

    static bool is_margin(MetricKind k) { return k == MetricKind::operating_margin || k == MetricKind::gross_margin; }

    // The latest metric of this kind in the sentence, or null (kept per kind by push()).
    Metric* sentence_metric(MetricKind kind) {
        const int32_t i = last_of_kind_[static_cast<size_t>(kind)];
        return i >= 0 ? &c_.out[static_cast<size_t>(i)] : nullptr;
    }

    // A margin's percentage is its level ("fell to 9.5% from 11.2%"), unless it comes right after
    // the direction word or "by", or is written in points: then it is the change, in points.
    void margin_figure(const MetricExtractor::Fig& fg, const Quantity& q, const MetricExtractor::Hit* h, Direction dir) {
        if (prior_cue_before(fg.tb)) {
            Metric* m = sentence_metric(h->kind);
            if (m && m->has_value && !m->has_prior && m->unit == q.unit) {
                m->has_prior = true;
                m->prior_value = q.value;
                if (m->change.basis == Basis::none) m->change.basis = basis_after(fg.te, fg.te, fg.te);
                direction_from_prior(*m);
            }
            return;
        }
        const uint32_t before = fg.tb > first() ? F(fg.tb - 1) : 0;
        const bool change = (before & (W::kUp | W::kDown | W::kWiden | W::kNarrow)) ||
                            (fg.tb > first() && eq_ci(c_.tok(fg.tb - 1), "by")) || q.text.find("point") != std::string_view::npos;
        if (change) {
            margin_change(fg, q, h, dir, q.value);
            return;
        }
        Metric* m = sentence_metric(h->kind);
        if (m && !m->has_value) {  // the change came first ("widened 1.2 points to 15%")
            take_value(*m, q);
            return;
        }
        Metric nm;
        take_value(nm, q);
        nm.change.direction = dir;
        push_metric(nm, h, fg.tb, fg.te);
    }

    // The figure's value, unit and bytes on a metric.
    static void take_value(Metric& m, const Quantity& q) {
        m.has_value = true;
        m.value = q.value;
        m.unit = q.unit;
        m.qualifier = q.qualifier;
        m.span = q.span;
        m.text = q.text;
    }

    // A new metric of the hit's kind, with entity, period and forecast from the context.
    void push_metric(Metric& m, const MetricExtractor::Hit* h, uint32_t tb, uint32_t te) {
        m.kind = h->kind;
        attribute(m, h, tb, te, false);
        finish(m, tb, te, h);
        push(m);
    }

    void push(const Metric& m) {
        last_of_kind_[static_cast<size_t>(m.kind)] = static_cast<int32_t>(c_.out.size());
        c_.out.push_back(m);
    }

    // "gross margin expanded 120 basis points", "margin was 14.2%, down 80 bp".
    void margin_bp(const MetricExtractor::Fig& fg, const Quantity& q) {
        const MetricExtractor::Hit* h = hit_before(fg.tb, 12, true);
        if (!h || !is_margin(h->kind)) return;
        Direction dir = direction_in(h->end, fg.tb, false);
        if (dir == Direction::none) dir = direction_in(fg.te, fg.te + 1 < last() ? fg.te + 1 : fg.te, false);
        margin_change(fg, q, h, dir, q.value / 100.0);
    }

    void margin_change(const MetricExtractor::Fig& fg, const Quantity& q, const MetricExtractor::Hit* h, Direction dir,
                       double points) {
        if (dir == Direction::none && points < 0) dir = Direction::down;
        if (dir == Direction::none) return;
        Change ch;
        ch.direction = dir;
        ch.has_points = true;
        ch.points = dir == Direction::down ? -std::fabs(points) : std::fabs(points);
        if (Metric* m = sentence_metric(h->kind)) {
            const Basis basis = m->change.basis;
            m->change = ch;
            m->change.basis = basis;
            return;
        }
        Metric nm;
        nm.change = ch;
        nm.span = q.span;
        nm.text = q.text;
        push_metric(nm, h, fg.tb, fg.te);
    }

    void attach_change(const Change& ch, const MetricExtractor::Hit* h, uint32_t tb, uint32_t te, const Quantity& q) {
        // The value of the same kind stated in this sentence takes the change ("$37.6B ..., up 28%").
        // The nearest by bytes, the earlier on a tie. The money pass's values are in figure order:
        // the nearest on each side of the change is the first one that qualifies, searched from
        // where it would sort (at most kMaxCandidates steps each way); later metrics, the latest
        // kMaxCandidates of them.
        Metric* best = nullptr;
        uint32_t bd = 0;
        size_t bi = 0;
        auto consider = [&](size_t i) {
            Metric& m = c_.out[i];
            if (m.kind != h->kind || m.change.has_percent || !m.has_value) return false;
            uint32_t d = m.span.begin > q.span.begin ? m.span.begin - q.span.begin : q.span.begin - m.span.begin;
            if (!best || d < bd || (d == bd && i < bi)) best = &m, bd = d, bi = i;
            return true;
        };
        const auto run_b = c_.out.begin() + static_cast<std::ptrdiff_t>(first_metric_);
        const auto run_e = c_.out.begin() + static_cast<std::ptrdiff_t>(money_end_);
        const size_t at = static_cast<size_t>(
            std::lower_bound(run_b, run_e, q.span.begin, [](const Metric& m, uint32_t x) { return m.span.begin < x; }) -
            c_.out.begin());
        for (size_t i = at, k = 0; i > first_metric_ && k < kMaxCandidates; ++k)
            if (consider(--i)) break;
        for (size_t i = at, k = 0; i < money_end_ && k < kMaxCandidates; ++i, ++k)
            if (consider(i)) break;
        const size_t from = c_.out.size() - money_end_ > kMaxCandidates ? c_.out.size() - kMaxCandidates : money_end_;
        for (size_t i = from; i < c_.out.size(); ++i) consider(i);
        if (best) {
            const Basis known = best->change.basis;  // from its prior value ("... a year earlier")
            best->change = ch;
            if (best->change.basis == Basis::none) best->change.basis = known;
            return;
        }
        Metric m;
        m.change = ch;
        m.span = q.span;
        m.text = q.text;
        push_metric(m, h, tb, te);
    }

    // "revenue doubled", "profit halved": a change without a figure.
    void multiplier_pass() {
        for (const auto& h : hits_) {
            if (h.modifier) continue;
            for (uint32_t t = h.end; t < last() && t < h.end + 3; ++t) {
                uint32_t f = F(t);
                double pct = (f & W::kDouble) ? 100.0 : (f & W::kTriple) ? 200.0 : (f & W::kHalve) ? -50.0 : 0.0;
                if (pct == 0.0) continue;
                Change ch;
                ch.direction = pct > 0 ? Direction::up : Direction::down;
                ch.has_percent = true;
                ch.percent = pct;
                Quantity q;
                const Token& tk = c_.doc.tokens[t];
                q.span = {tk.field, tk.begin, tk.end};
                q.text = c_.doc.text(tk);
                attach_change(ch, &h, t, t + 1, q);
                break;
            }
        }
    }

    Ctx& c_;
    std::vector<uint32_t>& flags_;
    std::vector<MetricExtractor::Hit>& hits_;
    std::vector<MetricExtractor::Fig>& figs_;
    size_t first_metric_ = 0;
    size_t money_end_ = 0;  // [first_metric_, money_end_): the money pass's metrics, in figure order
    // A figure looks for the metric it completes (an earlier value, a change's value) among the
    // sentence's latest kMaxCandidates metrics only: a sentence of normal text holds a few, and a
    // hostile one of 100,000 figures would otherwise cost a walk over all of them per figure.
    static constexpr size_t kMaxCandidates = 32;
    static constexpr uint32_t kShortSentence = 64;  // tokens: forecast_in walks its clause
    static constexpr uint32_t kFewMentions = 8;     // mentions in the sentence: lookups walk them all
    int32_t last_of_kind_[static_cast<size_t>(MetricKind::count_)];  // index in c_.out, -1: none
    std::vector<uint32_t>& clauses_;  // table_clauses(): clause begins, ends, cue counts
    bool clauses_done_ = false;
    bool has_pending_prior_ = false;
    double pending_prior_ = 0;
    Unit pending_prior_unit_;
    Basis pending_prior_basis_ = Basis::none;
    int pending_prior_sign_ = 0;
    static constexpr size_t kMaxPeriods = 8;
    periods::Found periods_[kMaxPeriods];
    size_t n_periods_ = 0;
    bool periods_done_ = false;
    uint32_t first_ = 0, last_ = 0;
    uint32_t* fl_ = nullptr;  // flags_.data() once sized
    const Mention* last_mention_ = nullptr;
    const Mention* last_company_ = nullptr;
    std::string_view last_product_;
    std::string_view product_seen_;
};

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

int year_of(int64_t ms) {
    int64_t days = ms / 86400000;
    if (ms < 0 && ms % 86400000) --days;
    // civil_from_days (Howard Hinnant)
    days += 719468;
    int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    int64_t doe = days - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    return static_cast<int>(m <= 2 ? y + 1 : y);
}

}  // namespace

void MetricExtractor::extract(const Document& doc, const std::vector<Mention>& mentions,
                              const std::vector<Quantity>& quantities, std::vector<Metric>& out) {
    Ctx c{doc, mentions, quantities, out};
    c.pub_year = doc.event().has_published_at ? year_of(doc.event().published_at_ms) : 0;
    const Mention* last_mention = nullptr;
    const Mention* last_company = nullptr;
    std::string_view last_product;
    MultiplierCursor mult;
    uint32_t qi = 0, mi = 0;
    const uint32_t nq = static_cast<uint32_t>(quantities.size());
    const uint32_t nm = static_cast<uint32_t>(mentions.size());
    for (uint32_t si = 0; si < doc.sentences.size(); ++si) {
        const Sentence& whole = doc.sentences[si];
        // Most sentences hold no figure and no multiplier word: skip them before any splitting.
        // (Mentions passed over here are picked up by the next read sentence's catch-up loop.)
        while (qi < nq && (static_cast<uint8_t>(quantities[qi].span.field) < static_cast<uint8_t>(whole.field) ||
                           (quantities[qi].span.field == whole.field && quantities[qi].span.begin < whole.begin)))
            ++qi;
        const bool whole_has_figure =
            qi < nq && quantities[qi].span.field == whole.field && quantities[qi].span.begin < whole.end;
        if (!whole_has_figure && !multiplier_sentence(doc, mult, whole))
            continue;
        Sentence s = whole;
        while (s.first_token < whole.last_token) {
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
                last_mention = &mentions[mi];
                if (!mentions[mi].is_segment) last_company = &mentions[mi];
                ++mi;
            }
            uint32_t me = mi;
            while (me < nm && mentions[me].token < s.last_token) ++me;
            if (qe > qi || multiplier_sentence(doc, mult, s)) {
                c.sent = &s;
                c.field = doc.event().field(s.field);
                c.si = si;
                c.mention_begin = mi;
                c.mention_end = me;
                SentenceReader r(c, flags_, hits_, figs_, clauses_);
                r.run(qi, qe, last_mention, last_product, last_company);
            }
            qi = qe;
            s.first_token = s.last_token;
        }
    }
}

}  // namespace herald::analysis
