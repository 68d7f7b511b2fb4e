// Percentages and multipliers: the change of a kind ("revenue rose 28%", "21% EPS growth",
// "revenue doubled"), a margin's level or its move in points, a segment's growth ("Azure grew
// 40%"). A change joins its kind's value in the sentence, else it is a metric of its own.
#include <cmath>

#include "metrics_reader.hpp"

namespace herald::analysis::metric_reader {

// Percentages: a margin's value, a share of something (ignored) or the change of a kind.
void SentenceReader::change_pass() {
    for (size_t fi = 0; fi < figs_.size(); ++fi) {
        auto& fg = figs_[fi];
        if (fg.range_end) continue;
        const Quantity& q = c_.quantities[fg.q];
        if (bracketed_prior_percent(fi)) continue;
        if (is_bp(q.unit)) {
            margin_bp(fg, q);
            continue;
        }
        if (!q.unit.is_percent()) {
            if (fg.money && fg.metric < 0 && !fg.amount) trailing_amount(fg, q);  // ", an increase of $41.2 million"
            continue;
        }
        uint32_t nt = fg.te;
        std::string_view next = c_.tok(nt);
        if (eq_ci(next, "of") && job_share(fg, q)) continue;  // "cut 10% of its workforce"
        if (eq_ci(next, "of") && share_margin(fg, q)) continue;  // "EUR 48.6 million, or 9.4% of net sales"
        if (eq_ci(next, "of") || (nt < last() && (F(nt) & W::kStock))) continue;  // "28% of revenue", "a 5% stake"
        if (driver_move(fg.tb, fg.te)) continue;  // "with traffic up 1.1%"
        Direction dir = Direction::none;
        uint32_t between_b = fg.te, between_e = fg.te;
        const Hit* h = change_kind_after(fg, dir, between_e);
        // A segment right before the move outranks a kind word further back ("YouTube ad
        // revenue rose 13%, while Google Cloud jumped 34%").
        if (!h && segment_move(fg, q)) continue;
        if (!h && business_move(fg, q)) continue;  // "global advertising grew 53%"
        if (!h && elided_move(fi, q)) continue;    // "Beauty sales rose 5%, grooming rose 1%"
        if (!h && fg.list_hit < 0 && growth_rate(fg, q)) continue;  // "Google Cloud's 41% growth"
        bool margin = false;
        if (!h && fg.list_hit >= 0) {  // "revenue and EPS grew 5% and 7%, respectively"
            if (change_kind_before(fg, dir)) h = list_kind(fg);
            if (h) {
                between_b = h->end;
                between_e = fg.tb;
                margin = is_margin(h->kind);
            }
        }
        // "$4.82 billion, an increase of 11%", "earnings of $1.21 per share, up 2.5%": the level
        // right before the comma takes the move, before a kind word further back.
        if (!h && trailing_percent(fg, q)) continue;
        if (!h) {
            h = change_kind_before(fg, dir);
            if (h) {
                between_b = h->end;
                between_e = fg.tb;
                margin = is_margin(h->kind);
            }
        }
        if (!h && margin_prior_far(fi, q)) continue;
        if (!h || h->kind == W::kNotMetric) continue;  // "credit losses rose 20%", "beating estimates of 8%"
        // A percentage by a price target is the stock's upside or move, not the target's change.
        if (h->kind == MetricKind::price_target) continue;
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
        set_percent(ch, dir, q);
        range_change(ch, fg);
        ch.basis = basis_after(fg.te, between_b, between_e);
        attach_change(ch, h, fg.tb, fg.te, q);
    }
}

// The kind a percentage names after it: "21% expected annualized EPS growth", "a 5% rise in
// revenue". Sets dir, and between_e to the kind's first token when the kind follows directly.
const Hit* SentenceReader::change_kind_after(const Fig& fg, Direction& dir, uint32_t& between_e) const {
    for (uint32_t t = fg.te; t < last() && t < fg.te + 5; ++t) {
        uint32_t f = F(t);
        if (const Hit* x = hit_at(t)) {
            if (!(F(x->end < last() ? x->end : t) & W::kGrowthNoun)) return nullptr;
            dir = direction_in(x->end, x->end + 1, x->loss);
            between_e = t;
            return x;
        }
        if (f & W::kGrowthNoun) {
            if (!eq_ci(c_.tok(t + 1), "in")) return nullptr;
            const Hit* x = hit_at(t + 2);
            if (x) dir = direction_in(t, t + 1, x->loss);
            return x;
        }
        if (c_.doc.tokens[t].kind != TokenKind::word || (f & (W::kStop | kMentionFlag))) return nullptr;
    }
    return nullptr;
}

// The kind before a percentage in its clause ("revenue rose 28%") and the direction of the move;
// null when there is none or a price word stands between ("revenue ... shares fell 3%").
const Hit* SentenceReader::change_kind_before(const Fig& fg, Direction& dir) const {
    const Hit* h = hit_before(fg.tb, 12, true);
    if (!h) return nullptr;
    // "shares rose 5%" is the stock's move; "a dividend of $1.03 per share, up 4%" is not: a
    // per-share marker's "share" names no stock.
    // (Only a stock word ends it: a sentence of none, per the word table's OR, skips the walk.)
    for (uint32_t j = h->end; (words_any_ & W::kStock) && j < fg.tb; ++j) {
        if (const Hit* ps = hit_beginning(j); ps && ps->per_share) {
            j = ps->end - 1;
            continue;
        }
        if (F(j) & W::kStock) return nullptr;
    }
    dir = direction_in(h->end, fg.tb, h->loss);
    // "... were down 11% and Bottega Veneta posted a 2% rise": the noun after "a 2%" is its move.
    if (fg.tb > first() + 1 && fg.te < last() && (eq_ci(c_.tok(fg.tb - 1), "a") || eq_ci(c_.tok(fg.tb - 1), "an")))
        if (const Direction after = direction_in(fg.te, fg.te + 1, h->loss); after != Direction::none) dir = after;
    // "an increase in revenue of 12%": the move is named before the kind.
    if (dir == Direction::none && h->begin >= first() + 2 && eq_ci(c_.tok(h->begin - 1), "in"))
        dir = direction_in(h->begin - 2, h->begin - 1, h->loss);
    if (dir == Direction::none) dir = direction_in(fg.te, fg.te + 1 < last() ? fg.te + 1 : fg.te, h->loss);
    // "raises dividend 25%", "raised its quarterly dividend by 25%": the verb before the kind.
    if (dir == Direction::none && fg.tb <= h->end + 1) {
        uint32_t v = h->np_begin;
        // "lifts adjusted EBIT 17%": qualifiers between the verb and the kind.
        for (int k = 0; k < 2 && v > first() && segments::is_qualifying_word(c_.tok(v - 1)); ++k) --v;
        if (v > first() && (F(v - 1) & W::kDeterminer)) --v;
        if (v > first() && (eq_ci(c_.tok(v - 1), "its") || eq_ci(c_.tok(v - 1), "their"))) --v;
        // A verb that sets the figure ("raises", "cut", "lifting"); a growth verb only before the level
        // it moved to ("grew net revenue 8.5% to ZAR 9.6 billion"): "Acme and Globex grew revenue 5%
        // and 7%, respectively" is several companies' moves.
        static constexpr std::string_view kSetters[] = {
            "raises", "raised", "raise", "raising", "lifts", "lifted", "lifting", "hikes", "hiked", "boosts",
            "boosted", "boosting", "cuts", "cut", "cutting", "lowers", "lowered", "lowering", "slashes",
            "slashed", "trims", "trimmed"};
        static constexpr std::string_view kGrowers[] = {"grew", "grows", "growing", "increased", "increasing",
                                                        "reduced", "reducing", "decreased"};
        auto sets = [&](uint32_t at) {
            bool is = false;
            for (std::string_view w : kSetters) is |= eq_ci(c_.tok(at), w);
            if (fg.list_hit < 0 && fg.te < last() && eq_ci(c_.tok(fg.te), "to"))
                for (std::string_view w : kGrowers) is |= eq_ci(c_.tok(at), w);
            return is;
        };
        bool setter = v > first() && sets(v - 1);
        // "lifting product revenue 34%": one plain word of a business between the verb and the kind.
        if (!setter && v > first() + 1 && c_.doc.tokens[v - 1].kind == TokenKind::word &&
            !(F(v - 1) & (W::kStop | kMentionFlag)) && sets(v - 2))
            setter = (--v, true);
        if (setter) dir = direction_in(v - 1, v, h->loss);
    }
    return h;
}

namespace {

// "Azure grew 40%", "Google Cloud grew 34%", "Azure growth of 37%": a segment or product does
// not trade, so its growth is its revenue's. Only growth words count: a brand can also be a
// listed name, and "Peugeot fell 0.81 pct" is a share price.
bool growth_word(std::string_view x) {
    static constexpr std::string_view kWords[] = {"grew",    "grow",   "grows",   "growing",   "expanded",
                                                  "expands", "shrank", "shrinks", "contracted"};
    for (std::string_view w : kWords)
        if (eq_ci(x, w)) return true;
    return false;
}

}  // namespace

bool SentenceReader::segment_move(const Fig& fg, const Quantity& q) {
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
        } else if (e + 2 == fg.tb && eq_ci(c_.tok(e), "growth") && eq_ci(c_.tok(e + 1), "of")) {
            dir = Direction::up;
        }
        if (dir == Direction::none) continue;
        Change ch;
        set_percent(ch, dir, q);
        ch.basis = basis_after(fg.te, fg.te, fg.te);
        Hit seg;
        seg.begin = seg.np_begin = seg.end = e;  // right after the name, which attribution finds before it
        seg.kind = MetricKind::revenue;
        attach_change(ch, &seg, fg.tb, fg.te, q);
        return true;
    }
    return false;
}

