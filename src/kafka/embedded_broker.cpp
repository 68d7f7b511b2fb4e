#include "herald/kafka/embedded_broker.hpp"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <algorithm>

#include "config.hpp"

namespace herald::kafka {

std::unique_ptr<EmbeddedBroker> EmbeddedBroker::create(int broker_count, std::string& error) {
    if (broker_count < 1) {
        error = "embedded broker: broker count must be at least 1, got " + std::to_string(broker_count);
        return nullptr;
    }
    // The mock cluster needs a client handle for its bookkeeping; it never connects anywhere.
    detail::ConfPtr conf = detail::build_conf("embedded broker", {{"log_level", "3"}}, {}, error);
    if (!conf) return nullptr;
    std::unique_ptr<EmbeddedBroker> self(new EmbeddedBroker());
    self->owner_ = detail::create_handle("embedded broker", RD_KAFKA_PRODUCER, std::move(conf), error);
    if (!self->owner_) return nullptr;
    self->mock_.reset(rd_kafka_mock_cluster_new(self->owner_.get(), broker_count));
    if (!self->mock_) {
        error = "embedded broker: cannot start the mock cluster (no free loopback port?)";
        return nullptr;
    }
    self->broker_count_ = broker_count;
    return self;
}

EmbeddedBroker::~EmbeddedBroker() = default;

void EmbeddedBroker::MockDeleter::operator()(rd_kafka_mock_cluster_t* mock) const { rd_kafka_mock_cluster_destroy(mock); }

bool EmbeddedBroker::create_topic(const std::string& name, int partitions, std::string& error) {
    if (name.empty() || partitions < 1) {
        error = "embedded broker: topic needs a name and at least one partition";
        return false;
    }
    const int replication = std::min(broker_count_, 3);
    rd_kafka_resp_err_t e = rd_kafka_mock_topic_create(mock_.get(), name.c_str(), partitions, replication);
    if (e) {
        error = "embedded broker: cannot create topic '" + name + "': " + rd_kafka_err2str(e);
        return false;
    }
    return true;
}

std::string EmbeddedBroker::bootstrap() const { return rd_kafka_mock_cluster_bootstraps(mock_.get()); }

bool EmbeddedBroker::set_broker_down(int broker_id, bool down) {
    return (down ? rd_kafka_mock_broker_set_down(mock_.get(), broker_id) : rd_kafka_mock_broker_set_up(mock_.get(), broker_id)) ==
           RD_KAFKA_RESP_ERR_NO_ERROR;
}

bool EmbeddedBroker::set_rtt(int broker_id, int ms) {
    return rd_kafka_mock_broker_set_rtt(mock_.get(), broker_id, ms) == RD_KAFKA_RESP_ERR_NO_ERROR;
}

bool EmbeddedBroker::push_request_errors(int api_key, const std::vector<int>& errors) {
    if (errors.empty()) return false;
    std::vector<rd_kafka_resp_err_t> codes;
    codes.reserve(errors.size());
    for (int e : errors) codes.push_back(static_cast<rd_kafka_resp_err_t>(e));
    rd_kafka_mock_push_request_errors_array(mock_.get(), static_cast<int16_t>(api_key), codes.size(), codes.data());
    return true;
}

bool EmbeddedBroker::push_broker_request_errors(int broker_id, int api_key, const std::vector<int>& errors,
                                                int rtt_ms) {
    // The C API takes (error, rtt) pairs as varargs; push them one at a time.
    for (int e : errors) {
        if (rd_kafka_mock_broker_push_request_error_rtts(mock_.get(), broker_id, static_cast<int16_t>(api_key), 1,
                                                         static_cast<rd_kafka_resp_err_t>(e), rtt_ms))
            return false;
    }
    return !errors.empty();
}

void EmbeddedBroker::clear_request_errors(int api_key) {
    rd_kafka_mock_clear_request_errors(mock_.get(), static_cast<int16_t>(api_key));
}

bool EmbeddedBroker::set_partition_leader(const std::string& topic, int32_t partition, int broker_id) {
    return rd_kafka_mock_partition_set_leader(mock_.get(), topic.c_str(), partition, broker_id) ==
           RD_KAFKA_RESP_ERR_NO_ERROR;
}

bool EmbeddedBroker::set_coordinator(const std::string& key_type, const std::string& key, int broker_id) {
    return rd_kafka_mock_coordinator_set(mock_.get(), key_type.c_str(), key.c_str(), broker_id) ==
           RD_KAFKA_RESP_ERR_NO_ERROR;
}

}  // namespace herald::kafka
