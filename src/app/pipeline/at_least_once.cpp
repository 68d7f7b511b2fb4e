#include "herald/app/pipeline/at_least_once.hpp"

#include <chrono>
#include <iterator>

#include "herald/core/time.hpp"
#include "herald/kafka/error.hpp"

namespace herald::app {

AtLeastOnce::AtLeastOnce(Topics topics, Outbox& outbox, DeliveryProbe& probe, Hooks hooks)
    : topics_(std::move(topics)), outbox_(outbox), probe_(probe), hooks_(std::move(hooks)) {}

void AtLeastOnce::delivery_failed(DeliveryToken& token, std::string_view reason) {
    // librdkafka already retried for message.timeout.ms: the alert is lost unless herald stops
    // before committing its input offset, so the event is reprocessed after a restart.
    token.slot->failed.store(true, std::memory_order_release);
    hooks_.fail(std::string(token.is_alert ? "alert" : "dead letter") + " delivery failed: " + std::string(reason) +
                "; stopping without committing its input offset");
}

void AtLeastOnce::refused(DeliveryToken& token, std::string_view reason) {
    if (!token.is_alert) return;  // a refused dead letter is dropped: its event stays in the input topic
    token.slot->add_pending(1);   // the dead letter's, handed to the poller
    std::lock_guard<std::mutex> lock(mutex_);
    pending_.push_back({token.slot, token.partition, token.offset, refusal_detail(token, reason)});
}

void AtLeastOnce::poll(output::DeadLetterBuilder& dl) {
    std::vector<RefusedAlert> batch;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (pending_.empty()) return;
        batch.swap(pending_);
    }
    size_t i = 0;
    for (; i < batch.size(); ++i) {
        RefusedAlert& r = batch[i];
        dl.build({topics_.input, r.partition, r.offset, {}, {}, false, nullptr, 0, kAlertRefused, r.detail});
        auto* token = new DeliveryToken{r.slot, false};
        token->partition = r.partition;
        token->offset = r.offset;
        token->produced_ns = core::steady_ns();
        kafka::OutgoingMessage m{topics_.dead_letters, dl.key(), std::string_view{}, dl.headers()};
        m.opaque = token;
        const kafka::Error e = outbox_.produce(m, kafka::WhenFull::fail);  // full: the next poll goes on
        if (e.queue_full()) {
            delete token;
            break;
        }
        if (e) {  // refused as well: dropped (nothing else to do with it)
            delete token;
            probe_.refused(false, e.message());
            r.slot->release();
            continue;
        }
        probe_.dead_lettered(kAlertRefused, dl.truncated());
    }
    if (i == batch.size()) return;
    std::lock_guard<std::mutex> lock(mutex_);
    pending_.insert(pending_.begin(), std::make_move_iterator(batch.begin() + static_cast<std::ptrdiff_t>(i)),
                    std::make_move_iterator(batch.end()));
}

}  // namespace herald::app
