#pragma once
// Rebuilds a partition's rule state (windows, cooldowns, holds) when herald takes the partition:
// re-reads the history before the committed offset that the rules can still see, with alerts
// suppressed, so a restart or rebalance neither loses nor repeats windowed alerts.
//
//   StateRebuildOptions o{brokers, props, "news", partition, committed, rules->max_window_ms() * 2, 200000, 30000};
//   StateRebuildReport report;
//   std::string error;
//   engine.set_suppressed(true);
//   bool ok = rebuild_partition_state(o, [&](const kafka::Message& m) { process(m); return true; }, report, error);
//   engine.set_suppressed(false);
//
// Where to start: the first offset whose message timestamp is at or after
// timestamp(committed - 1) - span. The broker's time index is asked first; when it cannot answer
// (the embedded broker only knows earliest/latest) a backward exponential search over message
// timestamps finds it. At most max_events messages are re-read.
#include <cstdint>
#include <functional>
#include <string>

#include "herald/kafka/message.hpp"
#include "herald/kafka/types.hpp"

namespace herald::app {

struct StateRebuildOptions {
    std::string brokers;
    kafka::Properties properties;  // the consumer's (security, client settings); group keys are ignored
    std::string topic;
    int32_t partition = 0;
    int64_t committed = -1;    // first offset the live consumer will process
    int64_t span_ms = 0;       // event-time history to re-read
    int64_t max_events = 200000;
    int timeout_ms = 30000;    // for the whole rebuild
    // Asked between reads (at least every 100 ms, and between the at most 5 s broker queries):
    // true abandons the rebuild at once, e.g. herald is stopping with the brokers down.
    std::function<bool()> cancelled;
};

struct StateRebuildReport {
    int64_t from = -1;      // first offset re-read
    int64_t to = -1;        // committed offset (exclusive end)
    int64_t events = 0;     // messages handed to the callback
    bool capped = false;    // max_events cut the span short
};

// Calls `each` for every message in [from, committed) in offset order; `each` returns false to
// stop early (the partition went away). False (with `error`) when the history could not be read
// in time or `cancelled` said so; the state is then partial.
bool rebuild_partition_state(const StateRebuildOptions& o, const std::function<bool(const kafka::Message&)>& each,
                             StateRebuildReport& report, std::string& error);

}  // namespace herald::app
