// Two ways news pairs figures with what they measure beyond "kind ... figure":
// - a move stated as an amount before the level it led to: "revenue increased by $5 million to
//   $80 million", "net loss widened by EUR 2 mn to EUR 9 mn", "orders rose $1.2 billion to $14
//   billion": one metric, the level, with the move as change.amount (signed like the direction);
// - "respectively" lists: "revenue and operating income of $3 billion and $1 billion,
//   respectively" gives the n-th kind the n-th figure.
#include <cmath>

#include "metrics_reader.hpp"

namespace herald::analysis::metric_reader {

namespace {

// Words between a move and its amount that qualify the amount: "rose by about $5 million".
bool amount_qualifier(std::string_view w) {
    return eq_ci(w, "about") || eq_ci(w, "around") || eq_ci(w, "roughly") || eq_ci(w, "nearly") ||
           eq_ci(w, "approximately") || eq_ci(w, "some") || eq_ci(w, "almost") || eq_ci(w, "over") ||
           eq_ci(w, "more") || eq_ci(w, "than") || eq_ci(w, "less") || eq_ci(w, "just");
}

}  // namespace

// Is money figure a, followed by "to" and money figure b of the same unit, the amount of a move
// to b? After "by" ("increased by $5 million to $80 million") always; right after a move verb
// ("rose $1.2 billion to $14 billion") when it is smaller than b, and not in an infinitive ("is
// expected to grow $1 billion to $2 billion" can be a range of growth).
bool SentenceReader::amount_move(const Fig& a, const Fig& b) const {
    const Quantity& qa = c_.quantities[a.q];
    const Quantity& qb = c_.quantities[b.q];
    if (!a.money || !b.money || qa.is_range || qb.is_range || !(qa.unit == qb.unit) || qa.span.field != qb.span.field)
        return false;
    // The level can be qualified: "by $200 million to about $12.3 billion".
    uint32_t to = b.tb;
    for (int k = 0; k < 2 && to > a.te + 1 && amount_qualifier(c_.tok(to - 1)); ++k) --to;
    if (to < 1 || !eq_ci(c_.tok(to - 1), "to")) return false;
    if (to != a.te + 1 && !percent_between(a, b)) return false;
    uint32_t t = a.tb;
    for (int k = 0; k < 2 && t > first() && amount_qualifier(c_.tok(t - 1)); ++k) --t;
    if (t <= first()) return false;
    if (eq_ci(c_.tok(t - 1), "by")) return true;
    if (!(F(t - 1) & (W::kUp | W::kDown | W::kWiden | W::kNarrow))) return false;
    if (t >= first() + 2 && (eq_ci(c_.tok(t - 2), "to") || (F(t - 2) & W::kForecast))) return false;
    return std::fabs(qa.value) < std::fabs(qb.value);
}

// "increased $1.1 billion, or 28%, to $5.0 billion": the amount's percentage between commas,
// then "to" and the level (the percentage is the level's change).
bool SentenceReader::percent_between(const Fig& a, const Fig& b) const {
    const size_t fi = static_cast<size_t>(&a - figs_.data());
    if (fi + 2 >= figs_.size() || &figs_[fi + 2] != &b) return false;
    const Fig& p = figs_[fi + 1];
    return !p.money && c_.tok(a.te) == "," && eq_ci(c_.tok(a.te + 1), "or") && p.tb == a.te + 2 &&
           c_.tok(p.te) == "," && b.tb == p.te + 2;
}

void SentenceReader::mark_amounts() {
    // amount_move needs "to" before the level: a short ASCII word, so always keyed and its cue seen.
    if (!(cues_any_ & W::kCueTo)) return;
    for (size_t fi = 0; fi + 1 < figs_.size(); ++fi) {
        Fig& a = figs_[fi];
        if (!amount_move(a, figs_[fi + 1]) && !(fi + 2 < figs_.size() && amount_move(a, figs_[fi + 2]))) continue;
        a.amount = true;
        // The amount does not separate the level from the kind before it.
        for (uint32_t k = a.tb; k < a.te && k < last(); ++k) fl_[k - first_] &= ~kFigureFlag;
    }
}

// The level's metric takes the amount before it as its change ("by $5 million to"): the
// direction from the move verb when direction_to found none, the amount signed like it.
void SentenceReader::take_amount(Metric& m, const Fig& fg, const Hit* h) const {
    const size_t fi = static_cast<size_t>(&fg - figs_.data());
    if (fi == 0 || fi > figs_.size()) return;
    const bool gap = fi >= 2 && figs_[fi - 2].amount && percent_between(figs_[fi - 2], fg);
    const Fig& a = figs_[gap ? fi - 2 : fi - 1];
    // Only an amount before the figure gives one (mark_amounts sets none in most sentences): asked
    // before the qualifier walk, which reads token text per figure and can only move `to`.
    if (!a.amount) return;
    uint32_t to = fg.tb;  // "by $200 million to about $12.3 billion"
    for (int k = 0; k < 2 && to > a.te + 1 && amount_qualifier(c_.tok(to - 1)); ++k) --to;
    if (!gap && a.te + 1 != to) return;
    Direction dir = m.change.direction;
    if (dir == Direction::none) {
        uint32_t t = a.tb;
        while (t > first() && (amount_qualifier(c_.tok(t - 1)) || eq_ci(c_.tok(t - 1), "by"))) --t;
        // "raised its guidance for full-year pre-tax profit by £15 million": the move verb opens
        // the phrase the kind ends, a few words before "by".
        for (uint32_t k = t, n = 0; dir == Direction::none && k > first() && n < 10; ++n) {
            --k;
            if (F(k) & (kPunctHard | W::kClause | kPunctComma)) break;
            dir = direction_in(k, k + 1, h && h->loss);
        }
    }
    if (dir != Direction::up && dir != Direction::down) return;
    const double v = std::fabs(c_.quantities[a.q].value);
    m.change.direction = dir;
    m.change.has_amount = true;
    m.change.amount = dir == Direction::down ? -v : v;
}

// "$3 billion and $2 billion in 2025 and 2024, respectively": where the figures end when a list of
// periods ending before token e sits between them and "respectively" (its "in", "for the" too);
// e when none does.
uint32_t SentenceReader::before_period_list(uint32_t e) {
    read_periods();
    for (size_t i = 0; i < n_periods_; ++i) {
        const periods::Found& f = periods_[i];
        if (f.list_pos != 0 || f.list_len < 2 || i + f.list_len > n_periods_ || periods_[i + f.list_len - 1].end != e) continue;
        uint32_t k = f.token;
        while (k > first() && (eq_ci(c_.tok(k - 1), "in") || eq_ci(c_.tok(k - 1), "for") || eq_ci(c_.tok(k - 1), "the") ||
                               eq_ci(c_.tok(k - 1), "during") || eq_ci(c_.tok(k - 1), "of")))
            --k;
        return k;
    }
    return e;
}

// Does the sentence write a "respectively" list of n periods ("in 2025, 2024 and 2023")?
bool SentenceReader::period_list(uint32_t n) {
    read_periods();
    for (size_t i = 0; i < n_periods_; ++i)
        if (periods_[i].list_len == n) return true;
    return false;
}

// "Revenue and operating income were $3 billion and $1 billion, respectively": figures joined
// by commas and "and" right before "respectively", and as many kind phrases joined the same way
// before the first of them, pair in order. Anything else is left to the nearest-kind reading.
void SentenceReader::respectively_lists() {
    // The word table marks "respectively" (a cue), and tag_tokens ORs the sentence's cues.
    if (figs_.size() < 2 || !(cues_any_ & W::kCueRespectively)) return;
    constexpr uint32_t kMaxList = 8;
    for (uint32_t t = first(); t < last(); ++t) {
        if (!(cues(t) & W::kCueRespectively)) continue;
        // The figures ending right before it (a comma between).
        // Figures are in token order and each ends after its first token, so every figure from the
        // first one starting at or after t ends after t: the walk back starts there (linear in
        // the figures even with many "respectively").
        size_t j = static_cast<size_t>(
            std::lower_bound(figs_.begin(), figs_.end(), t, [](const Fig& f, uint32_t x) { return f.tb < x; }) - figs_.begin());
        while (j > 0 && figs_[j - 1].te > t) --j;
        if (j == 0) continue;
        uint32_t end = t;
        if (end > first() && c_.tok(end - 1) == ",") --end;
        if (figs_[j - 1].te != end) end = before_period_list(end);
        if (figs_[j - 1].te != end) continue;
        size_t i = j - 1;
        uint32_t n = 1;
        while (i > 0 && n < kMaxList) {
            const Fig& prev = figs_[i - 1];
            const Fig& cur = figs_[i];
            uint32_t k = prev.te;
            if (k < cur.tb && c_.tok(k) == ",") ++k;
            if (k < cur.tb && eq_ci(c_.tok(k), "and")) ++k;
            if (k != cur.tb || prev.te == cur.tb || prev.range_start || cur.range_end) break;
            --i;
            ++n;
        }
        if (n < 2) continue;
        for (uint32_t k = 0; k < n; ++k)
            figs_[i + k].list_pos = static_cast<uint8_t>(k), figs_[i + k].list_len = static_cast<uint8_t>(n);
        lists_ = true;
        // The kind phrases before the first figure, joined by commas and "and".
        auto it = std::upper_bound(hits_.begin(), hits_.end(), figs_[i].tb, [](uint32_t x, const Hit& h) { return x < h.end; });
        int32_t idx[kMaxList];
        uint32_t found = 0;
        uint32_t next_begin = figs_[i].tb;
        while (it != hits_.begin() && found < n) {
            const Hit& h = *--it;
            if (h.modifier || h.per_share || h.kind == W::kNotMetric) continue;
            if (found > 0) {
                uint32_t k = h.end;
                if (k < next_begin && c_.tok(k) == ",") ++k;
                if (k < next_begin && eq_ci(c_.tok(k), "and")) ++k;
                while (k < next_begin && (F(k) & W::kDeterminer)) ++k;
                if (k != next_begin) break;
            } else if (figs_[i].tb - h.end > 6) {
                break;
            }
            idx[found++] = static_cast<int32_t>(&h - hits_.data());
            next_begin = h.np_begin;
        }
        if (found != n) {
            // One kind and as many periods: "revenue was $3 billion, $2 billion and $1 billion in
            // 2025, 2024 and 2023, respectively" is one kind over the years.
            if (!period_list(n)) continue;
            const Hit* h = hit_before(figs_[i].tb, 14);
            if (!h || h->kind == W::kNotMetric) continue;
            for (uint32_t k = 0; k < n; ++k) figs_[i + k].list_hit = static_cast<int32_t>(h - hits_.data());
            continue;
        }
        for (uint32_t k = 0; k < n; ++k) figs_[i + k].list_hit = idx[n - 1 - k];
    }
}

}  // namespace herald::analysis::metric_reader