// The growth rate of a business named before "growth", with no kind word: "Google Cloud's 41%
// growth", "data center growth of 22%", "AWS growth accelerated to 20%", "Services growth holding
// at about 14-15%". It is the business's revenue growth, as "Azure grew 40%" is. A kind word
// before "growth" ("revenue growth of 12%") is read by change_kind_before instead, and a company's
// own growth ("Acme's 5% growth") is no revenue figure.
bool SentenceReader::growth_rate(const Fig& fg, const Quantity& q) {
    if (!(words_any_ & W::kGrowthNoun)) return false;  // every answer needs "growth" (a growth noun) in the sentence
    auto growth_at = [&](uint32_t t) { return t >= first() && t < last() && eq_ci(c_.tok(t), "growth"); };
    uint32_t g = 0, subject_end = 0;
    if (growth_at(fg.te)) {  // "Google Cloud's 41% growth"
        g = fg.te;
        subject_end = fg.tb;
    } else {
        uint32_t t = fg.tb;
        while (t > first() && (eq_ci(c_.tok(t - 1), "about") || eq_ci(c_.tok(t - 1), "around") ||
                               eq_ci(c_.tok(t - 1), "roughly") || eq_ci(c_.tok(t - 1), "nearly")))
            --t;
        if (t < first() + 2) return false;
        const std::string_view before = c_.tok(t - 1);
        if (eq_ci(before, "of") && growth_at(t - 2)) g = t - 2;  // "growth of 22%"
        else if ((eq_ci(before, "to") || eq_ci(before, "at")) && growth_at(t - 3)) g = t - 3;  // "growth slowed to"
        else if ((eq_ci(before, "to") || eq_ci(before, "at")) && growth_at(t - 4)) g = t - 4;  // "growth picked up to"
        else return false;
        subject_end = g;
    }
    // A possessive between the business and the figure: "Google Cloud's".
    if (subject_end > first() && (c_.tok(subject_end - 1) == "'s" || c_.tok(subject_end - 1) == "\xE2\x80\x99s"))
        --subject_end;
    Change ch;
    set_percent(ch, Direction::up, q);
    range_change(ch, fg);
    ch.basis = basis_after(g + 1 > fg.te ? g + 1 : fg.te, fg.te, fg.te);
    // A segment of the alias table ending right before: attribution finds it before its hit.
    const uint32_t to = mention_from(subject_end);
    if (to > c_.mention_begin) {
        const Mention& mn = c_.mentions[to - 1];
        if (mn.is_segment && mention_end_token(c_.doc, mn, last()) == subject_end) {
            Hit seg;
            seg.begin = seg.np_begin = seg.end = subject_end;
            seg.kind = MetricKind::revenue;
            attach_change(ch, &seg, fg.tb, fg.te, q);
            return true;
        }
    }
    // Business words ("data center", "Services"), in a sentence about a company.
    if (c_.mention_begin == c_.mention_end && !last_company_) return false;
    const std::string_view business = segments::before_kind(segment_view(), subject_end);
    if (business.empty()) return false;
    business_change(ch, business, g, fg, q);
    return true;
}

