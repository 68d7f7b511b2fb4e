#pragma once
// What the rule expression language can name: event fields, metric(...) fields, event("TYPE")
// fields and functions, with their types; and the names and hints diagnostics offer from them.
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

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

inline constexpr std::string_view kFunctions[] = {"metric", "count", "avg", "min", "max", "sum", "change_since_last", "abs", "event"};

inline constexpr std::string_view kLabels[] = {"strongly negative", "moderately negative", "mildly negative", "neutral",
                                               "mildly positive",   "moderately positive", "strongly positive"};

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

std::string lowered(std::string_view s);
// "known kinds: revenue, ..." and "known types: earnings_beat, ...".
std::string kinds_hint();
std::string event_types_hint(const analysis::EventTypeTable& table);

}  // namespace herald::rules::detail
