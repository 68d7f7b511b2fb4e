// --delivery exactly-once: what commits with a transaction, and how failures abort and rewind.
#include "herald/app/pipeline/exactly_once.hpp"

#include <doctest/doctest.h>

#include "herald/rules/rule_set.hpp"
#include "pipeline_fakes.hpp"

using namespace herald;
using namespace herald::app;

namespace {

struct Rig {
    test::FakeTransactions tx;
    PartitionProbe partition_probe;
    PartitionTable table{{.workers = 1, .max_inflight = 8}, partition_probe};
    TransactionProbe probe;
    std::vector<std::string> failures;
    std::vector<std::vector<int32_t>> renewals;
    std::shared_ptr<const rules::RuleSet> rules = rules::load_rules_text("rules: []\n", "r.yaml").rules;
    ExactlyOnce mode{{"news", 0, 200},
                     tx,
                     table,
                     probe,
                     {[this](const std::string& why) { failures.push_back(why); },
                      [this](const std::vector<int32_t>& dropping, uint64_t epoch) {
                          renewals.push_back(dropping);
                          std::vector<kafka::TopicPartition> seeks;
                          for (PartitionState* ps : table.owned()) {
                              if (!dropping.empty() && ps->partition == dropping[0]) {
                                  table.drop(ps->partition);
                                  continue;
                              }
                              PartitionState& fresh = table.renew(*ps, rules, 1, epoch, 0);
                              seeks.push_back({"news", fresh.partition, fresh.txn_committed});
                          }
                          return seeks;
                      }}};

    // A partition with its work done up to `next` (exclusive), committed before at `committed`.
    PartitionState* partition(int32_t p, int64_t committed, int64_t next) {
        PartitionState* ps = table.take(p, committed, rules, 1, 0);
        for (int64_t o = committed; o < next; ++o) {
            OffsetTracker::Slot* slot = ps->tracker.begin(o, -1, 0);
            REQUIRE(slot);
            slot->release();
        }
        return ps;
    }
};

}  // namespace

TEST_CASE("a commit sends the offsets done since the last one, then opens the next transaction") {
    Rig rig;
    REQUIRE(rig.mode.prepare() == 0);
    REQUIRE(rig.mode.start() == 0);
    rig.partition(0, 10, 15);
    rig.partition(1, 4, 4);  // nothing new
    rig.mode.tick();         // interval 0: due at once
    CHECK(rig.tx.joined() == "init,begin,commit,begin");
    REQUIRE(rig.tx.committed.size() == 1);
    CHECK(rig.tx.committed[0].partition == 0);
    CHECK(rig.tx.committed[0].offset == 15);
    CHECK(rig.table.find(0)->txn_committed == 15);
    CHECK(rig.probe.commits() == 1);
    rig.mode.tick();  // nothing new: the transaction stays open
    CHECK(rig.tx.joined() == "init,begin,commit,begin");
    CHECK_FALSE(rig.mode.skips_published());
}

TEST_CASE("a failed delivery aborts at the next tick and rewinds to the last commit") {
    Rig rig;
    rig.mode.start();
    rig.partition(0, 10, 12);
    auto* slot = rig.table.find(0)->tracker.begin(12, -1, 0);
    DeliveryToken token{slot, true};
    rig.mode.delivery_failed(token, "timed out");
    slot->release();
    CHECK(slot->failed.load());
    rig.mode.tick();
    CHECK(rig.tx.joined() == "begin,abort,seek,begin");
    CHECK(rig.probe.aborts() == 1);
    CHECK(rig.mode.rewinds() == 1);
    REQUIRE(rig.tx.seeks.size() == 1);
    CHECK(rig.tx.seeks[0].offset == 10);
    PartitionState* fresh = rig.table.find(0);
    CHECK(fresh->born_in_rewind == 1);
    CHECK(fresh->tracker.empty());
    CHECK(rig.failures.empty());
}

TEST_CASE("messages refused alone are remembered for the redo") {
    Rig rig;
    rig.mode.start();
    rig.partition(2, 0, 0);
    OffsetTracker tracker(4);
    DeliveryToken alert{tracker.begin(3, -1, 0), true};
    alert.partition = 2;
    alert.offset = 3;
    std::copy_n("00000000000000ff", 17, alert.alert_id);
    alert.alert_id_value = 0xff;
    DeliveryToken letter{tracker.begin(4, -1, 0), false};
    letter.partition = 2;
    letter.offset = 4;
    CHECK_FALSE(rig.mode.refused_earlier(0xff));
    rig.mode.refused(alert, "too large");
    rig.mode.refused(letter, "too large");
    CHECK(rig.mode.refused_earlier(0xff));
    CHECK_FALSE(rig.mode.refused_earlier(0xfe));
    CHECK(rig.mode.drop_dead_letter(2, 4));
    CHECK_FALSE(rig.mode.drop_dead_letter(2, 3));
    CHECK_FALSE(rig.mode.drop_dead_letter(3, 4));
}

TEST_CASE("lost partitions abort the transaction; the others are re-read, the lost ones dropped") {
    Rig rig;
    rig.mode.start();
    rig.partition(0, 5, 6);
    rig.partition(1, 7, 9);
    CHECK(rig.mode.lost({1}));
    CHECK(rig.tx.joined() == "begin,abort,seek,begin");
    REQUIRE(rig.renewals.size() == 1);
    CHECK(rig.renewals[0] == std::vector<int32_t>{1});
    CHECK(rig.table.find(1) == nullptr);
    REQUIRE(rig.tx.seeks.size() == 1);
    CHECK(rig.tx.seeks[0].partition == 0);
    CHECK(rig.tx.seeks[0].offset == 5);  // the uncommitted event 5 comes again
}

TEST_CASE("a retriable commit is retried; a fatal one stops herald") {
    Rig rig;
    rig.mode.start();
    rig.partition(0, 0, 3);
    rig.tx.failure.retriable = true;
    rig.tx.commit_results = {false, true};
    CHECK(rig.mode.commit());
    CHECK(rig.tx.joined() == "begin,commit,commit,begin");

    Rig fenced;
    fenced.mode.start();
    fenced.partition(0, 0, 3);
    fenced.tx.failure.fatal = true;
    fenced.tx.commit_results = {false};
    CHECK_FALSE(fenced.mode.commit());
    REQUIRE(fenced.failures.size() == 1);
    CHECK(fenced.failures[0].find("transaction commit failed fatally") == 0);
    CHECK_FALSE(fenced.mode.transaction_open());
}

TEST_CASE("work that does not drain in time aborts instead of committing; a stuck abort fails") {
    Rig rig;
    rig.mode.start();
    PartitionState* ps = rig.partition(0, 0, 2);
    auto* stuck = ps->tracker.begin(2, -1, 0);  // never released
    CHECK_FALSE(rig.mode.commit());
    CHECK(rig.failures.size() == 1);  // the quiesce could not stop it either
    CHECK(rig.failures[0].find("did not stop within --drain-timeout") != std::string::npos);
    stuck->release();
}

TEST_CASE("finish commits, then aborts the empty follow-up transaction") {
    Rig rig;
    rig.mode.start();
    rig.partition(0, 0, 1);
    rig.mode.finish();
    CHECK(rig.tx.joined() == "begin,commit,begin,abort");
    CHECK_FALSE(rig.mode.transaction_open());
    Rig no_init;
    no_init.tx.init_ok = false;
    CHECK(no_init.mode.prepare() == 2);
}
