// Shadow rules in the event worker: the candidate rules see the same analysis as the live ones,
// their alerts go to the shadow outbox after the live ones, hold no input slot, and nothing the
// shadow outbox does (queue full, refused, fatal) changes what the live path publishes.
#include "herald/app/pipeline/shadow.hpp"

#include <doctest/doctest.h>

#include "worker_rig.hpp"

using namespace herald;
using namespace herald::app;
using test::rules_of;

namespace {

// The live rule, and one more.
constexpr const char* kShadow = R"(rules:
  - id: guidance-cut-headline
    severity: warning
    when: headline contains "cut" and headline contains "guidance"
    summary: "{key} guidance cut"
  - id: any-cut
    severity: info
    when: headline contains "cut"
    summary: "{key} cut"
)";

constexpr const char* kEvent = test::kWorkerEvent;

struct Rig : test::WorkerRig {
    explicit Rig(bool with_shadow = true) : WorkerRig(with_shadow ? kShadow : nullptr) {}
};

// The live message without its detected_at (a clock reading).
std::string without_detected_at(std::string json) {
    const size_t at = json.find("\"detected_at\":\"");
    if (at != std::string::npos) json.erase(at, json.find('"', at + 15) + 2 - at);
    return json;
}

}  // namespace

TEST_CASE("shadow alerts go to the shadow topic with the live format; the live alert is unchanged") {
    Rig with, without(false);
    OffsetTracker::Slot* slot = with.process(kEvent, 3);
    without.process(kEvent, 3);
    REQUIRE(with.outbox.sent.size() == 1);
    REQUIRE(without.outbox.sent.size() == 1);
    CHECK(with.outbox.sent[0].key == without.outbox.sent[0].key);
    CHECK(with.outbox.sent[0].headers == without.outbox.sent[0].headers);
    CHECK(without_detected_at(with.outbox.sent[0].value) == without_detected_at(without.outbox.sent[0].value));

    REQUIRE(with.shadow_outbox.sent.size() == 2);
    CHECK(with.shadow_outbox.sent[0].topic == "alerts.shadow");
    CHECK(with.shadow_outbox.header(0, "herald-rule") == "guidance-cut-headline");
    CHECK(with.shadow_outbox.header(1, "herald-rule") == "any-cut");
    CHECK(with.shadow_outbox.header(1, "herald-shadow") == "true");
    // The same rule on the same event: the same alert id on both topics.
    CHECK(with.shadow_outbox.header(0, "herald-alert-id") == with.outbox.header(0, "herald-alert-id"));
    CHECK(with.shadow_outbox.sent[1].opaque == nullptr);
    CHECK(slot->pending.load() == 1);  // the live alert's hold only
    CHECK(with.shadow_probe.alerts_raised() == 2);
    CHECK(with.probe.alerts_produced() == 1);
}

TEST_CASE("a shadow outbox that is full or refuses drops shadow alerts and leaves the live path alone") {
    Rig rig;
    rig.shadow_outbox.answers = {-184 /* RD_KAFKA_RESP_ERR__QUEUE_FULL */, 10 /* MSG_SIZE_TOO_LARGE */};
    OffsetTracker::Slot* slot = rig.process(kEvent, 3);
    CHECK(rig.shadow_outbox.sent.empty());
    CHECK(rig.shadow_probe.count(ShadowProbe::Result::queue_full) == 1);
    CHECK(rig.shadow_probe.count(ShadowProbe::Result::refused) == 1);
    REQUIRE(rig.outbox.sent.size() == 1);
    CHECK(rig.outbox.sent[0].topic == "alerts");
    CHECK(rig.failures.empty());
    CHECK(slot->pending.load() == 1);
    rig.shadow.on_delivery(kafka::Error(-195 /* RD_KAFKA_RESP_ERR__TRANSPORT */));
    CHECK(rig.shadow_probe.count(ShadowProbe::Result::failed) == 1);
}

TEST_CASE("a fatal shadow producer turns the shadow off; live alerts go on") {
    Rig rig;
    rig.shadow_outbox.fatal = 1;
    rig.shadow.check_fatal();
    CHECK_FALSE(rig.shadow.enabled());
    rig.process(kEvent, 3);
    CHECK(rig.shadow_outbox.sent.empty());
    CHECK(rig.outbox.sent.size() == 1);
}

TEST_CASE("a shadow reload reaches the partition before its next event; none means no shadow alerts") {
    Rig rig;
    rig.process(kEvent, 3);
    CHECK(rig.shadow_outbox.sent.size() == 2);
    rig.shadow_rules.set(rules_of("rules:\n  - id: only\n    severity: info\n    when: headline contains \"Acme\"\n"
                                  "    summary: \"{key}\"\n"));
    rig.process(kEvent, 4);
    REQUIRE(rig.shadow_outbox.sent.size() == 3);
    CHECK(rig.shadow_outbox.header(2, "herald-rule") == "only");
    rig.shadow_rules.set(nullptr);
    rig.process(kEvent, 5);
    CHECK(rig.shadow_outbox.sent.size() == 3);
    CHECK(rig.outbox.sent.size() == 3);
}
