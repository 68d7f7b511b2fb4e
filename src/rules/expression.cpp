// Lexer, recursive-descent parser and type checker of the rule expression language.
#include "expression.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

#include "herald/analysis/event_types.hpp"
#include "herald/core/time.hpp"

namespace herald::rules::detail {

const char* type_name(Type t) {
    switch (t) {
        case Type::boolean: return "boolean";
        case Type::number: return "number";
        case Type::string: return "string";
        case Type::list: return "list";
        case Type::selector: return "metric(...)";
        case Type::error: return "error";
    }
    return "?";
}

namespace {

bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_ident_char(char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = lower(c);
    return out;
}

size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t cur = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, prev + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1)});
            prev = cur;
        }
    }
    return row[b.size()];
}

enum class Tok : uint8_t { end, ident, number, string, punct, bad };

struct Token {
    Tok kind = Tok::end;
    std::string_view text;  // ident, number (with suffix), punctuation
    std::string value;      // string literal content, unescaped
    uint32_t offset = 0;
};

struct FieldInfo {
    std::string_view name;
    EventField field;
    Type type;
};

constexpr FieldInfo kFields[] = {
    {"sentiment.score", EventField::sentiment_score, Type::number},
    {"sentiment.label", EventField::sentiment_label, Type::string},
    {"entity.sentiment.score", EventField::entity_score, Type::number},
    {"entity.sentiment.label", EventField::entity_label, Type::string},
    {"entity.name", EventField::entity_name, Type::string},
    {"entity.ticker", EventField::entity_ticker, Type::string},
    {"entity.mentions", EventField::entity_mentions, Type::number},
    {"entity.relevance", EventField::entity_relevance, Type::number},
    {"ticker", EventField::ticker, Type::string},
    {"key", EventField::key, Type::string},
    {"source", EventField::source, Type::string},
    {"url", EventField::url, Type::string},
    {"id", EventField::id, Type::string},
    {"headline", EventField::headline, Type::string},
    {"summary", EventField::summary, Type::string},
    {"body", EventField::body, Type::string},
    {"text", EventField::text, Type::string},
    {"metrics.count", EventField::metric_count, Type::number},
    {"novelty", EventField::novelty, Type::number},
    {"duplicate_of", EventField::duplicate_of, Type::string},
};

struct MetricFieldInfo {
    std::string_view name;
    MetricField field;
    Type type;
};

constexpr MetricFieldInfo kMetricFields[] = {
    {"value", MetricField::value, Type::number},
    {"change.percent", MetricField::change_percent, Type::number},
    {"change.percent_high", MetricField::change_percent_high, Type::number},
    {"change.points", MetricField::change_points, Type::number},
    {"change.amount", MetricField::change_amount, Type::number},
    {"change.direction", MetricField::direction, Type::string},
    {"direction", MetricField::direction, Type::string},
    {"change.basis", MetricField::basis, Type::string},
    {"basis", MetricField::basis, Type::string},
    {"forecast", MetricField::forecast, Type::boolean},
    {"unit", MetricField::unit, Type::string},
    {"entity", MetricField::entity, Type::string},
    {"segment", MetricField::segment, Type::string},
    {"business", MetricField::business, Type::string},
    {"low", MetricField::low, Type::number},
    {"high", MetricField::high, Type::number},
    {"ticker", MetricField::ticker, Type::string},
    {"period", MetricField::period, Type::string},
    {"prior", MetricField::prior, Type::number},
    {"kind", MetricField::kind, Type::string},
    {"qualifier", MetricField::qualifier, Type::string},
};

constexpr std::string_view kFunctions[] = {"metric", "count", "avg", "min", "max", "sum", "change_since_last", "abs", "event"};

struct EventFieldInfo {
    std::string_view name;
    EventTypeField field;
    Type type;
};

// event("TYPE").FIELD (docs/rules.md, "Event types").
constexpr EventFieldInfo kEventFields[] = {
    {"figure", EventTypeField::figure, Type::number},   {"unit", EventTypeField::unit, Type::string},
    {"detail", EventTypeField::detail, Type::string},   {"role", EventTypeField::role, Type::string},
    {"polarity", EventTypeField::polarity, Type::string}, {"text", EventTypeField::text, Type::string},
};

const char* kLabels[] = {"strongly negative", "moderately negative", "mildly negative", "neutral",
                         "mildly positive",   "moderately positive", "strongly positive"};

std::vector<std::string_view> all_names() {
    std::vector<std::string_view> v;
    for (const auto& f : kFields) v.push_back(f.name);
    for (auto f : kFunctions) v.push_back(f);
    return v;
}

class Parser {
public:
    Parser(Rule& rule, std::string_view src, std::vector<ExprError>& errors, uint32_t base)
        : rule_(rule), src_(src), errors_(errors), base_(base) {
        advance();
    }

    bool failed() const { return failed_; }
    const Token& peek() const { return tok_; }
    bool at_end() const { return tok_.kind == Tok::end; }

    int32_t parse_or() {
        DepthGuard guard(*this);
        if (too_deep()) return -1;
        int32_t left = parse_and();
        while (!failed_ && is_word("or")) {
            uint32_t at = tok_.offset;
            advance();
            int32_t right = parse_and();
            if (failed_) return -1;
            left = logic(Op::or_, left, right, at);
        }
        return left;
    }

