#pragma once
// The two renderings of a backtest: a summary to read in a terminal, and JSON for tools
// (docs/backtest.md describes both). Pure functions of the diff: the same feed and rules give
// the same bytes whatever --jobs was.
//
//   BacktestRun run{"new.yaml", "old.yaml", events, bad_lines, ...};
//   std::string out;
//   append_text_report(out, run, diff, 10);
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "herald/app/backtest_diff.hpp"

namespace herald::app {

struct BacktestRun {
    std::string rules_file;
    std::string baseline_file;  // empty: no baseline, every alert is the candidate's own
    std::string topic_range;    // "topic 'news' in [SINCE, UNTIL)" with --from-topic; empty for files
    uint64_t events = 0;        // valid events evaluated
    uint64_t bad_lines = 0;     // lines that are not events (skipped, said on stderr)
    int64_t first_event_ms = 0, last_event_ms = 0;  // event times seen (meaningful when events > 0)
};

// keys: how many keys to list per rule (those with the most differences, then the most alerts).
void append_text_report(std::string& out, const BacktestRun& run, const BacktestDiff& diff, size_t keys);
void append_json_report(std::string& out, const BacktestRun& run, const BacktestDiff& diff);

// Shared by the renderings.
using KeyStats = std::pair<const std::string, DiffStats>;
// The keys worth reading first, at most n: most differences, then most alerts, then by name;
// with a baseline only keys that differ.
std::vector<const KeyStats*> keys_to_show(const RuleDiff& r, size_t n, bool baseline);
// The side a rule's times are read from: the candidate's, or the baseline's for a rule that no
// longer fires.
const SideStats& shown_side(const DiffStats& d);
std::string day_text(int64_t day);  // "2026-11-04" for days since 1970-01-01
bool differs(const DiffStats& d);

}  // namespace herald::app