// A margin's percentage is its level ("fell to 9.5% from 11.2%"), unless it comes right after
// the direction word or "by", or is written in points: then it is the change, in points.
void SentenceReader::margin_figure(const Fig& fg, const Quantity& q, const Hit* h, Direction dir) {
    if (prior_cue_before(fg.tb)) {
        Metric* m = sentence_metric(h->kind);
        if (m && m->has_value && !m->has_prior && m->unit == q.unit) {
            m->has_prior = true;
            m->prior_value = q.value;
            if (m->change.basis == Basis::none) m->change.basis = basis_after(fg.te, fg.te, fg.te);
            if (m->change.basis == Basis::none) m->change.basis = prior_period_basis(*m, fg.te);  // "from 43.2% in the second quarter"
            if (m->change.basis == Basis::none) m->change.basis = same_period_after(fg.te);  // "in the corresponding period"
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
        values_after_money_ = true;
        return;
    }
    Metric nm;
    take_value(nm, q);
    range_value(nm, fg);
    // "operating margin was negative 50.6%", "a margin of minus 4%": a level below zero.
    if (fg.tb > first() && (eq_ci(c_.tok(fg.tb - 1), "negative") || eq_ci(c_.tok(fg.tb - 1), "minus")) && nm.value > 0)
        nm.value = -nm.value, nm.low = -nm.low, nm.high = -nm.high;
    nm.change.direction = dir;
    // "EBITDA margin held at 38.5%", "remained steady at 12%": a level that did not move.
    if (dir == Direction::none && fg.tb > first() + 1 && eq_ci(c_.tok(fg.tb - 1), "at")) {
        const std::string_view v = c_.tok(fg.tb - 2);
        if (eq_ci(v, "held") || eq_ci(v, "steady") || eq_ci(v, "remained") || eq_ci(v, "stayed") || eq_ci(v, "stable"))
            nm.change.direction = Direction::flat;
    }
    // "still expects an operating margin of 4% to 5%", "reaffirmed its margin target of 20%": a
    // projection that did not move (as amounts and counts).
    const size_t before_push = c_.out.size();
    push_metric(nm, h, fg.tb, fg.te);
    if (c_.out.size() > before_push && dir == Direction::none && c_.out.back().forecast &&
        role_before(fg.tb, W::Role::reaffirm, 10))
        c_.out.back().change.direction = Direction::flat;
}

// "the EBITDA margin was 18.4 percent (16.9)": a percentage in brackets right after a percentage
// level is that level's year-earlier value (European reports), no figure of its own.
bool SentenceReader::bracketed_prior_percent(size_t fi) {
    if (fi == 0) return false;
    const Quantity& q = c_.quantities[figs_[fi].q];
    const Quantity& p = c_.quantities[figs_[fi - 1].q];
    if (!q.unit.is_percent() || !p.unit.is_percent() || !bracketed_after(q, p)) return false;
    for (size_t i = c_.out.size(); i-- > first_metric_;) {
        Metric& m = c_.out[i];
        if (m.span.field != p.span.field || m.span.begin != p.span.begin || m.has_prior || m.value == 0) continue;
        m.has_prior = true;
        m.prior_value = q.value;
        direction_from_prior(m);
        if (labelled(q) && m.change.basis == Basis::none) m.change.basis = Basis::yoy;  // "(9M 2025: 20,9 percent)"
        break;
    }
    return true;
}

// A new metric of the hit's kind, with entity, period and forecast from the context.
void SentenceReader::push_metric(Metric& m, const Hit* h, uint32_t tb, uint32_t te) {
    m.kind = h->kind;
    if (combined_figure(h, tb, te)) return;  // several companies' together: no one's metric
    attribute(m, h, tb, te, false);
    finish(m, tb, te, h);
    push(m);
}

// "gross margin expanded 120 basis points", "margin was 14.2%, down 80 bp".
void SentenceReader::margin_bp(const Fig& fg, const Quantity& q) {
    const Hit* h = hit_before(fg.tb, 12, true);
    if (!h || !is_margin(h->kind)) return;
    Direction dir = direction_in(h->end, fg.tb, false);
    if (dir == Direction::none) dir = direction_in(fg.te, fg.te + 1 < last() ? fg.te + 1 : fg.te, false);
    margin_change(fg, q, h, dir, q.value / 100.0);
}

void SentenceReader::margin_change(const Fig& fg, const Quantity& q, const Hit* h, Direction dir, double points) {
    if (dir == Direction::none && points < 0) dir = Direction::down;
    if (dir == Direction::none) return;
    Change ch;
    ch.direction = dir;
    ch.has_points = true;
    ch.points = dir == Direction::down ? -std::fabs(points) : std::fabs(points);
    // "up 80 basis points sequentially", "down 1.2 points from a year earlier": the move's own basis.
    ch.basis = basis_after(fg.te, fg.te, fg.te);
    if (Metric* m = sentence_metric(h->kind)) {
        const Basis basis = m->change.basis;
        m->change = ch;
        if (ch.basis == Basis::none) m->change.basis = basis;
        // "up 0.6 percentage point from the second quarter": the earlier period named after "from".
        if (m->change.basis == Basis::none && fg.te < last() && eq_ci(c_.tok(fg.te), "from"))
            m->change.basis = prior_period_basis(*m, fg.te + 1);
        return;
    }
    Metric nm;
    nm.change = ch;
    nm.span = q.span;
    nm.text = q.text;
    push_metric(nm, h, fg.tb, fg.te);
}

// "expects revenue to grow 2% to 5%, ..., after fourth-quarter revenue rose 6% to $17.6 billion":
// a value right after "<percentage> to" is that percentage's level, no other change's.
bool SentenceReader::moved_by_other(const Metric& m, const Quantity& q) const {
    if (m.span.field != q.span.field || m.span.begin >= c_.field.size()) return false;
    size_t b = m.span.begin;
    while (b > 0 && c_.field[b - 1] == ' ') --b;
    if (b < 4 || c_.field.substr(b - 3, 3) != " to") return false;
    b -= 3;
    while (b > 0 && c_.field[b - 1] == ' ') --b;
    return b > 0 && c_.field[b - 1] == '%' && b != q.span.end;
}

// "Q4 profit falls 18%, forecasts fiscal 2027 net income of $4.0 billion": a projection whose
// forecast word stands between a reported move and it is another statement; it takes no change
// from before that word.
bool SentenceReader::projected_after(const Metric& m, uint32_t te) const {
    if (!m.forecast || !forecast_cues_ || m.span.field != c_.sent->field) return false;
    for (uint32_t t = te; t < last() && c_.doc.tokens[t].begin < m.span.begin; ++t)
        if (F(t) & kForecastCue) return true;
    return false;
}

void SentenceReader::attach_change(const Change& ch, const Hit* h, uint32_t tb, uint32_t te, const Quantity& q) {
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
        if (moved_by_other(m, q)) return false;
        if (projected_after(m, te)) return false;
        // "delivered 710,347 vehicles, up 8%, including 66,501 EVs": the 8% is the whole's.
        if (m.span.begin > q.span.begin && m.span.field == q.span.field)
            for (size_t k = 0; k < n_breakdowns_; ++k)
                if (breakdowns_[k] == m.span.begin) return false;
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
    if (values_after_money_)  // else none of them has a value: none qualifies
        for (size_t i = from; i < c_.out.size(); ++i) consider(i);
    // Never across businesses: "revenue was $10 billion and cloud revenue grew 30%" is the
    // cloud's change, not the total's.
    if (best && !same_business(*best, h, tb, te)) best = nullptr;
    if (best) {
        const Change known = best->change;  // its basis from its prior value ("... a year earlier")
        best->change = ch;
        if (best->change.basis == Basis::none) best->change.basis = known.basis;
        // "increased $1.1 billion, or 28%, to $5.0 billion": the amount stays with the percentage.
        if (known.has_amount && (ch.direction == known.direction || ch.direction == Direction::none)) {
            best->change.has_amount = true;
            best->change.amount = known.amount;
            if (best->change.direction == Direction::none) best->change.direction = known.direction;
        }
        return;
    }
    Metric m;
    m.change = ch;
    m.qualifier = q.qualifier;  // "growth above 40%": a floor on the change
    m.span = q.span;
    m.text = q.text;
    push_metric(m, h, tb, te);
}

// "revenue doubled", "profit halved": a change without a figure.
void SentenceReader::multiplier_pass() {
    // Only the word table gives these flags: a sentence without such a word has nothing to read.
    if (!(words_any_ & (W::kDouble | W::kTriple | W::kHalve))) return;
    for (const auto& h : hits_) {
        if (c_.full) return;
        if (h.modifier || h.kind == W::kNotMetric) continue;
        // "revenue doubled", "operating income at its streaming business tripled": the verb within
        // three words of the kind, or past the business the kind names (up to eight, no comma).
        for (uint32_t t = h.end; t < last() && t < h.end + 8; ++t) {
            uint32_t f = F(t);
            if (t >= h.end + 3 && (f & (kPunctComma | kFigureFlag | W::kClause | W::kUp | W::kDown))) break;
            double pct = (f & W::kDouble) ? 100.0 : (f & W::kTriple) ? 200.0 : (f & W::kHalve) ? -50.0 : 0.0;
            if (pct == 0.0) continue;
            Change ch;
            ch.direction = pct > 0 ? Direction::up : Direction::down;
            // "more than doubled to 95,000": the level carries the move, whose size is not stated
            // exactly; "revenue doubled" alone is +100%.
            // "more than doubled to a record 14.2 trillion won": past "a", "an", "record", "new".
            uint32_t lv = t + 2;
            while (lv < last() && lv < t + 5 && (eq_ci(c_.tok(lv), "a") || eq_ci(c_.tok(lv), "an") ||
                                                 eq_ci(c_.tok(lv), "record") || eq_ci(c_.tok(lv), "new")))
                ++lv;
            const bool to_level = lv < last() && eq_ci(c_.tok(t + 1), "to") &&
                                  ((F(lv) & kFigureFlag) || c_.doc.tokens[lv].kind == TokenKind::number);
            // "tripled to $1.3 billion" is +200%; "more than doubled to", "nearly tripled to" state no exact size.
            const std::string_view before = t > first() ? c_.tok(t - 1) : std::string_view{};
            const bool inexact = eq_ci(before, "than") || eq_ci(before, "nearly") || eq_ci(before, "almost") ||
                                 eq_ci(before, "roughly") || eq_ci(before, "about");
            ch.has_percent = !(to_level && inexact);
            ch.percent = ch.has_percent ? pct : 0.0;
            // "more than tripled to 22.4 billion pesos from a year earlier": the basis after the level.
            if (to_level)
                for (const Fig& lf : figs_)
                    if (lf.tb == lv) {
                        ch.basis = basis_after(lf.te, lf.te, lf.te);
                        break;
                    }
            Quantity q;
            const Token& tk = c_.doc.tokens[t];
            q.span = {tk.field, tk.begin, tk.end};
            q.text = c_.doc.text(tk);
            attach_change(ch, &h, t, t + 1, q);
            break;
        }
    }
}

}  // namespace herald::analysis::metric_reader
