// Rule-state rebuild on assignment re-reads [first offset with timestamp >= ts(committed-1) - span,
// committed). The embedded broker has no time index, so this also covers the backward search.
#include <chrono>
#include <set>

#include "herald/app/pipeline/state_rebuild.hpp"
#include "kafka_test_support.hpp"

using namespace herald::kafka;
using namespace herald::kafka::testing;

namespace {
constexpr int64_t kMinute = 60'000;
constexpr int64_t kBase = 1'790'000'000'000;  // 2026-09 in ms

// 2,000 messages on partition 0, one per minute of event time (message timestamp).
std::unique_ptr<EmbeddedBroker> broker_with_history() {
    auto broker = start_broker(1, {{"news", 2}});
    Delivered delivered;
    auto producer = make_producer(broker->bootstrap(), delivered);
    for (int i = 0; i < 2000; ++i)
        REQUIRE(!producer->produce(OutgoingMessage{"news", "AMZN", std::to_string(i), {}, 0, kBase + i * kMinute}));
    REQUIRE(drain(*producer, 20000));
    REQUIRE(delivered.ok == 2000);
    return broker;
}

herald::app::StateRebuildOptions options(const EmbeddedBroker& broker, int64_t committed, int64_t span_ms) {
    herald::app::StateRebuildOptions o;
    o.brokers = broker.bootstrap();
    o.properties = quiet();
    o.topic = "news";
    o.partition = 0;
    o.committed = committed;
    o.span_ms = span_ms;
    o.timeout_ms = 30000;
    return o;
}
}  // namespace

TEST_CASE("rebuild re-reads exactly the span before the committed offset, in order") {
    auto broker = broker_with_history();
    std::vector<int64_t> seen;
    herald::app::StateRebuildReport report;
    std::string error;
    // committed 1500: the last seen event is offset 1499 at minute 1499; a 6 h span reaches minute 1139.
    bool ok = herald::app::rebuild_partition_state(
        options(*broker, 1500, 6 * 60 * kMinute),
        [&](const Message& m) {
            seen.push_back(m.offset());
            return true;
        },
        report, error);
    REQUIRE_MESSAGE(ok, error);
    // The backward search lands on a probe at or before minute 1139 (a power-of-two step back).
    REQUIRE(!seen.empty());
    CHECK(seen.front() <= 1139);
    CHECK(seen.front() >= 1500 - 1024);  // not the whole partition: the search stopped at the first probe before
    CHECK(seen.back() == 1499);
    for (size_t i = 1; i < seen.size(); ++i) CHECK(seen[i] == seen[i - 1] + 1);
    CHECK(report.from == seen.front());
    CHECK(report.events == static_cast<int64_t>(seen.size()));
    CHECK_FALSE(report.capped);
}

TEST_CASE("rebuild is capped by max_events, stops when asked, and does nothing without history") {
    auto broker = broker_with_history();
    std::string error;
    herald::app::StateRebuildReport report;
    auto o = options(*broker, 2000, 1000 * 60 * kMinute);  // the span covers everything
    o.max_events = 300;
    int n = 0;
    REQUIRE(herald::app::rebuild_partition_state(o, [&](const Message&) { return ++n > 0; }, report, error));
    CHECK(n == 300);
    CHECK(report.from == 1700);
    CHECK(report.capped);

    n = 0;  // the callback stops it (the partition is being revoked)
    REQUIRE(herald::app::rebuild_partition_state(options(*broker, 2000, 1000 * 60 * kMinute),
                                                 [&](const Message&) { return ++n < 10; }, report, error));
    CHECK(n == 10);

    n = 0;
    REQUIRE(herald::app::rebuild_partition_state(options(*broker, 0, 6 * 60 * kMinute),
                                                 [&](const Message&) { return ++n > 0; }, report, error));
    CHECK(n == 0);  // committed at the start: nothing happened before it
    REQUIRE(herald::app::rebuild_partition_state(options(*broker, 1500, 0), [&](const Message&) { return ++n > 0; },
                                                 report, error));
    CHECK(n == 0);  // rules without windows, cooldowns or holds need no history
}

TEST_CASE("a cancel ends the rebuild between broker queries, even with every broker down") {
    // Before the cancel predicate, a stop could wait for the rebuild's whole timeout (60 s in
    // herald run) when the brokers were unreachable.
    auto broker = broker_with_history();
    REQUIRE(broker->set_broker_down(1, true));
    auto o = options(*broker, 1500, 6 * 60 * kMinute);
    o.timeout_ms = 60000;
    const auto start = std::chrono::steady_clock::now();
    o.cancelled = [&] { return std::chrono::steady_clock::now() - start > std::chrono::milliseconds(300); };
    herald::app::StateRebuildReport report;
    std::string error;
    int n = 0;
    CHECK_FALSE(herald::app::rebuild_partition_state(o, [&](const Message&) { return ++n > 0; }, report, error));
    const auto took = std::chrono::steady_clock::now() - start;
    CHECK(error == "cancelled");
    CHECK(n == 0);
    // One broker query (at most 5 s) can be in flight when the cancel comes.
    CHECK(took < std::chrono::seconds(12));

    // Brokers back: the same options without a cancel read the history again.
    REQUIRE(broker->set_broker_down(1, false));
    o.cancelled = nullptr;
    REQUIRE_MESSAGE(herald::app::rebuild_partition_state(o, [&](const Message&) { return ++n > 0; }, report, error),
                    error);
    CHECK(n > 0);
}
