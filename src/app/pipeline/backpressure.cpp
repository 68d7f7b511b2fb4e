#include "herald/app/pipeline/backpressure.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include <prometheus/gauge.h>

namespace herald::app {

void BackpressureProbe::set(size_t inflight_events, bool is_paused) const {
    if (inflight) inflight->Set(static_cast<double>(inflight_events));
    if (paused) paused->Set(is_paused ? 1 : 0);
}

Backpressure::Backpressure(Options options, PartitionControl& control, BackpressureProbe probe)
    : options_(std::move(options)), control_(control), probe_(probe) {}

size_t Backpressure::regulate(size_t inflight, const std::function<size_t()>& settle,
                              const std::function<bool()>& keep_waiting, const Owned& owned, bool& changed) {
    const size_t max = options_.max_inflight;
    if (inflight >= max && !paused_) {
        // Wake rarely and refill in bulk: waking every few hundred microseconds to dispatch a
        // handful of events cost a whole core in context switches (perf).
        const size_t refill_at = max - std::max<size_t>(max / 8, 1);
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.pause_after_ms);
        while (inflight > refill_at && std::chrono::steady_clock::now() < until && keep_waiting()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            inflight = settle();
        }
    }
    changed = false;
    if (inflight >= max) changed = set_paused(true, owned);
    else if (inflight <= max / 2) changed = set_paused(false, owned);
    probe_.set(inflight, paused_);
    return inflight;
}

size_t Backpressure::room(size_t inflight) const {
    return options_.max_inflight > inflight ? options_.max_inflight - inflight : 0;
}

void Backpressure::adopt(const std::vector<int32_t>& fresh) {
    if (fresh.empty()) return;
    if (paused_) {
        control_.pause(list(fresh));
        paused_partitions_.insert(paused_partitions_.end(), fresh.begin(), fresh.end());
    } else {
        control_.resume(list(fresh));
    }
}

bool Backpressure::set_paused(bool pause, const Owned& owned) {
    if (pause == paused_) return false;
    if (pause) {
        paused_partitions_ = owned();
        control_.pause(list(paused_partitions_));
    } else {
        // Also those given up since the pause: a partition keeps its pause in librdkafka and may
        // come back (adopt resumes it too).
        std::vector<int32_t> all = owned();
        for (int32_t p : paused_partitions_)
            if (std::find(all.begin(), all.end(), p) == all.end()) all.push_back(p);
        control_.resume(list(all));
        paused_partitions_.clear();
    }
    paused_ = pause;
    return true;
}

std::vector<kafka::TopicPartition> Backpressure::list(const std::vector<int32_t>& partitions) const {
    std::vector<kafka::TopicPartition> tps;
    tps.reserve(partitions.size());
    for (int32_t p : partitions) tps.push_back({options_.topic, p, kafka::kOffsetInvalid});
    return tps;
}

}  // namespace herald::app
