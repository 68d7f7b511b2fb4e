#pragma once
// What the pipeline's delivery modules ask of the producer (and, for transactions, of the
// consumer), as interfaces: unit tests drive them with fakes, the pipeline with the Kafka adapters.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "herald/kafka/producer.hpp"
#include "herald/kafka/types.hpp"

namespace herald::kafka {
class Consumer;
}

namespace herald::app {

// Outgoing messages (workers and the poller thread; the producer is thread-safe).
class Outbox {
public:
    virtual ~Outbox() = default;
    // The message's opaque comes back in the delivery report (kafka::Producer::produce).
    virtual kafka::Error produce(const kafka::OutgoingMessage& message, kafka::WhenFull when_full) = 0;
    virtual kafka::Error fatal_error() const = 0;  // no error when none
};

// A Kafka transaction's steps (consumer thread).
class Transactions {
public:
    virtual ~Transactions() = default;
    // Each step: no error, or one whose flags say retry, abort, or give up (kafka::Error).
    virtual kafka::Error init(int timeout_ms) = 0;
    virtual kafka::Error begin() = 0;
    // Adds the input offsets to the open transaction, then commits it.
    virtual kafka::Error commit(const std::vector<kafka::TopicPartition>& offsets) = 0;
    virtual kafka::Error abort(int timeout_ms) = 0;
    // Fails every message not yet acknowledged (their reports say purged).
    virtual void purge() = 0;
    // Moves the consumer back to these offsets.
    virtual bool seek(const std::vector<kafka::TopicPartition>& tps, int timeout_ms, std::string& error) = 0;
};

class KafkaOutbox final : public Outbox {
public:
    explicit KafkaOutbox(kafka::Producer& producer) : producer_(producer) {}
    kafka::Error produce(const kafka::OutgoingMessage& message, kafka::WhenFull when_full) override {
        return producer_.produce(message, when_full);
    }
    kafka::Error fatal_error() const override { return producer_.fatal_error(); }

private:
    kafka::Producer& producer_;
};

// The consumer is looked up when used: transactions are initialised before it is made.
class KafkaTransactions final : public Transactions {
public:
    KafkaTransactions(kafka::Producer& producer, const std::unique_ptr<kafka::Consumer>& consumer)
        : producer_(producer), consumer_(consumer) {}
    kafka::Error init(int timeout_ms) override { return producer_.init_transactions(timeout_ms); }
    kafka::Error begin() override { return producer_.begin_transaction(); }
    kafka::Error commit(const std::vector<kafka::TopicPartition>& offsets) override;
    kafka::Error abort(int timeout_ms) override { return producer_.abort_transaction(timeout_ms); }
    void purge() override { producer_.purge_outstanding(); }
    bool seek(const std::vector<kafka::TopicPartition>& tps, int timeout_ms, std::string& error) override;

private:
    kafka::Producer& producer_;
    const std::unique_ptr<kafka::Consumer>& consumer_;
};

}  // namespace herald::app
