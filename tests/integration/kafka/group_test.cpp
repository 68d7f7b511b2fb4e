// Consumer-group offsets on the embedded broker: only stored offsets are committed, a new
// member resumes from the committed offset, and on_assigned reports where each partition resumes.
#include <librdkafka/rdkafka.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "kafka_test_support.hpp"

using namespace herald::kafka;
using namespace herald::kafka::testing;

namespace {

void produce_n(EmbeddedBroker& broker, const std::string& topic, int32_t partition, int n) {
    Delivered delivered;
    auto producer = make_producer(broker.bootstrap(), delivered);
    for (int i = 0; i < n; ++i) {
        std::string value = "event-" + std::to_string(i);
        REQUIRE(!producer->produce(OutgoingMessage{topic, "k", value, {}, partition}));
    }
    REQUIRE(drain(*producer, 10000));
    producer->poll(0);
    REQUIRE(delivered.ok == n);
}

struct Member {
    std::vector<std::vector<TopicPartition>> assigned;
    std::vector<std::vector<TopicPartition>> revoking;
    std::vector<std::string> errors;
    // Last: destroyed first, because closing it can still run the callbacks that fill the fields
    // above (declared first, it pushed into already destroyed vectors: LeakSanitizer in CI).
    std::unique_ptr<Consumer> consumer;
};

// exit_after_close: see Consumer::Options (a member that may be destroyed before its first assignment).
std::unique_ptr<Member> join(EmbeddedBroker& broker, const std::string& group, const std::string& topic,
                             Properties extra = {}, bool exit_after_close = false) {
    auto member = std::make_unique<Member>();
    Consumer::Callbacks cb;
    Member* m = member.get();
    cb.on_assigned = [m](const std::vector<TopicPartition>& tps) { m->assigned.push_back(tps); };
    cb.on_revoking = [m](const std::vector<TopicPartition>& tps) { m->revoking.push_back(tps); };
    cb.on_error = [m](int, const std::string& why, bool) { m->errors.push_back(why); };
    std::string error;
    Consumer::Options options{broker.bootstrap(), group, fast_group(std::move(extra))};
    options.exit_after_close = exit_after_close;
    member->consumer = Consumer::create(options, cb, error);
    REQUIRE_MESSAGE(member->consumer, error);
    REQUIRE_MESSAGE(member->consumer->subscribe({topic}, error), error);
    return member;
}

// Waits, without serving anything, until the member's queue holds an event (with nothing
// produced meanwhile, a rebalance).
bool wait_for_queued_event(Consumer& c, int timeout_ms) {
    auto until = deadline_in(timeout_ms);
    while (c.queued() == 0 && Clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return c.queued() > 0;
}

std::vector<Message> consume(Consumer& c, size_t n, int timeout_ms) {
    std::vector<Message> got;
    poll_until([&] { c.consume_batch(got, n - got.size(), 100); }, [&] { return got.size() >= n; }, timeout_ms);
    return got;
}

// librdkafka answers committed() only once a joining member is in the group, so allow for a join.
int64_t committed_offset(Consumer& c, const std::string& topic, int32_t partition) {
    std::vector<TopicPartition> tps{{topic, partition}};
    std::string error;
    REQUIRE_MESSAGE(c.committed(tps, 10000, error), error);
    return tps[0].offset;
}

}  // namespace

TEST_CASE("a second member resumes from the committed offset, and only stored offsets are committed") {
    auto broker = start_broker(1, {{"news", 1}});
    produce_n(*broker, "news", 0, 20);

    {
        auto first = join(*broker, "g1", "news");
        auto got = consume(*first->consumer, 10, 15000);
        REQUIRE(got.size() == 10);
        CHECK(got[0].offset() == 0);
        REQUIRE(first->assigned.size() == 1);
        CHECK(first->assigned[0][0].offset == kOffsetInvalid);  // nothing committed yet

        // Nothing stored: committing is a successful no-op and the group has no offset.
        std::string error;
        CHECK(first->consumer->commit_sync(error));
        CHECK(committed_offset(*first->consumer, "news", 0) == kOffsetInvalid);

        // Work finished for offsets 0..6 only: store 7, although 10 were fetched.
        CHECK(first->consumer->store_offset("news", 0, 7) == 0);
        REQUIRE_MESSAGE(first->consumer->commit_sync(error), error);
        CHECK(committed_offset(*first->consumer, "news", 0) == 7);
        // The unsubscribed (regex/unknown topic) path reports the partition as not assigned.
        CHECK(first->consumer->store_offset("other", 0, 3) != 0);
        first->consumer->close();
        CHECK(first->consumer->closed());
        CHECK(first->errors.empty());
    }

    auto second = join(*broker, "g1", "news");
    auto got = consume(*second->consumer, 1, 15000);
    REQUIRE(got.size() == 1);
    CHECK(got[0].offset() == 7);
    REQUIRE(second->assigned.size() == 1);
    REQUIRE(second->assigned[0].size() == 1);
    CHECK(second->assigned[0][0].offset == 7);  // on_assigned carries the committed offset
}

TEST_CASE("auto-commit sends stored offsets; close commits what was stored last") {
    auto broker = start_broker(1, {{"news", 2}});
    produce_n(*broker, "news", 0, 5);
    produce_n(*broker, "news", 1, 5);

    auto member = join(*broker, "g2", "news", {{"auto.commit.interval.ms", "200"}});
    auto got = consume(*member->consumer, 10, 15000);
    REQUIRE(got.size() == 10);
    for (const auto& m : got)
        if (m.partition() == 0 && m.offset() == 2) CHECK(member->consumer->store_offset(m.topic(), 0, 3) == 0);
    // The auto-commit timer (200 ms here) commits the stored offset; wait for it with a deadline.
    std::vector<Message> more;
    REQUIRE(poll_until([&] { member->consumer->consume_batch(more, 10, 50); },
                       [&] { return committed_offset(*member->consumer, "news", 0) == 3; }, 10000));
    CHECK(committed_offset(*member->consumer, "news", 1) == kOffsetInvalid);  // nothing stored there

    member->consumer->store_offset("news", 1, 5);
    member->consumer->close();  // revoke → commit stored offsets synchronously
    auto again = join(*broker, "g2", "news");
    CHECK(committed_offset(*again->consumer, "news", 1) == 5);
    CHECK(committed_offset(*again->consumer, "news", 0) == 3);
}

TEST_CASE("pause stops a partition's delivery until resume; commit_async reports nothing on success") {
    auto broker = start_broker(1, {{"news", 2}});
    auto member = join(*broker, "g3", "news");
    // Wait for the assignment first, so the pause applies to assigned partitions.
    std::vector<Message> got;
    REQUIRE(poll_until([&] { member->consumer->consume_batch(got, 10, 100); },
                       [&] { return member->consumer->assignment().size() == 2; }, 15000));
    REQUIRE(member->consumer->pause({{"news", 0}}));
    produce_n(*broker, "news", 0, 3);
    produce_n(*broker, "news", 1, 3);
    REQUIRE(poll_until([&] { member->consumer->consume_batch(got, 10, 100); }, [&] { return got.size() >= 3; },
                       10000));
    for (const auto& m : got) CHECK(m.partition() == 1);
    REQUIRE(member->consumer->resume({{"news", 0}}));
    REQUIRE(poll_until([&] { member->consumer->consume_batch(got, 10, 100); }, [&] { return got.size() >= 6; },
                       10000));
    CHECK(got.size() == 6);
    CHECK(got.back().partition() == 0);

    member->consumer->store_offset("news", 0, 3);
    member->consumer->commit_async();
    REQUIRE(poll_until([&] { member->consumer->consume_batch(got, 10, 50); },
                       [&] { return committed_offset(*member->consumer, "news", 0) == 3; }, 10000));
    CHECK(member->errors.empty());
    std::vector<TopicPartition> pos{{"news", 1}};
    std::string error;
    REQUIRE(member->consumer->position(pos, error));
    CHECK(pos[0].offset == 3);
    int64_t low = 0, high = 0;
    REQUIRE(member->consumer->watermarks("news", 1, low, high, 5000));
    CHECK(high == 3);
    CHECK(member->consumer->rebalance_protocol() != "NONE");
    CHECK_FALSE(member->consumer->member_id().empty());
}

TEST_CASE("restart_partitions fetches a partition again from the given offset; bounded commit and close") {
    auto broker = start_broker(1, {{"news", 2}});
    auto member = join(*broker, "g4", "news", {{"partition.assignment.strategy", "cooperative-sticky"}});
    std::vector<Message> got;
    REQUIRE(poll_until([&] { member->consumer->consume_batch(got, 10, 100); },
                       [&] { return member->consumer->assignment().size() == 2; }, 15000));
    CHECK(member->consumer->rebalance_protocol() == "COOPERATIVE");
    produce_n(*broker, "news", 0, 5);
    produce_n(*broker, "news", 1, 5);
    REQUIRE(poll_until([&] { member->consumer->consume_batch(got, 20, 100); }, [&] { return got.size() >= 10; },
                       10000));

    // Partition 0 out of the assignment and back at offset 2: it delivers 2, 3, 4 again.
    std::string error;
    REQUIRE_MESSAGE(member->consumer->restart_partitions({{"news", 0, 2, 0}}, 5000, error), error);
    got.clear();
    REQUIRE(poll_until([&] { member->consumer->consume_batch(got, 20, 100); }, [&] { return got.size() >= 3; },
                       10000));
    REQUIRE(got.size() == 3);
    for (size_t i = 0; i < got.size(); ++i) {
        CHECK(got[i].partition() == 0);
        CHECK(got[i].offset() == static_cast<int64_t>(2 + i));
    }
    CHECK(member->consumer->assignment().size() == 2);
    // Partition 1 was not touched: it goes on from where it was.
    produce_n(*broker, "news", 1, 2);
    REQUIRE(poll_until([&] { member->consumer->consume_batch(got, 20, 100); }, [&] { return got.size() >= 5; },
                       10000));
    CHECK(got.back().partition() == 1);
    CHECK(got.back().offset() == 6);

    // With the broker up, the bounded commit and close finish well inside their budget.
    member->consumer->store_offset("news", 1, 7);
    REQUIRE_MESSAGE(member->consumer->commit_sync(error, 5000), error);
    auto t0 = Clock::now();
    CHECK(member->consumer->close(5000));
    CHECK(Clock::now() - t0 < std::chrono::seconds(5));
    CHECK(member->errors.empty());
}

// librdkafka 2.0.2 drops a request to the group thread made after a closing group stopped waiting
// for it, and rd_kafka_assign then waits forever: a close that served a queued assignment hung
// (the member above that never polls, under TSan, 2 runs in 70). The close now answers what is
// queued before it asks the group to let go, and tells nobody of partitions the member is giving
// up before it had them.
TEST_CASE("close answers an assignment the member never served, without reporting it") {
    for (std::string strategy : {"range", "cooperative-sticky"}) {
        CAPTURE(strategy);
        auto broker = start_broker(1, {{"news", 2}});
        auto member = join(*broker, "g5", "news", {{"partition.assignment.strategy", strategy}});
        // Nothing was produced, so the first event on the member's queue is its assignment.
        REQUIRE(wait_for_queued_event(*member->consumer, 20000));

        // Both ways to close: unbounded (as the destructor does) and bounded (as herald run does).
        const bool bounded = strategy != "range";
        auto t0 = Clock::now();
        CHECK(member->consumer->close(bounded ? 20000 : -1));
        CHECK(Clock::now() - t0 < std::chrono::seconds(20));
        CHECK(member->assigned.empty());
        for (const auto& e : member->errors) MESSAGE(e);
        CHECK(member->errors.empty());

        // The group let go: a new member gets both partitions.
        auto next = join(*broker, "g5", "news", {{"partition.assignment.strategy", strategy}});
        std::vector<Message> got;
        REQUIRE(poll_until([&] { next->consumer->consume_batch(got, 10, 100); },
                           [&] { return next->consumer->assignment().size() == 2; }, 20000));
    }
}

// A member joins while the owner is not polling (herald run's last drain): the owner's revoke is
// queued when it closes. The owner holds both partitions of "news", offsets 3 stored on each.
namespace {

struct QueuedRevoke {
    std::unique_ptr<Member> owner;
    std::unique_ptr<Member> newcomer;  // last: destroyed first
};

QueuedRevoke queue_a_revoke(EmbeddedBroker& broker, const std::string& group, Properties extra = {}) {
    produce_n(broker, "news", 0, 3);
    produce_n(broker, "news", 1, 3);
    extra.emplace_back("partition.assignment.strategy", "cooperative-sticky");
    QueuedRevoke q;
    q.owner = join(broker, group, "news", extra);
    auto got = consume(*q.owner->consumer, 6, 20000);
    REQUIRE(got.size() == 6);
    got.clear();  // messages go before their consumer
    CHECK(q.owner->consumer->store_offset("news", 0, 3) == 0);
    CHECK(q.owner->consumer->store_offset("news", 1, 3) == 0);
    // The newcomer's first assignment waits for the owner's answer, which the brokers-away case
    // below never lets the group have: destroying a cooperative-sticky member that joined but got
    // no assignment yet aborts librdkafka 2.0.2 (rd_kafka_sticky_assignor_state_destroy: Assertion
    // `assignor_state' failed; that case under TSan, 3 runs in 10). Such a member's handle is left
    // to the process exit, as herald run does with its own.
    q.newcomer = join(broker, group, "news", extra, true);
    REQUIRE(wait_for_queued_event(*q.owner->consumer, 20000));  // the owner's revoke
    return q;
}

}  // namespace

// The close answers the queued revoke first (on_revoking, commit of what was stored), then
// leaves, and the newcomer gets everything with the owner's offsets.
TEST_CASE("close answers a revoke queued while the member was not polling") {
    auto broker = start_broker(1, {{"news", 2}});
    // The mock coordinator waits session.timeout.ms - 1 s for the owner to rejoin (1.5 s with
    // fast_group()): give it 5 s, this case is about the close's answer, not its patience.
    auto q = queue_a_revoke(*broker, "g6", {{"session.timeout.ms", "6000"}});
    auto t0 = Clock::now();
    CHECK(q.owner->consumer->close(20000));
    CHECK(Clock::now() - t0 < std::chrono::seconds(20));
    CHECK_FALSE(q.owner->revoking.empty());
    for (const auto& e : q.owner->errors) MESSAGE(e);
    // The embedded coordinator may refuse the commit on revoke when the group has moved on to its
    // next round (REBALANCE_IN_PROGRESS: two CI runs under ASan in session 17, never when run
    // alone). herald then reports it, and the newcomer reads both partitions again from their
    // start: at-least-once, nothing lost. Any other error fails.
    const bool refused = !q.owner->errors.empty();
    for (const auto& e : q.owner->errors) CHECK(e.find("rebalance in progress") != std::string::npos);

    std::vector<Message> got;
    REQUIRE(poll_until([&] { q.newcomer->consumer->consume_batch(got, 10, 100); },
                       [&] { return q.newcomer->consumer->assignment().size() == 2; }, 20000));
    if (!refused) {
        CHECK(got.empty());  // both partitions resume after what the owner stored
        CHECK(committed_offset(*q.newcomer->consumer, "news", 0) == 3);
        CHECK(committed_offset(*q.newcomer->consumer, "news", 1) == 3);
    } else {
        REQUIRE(poll_until([&] { q.newcomer->consumer->consume_batch(got, got.size() < 6 ? 6 - got.size() : 0, 100); },
                           [&] { return got.size() >= 6; }, 20000));
        CHECK(got.size() == 6);
    }
}

// The same queued revoke with the brokers away: answering it (its commit cannot reach the
// coordinator) comes out of the close's budget, not on top of it.
TEST_CASE("a bounded close keeps to its budget with a revoke queued and the brokers away") {
    auto broker = start_broker(1, {{"news", 2}});
    // The connection errors while the broker is down are expected: keep them off the output.
    auto q = queue_a_revoke(*broker, "g7", {{"log_level", "0"}});
    REQUIRE(broker->set_broker_down(1, true));
    auto t0 = Clock::now();
    CHECK_FALSE(q.owner->consumer->close(1500));  // the group cannot be told: the handle is let go
    const auto took_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
    // Before, the queued revoke's commit could wait up to 10 s (the lookup bound) first: 11.5 s.
    CHECK(took_ms < 8000);
    CHECK_FALSE(q.owner->revoking.empty());
    REQUIRE(broker->set_broker_down(1, false));
}