    // Reports a token left over after a complete expression.
    void expect_end() {
        if (failed_ || at_end()) return;
        error(tok_.offset, "unexpected '" + std::string(tok_text()) + "' after the end of the expression",
              is_punct("=") ? "write `==` to compare" : "join conditions with and / or");
    }

    void error(uint32_t offset, std::string message, std::string hint = {}) {
        if (failed_) return;
        failed_ = true;
        errors_.push_back({base_ + offset, std::move(message), std::move(hint)});
    }

    // A boolean-valued node made usable as a condition: metric(...) alone means "exists".
    int32_t as_condition(int32_t n, uint32_t at, const char* where) {
        if (n < 0) return n;
        Node& node = rule_.nodes[static_cast<size_t>(n)];
        if (node.type == Type::selector) {
            Node e;
            e.op = Op::exists;
            e.type = Type::boolean;
            e.a = n;
            e.bind = n;
            e.offset = at;
            return add(std::move(e));
        }
        if (node.type != Type::boolean) {
            error(at, std::string(where) + " needs a condition (true/false), got a " + type_name(node.type),
                  node.type == Type::string ? "compare it, e.g. `ticker == \"AMZN\"`" : "compare it, e.g. `... >= 25%`");
            return -1;
        }
        if (node.op == Op::metric_field) node.bind = node.a;
        return n;
    }

    Type type_of(int32_t n) const { return n < 0 ? Type::error : rule_.nodes[static_cast<size_t>(n)].type; }

private:
    // ---- lexer ----
    void advance() {
        prev_end_ = pos_;
        while (pos_ < src_.size() && (src_[pos_] == ' ' || src_[pos_] == '\t' || src_[pos_] == '\n' ||
                                      src_[pos_] == '\r'))
            ++pos_;
        tok_ = Token{};
        tok_.offset = static_cast<uint32_t>(pos_);
        if (pos_ >= src_.size()) return;
        char c = src_[pos_];
        size_t start = pos_;
        if (is_ident_start(c)) {
            while (pos_ < src_.size() && is_ident_char(src_[pos_])) ++pos_;
            tok_.kind = Tok::ident;
        } else if (is_digit(c) || (c == '.' && pos_ + 1 < src_.size() && is_digit(src_[pos_ + 1]))) {
            while (pos_ < src_.size() && (is_digit(src_[pos_]) || src_[pos_] == '.')) ++pos_;
            while (pos_ < src_.size() && (is_ident_char(src_[pos_]) || src_[pos_] == '%')) ++pos_;
            tok_.kind = Tok::number;
        } else if (c == '"' || c == '\'') {
            ++pos_;
            tok_.kind = Tok::string;
            bool closed = false;
            while (pos_ < src_.size()) {
                char d = src_[pos_++];
                if (d == c) {
                    closed = true;
                    break;
                }
                if (d == '\\' && pos_ < src_.size()) d = src_[pos_++];
                tok_.value.push_back(d);
            }
            if (!closed) {
                tok_.kind = Tok::bad;
                tok_.text = src_.substr(start, pos_ - start);
                error(static_cast<uint32_t>(start), "unterminated string", std::string("close it with ") + c);
                return;
            }
        } else {
            static constexpr std::string_view two[] = {"<=", ">=", "==", "!=", "&&", "||"};
            tok_.kind = Tok::punct;
            pos_ += 1;
            for (auto t : two)
                if (src_.substr(start, 2) == t) pos_ = start + 2;
            std::string_view p = src_.substr(start, pos_ - start);
            static constexpr std::string_view ok[] = {"(", ")", "[", "]", ",", ".", "=", "<", ">", "<=", ">=",
                                                      "==", "!=", "+", "-", "*", "/"};
            if (std::find(std::begin(ok), std::end(ok), p) == std::end(ok)) {
                tok_.kind = Tok::bad;
                tok_.text = p;
                std::string hint = p == "&&" ? "write `and`" : p == "||" ? "write `or`" : p == "!" ? "write `not`" : "";
                error(static_cast<uint32_t>(start), "unexpected character '" + std::string(p) + "'", hint);
                return;
            }
        }
        tok_.text = src_.substr(start, pos_ - start);
    }

    std::string_view tok_text() const { return tok_.kind == Tok::end ? std::string_view("end of expression") : tok_.text; }
    bool is_word(std::string_view w) const { return tok_.kind == Tok::ident && tok_.text == w; }
    bool is_punct(std::string_view p) const { return tok_.kind == Tok::punct && tok_.text == p; }

    bool expect(std::string_view p, const char* what) {
        if (is_punct(p)) {
            advance();
            return true;
        }
        error(tok_.offset, std::string("expected '") + std::string(p) + "' " + what + ", found '" +
                               std::string(tok_text()) + "'");
        return false;
    }

    // ---- node building ----
    int32_t add(Node n) {
        // Bounds the tree (and so every recursive walk over it) on hostile input such as
        // "1 + 1 + ... + 1": the node is still added so callers get a valid index, then parsing stops.
        if (rule_.nodes.size() >= kMaxNodes)
            error(n.offset, "expression too long (over " + std::to_string(kMaxNodes) + " terms in one rule)",
                  "split it into several rules");
        rule_.nodes.push_back(std::move(n));
        return static_cast<int32_t>(rule_.nodes.size() - 1);
    }
    Node& at(int32_t n) { return rule_.nodes[static_cast<size_t>(n)]; }

