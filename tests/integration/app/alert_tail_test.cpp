// Reading the tail of the alerts topic on assignment (duplicate suppression after a crash): what
// it collects, and that it returns by its deadline when a broker stops answering, so the consumer
// thread that calls it inside a rebalance is never held there.
#include <chrono>
#include <string>

#include "herald/app/pipeline/alert_tail.hpp"
#include "kafka_test_support.hpp"

using namespace herald::kafka;
using namespace herald::kafka::testing;

namespace {
constexpr int kListOffsets = 2;  // Kafka API key
constexpr int kRequestTimedOut = 7;

std::string alert_json(const char* id, int partition, int offset) {
    return std::string(R"({"alert_id":")") + id + R"(","rule":"r","source":{"topic":"news","partition":)" +
           std::to_string(partition) + R"(,"offset":)" + std::to_string(offset) + "}}";
}

// Alerts for events of news/0 at offsets 10, 20, 30 and of news/1 at offset 5.
std::unique_ptr<EmbeddedBroker> broker_with_alerts() {
    auto broker = start_broker(1, {{"alerts", 1}, {"news", 2}});
    Delivered delivered;
    auto producer = make_producer(broker->bootstrap(), delivered);
    const std::string alerts[] = {alert_json("00000000000000a1", 0, 10), alert_json("00000000000000a2", 0, 20),
                                  alert_json("00000000000000a3", 0, 30), alert_json("00000000000000b1", 1, 5)};
    for (const auto& a : alerts) REQUIRE(!producer->produce(OutgoingMessage{"alerts", "k", a, {}, 0}));
    REQUIRE(drain(*producer, 20000));
    REQUIRE(delivered.ok == 4);
    return broker;
}

herald::app::AlertTailOptions options(const EmbeddedBroker& broker, int timeout_ms) {
    return {broker.bootstrap(), quiet(), "alerts", "news", 1000, timeout_ms};
}

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }
}  // namespace

TEST_CASE("the tail gives the alerts at or after each committed offset, and the history before it") {
    auto broker = broker_with_alerts();
    herald::app::PublishedAlertIds ids;
    herald::app::AlertHistory history;
    std::string error;
    REQUIRE_MESSAGE(herald::app::read_published_alerts_within(options(*broker, 20000), {{0, 20}, {1, 6}}, ids, error,
                                                              &history),
                    error);
    CHECK(ids[0] == std::unordered_set<uint64_t>{0xa2, 0xa3});
    CHECK(ids[1].empty());
    CHECK(history[0].ids == std::unordered_set<uint64_t>{0xa1});
    CHECK(history[1].ids == std::unordered_set<uint64_t>{0xb1});
    CHECK(history[0].complete_from == 0);  // the look-back reached the start of the alerts topic
}

TEST_CASE("offsets of a partition whose leader stops answering: the reader gives up at its timeout") {
    auto broker = broker_with_alerts();
    std::string error;
    auto reader = Reader::create(broker->bootstrap(), quiet(), error);
    REQUIRE_MESSAGE(reader, error);
    int64_t low = -1, high = -1;
    REQUIRE(reader->watermarks("alerts", 0, low, high, 10000));
    CHECK(low == 0);
    CHECK(high == 4);
    // Each ListOffsets answer now takes 30 s (librdkafka's own query waits for it whatever its timeout).
    REQUIRE(broker->push_broker_request_errors(1, kListOffsets, std::vector<int>(4, kRequestTimedOut), 30000));
    auto t0 = Clock::now();
    CHECK_FALSE(reader->watermarks("alerts", 0, low, high, 1500));
    CHECK(seconds_since(t0) < 10);
    broker->clear_request_errors(kListOffsets);
}

TEST_CASE("reading the tail returns by its deadline when the broker stops answering") {
    auto broker = broker_with_alerts();
    REQUIRE(broker->push_broker_request_errors(1, kListOffsets, std::vector<int>(8, kRequestTimedOut), 30000));
    herald::app::PublishedAlertIds ids;
    std::string error;
    auto t0 = Clock::now();
    CHECK_FALSE(herald::app::read_published_alerts_within(options(*broker, 2000), {{0, 20}}, ids, error));
    CHECK(seconds_since(t0) < 10);  // 2 s deadline + 2 s grace, with room for a loaded machine
    CHECK(ids.empty());
    INFO(error);
    CHECK(error.find("alerts") != std::string::npos);
    broker->clear_request_errors(kListOffsets);
}
