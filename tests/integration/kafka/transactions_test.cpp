// Transactional producer on the embedded broker: committed transactions become visible to a
// read_committed reader; aborts and refused commits are reported with what to do next; offsets
// can be sent into a transaction.
#include <librdkafka/rdkafka.h>

#include "kafka_test_support.hpp"

using namespace herald::kafka;
using namespace herald::kafka::testing;

namespace {

std::vector<std::string> read_values(EmbeddedBroker& broker, const char* isolation, size_t at_least, int timeout_ms) {
    std::string error;
    auto reader = Reader::create(broker.bootstrap(), quiet({{"isolation.level", isolation}}), error);
    REQUIRE_MESSAGE(reader, error);
    REQUIRE(reader->assign({{"alerts", 0, kOffsetBeginning}}, error));
    std::vector<Message> got;
    poll_until([&] { reader->consume_batch(got, 100, 100); }, [&] { return got.size() >= at_least; }, timeout_ms);
    // Drain whatever else is readable now (a short quiet period ends the read).
    while (reader->consume_batch(got, 100, 300) > 0) {
    }
    std::vector<std::string> values;
    for (const auto& m : got) values.emplace_back(m.payload());
    return values;
}

}  // namespace

TEST_CASE("committed transactions are visible, aborted ones are not (read_committed)") {
    auto broker = start_broker(1, {{"alerts", 1}, {"news", 1}});
    Delivered delivered;
    auto producer = make_producer(broker->bootstrap(), delivered, {}, "herald-test-txn");
    REQUIRE_MESSAGE(!producer->init_transactions(10000), "init_transactions failed");

    REQUIRE_MESSAGE(!producer->begin_transaction(), "begin_transaction failed");
    REQUIRE(!producer->produce(OutgoingMessage{"alerts", "AMZN", "kept-1", {}, 0}));
    REQUIRE(!producer->produce(OutgoingMessage{"alerts", "AMZN", "kept-2", {}, 0}));
    REQUIRE_MESSAGE(!producer->commit_transaction(10000), "commit_transaction failed");

    REQUIRE_MESSAGE(!producer->begin_transaction(), "begin_transaction failed");
    REQUIRE(!producer->produce(OutgoingMessage{"alerts", "AMZN", "aborted-1", {}, 0}));
    REQUIRE(!producer->produce(OutgoingMessage{"alerts", "AMZN", "aborted-2", {}, 0}));
    REQUIRE(producer->flush(10000));  // make sure they reached the log before aborting
    REQUIRE_MESSAGE(!producer->abort_transaction(10000), "abort_transaction failed");

    REQUIRE_MESSAGE(!producer->begin_transaction(), "begin_transaction failed");
    REQUIRE(!producer->produce(OutgoingMessage{"alerts", "AMZN", "kept-3", {}, 0}));
    REQUIRE_MESSAGE(!producer->commit_transaction(10000), "commit_transaction failed");
    producer->poll(0);
    CHECK(delivered.ok == 5);  // aborted messages were delivered to the log, then aborted

    auto committed = read_values(*broker, "read_committed", 3, 10000);
    std::vector<std::string> kept;
    size_t aborted_seen = 0;
    for (const auto& v : committed) {
        if (v.rfind("kept-", 0) == 0) kept.push_back(v);
        else ++aborted_seen;
    }
    CHECK(kept == std::vector<std::string>{"kept-1", "kept-2", "kept-3"});
    // librdkafka 2.0.2's mock cluster sends no aborted-transaction list in fetch responses, so
    // read_committed readers of the embedded broker still see aborted messages (a real Kafka hides
    // them). Reported, not failed: the test must stay true on both.
    WARN_MESSAGE(aborted_seen == 0, "embedded broker limit: read_committed reader saw " << aborted_seen
                                                                                         << " aborted messages");
    auto everything = read_values(*broker, "read_uncommitted", 5, 10000);
    CHECK(everything.size() == 5);  // the aborted pair is in the log, just not committed
}

TEST_CASE("consume-transform-produce: offsets go into the transaction") {
    auto broker = start_broker(1, {{"alerts", 1}, {"news", 1}});
    Delivered input;
    auto feeder = make_producer(broker->bootstrap(), input);
    for (int i = 0; i < 3; ++i) REQUIRE(!feeder->produce(OutgoingMessage{"news", "k", "event", {}, 0}));
    REQUIRE(drain(*feeder, 10000));

    std::string error;
    auto consumer = Consumer::create({broker->bootstrap(), "txn-group", fast_group({{"enable.auto.commit", "false"}})},
                                     {}, error);
    REQUIRE_MESSAGE(consumer, error);
    REQUIRE(consumer->subscribe({"news"}, error));
    std::vector<Message> got;
    REQUIRE(poll_until([&] { consumer->consume_batch(got, 10, 100); }, [&] { return got.size() == 3; }, 15000));

    Delivered delivered;
    auto producer = make_producer(broker->bootstrap(), delivered, {}, "herald-test-ctp");
    REQUIRE_MESSAGE(!producer->init_transactions(10000), "init_transactions failed");
    REQUIRE_MESSAGE(!producer->begin_transaction(), "begin_transaction failed");
    for (const auto& m : got) REQUIRE(!producer->produce(OutgoingMessage{"alerts", m.key(), "alert", {}, 0}));
    REQUIRE_MESSAGE(!producer->send_offsets_to_transaction(*consumer, {{"news", 0, 3}}, 10000), "send_offsets_to_transaction failed");
    REQUIRE_MESSAGE(!producer->commit_transaction(10000), "commit_transaction failed");
    CHECK(read_values(*broker, "read_committed", 3, 10000).size() == 3);
    // The mock cluster accepts TxnOffsetCommit but does not store it (see docs/kafka.md), so the
    // group's committed offset cannot be checked here; a real Kafka shows 3.
}

TEST_CASE("a commit refused by the broker leaves a transaction that can be aborted") {
    auto broker = start_broker(1, {{"alerts", 1}});
    Delivered delivered;
    auto producer = make_producer(broker->bootstrap(), delivered, {}, "herald-test-fail");
    REQUIRE_MESSAGE(!producer->init_transactions(10000), "init_transactions failed");
    REQUIRE_MESSAGE(!producer->begin_transaction(), "begin_transaction failed");
    // Every produce request fails with a non-retriable error: the transaction must be aborted.
    broker->push_request_errors(0, std::vector<int>(20, RD_KAFKA_RESP_ERR_INVALID_RECORD));
    REQUIRE(!producer->produce(OutgoingMessage{"alerts", "k", "doomed", {}, 0}));
    const Error failed = producer->commit_transaction(10000);
    CHECK(failed.txn_requires_abort());
    CHECK_FALSE(failed.retriable());
    CHECK(failed.message().rfind("kafka producer: commit_transaction: ", 0) == 0);
    broker->clear_request_errors(0);
    REQUIRE_MESSAGE(!producer->abort_transaction(10000), "abort_transaction failed");
    producer->poll(0);
    CHECK(delivered.failed == 1);
    CHECK(read_values(*broker, "read_committed", 0, 1000).empty());
}
