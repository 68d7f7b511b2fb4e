#pragma once
// Finds the child of a prometheus Family by label values without taking a lock once the child
// exists, so hot-path code can look up e.g. alerts_published{rule,severity} per alert.
// Misses (first use of a label set) lock, create the child and publish it: a rare path.
//
//   auto& family = prometheus::BuildCounter().Name("x_total").Help("...").Register(registry);
//   herald::telemetry::LabelCache<prometheus::Counter, 2> cache(family, {"rule", "severity"});
//   cache.get({"aws-growth", "high"}).Increment();
//
// Children are never removed: label sets must come from a bounded vocabulary (codes, rule ids),
// or the cache is given a maximum size and try_get() refuses new label sets beyond it (label
// values taken from input, e.g. tickers: 20,000 events naming new companies made 20,000 series).
#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <prometheus/family.h>
#include <prometheus/labels.h>

#include "herald/core/hash.hpp"

namespace herald::telemetry {

template <typename Metric, size_t N>
class LabelCache {
public:
    using Values = std::array<std::string_view, N>;

    // max_entries 0: unbounded.
    LabelCache(prometheus::Family<Metric>& family, std::array<std::string, N> label_names, size_t max_entries = 0)
        : family_(family), names_(std::move(label_names)), max_entries_(max_entries) {
        publish(16);
    }
    LabelCache(const LabelCache&) = delete;
    LabelCache& operator=(const LabelCache&) = delete;

    Metric& get(const Values& values) {
        const uint64_t h = hash(values);
        const Table* table = current_.load(std::memory_order_acquire);
        if (Metric* found = find(*table, h, values)) return *found;
        return *insert(h, values, false);
    }

    // The child, or null for a new label set once max_entries exist (nothing is created).
    Metric* try_get(const Values& values) {
        const uint64_t h = hash(values);
        const Table* table = current_.load(std::memory_order_acquire);
        if (Metric* found = find(*table, h, values)) return found;
        if (full_.load(std::memory_order_relaxed)) return nullptr;
        return insert(h, values, true);
    }

    size_t size() const {
        std::lock_guard lock(mutex_);
        return entries_.size();
    }

private:
    struct Entry {
        uint64_t hash;
        std::array<std::string, N> values;
        Metric* metric;
    };
    // Open addressing, linear probing; a slot is written once (release) and never changes.
    struct Table {
        size_t mask;
        std::unique_ptr<std::atomic<const Entry*>[]> slots;
    };

    static uint64_t hash(const Values& values) {
        uint64_t h = core::kFnvOffset;
        for (std::string_view v : values) h = core::fnv1a64(std::string_view("\x1f", 1), core::fnv1a64(v, h));
        return core::mix64(h);
    }

    static Metric* find(const Table& table, uint64_t h, const Values& values) {
        for (size_t i = h & table.mask;; i = (i + 1) & table.mask) {
            const Entry* e = table.slots[i].load(std::memory_order_acquire);
            if (e == nullptr) return nullptr;
            if (e->hash == h && equal(*e, values)) return e->metric;
        }
    }

    static bool equal(const Entry& e, const Values& values) {
        for (size_t i = 0; i < N; ++i)
            if (e.values[i] != values[i]) return false;
        return true;
    }

    static void place(Table& table, const Entry* e) {
        size_t i = e->hash & table.mask;
        while (table.slots[i].load(std::memory_order_relaxed) != nullptr) i = (i + 1) & table.mask;
        table.slots[i].store(e, std::memory_order_release);
    }

    // Builds a table of the given capacity holding every entry and makes it current. Old tables
    // stay allocated (readers may still hold them); capacities double, so the total stays O(n).
    void publish(size_t capacity) {
        auto table = std::make_unique<Table>();
        table->mask = capacity - 1;
        table->slots = std::make_unique<std::atomic<const Entry*>[]>(capacity);
        for (size_t i = 0; i < capacity; ++i) table->slots[i].store(nullptr, std::memory_order_relaxed);
        for (const Entry& e : entries_) place(*table, &e);
        current_.store(table.get(), std::memory_order_release);
        tables_.push_back(std::move(table));
    }

    Metric* insert(uint64_t h, const Values& values, bool bounded) {
        std::lock_guard lock(mutex_);
        Table* table = tables_.back().get();
        if (Metric* found = find(*table, h, values)) return found;
        if (bounded && max_entries_ != 0 && entries_.size() >= max_entries_) {
            full_.store(true, std::memory_order_relaxed);
            return nullptr;
        }
        prometheus::Labels labels;
        Entry entry{h, {}, nullptr};
        for (size_t i = 0; i < N; ++i) {
            entry.values[i] = std::string(values[i]);
            labels.emplace(names_[i], entry.values[i]);
        }
        entry.metric = &family_.Add(labels);
        const Entry& added = entries_.emplace_back(std::move(entry));
        if (entries_.size() * 2 > table->mask + 1) {
            publish((table->mask + 1) * 2);  // includes the new entry
        } else {
            place(*table, &added);
        }
        return added.metric;
    }

    prometheus::Family<Metric>& family_;
    const std::array<std::string, N> names_;
    const size_t max_entries_;
    std::atomic<bool> full_{false};  // try_get's fast refusal once max_entries_ exist
    mutable std::mutex mutex_;
    std::deque<Entry> entries_;  // stable addresses
    std::vector<std::unique_ptr<Table>> tables_;
    std::atomic<const Table*> current_{nullptr};
};

}  // namespace herald::telemetry
