#pragma once
// Per-partition state of the rules: bounded event-time windows, cooldowns, holds and the last
// reported metric values, per rule and key. Only an Engine touches it.
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "program.hpp"

namespace herald::rules::detail {

struct Sample {
    int64_t t;
    double v;
};

// The ids of the newest events a window took in, for the alert's explanation: at most kCount,
// each cut to kBytes. Fixed size, allocated once per key and window with its first sample.
struct WindowIds {
    static constexpr uint32_t kCount = 8, kBytes = 23;
    struct Entry {
        int64_t t;
        uint8_t len;
        char id[kBytes];
    };
    Entry items[kCount];
    uint32_t next = 0, size = 0;  // ring in arrival order
    void push(int64_t t, std::string_view id) {
        Entry& e = items[next];
        next = (next + 1) % kCount;
        size += size < kCount;
        e.t = t;
        e.len = static_cast<uint8_t>(id.size() < kBytes ? id.size() : kBytes);
        std::memcpy(e.id, id.data(), e.len);
    }
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
    size_t bytes() const { return buf_.capacity() * sizeof(Sample) + (ids_ ? sizeof(WindowIds) : 0); }
    // Remembers the id of the event whose sample was just pushed.
    void push_id(int64_t t, std::string_view id) {
        if (!ids_) ids_ = std::make_unique<WindowIds>();
        ids_->push(t, id);
    }
    // The remembered ids of events dated in (from, to], oldest arrival first.
    void ids_within(int64_t from, int64_t to, std::vector<std::string>& out) const {
        if (!ids_) return;
        const WindowIds& w = *ids_;
        for (uint32_t k = 0; k < w.size; ++k) {
            const WindowIds::Entry& e = w.items[(w.next + WindowIds::kCount - w.size + k) % WindowIds::kCount];
            if (e.t > from && e.t <= to) out.emplace_back(e.id, e.len);
        }
    }

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
    std::unique_ptr<WindowIds> ids_;
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
