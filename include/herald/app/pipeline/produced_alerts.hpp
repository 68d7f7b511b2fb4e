#pragma once
// The alert ids this process produced for one partition's most recent events, so that when the
// partition comes back to this process (lost in an outage, or revoked and assigned again) the
// events it reprocesses do not publish again alerts that are still on their way to the broker:
// the alerts-topic tail read at assignment cannot see those yet.
//
//   ProducedAlerts recent;
//   recent.add(event_offset, alert_id);                        // after producing an alert
//   recent.since(committed, [&](uint64_t id) { skip.insert(id); });  // when the partition is back
//
// Skipping one is safe: if its delivery fails after all, herald stops without committing its
// event, and the next run publishes it. Threads: one writer and reader, the partition's worker.
// Bounded: the oldest entries give way (the alerts tail still covers what was delivered).
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace herald::app {

class ProducedAlerts {
public:
    explicit ProducedAlerts(size_t capacity = 2048) : capacity_(capacity == 0 ? 1 : capacity) {}

    void add(int64_t event_offset, uint64_t alert_id) {
        if (ring_.size() < capacity_) {
            ring_.emplace_back(event_offset, alert_id);
            return;
        }
        ring_[next_] = {event_offset, alert_id};
        next_ = (next_ + 1) % capacity_;
    }

    // Calls f(alert_id) for each remembered alert of an event at or after `offset`.
    template <class F>
    void since(int64_t offset, F&& f) const {
        for (const auto& [o, id] : ring_)
            if (o >= offset) f(id);
    }

    size_t size() const { return ring_.size(); }

private:
    size_t capacity_;
    size_t next_ = 0;  // once full: the oldest entry, overwritten next
    std::vector<std::pair<int64_t, uint64_t>> ring_;
};

}  // namespace herald::app
