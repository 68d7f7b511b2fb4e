#pragma once
// The consumer's liveness watch: notices owned partitions whose data the brokers hold but herald
// does not receive, for how long, and decides when to restart their fetch or give up.
//
// librdkafka 2.0.2 can leave a partition's fetcher idle for good after an outage (issue 20,
// docs/operations.md "Stalled fetches"). A partition is *waiting* when the broker's end offset is
// beyond herald's position (its next offset, or, with nothing delivered since the assignment, the
// log start: auto.offset.reset=earliest); it is *stalled* when it has waited that way, without a
// message delivered, for stall_ms. The clock starts when the watch first sees the data waiting,
// not at the partition's last message: a quiet partition that just received data is not stalled.
//
//   FetchWatch watch({.stall_ms = 30000});
//   // consumer thread, every check_every_ns():
//   std::vector<int32_t> ask = watch.suspects(observations, now);  // no message since the last check
//   ... ask the brokers for log start and end of `ask`, fill them into the observations ...
//   for (const FetchWatch::Verdict& v : watch.judge(observations, now)) restart or give up;
//   watch.stalled()  // for /readyz: partitions stalled now, worst first
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace herald::app {

struct FetchWatchOptions {
    int64_t stall_ms = 30000;  // 0: the watch is off
    int max_restarts = 3;      // restarts of a partition that still delivers nothing before giving up
    // auto.offset.reset is latest/end: a partition with nothing delivered starts where the log
    // ended when the watch first looked, not at the log start.
    bool reset_to_end = false;
};

// What the consumer thread knows of one owned partition at a check.
struct FetchObservation {
    int32_t partition = 0;
    int64_t next_offset = -1;      // next offset herald expects; -1: nothing delivered since assignment
    int64_t last_message_ns = 0;   // steady ns of the last delivered message, or of the assignment
    int64_t log_start = -1;        // from the brokers (-1: not asked or unknown)
    int64_t log_end = -1;
};

class FetchWatch {
public:
    enum class Action { restart, give_up };
    struct Verdict {
        int32_t partition = 0;
        Action action = Action::restart;
        int64_t restart_at = -1;  // offset to restart from: where herald is, or would have started
        int64_t position = -1;
        int64_t log_end = -1;
        int64_t waited_ms = 0;    // how long the data has waited without progress
        int restarts = 0;         // restarts so far, this one included
    };
    struct Stalled {
        int32_t partition = 0;
        int64_t waited_ms = 0;
        int64_t position = -1, log_end = -1;
        int restarts = 0;
    };

    explicit FetchWatch(FetchWatchOptions options);

    bool enabled() const { return options_.stall_ms > 0; }
    // How often the consumer thread should check: often enough that a stall is seen within a
    // quarter of stall_ms of its threshold, at most every 5 s.
    int64_t check_every_ns() const;
    // A partition came or went: its watch starts over.
    void forget(int32_t partition);
    // herald paused consumption itself (backpressure): waits so far do not count.
    void reset();
    // The partitions worth asking the brokers about: no message since the last check.
    std::vector<int32_t> suspects(const std::vector<FetchObservation>& owned, int64_t now_ns);
    // Given the brokers' answers (log_end < 0: unknown, the partition is left as it was), updates
    // how long each partition has waited and returns what to do with the stalled ones.
    std::vector<Verdict> judge(const std::vector<FetchObservation>& owned, int64_t now_ns);
    // After restarting a partition's fetch.
    void restarted(int32_t partition, int64_t now_ns);
    // Partitions stalled at the last judge(), longest wait first.
    const std::vector<Stalled>& stalled() const { return stalled_; }

private:
    struct State {
        int64_t waiting_since_ns = 0;  // 0: not seen waiting since its last message
        int64_t last_restart_ns = 0;
        int restarts = 0;              // since its last message
        int64_t assumed_start = -1;    // reset_to_end: the log end first seen, where it would start
        int64_t seen_message_ns = 0;   // last_message_ns at the previous judge()
    };
    FetchWatchOptions options_;
    std::map<int32_t, State> states_;
    int64_t last_check_ns_ = 0;
    std::vector<Stalled> stalled_;
};

// One line for /readyz and logs: "partition 3 has had fetchable data for 42 s without progress
// (next offset 0, broker end 120, fetch restarted 1 time); 2 more partitions stalled".
std::string describe_stalled(const std::vector<FetchWatch::Stalled>& stalled);

}  // namespace herald::app
