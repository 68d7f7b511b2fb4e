#pragma once
// An in-process Kafka cluster (librdkafka's mock cluster) on loopback, ephemeral ports:
// for `herald demo`, `herald broker` and the integration tests. Any Kafka client can connect.
//
//   std::string err;
//   auto broker = herald::kafka::EmbeddedBroker::create(1, err);
//   if (!broker || !broker->create_topic("news", 12, err)) { die(err); }
//   std::cout << broker->bootstrap() << "\n";        // "127.0.0.1:39121"
//   broker->set_broker_down(1, true);                 // fault injection (issue 6)
//
// Limits (librdkafka 2.0.2): each partition keeps only ~5 MB (older messages are dropped), the
// CreateTopics admin API is not supported (use create_topic), transactional offset commits are
// accepted but not stored, and a group rebalance after a member leaves completes only when
// session/rebalance timeouts pass (set session.timeout.ms low in tests).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "herald/kafka/types.hpp"

typedef struct rd_kafka_mock_cluster_s rd_kafka_mock_cluster_t;

namespace herald::kafka {

class EmbeddedBroker {
public:
    // Brokers get ids 1..broker_count.
    static std::unique_ptr<EmbeddedBroker> create(int broker_count, std::string& error);
    ~EmbeddedBroker();
    EmbeddedBroker(const EmbeddedBroker&) = delete;
    EmbeddedBroker& operator=(const EmbeddedBroker&) = delete;

    // Replication factor = min(broker_count, 3). Creating an existing topic is an error.
    bool create_topic(const std::string& name, int partitions, std::string& error);
    std::string bootstrap() const;  // "127.0.0.1:PORT,..."
    int broker_count() const { return broker_count_; }

    // Fault injection.
    bool set_broker_down(int broker_id, bool down);
    bool set_rtt(int broker_id, int ms);
    // The next errors.size() requests of Kafka API `api_key` (0 Produce, 1 Fetch, 8 OffsetCommit,
    // ...) fail with these rd_kafka_resp_err_t codes, in order, on any broker.
    bool push_request_errors(int api_key, const std::vector<int>& errors);
    // Same, on one broker, each error answered after `rtt_ms`.
    bool push_broker_request_errors(int broker_id, int api_key, const std::vector<int>& errors, int rtt_ms);
    void clear_request_errors(int api_key);
    bool set_partition_leader(const std::string& topic, int32_t partition, int broker_id);
    // Moves the group ("group") or transaction ("transaction") coordinator for `key`.
    bool set_coordinator(const std::string& key_type, const std::string& key, int broker_id);

    rd_kafka_mock_cluster_t* mock() { return mock_.get(); }

private:
    EmbeddedBroker() = default;
    detail::ClientPtr owner_;  // the handle the mock cluster needs for its bookkeeping
    struct MockDeleter {
        void operator()(rd_kafka_mock_cluster_t* mock) const;
    };
    std::unique_ptr<rd_kafka_mock_cluster_t, MockDeleter> mock_;  // destroyed before its owner
    int broker_count_ = 0;
};

}  // namespace herald::kafka
