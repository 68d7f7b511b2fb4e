#pragma once
// Per-partition record of dispatched messages, in offset order, so the committed offset only
// advances past messages whose work is done (processed, and every alert or dead letter it
// produced acknowledged by the broker).
//
// Threads: the consumer thread calls begin() and advance(); a worker and the producer's
// delivery thread only touch a Slot's atomics. No lock; one tracker per partition.
//
//   Slot* s = tracker.begin(offset, kafka_ts, now);   // nullptr when full: pause the partition
//   s->add_pending(n_alerts); ... s->release();        // worker: hold of 1 released after producing
//   int64_t next;
//   if (tracker.advance(next)) consumer.store_offset(topic, partition, next);
#include <atomic>
#include <cstdint>
#include <memory>

namespace herald::app {

class OffsetTracker {
public:
    struct Slot {
        int64_t offset = -1;
        int64_t kafka_timestamp_ms = -1;
        int64_t received_ns = 0;       // steady clock when consumed
        std::atomic<int32_t> pending{0};  // work not yet acknowledged; 0 = done
        std::atomic<bool> failed{false};  // an alert could not be delivered: never commit past it

        void add_pending(int32_t n) { pending.fetch_add(n, std::memory_order_relaxed); }
        void release() { pending.fetch_sub(1, std::memory_order_acq_rel); }
    };

    explicit OffsetTracker(size_t capacity) : mask_(round_up(capacity) - 1), slots_(new Slot[mask_ + 1]) {}

    // Registers the next dispatched message with a hold of 1 (the processing itself).
    Slot* begin(int64_t offset, int64_t kafka_timestamp_ms, int64_t received_ns) {
        if (tail_ - head_ > mask_) return nullptr;
        Slot& s = slots_[tail_ & mask_];
        s.offset = offset;
        s.kafka_timestamp_ms = kafka_timestamp_ms;
        s.received_ns = received_ns;
        s.failed.store(false, std::memory_order_relaxed);
        s.pending.store(1, std::memory_order_release);
        ++tail_;
        return &s;
    }

    // Drops done slots from the front; returns true and the offset to commit (last done + 1)
    // when it moved. Stops at the first unfinished or failed slot.
    bool advance(int64_t& next_offset) {
        bool moved = false;
        while (head_ < tail_) {
            Slot& s = slots_[head_ & mask_];
            if (s.pending.load(std::memory_order_acquire) != 0 || s.failed.load(std::memory_order_acquire)) break;
            next_offset = s.offset + 1;
            ++head_;
            moved = true;
        }
        return moved;
    }

    // Every dispatched slot was let go by its worker and delivery reports (failed or not).
    bool all_released() const {
        for (size_t i = head_; i < tail_; ++i)
            if (slots_[i & mask_].pending.load(std::memory_order_acquire) != 0) return false;
        return true;
    }

    size_t in_flight() const { return tail_ - head_; }
    bool empty() const { return head_ == tail_; }
    bool head_failed() const { return head_ < tail_ && slots_[head_ & mask_].failed.load(std::memory_order_acquire); }

private:
    static size_t round_up(size_t n) {
        size_t p = 1;
        while (p < n) p <<= 1;
        return p;
    }
    const size_t mask_;
    std::unique_ptr<Slot[]> slots_;
    size_t head_ = 0;  // consumer thread only
    size_t tail_ = 0;  // consumer thread only
};

}  // namespace herald::app
