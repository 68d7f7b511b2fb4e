#pragma once
// Shared helpers for the herald::kafka integration tests: an embedded broker per test, client
// settings that make group changes settle in seconds, and waiting on conditions with deadlines
// (never fixed sleeps).
#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "herald/kafka/kafka.hpp"

namespace herald::kafka::testing {

using Clock = std::chrono::steady_clock;

inline Clock::time_point deadline_in(int ms) { return Clock::now() + std::chrono::milliseconds(ms); }

// A broker with the given topics (name, partitions) already created.
inline std::unique_ptr<EmbeddedBroker> start_broker(int brokers,
                                                    const std::vector<std::pair<std::string, int>>& topics) {
    std::string error;
    auto broker = EmbeddedBroker::create(brokers, error);
    REQUIRE_MESSAGE(broker, error);
    for (const auto& [name, partitions] : topics) REQUIRE_MESSAGE(broker->create_topic(name, partitions, error), error);
    return broker;
}

// Fast group membership for tests: the mock cluster waits (session.timeout.ms - 1 s) for members
// to rejoin once a group has had members, and 3 s for a group's first join; keep sessions short.
inline Properties fast_group(Properties more = {}) {
    Properties p{{"session.timeout.ms", "2500"},
                 {"heartbeat.interval.ms", "250"},
                 {"max.poll.interval.ms", "10000"},
                 {"fetch.wait.max.ms", "50"},
                 {"log_level", "3"}};
    p.insert(p.end(), more.begin(), more.end());
    return p;
}

inline Properties quiet(Properties more = {}) {
    Properties p{{"log_level", "3"}};
    p.insert(p.end(), more.begin(), more.end());
    return p;
}

// Produces and waits for every delivery report; returns how many succeeded.
struct Delivered {
    int ok = 0;
    int failed = 0;
    std::vector<void*> opaques;
    std::vector<std::pair<int32_t, int64_t>> positions;  // partition, offset of successes
};

inline std::unique_ptr<Producer> make_producer(const std::string& brokers, Delivered& sink, Properties extra = {},
                                               std::string transactional_id = {}) {
    std::string error;
    auto producer = Producer::create(
        {brokers, quiet(std::move(extra)), std::move(transactional_id)},
        [&sink](void* opaque, const Error& err, int32_t partition, int64_t offset) {
            sink.opaques.push_back(opaque);
            if (err) {
                ++sink.failed;
            } else {
                ++sink.ok;
                sink.positions.emplace_back(partition, offset);
            }
        },
        error);
    REQUIRE_MESSAGE(producer, error);
    return producer;
}

// Flushes until every message has a delivery report or the deadline passes.
inline bool drain(Producer& producer, int timeout_ms) {
    auto until = deadline_in(timeout_ms);
    while (Clock::now() < until) {
        if (producer.flush(100)) return true;
    }
    return producer.queue_length() == 0;
}

// Polls `consume` (a lambda filling a batch) until `done()` or the deadline.
template <class Consume, class Done>
bool poll_until(Consume&& consume, Done&& done, int timeout_ms) {
    auto until = deadline_in(timeout_ms);
    while (!done()) {
        if (Clock::now() >= until) return false;
        consume();
    }
    return true;
}

}  // namespace herald::kafka::testing
