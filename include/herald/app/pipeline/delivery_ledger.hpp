#pragma once
// The delivery ledger: every alert and dead letter handed to the producer holds its input
// message's OffsetTracker slot until the broker answers, so an input offset is committed only
// after all it caused is acknowledged. Produces (waiting, not dropping, while the producer's queue
// is full), and settles delivery reports: an acknowledgement releases the slot, a refusal of one
// message or a failure goes to the delivery mode (delivery_mode.hpp), which decides what follows.
//
//   DeliveryLedger ledger(outbox, mode, probe, on_alert);
//   auto* token = new DeliveryToken{slot, true, ...};          // worker
//   ledger.produce({"alerts", key, json, headers}, token);
//   ledger.on_delivery(opaque, error);                          // delivery thread
//
// Threads: produce and dead_letter from workers (and the poller), on_delivery from the delivery
// thread; the probe's counts from any thread.
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <string_view>

#include "herald/app/pipeline/delivery_token.hpp"
#include "herald/app/pipeline/outbox.hpp"
#include "herald/output/dead_letter.hpp"
#include "herald/telemetry/metrics.hpp"

namespace herald::app {

struct AlertNotice;
class DeliveryMode;

// The delivery counts and series: herald_alert_delivery_failures_total, the event-to-alert and
// consume-to-alert latencies, the delivery wait, herald_messages_refused_total{output} (with one
// log line per output), herald_dead_lettered_total{reason} and dead letters cut to fit.
class DeliveryProbe {
public:
    explicit DeliveryProbe(telemetry::Metrics* metrics = nullptr) : metrics_(metrics) {}
    void acked(const OffsetTracker::Slot& slot, prometheus::Counter* published);
    void failed();
    void waited(int64_t produced_ns);
    void refused(bool alert, std::string_view reason);
    void dead_lettered(std::string_view code, bool truncated);
    void producer_queue(size_t messages);

    uint64_t alerts_acked() const { return alerts_acked_.load(std::memory_order_relaxed); }
    uint64_t delivery_failures() const { return delivery_failures_.load(std::memory_order_relaxed); }
    uint64_t dead_letters() const { return dead_lettered_.load(std::memory_order_relaxed); }
    uint64_t refusals() const { return refused_.load(std::memory_order_relaxed); }

private:
    telemetry::Metrics* metrics_;
    std::atomic<uint64_t> alerts_acked_{0}, delivery_failures_{0}, dead_lettered_{0}, refused_{0};
    std::array<std::atomic<bool>, telemetry::kOutputCount> reported_{};
};

class DeliveryLedger {
public:
    enum class Produced { ok, refused, failed };
    DeliveryLedger(Outbox& outbox, DeliveryMode& mode, DeliveryProbe& probe,
                   std::function<void(const AlertNotice&)> on_alert);

    // Enqueues one message (its opaque is the token), holding one more unit of the token's slot,
    // waiting while the producer's queue is full (the poller thread drains it). refused: the producer
    // refused this one message; its hold is given back and the token stays the caller's (to say
    // what was refused). failed: the token is freed, the mode was told. ok: the producer owns it.
    Produced produce(kafka::OutgoingMessage message, DeliveryToken* token);
    // Dead-letters one input message to `topic`. A dead letter refused by itself is dropped (its
    // event stays in the input topic), as is one the mode saw refused in an earlier attempt.
    void dead_letter(output::DeadLetterBuilder& dl, std::string_view topic, const output::DeadLetterInput& in,
                     OffsetTracker::Slot* slot, int64_t timestamp_ms);
    // A delivery report (the producer's opaque is a DeliveryToken).
    void on_delivery(void* opaque, const kafka::Error& error);
    // Exit with messages unacknowledged: their reports only free the tokens and fail the slots.
    void discard() { discarding_.store(true, std::memory_order_release); }

private:
    Outbox& outbox_;
    DeliveryMode& mode_;
    DeliveryProbe& probe_;
    std::function<void(const AlertNotice&)> on_alert_;
    std::atomic<bool> discarding_{false};
};

}  // namespace herald::app
