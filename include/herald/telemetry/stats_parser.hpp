#pragma once
// Turns librdkafka's statistics JSON (emitted every statistics.interval.ms through the stats
// callback) into herald gauges: consumer lag per input partition, round-trip time per broker,
// and the producer's queue depth. Gauges of partitions or brokers that leave the report (revoked,
// decommissioned) are removed, so two instances of a group never both export one partition.
//
//   herald::telemetry::StatsParser stats(metrics, {.topic = "news"});
//   // in the rd_kafka_conf_set_stats_cb callback:
//   std::string error;
//   if (!stats.update({json, json_len}, error)) log_once(error);
#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "herald/telemetry/metrics.hpp"

namespace herald::telemetry {

// What one statistics report says, before it is applied to gauges.
struct StatsReport {
    struct PartitionLag {
        std::string topic;
        int32_t partition = 0;
        int64_t lag = 0;
    };
    struct BrokerRtt {
        std::string broker;  // librdkafka's broker name, e.g. "kafka-1:9092/1"
        double seconds = 0.0;  // rtt.avg (librdkafka reports µs)
        int64_t samples = 0;   // rtt.cnt: 0 when the broker was idle during the window
    };
    std::string type;              // "consumer" or "producer"
    int64_t queued_messages = -1;  // top-level msg_cnt, -1 when absent
    std::vector<PartitionLag> lags;  // partitions with a known lag (consumer_lag >= 0), never -1
    std::vector<BrokerRtt> rtts;     // every broker but librdkafka's internal one
};

// Pure parse; false with a one-line reason when the text is not a librdkafka statistics object.
bool parse_statistics(std::string_view json, StatsReport& report, std::string& error);

struct StatsParserOptions {
    std::string topic;        // only this topic's partitions count as lag; empty = sum all topics
    bool broker_rtt = true;   // give RTT to one handle only when several share the brokers
};

class StatsParser {
public:
    explicit StatsParser(Metrics& metrics, StatsParserOptions options = {});

    // Parses one report and updates the gauges. Thread-safe; no exceptions.
    bool update(std::string_view json, std::string& error);

private:
    Metrics& metrics_;
    StatsParserOptions options_;
    std::mutex mutex_;
    std::set<int32_t> lag_partitions_;  // partitions this parser has a lag gauge for
    std::set<std::string> rtt_brokers_;
};

}  // namespace herald::telemetry
