#include "herald/kafka/errors.hpp"

#include <algorithm>
#include <iterator>

#include <librdkafka/rdkafka.h>

namespace herald::kafka {

namespace {
// Not INVALID_RECORD: it says nothing about one message's size or time; it keeps stopping
// at-least-once and aborting and redoing exactly-once, as integration_exactly_once expects.
constexpr rd_kafka_resp_err_t kRefusesOneMessage[] = {
    RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE, RD_KAFKA_RESP_ERR_INVALID_TIMESTAMP};
}  // namespace

bool is_queue_full(int err) { return err == RD_KAFKA_RESP_ERR__QUEUE_FULL; }

bool is_purged(int err) { return err == RD_KAFKA_RESP_ERR__PURGE_QUEUE || err == RD_KAFKA_RESP_ERR__PURGE_INFLIGHT; }

bool refuses_one_message(int err) {
    return std::find(std::begin(kRefusesOneMessage), std::end(kRefusesOneMessage),
                     static_cast<rd_kafka_resp_err_t>(err)) != std::end(kRefusesOneMessage);
}

std::string error_name(int err) { return rd_kafka_err2str(static_cast<rd_kafka_resp_err_t>(err)); }

}  // namespace herald::kafka
