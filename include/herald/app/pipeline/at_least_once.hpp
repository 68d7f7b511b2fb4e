#pragma once
// --delivery at-least-once (delivery_mode.hpp): offsets are stored as their work is acknowledged
// and committed by the consumer in the background; a delivery that fails after librdkafka's own
// retries stops herald before the offset of its event is committed, so a restart redoes it. An
// alert the producer or a broker refused alone is dead-lettered as alert_refused, by the poller
// thread (the delivery thread must not wait on a full queue).
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "herald/app/pipeline/delivery_ledger.hpp"
#include "herald/app/pipeline/delivery_mode.hpp"

namespace herald::app {

class AtLeastOnce final : public DeliveryMode {
public:
    struct Hooks {
        std::function<void(int32_t partition, int64_t next_offset)> store_offset;
        std::function<void(const std::string& why)> fail;
    };
    struct Topics {
        std::string input, dead_letters;
    };
    AtLeastOnce(Topics topics, Outbox& outbox, DeliveryProbe& probe, Hooks hooks);

    int start() override { return 0; }
    void store(int32_t partition, int64_t next_offset) override { hooks_.store_offset(partition, next_offset); }
    void tick() override {}
    void before_revoke() override {}
    bool lost(const std::vector<int32_t>&) override { return false; }
    void finish() override {}

    bool skips_published() const override { return true; }
    bool drop_dead_letter(int32_t, int64_t) const override { return false; }
    bool refused_earlier(uint64_t) const override { return false; }
    void produce_failed(const std::string& why, bool) override { hooks_.fail(why); }

    void delivery_failed(DeliveryToken& token, std::string_view reason) override;
    void refused(DeliveryToken& token, std::string_view reason) override;
    // Produces the dead letters of refused alerts. A full queue leaves the rest for the next
    // round: this thread is the one that drains it.
    void poll(output::DeadLetterBuilder& dl) override;

private:
    struct RefusedAlert {
        OffsetTracker::Slot* slot = nullptr;  // holds one pending unit for this dead letter
        int32_t partition = -1;
        int64_t offset = -1;
        std::string detail;
    };
    Topics topics_;
    Outbox& outbox_;
    DeliveryProbe& probe_;
    Hooks hooks_;
    std::mutex mutex_;
    std::vector<RefusedAlert> pending_;
};

}  // namespace herald::app
