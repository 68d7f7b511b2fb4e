// Building a rule's nodes while parsing (parser.hpp): conditions, how and/or and comparisons
// bind to the metric(...) they read, and checks of literals against the values a field takes.
#include <algorithm>
#include <iterator>

#include "catalogue.hpp"
#include "parser.hpp"

namespace herald::rules::detail {

int32_t Parser::add(Node n) {
    // Bounds the tree (and so every recursive walk over it) on hostile input such as
    // "1 + 1 + ... + 1": the node is still added so callers get a valid index, then parsing stops.
    if (rule_.nodes.size() >= kMaxNodes)
        error(n.offset, "expression too long (over " + std::to_string(kMaxNodes) + " terms in one rule)",
              "split it into several rules");
    rule_.nodes.push_back(std::move(n));
    return static_cast<int32_t>(rule_.nodes.size() - 1);
}

int32_t Parser::as_condition(int32_t n, uint32_t at_off, const char* where) {
    if (n < 0) return n;
    Node& node = at(n);
    if (node.type == Type::selector) {
        Node e = make_node(Op::exists, Type::boolean, at_off, n);
        e.bind = n;
        return add(std::move(e));
    }
    if (node.type != Type::boolean) {
        error(at_off, std::string(where) + " needs a condition (true/false), got a " + type_name(node.type),
              node.type == Type::string ? "compare it, e.g. `ticker == \"AMZN\"`" : "compare it, e.g. `... >= 25%`");
        return -1;
    }
    if (node.op == Op::metric_field) node.bind = node.a;
    return n;
}

int32_t Parser::logic(Op op, int32_t a, int32_t b, uint32_t at_off) {
    const char* name = op == Op::and_ ? "'and'" : "'or'";
    a = as_condition(a, at_off, name);
    b = as_condition(b, at_off, name);
    if (failed_) return -1;
    Node n = make_node(op, Type::boolean, at_off, a, b);
    // Conditions joined by and/or that read the same metric(...) must hold for the same
    // metric: the binding moves up from the leaves to this node.
    int32_t ga = group_selector(a), gb = group_selector(b);
    // `or` binds only when both sides read the selector: with no matching metric at all,
    // "A(metric) or B" must still be B.
    bool one_sided = op == Op::or_ && (ga >= 0) != (gb >= 0);
    if (ga == kMixed || gb == kMixed || (ga >= 0 && gb >= 0 && ga != gb) || one_sided) {
        n.mixed = true;
    } else if (ga >= 0 || gb >= 0) {
        n.bind = ga >= 0 ? ga : gb;
        at(a).bind = -1;
        at(b).bind = -1;
    }
    return add(std::move(n));
}

// The one selector a condition subtree is bound to, kNone, or kMixed. `not` is a barrier:
// "not metric(...)..." means no matching metric satisfies it, so it keeps its own binding.
int32_t Parser::group_selector(int32_t n) {
    const Node& node = at(n);
    if (node.op == Op::not_) return kNone;
    if (node.mixed) return kMixed;
    return node.bind >= 0 ? node.bind : kNone;
}

// The selectors a subtree reads metrics from, windows excluded (they read their own state).
void Parser::selectors_in(int32_t n, std::vector<int32_t>& out) {
    if (n < 0) return;
    const Node& node = at(n);
    if (node.op == Op::window) return;
    if (node.op == Op::selector) {
        if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
        return;
    }
    if (node.op == Op::metric_field || node.op == Op::change_since_last) {
        if (std::find(out.begin(), out.end(), node.a) == out.end()) out.push_back(node.a);
        return;
    }
    selectors_in(node.a, out);
    selectors_in(node.b, out);
}

bool Parser::contains_op(int32_t n, Op op) {
    if (n < 0) return false;
    const Node& node = at(n);
    if (node.op == op) return true;
    if (node.op == Op::window) return false;
    return contains_op(node.a, op) || contains_op(node.b, op);
}

// Boolean leaves loop over the metrics of the one selector they mention (if any).
bool Parser::bind_leaf(int32_t n, uint32_t at_off) {
    std::vector<int32_t> sels;
    selectors_in(n, sels);
    if (sels.size() > 1) {
        error(at_off, "one comparison can read only one metric(...)",
              "compare each metric with a constant and join them with and");
        return false;
    }
    at(n).bind = sels.empty() ? -1 : sels[0];
    return true;
}

namespace {

// The values a string field can take, for checking the literal it is compared with; what = "".
struct Allowed {
    std::vector<std::string_view> values;
    const char* what = "";
};

// The sentiment labels, weakest to strongest, as the analysis names them (analysis::label_name).
std::vector<std::string_view> label_names() {
    std::vector<std::string_view> names;
    for (int l = int(analysis::Label::strongly_negative); l <= int(analysis::Label::strongly_positive); ++l)
        names.push_back(analysis::label_name(static_cast<analysis::Label>(l)));
    return names;
}

Allowed allowed_values(const Node& f) {
    auto is = [&f](Op op, auto field) { return f.op == op && f.sub == static_cast<uint8_t>(field); };
    if (is(Op::field, EventField::sentiment_label) || is(Op::field, EventField::entity_label))
        return {label_names(), "sentiment label"};
    if (is(Op::metric_field, MetricField::direction)) return {{"up", "down", "flat"}, "direction"};
    if (is(Op::metric_field, MetricField::basis)) return {{"yoy", "qoq", "sequential", "annualized"}, "basis"};
    if (is(Op::metric_field, MetricField::qualifier)) return {{"over", "under", "about"}, "qualifier"};
    if (is(Op::event_field, EventTypeField::role)) return {{"acquirer", "target"}, "role"};
    if (is(Op::event_field, EventTypeField::polarity)) return {{"positive", "negative", "neutral"}, "polarity"};
    return {};
}

}  // namespace

void Parser::check_literal(int32_t field_node, int32_t lit_node, uint32_t lit_off) {
    const Node& f = at(field_node);
    const Node& l = at(lit_node);
    if (l.op != Op::const_str) return;
    if (f.op == Op::metric_field && f.sub == uint8_t(MetricField::kind)) {
        analysis::MetricKind k;
        if (!analysis::parse_metric_kind(l.str, k)) error(lit_off, "unknown metric kind \"" + l.str + "\"", kinds_hint());
        return;
    }
    Allowed allowed = allowed_values(f);
    if (allowed.values.empty()) return;
    for (auto s : allowed.values)
        if (lowered(s) == lowered(l.str)) return;
    std::string list;
    for (auto s : allowed.values) list += (list.empty() ? "" : ", ") + std::string(s);
    error(lit_off, "\"" + l.str + "\" is not a " + allowed.what, "use one of: " + list);
}

int32_t Parser::wrap_not(int32_t inner, uint32_t at_off) {
    return add(make_node(Op::not_, Type::boolean, at_off, inner));
}

int32_t Parser::arith(Op op, int32_t a, int32_t b, uint32_t at_off) {
    // Operators of two numbers need both; neg and functions of one number (Op::call) have no b.
    const bool binary = op == Op::add || op == Op::sub || op == Op::mul || op == Op::div;
    if (type_of(a) != Type::number || (b >= 0 && type_of(b) != Type::number) || (binary && b < 0)) {
        error(at_off, "type mismatch: arithmetic needs numbers", "apply + - * / to numeric fields or numbers");
        return -1;
    }
    return add(make_node(op, Type::number, at_off, a, b));
}

}  // namespace herald::rules::detail
