#include "explain.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "catalogue.hpp"
#include "render.hpp"
#include "herald/analysis/event_types.hpp"

namespace herald::rules::detail {

namespace {

// "2h", "30m", "45s", "250ms": the largest unit that divides the span.
void append_span(std::string& out, int64_t ms) {
    struct Unit {
        int64_t ms;
        const char* name;
    };
    static constexpr Unit kUnits[] = {{7 * 86400000LL, "w"}, {86400000LL, "d"}, {3600000LL, "h"}, {60000LL, "m"},
                                      {1000LL, "s"}};
    for (const Unit& u : kUnits)
        if (ms % u.ms == 0) {
            append_number(out, static_cast<double>(ms / u.ms));
            out += u.name;
            return;
        }
    append_number(out, static_cast<double>(ms));
    out += "ms";
}

std::string_view field_name_of(EventField f) {
    for (const FieldInfo& i : kFields)
        if (i.field == f) return i.name;
    return "?";
}
std::string_view metric_field_name(MetricField f) {
    for (const MetricFieldInfo& i : kMetricFields)
        if (i.field == f) return i.name;
    return "?";
}
std::string_view event_field_name(EventTypeField f) {
    for (const EventFieldInfo& i : kEventFields)
        if (i.field == f) return i.name;
    return "?";
}
const char* cmp_name(CmpOp op) {
    switch (op) {
        case CmpOp::lt: return "<";
        case CmpOp::le: return "<=";
        case CmpOp::gt: return ">";
        case CmpOp::ge: return ">=";
        case CmpOp::eq: return "==";
        case CmpOp::ne: return "!=";
    }
    return "?";
}

// Rule functions are described by their names in the function table (catalogue.hpp), so a new
// one explains itself: a window by its aggregate, a function of numbers by its row (Node::sub).
std::string_view window_name(uint8_t agg) {
    for (const FunctionInfo& f : kFunctionTable)
        if (f.op == Op::window && static_cast<uint8_t>(f.agg) == agg) return f.name;
    return "count";
}

void describe(const Rule& r, int32_t n, std::string& out, int depth);

// A function of numbers (CallShape::numeric: abs(x)) as name(a[, b]); false for any other node.
bool describe_numeric(const Rule& r, const Node& nd, std::string& out, int depth) {
    if (nd.op != Op::call || nd.sub >= std::size(kFunctionTable)) return false;
    const FunctionInfo* f = &kFunctionTable[nd.sub];
    out += f->name;
    out += '(';
    describe(r, nd.a, out, depth + 1);
    if (f->max_args > 1 && nd.b >= 0) {
        out += ", ";
        describe(r, nd.b, out, depth + 1);
    }
    out += ')';
    return true;
}

void describe(const Rule& r, int32_t n, std::string& out, int depth) {
    if (n < 0 || static_cast<size_t>(n) >= r.nodes.size() || depth > 6 || out.size() > kMaxReadBytes) {
        out += "...";
        return;
    }
    const Node& nd = r.nodes[static_cast<size_t>(n)];
    switch (nd.op) {
        case Op::const_num: append_number(out, nd.num); return;
        case Op::const_str: out += '"'; out += nd.str; out += '"'; return;
        case Op::const_bool: out += nd.num != 0 ? "true" : "false"; return;
        case Op::field: out += field_name_of(EventField(nd.sub)); return;
        case Op::selector:
            out += "metric(\"";
            out += analysis::metric_kind_name(nd.kind);
            out += '"';
            if (!nd.entity.empty()) out += ", entity=\"" + nd.entity + '"';
            if (!nd.segment.empty()) out += ", segment=\"" + nd.segment + '"';
            out += ')';
            return;
        case Op::metric_field:
            describe(r, nd.a, out, depth + 1);
            out += '.';
            out += metric_field_name(MetricField(nd.sub));
            return;
        case Op::change_since_last:
            out += "change_since_last(";
            describe(r, nd.a, out, depth + 1);
            out += ')';
            return;
        case Op::window: {
            out += window_name(nd.sub);
            out += '(';
            if (nd.a >= 0) {
                describe(r, nd.a, out, depth + 1);
                out += ", ";
            }
            append_span(out, nd.span_ms);
            out += ')';
            return;
        }
        case Op::event_type:
        case Op::event_field:
            out += "event(\"";
            out += analysis::EventTypeTable::builtin()->name(nd.event_type);
            out += "\")";
            if (nd.op == Op::event_field) {
                out += '.';
                out += event_field_name(EventTypeField(nd.sub));
            }
            return;
        case Op::add:
        case Op::sub:
        case Op::mul:
        case Op::div: {
            static constexpr const char* kOps[] = {" + ", " - ", " * ", " / "};
            describe(r, nd.a, out, depth + 1);
            out += kOps[static_cast<int>(nd.op) - static_cast<int>(Op::add)];
            describe(r, nd.b, out, depth + 1);
            return;
        }
        case Op::neg: out += '-'; describe(r, nd.a, out, depth + 1); return;
        case Op::compare:
            describe(r, nd.a, out, depth + 1);
            out += ' ';
            out += cmp_name(CmpOp(nd.sub));
            out += ' ';
            describe(r, nd.b, out, depth + 1);
            return;
        case Op::call:
            if (!describe_numeric(r, nd, out, depth)) out += "...";
            return;
        default: out += "..."; return;
    }
}

// A value as explained: 10 significant digits. A window's running sum differs in its last bits
// between a run that read a partition from its start and one that rebuilt it from history; the
// explanation must not (the alert is the same live, offline and in a replay).
double explained(double v) {
    if (v == 0.0 || !std::isfinite(v)) return v;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return std::strtod(buf, nullptr);
}

}  // namespace

void describe_node(const Rule& r, int32_t n, std::string& out) { describe(r, n, out, 0); }

void fill_explanation(Alert& a, const Rule& r, const EventContext& ctx, const Evaluator& ev) {
    Alert::Explanation& x = a.explanation;
    x.clear();
    const Marks& m = ev.marks;
    for (uint8_t i = 0; i < m.n_compared; ++i) {
        const Marks::Compared& c = m.compared[i];
        const Node& nd = r.nodes[static_cast<size_t>(c.node)];
        Alert::Explanation::Compared& out = x.compared.emplace_back();
        describe(r, nd.a, out.read, 0);
        out.op = cmp_name(CmpOp(nd.sub));
        if (c.text) {
            out.text = true;
            out.value_text.assign(c.ls);
            out.threshold_text.assign(c.rs);
        } else {
            out.value = explained(c.lhs);
            out.threshold = explained(c.rhs);
        }
    }
    const auto& events = ctx.analysis.events;
    for (uint8_t i = 0; i < m.n_events; ++i) {
        if (m.events[i] >= events.size()) continue;  // (events are indexed as marked)
        const analysis::CorporateEvent& e = events[m.events[i]];
        Alert::Explanation::EventType& out = x.events.emplace_back();
        out.type.assign(e.name);
        out.span = e.span;
        out.has_figure = e.has_figure;
        out.figure = e.figure;
        out.detail.assign(e.detail);
    }
    for (size_t w = 0; w < r.windows.size() && w < Marks::kMaxWindows; ++w) {
        if (!(m.windows >> w & 1)) continue;
        const Node& wn = r.nodes[static_cast<size_t>(r.windows[w])];
        Alert::Explanation::Window& out = x.windows.emplace_back();
        describe(r, r.windows[w], out.read, 0);
        if (ev.rings && w < ev.rings->size())
            (*ev.rings)[w].ids_within(ctx.event_time_ms - wn.span_ms, ctx.event_time_ms, out.ids);
    }
    x.sentiment = m.sentiment;
}

}  // namespace herald::rules::detail
