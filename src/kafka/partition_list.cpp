#include "partition_list.hpp"

#include <string>

namespace herald::kafka::detail {

ListPtr to_list(const std::vector<TopicPartition>& tps) {
    ListPtr list(rd_kafka_topic_partition_list_new(static_cast<int>(tps.size())));
    for (const auto& tp : tps)
        rd_kafka_topic_partition_list_add(list.get(), tp.topic.c_str(), tp.partition)->offset = tp.offset;
    return list;
}

std::vector<TopicPartition> from_list(const rd_kafka_topic_partition_list_t* list) {
    std::vector<TopicPartition> tps;
    if (!list) return tps;
    tps.reserve(static_cast<size_t>(list->cnt));
    for (int i = 0; i < list->cnt; ++i) {
        const auto& e = list->elems[i];
        tps.push_back({e.topic, e.partition, e.offset, static_cast<int>(e.err)});
    }
    return tps;
}

void copy_back(const rd_kafka_topic_partition_list_t* list, std::vector<TopicPartition>& tps) {
    for (auto& tp : tps) {
        const rd_kafka_topic_partition_t* e = rd_kafka_topic_partition_list_find(list, tp.topic.c_str(), tp.partition);
        if (!e) continue;
        tp.offset = e->offset;
        tp.error = static_cast<int>(e->err);
    }
}

std::string first_partition_error(const rd_kafka_topic_partition_list_t* list) {
    for (int i = 0; i < list->cnt; ++i) {
        const auto& e = list->elems[i];
        if (e.err)
            return std::string(e.topic) + "[" + std::to_string(e.partition) + "]: " + rd_kafka_err2str(e.err);
    }
    return {};
}

}  // namespace herald::kafka::detail
