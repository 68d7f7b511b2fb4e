#pragma once
// After a restart (or when partitions of the alerts topic are assigned), `herald notify` learns
// back which alerts are still firing, as Prometheus does from its own state: it reads each owned
// partition of the alerts topic from the first alert that could still be active up to the
// group's committed offset, applying fires and resolutions in offset order to the table of
// active alerts. Nothing read back is delivered again (it was, before the commit); the resend
// loop then sends the firing ones to Alertmanager within --resend-interval.
//
//   ReadBackOptions o{brokers, "alerts", consumer_properties, 3600000, 1 << 20, core::now_ms()};
//   ReadBackReport r = read_back_firing(o, {{"alerts", 0, 1234}}, active);  // offsets: committed
//   if (!r.error.empty()) log(r.error);          // what was read is kept; the rest is skipped
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "herald/kafka/types.hpp"
#include "herald/notify/alertmanager.hpp"

namespace herald::notify {

struct ReadBackOptions {
    std::string brokers, topic;
    kafka::Properties properties;  // the consumer's (security settings and the like)
    int64_t active_for_ms = 3600000;
    size_t max_alert_bytes = 1 << 20;
    int64_t now_ms = 0;
    // Bounds: the newest alerts of a partition read back at most (where the broker's time index
    // does not answer, the read starts here), and the time for the whole read.
    int64_t max_alerts_per_partition = 100000;
    int64_t timeout_ms = 30000;
    const std::atomic<bool>* cancel = nullptr;  // true: stop reading (notify is stopping)
};

struct ReadBackReport {
    size_t alerts = 0;      // messages read back (fires, resolutions, and what is skipped as not an alert)
    size_t partitions = 0;  // partitions with something to read
    std::string error;      // one line when the read stopped early or could not start
};

// `committed` holds the group's committed offset of each partition (kOffsetInvalid: nothing
// delivered yet, nothing to read). Read alerts are tagged with their partition.
ReadBackReport read_back_firing(const ReadBackOptions& o, const std::vector<kafka::TopicPartition>& committed,
                                ActiveAlerts& active);

}  // namespace herald::notify
