#pragma once
// Conversions between TopicPartition vectors and librdkafka partition lists (internal).
#include <string>
#include <vector>

#include "handles.hpp"
#include "herald/kafka/types.hpp"

namespace herald::kafka::detail {

ListPtr to_list(const std::vector<TopicPartition>& tps);
std::vector<TopicPartition> from_list(const rd_kafka_topic_partition_list_t* list);
// Copies offsets and per-partition errors back into tps (matched by topic and partition).
void copy_back(const rd_kafka_topic_partition_list_t* list, std::vector<TopicPartition>& tps);
// First per-partition error as "topic[partition]: message", or "" when none.
std::string first_partition_error(const rd_kafka_topic_partition_list_t* list);

}  // namespace herald::kafka::detail
