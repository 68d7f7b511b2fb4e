// Ranges written as two figures: "$12.8 billion to $13.8 billion", "10% to 12%", "between $800
// million and $1.1 billion". (A range the quantity reader already joined, "$1.2-1.5 billion",
// is one figure with low and high.) "from $1 billion to $2 billion" is a move, not a range.
#include "metrics_reader.hpp"

namespace herald::analysis::metric_reader {

bool SentenceReader::growth_range_after_by(const Fig& a, const Quantity& qa) const {
    if (!forecast_cues_ || !qa.unit.is_percent()) return false;
    for (uint32_t k = a.tb, n = 0; k > first() && n < 10; ++n) {
        --k;
        if (F(k) & kPunctHard) break;
        if (eq_ci(c_.tok(k), "margin") || eq_ci(c_.tok(k), "margins")) return false;
    }
    return true;
}

void SentenceReader::join_ranges() {
    for (size_t fi = 0; fi + 1 < figs_.size(); ++fi) {
        Fig& a = figs_[fi];
        Fig& b = figs_[fi + 1];
        if (a.range_end || a.amount || b.te <= b.tb) continue;
        const Quantity& qa = c_.quantities[a.q];
        const Quantity& qb = c_.quantities[b.q];
        if (qa.is_range || qb.is_range || !(qa.unit == qb.unit) || qa.span.field != qb.span.field) continue;
        // One word between them: "to", or "and" after "between" before the first.
        if (b.tb != a.te + 1) continue;
        const std::string_view w = c_.tok(a.te);
        const bool to = eq_ci(w, "to");
        const bool between = eq_ci(w, "and") && a.tb > first() && eq_ci(c_.tok(a.tb - 1), "between");
        if (!to && !between) continue;
        // "from $1 billion to $2 billion", "rose 10% to $5 billion": a move; "cut to 2% from 3%".
        if (to && prior_cue_before(a.tb)) continue;
        // "improved by 1.5 percentage points to 15.2%": a move in points, then the level. But a
        // projected growth rate is a range of rates: "expects profit to grow by 4% to 8%" (no
        // margin, whose level a percentage is, named before it).
        if (a.tb > first() && eq_ci(c_.tok(a.tb - 1), "by") && !growth_range_after_by(a, qa)) continue;
        if (qa.text.find("point") != std::string_view::npos || qb.text.find("point") != std::string_view::npos) continue;
        if (std::fabs(qb.value) < std::fabs(qa.value)) continue;  // a range goes up: "fell 5% to 3%" is no range
        a.range_start = true;
        a.high_q = b.q;
        b.range_end = true;
        // The second figure no longer separates the first from a kind after it.
        for (uint32_t k = b.tb; k < b.te && k < last(); ++k) fl_[k - first_] &= ~kFigureFlag;
        ++fi;
    }
}

// The high end of a range written as two figures, on the metric of the first; its text and span
// cover both ("$12.8 billion to $13.8 billion").
void SentenceReader::range_value(Metric& m, const Fig& fg) const {
    if (!fg.range_start) return;
    const Quantity& hq = c_.quantities[fg.high_q];
    m.is_range = true;
    m.low = m.value;
    m.high = hq.value;
    m.span.end = hq.span.end;
    m.text = c_.doc.event().field(m.span.field).substr(m.span.begin, m.span.end - m.span.begin);
}

void SentenceReader::range_change(Change& ch, const Fig& fg) const {
    if (!fg.range_start || !ch.has_percent) return;
    const double high = std::fabs(c_.quantities[fg.high_q].value);
    ch.has_percent_high = true;
    ch.percent_high = ch.percent < 0 ? -high : high;
}

}  // namespace herald::analysis::metric_reader
