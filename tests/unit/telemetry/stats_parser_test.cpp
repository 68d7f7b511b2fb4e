#include "herald/telemetry/stats_parser.hpp"

#include <doctest/doctest.h>
#include <prometheus/text_serializer.h>

#include <string>

#include "prometheus_text.hpp"

using herald::telemetry::Metrics;
using herald::telemetry::StatsParser;
using herald::telemetry::StatsReport;

namespace {

// A consumer's statistics as librdkafka 2.0 emits them (trimmed of the windows herald ignores
// but keeping their shape: nested objects and arrays that the parser must skip).
std::string consumer_stats(int64_t lag0, int64_t lag1, bool with_partition1, int64_t rtt_cnt) {
    std::string p1 = with_partition1 ? R"(,
        "1": {"partition": 1, "broker": 2, "leader": 2, "desired": true, "unknown": false,
              "msgq_cnt": 0, "fetchq_cnt": 12, "fetch_state": "active", "query_offset": -1001,
              "next_offset": 5000, "app_offset": 4990, "stored_offset": 4990, "committed_offset": 4900,
              "eof_offset": 4990, "lo_offset": 0, "hi_offset": 5100, "ls_offset": 5100,
              "consumer_lag": )" + std::to_string(lag1) + R"(, "consumer_lag_stored": 110, "txmsgs": 0, "rxmsgs": 5000})"
                                     : std::string();
    return R"({
  "name": "rdkafka#consumer-2", "client_id": "herald", "type": "consumer",
  "ts": 7302113410, "time": 1714510200, "age": 30000123, "replyq": 0,
  "msg_cnt": 0, "msg_size": 0, "msg_max": 100000, "msg_size_max": 1073741824,
  "simple_cnt": 0, "metadata_cache_cnt": 2,
  "brokers": {
    "kafka-1:9092/1": {
      "name": "kafka-1:9092/1", "nodeid": 1, "nodename": "kafka-1:9092", "source": "learned",
      "state": "UP", "stateage": 29000000, "outbuf_cnt": 0, "outbuf_msg_cnt": 0, "waitresp_cnt": 1,
      "tx": 812, "txbytes": 90211, "rx": 811, "rxbytes": 5012230,
      "int_latency": {"min": 0, "max": 0, "avg": 0, "sum": 0, "stddev": 0, "p50": 0, "p75": 0, "p90": 0,
                      "p95": 0, "p99": 0, "p99_99": 0, "outofrange": 0, "hdrsize": 11376, "cnt": 0},
      "rtt": {"min": 310, "max": 2900, "avg": 1250, "sum": 1012500, "stddev": 201, "p50": 1100, "p75": 1400,
              "p90": 1800, "p95": 2100, "p99": 2700, "p99_99": 2900, "outofrange": 0, "hdrsize": 13424, "cnt": 810},
      "throttle": {"min": 0, "max": 0, "avg": 0, "sum": 0, "cnt": 0},
      "req": {"Fetch": 790, "OffsetCommit": 10, "Heartbeat": 10, "Metadata": 1},
      "toppars": {"news-0": {"topic": "news", "partition": 0}}
    },
    "kafka-2:9092/2": {
      "name": "kafka-2:9092/2", "nodeid": 2, "nodename": "kafka-2:9092", "source": "learned",
      "state": "TRY_CONNECT", "rtt": {"min": 0, "max": 0, "avg": )" + std::string(rtt_cnt > 0 ? "4000" : "0") +
           R"(, "sum": 0, "cnt": )" + std::to_string(rtt_cnt) + R"(},
      "toppars": {"news-1": {"topic": "news", "partition": 1}}
    },
    ":0/internal": {
      "name": ":0/internal", "nodeid": -1, "nodename": "", "source": "internal", "state": "UP",
      "rtt": {"min": 0, "max": 0, "avg": 0, "sum": 0, "cnt": 0}, "toppars": {}
    },
    "GroupCoordinator": {
      "name": "GroupCoordinator", "nodeid": -1, "nodename": "kafka-1:9092", "source": "logical", "state": "UP",
      "rtt": {"min": 900, "max": 1500, "avg": 1100, "sum": 11000, "cnt": 10}, "toppars": {}
    }
  },
  "topics": {
    "news": {
      "topic": "news", "age": 30000, "metadata_age": 12000,
      "batchsize": {"min": 0, "max": 0, "avg": 0, "cnt": 0},
      "batchcnt": {"min": 0, "max": 0, "avg": 0, "cnt": 0},
      "partitions": {
        "0": {"partition": 0, "broker": 1, "leader": 1, "desired": true, "fetch_state": "active",
              "committed_offset": 800, "hi_offset": 1000, "ls_offset": 1000,
              "consumer_lag": )" + std::to_string(lag0) + R"(, "consumer_lag_stored": 200})" + p1 + R"(,
        "2": {"partition": 2, "broker": 1, "leader": 1, "desired": false, "fetch_state": "none",
              "committed_offset": -1001, "hi_offset": -1, "consumer_lag": -1, "consumer_lag_stored": -1},
        "-1": {"partition": -1, "broker": -1, "leader": -1, "desired": false, "consumer_lag": -1}
      }
    },
    "other": {
      "topic": "other", "partitions": {"0": {"partition": 0, "consumer_lag": 1000000}}
    }
  },
  "cgrp": {"state": "up", "stateage": 29000, "join_state": "steady", "rebalance_age": 28000,
           "rebalance_cnt": 1, "rebalance_reason": "group is rebalancing", "assignment_size": 2},
  "tx": 1800, "tx_bytes": 200000, "rx": 1790, "rx_bytes": 9000000,
  "txmsgs": 0, "txmsg_bytes": 0, "rxmsgs": 6000, "rxmsg_bytes": 7100000
})";
}

