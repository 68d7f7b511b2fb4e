// Moves stated after a level and a comma, as filings and releases write them: "Total revenues for
// the three months ended September 30, 2025 were $4.82 billion, an increase of 11% compared with
// the prior-year period", "$16.1 billion, an increase of $0.9 billion, or 6%", "£1,245 million, up
// 4% on the same period last year", "$356.4 million, representing an increase of $41.2 million".
// The kind phrase is often beyond a percentage's reach (a period phrase sits between), but the
// move can only be the level's right before the comma: that level takes it.
#include <algorithm>
#include <cmath>
#include <iterator>

#include "metric_kinds.hpp"
#include "metrics_reader.hpp"
#include "numbers.hpp"

namespace herald::analysis::metric_reader {

namespace {

// A word by the tokenizer's key (compared equal exactly when the word is, ignoring case; words
// over 16 bytes have none).
struct KeyWord {
    uint64_t a = 0, b = 0;
    constexpr KeyWord(std::string_view w) : a(word_key(w)), b(w.size() > 8 ? word_key(w.substr(8)) : 0) {}
    constexpr KeyWord(const char* w) : KeyWord(std::string_view(w)) {}
    bool is(const WordKey& k) const { return a == k.a && b == k.b; }
};

constexpr KeyWord kMoveQualifiers[] = {"about", "approximately", "roughly", "nearly", "almost", "some"};

bool move_qualifier(const WordKey& k) {
    for (const KeyWord& q : kMoveQualifiers)
        if (q.is(k)) return true;
    return false;
}

// The first 8 key bytes of the words a trailing move can start with right before its figure: a
// qualifier, "or" (", or 6%"), "of" ("an increase of"), "up" or "down". Most figures follow none
// ("$5B $5B", "5% 5%", "revenue $5B"): a few compares answer them.
struct MoveLeads {
    uint64_t keys[std::size(kMoveQualifiers) + 4] = {};
    constexpr MoveLeads() {
        size_t n = 0;
        for (const KeyWord& q : kMoveQualifiers) keys[n++] = q.a;
        for (std::string_view w : {"or", "of", "up", "down"}) keys[n++] = word_key(w);
    }
    bool may_lead(uint64_t a) const {
        bool any = false;
        for (uint64_t k : keys) any |= k == a;
        return any;
    }
};
constexpr MoveLeads kMoveLeads;

bool year_token(std::string_view w) {
    return w.size() == 4 && (w[0] == '1' || w[0] == '2') && num::is_digit(w[1]) && num::is_digit(w[2]) &&
           num::is_digit(w[3]);
}

}  // namespace

// The figure ending at token te (a money figure of this sentence), or null.
const Fig* SentenceReader::fig_ending(uint32_t te) const {
    for (size_t i = figs_.size(); i-- > 0;)
        if (figs_[i].te == te) return &figs_[i];
        else if (figs_[i].te < te) break;
    return nullptr;
}

// The level a move starting at token tb trails, or null; dir gets the move's direction. tb is the
// move's figure; before it: [", or" after an amount figure of the same move], "a/an <change noun>
// of" or "up/down", [a qualifier], [representing], a comma, then at most 14 tokens back to the
// level with no kind phrase, figure or clause break between (a comma only inside a date: ", 2025").
Metric* SentenceReader::trailing_level(uint32_t tb, Direction& dir) const {
    // Each reading below needs the token before tb to be a lead word.
    const WordKey* keys = c_.doc.keys.data();
    if (tb <= first() || !kMoveLeads.may_lead(keys[tb - 1].a)) return nullptr;
    uint32_t t = tb;
    while (t > first() && move_qualifier(keys[t - 1])) --t;
    // ", or 6%" after "an increase of $0.9 billion": the amount's phrase is the move's.
    if (t >= first() + 2 && eq_ci(c_.tok(t - 1), "or") && c_.tok(t - 2) == ",")
        if (const Fig* a = fig_ending(t - 2); a && a->money) t = a->tb;
    while (t > first() && move_qualifier(keys[t - 1])) --t;
    if (t >= first() + 3 && eq_ci(c_.tok(t - 1), "of") && (F(t - 2) & W::kGrowthNoun) &&
        (eq_ci(c_.tok(t - 3), "a") || eq_ci(c_.tok(t - 3), "an"))) {
        dir = direction_in(t - 2, t - 1, false);
        t -= 3;
    } else if (t > first() && (eq_ci(c_.tok(t - 1), "up") || eq_ci(c_.tok(t - 1), "down"))) {
        dir = direction_in(t - 1, t, false);
        t -= 1;
    } else {
        return nullptr;
    }
    if (dir != Direction::up && dir != Direction::down) return nullptr;
    if (t > first() && (eq_ci(c_.tok(t - 1), "representing") || eq_ci(c_.tok(t - 1), "reflecting"))) --t;
    if (t <= first() || c_.tok(t - 1) != ",") return nullptr;
    const uint32_t comma = t - 1;
    // The level: the money or count metric of the sentence ending last before the comma. They are
    // in figure order, so it is among the few that start before the comma (at most
    // kMaxCandidates looked at: a hostile sentence holds thousands).
    const auto& toks = c_.doc.tokens;
    const uint32_t at = toks[comma].begin;
    const auto run_b = c_.out.begin() + static_cast<std::ptrdiff_t>(first_metric_);
    const auto run_e = c_.out.begin() + static_cast<std::ptrdiff_t>(money_end_);
    size_t i = static_cast<size_t>(
        std::lower_bound(run_b, run_e, at, [](const Metric& m, uint32_t x) { return m.span.begin < x; }) - c_.out.begin());
    Metric* level = nullptr;
    for (size_t k = 0; i > first_metric_ && k < kMaxCandidates; ++k) {
        Metric& m = c_.out[--i];
        if (m.span.field == toks[comma].field && m.span.end <= at && (!level || m.span.end > level->span.end)) level = &m;
    }
    if (!level || !level->has_value || level->change.has_percent || level->unit.is_percent() || is_margin(level->kind))
        return nullptr;
    // Between the level and the comma: at most 14 tokens, no kind phrase, figure or clause break;
    // or the level's earlier value and its comma ("$4.12, compared to $3.65 for fiscal 2024, an
    // increase of 13%"), in at most 24.
    const bool prior = level->has_prior;
    uint32_t k = comma, commas = 0;
    for (uint32_t n = 0; k > first() && toks[k - 1].end > level->span.end; --k, ++n) {
        const uint32_t f = F(k - 1);
        // "earnings of $1.21 per share, up 2.5%": the level's own per-share words are no other kind.
        const Hit* h = hit_beginning(k - 1);
        const bool own = h && h->kind == level->kind && kinds::row(h->kind).per_share && toks[k - 2].end == level->span.end;
        if (n == (prior ? 24 : 14) || (h && !own) || (f & (kPunctHard | W::kClause)) || ((f & kFigureFlag) && !prior))
            return nullptr;
        if ((f & kPunctComma) && !(c_.tok(k - 1) == "," && year_token(c_.tok(k))) && (!prior || ++commas > 1))
            return nullptr;
    }
    return k > first() && toks[k - 1].end == level->span.end ? level : nullptr;
}

// A percentage trailing a level: its change ("$4.82 billion, an increase of 11%").
bool SentenceReader::trailing_percent(const Fig& fg, const Quantity& q) {
    Direction dir = Direction::none;
    Metric* m = trailing_level(fg.tb, dir);
    if (!m) return false;
    const Change known = m->change;
    set_percent(m->change, dir, q);
    range_change(m->change, fg);
    m->change.basis = basis_after(fg.te, fg.te, fg.te);
    if (m->change.basis == Basis::none) m->change.basis = known.basis;
    if (known.has_amount) {
        m->change.has_amount = true;
        m->change.amount = known.amount;
    }
    return true;
}

// An amount trailing a level: its move's direction and amount ("$356.4 million, representing an
// increase of $41.2 million over the prior-year quarter"). The amount is no metric of its own.
bool SentenceReader::trailing_amount(const Fig& fg, const Quantity& q) {
    Direction dir = Direction::none;
    Metric* m = trailing_level(fg.tb, dir);
    if (!m || m->change.direction != Direction::none || !(m->unit == q.unit)) return false;
    const double v = std::fabs(q.value);
    m->change.direction = dir;
    m->change.has_amount = true;
    m->change.amount = dir == Direction::down ? -v : v;
    if (m->change.basis == Basis::none) m->change.basis = basis_after(fg.te, fg.te, fg.te);
    return true;
}

// "Operating profit was EUR 48.6 million (41.2), or 9.4% of net sales", "adjusted EBITDA of $356
// million, representing 18% of revenue": a share of sales right after an operating profit or
// EBITDA level is that level's margin (the kind catalogue names both margins operating_margin),
// with the level's company, segment, period and forecast. Other shares ("28% of revenue" after no
// such level) stay no metric.
bool SentenceReader::share_margin(const Fig& fg, const Quantity& q) {
    uint32_t t = fg.te + 1;  // past "of"
    while (t < last() && (eq_ci(c_.tok(t), "net") || eq_ci(c_.tok(t), "total") || eq_ci(c_.tok(t), "its"))) ++t;
    const std::string_view base = c_.tok(t);
    if (!eq_ci(base, "sales") && !eq_ci(base, "revenue") && !eq_ci(base, "revenues") && !eq_ci(base, "turnover"))
        return false;
    if (fg.tb <= first()) return false;
    const std::string_view before = c_.tok(fg.tb - 1);
    if (!eq_ci(before, "or") && !eq_ci(before, "representing") && before != ",") return false;
    // The latest operating profit or EBITDA level of the sentence before the figure.
    const Metric* level = nullptr;
    for (size_t i = c_.out.size(), k = 0; i > first_metric_ && k < kMaxCandidates; ++k) {
        const Metric& m = c_.out[--i];
        if (m.span.field != q.span.field || m.span.begin >= q.span.begin) continue;
        if ((m.kind == MetricKind::operating_income || m.kind == MetricKind::ebitda) && m.has_value) level = &m;
        break;
    }
    if (!level) return false;
    Metric nm = *level;
    nm.kind = MetricKind::operating_margin;
    nm.change = {};
    nm.has_prior = false;
    nm.prior_value = 0;
    take_value(nm, q);
    push(nm);
    return true;
}

// "swung to a loss of $210 million", "swung into an operating profit of": the swing goes the way
// of the kind's sign (down to a loss, up to a profit). At most one determiner between.
Direction SentenceReader::swing_before(const Hit* h) const {
    uint32_t k = h->np_begin;
    if (k > first() && (F(k - 1) & W::kDeterminer)) --k;
    // Compared by key: most kind phrases follow no "to" and are passed with two compares.
    if (k < first() + 2 || !(c_.doc.keys[k - 1].a == word_key("to") || c_.doc.keys[k - 1].a == word_key("into")))
        return Direction::none;
    const std::string_view v = c_.tok(k - 2);
    if (!(eq_ci(v, "swung") || eq_ci(v, "swing") || eq_ci(v, "swings") || eq_ci(v, "swinging") || eq_ci(v, "turned")))
        return Direction::none;
    return h->loss ? Direction::down : Direction::up;
}

// A level that did not move: "kept its quarterly dividend at $0.372 a share" (a keeping verb
// before, "at" right before the figure), "Net interest income was EUR 3.78 billion, unchanged from
// the second quarter" (", unchanged" or ", flat" right after it; the basis from what follows).
void SentenceReader::kept_level(Metric& m, const Fig& fg) const {
    if (fg.tb > first() && c_.doc.keys[fg.tb - 1].a == word_key("at") && role_before(fg.tb, W::Role::reaffirm, 8)) {
        m.change.direction = Direction::flat;
        return;
    }
    if (fg.te + 1 >= last() || !(F(fg.te) & kPunctComma) || c_.tok(fg.te) != ",") return;
    const std::string_view w = c_.tok(fg.te + 1);
    if (!(eq_ci(w, "unchanged") || eq_ci(w, "flat") || eq_ci(w, "steady"))) return;
    m.change.direction = Direction::flat;
    if (m.change.basis == Basis::none) m.change.basis = basis_after(fg.te + 2, fg.te + 2, fg.te + 2);
    if (m.change.basis == Basis::none) m.change.basis = prior_period_basis(m, fg.te + 2);
}

// "reaffirmed its 2026 adjusted EPS range": a verb that restates a projection, at most six
// tokens before the kind phrase starting at `from` ("kept", "held", "still" also keep actuals).
bool SentenceReader::reaffirm_verb_before(uint32_t from) const {
    for (uint32_t k = from, n = 0; k > first() && n < 6; ++n) {
        --k;
        if (F(k) & (kPunctHard | kPunctComma | W::kClause)) return false;
        if (role_of(k) != W::Role::reaffirm) continue;
        const std::string_view w = c_.tok(k);
        return w.size() > 5 && (eq_ci(w.substr(0, 5), "reaff") || eq_ci(w.substr(0, 5), "reite") || eq_ci(w.substr(0, 5), "affir"));
    }
    return false;
}

}  // namespace herald::analysis::metric_reader
