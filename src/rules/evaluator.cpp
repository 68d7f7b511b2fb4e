#include "evaluator.hpp"

#include <algorithm>
#include <cmath>

#include "catalogue.hpp"
#include "herald/analysis/event_types.hpp"
#include "herald/core/ascii.hpp"

namespace herald::rules::detail {

namespace {

using core::ascii::lower;

// Case-insensitive (ASCII) search for an already lowercased needle; npos when absent.
size_t find_ci(std::string_view hay, std::string_view needle) {
    if (needle.size() > hay.size()) return std::string_view::npos;
    char first = needle[0];
    char upper = (first >= 'a' && first <= 'z') ? static_cast<char>(first - 'a' + 'A') : first;
    size_t last = hay.size() - needle.size();
    size_t lo = hay.find(first), up = upper == first ? std::string_view::npos : hay.find(upper);
    // Candidates come from memchr-based find() for both cases of the first letter.
    while (lo != std::string_view::npos || up != std::string_view::npos) {
        size_t i = lo < up ? lo : up;
        if (i > last) return std::string_view::npos;
        size_t j = 1;
        while (j < needle.size() && lower(hay[i + j]) == needle[j]) ++j;
        if (j == needle.size()) return i;
        if (i == lo) lo = hay.find(first, i + 1);
        else up = hay.find(upper, i + 1);
    }
    return std::string_view::npos;
}

bool compare_numbers(CmpOp op, double a, double b) {
    switch (op) {
        case CmpOp::lt: return a < b;
        case CmpOp::le: return a <= b;
        case CmpOp::gt: return a > b;
        case CmpOp::ge: return a >= b;
        case CmpOp::eq: return a == b;
        case CmpOp::ne: return a != b;
    }
    return false;
}

bool is_text_field(EventField f, analysis::Field& out) {
    switch (f) {
        case EventField::headline: out = analysis::Field::headline; return true;
        case EventField::summary: out = analysis::Field::summary; return true;
        case EventField::body: out = analysis::Field::body; return true;
        case EventField::text: out = analysis::Field::text; return true;
        default: return false;
    }
}

}  // namespace

const analysis::CorporateEvent* Evaluator::event_for(const Node& nd) const {
    const analysis::Analysis& an = ctx_.analysis;
    if (!key_.entity || an.entities.empty()) return nullptr;
    const analysis::EntityResult* first = an.entities.data();
    if (key_.entity < first || key_.entity >= first + an.entities.size()) return nullptr;
    const auto index = static_cast<uint32_t>(key_.entity - first);
    for (const auto& e : an.events)
        if (e.type == nd.event_type && e.entity == index) return &e;
    return nullptr;
}

void last_value_key(const analysis::Metric& m, std::string& out) {
    out.clear();
    for (char c : m.ticker) out.push_back(lower(c));
    out.push_back('\x1f');
    for (char c : m.entity) out.push_back(lower(c));
    out.push_back('\x1f');  // a segment's figures are remembered apart from the company's
    for (char c : m.segment) out.push_back(lower(c));
}

bool Evaluator::selects(const Node& sel, const analysis::Metric& m, bool restrict_to_key) const {
    if (m.kind != sel.kind) return false;
    if (sel.forecast >= 0 && m.forecast != (sel.forecast == 1)) return false;
    // entity= also names a segment ("AWS"), as it did when a segment's figures carried its name as the entity.
    if (!sel.entity.empty() && !iequals(m.entity, sel.entity) && !iequals(m.ticker, sel.entity) &&
        !iequals(m.segment, sel.entity))
        return false;
    if (!sel.segment.empty() && !iequals(m.segment, sel.segment)) return false;
    if (sel.total >= 0 && m.segment.empty() != (sel.total == 1)) return false;
    if (!restrict_to_key) return true;
    switch (rule_.mode) {
        case KeyMode::primary: return true;
        case KeyMode::ticker: return iequals(m.ticker, key_.key);
        case KeyMode::entity:
            if (key_.entity && !key_.entity->ticker.empty()) return iequals(m.ticker, key_.entity->ticker);
            return iequals(m.entity, key_.key) || iequals(m.ticker, key_.key);
    }
    return true;
}

bool Evaluator::picks(const Node& sel, size_t i, bool restrict_to_key) const {
    const analysis::Metric& m = ctx_.analysis.metrics[i];
    if (!tags) return selects(sel, m, restrict_to_key);
    if (tags[i].kind != sel.kind) return false;
    // What selects requires of the ticker for the key, where the ticker alone decides it.
    if (restrict_to_key) {
        if (rule_.mode == KeyMode::ticker && !iequals(tags[i].ticker, key_.key)) return false;
        if (rule_.mode == KeyMode::entity && key_.entity && !key_.entity->ticker.empty() &&
            !iequals(tags[i].ticker, key_.entity->ticker))
            return false;
    }
    return selects(sel, m, restrict_to_key);
}

bool Evaluator::key_run(size_t& begin, size_t& end) const {
    if (!by_ticker || !tags) return false;
    std::string_view ticker;
    if (rule_.mode == KeyMode::ticker) ticker = key_.key;
    else if (rule_.mode == KeyMode::entity && key_.entity && !key_.entity->ticker.empty()) ticker = key_.entity->ticker;
    else return false;
    const uint64_t hash = ticker_hash(ticker);
    const TickerSlot* lo = std::lower_bound(by_ticker, by_ticker + by_ticker_n, TickerSlot{hash, 0});
    const TickerSlot* hi = lo;
    while (hi < by_ticker + by_ticker_n && hi->hash == hash) ++hi;
    begin = static_cast<size_t>(lo - by_ticker);
    end = static_cast<size_t>(hi - by_ticker);
    return true;
}

const analysis::Metric* Evaluator::first_match(int32_t sel) const {
    const Node& s = node(sel);
    const auto& metrics = ctx_.analysis.metrics;
    // Prefer a metric the condition matched, so summaries describe what fired.
    for (size_t i = 0; i < metrics.size() && i < Marks::kMaxMetrics; ++i)
        if (marks.metrics.test(i) && picks(s, i, true)) return fuller_restatement(metrics, i, marks);
    for (size_t i = 0; i < metrics.size(); ++i)
        if (picks(s, i, true)) return &metrics[i];
    return nullptr;
}

const analysis::Metric* Evaluator::metric_for(int32_t sel) const {
    if (sel == cur_sel) return cur_metric;
    return first_match(sel);
}

bool Evaluator::cond(int32_t n) {
    const Node& nd = node(n);
    if (nd.bind < 0) return cond_raw(n);
    // Any semantics: true when at least one matching metric satisfies the leaf; every such
    // metric is marked for the alert.
    const Node& sel = node(nd.bind);
    int32_t saved_sel = cur_sel;
    const analysis::Metric* saved_metric = cur_metric;
    bool any = false;
    const auto& metrics = ctx_.analysis.metrics;
    // A keyed rule over a figure-dense event walks only its key's metrics, in their order: the
    // others fail picks on the ticker (20 companies' 2,000 figures cost every key 2,000 steps).
    size_t run_b = 0, run_e = metrics.size();
    const bool ranged = key_run(run_b, run_e);
    for (size_t j = run_b; j < run_e; ++j) {
        const size_t i = ranged ? by_ticker[j].index : j;
        if (!picks(sel, i, true)) continue;
        cur_sel = nd.bind;
        cur_metric = &metrics[i];
        if (cond_raw(n)) {
            any = true;
            if (i < Marks::kMaxMetrics) marks.metrics.set(i);
        }
    }
    cur_sel = saved_sel;
    cur_metric = saved_metric;
    return any;
}

bool Evaluator::cond_raw(int32_t n) {
    const Node& nd = node(n);
    switch (nd.op) {
        case Op::const_bool: return nd.num != 0;
        case Op::event_type: {
            const analysis::CorporateEvent* e = event_for(nd);
            if (e && marks.n_spans < Marks::kMaxSpans) marks.spans[marks.n_spans++] = e->span;
            if (e) mark_event(e);
            return e != nullptr;
        }
        case Op::exists: return cur_sel == nd.a && cur_metric != nullptr;
        case Op::metric_field: {
            const analysis::Metric* m = metric_for(nd.a);
            return m && MetricField(nd.sub) == MetricField::forecast && m->forecast;
        }
        case Op::and_:
        case Op::or_:
        case Op::not_: return cond_logic(nd);
        case Op::compare: return cond_compare(n, nd);
        case Op::in_list: return cond_in_list(nd);
        case Op::contains: return cond_contains(nd);
        default: return false;
    }
}

bool Evaluator::cond_logic(const Node& nd) {
    Marks::Snapshot saved = marks.snapshot();
    if (nd.op == Op::and_) {
        if (cond(nd.a) && cond(nd.b)) return true;
        marks.restore(saved);
        return false;
    }
    if (nd.op == Op::or_) {
        if (cond(nd.a)) return true;
        marks.restore(saved);
        if (cond(nd.b)) return true;
        marks.restore(saved);
        return false;
    }
    bool inner = cond(nd.a);  // not
    marks.restore(saved);
    return !inner;
}

bool Evaluator::cond_compare(int32_t n, const Node& nd) {
    CmpOp op = CmpOp(nd.sub);
    const Node& a = node(nd.a);
    if (a.type == Type::number) {
        double x, y;
        if (!num(nd.a, x) || !num(nd.b, y) || !compare_numbers(op, x, y)) return false;
        if (marks.n_compared < Marks::kMaxCompared) marks.compared[marks.n_compared++] = {n, x, y, {}, {}, false};
        return true;
    }
    if (a.type == Type::string) {
        std::string_view x, y;
        if (!str(nd.a, x) || !str(nd.b, y) || iequals(x, y) != (op == CmpOp::eq)) return false;
        if (marks.n_compared < Marks::kMaxCompared) marks.compared[marks.n_compared++] = {n, 0, 0, x, y, true};
        return true;
    }
    Marks::Snapshot saved = marks.snapshot();
    bool x = cond(nd.a), y = cond(nd.b);
    marks.restore(saved);
    return (x == y) == (op == CmpOp::eq);
}

bool Evaluator::cond_in_list(const Node& nd) {
    const Node& list = node(nd.b);
    if (node(nd.a).type == Type::number) {
        double x;
        if (!num(nd.a, x)) return false;
        for (double v : list.nums)
            if (v == x) return true;
        return false;
    }
    std::string_view x;
    if (!str(nd.a, x)) return false;
    for (const auto& s : list.strs)
        if (iequals(s, x)) return true;
    return false;
}

bool Evaluator::cond_contains(const Node& nd) {
    const Node& f = node(nd.a);
    auto record = [&](analysis::Field field, size_t at) {
        if (marks.n_spans < Marks::kMaxSpans)
            marks.spans[marks.n_spans++] = {field, static_cast<uint32_t>(at), static_cast<uint32_t>(at + nd.str.size())};
    };
    if (nd.sub == 1) {  // `text contains`: every text field of the event
        for (analysis::Field field : analysis::kTextFields) {
            size_t at = find_ci(ctx_.event.field(field), nd.str);
            if (at != std::string_view::npos) {
                record(field, at);
                return true;
            }
        }
        return false;
    }
    std::string_view hay;
    if (!str(nd.a, hay)) return false;
    size_t at = find_ci(hay, nd.str);
    if (at == std::string_view::npos) return false;
    analysis::Field field;
    if (f.op == Op::field && is_text_field(EventField(f.sub), field)) record(field, at);
    return true;
}

bool Evaluator::num(int32_t n, double& out) {
    const Node& nd = node(n);
    switch (nd.op) {
        case Op::const_num: out = nd.num; return true;
        case Op::field: return num_field(nd, out);
        case Op::metric_field: return num_metric_field(nd, out);
        case Op::change_since_last: return num_change_since_last(nd, out);
        case Op::event_field: {
            const analysis::CorporateEvent* e = event_for(nd);
            if (!e || EventTypeField(nd.sub) != EventTypeField::figure || !e->has_figure) return false;
            mark_event(e);
            out = e->figure;
            return true;
        }
        case Op::window: {
            const WindowValue& w = windows_[nd.slot];
            if (nd.slot < static_cast<int32_t>(Marks::kMaxWindows)) marks.windows |= uint64_t{1} << nd.slot;
            out = w.v;
            return w.ok;
        }
        case Op::add:
        case Op::sub:
        case Op::mul:
        case Op::div:
        case Op::neg: return num_arithmetic(nd, out);
        case Op::call: return num_call(nd, out);
        default: return false;
    }
}

bool Evaluator::num_field(const Node& nd, double& out) {
    const analysis::Analysis& an = ctx_.analysis;
    switch (EventField(nd.sub)) {
        case EventField::sentiment_score:
            marks.sentiment = true;
            out = an.sentiment.score;
            return true;
        case EventField::entity_score:
            if (!key_.entity) return false;
            marks.sentiment = true;
            out = key_.entity->sentiment.score;
            return true;
        case EventField::entity_mentions:
            if (!key_.entity) return false;
            out = key_.entity->mentions;
            return true;
        case EventField::entity_relevance:
            if (!key_.entity) return false;
            out = key_.entity->relevance;
            return true;
        case EventField::metric_count: out = static_cast<double>(an.metrics.size()); return true;
        case EventField::story_revision: out = story_revision; return true;
        case EventField::novelty: {
            const NoveltyValue* v = novelty_of_key();
            if (!v) return false;
            out = v->novelty;
            return true;
        }
        default: return false;
    }
}

bool Evaluator::num_metric_field(const Node& nd, double& out) {
    const analysis::Metric* m = metric_for(nd.a);
    if (!m) return false;
    switch (MetricField(nd.sub)) {
        case MetricField::value: out = m->value; return m->has_value;
        case MetricField::change_percent: out = m->change.percent; return m->change.has_percent;
        case MetricField::change_points: out = m->change.points; return m->change.has_points;
        case MetricField::change_amount: out = m->change.amount; return m->change.has_amount;
        case MetricField::prior: out = m->prior_value; return m->has_prior;
        // A single value is both ends of itself, so `.high >= X` reads ranges and values alike.
        case MetricField::low: out = m->is_range ? m->low : m->value; return m->has_value;
        case MetricField::high: out = m->is_range ? m->high : m->value; return m->has_value;
        case MetricField::change_percent_high:
            out = m->change.has_percent_high ? m->change.percent_high : m->change.percent;
            return m->change.has_percent;
        default: return false;
    }
}

bool Evaluator::num_change_since_last(const Node& nd, double& out) {
    const analysis::Metric* m = metric_for(nd.a);
    if (!m || !m->has_value) return false;
    last_value_key(*m, scratch_);
    const auto& map = state_.last_values[static_cast<size_t>(nd.slot)];
    auto it = map.find(scratch_);
    if (it == map.end() || it->second == 0.0) return false;
    out = (m->value - it->second) / std::fabs(it->second) * 100.0;
    return true;
}

bool Evaluator::num_arithmetic(const Node& nd, double& out) {
    double x, y;
    if (nd.op == Op::neg) {
        if (!num(nd.a, x)) return false;
        out = -x;
        return true;
    }
    if (!num(nd.a, x) || !num(nd.b, y)) return false;
    if (nd.op == Op::add) out = x + y;
    else if (nd.op == Op::sub) out = x - y;
    else if (nd.op == Op::mul) out = x * y;
    else {
        if (y == 0.0) return false;
        out = x / y;
    }
    return std::isfinite(out);
}

// A function of numbers (catalogue.hpp, CallShape::numeric): the row's fn.
bool Evaluator::num_call(const Node& nd, double& out) {
    double x, y = 0.0;
    if (!num(nd.a, x) || (nd.b >= 0 && !num(nd.b, y))) return false;
    out = kFunctionTable[nd.sub].fn(x, y);
    return !std::isnan(out);
}

void Evaluator::mark_event(const analysis::CorporateEvent* e) {
    const auto i = static_cast<uint16_t>(e - ctx_.analysis.events.data());
    for (uint8_t k = 0; k < marks.n_events; ++k)
        if (marks.events[k] == i) return;
    if (marks.n_events < Marks::kMaxEvents) marks.events[marks.n_events++] = i;
}

const NoveltyValue* Evaluator::novelty_of_key() const {
    if (!novelty || !key_.entity) return nullptr;
    const auto& entities = ctx_.analysis.entities;
    if (entities.empty() || key_.entity < entities.data()) return nullptr;
    size_t i = static_cast<size_t>(key_.entity - entities.data());
    return i < novelty_count && novelty[i].ok ? &novelty[i] : nullptr;
}

bool Evaluator::str(int32_t n, std::string_view& out) {
    const Node& nd = node(n);
    const analysis::Event& ev = ctx_.event;
    switch (nd.op) {
        case Op::const_str: out = nd.str; return true;
        case Op::field:
            switch (EventField(nd.sub)) {
                case EventField::sentiment_label:
                    marks.sentiment = true;
                    out = analysis::label_name(ctx_.analysis.sentiment.label);
                    return true;
                case EventField::entity_label:
                    if (!key_.entity) return false;
                    marks.sentiment = true;
                    out = analysis::label_name(key_.entity->sentiment.label);
                    return true;
                case EventField::entity_name:
                    if (!key_.entity) return false;
                    out = key_.entity->name;
                    return true;
                case EventField::entity_ticker:
                    if (!key_.entity || key_.entity->ticker.empty()) return false;
                    out = key_.entity->ticker;
                    return true;
                case EventField::ticker:
                    out = key_.ticker;
                    return !out.empty();
                case EventField::key: out = key_.key; return true;
                case EventField::source: out = ev.source; return true;
                case EventField::url: out = ev.url; return true;
                case EventField::id: out = ev.id; return true;
                case EventField::headline: out = ev.headline; return true;
                case EventField::summary: out = ev.summary; return true;
                case EventField::body: out = ev.body; return true;
                case EventField::text: out = ev.text; return true;
                case EventField::duplicate_of: {
                    const NoveltyValue* v = novelty_of_key();
                    if (!v) return false;
                    out = v->duplicate_of;
                    return true;
                }
                default: return false;
            }
        case Op::event_field: {
            const analysis::CorporateEvent* e = event_for(nd);
            if (!e) return false;
            switch (EventTypeField(nd.sub)) {
                case EventTypeField::unit: out = e->unit.view(); break;
                case EventTypeField::detail: out = e->detail; break;
                case EventTypeField::role: out = analysis::event_role_name(e->role); break;
                case EventTypeField::polarity: out = analysis::polarity_name(e->polarity); break;
                case EventTypeField::text: out = e->text; break;
                default: return false;
            }
            return !out.empty();
        }
        case Op::metric_field: {
            const analysis::Metric* m = metric_for(nd.a);
            if (!m) return false;
            switch (MetricField(nd.sub)) {
                case MetricField::direction: out = analysis::direction_name(m->change.direction); break;
                case MetricField::basis: out = analysis::basis_name(m->change.basis); break;
                case MetricField::unit: out = m->unit.view(); break;
                case MetricField::entity: out = m->entity; break;
                case MetricField::segment: out = m->segment; break;
                case MetricField::business: out = m->segment.empty() ? m->entity : m->segment; break;
                case MetricField::ticker: out = m->ticker; break;
                case MetricField::period: out = m->period.view(); break;
                case MetricField::kind: out = analysis::metric_kind_name(m->kind); break;
                case MetricField::qualifier: out = analysis::qualifier_name(m->qualifier); break;
                default: return false;
            }
            return !out.empty();
        }
        default: return false;
    }
}

}  // namespace herald::rules::detail
