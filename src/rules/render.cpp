#include "render.hpp"

#include <cmath>
#include <cstdio>

namespace herald::rules::detail {

void append_number(std::string& out, double v) {
    if (!std::isfinite(v)) {
        out += "n/a";
        return;
    }
    char buf[48];
    int n = std::snprintf(buf, sizeof buf, "%.2f", v);
    std::string_view s(buf, static_cast<size_t>(n));
    while (s.size() > 1 && s.back() == '0') s.remove_suffix(1);
    if (!s.empty() && s.back() == '.') s.remove_suffix(1);
    if (s == "-0") s = "0";
    out += s;
}

void append_scaled(std::string& out, double v) {
    static constexpr struct {
        double f;
        char suffix;
    } scales[] = {{1e12, 'T'}, {1e9, 'B'}, {1e6, 'M'}, {1e3, 'K'}};
    for (const auto& s : scales) {
        if (std::fabs(v) >= s.f) {
            append_number(out, v / s.f);
            out.push_back(s.suffix);
            return;
        }
    }
    append_number(out, v);
}

namespace {

void append_metric_field(std::string& out, const analysis::Metric& m, MetricField f) {
    switch (f) {
        case MetricField::value:
            if (!m.has_value) out += "n/a";
            else if (m.unit.is_percent() || m.unit.empty() || m.unit.view() == "bp") append_number(out, m.value);
            else append_scaled(out, m.value);
            return;
        case MetricField::change_percent:
            if (m.change.has_percent) append_number(out, m.change.percent);
            else out += "n/a";
            return;
        case MetricField::change_points:
            if (m.change.has_points) append_number(out, m.change.points);
            else out += "n/a";
            return;
        case MetricField::change_amount:
            if (m.change.has_amount) append_scaled(out, m.change.amount);
            else out += "n/a";
            return;
        case MetricField::prior:
            if (m.has_prior) append_scaled(out, m.prior_value);
            else out += "n/a";
            return;
        case MetricField::low:
        case MetricField::high: {
            const double v = !m.is_range ? m.value : f == MetricField::low ? m.low : m.high;
            if (!m.has_value) out += "n/a";
            else if (m.unit.is_percent() || m.unit.empty() || m.unit.view() == "bp") append_number(out, v);
            else append_scaled(out, v);
            return;
        }
        case MetricField::change_percent_high:
            if (m.change.has_percent) append_number(out, m.change.has_percent_high ? m.change.percent_high : m.change.percent);
            else out += "n/a";
            return;
        // A company total has no segment: like a basis or period not stated, it prints nothing, so
        // "{metric.entity} {metric.segment} capex" reads "Meta capex" for the total.
        case MetricField::segment: out += m.segment; return;
        case MetricField::business:  // "AWS" for AWS's figure, "Amazon" for the company's
            out += !m.segment.empty() ? m.segment : !m.entity.empty() ? m.entity : m.ticker;
            return;
        case MetricField::direction: out += analysis::direction_name(m.change.direction); return;
        case MetricField::basis: out += analysis::basis_name(m.change.basis); return;
        case MetricField::forecast: out += m.forecast ? "forecast" : "actual"; return;
        case MetricField::unit: out += m.unit.view(); return;
        case MetricField::entity: out += m.entity.empty() ? m.ticker : m.entity; return;
        case MetricField::ticker: out += m.ticker; return;
        case MetricField::period: out += m.period.view(); return;
        case MetricField::kind: out += analysis::metric_kind_name(m.kind); return;
        case MetricField::qualifier: out += analysis::qualifier_name(m.qualifier); return;
    }
}

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

// Does text[i] close a sentence?
bool ends_sentence(std::string_view text, size_t i) {
    char c = text[i];
    if (c == '\n') return true;
    if (c != '.' && c != '!' && c != '?') return false;
    return i + 1 >= text.size() || is_space(text[i + 1]);
}

// Bytes [b, e) of one field known to hold no sentence end: an evidence span inside it has the
// sentence found last. Every marked metric of a long sentence (256 of a 2 MB one) would
// otherwise walk the whole sentence again (issue 20: CPU per MB of hostile text).
struct KnownSentence {
    analysis::Field field = analysis::Field::headline;
    size_t b = 0, e = 0;
    bool valid = false;
};

// Expands [begin, end) to the sentence around it: from after the previous ". " / "! " / "? " /
// newline to the next one, whitespace trimmed.
analysis::Span sentence_around(std::string_view text, analysis::Span s, KnownSentence* known = nullptr) {
    size_t b = std::min<size_t>(s.begin, text.size()), e = std::min<size_t>(s.end, text.size());
    if (known && known->valid && known->field == s.field && known->b <= b && e <= known->e) {
        b = known->b;
        e = known->e;
    } else {
        while (b > 0 && !ends_sentence(text, b - 1)) --b;
        while (e < text.size() && !ends_sentence(text, e)) ++e;
        if (known) {  // the span's own bytes were not looked at: the walks above cover the rest
            size_t i = std::min<size_t>(s.begin, text.size());
            const size_t span_end = std::min<size_t>(s.end, text.size());
            while (i < span_end && !ends_sentence(text, i)) ++i;
            *known = {s.field, b, e, i >= span_end};
        }
    }
    if (e < text.size() && text[e] != '\n') ++e;  // keep the full stop
    while (b < e && is_space(text[b])) ++b;
    while (e > b && is_space(text[e - 1])) --e;
    return {s.field, static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
}

void add_unique(std::vector<analysis::Span>& out, analysis::Span s) {
    for (const auto& x : out)
        if (x.field == s.field && x.begin == s.begin && x.end == s.end) return;
    out.push_back(s);
}

// Restates: the same figure, every stated part equal ("$64.2 billion, up 53%" twice).
bool same_figure(const analysis::Metric& a, const analysis::Metric& b) {
    if (a.kind != b.kind || a.forecast != b.forecast || a.entity != b.entity || a.segment != b.segment ||
        a.ticker != b.ticker || a.has_value != b.has_value || a.is_range != b.is_range)
        return false;
    if (a.has_value && (a.value != b.value || a.unit.view() != b.unit.view() || (a.is_range && a.high != b.high)))
        return false;
    const analysis::Change& x = a.change;
    const analysis::Change& y = b.change;
    if (x.direction != y.direction || x.has_percent != y.has_percent || (x.has_percent && x.percent != y.percent) ||
        x.has_points != y.has_points || (x.has_points && x.points != y.points))
        return false;
    return a.has_value || x.has_percent || x.has_points;  // a bare direction says too little to match
}

// How much a figure says beyond its value: each detail the other may lack.
int detail_of(const analysis::Metric& m) {
    return (m.change.basis != analysis::Basis::none) + !m.period.empty() + m.has_prior;
}

// Whether b only adds to a: what a states, b states alike.
bool adds_to(const analysis::Metric& a, const analysis::Metric& b) {
    if (a.change.basis != analysis::Basis::none && a.change.basis != b.change.basis) return false;
    if (!a.period.empty() && a.period.view() != b.period.view()) return false;
    if (a.has_prior && (!b.has_prior || a.prior_value != b.prior_value)) return false;
    return detail_of(b) > detail_of(a);
}

}  // namespace

const analysis::Metric* fuller_restatement(const std::vector<analysis::Metric>& metrics, size_t first,
                                           const Marks& marks) {
    const analysis::Metric* best = &metrics[first];
    for (size_t i = first + 1; i < metrics.size() && i < Marks::kMaxMetrics; ++i)
        if (marks.metrics.test(i) && same_figure(*best, metrics[i]) && adds_to(*best, metrics[i])) best = &metrics[i];
    return best;
}

void render_summary(const Rule& rule, const KeyView& key, const EventContext& ctx, Evaluator& ev, std::string& out) {
    using Kind = TemplatePiece::Kind;
    // The metric placeholders describe: the first matched metric, or its fuller restatement.
    const analysis::Metric* metric = nullptr;
    for (size_t i = 0; i < ctx.analysis.metrics.size() && i < Marks::kMaxMetrics; ++i) {
        if (ev.marks.metrics.test(i)) {
            metric = fuller_restatement(ctx.analysis.metrics, i, ev.marks);
            break;
        }
    }
    // A placeholder with nothing to say ("{metric.basis}" of a change without one) between two
    // spaces would leave a double space ("up 53%  (Nvidia)"): the space after it is dropped.
    bool empty_after_space = false;
    for (const auto& p : rule.summary) {
        const size_t before = out.size();
        switch (p.kind) {
            case Kind::literal:
                if (empty_after_space && !p.literal.empty() && p.literal.front() == ' ') out.append(p.literal, 1);
                else out += p.literal;
                break;
            case Kind::key: out += key.key; break;
            case Kind::rule: out += rule.id; break;
            case Kind::severity: out += rule.severity; break;
            case Kind::entity:
                if (metric && !metric->entity.empty()) out += metric->entity;
                else if (key.entity) out += key.entity->name;
                else out += key.key;
                break;
            case Kind::metric:
                if (metric) append_metric_field(out, *metric, p.field);
                else out += "n/a";
                break;
            case Kind::expr: {
                const Node& n = rule.nodes[static_cast<size_t>(p.node)];
                if (n.type == Type::number) {
                    double v;
                    if (ev.num(p.node, v)) {
                        if (n.op == Op::metric_field && (MetricField(n.sub) == MetricField::value || MetricField(n.sub) == MetricField::low ||
                                                          MetricField(n.sub) == MetricField::high))
                            append_scaled(out, v);
                        else append_number(out, v);
                    } else {
                        out += "n/a";
                    }
                } else if (n.type == Type::string) {
                    std::string_view s;
                    out += ev.str(p.node, s) ? s : std::string_view("n/a");
                } else {
                    Marks::Snapshot saved = ev.marks.snapshot();
                    out += ev.cond(p.node) ? "true" : "false";
                    ev.marks.restore(saved);
                }
                break;
            }
        }
        empty_after_space = p.kind != Kind::literal && out.size() == before && !out.empty() && out.back() == ' ';
    }
    if (empty_after_space) out.pop_back();  // nor a trailing space when the template ends there
}

void collect_evidence(const EventContext& ctx, const Marks& marks, std::vector<analysis::Span>& out) {
    const auto& metrics = ctx.analysis.metrics;
    KnownSentence known;
    for (size_t i = 0; i < metrics.size() && i < Marks::kMaxMetrics; ++i) {
        if (!marks.metrics.test(i)) continue;
        const analysis::Span& s = metrics[i].span;
        add_unique(out, sentence_around(ctx.event.field(s.field), s, &known));
    }
    for (uint8_t i = 0; i < marks.n_spans; ++i)
        add_unique(out, sentence_around(ctx.event.field(marks.spans[i].field), marks.spans[i]));
    if (!out.empty()) return;
    for (analysis::Field f : analysis::kTextFields) {
        std::string_view text = ctx.event.field(f);
        if (text.empty()) continue;
        if (f == analysis::Field::headline) {
            out.push_back(sentence_around(text, {f, 0, static_cast<uint32_t>(text.size())}));
            // a headline is one unit even if it has several full stops
            out.back().begin = 0;
            out.back().end = static_cast<uint32_t>(text.size());
        } else {
            out.push_back(sentence_around(text, {f, 0, 0}));
        }
        return;
    }
}

}  // namespace herald::rules::detail
