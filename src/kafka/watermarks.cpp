#include "watermarks.hpp"

#include <algorithm>
#include <chrono>

#include "herald/core/deadline.hpp"
#include "herald/kafka/types.hpp"
#include "partition_list.hpp"

namespace herald::kafka::detail {

namespace {
// The offset ListOffsets gives for `when` (kOffsetBeginning or kOffsetEnd), or false.
bool list_offset(rd_kafka_t* rk, const std::string& topic, int32_t partition, int64_t when, int timeout_ms,
                 int64_t& offset) {
    ListPtr list(rd_kafka_topic_partition_list_new(1));
    rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), partition)->offset = when;
    if (rd_kafka_offsets_for_times(rk, list.get(), timeout_ms) != RD_KAFKA_RESP_ERR_NO_ERROR) return false;
    const rd_kafka_topic_partition_t& p = list->elems[0];
    if (p.err != RD_KAFKA_RESP_ERR_NO_ERROR || p.offset < 0) return false;
    offset = p.offset;
    return true;
}
}  // namespace

bool query_watermarks(rd_kafka_t* rk, const std::string& topic, int32_t partition, int64_t& low, int64_t& high,
                      int timeout_ms) {
    const core::Deadline deadline(timeout_ms);
    auto left = [&deadline] { return deadline.left_ms(1); };
    int64_t first = 0, end = 0;
    if (!list_offset(rk, topic, partition, kOffsetBeginning, left(), first)) return false;
    if (!list_offset(rk, topic, partition, kOffsetEnd, left(), end)) return false;
    low = first;
    high = std::max(first, end);
    return true;
}

}  // namespace herald::kafka::detail
