// The reader's first pass over a sentence: word flags per token, the kind phrases ("hits"),
// the figures' tokens, clause bounds and forecast cues. Later passes only read what it marks.
#include "metrics_reader.hpp"
#include "numbers.hpp"

namespace herald::analysis::metric_reader {

void SentenceReader::run(uint32_t q_begin, uint32_t q_end, Carry& carry) {
    last_mention_ = carry.last_mention;
    last_product_ = carry.last_product;
    last_company_ = carry.last_company;
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
        carry.last_mention = &c_.mentions[m];
        if (!c_.mentions[m].is_segment) carry.last_company = &c_.mentions[m];
    }
    if (!product_seen_.empty()) carry.last_product = product_seen_;
}

void SentenceReader::tag_tokens() {
    first_ = c_.sent->first_token;
    last_ = c_.sent->last_token;
    flags_.resize(last() - first());
    fl_ = flags_.data();
    W::word_flags(c_.doc, first(), last(), fl_);
    const std::string_view field = c_.doc.event().field(c_.sent->field);
    const Token* toks = c_.doc.tokens.data() + first_;  // locals: the flag stores could alias members
    for (uint32_t k = 0, n = last_ - first_; k < n; ++k) {
        if (toks[k].kind != TokenKind::punct) {
            if (((fl_[k] & (W::kForecast | W::kStop)) || toks[k].kind == TokenKind::number) && forecast_cue(first_ + k))
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

void SentenceReader::find_hits() {
    hits_.clear();
    for (uint32_t t = first(); t < last(); ++t) {
        uint32_t f = F(t);
        if (!(f & (W::kKind | W::kPhrase))) continue;
        std::string_view x = c_.tok(t);
        W::PhraseMatch pm;
        if (f & W::kPhrase) pm = W::match_phrase(x, [&](uint32_t k) { return c_.tok(t + k); });
        Hit h;
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
            Hit& prev = hits_.back();
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

void SentenceReader::map_figures(uint32_t q_begin, uint32_t q_end) {
    figs_.clear();
    const Token* toks = c_.doc.tokens.data();
    const uint32_t last = last_;
    uint32_t t = first_;
    for (uint32_t qi = q_begin; qi < q_end; ++qi) {
        const Quantity& q = c_.quantities[qi];
        while (t < last && toks[t].end <= q.span.begin) ++t;
        uint32_t e = t;
        while (e < last && toks[e].begin < q.span.end) ++e;
        Fig fg;
        fg.q = qi;
        fg.tb = t;
        fg.te = e > t ? e : t + 1;
        fg.money = !q.unit.is_percent() && !(q.unit.view() == "bp");
        if (fg.money)
            for (uint32_t k = fg.tb; k < fg.te && k < last; ++k) fl_[k - first_] |= kFigureFlag;
        figs_.push_back(fg);
    }
}

// The kind phrase a money figure heads or follows: "$37.6B in AWS revenue", "$20B run rate".
const Hit* SentenceReader::hit_after(const Fig& fg) const {
    uint32_t k = fg.te;
    if (k < last() && (eq_ci(c_.tok(k), "in") || eq_ci(c_.tok(k), "of") || eq_ci(c_.tok(k), "on"))) ++k;
    const Hit* found = nullptr;
    for (uint32_t j = k; j < last() && j < k + 5; ++j) {
        if (const Hit* h = hit_beginning(j)) {
            if (!h->modifier) found = h;
            j = h->end - 1;
            if (!h->modifier) break;
            continue;
        }
        uint32_t f = F(j);
        const Token& tk = c_.doc.tokens[j];
        if (tk.kind != TokenKind::word || (f & (W::kStop | W::kUp | W::kDown | W::kForecast)) || (f & kFigureFlag))
            break;
    }
    return found;
}

// The nearest kind phrase before a figure in its clause, not claimed across another money figure.
// A change may follow its kind's value ("revenue accelerated to $37.6B, up 28%"), so percentages
// look across money figures; money figures do not.
// The last unblocked hit in range is the nearest; a block between the latest candidate and the
// figure also lies between every earlier one and the figure, so only the latest is tested.
const Hit* SentenceReader::hit_before(uint32_t tb, uint32_t max_dist, bool across_figures) const {
    const uint32_t block = (across_figures ? 0u : kFigureFlag) | kPunctHard | W::kClause;
    auto it = std::upper_bound(hits_.begin(), hits_.end(), tb, [](uint32_t x, const Hit& h) { return x < h.end; });
    while (it != hits_.begin()) {
        const Hit& h = *--it;
        if (tb - h.end > max_dist) return nullptr;
        if (h.modifier) continue;
        for (uint32_t j = h.end; j < tb; ++j)
            if (F(j) & block) return nullptr;
        return &h;
    }
    return nullptr;
}

// Does token t make its clause a projection? A forecast word, "by Q1"/"by 2028", or a later
// year after in/for/through.
// Words are compared by the tokenizer's key (a word equals a short literal ignoring case
// exactly when its key does; keyless words are long or non-ASCII).
bool SentenceReader::forecast_cue(uint32_t t) const {
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
bool SentenceReader::forecast_in(uint32_t b, uint32_t e) {
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

void SentenceReader::table_clauses() {
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

}  // namespace herald::analysis::metric_reader
