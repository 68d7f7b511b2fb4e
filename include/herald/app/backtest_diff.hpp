#pragma once
// What a rule change does to the alerts of a feed, per rule and key. Fed one event at a time
// with the alerts the baseline rules and the candidate rules raised for it (in input order, so
// first/last and the examples are the feed's first and last).
//
// An alert is the same alert in both runs when its id is (rule id, key, event id, resolved):
// in both and with the same JSON it is unchanged, with another JSON "changed" (summary,
// severity, evidence, metrics, ...), only in the candidate's run "added", only in the
// baseline's "removed".
//
//   BacktestDiff diff(candidate.rule_ids(), baseline.rule_ids(), 5);
//   diff.add(event, before_alerts, before_json, after_alerts, after_json);   // per event
//   for (const RuleDiff& r : diff.rules()) ...
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "herald/app/offline_feed.hpp"
#include "herald/rules/alert.hpp"

namespace herald::app {

// One side's alerts (baseline: before, candidate: after) for a rule or a rule and key.
struct SideStats {
    uint64_t fired = 0;
    int64_t first_ms = 0, last_ms = 0;  // event times; meaningful when fired > 0
    std::map<int64_t, uint32_t> per_day;  // alerts per UTC day (days since 1970-01-01)
    void count(int64_t time_ms);
    // The day with the most alerts (the earliest of equals); -1 when none fired.
    int64_t busiest_day(uint32_t* alerts = nullptr) const;
};

struct DiffStats {
    SideStats before, after;
    uint64_t added = 0, removed = 0, changed = 0;
};

// An alert as the report shows it: enough to read without the feed.
struct AlertView {
    std::string severity, summary, json;
    std::vector<std::string> evidence;  // the sentences that made the rule fire
};

struct AlertExample {
    // Which examples come first: input order for files; for a topic, whose partitions arrive
    // interleaved as the brokers send them, (event time, partition, offset), so the report is
    // the same on every run. The last component orders the alerts of one event.
    std::array<int64_t, 4> order{};
    int64_t time_ms = 0;
    std::string key, event_id;
    AlertView before, after;  // removed: before only; added: after only; changed: both
    std::vector<std::string> differences;  // changed: what differs ("severity", "summary", ...)
};

struct RuleDiff {
    std::string rule;
    bool in_before = false, in_after = false;  // defined in the baseline / candidate rules file
    DiffStats total;
    std::map<std::string, DiffStats> keys;
    std::vector<AlertExample> added, removed, changed;  // the first N of each, by AlertExample::order
};

class BacktestDiff {
public:
    // Rules are reported in the candidate file's order, then the baseline's rules it dropped,
    // then ids seen only in alerts ("grouped").
    BacktestDiff(const std::vector<std::string>& after_rules, const std::vector<std::string>& before_rules,
                 size_t examples);

    void add(const FeedEvent& e, const std::vector<rules::Alert>& before, const std::vector<std::string>& before_json,
             const std::vector<rules::Alert>& after, const std::vector<std::string>& after_json);

    const std::vector<RuleDiff>& rules() const { return rules_; }
    const DiffStats& total() const { return total_; }

private:
    RuleDiff& rule(const std::string& id);
    void record(const FeedEvent& e, size_t index, const rules::Alert* before, const std::string* before_json,
                const rules::Alert* after, const std::string* after_json);

    std::vector<RuleDiff> rules_;
    std::unordered_map<std::string, size_t> index_;
    DiffStats total_;
    size_t examples_;
    int64_t events_ = 0;  // events added so far: the input order of files
    std::vector<bool> matched_;  // scratch: before alerts paired with an after alert
};

}  // namespace herald::app
