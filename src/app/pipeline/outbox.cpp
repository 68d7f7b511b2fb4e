#include "herald/app/pipeline/outbox.hpp"

#include "herald/kafka/consumer.hpp"

namespace herald::app {

kafka::Error KafkaTransactions::commit(const std::vector<kafka::TopicPartition>& offsets) {
    if (kafka::Error e = producer_.send_offsets_to_transaction(*consumer_, offsets, 30000)) return e;
    return producer_.commit_transaction(60000);
}

bool KafkaTransactions::seek(const std::vector<kafka::TopicPartition>& tps, int timeout_ms, std::string& error) {
    return consumer_->seek(tps, timeout_ms, error);
}

}  // namespace herald::app
