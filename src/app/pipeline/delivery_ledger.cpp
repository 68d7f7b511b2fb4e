#include "herald/app/pipeline/delivery_ledger.hpp"

#include <chrono>
#include <cstdio>
#include <thread>

#include "herald/app/pipeline/delivery_mode.hpp"
#include "herald/app/pipeline/pipeline.hpp"
#include "herald/core/time.hpp"
#include "herald/kafka/error.hpp"
#include "herald/core/log.hpp"

namespace herald::app {

namespace {
double seconds_since(int64_t start_ns) { return static_cast<double>(core::steady_ns() - start_ns) * 1e-9; }
}  // namespace

std::string refusal_detail(const DeliveryToken& t, std::string_view reason) {
    return "alert " + std::string(t.alert_id, 16) + " of rule '" + t.rule + "' (" + std::to_string(t.bytes) +
           " bytes) was refused: " + std::string(reason);
}

void DeliveryProbe::acked(const OffsetTracker::Slot& slot, prometheus::Counter* published) {
    alerts_acked_.fetch_add(1, std::memory_order_relaxed);
    if (published) published->Increment();
    if (!metrics_) return;
    if (slot.kafka_timestamp_ms >= 0)
        metrics_->event_to_alert_latency().observe(static_cast<double>(core::now_ms() - slot.kafka_timestamp_ms) * 1e-3);
    metrics_->consume_to_alert_latency().observe(seconds_since(slot.received_ns));
}

void DeliveryProbe::failed() {
    delivery_failures_.fetch_add(1, std::memory_order_relaxed);
    if (metrics_) metrics_->alert_delivery_failures().Increment();
}

void DeliveryProbe::waited(int64_t produced_ns) {
    if (metrics_) metrics_->wait(telemetry::Wait::delivery).observe(seconds_since(produced_ns));
}

void DeliveryProbe::refused(bool alert, std::string_view reason) {
    refused_.fetch_add(1, std::memory_order_relaxed);
    const auto output = alert ? telemetry::Output::alerts : telemetry::Output::dead_letters;
    if (metrics_) metrics_->messages_refused(output).Increment();
    if (reported_[static_cast<size_t>(output)].exchange(true)) return;  // once: no logging per event
    core::log::warn(
        "pipeline",
        core::log::printf("the %s topic refused a message (%.*s); %s; herald_messages_refused_total counts them",
                          alert ? "alerts" : "dead-letter", static_cast<int>(reason.size()), reason.data(),
                          alert ? "its event is dead-lettered as alert_refused"
                                : "the dead letter is dropped (its event stays in the input topic)"));
}

void DeliveryProbe::dead_lettered(std::string_view code, bool truncated) {
    dead_lettered_.fetch_add(1, std::memory_order_relaxed);
    if (!metrics_) return;
    metrics_->dead_lettered(code).Increment();
    if (truncated) metrics_->messages_truncated(telemetry::Output::dead_letters).Increment();
}

void DeliveryProbe::producer_queue(size_t messages) {
    if (metrics_) metrics_->producer_queue_messages().Set(static_cast<double>(messages));
}

DeliveryLedger::DeliveryLedger(Outbox& outbox, DeliveryMode& mode, DeliveryProbe& probe,
                               std::function<void(const AlertNotice&)> on_alert)
    : outbox_(outbox), mode_(mode), probe_(probe), on_alert_(std::move(on_alert)) {}

DeliveryLedger::Produced DeliveryLedger::produce(kafka::OutgoingMessage message, DeliveryToken* token) {
    token->slot->add_pending(1);
    token->produced_ns = core::steady_ns();
    message.opaque = token;
    const kafka::Error e = outbox_.produce(message, kafka::WhenFull::wait);
    if (!e) return Produced::ok;
    if (e.refuses_one_message()) {
        probe_.refused(token->is_alert, e.message());
        token->slot->release();
        return Produced::refused;
    }
    token->slot->failed.store(true, std::memory_order_release);
    token->slot->release();
    mode_.produce_failed("cannot enqueue a message for topic '" + std::string(message.topic) + "': " + e.message(),
                         static_cast<bool>(outbox_.fatal_error()));
    delete token;
    return Produced::failed;
}

void DeliveryLedger::dead_letter(output::DeadLetterBuilder& dl, std::string_view topic,
                                 const output::DeadLetterInput& in, OffsetTracker::Slot* slot, int64_t timestamp_ms) {
    if (mode_.drop_dead_letter(in.partition, in.offset)) return;
    dl.build(in);
    auto* token = new DeliveryToken{slot, false};
    token->partition = in.partition;
    token->offset = in.offset;
    // No value (data() null) makes a null message value, as Kafka has for tombstones.
    const std::string_view value = dl.has_value() ? dl.value() : std::string_view{};
    const Produced r = produce({topic, dl.key(), value, dl.headers(), -1, timestamp_ms}, token);
    if (r == Produced::ok) probe_.dead_lettered(in.code, dl.truncated());
    if (r == Produced::refused) delete token;  // dropped: its event stays in the input topic
}

void DeliveryLedger::on_delivery(void* opaque, const kafka::Error& e) {
    auto* token = static_cast<DeliveryToken*>(opaque);
    OffsetTracker::Slot* slot = token->slot;
    if (discarding_.load(std::memory_order_acquire)) {
        slot->failed.store(true, std::memory_order_release);  // its input offset is not committed
    } else if (e.refuses_one_message()) {
        const std::string reason = e.message();
        probe_.refused(token->is_alert, reason);
        mode_.refused(*token, reason);
    } else if (e) {
        // Purges are the exactly-once abort taking back what it had not sent: not failures.
        if (!e.purged()) probe_.failed();
        mode_.delivery_failed(*token, e.message());
    } else {
        if (token->is_alert) {
            probe_.acked(*slot, token->published);
            if (on_alert_)
                on_alert_(AlertNotice{token->json, token->alert, token->event_id, token->event_time_ms});
        }
        probe_.waited(token->produced_ns);
    }
    delete token;
    slot->release();  // last touch of the slot: the consumer thread may reuse it after this
}

}  // namespace herald::app
