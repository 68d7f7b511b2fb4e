#include "herald/app/pipeline/state_rebuild.hpp"

#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

#include "herald/core/deadline.hpp"
#include "herald/kafka/reader.hpp"

namespace herald::app {

namespace {

// Between reads of the rebuild: false, with the reason in `error`, once it must end.
struct Limits {
    core::Deadline deadline;
    const std::function<bool()>& cancelled;
    bool go_on(std::string& error) const {
        if (cancelled && cancelled()) {
            error = "cancelled";
            return false;
        }
        return !deadline.expired();
    }
    // A broker query's timeout: at most 5 s, so a cancel is seen between queries.
    int query_ms() const { return deadline.left_ms(0, 5000); }
};

// Reads from `offset` until a message at or after it arrives; its timestamp goes to `ts`.
bool timestamp_at(kafka::Reader& reader, const std::string& topic, int32_t partition, int64_t offset,
                  const Limits& limits, int64_t& ts, int64_t& found_offset, std::string& error) {
    if (!reader.assign({{topic, partition, offset, 0}}, error)) return false;
    std::vector<kafka::Message> batch;
    while (limits.go_on(error)) {
        batch.clear();
        reader.consume_batch(batch, 1, 100);
        for (const auto& m : batch) {
            if (m.error() != 0 || m.partition() != partition || m.offset() < offset) continue;
            ts = m.timestamp_ms();
            found_offset = m.offset();
            return true;
        }
    }
    if (error.empty())
        error = "no message at offset " + std::to_string(offset) + " of " + topic + "/" + std::to_string(partition) +
                " before the deadline";
    return false;
}

// The newest timestamp the rules saw: the message just before the committed offset `end` (a
// transaction marker there has no message, so read forward from a little earlier).
bool last_timestamp(kafka::Reader& reader, const StateRebuildOptions& o, int64_t low, int64_t end, const Limits& limits,
                    int64_t& last_ts, std::string& error) {
    int64_t at = 0;
    if (!timestamp_at(reader, o.topic, o.partition, std::max(low, end - 16), limits, last_ts, at, error)) return false;
    std::vector<kafka::Message> batch;
    while (at < end - 1 && limits.go_on(error)) {  // walk to the last message before `end`
        batch.clear();
        reader.consume_batch(batch, 64, 100);
        for (const auto& m : batch)
            if (m.error() == 0 && m.partition() == o.partition && m.offset() < end && m.offset() > at) {
                at = m.offset();
                last_ts = m.timestamp_ms();
            }
        if (batch.empty() && reader.position(o.topic, o.partition) >= end) break;
    }
    return true;
}

// The offsets that bound the re-read: [low, end) held, `floor` the oldest --max-events allows.
struct Span {
    int64_t low, end, floor;
};

// Where the re-read starts (the first message at or after `target`, event time): the broker's
// time index when it answers inside [low, end), else a backward search.
bool start_offset(kafka::Reader& reader, const StateRebuildOptions& o, const Span& span, int64_t target,
                  const Limits& limits, int64_t& from, std::string& error) {
    std::vector<kafka::TopicPartition> lookup{{o.topic, o.partition, target, 0}};
    std::string lookup_error;
    if (error == "cancelled") return false;
    if (reader.offsets_for_times(lookup, limits.query_ms(), lookup_error) && lookup[0].error == 0 &&
        lookup[0].offset >= span.low && lookup[0].offset < span.end - 1)
        from = lookup[0].offset;
    if (from >= 0) return true;
    int64_t step = 64;
    from = span.floor;
    for (;;) {
        int64_t probe = span.end - step;
        if (probe <= span.floor) break;
        int64_t ts = 0, found = 0;
        if (!timestamp_at(reader, o.topic, o.partition, probe, limits, ts, found, error)) return false;
        if (ts < target) {
            from = probe;
            break;
        }
        step *= 2;
    }
    return true;
}

}  // namespace

bool rebuild_partition_state(const StateRebuildOptions& o, const std::function<bool(const kafka::Message&)>& each,
                             StateRebuildReport& report, std::string& error) {
    report = StateRebuildReport{};
    error.clear();
    report.to = o.committed;
    if (o.span_ms <= 0 || o.committed <= 0 || o.max_events <= 0) return true;  // nothing can matter
    const Limits limits{core::Deadline(o.timeout_ms), o.cancelled};
    // Cancelled while queued (its partition lost or aborted before the worker got to it): no
    // client to start and stop.
    if (!limits.go_on(error)) return false;
    auto reader = kafka::Reader::create(o.brokers, o.properties, error);
    if (!reader) return false;
    int64_t low = 0, high = 0;
    while (!reader->watermarks(o.topic, o.partition, low, high, limits.query_ms())) {
        if (!limits.go_on(error)) {
            if (error.empty()) error = "cannot read the offsets of " + o.topic + "/" + std::to_string(o.partition);
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));  // a quick failure: do not spin
    }
    const int64_t end = std::min(o.committed, high);
    if (end <= low) return true;
    const int64_t floor = std::max(low, end - o.max_events);

    int64_t last_ts = 0;
    if (!last_timestamp(*reader, o, low, end, limits, last_ts, error)) return false;
    int64_t from = -1;
    if (!start_offset(*reader, o, {low, end, floor}, last_ts - o.span_ms, limits, from, error)) return false;
    from = std::max(from, floor);
    report.capped = from == floor && floor > low;
    report.from = from;

    if (!reader->assign({{o.topic, o.partition, from, 0}}, error)) return false;
    std::vector<kafka::Message> batch;
    int64_t next = from;
    while (next < end) {
        if (!limits.go_on(error)) {
            if (error.empty())
                error = "re-reading " + o.topic + "/" + std::to_string(o.partition) + " [" + std::to_string(from) +
                        ", " + std::to_string(end) + ") took longer than " + std::to_string(o.timeout_ms) + " ms";
            return false;
        }
        batch.clear();
        reader->consume_batch(batch, 1024, 100);
        for (const auto& m : batch) {
            if (m.error() != 0 || m.partition() != o.partition || m.offset() < next) continue;
            if (m.offset() >= end) {
                next = end;
                break;
            }
            next = m.offset() + 1;
            ++report.events;
            if (!each(m)) return true;
        }
        // A transaction marker can be the last offset before `end`: no message will arrive for it
        // (the reader's position moves past markers).
        if (batch.empty() && reader->position(o.topic, o.partition) >= end) break;
    }
    return true;
}

}  // namespace herald::app
