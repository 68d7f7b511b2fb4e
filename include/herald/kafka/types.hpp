#pragma once
// Plain value types shared by every herald::kafka handle.
//
//   herald::kafka::Properties extra{{"session.timeout.ms", "6000"}, {"fetch.wait.max.ms", "50"}};
//   herald::kafka::TopicPartition tp{"news", 3, 1234};   // topic, partition, offset
//   herald::kafka::Header h{"herald-error", "invalid_json"};
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

typedef struct rd_kafka_s rd_kafka_t;

namespace herald::kafka {

// librdkafka configuration properties, applied in order after herald's defaults (so they win).
using Properties = std::vector<std::pair<std::string, std::string>>;

// RD_KAFKA_OFFSET_INVALID: "no offset" (nothing committed, or not looked up yet).
inline constexpr int64_t kOffsetInvalid = -1001;
// RD_KAFKA_OFFSET_BEGINNING / RD_KAFKA_OFFSET_END, usable as start offsets for Reader::assign.
inline constexpr int64_t kOffsetBeginning = -2;
inline constexpr int64_t kOffsetEnd = -1;

struct TopicPartition {
    std::string topic;
    int32_t partition = 0;
    int64_t offset = kOffsetInvalid;
    int error = 0;  // per-partition result of lookups (committed, offsets_for_times), 0 when fine
};

// A message header; views into memory the caller (produce) or the Message (consume) owns.
struct Header {
    std::string_view name;
    std::string_view value;
};

// Error callback shape shared by Consumer, Reader and Producer: librdkafka error code
// (rd_kafka_resp_err_t), a one-line reason, and whether the client can no longer work.
using ErrorCallback = std::function<void(int err, const std::string& reason, bool fatal)>;

namespace detail {
// Owns a client handle (rd_kafka_destroy); the clients' headers name it without rdkafka.h.
struct ClientDeleter {
    void operator()(rd_kafka_t* rk) const;
};
using ClientPtr = std::unique_ptr<rd_kafka_t, ClientDeleter>;
}  // namespace detail

}  // namespace herald::kafka
