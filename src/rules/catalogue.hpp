#pragma once
// What the rule expression language can name: event fields, metric(...) fields, event("TYPE")
// fields and functions, with their types; and the names and hints diagnostics offer from them.
#include <cmath>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "herald/core/ascii.hpp"
#include "program.hpp"

namespace herald::analysis {
class EventTypeTable;
}

namespace herald::rules::detail {

struct FieldInfo {
    std::string_view name;
    EventField field;
    Type type;
};

inline constexpr FieldInfo kFields[] = {
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
    {"story.revision", EventField::story_revision, Type::number},
    {"duplicate_of", EventField::duplicate_of, Type::string},
};

struct MetricFieldInfo {
    std::string_view name;
    MetricField field;
    Type type;
};

inline constexpr MetricFieldInfo kMetricFields[] = {
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

struct EventFieldInfo {
    std::string_view name;
    EventTypeField field;
    Type type;
};

// event("TYPE").FIELD (docs/rules.md, "Event types").
inline constexpr EventFieldInfo kEventFields[] = {
    {"figure", EventTypeField::figure, Type::number},   {"unit", EventTypeField::unit, Type::string},
    {"detail", EventTypeField::detail, Type::string},   {"role", EventTypeField::role, Type::string},
    {"polarity", EventTypeField::polarity, Type::string}, {"text", EventTypeField::text, Type::string},
};

// How a call's arguments are read: one parser routine per shape (Parser::parse_call, calls.cpp).
enum class CallShape : uint8_t {
    selector,        // metric("kind", name=value, ...): a selector, optionally .FIELD
    event_type,      // event("TYPE"), optionally .FIELD
    window,          // (value, span); with min_args 1 the value may be left out: count(6h)
    metric_history,  // (metric(...)): a selector whose earlier values are remembered per metric
    numeric,         // (number, ...): max_args numbers
};

// One rule function. Adding one is a row here plus tests (docs/contributing.md): a function of
// numbers brings its computation in the row (`fn`); a new window aggregate needs its `agg` in
// Engine (engine.cpp), a new kind of call its `op` in Evaluator (evaluator.cpp).
struct FunctionInfo {
    std::string_view name;
    std::string_view example;  // a call, for hints
    uint8_t min_args, max_args;  // positional arguments (metric(...)'s named ones not counted)
    Type arg;                  // the first argument's type (string: a quoted name)
    Type result;               // the call's type (event(...) and metric(...) fields read further)
    Op op;                     // the node the evaluator runs
    WindowAgg agg;             // windows: the aggregate over the span
    bool stateful;             // keeps per-key state across events (a slot in Rule::windows / since_nodes)
    CallShape shape;
    // CallShape::numeric (op Op::call): the value from the arguments (b is 0 for one argument).
    // Per event and key: no allocation, no exception; a NaN result is a missing value.
    double (*fn)(double a, double b) = nullptr;
};

// In this order for did-you-mean (the first of equally close names wins) and hints.
inline constexpr FunctionInfo kFunctionTable[] = {
    {"metric", "metric(\"revenue\", entity=\"Amazon\")", 1, 1,
     Type::string, Type::selector, Op::selector, WindowAgg::count, false, CallShape::selector},
    {"count", "count(6h) or count(sentiment.score < -0.4, 6h)", 1, 2, Type::boolean, Type::number, Op::window,
     WindowAgg::count, true, CallShape::window},
    {"avg", "avg(sentiment.score, 6h)", 2, 2, Type::number, Type::number, Op::window, WindowAgg::avg, true,
     CallShape::window},
    {"min", "min(sentiment.score, 6h)", 2, 2, Type::number, Type::number, Op::window, WindowAgg::min, true,
     CallShape::window},
    {"max", "max(sentiment.score, 6h)", 2, 2, Type::number, Type::number, Op::window, WindowAgg::max, true,
     CallShape::window},
    {"sum", "sum(sentiment.score, 6h)", 2, 2, Type::number, Type::number, Op::window, WindowAgg::sum, true,
     CallShape::window},
    {"change_since_last", "change_since_last(metric(\"backlog\"))", 1, 1, Type::selector, Type::number,
     Op::change_since_last, WindowAgg::count, true, CallShape::metric_history},
    {"abs", "abs(x)", 1, 1, Type::number, Type::number, Op::call, WindowAgg::count, false, CallShape::numeric,
     [](double x, double) { return std::fabs(x); }},
    {"event", "event(\"TYPE\")", 1, 1, Type::string, Type::boolean, Op::event_type, WindowAgg::count, false,
     CallShape::event_type},
};

// The row of function `name`, or null.
const FunctionInfo* find_function(std::string_view name);
// "functions: metric, count, ...".
std::string functions_hint();

// The `name` column of a catalogue table, for "did you mean".
template <typename Row, size_t N>
std::vector<std::string_view> names_of(const Row (&rows)[N]) {
    std::vector<std::string_view> v;
    v.reserve(N);
    for (const auto& r : rows) {
        if constexpr (std::is_convertible_v<Row, std::string_view>) v.push_back(r);
        else v.push_back(r.name);
    }
    return v;
}

// Event fields and functions: what a bare name in an expression may be.
std::vector<std::string_view> expression_names();
std::vector<std::string_view> metric_kind_names();

using core::ascii::lowered;
// "known kinds: revenue, ..." and "known types: earnings_beat, ...".
std::string kinds_hint();
std::string event_types_hint(const analysis::EventTypeTable& table);

}  // namespace herald::rules::detail
