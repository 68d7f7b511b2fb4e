#pragma once
// What the pipeline keeps for one partition it owns, and the unit of work a worker pops.
//
// Ownership by thread: only the partition's worker touches `engine`, `published` and `history`;
// only the consumer thread touches the tracker's head/tail, `stored`, `next_offset`,
// `last_message_ns`, `txn_committed`; the flags are atomics any thread reads.
#include <atomic>
#include <cstdint>
#include <memory>
#include <unordered_set>

#include "herald/app/pipeline/alert_tail.hpp"
#include "herald/app/pipeline/offset_tracker.hpp"
#include "herald/app/pipeline/produced_alerts.hpp"
#include "herald/kafka/message.hpp"
#include "herald/rules/engine.hpp"

namespace herald::app {

struct PartitionState {
    int32_t partition = 0;
    size_t worker = 0;
    OffsetTracker tracker;
    rules::Engine engine;
    uint64_t rules_version = 0;
    // The shadow rules' own state (null: no shadow rules); only the partition's worker touches it.
    std::unique_ptr<rules::Engine> shadow_engine;
    uint64_t shadow_version = 0;
    int64_t stored = -1;
    // Next offset the consumer thread expects to dispatch (-1: unknown). A batch fetched before a
    // revoke can still hold this partition's messages when it is assigned again in the same poll,
    // and the refetch from the committed offset then repeats them: those are skipped.
    int64_t next_offset = -1;
    // When the consumer thread last dispatched a message of the partition, or got the partition
    // (steady ns): the fetch watch.
    int64_t last_message_ns = 0;
    // Set when the group took the partition away: its queued events are dropped, not published,
    // because the new owner already reprocesses them.
    std::atomic<bool> lost{false};
    // A rebuild order is queued or running on the worker: the state must outlive it. `leaving`
    // tells a running rebuild to stop because the partition is being revoked.
    std::atomic<bool> rebuilding{false};
    std::atomic<bool> leaving{false};
    // exactly-once: the input offset the last committed transaction covers (-1: none yet); an
    // abort rewinds here. born_in_rewind: the rewind that created this state (0: an assignment).
    int64_t txn_committed = -1;
    uint64_t born_in_rewind = 0;
    bool idle() const { return tracker.empty() && !rebuilding.load(std::memory_order_acquire); }
    // Every dispatched message let go and no rebuild running: nothing references the state.
    bool settled() const { return tracker.all_released() && !rebuilding.load(std::memory_order_acquire); }
    // Alerts already on the alerts topic for events at or after the committed offset (filled at
    // assignment, read by the worker): reprocessing after a crash does not publish them again.
    std::unordered_set<uint64_t> published;
    // Alerts published for events before the committed offset (same read): the rebuild follows
    // them so cooldowns stay in phase with the run that published them. Freed after the rebuild.
    PartitionAlertHistory history;
    bool have_history = false;
    // Alerts this process produced for the partition, shared by every state the partition has
    // had here (all on the same worker); merged into `published` before the first live event.
    std::shared_ptr<ProducedAlerts> produced;
    PartitionState(int32_t p, size_t w, size_t capacity, std::shared_ptr<const rules::RuleSet> rules, uint64_t version)
        : partition(p), worker(w), tracker(capacity), engine(std::move(rules)), rules_version(version) {}
};

// One entry of a worker's queue: a message to process, or an order to rebuild rule state.
struct WorkItem {
    kafka::Message message;
    PartitionState* partition = nullptr;
    OffsetTracker::Slot* slot = nullptr;  // null for a rebuild order
    int64_t rebuild_until = -1;           // >= 0: rebuild the partition's rule state from history up to here
};

}  // namespace herald::app
