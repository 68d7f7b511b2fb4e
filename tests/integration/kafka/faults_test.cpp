// Fault injection on the embedded broker: broker down then up, retriable request errors, leader
// moves and slow brokers. The idempotent producer must deliver everything exactly once, in order.
#include <librdkafka/rdkafka.h>

#include <atomic>

#include "kafka_test_support.hpp"

using namespace herald::kafka;
using namespace herald::kafka::testing;

namespace {

// Reads `topic`/0 from the start and checks the values are "0".."n-1" exactly once, in order.
void expect_sequence(EmbeddedBroker& broker, const std::string& topic, int n) {
    std::string error;
    auto reader = Reader::create(broker.bootstrap(), quiet(), error);
    REQUIRE_MESSAGE(reader, error);
    REQUIRE(reader->assign({{topic, 0, kOffsetBeginning}}, error));
    std::vector<Message> got;
    poll_until([&] { reader->consume_batch(got, 500, 100); }, [&] { return got.size() >= static_cast<size_t>(n); },
               15000);
    while (reader->consume_batch(got, 500, 200) > 0) {
    }
    REQUIRE(got.size() == static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) CHECK(got[i].payload() == std::to_string(i));
}

void produce_sequence(Producer& producer, const std::string& topic, int from, int to) {
    for (int i = from; i < to; ++i) {
        std::string value = std::to_string(i);
        REQUIRE(!producer.produce(OutgoingMessage{topic, "k", value, {}, 0}, WhenFull::poll));
    }
}

}  // namespace

TEST_CASE("broker down then up: queued messages are delivered once it is back") {
    auto broker = start_broker(1, {{"alerts", 1}});
    std::atomic<int> transport_errors{0};
    Delivered delivered;
    std::string error;
    auto producer = Producer::create(
        {broker->bootstrap(), quiet({{"reconnect.backoff.max.ms", "200"}}), "",
         [&](int err, const std::string&, bool) {
             if (err == RD_KAFKA_RESP_ERR__TRANSPORT || err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN) ++transport_errors;
         }},
        [&](void*, const Error& err, int32_t, int64_t) { err ? ++delivered.failed : ++delivered.ok; }, error);
    REQUIRE_MESSAGE(producer, error);
    produce_sequence(*producer, "alerts", 0, 100);
    REQUIRE(drain(*producer, 10000));

    REQUIRE(broker->set_broker_down(1, true));
    produce_sequence(*producer, "alerts", 100, 300);
    // While the broker is away nothing more is acknowledged; the client notices the outage.
    REQUIRE(poll_until([&] { producer->poll(50); }, [&] { return transport_errors > 0; }, 15000));
    CHECK(delivered.ok == 100);
    CHECK(producer->queue_length() > 0);
    CHECK_FALSE(producer->flush(0));

    REQUIRE(broker->set_broker_down(1, false));
    REQUIRE(drain(*producer, 20000));
    producer->poll(0);
    CHECK(delivered.ok == 300);
    CHECK(delivered.failed == 0);
    CHECK_FALSE(producer->fatal_error());
    expect_sequence(*broker, "alerts", 300);
}

TEST_CASE("retriable produce errors are retried without duplicates or reordering") {
    auto broker = start_broker(1, {{"alerts", 1}});
    Delivered delivered;
    auto producer = make_producer(broker->bootstrap(), delivered, {{"retry.backoff.ms", "20"}});
    broker->push_request_errors(0, {RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
                                    RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS, RD_KAFKA_RESP_ERR__TRANSPORT});
    produce_sequence(*producer, "alerts", 0, 200);
    REQUIRE(drain(*producer, 20000));
    producer->poll(0);
    CHECK(delivered.ok == 200);
    CHECK(delivered.failed == 0);
    expect_sequence(*broker, "alerts", 200);
}

TEST_CASE("leader change and a slow broker: production continues") {
    auto broker = start_broker(3, {{"alerts", 1}});
    REQUIRE(broker->set_partition_leader("alerts", 0, 1));
    Delivered delivered;
    auto producer = make_producer(broker->bootstrap(), delivered, {{"retry.backoff.ms", "20"}});
    produce_sequence(*producer, "alerts", 0, 100);
    REQUIRE(drain(*producer, 10000));

    REQUIRE(broker->set_partition_leader("alerts", 0, 2));
    produce_sequence(*producer, "alerts", 100, 200);
    REQUIRE(drain(*producer, 20000));

    REQUIRE(broker->set_rtt(2, 300));
    auto start = Clock::now();
    produce_sequence(*producer, "alerts", 200, 210);
    REQUIRE(drain(*producer, 20000));
    CHECK(Clock::now() - start >= std::chrono::milliseconds(300));  // the injected round trip was felt
    REQUIRE(broker->set_rtt(2, 0));
    producer->poll(0);
    CHECK(delivered.ok == 210);
    CHECK(delivered.failed == 0);
    expect_sequence(*broker, "alerts", 210);
}

TEST_CASE("a consumer keeps its place across a broker outage") {
    auto broker = start_broker(1, {{"news", 1}});
    Delivered delivered;
    auto producer = make_producer(broker->bootstrap(), delivered, {{"reconnect.backoff.max.ms", "200"}});
    produce_sequence(*producer, "news", 0, 50);
    REQUIRE(drain(*producer, 10000));

    std::vector<std::string> errors;
    Consumer::Callbacks cb;
    cb.on_error = [&](int, const std::string& why, bool fatal) {
        CHECK_FALSE(fatal);
        errors.push_back(why);
    };
    std::string error;
    auto consumer = Consumer::create({broker->bootstrap(), "outage", fast_group({{"reconnect.backoff.max.ms", "200"}})},
                                     cb, error);
    REQUIRE_MESSAGE(consumer, error);
    REQUIRE(consumer->subscribe({"news"}, error));
    std::vector<Message> got;
    REQUIRE(poll_until([&] { consumer->consume_batch(got, 100, 100); }, [&] { return got.size() == 50; }, 15000));

    REQUIRE(broker->set_broker_down(1, true));
    REQUIRE(poll_until([&] { consumer->consume_batch(got, 100, 100); }, [&] { return !errors.empty(); }, 15000));
    REQUIRE(broker->set_broker_down(1, false));
    produce_sequence(*producer, "news", 50, 80);
    REQUIRE(drain(*producer, 20000));
    REQUIRE(poll_until([&] { consumer->consume_batch(got, 100, 100); }, [&] { return got.size() >= 80; }, 20000));
    CHECK(got.size() == 80);
    for (size_t i = 0; i < got.size(); ++i) CHECK(got[i].offset() == static_cast<int64_t>(i));
}
