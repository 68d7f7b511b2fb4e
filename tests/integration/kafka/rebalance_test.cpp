// Two members of one group split the partitions. A rebalance calls on_revoking (where the app
// stores its finished work) before the partitions move; the Consumer commits that work, so the
// new owner's on_assigned starts exactly there. Checked for the eager and the cooperative protocol.
#include <map>
#include <set>
#include <thread>

#include "kafka_test_support.hpp"

using namespace herald::kafka;
using namespace herald::kafka::testing;

namespace {

constexpr int kPartitions = 4;
constexpr int kPerPartition = 5;

struct Event {
    int member;
    std::string what;  // "assigned" or "revoking"
    std::vector<TopicPartition> tps;
};

struct Member {
    int id = 0;
    std::set<int32_t> owned;
    std::map<int32_t, int64_t> next_offset;  // processed work per partition
    std::vector<Message> inbox;
    std::vector<std::pair<int32_t, int64_t>> seen;  // every message received
    // Last: destroyed first, because closing it still runs the callbacks that use the fields above.
    std::unique_ptr<Consumer> consumer;
    ~Member() {
        inbox.clear();
        if (consumer) consumer->close();  // callbacks still see a live consumer
    }
};

struct Group {
    std::vector<Event> log;
    std::vector<std::string> errors;

    std::unique_ptr<Member> join(int id, const std::string& brokers, const std::string& assignor) {
        auto member = std::make_unique<Member>();
        member->id = id;
        Member* m = member.get();
        Consumer::Callbacks cb;
        cb.on_assigned = [this, m](const std::vector<TopicPartition>& tps) {
            log.push_back({m->id, "assigned", tps});
            for (const auto& tp : tps) m->owned.insert(tp.partition);
        };
        cb.on_revoking = [this, m](const std::vector<TopicPartition>& tps) {
            log.push_back({m->id, "revoking", tps});
            // Finish work for the partitions going away: store how far we got.
            for (const auto& tp : tps) {
                auto done = m->next_offset.find(tp.partition);
                if (done != m->next_offset.end()) {
                    int err = m->consumer->store_offset(tp.topic, tp.partition, done->second);
                    if (err) errors.push_back("store_offset in on_revoking failed: " + std::to_string(err));
                }
                m->owned.erase(tp.partition);
            }
        };
        cb.on_error = [this](int, const std::string& why, bool) { errors.push_back(why); };
        std::string error;
        member->consumer = Consumer::create(
            {brokers, "rebalancers", fast_group({{"partition.assignment.strategy", assignor}})}, cb, error);
        REQUIRE_MESSAGE(member->consumer, error);
        REQUIRE_MESSAGE(member->consumer->subscribe({"news"}, error), error);
        return member;
    }
};

// Processes (without storing) up to `limit` messages per partition.
void process(Member& m, int64_t limit) {
    m.inbox.clear();
    m.consumer->consume_batch(m.inbox, 100, 50);
    for (const auto& msg : m.inbox) {
        m.seen.emplace_back(msg.partition(), msg.offset());
        if (msg.offset() < limit) m.next_offset[msg.partition()] = msg.offset() + 1;
    }
}

void run(const std::string& assignor, const char* expected_protocol) {
    auto broker = start_broker(1, {{"news", kPartitions}});
    Delivered delivered;
    auto producer = make_producer(broker->bootstrap(), delivered);
    for (int p = 0; p < kPartitions; ++p)
        for (int i = 0; i < kPerPartition; ++i) REQUIRE(!producer->produce(OutgoingMessage{"news", "k", "v", {}, p}));
    REQUIRE(drain(*producer, 10000));

    Group group;
    auto first = group.join(1, broker->bootstrap(), assignor);
    // The first member takes everything and processes 3 messages of each partition.
    REQUIRE(poll_until([&] { process(*first, 3); },
                       [&] {
                           if (first->owned.size() != kPartitions) return false;
                           for (int p = 0; p < kPartitions; ++p)
                               if (first->next_offset[p] != 3) return false;
                           return true;
                       },
                       15000));
    CHECK(first->consumer->rebalance_protocol() == expected_protocol);
    // An earlier commit point (2), so a refused commit on revoke shows as a restart from 2.
    for (int p = 0; p < kPartitions; ++p) CHECK(first->consumer->store_offset("news", p, 2) == 0);
    std::string error;
    REQUIRE_MESSAGE(first->consumer->commit_sync(error), error);
    const size_t before = group.log.size();

    auto second = group.join(2, broker->bootstrap(), assignor);
    REQUIRE(poll_until([&] { process(*first, 3); process(*second, 0); },
                       [&] { return first->owned.size() == 2 && second->owned.size() == 2; }, 20000));

    // Member 1 revoked before member 2 got anything. Member 2 starts where member 1's work was
    // committed on revoke (3) -- unless the broker refused that commit: the mock cluster refuses
    // commits while a join is in progress (eager protocol; real Kafka accepts them), and then
    // member 2 starts at the previous commit (2) and redoes work, never skips it.
    bool commit_refused = false;
    for (const auto& e : group.errors) commit_refused = commit_refused || e.find("commit on revoke") != std::string::npos;
    const int64_t expected_start = commit_refused ? 2 : 3;
    int revoked_at = -1, assigned_at = -1;
    for (size_t i = before; i < group.log.size(); ++i) {
        const Event& e = group.log[i];
        if (e.member == 1 && e.what == "revoking" && revoked_at < 0) revoked_at = static_cast<int>(i);
        if (e.member == 2 && e.what == "assigned" && !e.tps.empty() && assigned_at < 0) {
            assigned_at = static_cast<int>(i);
            for (const auto& tp : e.tps) CHECK(tp.offset == expected_start);
        }
    }
    REQUIRE(revoked_at >= 0);
    REQUIRE(assigned_at > revoked_at);
    std::set<int32_t> all(first->owned);
    all.insert(second->owned.begin(), second->owned.end());
    CHECK(all.size() == kPartitions);
    const size_t expected_messages = static_cast<size_t>(2 * (kPerPartition - expected_start));
    REQUIRE(poll_until([&] { process(*second, 0); process(*first, 3); },
                       [&] { return second->seen.size() >= expected_messages; }, 10000));
    CHECK(second->seen.size() == expected_messages);
    for (const auto& [partition, offset] : second->seen) CHECK(offset >= expected_start);

    // Member 2 leaves: its partitions go back to member 1 after on_revoking on member 2.
    second->consumer->close();
    REQUIRE(poll_until([&] { process(*first, 3); }, [&] { return first->owned.size() == kPartitions; }, 20000));
    CHECK(group.log.back().member == 1);
    CHECK(group.log.back().what == "assigned");
    for (const auto& e : group.errors) {
        MESSAGE(e);
        CHECK(e.find("Group rebalance in progress") != std::string::npos);  // the only tolerated error
    }
    // The mock cluster refuses a commit during a join under either protocol, depending on timing
    // (seen in CI under load for cooperative too); what must hold either way is checked above:
    // member 2 resumes at the last accepted commit and nothing is skipped.
    if (commit_refused) MESSAGE(std::string(expected_protocol) << ": the embedded broker refused the commit on revoke this time");
}

}  // namespace

