#pragma once
// What a delivery report needs to finish an alert's or a dead letter's work: one per produced
// message (alerts and dead letters are the rare path; events without alerts allocate none). The
// producer holds it as the message's opaque; the delivery thread deletes it.
#include <cstdint>
#include <string>
#include <string_view>

#include "herald/app/pipeline/offset_tracker.hpp"
#include "herald/rules/engine.hpp"

namespace prometheus {
class Counter;
}

namespace herald::app {

// The dead-letter code of an event whose alert the producer or a broker refused.
inline constexpr std::string_view kAlertRefused = "alert_refused";

struct DeliveryToken {
    OffsetTracker::Slot* slot = nullptr;
    bool is_alert = false;
    prometheus::Counter* published = nullptr;  // herald_alerts_published_total{rule, severity}
    std::string json;    // kept only when on_alert wants it
    rules::Alert alert;  // likewise
    std::string event_id;
    int64_t event_time_ms = 0;
    int64_t produced_ns = 0;  // steady clock, when handed to the producer: the delivery wait
    // Which input message it came from and, for an alert, what to say if the alert is refused.
    int32_t partition = -1;
    int64_t offset = -1;
    char alert_id[17] = {};
    uint64_t alert_id_value = 0;
    std::string rule;
    size_t bytes = 0;
};

// "alert 0123... of rule 'r' (812 bytes) was refused: <reason>": a refused alert's dead-letter detail.
std::string refusal_detail(const DeliveryToken& alert, std::string_view reason);

}  // namespace herald::app
