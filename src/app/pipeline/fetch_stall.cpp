#include "herald/app/pipeline/fetch_stall.hpp"
#include "herald/core/log.hpp"

#include <algorithm>
#include <cstdio>

#include <prometheus/counter.h>

namespace herald::app {

void FetchStallProbe::restarted(size_t n) {
    restarts_.fetch_add(n, std::memory_order_relaxed);
    if (restarts_counter_) restarts_counter_->Increment(static_cast<double>(n));
}

void FetchStallProbe::set_stalled(std::string reason) {
    std::lock_guard<std::mutex> lock(mutex_);
    stalled_.store(!reason.empty(), std::memory_order_release);
    reason_ = std::move(reason);
}

bool FetchStallProbe::stalled(std::string& reason) const {
    if (!stalled_.load(std::memory_order_acquire)) return false;
    std::lock_guard<std::mutex> lock(mutex_);
    if (reason_.empty()) return false;
    reason = reason_;
    return true;
}

FetchStall::FetchStall(Options options, PartitionControl& control, FetchStallProbe& probe, Fail fail)
    : options_(std::move(options)), control_(control), probe_(probe), fail_(std::move(fail)), watch_(options_.watch) {}

void FetchStall::reset() {
    watch_.reset();
    publish();
}

void FetchStall::check(const std::function<std::vector<FetchObservation>()>& observe, int64_t now_ns) {
    if (!watch_.enabled() || now_ns < next_check_ns_) return;
    next_check_ns_ = now_ns + watch_.check_every_ns();
    std::vector<FetchObservation> owned = observe();
    const std::vector<int32_t> ask = watch_.suspects(owned, now_ns);
    if (!ask.empty()) look_up_log_bounds(ask, owned);
    const std::vector<FetchWatch::Verdict> verdicts = watch_.judge(owned, now_ns);
    publish();
    if (!verdicts.empty()) restart(verdicts, now_ns);
}

// Fills log_end (and log_start where herald has no position yet) of the partitions in `ask`;
// left -1 when the brokers do not answer in time (an outage: nothing is judged).
void FetchStall::look_up_log_bounds(const std::vector<int32_t>& ask, std::vector<FetchObservation>& owned) {
    std::vector<kafka::TopicPartition> ends, starts;
    for (int32_t p : ask) {
        ends.push_back({options_.topic, p, kafka::kOffsetEnd, 0});
        auto o = std::find_if(owned.begin(), owned.end(), [p](const FetchObservation& x) { return x.partition == p; });
        if (o != owned.end() && o->next_offset < 0) starts.push_back({options_.topic, p, kafka::kOffsetBeginning, 0});
    }
    std::string error;
    if (!control_.offsets_for_times(ends, kLookupTimeoutMs, error)) return;  // brokers away: wait
    if (!starts.empty() && !control_.offsets_for_times(starts, kLookupTimeoutMs, error)) starts.clear();
    auto fill = [&owned](const std::vector<kafka::TopicPartition>& tps, bool end) {
        for (const auto& tp : tps) {
            if (tp.error != 0 || tp.offset < 0) continue;
            for (auto& o : owned)
                if (o.partition == tp.partition) (end ? o.log_end : o.log_start) = tp.offset;
        }
    };
    fill(ends, true);
    fill(starts, false);
}

// Taking a stalled partition out of the assignment and back at its position (and resuming it)
// restarts its fetcher.
void FetchStall::restart(const std::vector<FetchWatch::Verdict>& verdicts, int64_t now_ns) {
    std::string error;
    // A partition whose leader went unknown in an outage waits for librdkafka's next periodic
    // metadata refresh (5 min by default) before fetching again: ask for the leaders now.
    std::vector<int32_t> leaders;
    const bool have_leaders = control_.refresh_metadata(options_.topic, kLookupTimeoutMs, error, &leaders);
    std::vector<kafka::TopicPartition> tps;
    const int max_restarts = options_.watch.max_restarts;
    for (const FetchWatch::Verdict& v : verdicts) {
        if (v.action == FetchWatch::Action::give_up) {
            // Seen: restarts do not always wake it. A fresh process does; the orchestrator
            // starts one and it resumes from the committed offset (nothing is skipped).
            fail_("partition " + std::to_string(v.partition) + " has had fetchable data for " +
                  std::to_string(v.waited_ms / 1000) + " s without progress through " + std::to_string(max_restarts) +
                  " fetch restarts (position " + std::to_string(v.position) + ", broker end " +
                  std::to_string(v.log_end) + "): librdkafka's fetcher is stuck; exiting so that a new instance "
                  "takes the partition over");
            return;
        }
        tps.push_back({options_.topic, v.partition, v.restart_at, 0});
        const int32_t leader =
            have_leaders && static_cast<size_t>(v.partition) < leaders.size() ? leaders[static_cast<size_t>(v.partition)]
                                                                               : -1;
        core::log::warn("pipeline",
                        core::log::printf("partition %d: fetchable data waited %lld s without progress (position %lld, "
                                          "broker end %lld, leader broker %d); restarting its fetch (%d of %d)",
                                          v.partition, static_cast<long long>(v.waited_ms / 1000),
                                          static_cast<long long>(v.position), static_cast<long long>(v.log_end),
                                          static_cast<int>(leader), v.restarts, max_restarts));
    }
    if (!control_.restart_partitions(tps, kLookupTimeoutMs, error)) {
        core::log::warn("pipeline", core::log::printf("restarting stalled fetches failed: %s", error.c_str()));
        return;
    }
    control_.resume(tps);  // herald has not paused them (the watch runs only then): no pause may stay
    for (const auto& tp : tps) watch_.restarted(tp.partition, now_ns);
    probe_.restarted(tps.size());
}

// Hands the watch's findings to /readyz.
void FetchStall::publish() { probe_.set_stalled(describe_stalled(watch_.stalled())); }

}  // namespace herald::app
