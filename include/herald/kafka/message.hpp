#pragma once
// One consumed Kafka message: owns the librdkafka message and exposes views into it.
//
//   std::vector<herald::kafka::Message> batch;
//   consumer->consume_batch(batch, 500, 100);
//   for (const auto& m : batch) {
//       if (m.error()) continue;                       // only partition EOF reaches here
//       std::string_view ticker;
//       if (m.header("ticker", ticker)) { ... }
//       handle(m.topic(), m.partition(), m.offset(), m.key(), m.payload());
//   }
// Views stay valid while the Message lives (moving it keeps them valid: the storage does not move).
#include <cstdint>
#include <string>
#include <string_view>

#include "herald/kafka/types.hpp"

typedef struct rd_kafka_message_s rd_kafka_message_t;

namespace herald::kafka {

class Message {
public:
    Message() = default;
    explicit Message(rd_kafka_message_t* owned) noexcept : msg_(owned) {}
    ~Message();
    Message(Message&& other) noexcept : msg_(other.msg_) { other.msg_ = nullptr; }
    Message& operator=(Message&& other) noexcept;
    Message(const Message&) = delete;
    Message& operator=(const Message&) = delete;

    bool valid() const { return msg_ != nullptr; }  // false for a default-constructed/moved-from Message
    int error() const;                               // 0, or rd_kafka_resp_err_t
    std::string error_string() const;
    std::string_view topic() const;
    int32_t partition() const;
    int64_t offset() const;
    std::string_view key() const;
    bool has_key() const;                            // a key was set (possibly empty)
    std::string_view payload() const;
    bool is_null() const;                            // no value at all (tombstone), distinct from ""
    int64_t timestamp_ms() const;                    // -1 when none
    bool timestamp_is_log_append() const;            // broker time rather than producer create time
    // The last header called `name`; false when absent. A header with a null value gives "".
    bool header(std::string_view name, std::string_view& value) const;
    size_t header_count() const;
    bool header_at(size_t index, Header& out) const;  // all headers in wire order

    rd_kafka_message_t* raw() const { return msg_; }
    rd_kafka_message_t* release() noexcept;  // caller takes ownership

private:
    rd_kafka_message_t* msg_ = nullptr;
};

}  // namespace herald::kafka
