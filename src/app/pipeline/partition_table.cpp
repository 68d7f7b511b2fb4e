#include "herald/app/pipeline/partition_table.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include <prometheus/gauge.h>

namespace herald::app {

void PartitionProbe::set_assigned(int32_t n) {
    assigned_.store(n, std::memory_order_release);
    if (gauge_) gauge_->Set(n);
}

PartitionTable::PartitionTable(Options options, PartitionProbe& probe)
    : options_(options), probe_(probe) {
    if (options_.workers == 0) options_.workers = 1;
}

PartitionState* PartitionTable::find(int32_t partition) const {
    if (partition < 0 || static_cast<size_t>(partition) >= states_.size()) return nullptr;
    return states_[static_cast<size_t>(partition)].get();
}

PartitionState* PartitionTable::take(int32_t partition, int64_t committed, std::shared_ptr<const rules::RuleSet> rules,
                                     uint64_t version, int64_t now_ns) {
    if (partition < 0) return nullptr;
    const size_t p = static_cast<size_t>(partition);
    if (p >= states_.size()) states_.resize(p + 1);
    if (states_[p]) return nullptr;
    auto ps = std::make_unique<PartitionState>(partition, p % options_.workers, options_.max_inflight,
                                               std::move(rules), version);
    if (p >= produced_.size()) produced_.resize(p + 1);
    if (!produced_[p]) produced_[p] = std::make_shared<ProducedAlerts>();
    ps->produced = produced_[p];
    ps->next_offset = committed >= 0 ? committed : -1;
    ps->txn_committed = committed >= 0 ? committed : -1;
    ps->last_message_ns = now_ns;
    states_[p] = std::move(ps);
    update_probe();
    return states_[p].get();
}

PartitionState& PartitionTable::renew(PartitionState& old, std::shared_ptr<const rules::RuleSet> rules,
                                      uint64_t version, uint64_t epoch, int64_t now_ns) {
    auto& slot = states_[static_cast<size_t>(old.partition)];
    auto fresh = std::make_unique<PartitionState>(old.partition, old.worker, options_.max_inflight, std::move(rules),
                                                  version);
    fresh->produced = old.produced;
    fresh->txn_committed = old.txn_committed;
    fresh->next_offset = old.txn_committed;
    fresh->last_message_ns = now_ns;
    fresh->born_in_rewind = epoch;
    slot = std::move(fresh);
    return *slot;
}

void PartitionTable::drop(int32_t partition) {
    if (!find(partition)) return;
    states_[static_cast<size_t>(partition)].reset();
    update_probe();
}

void PartitionTable::retire(int32_t partition) {
    PartitionState* ps = find(partition);
    if (!ps) return;
    ps->lost.store(true, std::memory_order_release);
    ps->leaving.store(true, std::memory_order_release);
    auto& slot = states_[static_cast<size_t>(partition)];
    if (!ps->idle()) retired_.push_back(std::move(slot));
    slot.reset();
    update_probe();
}

void PartitionTable::reap_retired() {
    std::erase_if(retired_, [](const std::unique_ptr<PartitionState>& ps) { return ps->settled(); });
}

void PartitionTable::store_done(const OffsetSink& sink) {
    for (auto& ps : states_) {
        int64_t next;
        if (!ps || !ps->tracker.advance(next)) continue;
        if (ps->lost.load(std::memory_order_relaxed)) continue;
        sink(ps->partition, next);
        ps->stored = next;
    }
}

bool PartitionTable::busy(const std::vector<int32_t>& which) const {
    for (const auto& ps : states_) {
        if (!ps) continue;
        const bool selected =
            which.empty() || std::find(which.begin(), which.end(), ps->partition) != which.end();
        if (selected && ((!ps->tracker.empty() && !ps->tracker.head_failed()) ||
                         ps->rebuilding.load(std::memory_order_acquire)))
            return true;
    }
    return false;
}

bool PartitionTable::drain(const std::vector<int32_t>& which, int64_t timeout_ms, const OffsetSink& sink) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;) {
        store_done(sink);
        if (!busy(which)) return true;
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

bool PartitionTable::settled() const {
    auto done = [](const std::unique_ptr<PartitionState>& ps) { return !ps || ps->settled(); };
    return std::all_of(states_.begin(), states_.end(), done) && std::all_of(retired_.begin(), retired_.end(), done);
}

size_t PartitionTable::in_flight() const {
    size_t n = 0;
    for (const auto& ps : states_)
        if (ps) n += ps->tracker.in_flight();
    return n;
}

int32_t PartitionTable::count() const {
    int32_t n = 0;
    for (const auto& ps : states_) n += ps != nullptr;
    return n;
}

std::vector<PartitionState*> PartitionTable::owned() const {
    std::vector<PartitionState*> out;
    for (const auto& ps : states_)
        if (ps) out.push_back(ps.get());
    return out;
}

void PartitionTable::update_probe() { probe_.set_assigned(count()); }

}  // namespace herald::app
