// herald::kafka without a broker: configuration errors are one clear line, and a producer whose
// broker never answers reports every message back with its opaque.
#include <doctest/doctest.h>
#include <librdkafka/rdkafka.h>

#include <chrono>
#include <mutex>
#include <string>
#include <vector>

#include "herald/core/log.hpp"
#include "herald/kafka/kafka.hpp"

using namespace herald::kafka;

namespace {
// Nothing listens on port 1 of loopback: clients start but never connect.
const std::string kNowhere = "127.0.0.1:1";
}  // namespace

TEST_CASE("an unknown property names itself in a one-line error") {
    std::string error;
    auto consumer = Consumer::create({kNowhere, "g", {{"no.such.property", "1"}}}, {}, error);
    CHECK_FALSE(consumer);
    CHECK(error.find("no.such.property") != std::string::npos);
    CHECK(error.find("consumer") != std::string::npos);
    CHECK(error.find('\n') == std::string::npos);

    error.clear();
    auto producer = Producer::create({kNowhere, {{"linger.ms", "not-a-number"}}, ""}, {}, error);
    CHECK_FALSE(producer);
    CHECK(error.find("linger.ms=not-a-number") != std::string::npos);

    error.clear();
    auto reader = Reader::create(kNowhere, {{"bogus", "x"}}, error);
    CHECK_FALSE(reader);
    CHECK(error.find("bogus") != std::string::npos);
}

TEST_CASE("missing brokers or group are refused before librdkafka is involved") {
    std::string error;
    CHECK_FALSE(Consumer::create({"", "g", {}}, {}, error));
    CHECK(error.find("brokers") != std::string::npos);
    CHECK_FALSE(Consumer::create({kNowhere, "", {}}, {}, error));
    CHECK(error.find("group") != std::string::npos);
    CHECK_FALSE(Producer::create({"", {}, ""}, {}, error));
    CHECK(error.find("brokers") != std::string::npos);
    CHECK_FALSE(Reader::create("", {}, error));
    CHECK_FALSE(EmbeddedBroker::create(0, error));
    CHECK(error.find("at least 1") != std::string::npos);
}

TEST_CASE("user properties override herald defaults") {
    // Idempotence needs acks=all: overriding acks without turning idempotence off is refused by
    // librdkafka at creation, which proves the override reached it.
    std::string error;
    auto conflicting = Producer::create({kNowhere, {{"acks", "1"}}, ""}, {}, error);
    CHECK_FALSE(conflicting);
    CHECK(error.find("acks") != std::string::npos);
    error.clear();
    auto relaxed = Producer::create({kNowhere, {{"enable.idempotence", "false"}, {"acks", "1"}}, ""}, {}, error);
    CHECK_MESSAGE(relaxed, error);
}

TEST_CASE("undeliverable messages come back through the delivery callback with their opaque") {
    std::vector<void*> opaques;
    std::vector<Error> errors;
    std::string error;
    auto producer = Producer::create(
        {kNowhere, {{"message.timeout.ms", "200"}, {"log_level", "0"}}, ""},
        [&](void* opaque, const Error& err, int32_t, int64_t) {
            opaques.push_back(opaque);
            errors.push_back(err);
        },
        error);
    REQUIRE_MESSAGE(producer, error);
    int a = 0, b = 0;
    const Header h{"k", "v"};
    REQUIRE(!producer->produce(OutgoingMessage{"news", "key", "one", {&h, 1}, -1, 0, &a}));
    REQUIRE(!producer->produce(OutgoingMessage{"news", {}, {}, {}, 0, 0, &b}));
    CHECK(producer->queue_length() >= 2);  // messages plus pending requests and events
    CHECK_FALSE(producer->flush(0));
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (opaques.size() < 2 && std::chrono::steady_clock::now() < deadline) producer->poll(50);
    REQUIRE(opaques.size() == 2);
    CHECK(opaques[0] == &a);
    CHECK(opaques[1] == &b);
    // The report is a kafka::Error: its code, its flags and librdkafka's name for it.
    for (const Error& e : errors) {
        CHECK(e);
        CHECK(e.code() == RD_KAFKA_RESP_ERR__MSG_TIMED_OUT);
        CHECK(e.message() == "Local: Message timed out");
        CHECK_FALSE(e.retriable());
        CHECK_FALSE(e.fatal());
        CHECK_FALSE(e.purged());
        CHECK_FALSE(e.refuses_one_message());
    }
    CHECK(producer->queue_length() == 0);
    CHECK_FALSE(producer->fatal_error());
}

