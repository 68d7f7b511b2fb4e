#pragma once
// The backtest as a self-contained HTML page (`herald backtest --html FILE`): no script, no
// network, styles inline. Per rule: a timeline of alerts per day (baseline vs candidate, inline
// SVG), the keys that differ, and the examples with their evidence sentences highlighted.
// Deterministic like the other renderings (docs/backtest.md).
//
//   std::string page;
//   append_html_report(page, run, diff, 10);
#include <string>

#include "herald/app/backtest_diff.hpp"
#include "herald/app/backtest_report.hpp"

namespace herald::app {

// keys: how many keys to list per rule (those with the most differences first).
void append_html_report(std::string& out, const BacktestRun& run, const BacktestDiff& diff, size_t keys);

}  // namespace herald::app
