#include "herald/kafka/error.hpp"

#include <algorithm>
#include <iterator>

#include <librdkafka/rdkafka.h>

namespace herald::kafka {

namespace {
// Not INVALID_RECORD: it says nothing about one message's size or time; it keeps stopping
// at-least-once and aborting and redoing exactly-once, as integration_exactly_once expects.
constexpr rd_kafka_resp_err_t kRefusesOneMessage[] = {
    RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE, RD_KAFKA_RESP_ERR_INVALID_TIMESTAMP};
constexpr rd_kafka_resp_err_t kRefusesTopic[] = {
    RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED, RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART,
    RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC, RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION, RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION};
}  // namespace

// Only a full queue is known retriable from the code alone; calls that return rd_kafka_error_t
// carry librdkafka's own flags (detail::to_error).
Error::Error(int code) : code_(code) {
    flags_.retriable = code == RD_KAFKA_RESP_ERR__QUEUE_FULL;
    flags_.fatal = code == RD_KAFKA_RESP_ERR__FATAL;
}

bool Error::queue_full() const { return code_ == RD_KAFKA_RESP_ERR__QUEUE_FULL; }

bool Error::purged() const {
    return code_ == RD_KAFKA_RESP_ERR__PURGE_QUEUE || code_ == RD_KAFKA_RESP_ERR__PURGE_INFLIGHT;
}

bool Error::refuses_one_message() const {
    return std::find(std::begin(kRefusesOneMessage), std::end(kRefusesOneMessage),
                     static_cast<rd_kafka_resp_err_t>(code_)) != std::end(kRefusesOneMessage);
}

bool Error::refuses_topic() const {
    return std::find(std::begin(kRefusesTopic), std::end(kRefusesTopic), static_cast<rd_kafka_resp_err_t>(code_)) !=
           std::end(kRefusesTopic);
}

std::string Error::message() const {
    if (!text_.empty()) return text_;
    return rd_kafka_err2str(static_cast<rd_kafka_resp_err_t>(code_));
}

}  // namespace herald::kafka
