#pragma once
// A topic's time range [--since, --until) read for re-evaluating rules, with the span before it
// that windowed rules need (warm-up), by a group-less reader that never commits: the live
// group's offsets never move. Shared by `herald replay --from-topic` and `herald backtest
// --from-topic`.
//
// Reading starts per partition at the offset for (since - warm-up) when the brokers can look
// times up (else at the beginning) and stops at the end offsets seen at the start. Messages are
// classified by their timestamp, so the result does not depend on the broker's time index.
//
//   TopicRange range(options, "replay", rules->max_window_ms());   // throws UsageError
//   const kafka::Message* m; bool warmup;
//   while (range.next(m, warmup)) evaluate(*m, /*suppressed=*/warmup);
//   if (range.in_range() == 0) fail("nothing to replay: " + range.why_empty());
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "herald/app/options.hpp"
#include "herald/kafka/message.hpp"

namespace herald::kafka {
class Reader;
}

namespace herald::app {

class TopicRange {
public:
    // Reads --brokers, --from-topic, --since, --until and --kafka. A missing topic, bad times or an
    // unreachable cluster throw (UsageError for what the user can fix, naming `command`).
    TopicRange(const Options& o, const std::string& command, int64_t warmup_ms);
    ~TopicRange();
    // The checks of --since and --until alone (present, RFC 3339, in order), for a command that
    // reports them before it loads anything else.
    static void check_range_options(const Options& o, const std::string& command);
    TopicRange(const TopicRange&) = delete;
    TopicRange& operator=(const TopicRange&) = delete;

    // The next message of the range or of its warm-up (warmup = before --since), in order within
    // each partition. False when every partition is read to its end offset, or on a stop request
    // (stop_requested(), Ctrl-C).
    bool next(const kafka::Message*& message, bool& warmup);

    const std::string& topic() const { return topic_; }
    int32_t partitions() const { return partitions_; }
    int64_t since_ms() const { return since_; }
    int64_t until_ms() const { return until_; }
    std::string range_text() const;  // "[SINCE, UNTIL)" as given
    uint64_t in_range() const { return in_range_; }  // messages in [since, until) returned so far
    // Messages to read in all (warm-up, range and whatever lies past --until up to the end offsets)
    // and read so far: the progress of the read.
    int64_t to_read() const { return to_read_; }
    int64_t read() const { return static_cast<int64_t>(read_); }
    // Why in_range() is 0: an empty topic, nothing at or after the warm-up start, or the span of
    // the timestamps read.
    std::string why_empty() const;

private:
    struct Partition;
    std::string command_, topic_, brokers_, since_text_, until_text_;
    int64_t since_ = 0, until_ = 0, warm_from_ = 0;
    int32_t partitions_ = 0;
    std::unique_ptr<kafka::Reader> reader_;
    std::vector<Partition> ranges_;  // by partition number; empty ones never read
    size_t open_ = 0;                // partitions not yet read to their end
    std::vector<kafka::Message> batch_;
    size_t next_in_batch_ = 0;
    int64_t stored_ = 0, to_read_ = 0;
    uint64_t read_ = 0, in_range_ = 0;
    int64_t first_ts_ = INT64_MAX, last_ts_ = INT64_MIN;
};

}  // namespace herald::app
