#pragma once
// How herald turns acknowledged work into committed input (`--delivery`): everything that differs
// between at-least-once and exactly-once, behind one interface, so the consumer loop, the workers
// and the delivery ledger never ask which one runs.
//
//   at-least-once (at_least_once.hpp): offsets are stored as work completes and committed in the
//     background; a failed delivery stops herald before its input offset is committed; a refused
//     alert's event is dead-lettered; alerts already on the alerts topic are not published again.
//   exactly-once (exactly_once.hpp): alerts, dead letters and input offsets commit in one Kafka
//     transaction; any failure aborts it and rewinds the partitions to the last commit.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "herald/app/pipeline/delivery_token.hpp"
#include "herald/output/dead_letter.hpp"

namespace herald::app {

class DeliveryMode {
public:
    virtual ~DeliveryMode() = default;

    // ---- consumer thread
    // Once the producer exists, before the consumer is made; then before the workers start.
    // 0, or the exit code after saying why on stderr.
    virtual int prepare() { return 0; }
    virtual int start() = 0;
    // A partition's done work moved its committable offset to `next_offset`.
    virtual void store(int32_t partition, int64_t next_offset) = 0;
    // Once per poll.
    virtual void tick() = 0;
    // Partitions are being revoked (their done work is about to be committed).
    virtual void before_revoke() = 0;
    // The group took these partitions away. True when the mode dealt with them; false: the
    // pipeline retires them.
    virtual bool lost(const std::vector<int32_t>& partitions) = 0;
    // Stopping, everything drained: the last commit.
    virtual void finish() = 0;
    // Rewinds so far: a batch fetched before a rewind is stale.
    virtual uint64_t rewinds() const { return 0; }

    // ---- workers
    // Alerts already published (alerts tail, produced here) are skipped on reprocessing.
    virtual bool skips_published() const = 0;
    // A dead letter of this input message was refused in an earlier attempt: drop it.
    virtual bool drop_dead_letter(int32_t partition, int64_t offset) const = 0;
    // This alert was refused in an earlier attempt: dead-letter its event instead.
    virtual bool refused_earlier(uint64_t alert_id) const = 0;
    // The producer would not take a message (not a refusal of that message alone).
    virtual void produce_failed(const std::string& why, bool producer_fatal) = 0;

    // ---- delivery thread (the token and its slot are released by the caller afterwards)
    virtual void delivery_failed(DeliveryToken& token, std::string_view reason) = 0;
    virtual void refused(DeliveryToken& token, std::string_view reason) = 0;

    // ---- poller thread, after each poll
    virtual void poll(output::DeadLetterBuilder&) {}
};

}  // namespace herald::app
