#include "herald/notify/offset_ledger.hpp"

#include <algorithm>

namespace herald::notify {

uint64_t OffsetLedger::add(int32_t partition, int64_t offset) {
    Partition& p = partitions_[partition];
    if (p.generation == 0) p.generation = next_generation_++;
    p.offsets.emplace_back(offset, false);
    ++pending_;
    return p.generation;
}

int64_t OffsetLedger::done(int32_t partition, uint64_t generation, int64_t offset) {
    auto it = partitions_.find(partition);
    if (it == partitions_.end() || it->second.generation != generation) return -1;  // revoked since
    auto& offsets = it->second.offsets;
    auto at = std::lower_bound(offsets.begin(), offsets.end(), std::make_pair(offset, false));
    if (at == offsets.end() || at->first != offset || at->second) return -1;
    at->second = true;
    --pending_;
    int64_t next = -1;
    while (!offsets.empty() && offsets.front().second) {
        next = offsets.front().first + 1;
        offsets.pop_front();
    }
    return next;
}

void OffsetLedger::drop(int32_t partition) {
    auto it = partitions_.find(partition);
    if (it == partitions_.end()) return;
    for (const auto& o : it->second.offsets)
        if (!o.second) --pending_;
    partitions_.erase(it);
}

}  // namespace herald::notify
