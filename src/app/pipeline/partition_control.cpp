#include "herald/app/pipeline/partition_control.hpp"

#include "herald/kafka/consumer.hpp"

namespace herald::app {

void KafkaPartitionControl::pause(const std::vector<kafka::TopicPartition>& tps) { consumer_.pause(tps); }

void KafkaPartitionControl::resume(const std::vector<kafka::TopicPartition>& tps) { consumer_.resume(tps); }

bool KafkaPartitionControl::offsets_for_times(std::vector<kafka::TopicPartition>& tps, int timeout_ms,
                                              std::string& error) {
    return consumer_.offsets_for_times(tps, timeout_ms, error);
}

bool KafkaPartitionControl::refresh_metadata(const std::string& topic, int timeout_ms, std::string& error,
                                             std::vector<int32_t>* leaders) {
    return consumer_.refresh_metadata(topic, timeout_ms, error, leaders);
}

bool KafkaPartitionControl::restart_partitions(const std::vector<kafka::TopicPartition>& tps, int timeout_ms,
                                               std::string& error) {
    return consumer_.restart_partitions(tps, timeout_ms, error);
}

}  // namespace herald::app
