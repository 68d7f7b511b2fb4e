#pragma once
// The compiled form of a rules file: one flat node pool per rule, built once at load and only
// read afterwards, so every partition's Engine can share it without locks.
#include <cstdint>
#include <string>
#include <vector>

#include "herald/analysis/analysis.hpp"

namespace herald::rules::detail {

enum class Type : uint8_t { boolean, number, string, list, selector, error };
const char* type_name(Type t);

enum class Op : uint8_t {
    const_num,
    const_str,
    const_bool,
    const_list,
    field,              // sub = EventField
    selector,           // metric(...): the filters below; read through metric_field / exists
    exists,             // a = selector: true for the metric being checked ("some matching metric exists")
    metric_field,       // a = selector node, sub = MetricField
    change_since_last,  // a = selector node, slot = index into Rule::since_nodes state
    window,             // sub = WindowAgg, a = argument (-1 for plain count), span_ms, slot
    and_,
    or_,
    not_,
    compare,   // sub = CmpOp, a, b
    in_list,   // a in b (const_list)
    contains,  // a (string field) contains text (lowercased needle); sub = 1 searches every text field
    add,
    sub,
    mul,
    div,
    neg,
    call,         // a function of numbers (CallShape::numeric): sub = its row of kFunctionTable, a (b) the arguments
    event_type,   // event("TYPE"): the key's company has that corporate event type; event_type = its index
    event_field,  // event("TYPE").FIELD: sub = EventTypeField, event_type = the type's index
};

enum class EventField : uint8_t {
    sentiment_score,
    sentiment_label,
    entity_score,
    entity_label,
    entity_name,
    entity_ticker,
    entity_mentions,
    ticker,
    key,
    source,
    url,
    id,
    headline,
    summary,
    body,
    text,
    metric_count,
    novelty,       // 0-100 for the key's company (analysis::NoveltyTracker)
    duplicate_of,  // the first story's id, "" for a first report
    entity_relevance,
    story_revision,  // earlier messages of the event's story (0: its first; docs/events.md "Story updates")
};

enum class MetricField : uint8_t {
    value,
    change_percent,
    change_points,
    direction,
    basis,
    forecast,
    unit,
    entity,
    ticker,
    period,
    prior,
    kind,
    qualifier,
    segment,
    business,  // the segment when there is one, else the entity
    low,
    high,
    change_percent_high,
    change_amount,
};

// Fields of event("TYPE") (analysis::CorporateEvent; docs/events-taxonomy.md).
enum class EventTypeField : uint8_t { figure, unit, detail, role, polarity, text };

enum class WindowAgg : uint8_t { count, avg, min, max, sum };
enum class CmpOp : uint8_t { lt, le, gt, ge, eq, ne };

struct Node {
    Op op = Op::const_num;
    Type type = Type::error;
    uint8_t sub = 0;
    int32_t a = -1, b = -1;
    int32_t slot = -1;
    // Boolean nodes: the selector whose matching metrics they are checked against, one at a time
    // (set on the top-most and/or/leaf that reads only that selector; see Parser::logic).
    int32_t bind = -1;
    bool mixed = false;  // and/or over leaves bound to different selectors: no common binding
    double num = 0.0;
    std::string str;  // string constant (contains: lowercased needle)
    std::vector<std::string> strs;
    std::vector<double> nums;
    int64_t span_ms = 0;
    // selector filters
    analysis::MetricKind kind = analysis::MetricKind::revenue;
    std::string entity;  // matches metric entity or ticker, case-insensitive; empty = any
    int8_t forecast = -1;  // -1 any, 0 actuals only, 1 forecasts only
    std::string segment;   // matches the metric's segment, case-insensitive; empty = any
    int8_t total = -1;     // -1 any, 1 company totals only (no segment), 0 segment figures only
    uint32_t offset = 0;   // byte offset in the source expression, for diagnostics
    uint16_t event_type = 0;  // Op::event_type / event_field: index into the EventTypeTable
};

enum class KeyMode : uint8_t { primary, ticker, entity };

struct TemplatePiece {
    enum class Kind : uint8_t { literal, expr, metric, entity, key, rule, severity } kind = Kind::literal;
    std::string literal;
    int32_t node = -1;
    MetricField field = MetricField::value;
};

struct Rule {
    std::string id, description, severity;
    KeyMode mode = KeyMode::primary;
    std::vector<Node> nodes;
    int32_t when = -1;
    int64_t cooldown_ms = 0;
    uint32_t hold_events = 0;  // fire after the condition held for this many events in a row
    int64_t hold_ms = 0;       // ... or for this long (event time)
    bool resolved = false;
    std::vector<TemplatePiece> summary;
    std::vector<int32_t> windows;     // window nodes, in slot order
    std::vector<int32_t> since_nodes; // change_since_last nodes, in slot order
    uint64_t fingerprint = 0;         // identity of the state layout: equal means state carries over
};

// Defaults of the top-level `max_keys_per_event` and `max_alerts_per_event` of a rules file.
inline constexpr uint32_t kDefaultMaxKeysPerEvent = 100;
inline constexpr uint32_t kDefaultMaxAlertsPerEvent = 100;
inline constexpr uint32_t kLimitPerEventCeiling = 100000;
inline constexpr int64_t kMaxNoveltyHorizonMs = 30LL * 24 * 3600 * 1000;  // the largest value either may take

struct Program {
    std::vector<Rule> rules;
    bool group_alerts = false;  // top-level `group_alerts: true`
    // One event is evaluated for at most this many keys per `for:` mode (the first ones in key
    // order), and raises at most this many alerts; the rest are skipped and counted.
    uint32_t max_keys_per_event = kDefaultMaxKeysPerEvent;
    uint32_t max_alerts_per_event = kDefaultMaxAlertsPerEvent;
    int64_t max_window_ms = 0;
    uint64_t content_hash = 0;
    bool uses_novelty = false;                // a rule reads novelty or duplicate_of
    int64_t novelty_horizon_ms = 24 * 3600 * 1000LL;  // top-level `novelty_horizon`
    // Story updates and deletions (docs/events.md, "Story updates"): on with a top-level
    // `story_horizon`, how long after its first message a story can still be revised.
    bool uses_stories = false;
    int64_t story_horizon_ms = 24 * 3600 * 1000LL;
};

// Per key and window, at most this many samples are kept; older ones are dropped first.
inline constexpr uint32_t kMaxSamplesPerWindow = 512;

}  // namespace herald::rules::detail