    int32_t logic(Op op, int32_t a, int32_t b, uint32_t at_off) {
        const char* name = op == Op::and_ ? "'and'" : "'or'";
        a = as_condition(a, at_off, name);
        b = as_condition(b, at_off, name);
        if (failed_) return -1;
        Node n;
        n.op = op;
        n.type = Type::boolean;
        n.a = a;
        n.b = b;
        n.offset = at_off;
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

    static constexpr int32_t kNone = -2, kMixed = -3;
    // The one selector a condition subtree is bound to, kNone, or kMixed. `not` is a barrier:
    // "not metric(...)..." means no matching metric satisfies it, so it keeps its own binding.
    int32_t group_selector(int32_t n) {
        const Node& node = at(n);
        if (node.op == Op::not_) return kNone;
        if (node.mixed) return kMixed;
        return node.bind >= 0 ? node.bind : kNone;
    }

    // The selectors a subtree reads metrics from, windows excluded (they read their own state).
    void selectors_in(int32_t n, std::vector<int32_t>& out) {
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

    bool contains_op(int32_t n, Op op) {
        if (n < 0) return false;
        const Node& node = at(n);
        if (node.op == op) return true;
        if (node.op == Op::window) return false;
        return contains_op(node.a, op) || contains_op(node.b, op);
    }

    // Boolean leaves loop over the metrics of the one selector they mention (if any).
    bool bind_leaf(int32_t n, uint32_t at_off) {
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

    void check_literal(int32_t field_node, int32_t lit_node, uint32_t lit_off) {
        const Node& f = at(field_node);
        const Node& l = at(lit_node);
        if (l.op != Op::const_str) return;
        std::vector<std::string_view> allowed;
        std::string what;
        if (f.op == Op::field && (f.sub == uint8_t(EventField::sentiment_label) ||
                                  f.sub == uint8_t(EventField::entity_label))) {
            for (const char* s : kLabels) allowed.push_back(s);
            what = "sentiment label";
        } else if (f.op == Op::metric_field && f.sub == uint8_t(MetricField::direction)) {
            allowed = {"up", "down", "flat"};
            what = "direction";
        } else if (f.op == Op::metric_field && f.sub == uint8_t(MetricField::basis)) {
            allowed = {"yoy", "qoq", "sequential", "annualized"};
            what = "basis";
        } else if (f.op == Op::metric_field && f.sub == uint8_t(MetricField::qualifier)) {
            allowed = {"over", "under", "about"};
            what = "qualifier";
        } else if (f.op == Op::event_field && f.sub == uint8_t(EventTypeField::role)) {
            allowed = {"acquirer", "target"};
            what = "role";
        } else if (f.op == Op::event_field && f.sub == uint8_t(EventTypeField::polarity)) {
            allowed = {"positive", "negative", "neutral"};
            what = "polarity";
        } else if (f.op == Op::metric_field && f.sub == uint8_t(MetricField::kind)) {
            analysis::MetricKind k;
            if (!analysis::parse_metric_kind(l.str, k)) error(lit_off, "unknown metric kind \"" + l.str + "\"", kinds_hint());
            return;
        } else {
            return;
        }
        for (auto s : allowed)
            if (lowered(s) == lowered(l.str)) return;
        std::string list;
        for (auto s : allowed) list += (list.empty() ? "" : ", ") + std::string(s);
        error(lit_off, "\"" + l.str + "\" is not a " + what, "use one of: " + list);
    }

    static std::string kinds_hint() {
        std::string list;
        for (int i = 0; i < int(analysis::MetricKind::count_); ++i)
            list += (i ? ", " : "") + std::string(analysis::metric_kind_name(static_cast<analysis::MetricKind>(i)));
        return "known kinds: " + list;
    }

    // ---- grammar ----
    int32_t parse_and() {
        int32_t left = parse_not();
        while (!failed_ && is_word("and")) {
            uint32_t at_off = tok_.offset;
            advance();
            int32_t right = parse_not();
            if (failed_) return -1;
            left = logic(Op::and_, left, right, at_off);
        }
        return left;
    }

    int32_t parse_not() {
        DepthGuard guard(*this);
        if (too_deep()) return -1;
        if (is_word("not")) {
            uint32_t at_off = tok_.offset;
            advance();
            int32_t inner = as_condition(parse_not(), at_off, "'not'");
            if (failed_) return -1;
            Node n;
            n.op = Op::not_;
            n.type = Type::boolean;
            n.a = inner;
            n.offset = at_off;
            return add(std::move(n));
        }
        return parse_compare();
    }

    int32_t parse_compare() {
        uint32_t left_off = tok_.offset;
        int32_t left = parse_additive();
        if (failed_) return -1;
        struct {
            std::string_view text;
            CmpOp op;
        } static constexpr ops[] = {{"<", CmpOp::lt}, {"<=", CmpOp::le}, {">", CmpOp::gt},
                                    {">=", CmpOp::ge}, {"==", CmpOp::eq}, {"!=", CmpOp::ne}};
        for (const auto& o : ops) {
            if (!is_punct(o.text)) continue;
            uint32_t op_off = tok_.offset;
            advance();
            uint32_t right_off = tok_.offset;
            int32_t right = parse_additive();
            if (failed_) return -1;
            Type lt = type_of(left), rt = type_of(right);
            if (lt == Type::selector || rt == Type::selector) {
                error(lt == Type::selector ? left_off : right_off, "metric(...) needs a field before it is compared",
                      "e.g. metric(\"revenue\").value or .change.percent");
                return -1;
            }
            if (lt != rt || lt == Type::list) {
                error(op_off, std::string("type mismatch: cannot compare a ") + type_name(lt) + " with a " + type_name(rt),
                      lt == Type::number || rt == Type::number ? "numbers compare with numbers, e.g. 25% or 300B"
                                                               : "strings compare with \"quoted text\"");
                return -1;
            }
            if (lt != Type::number && o.op != CmpOp::eq && o.op != CmpOp::ne) {
                error(op_off, std::string("'") + std::string(o.text) + "' needs numbers, got " + type_name(lt) + "s",
                      "use == or != for strings and booleans");
                return -1;
            }
            check_literal(left, right, right_off);
            check_literal(right, left, left_off);
            if (failed_) return -1;
            Node n;
            n.op = Op::compare;
            n.type = Type::boolean;
            n.sub = static_cast<uint8_t>(o.op);
            n.a = left;
            n.b = right;
            n.offset = op_off;
            int32_t id = add(std::move(n));
            return bind_leaf(id, op_off) ? id : -1;
        }
        bool negate = false;
        uint32_t op_off = tok_.offset;
        if (is_word("not")) {
            negate = true;
            advance();
            if (!is_word("in")) {
                error(tok_.offset, "expected 'in' after 'not' here", "write `not ticker in [...]` or `ticker not in [...]`");
                return -1;
            }
        }
        if (is_word("in")) {
            advance();
            int32_t list = parse_list();
            if (failed_) return -1;
            Type lt = type_of(left);
            const Node& l = at(list);
            bool ok = (lt == Type::string && l.nums.empty()) || (lt == Type::number && l.strs.empty());
            if (!ok) {
                error(op_off, std::string("type mismatch: 'in' needs a list of ") + type_name(lt) + "s",
                      lt == Type::string ? "quote the items: [\"AMZN\", \"MSFT\"]" : "list numbers: [1, 2]");
                return -1;
            }
            Node n;
            n.op = Op::in_list;
            n.type = Type::boolean;
            n.a = left;
            n.b = list;
            n.offset = op_off;
            int32_t id = add(std::move(n));
            if (!bind_leaf(id, op_off)) return -1;
            return negate ? wrap_not(id, op_off) : id;
        }
        if (is_word("contains")) {
            advance();
            const Node& l = at(left);
            if (l.type != Type::string || (l.op != Op::field && l.op != Op::metric_field)) {
                error(op_off, "'contains' needs a text field on its left", "e.g. headline contains \"guidance\"");
                return -1;
            }
            if (tok_.kind != Tok::string) {
                error(tok_.offset, "'contains' needs a quoted string on its right", "e.g. headline contains \"guidance\"");
                return -1;
            }
            if (tok_.value.empty()) {
                error(tok_.offset, "'contains' needs a non-empty string");
                return -1;
            }
            Node n;
            n.op = Op::contains;
            n.type = Type::boolean;
            n.a = left;
            n.str = lowered(tok_.value);
            n.sub = (l.op == Op::field && l.sub == uint8_t(EventField::text)) ? 1 : 0;
            n.offset = op_off;
            advance();
            int32_t id = add(std::move(n));
            return bind_leaf(id, op_off) ? id : -1;
        }
        // A value followed by something that cannot follow it: its comparison is missing or
        // misspelt ("ticker = ...", "ticker is ..."). Said here, at that token, rather than as
        // "'and' needs a condition" about the value.
        Type lt = type_of(left);
        if (lt != Type::boolean && lt != Type::selector && !ends_operand()) {
            if (is_punct("="))
                error(tok_.offset, "'=' is not a comparison", "write `==` to compare, e.g. `ticker == \"AMZN\"`");
            else
                error(tok_.offset, "expected a comparison after '" + std::string(src_.substr(left_off, prev_end_ - left_off)) +
                                       "', found '" + std::string(tok_text()) + "'",
                      "compare with ==, !=, <, <=, >, >=, in or contains, e.g. `ticker == \"AMZN\"`");
            return -1;
        }
        return left;
    }

    // Tokens that may follow a complete operand.
    bool ends_operand() const {
        return at_end() || is_word("and") || is_word("or") || is_punct(")") || is_punct(",") || is_punct("]");
    }

    int32_t wrap_not(int32_t inner, uint32_t at_off) {
        Node n;
        n.op = Op::not_;
        n.type = Type::boolean;
        n.a = inner;
        n.offset = at_off;
        return add(std::move(n));
    }

    int32_t arith(Op op, int32_t a, int32_t b, uint32_t at_off) {
        if (type_of(a) != Type::number || (b >= 0 && type_of(b) != Type::number) || (op != Op::neg && op != Op::abs && b < 0)) {
            error(at_off, "type mismatch: arithmetic needs numbers", "apply + - * / to numeric fields or numbers");
            return -1;
        }
        Node n;
        n.op = op;
        n.type = Type::number;
        n.a = a;
        n.b = b;
        n.offset = at_off;
        return add(std::move(n));
    }

    int32_t parse_additive() {
        int32_t left = parse_multiplicative();
        while (!failed_ && (is_punct("+") || is_punct("-"))) {
            Op op = is_punct("+") ? Op::add : Op::sub;
            uint32_t at_off = tok_.offset;
            advance();
            int32_t right = parse_multiplicative();
            if (failed_) return -1;
            left = arith(op, left, right, at_off);
        }
        return left;
    }

    int32_t parse_multiplicative() {
        int32_t left = parse_unary();
        while (!failed_ && (is_punct("*") || is_punct("/"))) {
            Op op = is_punct("*") ? Op::mul : Op::div;
            uint32_t at_off = tok_.offset;
            advance();
            int32_t right = parse_unary();
            if (failed_) return -1;
            left = arith(op, left, right, at_off);
        }
        return left;
    }

    int32_t parse_unary() {
        DepthGuard guard(*this);
        if (too_deep()) return -1;
        if (is_punct("-")) {
            uint32_t at_off = tok_.offset;
            advance();
            int32_t inner = parse_unary();
            if (failed_) return -1;
            Node& in = at(inner);
            if (in.op == Op::const_num) {  // fold: -0.4 is a constant
                in.num = -in.num;
                return inner;
            }
            return arith(Op::neg, inner, -1, at_off);
        }
        return parse_primary();
    }

    int32_t parse_list() {
        uint32_t open = tok_.offset;
        if (!expect("[", "to start a list")) return -1;
        Node n;
        n.op = Op::const_list;
        n.type = Type::list;
        n.offset = open;
        while (!failed_ && !is_punct("]")) {
            if (tok_.kind == Tok::string) {
                n.strs.push_back(tok_.value);
                advance();
            } else if (tok_.kind == Tok::number || is_punct("-")) {
                bool neg = is_punct("-");
                if (neg) advance();
                double v;
                std::string why;
                if (tok_.kind != Tok::number || !parse_number_literal(tok_.text, v, why)) {
                    error(tok_.offset, "bad number in list: " + std::string(tok_text()), why);
                    return -1;
                }
                n.nums.push_back(neg ? -v : v);
                advance();
            } else {
                error(tok_.offset, "a list holds only quoted strings or numbers, found '" + std::string(tok_text()) + "'",
                      "e.g. [\"AMZN\", \"MSFT\"]");
                return -1;
            }
            if (is_punct(",")) advance();
            else if (!is_punct("]")) {
                error(tok_.offset, "expected ',' or ']' in list, found '" + std::string(tok_text()) + "'");
                return -1;
            }
        }
        if (!expect("]", "to close the list")) return -1;
        if (!n.strs.empty() && !n.nums.empty()) {
            error(open, "a list mixes strings and numbers", "use one type per list");
            return -1;
        }
        return add(std::move(n));
    }

    int32_t parse_primary() {
        uint32_t start = tok_.offset;
        if (tok_.kind == Tok::number) {
            double v;
            std::string why;
            if (!parse_number_literal(tok_.text, v, why)) {
                error(start, "bad number '" + std::string(tok_.text) + "': " + why,
                      "numbers take %, bp, k, M, B (or bn), T; durations go only in windows, e.g. count(6h)");
                return -1;
            }
            advance();
            Node n;
            n.op = Op::const_num;
            n.type = Type::number;
            n.num = v;
            n.offset = start;
            return add(std::move(n));
        }
        if (tok_.kind == Tok::string) {
            Node n;
            n.op = Op::const_str;
            n.type = Type::string;
            n.str = tok_.value;
            n.offset = start;
            advance();
            return add(std::move(n));
        }
        if (is_punct("(")) {
            advance();
            int32_t inner = parse_or();
            if (failed_) return -1;
            if (!expect(")", "to close '('")) return -1;
            return inner;
        }
        if (is_punct("[")) {
            error(start, "a list can only follow 'in'", "e.g. ticker in [\"AMZN\", \"MSFT\"]");
            return -1;
        }
        if (tok_.kind != Tok::ident) {
            error(start, "expected a value, found '" + std::string(tok_text()) + "'",
                  "a field (sentiment.score), a number (25%), a string (\"AMZN\") or a function (metric(...))");
            return -1;
        }
        if (is_word("true") || is_word("false")) {
            Node n;
            n.op = Op::const_bool;
            n.type = Type::boolean;
            n.num = is_word("true") ? 1 : 0;
            n.offset = start;
            advance();
            return add(std::move(n));
        }
        // dotted path or call
        std::string path(tok_.text);
        advance();
        if (is_punct("(")) return parse_call(path, start);
        while (is_punct(".")) {
            advance();
            if (tok_.kind != Tok::ident) {
                error(tok_.offset, "expected a field name after '.'");
                return -1;
            }
            path += ".";
            path += tok_.text;
            advance();
        }
        for (const auto& f : kFields) {
            if (f.name != path) continue;
            Node n;
            n.op = Op::field;
            n.type = f.type;
            n.sub = static_cast<uint8_t>(f.field);
            n.offset = start;
            return add(std::move(n));
        }
        if (std::find(std::begin(kFunctions), std::end(kFunctions), path) != std::end(kFunctions)) {
            error(start, "'" + path + "' is a function", "call it: " + path + "(...)");
            return -1;
        }
        std::string near = closest_name(path, all_names());
        error(start, "unknown field '" + path + "'",
              near.empty() ? "fields: sentiment.score, sentiment.label, entity.sentiment.score, ticker, source, headline, text, ..."
                           : "did you mean '" + near + "'?");
        return -1;
    }

    // A duration argument: a number token with a time unit.
    bool parse_duration_arg(int64_t& ms) {
        uint32_t off = tok_.offset;
        if (tok_.kind != Tok::number) {
            error(off, "expected a window duration such as 6h, found '" + std::string(tok_text()) + "'",
                  "units: ms, s, m, h, d, w");
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

    int32_t parse_call(const std::string& name, uint32_t start) {
        advance();  // '('
        if (name == "metric") return parse_metric(start);
        if (name == "event") return parse_event(start);
        if (name == "count" || name == "avg" || name == "min" || name == "max" || name == "sum")
            return parse_window(name, start);
        if (name == "change_since_last") {
            uint32_t arg_off = tok_.offset;
            int32_t sel = parse_or();
            if (failed_) return -1;
            if (sel < 0 || at(sel).op != Op::selector) {
                error(arg_off, "change_since_last needs a metric(...) selector", "e.g. change_since_last(metric(\"backlog\"))");
                return -1;
            }
            if (!expect(")", "to close change_since_last(")) return -1;
            Node n;
            n.op = Op::change_since_last;
            n.type = Type::number;
            n.a = sel;
            n.offset = start;
            n.slot = static_cast<int32_t>(rule_.since_nodes.size());
            int32_t id = add(std::move(n));
            rule_.since_nodes.push_back(id);
            return postfix_check(id);
        }
        if (name == "abs") {
            uint32_t arg_off = tok_.offset;
            int32_t arg = parse_or();
            if (failed_) return -1;
            if (!expect(")", "to close abs(")) return -1;
            return arith(Op::abs, arg, -1, arg_off);
        }
        std::vector<std::string_view> fns(std::begin(kFunctions), std::end(kFunctions));
        std::string near = closest_name(name, fns);
        error(start, "unknown function '" + name + "'",
              near.empty() ? "functions: metric, event, count, avg, min, max, sum, change_since_last, abs"
                           : "did you mean '" + near + "'?");
        return -1;
    }

    int32_t postfix_check(int32_t id) {
        if (is_punct(".")) {
            error(tok_.offset, "this value has no fields", "only metric(...) takes fields such as .value");
            return -1;
        }
        return id;
    }

    int32_t parse_metric(uint32_t start) {
        Node sel;
        sel.op = Op::selector;
        sel.type = Type::selector;
        sel.offset = start;
        if (tok_.kind != Tok::string) {
            error(tok_.offset, "metric(...) needs the metric kind as a quoted string first", kinds_hint());
            return -1;
        }
        if (!analysis::parse_metric_kind(tok_.value, sel.kind)) {
            std::vector<std::string_view> kinds;
            for (int i = 0; i < int(analysis::MetricKind::count_); ++i)
                kinds.push_back(analysis::metric_kind_name(static_cast<analysis::MetricKind>(i)));
            std::string near = closest_name(tok_.value, kinds);
            error(tok_.offset, "unknown metric kind \"" + tok_.value + "\"",
                  near.empty() ? kinds_hint() : "did you mean \"" + near + "\"?");
            return -1;
        }
        advance();
        while (is_punct(",")) {
            advance();
            if (tok_.kind != Tok::ident) {
                error(tok_.offset, "expected a named argument (entity=, segment=, total=, forecast=)");
                return -1;
            }
            std::string arg(tok_.text);
            uint32_t arg_off = tok_.offset;
            advance();
            if (!expect("=", "after the argument name")) return -1;
            if (arg == "entity" || arg == "segment") {
                if (tok_.kind != Tok::string) {
                    error(tok_.offset, arg + "= needs a quoted name", arg == "entity" ? "e.g. entity=\"Amazon\"" : "e.g. segment=\"AWS\"");
                    return -1;
                }
                (arg == "entity" ? sel.entity : sel.segment) = tok_.value;
                advance();
            } else if (arg == "forecast" || arg == "total") {
                if (!is_word("true") && !is_word("false")) {
                    error(tok_.offset, arg + "= needs true or false",
                          arg == "total" ? "total=true: company totals only; total=false: segment figures only" : "");
                    return -1;
                }
                (arg == "forecast" ? sel.forecast : sel.total) = is_word("true") ? 1 : 0;
                advance();
            } else {
                static const std::vector<std::string_view> kArgs = {"entity", "segment", "total", "forecast"};
                std::string near = closest_name(arg, kArgs);
                error(arg_off, "unknown argument '" + arg + "' of metric(...)",
                      near.empty() ? "metric takes entity=\"...\", segment=\"...\", total=true|false and forecast=true|false"
                                   : "did you mean '" + near + "'?");
                return -1;
            }
            if (sel.total == 1 && !sel.segment.empty()) {
                error(arg_off, "total=true selects company totals, which have no segment",
                      "drop segment=\"...\" or total=true");
                return -1;
            }
        }
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
            Node n;
            n.op = Op::metric_field;
            n.type = f.type;
            n.sub = static_cast<uint8_t>(f.field);
            n.a = id;
            n.offset = start;
            return add(std::move(n));
        }
        std::vector<std::string_view> names;
        for (const auto& f : kMetricFields) names.push_back(f.name);
        std::string near = closest_name(path, names);
        error(field_off, "unknown metric field '" + path + "'",
              near.empty() ? "metric fields: value, low, high, change.percent, change.direction, basis, forecast, unit, entity, segment, period, prior"
                           : "did you mean '" + near + "'?");
        return -1;
    }

    // event("TYPE") is true when the key's company has that corporate event type;
    // event("TYPE").FIELD reads it. Type names come from the event type table.
    int32_t parse_event(uint32_t start) {
        auto table = analysis::EventTypeTable::builtin();
        Node n;
        n.op = Op::event_type;
        n.type = Type::boolean;
        n.offset = start;
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
        for (const auto& f : kEventFields) {
            if (f.name != field) continue;
            advance();
            n.op = Op::event_field;
            n.type = f.type;
            n.sub = static_cast<uint8_t>(f.field);
            return postfix_check(add(std::move(n)));
        }
        std::vector<std::string_view> names;
        for (const auto& f : kEventFields) names.push_back(f.name);
        std::string near = closest_name(field, names);
        error(field_off, "unknown event field '" + std::string(tok_text()) + "'",
              near.empty() ? "event fields: figure, unit, detail, role, polarity, text" : "did you mean '" + near + "'?");
        return -1;
    }

    static std::string event_types_hint(const analysis::EventTypeTable& table) {
        std::string list;
        for (auto name : table.names()) list += (list.empty() ? "" : ", ") + std::string(name);
        return "known types: " + list;
    }

    int32_t parse_window(const std::string& name, uint32_t start) {
        Node n;
        n.op = Op::window;
        n.type = Type::number;
        n.offset = start;
        n.sub = static_cast<uint8_t>(name == "count" ? WindowAgg::count
                                     : name == "avg" ? WindowAgg::avg
                                     : name == "min" ? WindowAgg::min
                                     : name == "max" ? WindowAgg::max
                                                     : WindowAgg::sum);
        bool plain_count = name == "count" && tok_.kind == Tok::number;
        if (!plain_count) {
            uint32_t arg_off = tok_.offset;
            int32_t arg = parse_or();
            if (failed_) return -1;
            Type want = name == "count" ? Type::boolean : Type::number;
            if (name == "count") arg = as_condition(arg, arg_off, "count(condition, span)");
            if (failed_) return -1;
            if (type_of(arg) != want && type_of(arg) != Type::selector) {
                error(arg_off, name + "(...) needs a " + type_name(want) + " first, got a " + type_name(type_of(arg)),
                      name == "count" ? "count(6h) or count(sentiment.score < -0.4, 6h)" : name + "(sentiment.score, 6h)");
                return -1;
            }
            if (contains_op(arg, Op::window) || (arg >= 0 && contains_op(at(arg).a, Op::window))) {
                error(arg_off, "windows cannot be nested", "aggregate an event field, e.g. avg(sentiment.score, 6h)");
                return -1;
            }
            if (want == Type::number) {
                std::vector<int32_t> sels;
                selectors_in(arg, sels);
                if (!sels.empty()) {
                    error(arg_off, name + "(...) cannot aggregate metric(...) fields",
                          "aggregate sentiment or entity fields; use change_since_last(metric(...)) for metric history");
                    return -1;
                }
            }
            n.a = arg;
            if (!expect(",", "between the window's value and its duration")) return -1;
        }
        if (!parse_duration_arg(n.span_ms)) return -1;
        if (!expect(")", ("to close " + name + "(").c_str())) return -1;
        n.slot = static_cast<int32_t>(rule_.windows.size());
        int32_t id = add(std::move(n));
        rule_.windows.push_back(id);
        return postfix_check(id);
    }

    // Recursion bounds, so a rules file can never overflow the stack at load or reload
    // ("((((...", "not not not ...", "- - - ..."); far above what a readable rule needs.
    static constexpr size_t kMaxDepth = 200;
    static constexpr size_t kMaxNodes = 2000;
    struct DepthGuard {
        Parser& p;
        explicit DepthGuard(Parser& parser) : p(parser) { ++p.depth_; }
        ~DepthGuard() { --p.depth_; }
    };
    bool too_deep() {
        if (depth_ <= kMaxDepth) return false;
        error(tok_.offset, "expression nested too deeply (over " + std::to_string(kMaxDepth) + " levels)",
              "split it into several simpler conditions or rules");
        return true;
    }

    Rule& rule_;
    std::string_view src_;
    std::vector<ExprError>& errors_;
    uint32_t base_;
    size_t pos_ = 0;
    size_t prev_end_ = 0;  // where the token before tok_ ends (quoting the operand before it)
    Token tok_;
    bool failed_ = false;
    size_t depth_ = 0;
};

}  // namespace

std::string closest_name(std::string_view word, const std::vector<std::string_view>& candidates) {
    // Names are short: a long word is no typo of one, and edit distance is quadratic in length.
    if (word.size() > 64) return {};
    size_t best = std::string::npos;
    std::string_view pick;
    for (auto c : candidates) {
        size_t d = edit_distance(word, c);
        if (d < best) {
            best = d;
            pick = c;
        }
    }
    size_t limit = std::max<size_t>(2, word.size() / 3);
    return best <= limit ? std::string(pick) : std::string();
}

bool parse_number_literal(std::string_view text, double& value, std::string& why) {
    size_t i = 0;
    while (i < text.size() && (is_digit(text[i]) || text[i] == '.')) ++i;
    std::string_view digits = text.substr(0, i), suffix = text.substr(i);
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc() || ptr != digits.data() + digits.size() || digits.empty()) {
        why = "not a number";
        return false;
    }
    struct {
        std::string_view s;
        double f;
    } static constexpr units[] = {{"", 1},    {"%", 1},    {"bp", 0.01}, {"bps", 0.01}, {"k", 1e3}, {"K", 1e3},
                                  {"M", 1e6}, {"mn", 1e6}, {"B", 1e9},   {"bn", 1e9},   {"T", 1e12}, {"tn", 1e12}};
    for (const auto& u : units) {
        if (u.s == suffix) {
            value *= u.f;
            return true;
        }
    }
    if (suffix == "m") why = "unit 'm' is ambiguous here: write M for millions (m means minutes in durations)";
    else if (suffix == "h" || suffix == "d" || suffix == "s" || suffix == "w" || suffix == "ms")
        why = "a duration is not a number; durations go in windows such as count(6h) or in cooldown:";
    else why = "unknown unit '" + std::string(suffix) + "'";
    return false;
}

int32_t compile_condition(Rule& rule, std::string_view text, std::vector<ExprError>& errors) {
    Parser p(rule, text, errors, 0);
    if (p.failed()) return -1;
    if (p.at_end()) {
        p.error(0, "empty condition", "write a condition such as sentiment.score <= -0.7");
        return -1;
    }
    int32_t root = p.parse_or();
    p.expect_end();
    if (p.failed()) return -1;
    root = p.as_condition(root, 0, "'when'");
    return p.failed() ? -1 : root;
}

bool compile_template(Rule& rule, std::string_view text, std::vector<ExprError>& errors) {
    using Kind = TemplatePiece::Kind;
    std::string literal;
    auto flush = [&] {
        if (literal.empty()) return;
        TemplatePiece piece;
        piece.literal = std::move(literal);
        rule.summary.push_back(std::move(piece));
        literal.clear();
    };
    size_t i = 0;
    while (i < text.size()) {
        char c = text[i];
        if (c == '}' && i + 1 < text.size() && text[i + 1] == '}') {
            literal.push_back('}');
            i += 2;
            continue;
        }
        if (c != '{') {
            literal.push_back(c);
            ++i;
            continue;
        }
        if (i + 1 < text.size() && text[i + 1] == '{') {
            literal.push_back('{');
            i += 2;
            continue;
        }
        size_t close = text.find('}', i + 1);
        if (close == std::string_view::npos) {
            errors.push_back({static_cast<uint32_t>(i), "unclosed '{' in summary", "close the placeholder with '}' or write '{{' for a brace"});
            return false;
        }
        std::string_view inner = text.substr(i + 1, close - i - 1);
        while (!inner.empty() && inner.front() == ' ') inner.remove_prefix(1);
        while (!inner.empty() && inner.back() == ' ') inner.remove_suffix(1);
        flush();
        TemplatePiece piece;
        if (inner == "entity") piece.kind = Kind::entity;
        else if (inner == "key") piece.kind = Kind::key;
        else if (inner == "rule") piece.kind = Kind::rule;
        else if (inner == "severity") piece.kind = Kind::severity;
        else if (inner.substr(0, 7) == "metric.") {
            std::string_view f = inner.substr(7);
            bool found = false;
            for (const auto& mf : kMetricFields) {
                if (mf.name == f) {
                    piece.kind = Kind::metric;
                    piece.field = mf.field;
                    found = true;
                }
            }
            if (!found) {
                std::vector<std::string_view> names;
                for (const auto& mf : kMetricFields) names.push_back(mf.name);
                std::string near = closest_name(f, names);
                errors.push_back({static_cast<uint32_t>(i + 1), "unknown placeholder '{" + std::string(inner) + "}'",
                                  near.empty() ? "metric fields: value, change.percent, change.direction, unit, entity, period"
                                               : "did you mean '{metric." + near + "}'?"});
                return false;
            }
        } else {
            size_t before = errors.size();
            uint32_t base = static_cast<uint32_t>(inner.data() - text.data());
            Parser p(rule, inner, errors, base);
            int32_t n = p.failed() ? -1 : p.parse_or();
            p.expect_end();
            if (p.failed() || n < 0) {
                if (errors.size() > before && errors.back().message.rfind("unknown field", 0) == 0)
                    errors.back().hint += " (placeholders: {entity}, {key}, {metric.value}, {metric.change.percent}, or any expression)";
                return false;
            }
            if (p.type_of(n) == Type::selector || p.type_of(n) == Type::list) {
                errors.push_back({base, "placeholder '{" + std::string(inner) + "}' has no printable value",
                                  "use a field such as {metric.value}"});
                return false;
            }
            piece.kind = Kind::expr;
            piece.node = n;
        }
        rule.summary.push_back(std::move(piece));
        i = close + 1;
    }
    flush();
    return true;
}

}  // namespace herald::rules::detail
