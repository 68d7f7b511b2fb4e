// The delivery ledger: a produced message holds its input slot until the broker answers; what an
// answer does to the slot, the counts, and which delivery-mode hook it reaches.
#include "herald/app/pipeline/delivery_ledger.hpp"

#include <doctest/doctest.h>
#include <librdkafka/rdkafka.h>

#include "herald/app/pipeline/delivery_mode.hpp"
#include "herald/app/pipeline/pipeline.hpp"
#include "pipeline_fakes.hpp"

using namespace herald;
using namespace herald::app;

namespace {

// Records what the ledger hands to the delivery mode.
struct RecordingMode : DeliveryMode {
    std::vector<std::string> calls;
    bool drop_letters = false;
    int start() override { return 0; }
    void store(int32_t, int64_t) override {}
    void tick() override {}
    void before_revoke() override {}
    bool lost(const std::vector<int32_t>&) override { return false; }
    void finish() override {}
    bool skips_published() const override { return true; }
    bool drop_dead_letter(int32_t, int64_t) const override { return drop_letters; }
    bool refused_earlier(uint64_t) const override { return false; }
    void produce_failed(const std::string& why, bool fatal) override {
        calls.push_back(std::string(fatal ? "fatal: " : "produce_failed: ") + why);
    }
    void delivery_failed(DeliveryToken& t, std::string_view reason) override {
        t.slot->failed.store(true);
        calls.push_back("delivery_failed: " + std::string(reason));
    }
    void refused(DeliveryToken&, std::string_view reason) override { calls.push_back("refused: " + std::string(reason)); }
};

struct Rig {
    test::FakeOutbox outbox;
    RecordingMode mode;
    DeliveryProbe probe;  // no Prometheus registry: counts only
    std::vector<std::string> notices;
    DeliveryLedger ledger{outbox, mode, probe,
                          [this](const AlertNotice& n) { notices.push_back(n.event_id + " " + n.json); }};
    OffsetTracker tracker{8};
    OffsetTracker::Slot* slot = tracker.begin(5, 1000, 0);

    DeliveryToken* alert_token() {
        auto* t = new DeliveryToken{slot, true};
        t->json = "{}";
        t->event_id = "e1";
        return t;
    }
};

}  // namespace

TEST_CASE("an acknowledged alert releases its hold; the slot is done once the worker lets go too") {
    Rig rig;
    auto* token = rig.alert_token();
    CHECK(rig.ledger.produce({"alerts", "AMZN", "{}"}, token) == DeliveryLedger::Produced::ok);
    CHECK(rig.slot->pending.load() == 2);  // the processing and the alert
    rig.slot->release();                    // the worker is done with the event
    int64_t next = -1;
    CHECK_FALSE(rig.tracker.advance(next));  // not before the broker answered
    rig.ledger.on_delivery(rig.outbox.sent.at(0).opaque, kafka::Error());
    CHECK(rig.tracker.advance(next));
    CHECK(next == 6);
    CHECK(rig.probe.alerts_acked() == 1);
    CHECK(rig.notices == std::vector<std::string>{"e1 {}"});
    CHECK(rig.mode.calls.empty());
}

TEST_CASE("a full producer queue is waited out, not dropped") {
    Rig rig;
    rig.outbox.answers = {RD_KAFKA_RESP_ERR__QUEUE_FULL, RD_KAFKA_RESP_ERR__QUEUE_FULL, 0};
    CHECK(rig.ledger.produce({"alerts", "k", "{}"}, rig.alert_token()) == DeliveryLedger::Produced::ok);
    CHECK(rig.outbox.asked == std::vector<kafka::WhenFull>{kafka::WhenFull::wait});  // the poller drains the queue
    CHECK(rig.outbox.full_waits == 2);
    CHECK(rig.outbox.sent.size() == 1);
    rig.ledger.on_delivery(rig.outbox.sent[0].opaque, kafka::Error());
}

