#include "herald/app/pipeline/partition_table.hpp"

#include <doctest/doctest.h>

#include <map>

#include "herald/kafka/types.hpp"
#include "herald/rules/rule_set.hpp"

using herald::app::PartitionProbe;
using herald::app::PartitionState;
using herald::app::PartitionTable;

namespace {

std::shared_ptr<const herald::rules::RuleSet> no_rules() {
    auto r = herald::rules::load_rules_text("rules: []\n", "empty.yaml");
    REQUIRE(r.ok());
    return r.rules;
}

// What the table passes to the offset sink, as the consumer would store it.
struct StoredOffsets {
    std::map<int32_t, int64_t> next;
    PartitionTable::OffsetSink sink() {
        return [this](int32_t p, int64_t offset) { next[p] = offset; };
    }
};

}  // namespace

TEST_CASE("partitions go to worker p % workers and the probe counts them") {
    PartitionProbe probe;
    PartitionTable table({.workers = 2, .max_inflight = 8}, probe);
    auto rules = no_rules();
    PartitionState* p0 = table.take(0, herald::kafka::kOffsetInvalid, rules, 1, 100);
    PartitionState* p3 = table.take(3, 42, rules, 1, 200);
    REQUIRE(p0);
    REQUIRE(p3);
    CHECK(p0->worker == 0);
    CHECK(p3->worker == 1);
    CHECK(p0->next_offset == -1);  // nothing committed: position unknown
    CHECK(p3->next_offset == 42);
    CHECK(p3->txn_committed == 42);
    CHECK(p3->last_message_ns == 200);
    CHECK(probe.assigned() == 2);
    CHECK(table.take(3, 50, rules, 1, 300) == nullptr);  // already owned: state kept
    CHECK(table.find(3)->next_offset == 42);
    CHECK(table.find(1) == nullptr);
    CHECK(table.find(-1) == nullptr);
    CHECK(table.count() == 2);
}

TEST_CASE("offsets are stored only past done work, never for lost partitions") {
    PartitionProbe probe;
    PartitionTable table({.workers = 1, .max_inflight = 8}, probe);
    auto rules = no_rules();
    PartitionState* ps = table.take(0, 10, rules, 1, 0);
    auto* a = ps->tracker.begin(10, -1, 0);
    auto* b = ps->tracker.begin(11, -1, 0);
    CHECK(table.in_flight() == 2);
    StoredOffsets stored;
    b->release();  // done out of order: nothing committable yet
    table.store_done(stored.sink());
    CHECK(stored.next.empty());
    CHECK(table.busy({}));
    a->release();
    table.store_done(stored.sink());
    CHECK(stored.next[0] == 12);
    CHECK(ps->stored == 12);
    CHECK_FALSE(table.busy({}));

    auto* c = ps->tracker.begin(12, -1, 0);
    ps->lost.store(true);
    c->release();
    stored.next.clear();
    table.store_done(stored.sink());
    CHECK(stored.next.empty());  // the group gave the partition to someone else
}

TEST_CASE("busy looks at the selected partitions only; a failed head does not hold a drain") {
    PartitionProbe probe;
    PartitionTable table({.workers = 2, .max_inflight = 8}, probe);
    auto rules = no_rules();
    table.take(0, 0, rules, 1, 0)->tracker.begin(0, -1, 0);
    PartitionState* p1 = table.take(1, 0, rules, 1, 0);
    CHECK(table.busy({0}));
    CHECK_FALSE(table.busy({1}));
    p1->rebuilding.store(true);
    CHECK(table.busy({1}));
    p1->rebuilding.store(false);
    auto* s = p1->tracker.begin(0, -1, 0);
    s->failed.store(true);
    s->release();
    CHECK_FALSE(table.busy({1}));  // its offset will never be committed: waiting is pointless
}

TEST_CASE("a retired partition with work in flight is parked until released, then reaped") {
    PartitionProbe probe;
    PartitionTable table({.workers = 1, .max_inflight = 8}, probe);
    auto rules = no_rules();
    PartitionState* ps = table.take(5, 0, rules, 1, 0);
    auto* slot = ps->tracker.begin(0, -1, 0);
    table.retire(5);
    CHECK(table.find(5) == nullptr);
    CHECK(probe.assigned() == 0);
    CHECK(table.has_retired());
    CHECK(ps->lost.load());  // the worker drops its queued events
    CHECK_FALSE(table.settled());
    table.reap_retired();
    CHECK(table.has_retired());
    slot->release();  // the worker (or a delivery report) lets go
    CHECK(table.settled());
    table.reap_retired();
    CHECK_FALSE(table.has_retired());
    // It comes back: a fresh state, sharing the alerts produced here before.
    PartitionState* again = table.take(5, 3, rules, 1, 0);
    REQUIRE(again);
    CHECK(again->tracker.empty());
    CHECK_FALSE(again->lost.load());
}

TEST_CASE("an idle retired partition is freed at once; produced alerts outlive its states") {
    PartitionProbe probe;
    PartitionTable table({.workers = 1, .max_inflight = 8}, probe);
    auto rules = no_rules();
    table.take(2, 0, rules, 1, 0)->produced->add(7, 99);
    table.retire(2);
    CHECK_FALSE(table.has_retired());
    PartitionState* again = table.take(2, 0, rules, 1, 0);
    size_t remembered = 0;
    again->produced->since(0, [&](uint64_t id) { remembered += id == 99; });
    CHECK(remembered == 1);
}

TEST_CASE("a rewind renews a state at its last committed transaction; drop frees it") {
    PartitionProbe probe;
    PartitionTable table({.workers = 2, .max_inflight = 8}, probe);
    auto rules = no_rules();
    PartitionState* old = table.take(1, 20, rules, 1, 0);
    auto* done = old->tracker.begin(20, -1, 0);
    REQUIRE(done);
    done->release();
    old->txn_committed = 25;
    PartitionState& fresh = table.renew(*old, rules, 2, 7, 500);
    CHECK(table.find(1) == &fresh);
    CHECK(fresh.worker == 1);
    CHECK(fresh.next_offset == 25);
    CHECK(fresh.txn_committed == 25);
    CHECK(fresh.born_in_rewind == 7);
    CHECK(fresh.rules_version == 2);
    CHECK(fresh.tracker.empty());
    table.drop(1);
    CHECK(table.find(1) == nullptr);
    CHECK(probe.assigned() == 0);
}
