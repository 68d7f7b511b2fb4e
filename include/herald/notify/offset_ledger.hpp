#pragma once
// Which offsets of each partition are done (delivered everywhere or dead-lettered), so that the
// offset stored for commit never passes an alert still on its way (internal to herald notify).
//
//   OffsetLedger ledger;
//   uint64_t gen = ledger.add(3, 1200);                // read
//   int64_t next = ledger.done(3, gen, 1200);          // 1201: store it; -1: nothing new to store
//   ledger.drop(3);                                    // revoked: later done() calls are ignored
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <utility>

namespace herald::notify {

class OffsetLedger {
public:
    // Offsets of a partition must be added in increasing order. Returns the partition's generation.
    uint64_t add(int32_t partition, int64_t offset);
    // Marks an offset done; returns the next offset to store when the done prefix grew, else -1.
    int64_t done(int32_t partition, uint64_t generation, int64_t offset);
    void drop(int32_t partition);
    size_t pending() const { return pending_; }

private:
    struct Partition {
        uint64_t generation = 0;
        std::deque<std::pair<int64_t, bool>> offsets;  // (offset, done) in read order
    };
    std::map<int32_t, Partition> partitions_;
    uint64_t next_generation_ = 1;
    size_t pending_ = 0;
};

}  // namespace herald::notify
