#pragma once
// One alert firing and its JSON message (docs/contracts.md "Alert").
//
//   herald::rules::EventContext ctx{event, analysis, event_time_ms};
//   std::string json;
//   herald::rules::append_alert_json(json, alert, ctx, {"news", 3, 1234}, detected_at_ms);
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "herald/analysis/analysis.hpp"
#include "herald/analysis/event.hpp"
#include "herald/rules/alert_limits.hpp"

namespace herald::rules {

// What one event offers to rules. event_time_ms is the only clock rules ever see.
struct EventContext {
    const analysis::Event& event;
    const analysis::Analysis& analysis;
    int64_t event_time_ms;
};

struct Alert {
    // 16 hex digits of mix64(fnv1a64 of rule id, key, event id[, "resolved"]), NUL-terminated
    // (for an event of a story, the story's id stands for the event id). `id` is the number the
    // delivery is known by (what dedup sets and the exactly-once redo compare): the same value,
    // except for a story's revisions and retractions (delivery_id_value).
    char alert_id[17] = {};
    uint64_t id = 0;
    // An alert raised by a story (the event carried story_id and the rules file has
    // story_horizon): its revision, 0 first, +1 each time an update changed what it says or it was
    // retracted (the story was deleted, or an update no longer meets the condition).
    bool story = false;
    bool retracted = false;
    uint32_t revision = 0;
    std::string rule_id;
    std::string severity;  // info | warning | critical
    std::string key;       // the Kafka message key: a ticker, an entity name or "_"
    std::string summary;
    bool resolved = false;
    std::vector<uint32_t> metric_indices;   // the matched metrics, indices into analysis.metrics
    std::vector<analysis::Span> evidence;   // sentences that made the rule fire
    // The key's company in the story: relevance 0-100, and when a rule reads novelty, the story's
    // novelty and the first story's id (docs/events.md). -1: not known (no company, not computed).
    int16_t relevance = -1, novelty = -1;
    std::string duplicate_of;
    // What made the rule fire (docs/rules.md, "Explanations"), bounded: the comparisons that held
    // with the values read, the event types behind event(...), the newest event ids of each
    // window the condition read, and, when it read sentiment, the terms that weighed most.
    struct Explanation {
        struct Compared {
            std::string read, op;      // "entity.sentiment.score", "<="
            double value = 0.0, threshold = 0.0;
            bool text = false;         // a string comparison: value_text, threshold_text
            std::string value_text, threshold_text;
        };
        struct EventType {
            std::string type, detail;
            analysis::Span span;
            bool has_figure = false;
            double figure = 0.0;
        };
        struct Window {
            std::string read;               // "count(2h)"
            std::vector<std::string> ids;   // the newest of them (WindowIds::kCount at most)
        };
        struct Term {
            std::string term, rule;
            double weight = 0.0;
            analysis::Span span;
        };
        std::vector<Compared> compared;
        std::vector<EventType> events;
        std::vector<Window> windows;
        bool sentiment = false;  // the condition read a sentiment score or label: terms wanted
        std::vector<Term> terms;
        bool empty() const { return compared.empty() && events.empty() && windows.empty() && terms.empty(); }
        void clear() {
            compared.clear();
            events.clear();
            windows.clear();
            terms.clear();
            sentiment = false;
        }
    };
    Explanation explanation;
    // A grouped alert (group_alerts): the alerts it stands for, in rule order.
    struct Member {
        char alert_id[17] = {};
        std::string rule_id, severity, key, summary;
        bool resolved = false;
        bool story = false, retracted = false;
        uint32_t revision = 0;
    };
    std::vector<Member> members;
};

// Where the triggering event was read from; partition < 0 omits "source" from the JSON.
struct SourceRef {
    std::string_view topic;
    int32_t partition = -1;
    int64_t offset = -1;
};

// Appends one alert object (no newline). ctx must be the event the alert was raised for.
void append_alert_json(std::string& out, const Alert& a, const EventContext& ctx, const SourceRef& src,
                       int64_t detected_at_ms);
// The same within `limits` (alert_limits.hpp): a string over its cap is cut and ends with
// " [truncated from N bytes]"; grouped members, metrics and evidence sentences that do not fit
// their share are left out and counted in "omitted"; either adds "truncated": true. Returns
// whether anything was cut or left out.
bool append_alert_json(std::string& out, const Alert& a, const EventContext& ctx, const SourceRef& src,
                       int64_t detected_at_ms, const AlertLimits& limits);

// Folds the alerts one event raised into one message (rules files with `group_alerts: true`), when
// there are two or more: rule "grouped", the highest severity, the first alert's key, summary
// "N rules: rule (key), ...", the union of their metrics and evidence, each alert as a member,
// and id = hash of the member ids (so it is as deterministic as they are). When the members do not
// fit limits.members, consecutive runs that do become one message each (summary "N rules (part i
// of k, T in all): ..."), a run of one being the plain alert: every member is still published.
void group_alerts(std::vector<Alert>& alerts, const AlertLimits& limits = {});

// The id formula, exposed so consumers and tests can recompute it.
void make_alert_id(std::string_view rule_id, std::string_view key, std::string_view event_id, bool resolved,
                   char out[17]);
// The same id as a number (the 16 hex digits of make_alert_id).
uint64_t alert_id_value(std::string_view rule_id, std::string_view key, std::string_view event_id, bool resolved);
// The number a delivery of alert `alert_id` is known by: alert_id itself for revision 0, mixed
// with the revision (and the retraction) after, so each revision is published once.
uint64_t delivery_id_value(uint64_t alert_id, uint32_t revision, bool retracted);

}  // namespace herald::rules
