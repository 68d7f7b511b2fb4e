#pragma once
// Turns librdkafka's statistics JSON (emitted every statistics.interval.ms through the stats
// callback) into herald gauges: consumer lag per input partition, round-trip time per broker,
// and the producer's queue depth; and keeps what the last consumer report said about the brokers'
// connection states and the group (for /readyz). Gauges of partitions or brokers that leave the report (revoked,
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
        std::string state;     // connection state: "UP", "DOWN", "CONNECT", "TRY_CONNECT", ...
    };
    std::string type;              // "consumer" or "producer"
    int64_t queued_messages = -1;  // top-level msg_cnt, -1 when absent
    std::vector<PartitionLag> lags;  // partitions with a known lag (consumer_lag >= 0), never -1
    // Every real broker: not librdkafka's internal one, nor its logical coordinator handles
    // ("GroupCoordinator", "TxnCoordinator"), which duplicate a real broker's connection.
    std::vector<BrokerRtt> rtts;
    std::string group_state;       // cgrp.state ("up", "wait-coord", ...), empty when absent
    std::string group_join_state;  // cgrp.join_state ("steady", "wait-join", ...)
};

// Pure parse; false with a one-line reason when the text is not a librdkafka statistics object.
bool parse_statistics(std::string_view json, StatsReport& report, std::string& error);

struct StatsParserOptions {
    std::string topic;        // only this topic's partitions count as lag; empty = sum all topics
    // Whether this handle's reports set herald_broker_rtt_seconds: give it to one producer only
    // when several share the brokers. A consumer's reports never do: its rtt includes the fetch
    // long-poll (fetch.wait.max.ms, 500 ms by default), which is waiting, not request time.
    bool broker_rtt = true;
};

// The brokers and the group as the last consumer report saw them.
struct ClusterView {
    bool reported = false;  // a consumer report arrived
    int brokers = 0;        // real brokers known (configured bootstrap entries included)
    int up = 0;             // ... whose connection is UP
    std::string states;     // "NAME STATE" of up to 3 brokers that are not UP, comma separated
    std::string group_state, group_join_state;
};

class StatsParser {
public:
    explicit StatsParser(Metrics& metrics, StatsParserOptions options = {});

    // Parses one report and updates the gauges. Thread-safe; no exceptions.
    bool update(std::string_view json, std::string& error);
    ClusterView cluster() const;  // thread-safe

private:
    Metrics& metrics_;
    StatsParserOptions options_;
    mutable std::mutex mutex_;
    ClusterView cluster_;
    std::set<int32_t> lag_partitions_;  // partitions this parser has a lag gauge for
    std::set<std::string> rtt_brokers_;
};

}  // namespace herald::telemetry
