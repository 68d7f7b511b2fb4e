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
    // 0 or the librdkafka error (kafka/errors.hpp); the opaque comes back in the delivery report.
    virtual int produce(std::string_view topic, std::string_view key, std::string_view value,
                        const kafka::Header* headers, size_t n_headers, int64_t timestamp_ms, void* opaque) = 0;
    virtual int fatal_error(std::string& reason) const = 0;  // 0 when none
};

// A Kafka transaction's steps (consumer thread).
class Transactions {
public:
    virtual ~Transactions() = default;
    virtual bool init(int timeout_ms, std::string& error) = 0;
    virtual bool begin(std::string& error) = 0;
    // Adds the input offsets to the open transaction, then commits it.
    virtual bool commit(const std::vector<kafka::TopicPartition>& offsets, std::string& error) = 0;
    virtual bool abort(int timeout_ms, std::string& error) = 0;
    virtual kafka::Producer::TxnError last_error() const = 0;
    // Fails every message not yet acknowledged (their reports say purged).
    virtual void purge() = 0;
    // Moves the consumer back to these offsets.
    virtual bool seek(const std::vector<kafka::TopicPartition>& tps, int timeout_ms, std::string& error) = 0;
};

class KafkaOutbox final : public Outbox {
public:
    explicit KafkaOutbox(kafka::Producer& producer) : producer_(producer) {}
    int produce(std::string_view topic, std::string_view key, std::string_view value, const kafka::Header* headers,
                size_t n_headers, int64_t timestamp_ms, void* opaque) override {
        return producer_.produce(topic, -1, key, value, headers, n_headers, timestamp_ms, opaque);
    }
    int fatal_error(std::string& reason) const override { return producer_.fatal_error(reason); }

private:
    kafka::Producer& producer_;
};

// The consumer is looked up when used: transactions are initialised before it is made.
class KafkaTransactions final : public Transactions {
public:
    KafkaTransactions(kafka::Producer& producer, const std::unique_ptr<kafka::Consumer>& consumer)
        : producer_(producer), consumer_(consumer) {}
    bool init(int timeout_ms, std::string& error) override;
    bool begin(std::string& error) override;
    bool commit(const std::vector<kafka::TopicPartition>& offsets, std::string& error) override;
    bool abort(int timeout_ms, std::string& error) override;
    kafka::Producer::TxnError last_error() const override { return producer_.last_txn_error(); }
    void purge() override { producer_.purge_outstanding(); }
    bool seek(const std::vector<kafka::TopicPartition>& tps, int timeout_ms, std::string& error) override;

private:
    kafka::Producer& producer_;
    const std::unique_ptr<kafka::Consumer>& consumer_;
};

}  // namespace herald::app
