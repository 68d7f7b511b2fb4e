// Summary templates: "text {placeholder} text" compiled into a rule's summary pieces
// (expression.hpp), each placeholder a name ({entity}), a metric field or an expression.
#include "catalogue.hpp"
#include "expression.hpp"
#include "parser.hpp"

namespace herald::rules::detail {

namespace {

// {metric.FIELD}: false after appending to `errors`; `at` is the placeholder's offset.
bool metric_placeholder(std::string_view inner, uint32_t at, TemplatePiece& piece, std::vector<ExprError>& errors) {
    std::string_view f = inner.substr(7);
    bool found = false;
    for (const auto& mf : kMetricFields) {
        if (mf.name == f) {
            piece.kind = TemplatePiece::Kind::metric;
            piece.field = mf.field;
            found = true;
        }
    }
    if (found) return true;
    std::string near = closest_name(f, names_of(kMetricFields));
    errors.push_back({at, "unknown placeholder '{" + std::string(inner) + "}'",
                      near.empty() ? "metric fields: value, change.percent, change.direction, unit, entity, period"
                                   : "did you mean '{metric." + near + "}'?"});
    return false;
}

// {EXPRESSION}, compiled into the rule's nodes; `base` is its offset in the summary.
bool expression_placeholder(Rule& rule, std::string_view inner, uint32_t base, TemplatePiece& piece,
                            std::vector<ExprError>& errors) {
    size_t before = errors.size();
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
    piece.kind = TemplatePiece::Kind::expr;
    piece.node = n;
    return true;
}

// The placeholder between the braces at [open, close) of `text`.
bool placeholder(Rule& rule, std::string_view text, size_t open, size_t close, TemplatePiece& piece,
                 std::vector<ExprError>& errors) {
    using Kind = TemplatePiece::Kind;
    std::string_view inner = text.substr(open + 1, close - open - 1);
    while (!inner.empty() && inner.front() == ' ') inner.remove_prefix(1);
    while (!inner.empty() && inner.back() == ' ') inner.remove_suffix(1);
    if (inner == "entity") piece.kind = Kind::entity;
    else if (inner == "key") piece.kind = Kind::key;
    else if (inner == "rule") piece.kind = Kind::rule;
    else if (inner == "severity") piece.kind = Kind::severity;
    else if (inner.substr(0, 7) == "metric.") return metric_placeholder(inner, static_cast<uint32_t>(open + 1), piece, errors);
    else return expression_placeholder(rule, inner, static_cast<uint32_t>(inner.data() - text.data()), piece, errors);
    return true;
}

}  // namespace

bool compile_template(Rule& rule, std::string_view text, std::vector<ExprError>& errors) {
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
        // "{{" and "}}" are literal braces.
        if ((c == '}' || c == '{') && i + 1 < text.size() && text[i + 1] == c) {
            literal.push_back(c);
            i += 2;
            continue;
        }
        if (c != '{') {
            literal.push_back(c);
            ++i;
            continue;
        }
        size_t close = text.find('}', i + 1);
        if (close == std::string_view::npos) {
            errors.push_back({static_cast<uint32_t>(i), "unclosed '{' in summary", "close the placeholder with '}' or write '{{' for a brace"});
            return false;
        }
        flush();
        TemplatePiece piece;
        if (!placeholder(rule, text, i, close, piece, errors)) return false;
        rule.summary.push_back(std::move(piece));
        i = close + 1;
    }
    flush();
    return true;
}

}  // namespace herald::rules::detail