// A producer's statistics: its requests (Produce, Metadata) are answered without a long-poll wait.
std::string producer_stats(int64_t msg_cnt, int64_t rtt_avg_us, int64_t rtt_cnt) {
    return R"({"name": "rdkafka#producer-1", "client_id": "herald", "type": "producer",
      "ts": 1, "time": 2, "msg_cnt": )" + std::to_string(msg_cnt) + R"(, "msg_size": 20480,
      "brokers": {
        "kafka-1:9092/1": {"name": "kafka-1:9092/1", "nodeid": 1, "source": "learned", "state": "UP",
                           "rtt": {"avg": )" + std::to_string(rtt_avg_us) + R"(, "cnt": )" +
           std::to_string(rtt_cnt) + R"(}},
        "TxnCoordinator": {"name": "TxnCoordinator", "nodeid": -1, "source": "logical", "state": "UP",
                           "rtt": {"avg": 7000, "cnt": 3}}},
      "topics": {"alerts": {"topic": "alerts", "partitions": {
          "0": {"partition": 0, "msgq_cnt": 17, "consumer_lag": -1}}}}})";
}

herald::test::Exposition render(const Metrics& metrics) {
    std::string error;
    auto parsed = herald::test::parse_exposition(prometheus::TextSerializer().Serialize(metrics.Collect()), error);
    INFO(error);
    REQUIRE(parsed.has_value());
    return *parsed;
}

}  // namespace

TEST_CASE("a consumer report yields lag per known partition and RTT per real broker") {
    StatsReport report;
    std::string error;
    REQUIRE_MESSAGE(herald::telemetry::parse_statistics(consumer_stats(200, 110, true, 5), report, error), error);
    CHECK(report.type == "consumer");
    CHECK(report.queued_messages == 0);
    REQUIRE(report.lags.size() == 3);  // news-0, news-1, other-0; never -1 or unassigned ones
    CHECK(report.lags[0].topic == "news");
    CHECK(report.lags[0].partition == 0);
    CHECK(report.lags[0].lag == 200);
    CHECK(report.lags[1].partition == 1);
    CHECK(report.lags[1].lag == 110);
    CHECK(report.lags[2].topic == "other");
    REQUIRE(report.rtts.size() == 2);  // the internal broker and the logical GroupCoordinator are skipped
    CHECK(report.rtts[0].broker == "kafka-1:9092/1");
    CHECK(report.rtts[0].seconds == doctest::Approx(0.00125));
    CHECK(report.rtts[0].samples == 810);
    CHECK(report.rtts[0].state == "UP");
    CHECK(report.rtts[1].broker == "kafka-2:9092/2");
    CHECK(report.rtts[1].seconds == doctest::Approx(0.004));
    CHECK(report.rtts[1].state == "TRY_CONNECT");
    CHECK(report.group_state == "up");
    CHECK(report.group_join_state == "steady");
}

