// Reading the alerts topic back to the committed offset to rebuild the firing set (see the header).
#include "herald/notify/firing_read_back.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>

#include "herald/kafka/reader.hpp"
#include "herald/notify/alert.hpp"

namespace herald::notify {

namespace {

struct Range {
    int64_t from = 0, end = 0;  // [from, end): end is the committed offset
    int64_t next = 0;           // the next offset still to apply
};

int remaining_ms(std::chrono::steady_clock::time_point until) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
    return static_cast<int>(std::clamp<int64_t>(left.count(), 0, 10000));
}

// Where each partition's read starts: the broker's time index for now - active_for (an older
// alert has ended), kept inside the newest max_alerts_per_partition before the committed offset.
bool plan(const ReadBackOptions& o, kafka::Reader& reader, const std::vector<kafka::TopicPartition>& committed,
          std::chrono::steady_clock::time_point until, std::map<int32_t, Range>& ranges, std::string& error) {
    std::vector<kafka::TopicPartition> by_time;
    for (const kafka::TopicPartition& tp : committed) {
        if (tp.topic != o.topic || tp.offset < 0) continue;
        int64_t low = 0, high = 0;
        if (!reader.watermarks(o.topic, tp.partition, low, high, remaining_ms(until))) {
            error = "cannot read the offsets of " + o.topic + "[" + std::to_string(tp.partition) + "]";
            return false;
        }
        const int64_t end = std::min(tp.offset, high);
        if (end <= low) continue;
        ranges[tp.partition] = Range{std::max(low, end - o.max_alerts_per_partition), end, 0};
        by_time.push_back({o.topic, tp.partition, o.now_ms - o.active_for_ms, 0});
    }
    // Without an answer (the embedded broker has no time index and says -1) the bound alone: the
    // alerts read that have ended are left out below, so this costs time, not correctness.
    std::string ignored;
    if (!by_time.empty() && reader.offsets_for_times(by_time, remaining_ms(until), ignored))
        for (const kafka::TopicPartition& tp : by_time) {
            Range& r = ranges[tp.partition];
            if (tp.error == 0 && tp.offset >= 0) r.from = std::clamp(tp.offset, r.from, r.end);
        }
    for (auto& [p, r] : ranges) r.next = r.from;
    return true;
}

}  // namespace

ReadBackReport read_back_firing(const ReadBackOptions& o, const std::vector<kafka::TopicPartition>& committed,
                                ActiveAlerts& active) {
    ReadBackReport report;
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(o.timeout_ms);
    auto reader = kafka::Reader::create(o.brokers, o.properties, report.error);
    if (!reader) return report;
    std::map<int32_t, Range> ranges;
    if (!plan(o, *reader, committed, until, ranges, report.error)) return report;
    std::vector<kafka::TopicPartition> assignment;
    for (const auto& [p, r] : ranges)
        if (r.from < r.end) assignment.push_back({o.topic, p, r.from, 0});
    report.partitions = assignment.size();
    if (assignment.empty() || !reader->assign(assignment, report.error)) return report;

    std::vector<kafka::Message> batch;
    std::vector<AmAlert> am;
    NotifyAlert alert;
    std::string why;
    size_t open = assignment.size();
    while (open > 0) {
        if (o.cancel && o.cancel->load()) {
            report.error = "stopping; " + std::to_string(open) + " partition(s) left unread";
            return report;
        }
        if (std::chrono::steady_clock::now() >= until) {
            report.error = "reading back firing alerts took longer than " + std::to_string(o.timeout_ms) +
                           " ms; " + std::to_string(open) + " partition(s) left unread";
            return report;
        }
        batch.clear();
        reader->consume_batch(batch, 1024, 100);
        for (const kafka::Message& m : batch) {
            auto it = ranges.find(m.partition());
            if (m.error() != 0 || it == ranges.end() || m.offset() < it->second.next || it->second.next >= it->second.end)
                continue;
            Range& r = it->second;
            r.next = std::min(m.offset() + 1, r.end);
            if (r.next >= r.end) --open;
            if (m.offset() >= r.end) continue;
            ++report.alerts;
            if (parse_alert(m.payload(), alert, why, o.max_alert_bytes) != ParseResult::ok) continue;  // skipped then too
            am.clear();
            to_am_alerts(alert, o.active_for_ms, am);
            for (AmAlert& a : am) {
                a.partition = m.partition();
                if (a.resolved || a.ends_ms > o.now_ms) active.update(a);
            }
        }
        // A transaction marker just before the committed offset never arrives as a message.
        for (auto& [p, r] : ranges)
            if (r.next < r.end && reader->position(o.topic, p) >= r.end) {
                r.next = r.end;
                --open;
            }
    }
    return report;
}

}  // namespace herald::notify
