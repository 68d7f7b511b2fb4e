// Whose a metric is and when: entity and ticker from the names and product phrases around the
// figure, period from the sentence's period expressions, forecast from the clause's cues.
#include "metrics_reader.hpp"

namespace herald::analysis::metric_reader {

// Noun phrase headed by a product ("custom chips") or a unit noun with modifiers
// ("AI-related chips business" -> "AI-related chips"), searching back from token `from`.
// A bare unit noun ("the business") stands for the product named earlier in the sentence
// (searched back to its start, not only to min_t), else in an earlier sentence, with the last
// bare noun passed as its head. One walk back: this was a recursion per bare noun, exponential
// in time and deep in stack on "business business ... $5B".
bool SentenceReader::product_before(uint32_t from, uint32_t min_t, std::string_view& text, uint32_t& head) const {
    // Every answer needs a product or unit noun of the sentence (only the word table sets them):
    // without one the twelve-token walk per figure finds nothing.
    if (!(words_any_ & (W::kProduct | W::kUnitNoun))) return false;
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
            if (pt.kind != TokenKind::word || (pf & (W::kStop | W::kDeterminer | kMentionFlag | W::kKind))) break;
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

const Mention* SentenceReader::mention_in(uint32_t b, uint32_t e) const {
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
const Mention* SentenceReader::nearest_mention(uint32_t anchor, bool before_only) const {
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

std::string_view SentenceReader::company_ticker(uint32_t anchor) const {
    if (const Mention* m = nearest_mention(anchor, false); m && !m->ticker.empty()) return m->ticker;
    if (last_company_ && !last_company_->ticker.empty()) return last_company_->ticker;
    if (last_mention_ && !last_mention_->ticker.empty()) return last_mention_->ticker;
    const auto& tickers = c_.doc.event().tickers;
    return tickers.empty() ? std::string_view{} : tickers.front();
}

// A name the alias table does not know, between the figure and its kind: "$100B-plus Anthropic
// commitment". Sets entity and ticker when there is one.
bool SentenceReader::unknown_name_between(Metric& m, const Hit* h, uint32_t te, uint32_t anchor) {
    for (uint32_t t = te; t < h->np_begin; ++t) {
        const Token& tk = c_.doc.tokens[t];
        std::string_view x = c_.tok(t);
        bool has_lower = false;
        for (char ch : x) has_lower |= ch >= 'a' && ch <= 'z';
        if (tk.kind == TokenKind::word && tk.capitalized && x.size() >= 3 && has_lower && (F(t) & ~W::kPeriodStart) == 0) {
            m.entity = x;
            m.ticker = company_ticker(anchor);
            return true;
        }
    }
    return false;
}

// The company in context at token `anchor`: the nearest name's company, else the last company
// named, else the company of the last name.
std::string_view SentenceReader::company_name(uint32_t anchor) const {
    if (const Mention* m = nearest_mention(anchor, false); m && !m->company.empty()) return m->company;
    if (last_company_) return last_company_->company;
    if (last_mention_) return last_mention_->company;
    return {};
}

// Entity and ticker of a metric: a name inside the kind's noun phrase or the figure's, then
// the nearer of a product phrase and a named entity before, then the context. The entity is
// the company; a segment or product named so is the metric's segment.
void SentenceReader::attribute_entity(Metric& m, const Hit* h, uint32_t tb, uint32_t te, bool np_after) {
    entity_mention_ = nullptr;
    entity_mention_in_phrase_ = false;
    const Mention* mn = nullptr;
    // An analyst's price target is for the company after "on"/"for": "raised its price target on Acme".
    if (h && h->kind == MetricKind::price_target && (eq_ci(c_.tok(h->end), "on") || eq_ci(c_.tok(h->end), "for")))
        mn = mention_in(h->end + 1, h->end + 2);
    if (h && !mn) mn = mention_in(h->np_begin >= first() + 3 ? h->np_begin - 3 : first(), h->begin);
    if (mn && mention_end_token(c_.doc, *mn, last()) + 2 < h->np_begin) mn = nullptr;
    if (!mn && np_after) mn = mention_in(te, h ? h->begin : te + 3);
    entity_mention_in_phrase_ = mn != nullptr;
    // "Yves Saint Laurent sales were down 11% and Bottega Veneta posted a 2% rise": a business
    // opening an "and" predicate between the kind and the figure is the figure's subject.
    if (h && h->end + 2 < tb && c_.mention_end > c_.mention_begin)
        if (const Mention* between = mention_in(h->end, tb); between && between->is_segment && between != mn &&
                                                              between->token > h->end && eq_ci(c_.tok(between->token - 1), "and")) {
            mn = between;
            entity_mention_in_phrase_ = false;
        }
    uint32_t anchor = h && h->end <= tb ? h->np_begin : tb;
    if (!mn && np_after && h && h->begin > te && unknown_name_between(m, h, te, anchor)) return;
    if (!mn) {
        std::string_view ptext;
        uint32_t phead = 0;
        const Mention* before = nearest_mention(anchor, true);
        uint32_t before_end = before ? mention_end_token(c_.doc, *before, last()) : 0;
        uint32_t min_t = anchor > first() + 12 ? anchor - 12 : first();
        if (product_before(anchor, min_t, ptext, phead) && (!before || phead >= before_end)) {
            m.segment = ptext;
            m.entity = company_name(anchor);
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
    // The company bought is not the one paying: "Stryker to buy Masimo for $11.2 billion".
    if (m.kind == MetricKind::deal_value && !mn->is_segment)
        if (const Mention* buyer = buyer_of(*mn)) mn = buyer;
    entity_mention_ = mn;
    m.entity = mn->company.empty() ? mn->entity : mn->company;
    // A segment has no per-share figure: EPS belongs to the company.
    // Per-share figures of the stock (EPS, a price target, a dividend) are the company's.
    if (mn->is_segment && m.kind != MetricKind::eps && m.kind != MetricKind::price_target && m.kind != MetricKind::dividend)
        m.segment = mn->entity;
    // A partner without a ticker ("Anthropic commitment"): the figure is the reporting company's.
    m.ticker = !mn->ticker.empty() ? mn->ticker : company_ticker(anchor);
}

// The buyer of a company named right after a verb of buying ("to buy Masimo", "agreed to acquire
// Masimo Corp", "bid for Masimo"): the nearest other company before the verb in the sentence.
// A deal's price is the buyer's (the target's own figures stay the target's).
const Mention* SentenceReader::buyer_of(const Mention& bought) const {
    uint32_t verb = bought.token;
    for (uint32_t n = 0; n < 2 && verb > first(); ++n) {
        --verb;
        const uint64_t a = c_.doc.keys[verb].a;
        if (a == word_key("buy") || a == word_key("buys") || a == word_key("buying") || a == word_key("bought") ||
            a == word_key("acquire") || a == word_key("acquires") || a == word_key("acquiring") ||
            a == word_key("acquired") || a == word_key("purchase") || a == word_key("purchases")) {
            const Mention* buyer = nearest_mention(verb, true);
            if (buyer && !buyer->is_segment && buyer->company != bought.company) return buyer;
            return nullptr;
        }
        if (c_.doc.tokens[verb].kind != TokenKind::word || c_.doc.tokens[verb].capitalized) return nullptr;  // "rival"
    }
    return nullptr;
}

const periods::Found* SentenceReader::list_period(uint32_t tb) const {
    // Called per metric: figures are in token order, so the figures starting at tb are found by a
    // binary search, not a walk over all of the sentence's figures (quadratic in a hostile one).
    if (!lists_) return nullptr;
    auto it = std::upper_bound(figs_.begin(), figs_.end(), tb, [](uint32_t x, const Fig& f) { return x < f.tb; });
    const Fig* fg = nullptr;
    while (it != figs_.begin() && (it - 1)->tb == tb && !fg)
        if ((--it)->list_len) fg = &*it;
    if (!fg) return nullptr;
    for (size_t i = 0; i + fg->list_len <= n_periods_; ++i)
        if (periods_[i].list_len == fg->list_len && periods_[i].list_pos == 0) return &periods_[i + fg->list_pos];
    return nullptr;
}

// The period of another clause than the figure's [tb, te) gives way to one of the figure's own
// clause: "HCLTech Q3 net profit rises 9% to ₹4,740 crore, keeps FY27 growth outlook" is Q3's;
// "should cut costs ... by fiscal 2028, and it bought back $500 million of stock in the quarter"
// is the quarter's. Returns the one to use. Only the first kMaxPeriods periods are read, so p can
// lie far from a late figure: a long sentence answers from its clause table, not by walking the
// tokens between them (quadratic in a sentence of one clause and many figures).
const periods::Found* SentenceReader::clause_period(const periods::Found* p, uint32_t tb, uint32_t te) {
    if (n_periods_ < 2) return p;  // nothing to give way to (most sentences)
    constexpr uint32_t kEnds = kPunctComma | W::kClause | kScopeEnd;
    const bool after = p->token >= te;
    const uint32_t from = after ? te : p->end, to = after ? p->token : tb;
    bool across = false;
    uint32_t cb = 0, ce = 0;
    if (last_ - first_ > kShortSentence && te <= last() && from <= last()) {
        if (!clauses_done_) table_clauses();
        const uint32_t n = last_ - first_ + 1;
        const uint32_t* cbs = clauses_.data();
        const uint32_t* ces = cbs + n;
        across = from < to && ces[from - first_] < to;  // a clause end in [from, to)
        cb = cbs[tb - first_];
        ce = ces[te - first_];
    } else {
        for (uint32_t k = from; k < to && !across; ++k) across = (F(k) & kEnds) != 0;
        if (across) cb = clause_begin(tb), ce = clause_end(te);
    }
    if (!across) return p;
    const periods::Found* best = nullptr;
    for (size_t i = 0; i < n_periods_; ++i) {
        const periods::Found& f = periods_[i];
        if (f.prior || f.target || f.token < cb || f.token >= ce) continue;
        if (!best || (f.token > tb ? f.token - tb : tb - f.token) < (best->token > tb ? best->token - tb : tb - best->token)) best = &f;
    }
    return best ? best : p;
}

// Is period p, in another clause than a reported figure's [tb, te), a projection's ("lifts fiscal
// 2027 revenue forecast; next-gen security ARR up 29%", "raises 2026 EPS outlook as Pratt &
// Whitney sales climb 16%", "posted net profit of 2.7 billion euros, up 12%, and lifted its 2026
// profit target")? Then the year is the outlook's, not the figure's: the report's period is
// settled per event. The walk between them is bounded (a far period is left as it was).
bool SentenceReader::projection_period(const periods::Found* p, uint32_t tb, uint32_t te) {
    const std::string_view y = p->period.view();
    if (!forecast_cues_ || p->target || y.size() < 2 || y[0] != 'F' || y[1] != 'Y') return false;  // a year's
    const bool after = p->token >= te;
    const uint32_t from = after ? te : p->end, to = after ? p->token : tb;
    if (from >= to || to - from > 48) return false;
    bool across = false;
    for (uint32_t k = from; k < to && !across; ++k) across = (F(k) & (kPunctComma | W::kClause | kScopeEnd)) != 0;
    return across && forecast_in(p->token, p->end > p->token ? p->end - 1 : p->token);
}

// Was the buyback whose phrase or figure starts at token b carried out ("repurchased $4 billion of
// stock", "bought back", "Citi returned $4.5 billion to shareholders, including $3.5 billion of
// share repurchases")? A past verb of buying back or returning in the sentence before it, and no
// "since" / "to date" (a running total) nor "authoriz..." / "program" (a plan).
bool SentenceReader::executed_buyback(uint32_t b) const {
    bool past = false;
    for (uint32_t t = first(); t < last() && t < b + 8; ++t) {
        const std::string_view w = c_.tok(t);
        if (eq_ci(w, "since") || eq_ci(w, "date") || eq_ci(w, "program") || eq_ci(w, "programme") ||
            eq_ci(w, "authorization") || eq_ci(w, "authorisation") || eq_ci(w, "authorized") || eq_ci(w, "approved") ||
            eq_ci(w, "completed"))
            return false;
        if (t <= b && (eq_ci(w, "repurchased") || eq_ci(w, "returned") || eq_ci(w, "bought"))) past = true;
    }
    return past;
}

// "kept its 2026 capital spending outlook at $2.9 billion and declared a quarterly dividend of 25
// cents": a predicate of its own after "and", with a verb of a done thing, between the projection's
// cue and the metric at token b: the metric is an actual. A dividend or buyback that was raised,
// cut or kept is one too ("kept its forecast for ... and raised its interim dividend to 4.0 pence").
// So is a figure its clause's "reported"/"posted" reports before a projection that follows.
bool SentenceReader::actual_predicate(uint32_t b, MetricKind kind) const {
    const bool event_kind = kind == MetricKind::dividend || kind == MetricKind::buyback;
    for (uint32_t k = b, n = 0; k > first() + 1 && n < 12; ++n) {
        --k;
        if (F(k) & (kPunctHard | W::kClause | kForecastCue)) return false;
        // "Acme reported third-quarter sales of $10.4 billion and raised its full-year outlook": the
        // clause's own reporting verb, no forecast word between it and the figure.
        const uint64_t a = c_.doc.keys[k].a;
        if (a == word_key("reported") || a == word_key("posted")) return true;
        if (!(cues(k - 1) & W::kCueAnd)) continue;  // a bit test: most tokens follow no "and"
        const std::string_view w = c_.tok(k);
        if (eq_ci(w, "declared") || eq_ci(w, "paid") || eq_ci(w, "reported") || eq_ci(w, "posted") || eq_ci(w, "approved"))
            return true;
        if (event_kind && (eq_ci(w, "raised") || eq_ci(w, "lifted") || eq_ci(w, "increased") || eq_ci(w, "hiked") ||
                           eq_ci(w, "cut") || eq_ci(w, "lowered") || eq_ci(w, "kept") || eq_ci(w, "maintained")))
            return true;
    }
    return false;
}

// "Lindqvist Group's guidance for 2027: revenue of EUR 4.6-4.9 billion, an adjusted EBIT margin of
// 11-13% and capex of around EUR 350 million": a list after a colon whose head (up to five words
// before it) holds a forecast word projects, in the head's period (`period`, or null). Read only in
// sentences with a forecast cue and a colon, back to the start or a ";"/":" (32 tokens at most).
bool SentenceReader::colon_projection(uint32_t b, const periods::Found*& period) {
    period = nullptr;
    if (!forecast_cues_ || !colon_) return false;
    uint32_t colon = 0;
    for (uint32_t t = b; t > first() && b - t < 32 && !colon; --t) {
        if (!(F(t - 1) & kPunctHard)) continue;
        if (c_.tok(t - 1) != ":") return false;
        colon = t - 1;
    }
    if (!colon) return false;
    const uint32_t head = colon > first() + 5 ? colon - 5 : first();
    bool cue = false;
    for (uint32_t t = head; t < colon && !cue; ++t) cue = (F(t) & kForecastCue) != 0;
    if (!cue) return false;
    read_periods();
    for (size_t i = 0; i < n_periods_; ++i)
        if (periods_[i].token >= head && periods_[i].token < colon && !periods_[i].prior) period = &periods_[i];
    return true;
}

// Forecast and period of a metric whose figure covers tokens [tb, te), kind phrase h.
void SentenceReader::finish(Metric& m, uint32_t tb, uint32_t te, const Hit* h) {
    uint32_t b = h && h->begin < tb ? h->begin : tb;
    uint32_t e = h && h->end > te ? h->end : te;
    if ((h && h->forecast) || tb > analyst_from_ || forecast_in(b, e > b ? e - 1 : b)) m.forecast = !actual_predicate(b, m.kind);
    const periods::Found* head_period = nullptr;
    if (!m.forecast && colon_projection(b, head_period)) m.forecast = true;
    // A deal's price is agreed, not projected: "will pay C$14.50 a share", "agreed to buy ... for $10 billion".
    if (m.kind == MetricKind::deal_value) m.forecast = false;
    read_periods();
    // A price target values the stock, it is of no period: the years around it are the earnings
    // estimates' ("raised its target to $345, arguing 2027 earnings estimates are too low"). A
    // deal's price has a period only when one is written next to it.
    if (m.kind == MetricKind::price_target) return;
    const periods::Found* p = list_period(tb);
    const bool listed = p != nullptr;  // a "respectively" list's period is the figure's wherever it is
    if (!p) p = periods::nearest_of(periods_, n_periods_, tb);
    if (p && !listed) p = clause_period(p, tb, te);
    if (head_period) p = head_period;  // "guidance for 2027: revenue of ..."
    if (p && !listed && !m.forecast && projection_period(p, tb, te)) {
        const std::string_view y = p->period.view();
        if (y.size() == 6 && (y[2] >= '0' && y[2] <= '9') && (y[3] >= '0' && y[3] <= '9') && (y[4] >= '0' && y[4] <= '9') && (y[5] >= '0' && y[5] <= '9'))
            m.outlook_year = static_cast<uint16_t>((y[2] - '0') * 1000 + (y[3] - '0') * 100 + (y[4] - '0') * 10 + (y[5] - '0'));
        p = nullptr;
    }
    // A pledge or a contract likewise; "through 2027", "by 2040" is its horizon, no period.
    if (h && h == &pledge_hit_) m.point_in_time = true;
    if (p && (m.kind == MetricKind::deal_value || m.point_in_time) && (p->token + 4 < b || p->token > e + 3)) p = nullptr;
    // A buyback, a dividend or job cuts take a period of their own clause's reach only ("bought
    // back $4 billion of stock in the quarter"), not the report's named earlier in the sentence
    // ("reported third-quarter profit of ..., and announced a buyback of up to $500 million"),
    // nor one a few words on that is another clause's ("will cut 1,200 jobs in Sweden, it said on
    // Thursday, after third-quarter net sales fell"; "a dividend of Rs 23 per share and said it
    // added 2,400 employees in the quarter").
    const bool event_kind = m.kind == MetricKind::buyback || m.kind == MetricKind::dividend || m.kind == MetricKind::job_cuts;
    if (p && event_kind && !listed && (p->token + 12 < b || p->token > e + 6)) p = nullptr;
    // "announces $3 billion buyback as third-quarter pretax profit rises 8%", "a buyback of up to
    // $3 billion, its fourth such programme this year, after reporting ...": a period after a
    // clause's end is the next clause's.
    if (p && event_kind && !listed && p->token >= e)
        for (uint32_t t = e; t < p->token; ++t)
            if ((F(t) & (kPunctComma | W::kClause)) || eq_ci(c_.tok(t), "as") || eq_ci(c_.tok(t), "after")) {
                p = nullptr;
                break;
            }
    // "bought back $22 billion of its shares in the quarter and declared a dividend of 27 cents":
    // a period before an "and" that opens the kind's own predicate is the one before's.
    if (p && event_kind && !listed && p->token < b)
        for (uint32_t t = p->token + 1; t < b; ++t)
            if (eq_ci(c_.tok(t), "and")) {
                p = nullptr;
                break;
            }
    // "will cut about 3,900 positions by 2028": the deadline of a plan, no period of the cuts;
    // "cut 1,500 jobs and kept its 2026 capex guidance": a year before another kind is that one's.
    if (p && event_kind && !listed && p->token >= e &&
        (p->after_by || (p->token + 1 < last() && (F(p->token + 1) & W::kKind)) ||
         (p->token + 2 < last() && (F(p->token + 2) & W::kKind))))
        p = nullptr;
    if (p && m.point_in_time && (p->target || p->after_by)) {
        if (p->after_by) m.forecast = true;
        p = nullptr;
    }
    if (!p && m.kind == MetricKind::buyback && !m.forecast) m.executed = executed_buyback(b);
    if (p) {
        // "the December quarter" is Apple's fiscal first quarter: the company's fiscal calendar.
        m.period = p->quarter_month ? periods::fiscal_quarter(*p, m.ticker) : p->period;
        if (p->after_by) m.forecast = true;
    }
}

}  // namespace herald::analysis::metric_reader
