// --delivery at-least-once: offsets go to the consumer's store, a failed delivery stops herald
// with its event uncommitted, a refused alert's event is dead-lettered by the poller.
#include "herald/app/pipeline/at_least_once.hpp"

#include <doctest/doctest.h>
#include <librdkafka/rdkafka.h>

#include <map>

#include "pipeline_fakes.hpp"

using namespace herald;
using namespace herald::app;

namespace {

struct Rig {
    test::FakeOutbox outbox;
    DeliveryProbe probe;
    std::map<int32_t, int64_t> stored;
    std::vector<std::string> failures;
    AtLeastOnce mode{{"news", "news.dlq"},
                     outbox,
                     probe,
                     {[this](int32_t p, int64_t next) { stored[p] = next; },
                      [this](const std::string& why) { failures.push_back(why); }}};
    OffsetTracker tracker{8};
    output::DeadLetterBuilder dl{1 << 20, 1 << 20};

    DeliveryToken refused_alert(OffsetTracker::Slot* slot, int64_t offset) {
        DeliveryToken t{slot, true};
        t.partition = 2;
        t.offset = offset;
        std::copy_n("00000000000000ab", 17, t.alert_id);
        t.rule = "aws-growth";
        t.bytes = 2'000'000;
        return t;
    }
};

}  // namespace

TEST_CASE("done offsets are stored for the background commit; nothing is skipped on a redo") {
    Rig rig;
    rig.mode.store(4, 120);
    CHECK(rig.stored[4] == 120);
    CHECK(rig.mode.skips_published());
    CHECK_FALSE(rig.mode.refused_earlier(0xab));
    CHECK_FALSE(rig.mode.drop_dead_letter(2, 7));
    CHECK_FALSE(rig.mode.lost({1}));  // the pipeline retires lost partitions itself
    CHECK(rig.mode.start() == 0);
}

TEST_CASE("a failed delivery stops herald without committing its event") {
    Rig rig;
    auto* slot = rig.tracker.begin(7, -1, 0);
    DeliveryToken t{slot, false};
    rig.mode.delivery_failed(t, "Local: Message timed out");
    CHECK(slot->failed.load());
    REQUIRE(rig.failures.size() == 1);
    CHECK(rig.failures[0] == "dead letter delivery failed: Local: Message timed out; stopping without committing "
                             "its input offset");
    rig.mode.produce_failed("cannot enqueue", false);
    CHECK(rig.failures.size() == 2);
}

TEST_CASE("a refused alert's event is dead-lettered by the poller, holding the slot until then") {
    Rig rig;
    auto* slot = rig.tracker.begin(7, -1, 0);
    DeliveryToken t = rig.refused_alert(slot, 7);
    rig.mode.refused(t, "Broker: Message size too large");
    CHECK(slot->pending.load() == 2);  // the dead letter's hold
    rig.mode.poll(rig.dl);
    REQUIRE(rig.outbox.sent.size() == 1);
    CHECK(rig.outbox.sent[0].topic == "news.dlq");
    CHECK(rig.outbox.header(0, "herald-error") == "alert_refused");
    CHECK(rig.outbox.header(0, "herald-error-detail") ==
          "alert 00000000000000ab of rule 'aws-growth' (2000000 bytes) was refused: Broker: Message size too large");
    CHECK(rig.probe.dead_letters() == 1);
    delete static_cast<DeliveryToken*>(rig.outbox.sent[0].opaque);
    rig.mode.poll(rig.dl);  // nothing left
    CHECK(rig.outbox.sent.size() == 1);
}

TEST_CASE("a full queue leaves refused alerts for the next round; a refused dead letter is dropped") {
    Rig rig;
    auto* a = rig.tracker.begin(7, -1, 0);
    auto* b = rig.tracker.begin(8, -1, 0);
    DeliveryToken ta = rig.refused_alert(a, 7), tb = rig.refused_alert(b, 8);
    rig.mode.refused(ta, "too large");
    rig.mode.refused(tb, "too large");
    rig.outbox.answers = {RD_KAFKA_RESP_ERR__QUEUE_FULL};
    rig.mode.poll(rig.dl);
    CHECK(rig.outbox.sent.empty());
    CHECK(rig.outbox.asked.back() == kafka::WhenFull::fail);  // never blocks the poller thread
    rig.outbox.answers = {RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE};  // the first dead letter refused too
    rig.mode.poll(rig.dl);
    REQUIRE(rig.outbox.sent.size() == 1);
    CHECK(a->pending.load() == 1);  // its dead letter's hold given back: dropped
    CHECK(rig.outbox.header(0, "herald-source-offset") == "8");
    delete static_cast<DeliveryToken*>(rig.outbox.sent[0].opaque);
    DeliveryToken letter{a, false};
    rig.mode.refused(letter, "too large");  // a refused dead letter: nothing more to do
    rig.mode.poll(rig.dl);
    CHECK(rig.outbox.sent.size() == 1);
}
