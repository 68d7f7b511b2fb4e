#include "herald/app/topic_range.hpp"

#include <algorithm>
#include <stdexcept>

#include "herald/app/engine_runner.hpp"
#include "herald/core/time.hpp"
#include "herald/kafka/reader.hpp"

namespace herald::app {

struct TopicRange::Partition {
    int64_t warmup = 0;  // first offset read
    int64_t end = 0;     // first offset not read (the end of the partition when reading started)
    int64_t next = 0;    // next offset expected
    bool open() const { return next < end; }
};

namespace {
// A topic the brokers do not have is a mistake in the command (exit 2), said with what is there.
void require_topic(const kafka::Reader& reader, const std::string& command, const std::string& topic,
                   const std::string& brokers) {
    std::vector<std::string> names;
    std::string error;
    if (!reader.topic_names(names, 10000, error)) throw std::runtime_error(error + " (brokers " + brokers + ")");
    if (std::find(names.begin(), names.end(), topic) != names.end()) return;
    std::sort(names.begin(), names.end());
    std::string have;
    size_t shown = 0;
    for (const auto& n : names) {
        if (n.rfind("__", 0) == 0) continue;  // internal topics (__consumer_offsets, ...)
        if (shown++ == 10) {
            have += ", ...";
            break;
        }
        have += (have.empty() ? "" : ", ") + n;
    }
    throw UsageError("herald " + command + ": topic '" + topic + "' does not exist on " + brokers +
                     (have.empty() ? std::string(" (it has no topics)") : " (its topics: " + have + ")") +
                     "; check --from-topic and --brokers");
}

int64_t time_option(const Options& o, const std::string& command, const std::string& key) {
    int64_t ms = 0;
    if (!core::parse_rfc3339(o.get(key), ms))
        throw UsageError("herald " + command + ": --" + key + " '" + o.get(key) +
                         "' is not an RFC 3339 time like 2026-11-01T00:00:00Z");
    return ms;
}
}  // namespace

void TopicRange::check_range_options(const Options& o, const std::string& command) {
    if (!o.has("since") || !o.has("until"))
        throw UsageError("herald " + command + ": --from-topic needs --since and --until");
    const int64_t since = time_option(o, command, "since"), until = time_option(o, command, "until");
    if (until <= since)
        throw UsageError("herald " + command + ": --until must be after --since");
}

TopicRange::TopicRange(const Options& o, const std::string& command, int64_t warmup_ms)
    : command_(command), topic_(o.get("from-topic")), brokers_(o.get("brokers")) {
    check_range_options(o, command);
    if (brokers_.empty()) throw UsageError("herald " + command + ": --from-topic needs --brokers HOST:PORT");
    since_text_ = o.get("since");
    until_text_ = o.get("until");
    since_ = time_option(o, command, "since");
    until_ = time_option(o, command, "until");
    warm_from_ = since_ - warmup_ms;

    std::string error;
    reader_ = kafka::Reader::create(brokers_, o.kafka, error);
    if (!reader_) throw UsageError("herald " + command + ": cannot create a Kafka reader: " + error);
    require_topic(*reader_, command, topic_, brokers_);
    partitions_ = reader_->partition_count(topic_, 10000, error);
    if (partitions_ <= 0) throw UsageError("herald " + command + ": cannot read topic '" + topic_ + "': " + error);

    std::vector<kafka::TopicPartition> warm;
    for (int32_t p = 0; p < partitions_; ++p) warm.push_back({topic_, p, warm_from_, 0});
    if (!reader_->offsets_for_times(warm, 10000, error)) warm.clear();
    std::vector<kafka::TopicPartition> assignment;
    ranges_.resize(static_cast<size_t>(partitions_));
    for (int32_t p = 0; p < partitions_; ++p) {
        int64_t low = 0, high = 0;
        if (!reader_->watermarks(topic_, p, low, high, 10000))
            throw std::runtime_error("cannot read the end offsets of '" + topic_ + "'");
        stored_ += high - low;
        Partition& r = ranges_[static_cast<size_t>(p)];
        r.warmup = low;
        const auto& w = warm.empty() ? kafka::TopicPartition{} : warm[static_cast<size_t>(p)];
        if (!warm.empty() && w.error == 0 && w.offset >= low) r.warmup = std::min(w.offset, high);
        r.end = high;
        r.next = r.warmup;
        if (!r.open()) continue;
        to_read_ += r.end - r.warmup;
        ++open_;
        assignment.push_back({topic_, p, r.warmup, 0});
    }
    if (!assignment.empty() && !reader_->assign(assignment, error)) throw std::runtime_error("assign: " + error);
}

TopicRange::~TopicRange() = default;

bool TopicRange::next(const kafka::Message*& message, bool& warmup) {
    for (;;) {
        while (next_in_batch_ < batch_.size()) {
            const kafka::Message& m = batch_[next_in_batch_++];
            if (m.error() != 0 || m.topic() != topic_ || m.partition() < 0 || m.partition() >= partitions_) continue;
            Partition& r = ranges_[static_cast<size_t>(m.partition())];
            if (m.offset() < r.next || !r.open()) continue;  // already past it (a redelivery) or the range
            r.next = m.offset() + 1;
            if (!r.open()) --open_;
            const int64_t ts = m.timestamp_ms();
            ++read_;
            first_ts_ = std::min(first_ts_, ts);
            last_ts_ = std::max(last_ts_, ts);
            if (ts < warm_from_ || ts >= until_) continue;  // outside the range and its warm-up
            warmup = ts < since_;
            in_range_ += !warmup;
            message = &m;
            return true;
        }
        if (open_ == 0 || stop_requested().load()) return false;
        batch_.clear();
        next_in_batch_ = 0;
        reader_->consume_batch(batch_, 1024, 200);
    }
}

std::string TopicRange::range_text() const { return "[" + since_text_ + ", " + until_text_ + ")"; }

std::string TopicRange::why_empty() const {
    if (stored_ == 0)
        return "topic '" + topic_ + "' is empty (" + std::to_string(partitions_) + " partitions, no messages)";
    if (read_ == 0)
        return "no message of '" + topic_ + "' is at or after " + core::format_rfc3339(warm_from_) +
               " (--since less the rules' longest window)";
    return "none of the " + std::to_string(read_) + " messages read from '" + topic_ + "' has a timestamp in " +
           range_text() + "; they span " + core::format_rfc3339(first_ts_) + " to " + core::format_rfc3339(last_ts_);
}

}  // namespace herald::app
