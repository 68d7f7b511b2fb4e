#pragma once
// Builds the dead letter of a message herald cannot use, bounded to the producer's
// message.max.bytes whatever the original carried (docs/events.md, "Dead letters"):
//  - herald's own headers come first: herald-error, herald-error-detail, herald-source-topic,
//    -partition, -offset, then herald-original-bytes / herald-original-key-bytes /
//    herald-dropped-headers when something was cut;
//  - the original headers follow, in order, while they fit their share (min(64 KiB, limit / 8));
//    one whose name starts with "herald-" (any case) is renamed "original-herald-...", so a
//    message cannot forge herald's headers;
//  - the key is cut to min(4 KiB, limit / 16) bytes, the value to max-event-bytes or what is left.
//
//   herald::output::DeadLetterBuilder dl(message_max_bytes, max_event_bytes);
//   dl.build({topic, partition, offset, key, value, true, headers, n, "invalid_json", detail});
//   producer.produce({dlq_topic, dl.key(), dl.value(), dl.headers()});
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "herald/kafka/types.hpp"

namespace herald::output {

struct DeadLetterInput {
    std::string_view topic;  // where the original is (herald-source-*)
    int32_t partition = -1;
    int64_t offset = -1;
    std::string_view key;
    std::string_view value;
    bool has_value = true;  // false: the dead letter has no value (a tombstone, alert_rejected)
    const kafka::Header* headers = nullptr;  // the original headers
    size_t header_count = 0;
    std::string_view code;    // herald-error
    std::string_view detail;  // herald-error-detail
};

class DeadLetterBuilder {
public:
    DeadLetterBuilder(size_t message_max_bytes, size_t max_event_bytes);

    // The views below point into `in`'s memory and this builder: valid until the next build.
    void build(const DeadLetterInput& in);

    std::string_view key() const { return key_; }
    std::string_view value() const { return value_; }
    bool has_value() const { return has_value_; }
    const std::vector<kafka::Header>& headers() const { return headers_; }
    // Whether the key or value was cut or original headers were left out.
    bool truncated() const { return truncated_; }
    // What the message costs against message.max.bytes: key, value, and each header's name and
    // value with its framing (kHeaderFraming).
    size_t wire_size() const;

    static constexpr size_t kHeaderFraming = 16;
    static constexpr std::string_view kRenamePrefix = "original-";

private:
    size_t limit_, max_event_bytes_, key_cap_, header_share_;
    std::string_view key_, value_;
    bool has_value_ = true, truncated_ = false;
    std::vector<kafka::Header> headers_;
    std::string detail_, names_;
    std::vector<std::pair<size_t, size_t>> renamed_;  // (index in headers_, offset in names_)
    char partition_[16] = {}, offset_[24] = {}, value_bytes_[24] = {}, key_bytes_[24] = {}, dropped_[24] = {};
};

}  // namespace herald::output
