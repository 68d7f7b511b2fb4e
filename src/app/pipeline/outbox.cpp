#include "herald/app/pipeline/outbox.hpp"

#include "herald/kafka/consumer.hpp"

namespace herald::app {

bool KafkaTransactions::init(int timeout_ms, std::string& error) {
    return producer_.init_transactions(timeout_ms, error);
}

bool KafkaTransactions::begin(std::string& error) { return producer_.begin_transaction(error); }

bool KafkaTransactions::commit(const std::vector<kafka::TopicPartition>& offsets, std::string& error) {
    return producer_.send_offsets_to_transaction(*consumer_, offsets, 30000, error) &&
           producer_.commit_transaction(60000, error);
}

bool KafkaTransactions::abort(int timeout_ms, std::string& error) {
    return producer_.abort_transaction(timeout_ms, error);
}

bool KafkaTransactions::seek(const std::vector<kafka::TopicPartition>& tps, int timeout_ms, std::string& error) {
    return consumer_->seek(tps, timeout_ms, error);
}

}  // namespace herald::app
