// The event worker with a fake producer: an event that fires a rule goes out as an alert with its
// id and rule headers, a bad one as a dead letter, and the partition's state decides what is
// skipped (lost partitions, alerts already published, alerts refused in an earlier attempt).
#include "herald/app/pipeline/event_worker.hpp"

#include <doctest/doctest.h>

#include "herald/telemetry/metrics.hpp"
#include "worker_rig.hpp"

using namespace herald;
using namespace herald::app;

namespace {
using Rig = test::WorkerRig;
constexpr const char* kEvent = test::kWorkerEvent;
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

TEST_CASE("the worker's probe owns the alert series: event types and novelty, the published series") {
    telemetry::Metrics metrics;
    app::WorkerProbe probe(&metrics, nullptr);
    rules::Alert plain;
    plain.rule_id = "r";
    plain.severity = "info";
    probe.alert_handed(plain);
    CHECK(metrics.alert_event_type("none", "none").Value() == 1);
    rules::Alert typed = plain;
    typed.novelty = 90;
    typed.explanation.events.push_back({});
    typed.explanation.events.back().type = "layoffs";
    probe.alert_handed(typed);
    CHECK(metrics.alert_event_type("layoffs", "first").Value() == 1);
    CHECK(metrics.alert_event_type("none", "none").Value() == 1);
    REQUIRE(probe.published_series(plain) == &metrics.alert_published("r", "info"));
    CHECK(app::WorkerProbe(nullptr, nullptr).published_series(plain) == nullptr);
}