TEST_CASE("eager rebalance: revoke all, commit, reassign") { run("range", "EAGER"); }

TEST_CASE("cooperative rebalance: revoke only what moves, commit, incremental assign") {
    run("cooperative-sticky", "COOPERATIVE");
}

// A member that stops polling past max.poll.interval.ms is out of the group: its partitions may
// already be someone else's, so the Consumer reports them through on_lost (drop the work), not
// on_revoking (finish and commit it), and the member rejoins afterwards.
TEST_CASE("a member that stops polling loses its partitions through on_lost") {
    auto broker = start_broker(1, {{"news", 2}});
    int assigned = 0, revoking = 0, lost = 0;
    std::vector<std::string> errors;
    Consumer::Callbacks cb;
    cb.on_assigned = [&](const std::vector<TopicPartition>& tps) { assigned += !tps.empty(); };
    cb.on_revoking = [&](const std::vector<TopicPartition>&) { ++revoking; };
    cb.on_lost = [&](const std::vector<TopicPartition>& tps) { lost += static_cast<int>(tps.size()); };
    cb.on_error = [&](int, const std::string& why, bool) { errors.push_back(why); };
    std::string error;
    auto consumer = Consumer::create({broker->bootstrap(), "stallers",
                                      fast_group({{"max.poll.interval.ms", "3000"}})},
                                     cb, error);
    REQUIRE_MESSAGE(consumer, error);
    REQUIRE_MESSAGE(consumer->subscribe({"news"}, error), error);
    std::vector<Message> inbox;
    bool joined = poll_until([&] { consumer->consume_batch(inbox, 10, 50); }, [&] { return assigned == 1; }, 15000);
    for (const auto& e : errors) MESSAGE(e);
    REQUIRE(joined);

    // The stall itself is the condition under test: no poll for longer than max.poll.interval.ms.
    auto stalled_until = std::chrono::steady_clock::now() + std::chrono::milliseconds(4500);
    while (std::chrono::steady_clock::now() < stalled_until) std::this_thread::sleep_for(std::chrono::milliseconds(50));

    REQUIRE(poll_until([&] { consumer->consume_batch(inbox, 10, 50); }, [&] { return lost == 2 && assigned == 2; },
                       20000));
    CHECK(revoking == 0);
    consumer->close();
}
