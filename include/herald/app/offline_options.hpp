#pragma once
// The options `herald analyze` and `herald backtest` share (input files, --jobs, event limits,
// --now, --partitions, the alert size bound) and how both report a line that is not an event.
//
//   spec.options = offline_option_specs();          // plus the command's own
//   FeedSettings s = offline_feed_settings(o, "backtest");
#include <string>
#include <vector>

#include "herald/app/offline_feed.hpp"
#include "herald/app/options.hpp"

namespace herald::app {

std::vector<OptionSpec> offline_option_specs();
// Files (stdin when none), --jobs (default: every usable CPU), --max-event-bytes,
// --max-future-skew and --now. Throws UsageError on a bad value.
FeedSettings offline_feed_settings(const Options& o, const std::string& command);
// --message-max-bytes: the producer limit of the `herald run` whose alerts are reproduced.
size_t offline_message_bytes(const Options& o);
// --partitions N (0: one rule state for the whole feed).
int32_t offline_partitions(const Options& o);
// "herald CMD: FILE:LINE: CODE: DETAIL" on stderr.
void report_bad_line(const std::string& command, const FeedEvent& e);
// {"line":N,"error":CODE,"detail":...} and a newline, analyze's output for a bad line.
void append_bad_line_json(const FeedEvent& e, std::string& out);

}  // namespace herald::app
