// Money figures: the kind each one states ("$37.6B in AWS revenue", "backlog reached $364B"),
// earlier values after from/versus ("from $4.5 mn"), conversions in brackets, and the direction
// a "grew to"/"fell to" gives the value.
#include <cmath>

#include "metric_kinds.hpp"
#include "metrics_reader.hpp"
#include "numbers.hpp"

namespace herald::analysis::metric_reader {

void SentenceReader::money_pass() {
    has_pending_prior_ = false;
    size_t prior_fi = figs_.size();  // the last earlier value read
    for (size_t fi = 0; fi < figs_.size(); ++fi) {
        auto& fg = figs_[fi];
        if (!fg.money || fg.range_end || fg.amount) continue;
        const Quantity& q = c_.quantities[fg.q];
        if (is_conversion(fi)) {
            conversion_prior(fi, q);
            continue;
        }
        int prior_sign = 0;
        const bool alternative = prior_fi + 1 == fi && alternative_of(figs_[prior_fi], fg);
        if (alternative || prior_cue_before(fg.tb, &prior_sign)) {
            // An earlier value does not separate the later figure from its kind word.
            for (uint32_t k = fg.tb; k < fg.te && k < last(); ++k) fl_[k - first_] &= ~kFigureFlag;
            // "versus $0.95 expected": a yardstick, neither an earlier value nor a metric.
            if (!yardstick_after(fg.te)) set_prior(q, fg.te, prior_sign);
            if (alternative) alternative_basis(fg.te);
            prior_fi = fi;
            continue;
        }
        // A range's kind may follow its high end: "$12.8 billion to $13.8 billion in revenue".
        Fig whole = fg;
        if (fg.range_start) whole.te = figs_[fi + 1].te;
        const Hit* h = list_kind(fg);  // "revenue and EBIT of $3 billion and $1 billion, respectively"
        bool np_after = false;
        const Hit* pledge = nullptr;
        if (!h) {
            h = hit_after(whole);
            np_after = h != nullptr;
            // "will invest $9 billion in ...", "a planned $4 billion investment": no kind word says it.
            if (!h) h = pledge = pledge_kind(fg);
            if (!h) h = valuation_kind(fg);
            if (!h) h = hit_before(fg.tb, 14);
        }
        if (h && !pledge) h = contract_kind(h);
        if (h && h->per_share && (h = per_share_kind(fg, h)) && !h->per_share) np_after = false;
        // Not a company metric ("provisions for credit losses of $3.4 billion"), a margin (values
        // in %) or a kind counted in units ("deliveries").
        if (!h || h->kind == W::kNotMetric || is_margin(h->kind)) continue;
        if (kinds::row(h->kind).unit == kinds::UnitKind::count) continue;
        if (!pledge && expense_figure(whole)) continue;
        // "sold $25 billion of bonds, drawing orders of more than $110 billion": the investors'
        // demand for the securities, not orders the company won.
        if ((h->kind == MetricKind::orders || h->kind == MetricKind::backlog) && securities_sale()) continue;
        h = share_price_target(h, q);
        if (pledge) forced_segment_ = pledge_segment_;
        money_metric(fg, q, h, np_after);
        forced_segment_ = {};
    }
    for (size_t i = first_metric_; i < c_.out.size(); ++i) direction_from_prior(c_.out[i]);
    // Gate: only a multiple word after a comma gives one; other sentences skip multiple_after's code.
    if (c_.gates && !(comma_ && (cues_any_ & W::kCueMultiple))) return;
    for (const Fig& fg : figs_)
        if (fg.metric >= 0 && !fg.range_end) multiple_after(fg);
}

// "ad revenue of about $3 billion in 2026, more than double last year", "$60-70 billion in fiscal
// 2027, more than triple": a level followed (past a period phrase and a comma) by a multiple of an
// earlier one rose, by how much exactly the text does not say.
void SentenceReader::multiple_after(const Fig& fg) {
    if (!comma_) return;  // it reads ", (more than) double" after the figure: a sentence without a comma has none
    Metric& m = c_.out[static_cast<size_t>(fg.metric)];
    if (m.change.direction != Direction::none || !m.has_value) return;
    uint32_t t = fg.te;
    for (uint32_t n = 0; t < last() && n < 5 && c_.tok(t) != ","; ++t, ++n)
        if (F(t) & (kFigureFlag | kPunctHard | W::kClause)) return;
    if (t >= last() || c_.tok(t) != ",") return;
    ++t;
    for (uint32_t n = 0; t < last() && n < 2; ++n) {
        const std::string_view w = c_.tok(t);
        if (!eq_ci(w, "more") && !eq_ci(w, "than") && !eq_ci(w, "nearly") && !eq_ci(w, "almost") && !eq_ci(w, "roughly"))
            break;
        ++t;
    }
    const std::string_view w = c_.tok(t);
    if (eq_ci(w, "double") || eq_ci(w, "triple") || eq_ci(w, "quadruple") || eq_ci(w, "twice") || eq_ci(w, "doubling") ||
        eq_ci(w, "tripling"))
        m.change.direction = Direction::up;
}

// The metric of money figure fg, whose kind phrase is h (after the figure when np_after).
void SentenceReader::money_metric(Fig& fg, const Quantity& q, const Hit* h, bool np_after) {
    Metric m;
    m.kind = h->kind;
    take_value(m, q);
    range_value(m, fg);
    // "a net loss of $1.2 billion", "negative free cash flow of more than $10 billion": below zero.
    const bool negative = h->np_begin > first() && h->np_begin <= fg.tb && eq_ci(c_.tok(h->np_begin - 1), "negative");
    if ((h->loss || negative) && m.value > 0) m.value = -m.value, m.low = -m.low, m.high = -m.high;
    if (combined_figure(h, fg.tb, fg.te)) return;  // several companies' together: no one's metric
    attribute(m, h, fg.tb, fg.te, np_after || (fg.te < last() && (eq_ci(c_.tok(fg.te), "of"))));
    finish(m, fg.tb, fg.te, h);
    // "Analysts on average had expected revenue of $23.3 billion": what analysts had expected of a
    // reported figure is its yardstick, no projection and no metric.
    if (fg.tb > analyst_from_ && analyst_from_ > first() && eq_ci(c_.tok(analyst_from_ - 1), "had")) return;
    if (!np_after) m.change.direction = direction_to(h, fg.tb);
    // "reaffirmed its full-year revenue guidance of $5 billion": a projection that did not move.
    // The verb is read back from the kind phrase too ("still expects adjusted operating profit for
    // the year to March 2027 of ..."). "reaffirmed its 2026 adjusted EPS range of ...": what a company
    // reaffirms of a result kind is its projection (a dividend or buyback confirmed is declared).
    const uint32_t from = h->np_begin < fg.tb ? h->np_begin : fg.tb;
    if ((cues_any_ & W::kCueReaffirm) && m.change.direction == Direction::none && m.kind != MetricKind::price_target &&
        (m.forecast || (m.kind != MetricKind::dividend && m.kind != MetricKind::buyback &&
                        m.kind != MetricKind::deal_value && m.kind != MetricKind::job_cuts && reaffirm_verb_before(from))) &&
        (role_before(fg.tb, W::Role::reaffirm, 10) || role_before(from, W::Role::reaffirm, 6))) {
        m.change.direction = Direction::flat;
        m.forecast = true;
    }
    if (m.change.direction == Direction::none) kept_level(m, fg);
    // "a net loss of $120 million, or 35 cents a share": the per-share figure of a loss.
    if (m.kind == MetricKind::eps && m.value > 0 && c_.out.size() > first_metric_ && c_.out.back().has_value &&
        c_.out.back().value < 0 && fg.tb >= first() + 2 && eq_ci(c_.tok(fg.tb - 1), "or") && c_.tok(fg.tb - 2) == ",")
        m.value = -m.value;
    take_pending_prior(m, q, h);
    take_amount(m, fg, h);  // "increased by $5 million to $80 million"
    fg.metric = static_cast<int>(c_.out.size());
    push(m);
}

// "from $1.2 billion to $1.5 billion": an earlier value read before its metric existed.
void SentenceReader::take_pending_prior(Metric& m, const Quantity& q, const Hit* h) {
    if (!has_pending_prior_ || !(pending_prior_unit_ == q.unit)) return;
    m.has_prior = true;
    m.prior_value = pending_prior_sign_ > 0       ? std::fabs(pending_prior_)
                    : pending_prior_sign_ < 0     ? -std::fabs(pending_prior_)
                    : h->loss && pending_prior_ > 0 ? -pending_prior_
                                                    : pending_prior_;
    if (m.change.basis == Basis::none) m.change.basis = pending_prior_basis_;
    has_pending_prior_ = false;
}

// Is the figure in brackets right after another figure ("EUR 46 million ( USD 64.5 m )")?
bool SentenceReader::is_conversion(size_t fi) const {
    if (fi == 0) return false;
    const Quantity& q = c_.quantities[figs_[fi].q];
    const Quantity& p = c_.quantities[figs_[fi - 1].q];
    if (!figs_[fi - 1].money || p.span.field != q.span.field) return false;
    return bracketed_after(q, p);
}

// Is q written in brackets right after p ("EUR 46 million ( USD 64.5 m )", "EUR 12.4 mn (11.8)":
// a bare bracketed figure's span starts at its "(")?
bool SentenceReader::bracketed_after(const Quantity& q, const Quantity& p) const {
    // The "(" lies between p and q, both of the sentence: a sentence without one has no answer.
    if (!paren_ || p.span.field != q.span.field) return false;
    std::string_view s = c_.doc.event().field(q.span.field);
    size_t i = q.span.begin < s.size() && s[q.span.begin] == '(' ? q.span.begin + 1 : num::skip_spaces_back(s, q.span.begin);
    if (size_t l = label_start(s, i)) i = l;  // "(9M 2025: 20,9 percent)"
    if (i == 0 || s[i - 1] != '(') return false;
    const size_t before = num::skip_spaces_back(s, i - 1);
    return before == p.span.end || (before > p.span.end && period_gap(s.substr(p.span.end, before - p.span.end)));
}

// An earlier value follows from/versus/against/compared with, directly or through its kind:
// "from $4.5 mn", "from a profit of $300 million", "compared with revenue of $2.4 billion".
// `sign` is +1 or -1 when that kind says whether the earlier value was a profit or a loss.
bool SentenceReader::prior_cue_before(uint32_t tb, int* sign) const {
    if (tb <= first()) return false;
    // The words are read as cue bits of the metric word table's probe (tag_tokens), not compared.
    auto cue_at = [this](uint32_t t) {  // the cue ends just before token t: from, versus, compared with/to
        if (t <= first()) return false;
        if (F(t - 1) & W::kPriorCue) return true;
        return (cues(t - 1) & (W::kCueWith | W::kCueTo)) && t >= first() + 2 && (cues(t - 2) & W::kCueCompared);
    };
    if (cue_at(tb)) return true;
    // "to 54.5% in 2027 from about 52% this year": a qualifier between the cue and the figure.
    if (tb > first() + 1 && (cues(tb - 1) & W::kCueAbout) && cue_at(tb - 1)) return true;
    if (tb < first() + 3 || !(cues(tb - 1) & W::kCueOf)) return false;
    if (earlier_projection_before(tb - 1, cue_at)) return true;
    // The one hit ending right before "of" (hits do not overlap).
    auto it = std::lower_bound(hits_.begin(), hits_.end(), tb - 1, [](const Hit& h, uint32_t x) { return h.end < x; });
    for (; it != hits_.end() && it->end == tb - 1; ++it) {
        const Hit& h = *it;
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

// "up from a previous forecast of 320 billion yen", "compared with a prior range of $6.15 to
// $6.30", "up from our prior range of": the company's own earlier projection, named before the "of" at token of, is an earlier
// value (not a yardstick). Read only after "of".
template <class CueAt>
bool SentenceReader::earlier_projection_before(uint32_t of, CueAt cue_at) const {
    if (of < first() + 3) return false;
    const std::string_view noun = c_.tok(of - 1), adj = c_.tok(of - 2);
    if (!(eq_ci(noun, "forecast") || eq_ci(noun, "guidance") || eq_ci(noun, "outlook") || eq_ci(noun, "range") ||
          eq_ci(noun, "target") || eq_ci(noun, "estimate") || eq_ci(noun, "view")))
        return false;
    if (!(eq_ci(adj, "previous") || eq_ci(adj, "prior") || eq_ci(adj, "earlier") || eq_ci(adj, "original") || eq_ci(adj, "old")))
        return false;
    uint32_t b = of - 2;
    for (int k = 0; k < 2 && b > first(); ++k) {  // "from our prior range of": a call's first person too
        std::string_view d = c_.tok(b - 1);
        if (!eq_ci(d, "a") && !eq_ci(d, "an") && !eq_ci(d, "the") && !eq_ci(d, "its") && !eq_ci(d, "our") &&
            !eq_ci(d, "their"))
            break;
        --b;
    }
    return cue_at(b);
}

// `te` ends the earlier figure: what follows it may say how far back it is ("versus $1.05 a
// year ago"), which is the basis of the change the two figures make.
void SentenceReader::set_prior(const Quantity& q, uint32_t te, int sign) {
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
        best->prior_value = sign > 0   ? std::fabs(q.value)
                            : sign < 0 ? -std::fabs(q.value)
                                       : best->value < 0 && q.value > 0 ? -q.value : q.value;
        if (best->change.basis == Basis::none) best->change.basis = basis != Basis::none ? basis : prior_period_basis(*best, te);
        if (best->change.basis == Basis::none) best->change.basis = same_period_after(te);
        period_from_prior(*best, te);
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
Direction SentenceReader::direction_to(const Hit* h, uint32_t tb) const {
    if (h->end > tb) return Direction::none;
    for (uint32_t t = h->end; t < tb; ++t) {
        if (eq_ci(c_.tok(t), "at") && t > h->end && (F(t - 1) & W::kFlat)) return Direction::flat;  // "flat at $2.9 billion"
        if (!eq_ci(c_.tok(t), "to")) continue;
        if (t > first() && (eq_ci(c_.tok(t - 1), "compared") || eq_ci(c_.tok(t - 1), "up"))) return Direction::none;
        Direction d = Direction::none;
        for (uint32_t k = h->end; k < t; ++k) {
            const uint32_t f = F(k);
            if (f & kMentionFlag) continue;  // "its target on Advanced Micro Devices to": a name's word is no move
            if (f & (W::kUp | W::kWiden)) d = h->loss ? Direction::down : Direction::up;
            else if (f & (W::kDown | W::kNarrow)) d = h->loss ? Direction::up : Direction::down;
            else if (f & W::kFlat) d = Direction::flat;
        }
        return d != Direction::none ? d : verb_before(h);
    }
    return swing_before(h);
}

// A move named right before the kind's noun phrase: "raised its price target on Acme to $250",
// "cut its dividend to 10 cents", "raised its full-year revenue guidance to". Only determiners,
// names and plain modifiers may stand between.
Direction SentenceReader::verb_before(const Hit* h) const {
    constexpr uint32_t kPlain = W::kDeterminer | W::kStop | kMentionFlag | W::kPeriodStart | W::kPhrase | W::kAnnualized;
    for (uint32_t k = h->np_begin; k > first() && k + 4 > h->np_begin;) {
        --k;
        const uint32_t f = F(k);
        if (f & W::kUp) return h->loss ? Direction::down : Direction::up;
        if (f & W::kDown) return h->loss ? Direction::up : Direction::down;
        if ((f & ~kPlain) || (f & W::kClause) || c_.doc.tokens[k].kind == TokenKind::punct) break;
    }
    return Direction::none;
}

// Does the sentence report a sale of securities ("bonds", "notes", "tranches", "offering")?
// Asked only for an orders or backlog figure, once per sentence.
bool SentenceReader::securities_sale() {
    if (securities_ < 0) {
        securities_ = 0;
        for (uint32_t t = first(); t < last() && !securities_; ++t)
            if (role_of(t) == W::Role::securities)
                securities_ = 1;
    }
    return securities_ != 0;
}

// "raises Netflix target to $1,500", "a $340 target": a bare target with an amount of a share
// price's size (a company's own targets are totals, "$10 billion", or percentages) is an
// analyst's price target for the stock even where no rating word says it is an analyst's note.
const Hit* SentenceReader::share_price_target(const Hit* h, const Quantity& q) {
    if (h->kind != MetricKind::guidance || h->np_begin + 1 != h->end) return h;
    const std::string_view w = c_.tok(h->begin);
    if (!eq_ci(w, "target") && !eq_ci(w, "targets")) return h;
    if (q.value <= 0 || q.value >= 100000.0) return h;
    price_target_hit_ = *h;
    price_target_hit_.kind = MetricKind::price_target;
    price_target_hit_.forecast = true;
    return &price_target_hit_;
}

// Is the figure ending at te an expectation ("$0.95 expected", "$2.05 analysts had forecast")?
bool SentenceReader::yardstick_after(uint32_t te) const {
    for (uint32_t k = te; k < last() && k < te + 2; ++k) {
        if (c_.doc.tokens[k].kind != TokenKind::word) return false;
        const W::Role r = role_of(k);
        if (r == W::Role::yardstick || r == W::Role::analyst) return true;
        if (!(F(k) & W::kDeterminer)) return false;
    }
    return false;
}

// A word of the role up to max_dist tokens before tb in its clause.
bool SentenceReader::role_before(uint32_t tb, W::Role role, uint32_t max_dist) const {
    for (uint32_t k = tb; k > first() && k + max_dist > tb;) {
        --k;
        if (F(k) & (kPunctHard | W::kClause)) return false;
        if (role_of(k) == role) return true;
    }
    return false;
}

// "$0.52 a share": the per-share kind named before it in the clause ("a dividend of 52p per
// share", "agreed to buy Globex for $25 a share"), else EPS (the marker itself).
// A deal's price named by the verb at token k ("pay", "valuing"), no kind word.
const Hit* SentenceReader::deal_at(uint32_t k) {
    deal_hit_ = {};
    deal_hit_.begin = deal_hit_.np_begin = k;
    deal_hit_.end = k + 1;
    deal_hit_.kind = MetricKind::deal_value;
    return &deal_hit_;
}

// "valuing the business at $8.75 billion", "values Globex at about $2.8 billion": what a deal
// values the company at is its price ("valued at" alone is any valuation: no metric). The verb
// at most four tokens before "at", which is right before the figure (past a qualifier).
const Hit* SentenceReader::valuation_kind(const Fig& fg) {
    uint32_t at = fg.tb;
    if (at > first() && (F(at - 1) & kPunctComma) == 0 && c_.doc.keys[at - 1].a != word_key("at")) --at;  // "about"
    if (at <= first() || c_.doc.keys[at - 1].a != word_key("at")) return nullptr;
    for (uint32_t k = at - 1, n = 0; k > first() && n < 5; ++n) {
        --k;
        if (F(k) & (kFigureFlag | kPunctHard | kPunctComma | W::kClause)) return nullptr;
        const uint64_t a = c_.doc.keys[k].a;
        if (a == word_key("valuing") || a == word_key("values")) return deal_at(k);
    }
    return nullptr;
}

// A price paid per share is a deal's: "will pay C$14.50 a share in cash", "values the target at
// $86.25 per share", "offered $25 a share" (a verb of paying up to four words before the figure).
const Hit* SentenceReader::per_share_kind(const Fig& fg, const Hit* marker) {
    const Hit* h = hit_before(fg.tb, 14);
    if (h && h->kind != W::kNotMetric && h->kind != MetricKind::eps && kinds::row(h->kind).per_share) return h;
    for (uint32_t k = fg.tb, n = 0; k > first() && n < 4; ++n) {
        --k;
        if (F(k) & (kFigureFlag | kPunctHard | kPunctComma | W::kClause)) break;
        static constexpr std::string_view kPaying[] = {"pay",      "pays",   "paying",  "offer",   "offers",
                                                       "offered", "offering", "values", "valuing", "valued"};
        const std::string_view w = c_.tok(k);
        bool paying = false;
        for (std::string_view p : kPaying) paying |= eq_ci(w, p);
        if (paying) return deal_at(k);
    }
    // "agreed to acquire Redrock for $7.2 billion in cash and stock, or $58 per share": the same
    // price per share, restated after ", or" right after the sentence's deal value.
    // "approved dividends of 12.2 billion reais, or 0.94 reais per share": a payout's, likewise.
    if (fg.tb >= first() + 2 && eq_ci(c_.tok(fg.tb - 1), "or") && c_.tok(fg.tb - 2) == "," &&
        c_.out.size() > first_metric_ &&
        (c_.out.back().kind == MetricKind::deal_value || c_.out.back().kind == MetricKind::dividend)) {
        const MetricKind kind = c_.out.back().kind;
        deal_at(fg.tb - 1);
        deal_hit_.kind = kind;  // the hit made at "or", of the payout's kind
        return &deal_hit_;
    }
    return marker;
}

// The basis of a change: "annualized" between the kind and the figure, else the words after the
// figure ending at te ("year over year", "y/y", "a year earlier", "sequentially", "q/q").
Basis SentenceReader::basis_after(uint32_t te, uint32_t b, uint32_t e_between) const {
    if (basis_possible_ < 0) basis_possible_ = basis_possible() ? 1 : 0;
    if (!basis_possible_) return Basis::none;
    for (uint32_t t = b; t < e_between; ++t)
        if (F(t) & W::kAnnualized) return Basis::annualized;
    // The words are the tokens' cue bits (read with the flags), not texts compared per figure.
    // A token with none of the bits read below is passed over at once unless it is a one-byte
    // "y" or "q" (of "y/y", "q/q": the only one-byte tokens that can give a basis), so the digits
    // and "%" of a figure-dense sentence are not compared with "/".
    constexpr uint32_t kFlagsRead = kPunctComma | W::kClause | W::kPeriodWord | W::kSequential;
    constexpr uint32_t kCuesRead = W::kCueAnd | W::kCueOr | W::kCueWith | W::kCueYearAgo | W::kCueQuarterAgo |
                                   W::kCueAnnualized | W::kCueYear | W::kCueQuarter | W::kCueBefore;
    for (uint32_t t = te; t < last() && t < te + 7; ++t) {
        const uint32_t f = F(t), c = cues(t);
        const Token& tk = c_.doc.tokens[t];
        const char x0 = c_.field[tk.begin];
        const char x0l = static_cast<char>(x0 | 0x20);  // 'y' for y and Y only, 'q' for q and Q
        if (!(f & kFlagsRead) && !(c & kCuesRead) && (tk.end - tk.begin != 1 || (x0l != 'y' && x0l != 'q'))) continue;
        if ((f & (kPunctComma | W::kClause)) || (c & (W::kCueAnd | W::kCueOr)) ||
            ((c & W::kCueWith) && !(cues(t - 1) & W::kCueCompared)))  // "compared with the prior-year period"
            break;
        if (f & W::kPeriodWord) return Basis::yoy;
        // "y/y" as three tokens; the text is read only for a one-byte token or a sequential word.
        if (tk.end - tk.begin == 1 && c_.tok(t + 1) == "/" && t + 2 < last() && eq_ci(c_.tok(t + 2), c_.tok(t))) {
            if (x0 == 'y' || x0 == 'Y') return Basis::yoy;
            if (x0 == 'q' || x0 == 'Q') return Basis::qoq;
        }
        if (f & W::kSequential) return (x0 == 'q' || x0 == 'Q') ? Basis::qoq : Basis::sequential;
        if (c & W::kCueYearAgo) return Basis::yoy;  // year-ago, year-earlier, prior-year, previous-year
        if (c & W::kCueQuarterAgo) return Basis::qoq;  // prior-quarter, previous-quarter
        if (c & W::kCueAnnualized) return Basis::annualized;
        // The next tokens are read only after a word that starts a two- or three-word basis.
        const bool year = c & W::kCueYear, quarter = c & W::kCueQuarter;
        const bool before_year = c & W::kCueBefore;  // last, previous, prior
        if (!year && !quarter && !before_year) continue;
        const uint32_t n1 = cues(t + 1), n2 = cues(t + 2);
        const bool over = n1 & W::kCueOverOn;
        if (year && over && (n2 & W::kCueYear)) return Basis::yoy;
        if (quarter && over && (n2 & W::kCueQuarter)) return Basis::qoq;
        if ((year && (n1 & (W::kCueEarlier | W::kCueAgo))) || (before_year && (n1 & W::kCueYear))) return Basis::yoy;
        if ((quarter && (n1 & W::kCueEarlier)) || (before_year && (n1 & W::kCueQuarter))) return Basis::qoq;
    }
    return year_ago_comparison(te);
}

// Filings compare with the year-ago period after the figure, often past its level and a comma:
// "increased 8% to $391.0 billion compared to fiscal 2024", "an increase of 11%, compared with the
// prior-year period", "up 5% from the third quarter of 2024", "compared to the same period in
// 2024". A comparison word in the next 16 tokens (in the clause: no ";" or ":"), then within six
// tokens "same period/quarter", a prior-year word, or an earlier period of the same form one
// year before the sentence's own ("Q3 2024" against "Q3 2025").
Basis SentenceReader::year_ago_comparison(uint32_t te) const {
    // The walk stops at the first ";"/":" or comparison word in [te, end). Changes come in token
    // order: the last walk's stop is kept (nothing stops it in [stop_from_, stop_at_)), so a
    // sentence of changes is walked about once, not sixteen tokens per change.
    const uint32_t end = last() < te + 16 ? last() : te + 16;
    uint32_t t = te >= stop_from_ && te <= stop_at_ ? stop_at_ : te;
    while (t < end && !(F(t) & kPunctHard) && !(cues(t) & W::kCueComparison)) ++t;  // compared, from, versus, vs, over
    stop_from_ = te;
    stop_at_ = t;
    if (t >= end || (F(t) & kPunctHard)) return Basis::none;
    for (uint32_t k = t + 1; k < last() && k < t + 7; ++k) {
        const uint32_t y = cues(k);
        if (y & W::kCueYearAgo) return Basis::yoy;
        if ((y & W::kCueBefore) && (cues(k + 1) & W::kCueYear)) return Basis::yoy;  // "prior year"
        if ((y & W::kCueSame) && (cues(k + 1) & (W::kCuePeriod | W::kCueQuarter))) return Basis::yoy;
    }
    read_periods();
    const periods::Found* own = periods::nearest_of(periods_, n_periods_, te);
    if (!own) return Basis::none;
    const std::string_view o = own->period.view();
    auto year = [](std::string_view v) {  // the last four characters as a number (periods end in their year)
        int y = 0;
        for (char c : v.substr(v.size() - 4)) y = num::is_digit(c) ? y * 10 + (c - '0') : -1000000;
        return y;
    };
    for (size_t i = 0; i < n_periods_; ++i) {
        const periods::Found& p = periods_[i];
        if (!p.prior || p.token <= t || p.token >= t + 7) continue;
        const std::string_view e = p.period.view();
        if (o.size() == e.size() && o.size() > 4 && o.substr(0, o.size() - 4) == e.substr(0, e.size() - 4) &&
            year(o) > 0 && year(o) == year(e) + 1)
            return Basis::yoy;
    }
    return Basis::none;
}

}  // namespace herald::analysis::metric_reader