TEST_CASE("a message refused by the producer gives its hold back and the token to the caller") {
    Rig rig;
    rig.outbox.answers = {RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE};
    DeliveryToken* token = rig.alert_token();
    CHECK(rig.ledger.produce({"alerts", "k", "{}"}, token) == DeliveryLedger::Produced::refused);
    CHECK(rig.slot->pending.load() == 1);
    CHECK(rig.probe.refusals() == 1);
    delete token;
}

TEST_CASE("a producer that will not take messages fails the slot and tells the mode") {
    Rig rig;
    rig.outbox.answers = {RD_KAFKA_RESP_ERR__STATE};
    rig.outbox.fatal = 1;
    CHECK(rig.ledger.produce({"alerts", "k", "{}"}, rig.alert_token()) == DeliveryLedger::Produced::failed);
    CHECK(rig.slot->failed.load());
    CHECK(rig.slot->pending.load() == 1);
    REQUIRE(rig.mode.calls.size() == 1);
    CHECK(rig.mode.calls[0].rfind("fatal: cannot enqueue a message for topic 'alerts'", 0) == 0);
}

TEST_CASE("failed and refused deliveries go to the mode; purges are not counted as failures") {
    Rig rig;
    rig.ledger.produce({"alerts", "k", "{}"}, rig.alert_token());
    rig.ledger.produce({"alerts", "k", "{}"}, rig.alert_token());
    rig.ledger.produce({"alerts", "k", "{}"}, rig.alert_token());
    rig.ledger.on_delivery(rig.outbox.sent[0].opaque, kafka::Error(RD_KAFKA_RESP_ERR__MSG_TIMED_OUT));
    rig.ledger.on_delivery(rig.outbox.sent[1].opaque, kafka::Error(RD_KAFKA_RESP_ERR__PURGE_QUEUE));
    rig.ledger.on_delivery(rig.outbox.sent[2].opaque, kafka::Error(RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE));
    CHECK(rig.probe.delivery_failures() == 1);
    CHECK(rig.probe.refusals() == 1);
    CHECK(rig.mode.calls == std::vector<std::string>{"delivery_failed: Local: Message timed out",
                                                     "delivery_failed: Local: Purged in queue",
                                                     "refused: Broker: Message size too large"});
    CHECK(rig.slot->failed.load());
    CHECK(rig.slot->pending.load() == 1);  // every hold given back
    CHECK(rig.probe.alerts_acked() == 0);
}

TEST_CASE("at exit, reports only fail the slots and free the tokens") {
    Rig rig;
    rig.ledger.produce({"alerts", "k", "{}"}, rig.alert_token());
    rig.ledger.discard();
    rig.ledger.on_delivery(rig.outbox.sent[0].opaque, kafka::Error(RD_KAFKA_RESP_ERR__PURGE_QUEUE));
    CHECK(rig.slot->failed.load());
    CHECK(rig.mode.calls.empty());
    CHECK(rig.probe.delivery_failures() == 0);
}

TEST_CASE("a dead letter carries the code; the mode may drop one refused before") {
    Rig rig;
    output::DeadLetterBuilder dl(1 << 20, 1 << 20);
    rig.ledger.dead_letter(dl, "news.dlq", {"news", 3, 5, "k", "{bad", true, nullptr, 0, "invalid_json", "detail"},
                           rig.slot, 0);
    REQUIRE(rig.outbox.sent.size() == 1);
    CHECK(rig.outbox.sent[0].topic == "news.dlq");
    CHECK(rig.outbox.header(0, "herald-error") == "invalid_json");
    CHECK(rig.probe.dead_letters() == 1);
    rig.ledger.on_delivery(rig.outbox.sent[0].opaque, kafka::Error());
    rig.mode.drop_letters = true;
    rig.ledger.dead_letter(dl, "news.dlq", {"news", 3, 5, "k", "{bad", true, nullptr, 0, "invalid_json", "detail"},
                           rig.slot, 0);
    CHECK(rig.outbox.sent.size() == 1);
}
