#pragma once
// A bounded single-producer/single-consumer ring: the consumer thread hands messages to one
// worker without locks. The consumer side blocks on an atomic wait when the ring is empty.
//
//   SpscQueue<Item> q(1024);
//   if (!q.try_push(std::move(item))) { /* full: back off */ }
//   Item it; if (q.pop_wait(it, stop_flag)) process(it);
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <optional>
#include <utility>

namespace herald::app {

template <typename T>
class SpscQueue {
public:
    explicit SpscQueue(size_t capacity_pow2) : mask_(round_up(capacity_pow2) - 1), slots_(new std::optional<T>[mask_ + 1]) {}

    size_t capacity() const { return mask_ + 1; }
    size_t size() const { return tail_.load(std::memory_order_acquire) - head_.load(std::memory_order_acquire); }

    bool try_push(T&& v) {
        size_t t = tail_.load(std::memory_order_relaxed);
        if (t - head_.load(std::memory_order_acquire) > mask_) return false;
        slots_[t & mask_].emplace(std::move(v));
        tail_.store(t + 1, std::memory_order_release);
        ring();
        return true;
    }

    bool try_pop(T& out) {
        size_t h = head_.load(std::memory_order_relaxed);
        if (h == tail_.load(std::memory_order_acquire)) return false;
        out = std::move(*slots_[h & mask_]);
        slots_[h & mask_].reset();
        head_.store(h + 1, std::memory_order_release);
        return true;
    }

    // Waits until an item arrives or `stop` is set (the setter must call wake()).
    bool pop_wait(T& out, const std::atomic<bool>& stop) {
        for (;;) {
            // Read the bell before checking, so a push or wake() in between makes wait() return.
            uint32_t bell = bell_.load(std::memory_order_acquire);
            if (try_pop(out)) return true;
            if (stop.load(std::memory_order_acquire)) return false;
            bell_.wait(bell, std::memory_order_acquire);
        }
    }

    // Wakes a waiting consumer so it re-checks `stop`.
    void wake() { ring(); }

private:
    void ring() {
        bell_.fetch_add(1, std::memory_order_acq_rel);
        bell_.notify_one();
    }
    static size_t round_up(size_t n) {
        size_t p = 1;
        while (p < n) p <<= 1;
        return p;
    }
    const size_t mask_;
    std::unique_ptr<std::optional<T>[]> slots_;
    alignas(64) std::atomic<size_t> head_{0};
    alignas(64) std::atomic<size_t> tail_{0};
    alignas(64) std::atomic<uint32_t> bell_{0};  // bumped on every push and wake; the consumer waits on it
};

}  // namespace herald::app
