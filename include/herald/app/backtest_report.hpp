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

}  // namespace herald::app
