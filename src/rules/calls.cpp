// Function calls of the rule expression language (parser.hpp): metric(...) selectors and their
// fields, event("TYPE"), windows (count, avg, min, max, sum), change_since_last and abs.
#include <algorithm>
#include <iterator>

#include "catalogue.hpp"
#include "herald/analysis/event_types.hpp"
#include "herald/core/time.hpp"
#include "parser.hpp"

namespace herald::rules::detail {

int32_t Parser::parse_call(const std::string& name, uint32_t start) {
    advance();  // '('
    const FunctionInfo* f = find_function(name);
    if (!f) {
        std::string near = closest_name(name, names_of(kFunctionTable));
        error(start, "unknown function '" + name + "'", near.empty() ? functions_hint() : "did you mean '" + near + "'?");
        return -1;
    }
    switch (f->shape) {
        case CallShape::selector: return parse_metric(*f, start);
        case CallShape::event_type: return parse_event(*f, start);
        case CallShape::window: return parse_window(*f, start);
        case CallShape::metric_history: return parse_metric_history(*f, start);
        case CallShape::numeric: return parse_numeric(*f);
    }
    return -1;
}

// The node of a call: a stateful one gets its slot in the rule's per-key state (a window's
// samples, or a metric's last values).
int32_t Parser::add_call(const FunctionInfo& f, Node n) {
    std::vector<int32_t>* slots = !f.stateful ? nullptr : f.op == Op::window ? &rule_.windows : &rule_.since_nodes;
    if (slots) n.slot = static_cast<int32_t>(slots->size());
    int32_t id = add(std::move(n));
    if (slots) slots->push_back(id);
    return postfix_check(id);
}

int32_t Parser::postfix_check(int32_t id) {
    if (is_punct(".")) {
        error(tok_.offset, "this value has no fields", "only metric(...) takes fields such as .value");
        return -1;
    }
    return id;
}

// A duration argument: a number token with a time unit.
bool Parser::parse_duration_arg(int64_t& ms) {
    uint32_t off = tok_.offset;
    if (tok_.kind != Tok::number) {
        error(off, "expected a window duration such as 6h, found '" + std::string(tok_text()) + "'", "units: ms, s, m, h, d, w");
        return false;
    }
    std::string_view t = tok_.text;
    bool has_unit = !t.empty() && !is_digit(t.back());
    core::DurationParse d = has_unit ? core::parse_duration_status(t, ms) : core::DurationParse::bad;
    if (d == core::DurationParse::too_long) {
        error(off, "window duration '" + std::string(t) + "' is longer than the maximum, 3650d",
              "windows span at most 3650d (about ten years)");
        return false;
    }
    if (d != core::DurationParse::ok || ms <= 0) {
        error(off, "bad duration '" + std::string(t) + "'", "write a positive number with a unit: 30m, 6h, 2d, 1w");
        return false;
    }
    advance();
    return true;
}

// metric("kind"[, entity="X"][, segment="S"][, total=...][, forecast=...])[.field]
int32_t Parser::parse_metric(const FunctionInfo& f, uint32_t start) {
    Node sel = make_node(f.op, f.result, start);
    if (tok_.kind != Tok::string) {
        error(tok_.offset, "metric(...) needs the metric kind as a quoted string first", kinds_hint());
        return -1;
    }
    if (!analysis::parse_metric_kind(tok_.value, sel.kind)) {
        std::string near = closest_name(tok_.value, metric_kind_names());
        error(tok_.offset, "unknown metric kind \"" + tok_.value + "\"",
              near.empty() ? kinds_hint() : "did you mean \"" + near + "\"?");
        return -1;
    }
    advance();
    while (is_punct(","))
        if (!parse_metric_arg(sel)) return -1;
    if (!expect(")", "to close metric(")) return -1;
    // The same filters mean the same selector, so conditions on it can share one metric.
    int32_t id = -1;
    for (size_t i = 0; i < rule_.nodes.size(); ++i) {
        const Node& o = rule_.nodes[i];
        if (o.op == Op::selector && o.kind == sel.kind && o.forecast == sel.forecast && o.entity == sel.entity &&
            o.segment == sel.segment && o.total == sel.total)
            id = static_cast<int32_t>(i);
    }
    if (id < 0) id = add(std::move(sel));
    if (!is_punct(".")) return id;
    return parse_metric_field(id, start);
}

// ", name=value" inside metric(...), the current token being the comma.
bool Parser::parse_metric_arg(Node& sel) {
    advance();
    if (tok_.kind != Tok::ident) {
        error(tok_.offset, "expected a named argument (entity=, segment=, total=, forecast=)");
        return false;
    }
    std::string arg(tok_.text);
    uint32_t arg_off = tok_.offset;
    advance();
    if (!expect("=", "after the argument name")) return false;
    if (arg == "entity" || arg == "segment") {
        if (tok_.kind != Tok::string) {
            error(tok_.offset, arg + "= needs a quoted name", arg == "entity" ? "e.g. entity=\"Amazon\"" : "e.g. segment=\"AWS\"");
            return false;
        }
        (arg == "entity" ? sel.entity : sel.segment) = tok_.value;
        advance();
    } else if (arg == "forecast" || arg == "total") {
        if (!is_word("true") && !is_word("false")) {
            error(tok_.offset, arg + "= needs true or false",
                  arg == "total" ? "total=true: company totals only; total=false: segment figures only" : "");
            return false;
        }
        (arg == "forecast" ? sel.forecast : sel.total) = is_word("true") ? 1 : 0;
        advance();
    } else {
        static const std::vector<std::string_view> kArgs = {"entity", "segment", "total", "forecast"};
        std::string near = closest_name(arg, kArgs);
        error(arg_off, "unknown argument '" + arg + "' of metric(...)",
              near.empty() ? "metric takes entity=\"...\", segment=\"...\", total=true|false and forecast=true|false"
                           : "did you mean '" + near + "'?");
        return false;
    }
    if (sel.total == 1 && !sel.segment.empty()) {
        error(arg_off, "total=true selects company totals, which have no segment", "drop segment=\"...\" or total=true");
        return false;
    }
    return true;
}

// metric(...).FIELD, the current token being the first '.'.
int32_t Parser::parse_metric_field(int32_t selector, uint32_t start) {
    uint32_t field_off = tok_.offset + 1;
    std::string path;
    while (is_punct(".")) {
        advance();
        if (tok_.kind != Tok::ident) {
            error(tok_.offset, "expected a field name after '.'");
            return -1;
        }
        if (!path.empty()) path += ".";
        path += tok_.text;
        advance();
    }
    for (const auto& f : kMetricFields) {
        if (f.name != path) continue;
        Node n = make_node(Op::metric_field, f.type, start, selector);
        n.sub = static_cast<uint8_t>(f.field);
        return add(std::move(n));
    }
    std::string near = closest_name(path, names_of(kMetricFields));
    error(field_off, "unknown metric field '" + path + "'",
          near.empty() ? "metric fields: value, low, high, change.percent, change.direction, basis, forecast, unit, entity, segment, period, prior"
                       : "did you mean '" + near + "'?");
    return -1;
}

// event("TYPE") is true when the key's company has that corporate event type;
// event("TYPE").FIELD reads it. Type names come from the event type table.
int32_t Parser::parse_event(const FunctionInfo& f, uint32_t start) {
    auto table = analysis::EventTypeTable::builtin();
    Node n = make_node(f.op, f.result, start);
    if (tok_.kind != Tok::string) {
        error(tok_.offset, "event(...) needs an event type as a quoted string", event_types_hint(*table));
        return -1;
    }
    if (!table->find(tok_.value, n.event_type)) {
        std::string near = closest_name(tok_.value, table->names());
        error(tok_.offset, "unknown event type \"" + tok_.value + "\"",
              near.empty() ? event_types_hint(*table) : "did you mean \"" + near + "\"?");
        return -1;
    }
    advance();
    if (!expect(")", "to close event(")) return -1;
    if (!is_punct(".")) return add(std::move(n));
    advance();
    uint32_t field_off = tok_.offset;
    std::string_view field = tok_.kind == Tok::ident ? tok_.text : std::string_view();
    for (const auto& ef : kEventFields) {
        if (ef.name != field) continue;
        advance();
        n.op = Op::event_field;
        n.type = ef.type;
        n.sub = static_cast<uint8_t>(ef.field);
        return postfix_check(add(std::move(n)));
    }
    std::string near = closest_name(field, names_of(kEventFields));
    error(field_off, "unknown event field '" + std::string(tok_text()) + "'",
          near.empty() ? "event fields: figure, unit, detail, role, polarity, text" : "did you mean '" + near + "'?");
    return -1;
}

// count(span), count(condition, span), avg|min|max|sum(value, span).
int32_t Parser::parse_window(const FunctionInfo& f, uint32_t start) {
    Node n = make_node(f.op, f.result, start);
    n.sub = static_cast<uint8_t>(f.agg);
    // A window whose value is optional counts events: count(6h).
    bool no_value = f.min_args == 1 && tok_.kind == Tok::number;
    if (!no_value && !parse_window_value(f, n)) return -1;
    if (!parse_duration_arg(n.span_ms)) return -1;
    if (!expect(")", ("to close " + std::string(f.name) + "(").c_str())) return -1;
    return add_call(f, std::move(n));
}

// The value or condition a window aggregates, and the comma after it.
bool Parser::parse_window_value(const FunctionInfo& f, Node& window) {
    const std::string name(f.name);
    uint32_t arg_off = tok_.offset;
    int32_t arg = parse_or();
    if (failed_) return false;
    if (f.arg == Type::boolean) arg = as_condition(arg, arg_off, (name + "(condition, span)").c_str());
    if (failed_) return false;
    if (type_of(arg) != f.arg && type_of(arg) != Type::selector) {
        error(arg_off, name + "(...) needs a " + type_name(f.arg) + " first, got a " + type_name(type_of(arg)),
              std::string(f.example));
        return false;
    }
    if (contains_op(arg, Op::window) || (arg >= 0 && contains_op(at(arg).a, Op::window))) {
        error(arg_off, "windows cannot be nested", "aggregate an event field, e.g. avg(sentiment.score, 6h)");
        return false;
    }
    if (f.arg == Type::number) {
        std::vector<int32_t> sels;
        selectors_in(arg, sels);
        if (!sels.empty()) {
            error(arg_off, name + "(...) cannot aggregate metric(...) fields",
                  "aggregate sentiment or entity fields; use change_since_last(metric(...)) for metric history");
            return false;
        }
    }
    window.a = arg;
    return expect(",", "between the window's value and its duration");
}

// change_since_last(metric(...)).
int32_t Parser::parse_metric_history(const FunctionInfo& f, uint32_t start) {
    const std::string name(f.name);
    uint32_t arg_off = tok_.offset;
    int32_t sel = parse_or();
    if (failed_) return -1;
    if (sel < 0 || at(sel).op != Op::selector) {
        error(arg_off, name + " needs a metric(...) selector", "e.g. " + std::string(f.example));
        return -1;
    }
    if (!expect(")", ("to close " + name + "(").c_str())) return -1;
    return add_call(f, make_node(f.op, f.result, start, sel));
}

// A function of numbers, such as abs(x): its node holds the arguments as a (and b).
int32_t Parser::parse_numeric(const FunctionInfo& f) {
    uint32_t arg_off = tok_.offset;
    int32_t args[2] = {-1, -1};
    for (size_t i = 0; i < f.max_args; ++i) {
        if (i > 0 && !expect(",", "between the arguments")) return -1;
        args[i] = parse_or();
        if (failed_) return -1;
    }
    if (!expect(")", ("to close " + std::string(f.name) + "(").c_str())) return -1;
    const int32_t n = arith(Op::call, args[0], args[1], arg_off);
    if (n >= 0) at(n).sub = static_cast<uint8_t>(&f - kFunctionTable);
    return n;
}

// A node has two operands (a, b): numeric functions take at most two numbers, and compute them
// with the row's fn; Node::sub holds the row. That every numeric row has its fn is checked by
// unit_rules_functions_test, not here: under -fsanitize=undefined, comparing a function pointer
// with null is no constant expression for gcc 12.
constexpr bool numeric_rows_fit() {
    for (const auto& f : kFunctionTable) {
        const bool numeric = f.shape == CallShape::numeric;
        if (numeric && (f.max_args < 1 || f.max_args > 2)) return false;
        if (numeric != (f.op == Op::call)) return false;
    }
    return std::size(kFunctionTable) <= 256;
}
static_assert(numeric_rows_fit(), "a numeric rule function takes one or two arguments and op Op::call");

}  // namespace herald::rules::detail
