// The event worker with a fake producer: an event that fires a rule goes out as an alert with its
// id and rule headers, a bad one as a dead letter, and the partition's state decides what is
// skipped (lost partitions, alerts already published, alerts refused in an earlier attempt).
#include "herald/app/pipeline/event_worker.hpp"

#include <doctest/doctest.h>

#include "herald/app/pipeline/at_least_once.hpp"
#include "herald/app/pipeline/pipeline.hpp"
#include "herald/rules/rule_set.hpp"
#include "pipeline_fakes.hpp"

using namespace herald;
using namespace herald::app;

namespace {

constexpr const char* kRules = R"(rules:
  - id: guidance-cut-headline
    severity: warning
    when: headline contains "cut" and headline contains "guidance"
    summary: "{key} guidance cut"
)";

constexpr const char* kEvent =
    R"({"id":"e1","headline":"Acme cuts its guidance","tickers":["ACME"],"published_at":"2026-12-06T10:00:00Z"})";

struct Rig {
    PipelineConfig config;
    analysis::Resources resources = analysis::Resources::load("", "");
    std::shared_ptr<const rules::RuleSet> rule_set = rules::load_rules_text(kRules, "r.yaml").rules;
    RulesHandle rules{rule_set};
    test::FakeOutbox outbox;
    DeliveryProbe delivery_probe;
    std::vector<std::string> failures;
    AtLeastOnce mode{{"news", "news.dlq"},
                     outbox,
                     delivery_probe,
                     {[](int32_t, int64_t) {}, [this](const std::string& why) { failures.push_back(why); }}};
    DeliveryLedger ledger{outbox, mode, delivery_probe, nullptr};
    WorkerProbe probe{nullptr, nullptr};
    std::atomic<bool> stop{false};
    PartitionState ps{0, 0, 8, rule_set, rules.version()};
    std::unique_ptr<EventWorker> worker;

    Rig() {
        REQUIRE(rule_set);
        config.max_future_skew_ms = 0;
        worker = std::make_unique<EventWorker>(
            WorkerContext{config, resources, nullptr, rules, ledger, mode, probe, stop, 1 << 20});
    }
    OffsetTracker::Slot* process(std::string_view payload, int64_t offset) {
        OffsetTracker::Slot* slot = ps.tracker.begin(offset, -1, 0);
        worker->process({"news", 0, offset, -1, "ACME", payload, false, nullptr}, ps, slot);
        return slot;
    }
    void acknowledge_all() {
        for (const auto& s : outbox.sent) ledger.on_delivery(s.opaque, 0, "");
        outbox.sent.clear();
    }
    // The fake outbox holds each message's delivery token as the broker would until its report:
    // answer what a test left unacknowledged, or LeakSanitizer reports the tokens.
    ~Rig() { acknowledge_all(); }
};

}  // namespace

TEST_CASE("an event that fires a rule is published with its alert id and rule; the slot waits for it") {
    Rig rig;
    OffsetTracker::Slot* slot = rig.process(kEvent, 3);
    REQUIRE(rig.outbox.sent.size() == 1);
    CHECK(rig.outbox.sent[0].topic == "alerts");
    CHECK(rig.outbox.header(0, "herald-rule") == "guidance-cut-headline");
    CHECK(rig.outbox.header(0, "herald-alert-id").size() == 16);
    CHECK(rig.outbox.sent[0].value.find("\"rule\":\"guidance-cut-headline\"") != std::string::npos);
    CHECK(slot->pending.load() == 1);  // the alert's hold
    CHECK(rig.probe.events_processed() == 1);
    CHECK(rig.probe.alerts_produced() == 1);
    rig.acknowledge_all();
    CHECK(slot->pending.load() == 0);
    size_t remembered = 0;  // what a redo on this process would skip
    rig.ps.produced = std::make_shared<ProducedAlerts>();
    rig.process(kEvent, 4);
    rig.ps.produced->since(4, [&](uint64_t) { ++remembered; });
    CHECK(remembered == 1);
}

TEST_CASE("an event that does not parse is dead-lettered with its key and value") {
    Rig rig;
    OffsetTracker::Slot* slot = rig.process("{not json", 5);
    REQUIRE(rig.outbox.sent.size() == 1);
    CHECK(rig.outbox.sent[0].topic == "news.dlq");
    CHECK(rig.outbox.sent[0].key == "ACME");
    CHECK(rig.outbox.sent[0].value == "{not json");
    CHECK(rig.outbox.header(0, "herald-error") == "invalid_json");
    CHECK(rig.delivery_probe.dead_letters() == 1);
    rig.acknowledge_all();
    CHECK(slot->pending.load() == 0);
}

TEST_CASE("a lost partition's events are dropped, not published") {
    Rig rig;
    rig.ps.lost.store(true);
    OffsetTracker::Slot* slot = rig.process(kEvent, 3);
    CHECK(rig.outbox.sent.empty());
    CHECK(slot->pending.load() == 0);
    CHECK(rig.probe.events_lost() == 1);
    CHECK(rig.probe.events_processed() == 0);
}

TEST_CASE("an alert already on the alerts topic is not published again") {
    Rig rig;
    rig.process(kEvent, 3);
    uint64_t id = 0;
    REQUIRE(parse_alert_id(rig.outbox.header(0, "herald-alert-id"), id));
    rig.acknowledge_all();
    Rig again;  // a restart reprocessing the same event, the alerts tail read at assignment
    again.ps.published.insert(id);
    again.process(kEvent, 3);
    CHECK(again.outbox.sent.empty());
    CHECK(again.probe.alerts_already_published() == 1);
}

TEST_CASE("an alert the producer refuses dead-letters its event as alert_refused") {
    Rig rig;
    rig.outbox.answers = {10 /* RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE */};
    OffsetTracker::Slot* slot = rig.process(kEvent, 3);
    REQUIRE(rig.outbox.sent.size() == 1);
    CHECK(rig.outbox.sent[0].topic == "news.dlq");
    CHECK(rig.outbox.header(0, "herald-error") == "alert_refused");
    CHECK(rig.outbox.header(0, "herald-error-detail").find("of rule 'guidance-cut-headline'") != std::string::npos);
    rig.acknowledge_all();
    CHECK(slot->pending.load() == 0);
}

TEST_CASE("a reload reaches the partition's engine before its next event") {
    Rig rig;
    rig.rules.set(rules::load_rules_text("rules: []\n", "empty.yaml").rules);
    rig.process(kEvent, 3);
    CHECK(rig.outbox.sent.empty());
    CHECK(rig.ps.rules_version == rig.rules.version());
}
