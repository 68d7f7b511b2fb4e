#pragma once
// Conversions between TopicPartition vectors and librdkafka partition lists (internal).
#include <librdkafka/rdkafka.h>

#include <memory>
#include <vector>

#include "herald/kafka/types.hpp"

namespace herald::kafka::detail {

struct ListDeleter {
    void operator()(rd_kafka_topic_partition_list_t* list) const { rd_kafka_topic_partition_list_destroy(list); }
};
using ListPtr = std::unique_ptr<rd_kafka_topic_partition_list_t, ListDeleter>;

ListPtr to_list(const std::vector<TopicPartition>& tps);
std::vector<TopicPartition> from_list(const rd_kafka_topic_partition_list_t* list);
// Copies offsets and per-partition errors back into tps (matched by topic and partition).
void copy_back(const rd_kafka_topic_partition_list_t* list, std::vector<TopicPartition>& tps);
// First per-partition error as "topic[partition]: message", or "" when none.
std::string first_partition_error(const rd_kafka_topic_partition_list_t* list);

}  // namespace herald::kafka::detail