TEST_CASE("broker RTT comes from producer reports: a consumer's includes the fetch long-poll") {
    Metrics metrics;
    StatsParser consumer(metrics, {.topic = "news"});
    StatsParser producer(metrics, {.topic = ""});
    std::string error;
    // An idle consumer's rtt is about fetch.wait.max.ms (500 ms): it must not become the gauge.
    REQUIRE_MESSAGE(consumer.update(consumer_stats(200, 110, true, 5), error), error);
    CHECK(render(metrics).count("herald_broker_rtt_seconds") == 0);
    REQUIRE_MESSAGE(producer.update(producer_stats(0, 2500, 40), error), error);
    auto exp = render(metrics);
    CHECK(exp.value("herald_broker_rtt_seconds", {{"broker", "kafka-1:9092/1"}}) == doctest::Approx(0.0025));
    CHECK(exp.count("herald_broker_rtt_seconds") == 1);  // no "TxnCoordinator" / "GroupCoordinator" series
    // Another consumer report leaves the producer's figure alone.
    REQUIRE(consumer.update(consumer_stats(200, 110, true, 5), error));
    CHECK(render(metrics).value("herald_broker_rtt_seconds", {{"broker", "kafka-1:9092/1"}}) ==
          doctest::Approx(0.0025));
    // An idle window (no samples) keeps the last measured value.
    REQUIRE(producer.update(producer_stats(0, 0, 0), error));
    CHECK(render(metrics).value("herald_broker_rtt_seconds", {{"broker", "kafka-1:9092/1"}}) ==
          doctest::Approx(0.0025));
}

TEST_CASE("the consumer's report tells which brokers are reachable and the group's state") {
    Metrics metrics;
    StatsParser stats(metrics, {.topic = "news"});
    CHECK_FALSE(stats.cluster().reported);
    std::string error;
    REQUIRE(stats.update(consumer_stats(200, 110, true, 5), error));
    const auto view = stats.cluster();
    CHECK(view.reported);
    CHECK(view.brokers == 2);
    CHECK(view.up == 1);
    CHECK(view.states == "kafka-2:9092/2 TRY_CONNECT");
    CHECK(view.group_state == "up");
    // A producer report does not replace the consumer's view.
    REQUIRE(stats.update(producer_stats(0, 2500, 40), error));
    CHECK(stats.cluster().brokers == 2);
}

TEST_CASE("the parser updates gauges and removes partitions that leave the report") {
    Metrics metrics;
    StatsParser stats(metrics, {.topic = "news"});
    std::string error;
    REQUIRE_MESSAGE(stats.update(consumer_stats(200, 110, true, 5), error), error);
    auto exp = render(metrics);
    CHECK(exp.value("herald_consumer_lag_messages", {{"partition", "0"}}) == 200.0);
    CHECK(exp.value("herald_consumer_lag_messages", {{"partition", "1"}}) == 110.0);
    CHECK(exp.count("herald_consumer_lag_messages") == 2);  // not 2 (unassigned), -1 or topic "other"

    // Partition 1 revoked.
    REQUIRE_MESSAGE(stats.update(consumer_stats(15, 0, false, 0), error), error);
    exp = render(metrics);
    CHECK(exp.value("herald_consumer_lag_messages", {{"partition", "0"}}) == 15.0);
    CHECK_FALSE(exp.value("herald_consumer_lag_messages", {{"partition", "1"}}).has_value());
}

TEST_CASE("without a topic filter lags of the same partition number add up") {
    Metrics metrics;
    StatsParser stats(metrics);
    std::string error;
    REQUIRE(stats.update(consumer_stats(200, 110, true, 5), error));
    CHECK(render(metrics).value("herald_consumer_lag_messages", {{"partition", "0"}}) == 1000200.0);
}

TEST_CASE("a producer report sets the queue depth and leaves consumer lag alone") {
    Metrics metrics;
    StatsParser consumer(metrics, {.topic = "news"});
    StatsParser producer(metrics, {.topic = "", .broker_rtt = false});
    std::string error;
    REQUIRE(consumer.update(consumer_stats(200, 110, true, 5), error));
    REQUIRE_MESSAGE(producer.update(producer_stats(17, 9000, 4), error), error);
    const auto exp = render(metrics);
    CHECK(exp.value("herald_producer_queue_messages") == 17.0);
    CHECK(exp.value("herald_consumer_lag_messages", {{"partition", "1"}}) == 110.0);
    // broker_rtt = false: this producer leaves the RTT series to another handle.
    CHECK(exp.count("herald_broker_rtt_seconds") == 0);
}

TEST_CASE("malformed statistics are rejected with a one-line reason and change nothing") {
    Metrics metrics;
    StatsParser stats(metrics);
    std::string error;
    CHECK_FALSE(stats.update("{\"type\": \"consumer\", \"topics\": {", error));
    CHECK(error.find("librdkafka statistics") == 0);
    CHECK(error.find('\n') == std::string::npos);
    CHECK_FALSE(stats.update("[1, 2, 3]", error));
    CHECK_FALSE(stats.update(R"({"brokers": {}})", error));
    CHECK(error.find("type") != std::string::npos);
    CHECK_FALSE(stats.update(R"({"type": "consumer", "topics": {"news": {"partitions": {"0": {"partition": 0, "consumer_lag": "many"}}}}})", error));
    CHECK(error.find("consumer_lag") != std::string::npos);
    CHECK(render(metrics).count("herald_consumer_lag_messages") == 0);
}
