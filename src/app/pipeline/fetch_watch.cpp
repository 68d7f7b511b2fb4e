#include "herald/app/pipeline/fetch_watch.hpp"

#include <algorithm>

namespace herald::app {

namespace {
constexpr int64_t kNsPerMs = 1'000'000;
}  // namespace

FetchWatch::FetchWatch(FetchWatchOptions options) : options_(options) {}

int64_t FetchWatch::check_every_ns() const {
    return std::clamp<int64_t>(options_.stall_ms / 4, 250, 5000) * kNsPerMs;
}

void FetchWatch::forget(int32_t partition) {
    states_.erase(partition);
    std::erase_if(stalled_, [partition](const Stalled& s) { return s.partition == partition; });
}

void FetchWatch::reset() {
    for (auto& [partition, s] : states_) s.waiting_since_ns = 0;
    stalled_.clear();
}

std::vector<int32_t> FetchWatch::suspects(const std::vector<FetchObservation>& owned, int64_t now_ns) {
    std::vector<int32_t> out;
    for (const FetchObservation& o : owned)
        if (o.last_message_ns <= last_check_ns_) out.push_back(o.partition);
    last_check_ns_ = now_ns;
    return out;
}

std::vector<FetchWatch::Verdict> FetchWatch::judge(const std::vector<FetchObservation>& owned, int64_t now_ns) {
    std::vector<Verdict> verdicts;
    stalled_.clear();
    const int64_t stall_ns = options_.stall_ms * kNsPerMs;
    for (const FetchObservation& o : owned) {
        State& s = states_[o.partition];
        if (o.last_message_ns != s.seen_message_ns) {  // delivered (or was assigned) since: progress
            s = State{};
            s.seen_message_ns = o.last_message_ns;
        }
        if (o.log_end < 0) continue;  // the brokers did not say: keep what was known
        int64_t position = o.next_offset;
        if (position < 0) {
            if (options_.reset_to_end) {
                if (s.assumed_start < 0) s.assumed_start = o.log_end;
                position = s.assumed_start;
            } else {
                position = o.log_start;
            }
        }
        if (position < 0) continue;
        if (o.log_end <= position) {  // nothing to fetch: idle, not stalled
            s.waiting_since_ns = 0;
            continue;
        }
        if (s.waiting_since_ns == 0) {
            s.waiting_since_ns = now_ns;  // data seen waiting: the clock starts now
            continue;
        }
        const int64_t waited = now_ns - s.waiting_since_ns;
        if (options_.stall_ms <= 0 || waited < stall_ns) continue;
        stalled_.push_back({o.partition, waited / kNsPerMs, position, o.log_end, s.restarts});
        if (s.last_restart_ns != 0 && now_ns - s.last_restart_ns < stall_ns) continue;  // judge the last one first
        Verdict v;
        v.partition = o.partition;
        v.action = s.restarts >= options_.max_restarts ? Action::give_up : Action::restart;
        v.restart_at = position;
        v.position = position;
        v.log_end = o.log_end;
        v.waited_ms = waited / kNsPerMs;
        v.restarts = s.restarts + (v.action == Action::restart ? 1 : 0);
        verdicts.push_back(v);
    }
    std::sort(stalled_.begin(), stalled_.end(),
              [](const Stalled& a, const Stalled& b) { return a.waited_ms > b.waited_ms; });
    return verdicts;
}

void FetchWatch::restarted(int32_t partition, int64_t now_ns) {
    State& s = states_[partition];
    ++s.restarts;
    s.last_restart_ns = now_ns;
    for (Stalled& st : stalled_)
        if (st.partition == partition) st.restarts = s.restarts;
}

std::string describe_stalled(const std::vector<FetchWatch::Stalled>& stalled) {
    if (stalled.empty()) return {};
    const FetchWatch::Stalled& s = stalled.front();
    std::string out = "partition " + std::to_string(s.partition) + " has had fetchable data for " +
                      std::to_string(s.waited_ms / 1000) + " s without progress (position " +
                      std::to_string(s.position) + ", broker end " + std::to_string(s.log_end) + ", fetch restarted " +
                      std::to_string(s.restarts) + (s.restarts == 1 ? " time)" : " times)");
    if (stalled.size() > 1) out += "; " + std::to_string(stalled.size() - 1) + " more partition(s) stalled";
    return out;
}

}  // namespace herald::app
