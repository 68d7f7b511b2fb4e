// The grammar of the rule expression language (parser.hpp): and/or/not, comparisons, in,
// contains, arithmetic, literals and field paths; plus how conditions bind to metric(...).
#include "parser.hpp"

#include <algorithm>
#include <iterator>

#include "catalogue.hpp"

namespace herald::rules::detail {

Parser::Parser(Rule& rule, std::string_view src, std::vector<ExprError>& errors, uint32_t base)
    : rule_(rule), lex_(src), errors_(errors), base_(base) {
    advance();
}

// ---- tokens ----

void Parser::advance() {
    lex_.next(tok_);
    if (tok_.kind == Tok::bad) error(tok_.offset, lex_.message(), lex_.hint());
}

std::string_view Parser::tok_text() const {
    return tok_.kind == Tok::end ? std::string_view("end of expression") : tok_.text;
}

bool Parser::expect(std::string_view p, const char* what) {
    if (is_punct(p)) {
        advance();
        return true;
    }
    error(tok_.offset, std::string("expected '") + std::string(p) + "' " + what + ", found '" + std::string(tok_text()) + "'");
    return false;
}

bool Parser::ends_operand() const {
    return at_end() || is_word("and") || is_word("or") || is_punct(")") || is_punct(",") || is_punct("]");
}

void Parser::expect_end() {
    if (failed_ || at_end()) return;
    error(tok_.offset, "unexpected '" + std::string(tok_text()) + "' after the end of the expression",
          is_punct("=") ? "write `==` to compare" : "join conditions with and / or");
}

void Parser::error(uint32_t offset, std::string message, std::string hint) {
    if (failed_) return;
    failed_ = true;
    errors_.push_back({base_ + offset, std::move(message), std::move(hint)});
}

bool Parser::too_deep() {
    if (depth_ <= kMaxDepth) return false;
    error(tok_.offset, "expression nested too deeply (over " + std::to_string(kMaxDepth) + " levels)",
          "split it into several simpler conditions or rules");
    return true;
}

// ---- grammar ----

namespace {

// Left-associative and/or, loosest binding first.
struct LogicLevel {
    std::string_view word;
    Op op;
};
constexpr LogicLevel kLogicLevels[] = {{"or", Op::or_}, {"and", Op::and_}};

}  // namespace

int32_t Parser::parse_or() {
    DepthGuard guard(*this);
    if (too_deep()) return -1;
    return parse_logic(0);
}

int32_t Parser::parse_logic(size_t level) {
    if (level == std::size(kLogicLevels)) return parse_not();
    const LogicLevel& l = kLogicLevels[level];
    int32_t left = parse_logic(level + 1);
    while (!failed_ && is_word(l.word)) {
        uint32_t at_off = tok_.offset;
        advance();
        int32_t right = parse_logic(level + 1);
        if (failed_) return -1;
        left = logic(l.op, left, right, at_off);
    }
    return left;
}

int32_t Parser::parse_not() {
    DepthGuard guard(*this);
    if (too_deep()) return -1;
    if (!is_word("not")) return parse_compare();
    uint32_t at_off = tok_.offset;
    advance();
    int32_t inner = as_condition(parse_not(), at_off, "'not'");
    if (failed_) return -1;
    return wrap_not(inner, at_off);
}

int32_t Parser::parse_compare() {
    uint32_t left_off = tok_.offset;
    int32_t left = parse_arith(0);
    if (failed_) return -1;
    struct {
        std::string_view text;
        CmpOp op;
    } static constexpr ops[] = {{"<", CmpOp::lt}, {"<=", CmpOp::le}, {">", CmpOp::gt},
                                {">=", CmpOp::ge}, {"==", CmpOp::eq}, {"!=", CmpOp::ne}};
    for (const auto& o : ops)
        if (is_punct(o.text)) return parse_comparison(left, left_off, o.op, o.text);
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
    if (is_word("in")) return parse_in(left, negate, op_off);
    if (is_word("contains")) return parse_contains(left, op_off);
    return missing_comparison(left, left_off);
}

// LEFT OP RIGHT with OP one of < <= > >= == != (the current token).
int32_t Parser::parse_comparison(int32_t left, uint32_t left_off, CmpOp op, std::string_view op_text) {
    uint32_t op_off = tok_.offset;
    advance();
    uint32_t right_off = tok_.offset;
    int32_t right = parse_arith(0);
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
    if (lt != Type::number && op != CmpOp::eq && op != CmpOp::ne) {
        error(op_off, std::string("'") + std::string(op_text) + "' needs numbers, got " + type_name(lt) + "s",
              "use == or != for strings and booleans");
        return -1;
    }
    check_literal(left, right, right_off);
    check_literal(right, left, left_off);
    if (failed_) return -1;
    Node n = make_node(Op::compare, Type::boolean, op_off, left, right);
    n.sub = static_cast<uint8_t>(op);
    int32_t id = add(std::move(n));
    return bind_leaf(id, op_off) ? id : -1;
}

// LEFT [not] in [LIST], the current token being `in`.
int32_t Parser::parse_in(int32_t left, bool negate, uint32_t op_off) {
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
    int32_t id = add(make_node(Op::in_list, Type::boolean, op_off, left, list));
    if (!bind_leaf(id, op_off)) return -1;
    return negate ? wrap_not(id, op_off) : id;
}

// FIELD contains "text", the current token being `contains`.
int32_t Parser::parse_contains(int32_t left, uint32_t op_off) {
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
    Node n = make_node(Op::contains, Type::boolean, op_off, left);
    n.str = lowered(tok_.value);
    n.sub = (l.op == Op::field && l.sub == uint8_t(EventField::text)) ? 1 : 0;
    advance();
    int32_t id = add(std::move(n));
    return bind_leaf(id, op_off) ? id : -1;
}

// A value followed by something that cannot follow it: its comparison is missing or misspelt
// ("ticker = ...", "ticker is ..."). Said here, at that token, rather than as "'and' needs a
// condition" about the value.
int32_t Parser::missing_comparison(int32_t left, uint32_t left_off) {
    Type lt = type_of(left);
    if (lt == Type::boolean || lt == Type::selector || ends_operand()) return left;
    if (is_punct("=")) {
        error(tok_.offset, "'=' is not a comparison", "write `==` to compare, e.g. `ticker == \"AMZN\"`");
    } else {
        std::string_view operand = lex_.source().substr(left_off, lex_.prev_end() - left_off);
        error(tok_.offset, "expected a comparison after '" + std::string(operand) + "', found '" + std::string(tok_text()) + "'",
              "compare with ==, !=, <, <=, >, >=, in or contains, e.g. `ticker == \"AMZN\"`");
    }
    return -1;
}

namespace {

// Left-associative arithmetic, loosest binding first: + and - over * and /.
struct ArithLevel {
    std::string_view first, second;
    Op first_op, second_op;
};
constexpr ArithLevel kArithLevels[] = {{"+", "-", Op::add, Op::sub}, {"*", "/", Op::mul, Op::div}};

}  // namespace

int32_t Parser::parse_arith(size_t level) {
    if (level == std::size(kArithLevels)) return parse_unary();
    const ArithLevel& l = kArithLevels[level];
    int32_t left = parse_arith(level + 1);
    while (!failed_ && (is_punct(l.first) || is_punct(l.second))) {
        Op op = is_punct(l.first) ? l.first_op : l.second_op;
        uint32_t at_off = tok_.offset;
        advance();
        int32_t right = parse_arith(level + 1);
        if (failed_) return -1;
        left = arith(op, left, right, at_off);
    }
    return left;
}

int32_t Parser::parse_unary() {
    DepthGuard guard(*this);
    if (too_deep()) return -1;
    if (!is_punct("-")) return parse_primary();
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

int32_t Parser::parse_list() {
    uint32_t open = tok_.offset;
    if (!expect("[", "to start a list")) return -1;
    Node n = make_node(Op::const_list, Type::list, open);
    while (!failed_ && !is_punct("]")) {
        if (!parse_list_item(n)) return -1;
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

bool Parser::parse_list_item(Node& list) {
    if (tok_.kind == Tok::string) {
        list.strs.push_back(tok_.value);
        advance();
        return true;
    }
    if (tok_.kind != Tok::number && !is_punct("-")) {
        error(tok_.offset, "a list holds only quoted strings or numbers, found '" + std::string(tok_text()) + "'",
              "e.g. [\"AMZN\", \"MSFT\"]");
        return false;
    }
    bool neg = is_punct("-");
    if (neg) advance();
    double v;
    std::string why;
    if (tok_.kind != Tok::number || !parse_number_literal(tok_.text, v, why)) {
        error(tok_.offset, "bad number in list: " + std::string(tok_text()), why);
        return false;
    }
    list.nums.push_back(neg ? -v : v);
    advance();
    return true;
}

int32_t Parser::parse_primary() {
    uint32_t start = tok_.offset;
    if (tok_.kind == Tok::number || tok_.kind == Tok::string || is_word("true") || is_word("false"))
        return parse_literal(start);
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
    return parse_path(start);
}

// A number, a quoted string, true or false.
int32_t Parser::parse_literal(uint32_t start) {
    Node n;
    n.offset = start;
    if (tok_.kind == Tok::number) {
        std::string why;
        if (!parse_number_literal(tok_.text, n.num, why)) {
            error(start, "bad number '" + std::string(tok_.text) + "': " + why,
                  "numbers take %, bp, k, M, B (or bn), T; durations go only in windows, e.g. count(6h)");
            return -1;
        }
        n.op = Op::const_num;
        n.type = Type::number;
    } else if (tok_.kind == Tok::string) {
        n.op = Op::const_str;
        n.type = Type::string;
        n.str = tok_.value;
    } else {
        n.op = Op::const_bool;
        n.type = Type::boolean;
        n.num = is_word("true") ? 1 : 0;
    }
    advance();
    return add(std::move(n));
}

// A dotted field path (sentiment.score) or a call (metric(...)).
int32_t Parser::parse_path(uint32_t start) {
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
        Node n = make_node(Op::field, f.type, start);
        n.sub = static_cast<uint8_t>(f.field);
        return add(std::move(n));
    }
    if (find_function(path)) {
        error(start, "'" + path + "' is a function", "call it: " + path + "(...)");
        return -1;
    }
    std::string near = closest_name(path, expression_names());
    error(start, "unknown field '" + path + "'",
          near.empty() ? "fields: sentiment.score, sentiment.label, entity.sentiment.score, ticker, source, headline, text, ..."
                       : "did you mean '" + near + "'?");
    return -1;
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

}  // namespace herald::rules::detail
