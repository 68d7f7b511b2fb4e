#pragma once
// The recursive-descent parser and type checker of the rule expression language. One Parser
// compiles one expression into a rule's node pool: the grammar in parser.cpp, node building and
// metric binding in nodes.cpp, function calls (metric, event, windows, ...) in calls.cpp;
// templates.cpp compiles summaries with it. Names and types come from catalogue.hpp.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "expression.hpp"
#include "lexer.hpp"
#include "program.hpp"

namespace herald::rules::detail {

struct FunctionInfo;

class Parser {
public:
    // `base` is the expression's offset in the text errors point into (a summary placeholder's).
    Parser(Rule& rule, std::string_view src, std::vector<ExprError>& errors, uint32_t base);

    bool failed() const { return failed_; }
    bool at_end() const { return tok_.kind == Tok::end; }
    Type type_of(int32_t n) const { return n < 0 ? Type::error : rule_.nodes[static_cast<size_t>(n)].type; }

    // The whole grammar: a value or condition; -1 after an error.
    int32_t parse_or();
    // Reports a token left over after a complete expression.
    void expect_end();
    // Records the first error only: the rest would be consequences of it.
    void error(uint32_t offset, std::string message, std::string hint = {});
    // A boolean-valued node made usable as a condition: metric(...) alone means "exists".
    int32_t as_condition(int32_t n, uint32_t at, const char* where);

private:
    // ---- tokens ----
    void advance();
    std::string_view tok_text() const;
    bool is_word(std::string_view w) const { return tok_.kind == Tok::ident && tok_.text == w; }
    bool is_punct(std::string_view p) const { return tok_.kind == Tok::punct && tok_.text == p; }
    bool expect(std::string_view p, const char* what);
    // Tokens that may follow a complete operand.
    bool ends_operand() const;

    // ---- nodes, binding and checks (nodes.cpp) ----
    int32_t add(Node n);
    // A node of `op` and `type` at `offset` with operands a and b; callers set the rest.
    static Node make_node(Op op, Type type, uint32_t offset, int32_t a = -1, int32_t b = -1) {
        Node n;
        n.op = op;
        n.type = type;
        n.offset = offset;
        n.a = a;
        n.b = b;
        return n;
    }
    Node& at(int32_t n) { return rule_.nodes[static_cast<size_t>(n)]; }
    int32_t logic(Op op, int32_t a, int32_t b, uint32_t at_off);
    static constexpr int32_t kNone = -2, kMixed = -3;
    int32_t group_selector(int32_t n);
    void selectors_in(int32_t n, std::vector<int32_t>& out);
    bool contains_op(int32_t n, Op op);
    bool bind_leaf(int32_t n, uint32_t at_off);
    void check_literal(int32_t field_node, int32_t lit_node, uint32_t lit_off);
    int32_t wrap_not(int32_t inner, uint32_t at_off);
    int32_t arith(Op op, int32_t a, int32_t b, uint32_t at_off);

    // ---- grammar (parser.cpp) ----
    int32_t parse_logic(size_t level);
    int32_t parse_not();
    int32_t parse_compare();
    int32_t parse_comparison(int32_t left, uint32_t left_off, CmpOp op, std::string_view op_text);
    int32_t parse_in(int32_t left, bool negate, uint32_t op_off);
    int32_t parse_contains(int32_t left, uint32_t op_off);
    int32_t missing_comparison(int32_t left, uint32_t left_off);
    int32_t parse_arith(size_t level);
    int32_t parse_unary();
    int32_t parse_list();
    bool parse_list_item(Node& list);
    int32_t parse_primary();
    int32_t parse_literal(uint32_t start);
    int32_t parse_path(uint32_t start);

    // ---- calls (calls.cpp): one routine per CallShape of the function table ----
    int32_t parse_call(const std::string& name, uint32_t start);
    int32_t add_call(const FunctionInfo& f, Node n);
    bool parse_duration_arg(int64_t& ms);
    int32_t postfix_check(int32_t id);
    int32_t parse_metric(const FunctionInfo& f, uint32_t start);
    bool parse_metric_arg(Node& sel);
    int32_t parse_metric_field(int32_t selector, uint32_t start);
    int32_t parse_event(const FunctionInfo& f, uint32_t start);
    int32_t parse_window(const FunctionInfo& f, uint32_t start);
    bool parse_window_value(const FunctionInfo& f, Node& window);
    int32_t parse_metric_history(const FunctionInfo& f, uint32_t start);
    int32_t parse_numeric(const FunctionInfo& f);

    // Recursion bounds, so a rules file can never overflow the stack at load or reload
    // ("((((...", "not not not ...", "- - - ..."); far above what a readable rule needs.
    static constexpr size_t kMaxDepth = 200;
    static constexpr size_t kMaxNodes = 2000;
    struct DepthGuard {
        Parser& p;
        explicit DepthGuard(Parser& parser) : p(parser) { ++p.depth_; }
        ~DepthGuard() { --p.depth_; }
    };
    bool too_deep();

    Rule& rule_;
    Lexer lex_;
    std::vector<ExprError>& errors_;
    uint32_t base_;
    Token tok_;
    bool failed_ = false;
    size_t depth_ = 0;
};

}  // namespace herald::rules::detail
