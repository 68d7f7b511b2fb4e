// Earlier values' periods: a bracketed year-earlier figure's label ("(H1 2025: EUR 10,89
// billion)") and the period written after an earlier value ("from EUR 4,33 billion in the third
// quarter of 2025"), which say how far back the comparison goes (the change's basis); bracketed
// year-earlier values in the same currency, and "the same period" after an earlier value.
#include <cmath>

#include "metrics_reader.hpp"
#include "numbers.hpp"
#include "periods_text.hpp"

namespace herald::analysis::metric_reader {

// "(H1 2025: EUR 10,89 billion)", "(9M 2025: 20,9 percent)": the period label of a bracketed
// year-earlier figure ending at s[i) (a colon, after a label of letters, digits and spaces with a
// year in it). Its start (just after the bracket), else 0.
size_t SentenceReader::label_start(std::string_view s, size_t i) {
    if (i < 2 || s[i - 1] != ':') return 0;
    size_t b = i - 1, digits = 0;
    while (b > 0 && i - b < 16 && s[b - 1] != '(') {
        const char ch = s[b - 1];
        if (!(num::is_alnum(ch) || ch == ' ')) return 0;
        digits = num::is_digit(ch) ? digits + 1 : digits < 4 ? 0 : digits;
        --b;
    }
    return b > 0 && s[b - 1] == '(' && digits >= 4 ? b : 0;
}

// Is q a bracketed figure after a period label ("(H1 2025: EUR 10,89 billion)")? Such a label
// names the same period a year before: the comparison is year over year.
bool SentenceReader::labelled(const Quantity& q) const {
    std::string_view s = c_.doc.event().field(q.span.field);
    return label_start(s, num::skip_spaces_back(s, q.span.begin)) != 0;
}

namespace {
// The year a period ends with ("Q3 2025", "FY2025": a year's period has no space), 0 when none.
int period_year(std::string_view v) {
    const bool fy = v.size() == 6 && v[0] == 'F' && v[1] == 'Y';
    return v.size() > 5 && (fy || v[v.size() - 5] == ' ') ? periods::year_of(v.substr(v.size() - 4)) : 0;
}
}  // namespace

// "from EUR 4,33 billion in the third quarter of 2025", "up from 43.2% in the second quarter": the
// earlier value's own period, right after it, says how far back it is: the same form a year
// before the metric's is yoy; the quarter before (a quarter without a year when the metric's
// sentence names none: results compared with the quarter just reported before) is qoq.
Basis SentenceReader::prior_period_basis(const Metric& m, uint32_t te) const {
    read_periods();
    auto year = period_year;
    auto quarter = [](std::string_view v) {  // 1..4 for "Q3", "Q3 2026", else 0
        return v.size() >= 2 && v[0] == 'Q' && v[1] >= '1' && v[1] <= '4' && (v.size() == 2 || v[2] == ' ') ? v[1] - '0' : 0;
    };
    const std::string_view o = m.period.view();
    for (size_t i = 0; i < n_periods_; ++i) {
        const periods::Found& p = periods_[i];
        if (p.token < te || p.token > te + 2) continue;
        const std::string_view e = p.period.view();
        const int ye = year(e), yo = year(o), qe = quarter(e), qo = quarter(o);
        if (ye && yo == ye + 1 && o.substr(0, o.size() - 4) == e.substr(0, e.size() - 4)) return Basis::yoy;
        if (qe && o.empty() && !ye) return Basis::qoq;
        if (qe && qo && (ye == yo || !ye) && qo == qe + 1) return Basis::qoq;
        if (qe == 4 && qo == 1 && ye && yo == ye + 1) return Basis::qoq;
        return Basis::none;
    }
    return Basis::none;
}

// "Operating loss totalled EUR 4.7 mn , compared to a profit of EUR 2.8 mn in the third quarter of
// 2007": a figure whose sentence names only its earlier value's period is of the same period a
// year later (Q3 2008), compared year over year. Only periods that end in a year ("Q3 2007",
// "H1 2007", "FY2007").
void SentenceReader::period_from_prior(Metric& m, uint32_t te) const {
    if (m.forecast) return;
    read_periods();
    const std::string_view own = m.period.view();
    for (size_t i = 0; i < n_periods_; ++i) {
        const periods::Found& p = periods_[i];
        if (p.token < te || p.token > te + 2) continue;
        if (!p.prior) return;
        const std::string_view e = p.period.view();
        const int y = period_year(e);
        if (!y || y >= 9999) return;
        if (!own.empty()) {
            // "operating loss for the year was $95 million compared to operating income of $210
            // million in 2024", "third-quarter revenue ... compared with $1.9 billion in the third
            // quarter of 2024": a year-less period of the earlier value's form is the year after.
            // ("the quarter" may be compared with the one before: no year read from that.)
            std::string_view form = e.substr(0, e.size() - 4);
            if (!form.empty() && form.back() == ' ') form.remove_suffix(1);
            if (!(form == own || (form == "FY" && (own == "=Y" || own == "FY")))) return;
        } else {
            for (size_t k = 0; k < n_periods_; ++k)
                if (!periods_[k].prior) return;  // the sentence names a period of its own
        }
        char buf[24];
        const size_t n = e.size() < sizeof buf ? e.size() : sizeof buf;
        for (size_t c = 0; c < n; ++c) buf[c] = e[c];
        int next = y + 1;
        for (size_t c = n; c-- > n - 4;) buf[c] = static_cast<char>('0' + next % 10), next /= 10;
        m.period.set({buf, n});
        if (m.change.basis == Basis::none) m.change.basis = Basis::yoy;
        return;
    }
}

// "EUR 1.12 bn at the end of September 2008 ( EUR 0.97 bn )", "a dividend of EUR 0.20 per share for
// 2007 ( EUR 0.15 )": between a figure and its bracketed year-earlier value, only the figure's
// period and per-share words (short; years, months and period words, no other number or comma).
bool SentenceReader::period_gap(std::string_view gap) {
    static constexpr std::string_view kWords[] = {
        "per", "share", "a", "for", "the", "at", "end", "of", "in", "as", "year", "quarter", "half", "first",
        "second", "third", "fourth", "nine", "months", "fiscal", "financial", "period", "review", "full"};
    if (gap.size() > 48) return false;
    size_t i = 0;
    while (i < gap.size()) {
        i = num::skip_spaces(gap, i);
        size_t e = i;
        while (e < gap.size() && !num::is_space(gap[e])) ++e;
        if (e == i) break;
        const std::string_view w = gap.substr(i, e - i);
        const size_t dash = w.find('-');
        bool ok = periods::year_of(w) != 0 || periods::month(dash == std::string_view::npos ? w : w.substr(0, dash)) != 0 ||
                  (w.size() == 2 && (w[0] == 'Q' || w[0] == 'H') && num::is_digit(w[1]));
        for (std::string_view k : kWords) ok = ok || eq_ci(w, k);
        if (!ok) return false;
        i = e;
    }
    return true;
}

// "up from $1.72 billion, or $1.03 per share, a year earlier": a figure after ", or" right after
// an earlier value is the earlier value of the other form (here the per-share one), not a metric.
bool SentenceReader::alternative_of(const Fig& prior, const Fig& fg) const {
    return fg.tb == prior.te + 2 && c_.tok(prior.te) == "," && eq_ci(c_.tok(prior.te + 1), "or");
}

// The basis after such a pair ("..., or $1.03 per share, a year earlier") is both earlier values'
// comparison: given to the sentence's metrics compared with an earlier value and no basis yet.
void SentenceReader::alternative_basis(uint32_t te) {
    uint32_t t = te;
    while (t < last() && t < te + 4 && (eq_ci(c_.tok(t), "per") || eq_ci(c_.tok(t), "a") || eq_ci(c_.tok(t), "share") ||
                                        eq_ci(c_.tok(t), "diluted")))
        ++t;
    if (t < last() && c_.tok(t) == ",") ++t;
    const Basis basis = basis_after(t, t, t);
    // Else the pair's own period: "..., or $0.93 per share, for the year ended December 31, 2024".
    for (size_t i = first_metric_; i < c_.out.size(); ++i)
        if (c_.out[i].has_prior && c_.out[i].change.basis == Basis::none)
            c_.out[i].change.basis = basis != Basis::none ? basis : prior_period_basis(c_.out[i], t);
}

// In brackets and in the same currency it is the year before, not a conversion
// ("net sales EUR 845.2 million (EUR 790.1 million)", as Nordic reports write it).
bool SentenceReader::conversion_prior(size_t fi, const Quantity& q) {
    const Fig& pf = figs_[fi - 1];
    if (pf.metric < 0 || !(c_.quantities[pf.q].unit == q.unit)) return false;
    Metric& pm = c_.out[static_cast<size_t>(pf.metric)];
    if (pm.has_prior) return false;
    pm.has_prior = true;
    // "(1.10)" after a period phrase was read as negative (a bracket not right after its figure): a
    // bare bracketed comparison takes the level's sign.
    const bool bare = q.text.size() > 1 && q.text[0] == '(';
    // A level written with its minus ("EPS EUR -0.05 ( EUR 0.12 )") writes its prior's sign too; a
    // loss's level ("operating loss EUR 2.3 mn ( EUR 1.9 mn )") gives its sign to the prior.
    if (c_.quantities[pf.q].value < 0)
        pm.prior_value = q.text.find('-') != std::string_view::npos ? -std::fabs(q.value) : std::fabs(q.value);
    else
        pm.prior_value = bare ? (pm.value < 0 ? -std::fabs(q.value) : std::fabs(q.value))
                              : pm.value < 0 && q.value > 0 ? -q.value : q.value;
    if (labelled(q) && pm.change.basis == Basis::none) pm.change.basis = Basis::yoy;  // "(H1 2025: ...)"
    return true;
}

// "gross margin decreased to 61.2% for the three months ended March 31, 2026 from 63.0% for the
// three months ended March 31, 2025": a percentage after "from" whose kind is too far back for the
// walk is the earlier level of the margin level right before it.
bool SentenceReader::margin_prior_far(size_t fi, const Quantity& q) {
    if (fi == 0 || c_.out.size() <= first_metric_ || !prior_cue_before(figs_[fi].tb)) return false;
    Metric& m = c_.out.back();  // the sentence's last metric: the level right before
    if (!is_margin(m.kind) || !m.has_value || m.has_prior || !(m.unit == q.unit) ||
        c_.quantities[figs_[fi - 1].q].value != m.value)
        return false;
    m.has_prior = true;
    m.prior_value = q.value;
    if (m.change.basis == Basis::none) m.change.basis = basis_after(figs_[fi].te, figs_[fi].te, figs_[fi].te);
    if (m.change.basis == Basis::none) m.change.basis = prior_period_basis(m, figs_[fi].te);
    direction_from_prior(m);
    return true;
}

// "compared with $968 million for the same period in 2025", "from EUR 7.2 mn in the corresponding
// period in 2006": an earlier value of the same period (a year before) is a year-ago comparison.
Basis SentenceReader::same_period_after(uint32_t te) const {
    for (uint32_t k = te; k < last() && k < te + 4; ++k)
        if ((cues(k) & W::kCueSame) && (cues(k + 1) & (W::kCuePeriod | W::kCueQuarter))) return Basis::yoy;
    return Basis::none;
}

}  // namespace herald::analysis::metric_reader
