#pragma once
// Per-partition state of the rules: bounded event-time windows, cooldowns, holds and the last
// reported metric values, per rule and key. Only an Engine touches it.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "program.hpp"

namespace herald::rules::detail {

struct Sample {
    int64_t t;
    double v;
};

// Samples of one window for one key in event-time order, oldest first, capped at
// kMaxSamplesPerWindow (the oldest is dropped when full). A late sample is inserted in its place
// (O(1) for events in order). Grows by doubling, then reuses its buffer: no steady-state allocation.
class Ring {
public:
    bool empty() const { return size_ == 0; }
    uint32_t size() const { return size_; }
    const Sample& at(uint32_t i) const { return buf_[(head_ + i) & (cap() - 1)]; }
    const Sample& front() const { return buf_[head_]; }
    void pop_front() {
        sum_ -= buf_[head_].v;
        head_ = (head_ + 1) & (cap() - 1);
        if (--size_ == 0) sum_ = 0.0;  // no drift carried past an empty window
    }
    // Running sum of the held samples, so count/sum/avg cost O(1) per event.
    double sum() const { return sum_; }
    void push(Sample s) {
        if (size_ == cap()) {
            if (cap() < kMaxSamplesPerWindow) grow();
            else pop_front();
        }
        uint32_t i = size_;
        for (; i > 0 && at(i - 1).t > s.t; --i) slot(i) = at(i - 1);
        slot(i) = s;
        ++size_;
        sum_ += s.v;
    }
    // Drops samples at or before `cutoff` from the front.
    void evict_until(int64_t cutoff) {
        while (size_ > 0 && front().t <= cutoff) pop_front();
    }
    size_t bytes() const { return buf_.capacity() * sizeof(Sample); }

private:
    uint32_t cap() const { return static_cast<uint32_t>(buf_.size()); }
    Sample& slot(uint32_t i) { return buf_[(head_ + i) & (cap() - 1)]; }
    void grow() {
        std::vector<Sample> next(buf_.empty() ? 4 : buf_.size() * 2);
        for (uint32_t i = 0; i < size_; ++i) next[i] = at(i);
        buf_.swap(next);
        head_ = 0;
    }
    std::vector<Sample> buf_;
    uint32_t head_ = 0, size_ = 0;
    double sum_ = 0.0;
};
static_assert((kMaxSamplesPerWindow & (kMaxSamplesPerWindow - 1)) == 0, "ring capacity must be a power of two");

struct KeyState {
    int64_t last_fire = 0;
    int64_t streak_start = 0;
    uint32_t streak = 0;  // consecutive evaluations for this key where the condition held
    bool fired = false;
    bool active = false;  // fired and not yet resolved (only for rules with `resolved: true`)
    std::vector<Ring> windows;
};

struct RuleState {
    std::string id;
    uint64_t fingerprint = 0;
    std::unordered_map<std::string, KeyState> keys;
    // change_since_last: per node slot, "ticker\x1fentity" -> last reported value
    std::vector<std::unordered_map<std::string, double>> last_values;
};

}  // namespace herald::rules::detail
