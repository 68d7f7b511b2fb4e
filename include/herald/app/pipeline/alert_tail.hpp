#pragma once
// Crash-safe duplicate suppression without transactions (docs/operations.md "Delivery guarantees"): when herald takes
// partitions, it reads the recent tail of the alerts topic and collects, per input partition, the
// ids of alerts whose `source` lies at or after that partition's committed offset. Reprocessing
// from the committed offset then skips publishing those again, so readers see each alert once
// even after kill -9.
//
//   PublishedAlertIds ids;
//   std::string error;
//   if (!read_published_alerts(opts, {{3, 1200}}, ids, error)) warn(error);
//   if (ids[3].count(alert_id_value)) skip;
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_set>

#include "herald/kafka/types.hpp"

namespace herald::app {

struct AlertTailOptions {
    std::string brokers;
    kafka::Properties properties;
    std::string alerts_topic;
    std::string input_topic;
    int64_t lookback_messages = 100000;  // per alerts partition; must cover the commit interval
    int timeout_ms = 30000;
};

using PublishedAlertIds = std::map<int32_t, std::unordered_set<uint64_t>>;

// What was published for events before the committed offset, for rebuilding rule state in
// phase with the live run (Engine::set_fired_history). complete_from: the first input offset from
// which the tail is known to hold every alert (the look-back may cut older ones off).
struct PartitionAlertHistory {
    std::unordered_set<uint64_t> ids;
    int64_t complete_from = 0;
};
using AlertHistory = std::map<int32_t, PartitionAlertHistory>;

// committed: input partition -> committed offset (negative = none: everything counts).
// history (optional): filled for every partition in `committed`.
bool read_published_alerts(const AlertTailOptions& options, const std::map<int32_t, int64_t>& committed,
                           PublishedAlertIds& out, std::string& error, AlertHistory* history = nullptr);

// read_published_alerts on a helper thread, retried while time is left, that returns within
// options.timeout_ms (plus 2 s) whatever the brokers do: the consumer thread calls it inside a
// rebalance and must not be held there. A read still running at the deadline is abandoned (it
// ends on its own; its result is dropped) and the call returns false with the reason in `error`.
bool read_published_alerts_within(const AlertTailOptions& options, const std::map<int32_t, int64_t>& committed,
                                  PublishedAlertIds& out, std::string& error, AlertHistory* history = nullptr);

// "9f2c4e01a7b3d5c8" -> its 64-bit value; false when not 16 hex digits.
bool parse_alert_id(std::string_view hex, uint64_t& value);

}  // namespace herald::app