TEST_CASE("a full queue: fail returns at once, poll serves delivery reports until the message fits") {
    std::vector<void*> opaques;
    std::vector<int> errors;
    std::string error;
    auto producer = Producer::create(
        {kNowhere, {{"message.timeout.ms", "300"}, {"queue.buffering.max.messages", "1"}, {"log_level", "0"}}, ""},
        [&](void* opaque, const Error& err, int32_t, int64_t) {
            opaques.push_back(opaque);
            errors.push_back(err.code());
        },
        error);
    REQUIRE_MESSAGE(producer, error);
    int a = 0, b = 0;
    REQUIRE(!producer->produce(OutgoingMessage{"news", "k", "first", {}, 0, 0, &a}));
    const OutgoingMessage second{"news", "k", "second", {}, 0, 0, &b};
    const Error full = producer->produce(second, WhenFull::fail);
    CHECK(full.queue_full());
    CHECK(full.retriable());
    CHECK_FALSE(full.refuses_one_message());
    CHECK(opaques.empty());
    // Nothing acknowledges the first message (no broker): it fails after message.timeout.ms and
    // its report, served by the blocking produce, makes room for the second.
    const auto t0 = std::chrono::steady_clock::now();
    CHECK_FALSE(producer->produce(second, WhenFull::poll));
    CHECK(std::chrono::steady_clock::now() - t0 >= std::chrono::milliseconds(200));
    REQUIRE(opaques.size() == 1);
    CHECK(opaques[0] == &a);
    CHECK(errors[0] == RD_KAFKA_RESP_ERR__MSG_TIMED_OUT);
    CHECK(producer->discard_outstanding(5000));
    REQUIRE(opaques.size() == 2);
    CHECK(Error(errors[1]).purged());  // discarded: its report says purged, not failed
}

TEST_CASE("kafka::Error: flags from a bare code, and the messages") {
    CHECK_FALSE(Error());
    CHECK(Error().message() == "Success");
    const Error too_large(RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE);
    CHECK(too_large);
    CHECK(too_large.refuses_one_message());
    CHECK_FALSE(too_large.retriable());
    CHECK(Error(RD_KAFKA_RESP_ERR__PURGE_QUEUE).purged());
    CHECK(Error(RD_KAFKA_RESP_ERR__PURGE_INFLIGHT).purged());
    CHECK_FALSE(Error(RD_KAFKA_RESP_ERR__MSG_TIMED_OUT).purged());
    CHECK(Error(RD_KAFKA_RESP_ERR__FATAL).fatal());
    CHECK(Error(RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED).refuses_topic());
    CHECK(Error(RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC).refuses_topic());
    CHECK_FALSE(Error(RD_KAFKA_RESP_ERR__MSG_TIMED_OUT).refuses_topic());
    CHECK_FALSE(too_large.refuses_topic());
    const Error own(RD_KAFKA_RESP_ERR__STATE, {false, false, true}, "kafka producer: no group");
    CHECK(own.txn_requires_abort());
    CHECK(own.message() == "kafka producer: no group");
}

TEST_CASE("transactions on a non-transactional producer are refused with a reason") {
    std::string error;
    auto producer = Producer::create({kNowhere, {{"log_level", "0"}}, ""}, {}, error);
    REQUIRE(producer);
    const Error e = producer->begin_transaction();
    CHECK(e);
    CHECK(e.message().rfind("kafka producer: begin_transaction: ", 0) == 0);
}

TEST_CASE("config errors never print a value that may be a secret (issue 20 item 13)") {
    std::string error;
    // A misspelt property is unknown to librdkafka: it may be a secret, its value is not printed.
    auto consumer = Consumer::create({kNowhere, "g", {{"sasl.pasword", "hunter2-secret"}}}, {}, error);
    CHECK_FALSE(consumer);
    CHECK(error.find("sasl.pasword") != std::string::npos);
    CHECK(error.find("hunter2") == std::string::npos);
    CHECK(error.find("value hidden") != std::string::npos);

    // A known property whose name says it may hold a secret: hidden too, also in librdkafka's text.
    error.clear();
    auto producer = Producer::create({kNowhere, {{"sasl.oauthbearer.method", "hunter2-secret"}}, ""}, {}, error);
    CHECK_FALSE(producer);
    CHECK(error.find("sasl.oauthbearer.method") != std::string::npos);
    CHECK(error.find("hunter2") == std::string::npos);

    error.clear();
    auto reader = Reader::create(kNowhere, {{"ssl_key_passwd_typo", "hunter2-secret"}}, error);
    CHECK_FALSE(reader);
    CHECK(error.find("hunter2") == std::string::npos);
}

TEST_CASE("librdkafka's own log lines go through herald's logger (component kafka, with the facility)") {
    namespace log = herald::core::log;
    std::mutex mutex;
    std::vector<std::string> lines;
    log::configure(log::Level::info, log::Format::json);
    log::set_sink([&](std::string_view line) {  // librdkafka's threads
        std::lock_guard<std::mutex> lock(mutex);
        lines.emplace_back(line);
    });
    std::string error;
    {
        auto producer = Producer::create({kNowhere, {{"message.timeout.ms", "200"}}, ""}, {}, error);
        REQUIRE_MESSAGE(producer, error);
        REQUIRE(!producer->produce(OutgoingMessage{"news", "k", "v", {}, 0, 0, nullptr}));
        // The refused connection is logged (FAIL) by librdkafka's broker thread.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        auto seen = [&] {
            std::lock_guard<std::mutex> lock(mutex);
            for (const auto& l : lines)
                if (l.find(R"("component":"kafka")") != std::string::npos &&
                    l.find(R"("fields":{"facility":"FAIL"})") != std::string::npos)
                    return true;
            return false;
        };
        while (!seen() && std::chrono::steady_clock::now() < deadline) producer->poll(50);
        CHECK(seen());
        producer->discard_outstanding(2000);
    }
    log::set_sink({});
    log::configure(log::Level::info, log::Format::text);
    for (const auto& l : lines) {
        CHECK(l.rfind(R"({"ts":")", 0) == 0);
        CHECK(l.find('\n') == l.size() - 1);
    }
}
