#include "herald/kafka/producer.hpp"

#include <librdkafka/rdkafka.h>

#include <iterator>
#include <utility>

#include "config.hpp"
#include "herald/core/deadline.hpp"
#include "herald/kafka/consumer.hpp"
#include "metadata.hpp"
#include "partition_list.hpp"

namespace herald::kafka {

struct Producer::Hooks {
    static void on_delivery(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
        auto* self = static_cast<Producer*>(opaque);
        if (!self->on_delivery_) return;
        std::string_view reason = m->err ? std::string_view(rd_kafka_err2str(m->err)) : std::string_view();
        self->on_delivery_(m->_private, m->err, reason, m->partition, m->offset);
    }

    static void on_error(rd_kafka_t* rk, int err, const char* reason, void* opaque) {
        auto* self = static_cast<Producer*>(opaque);
        if (!self->on_error_) return;
        if (err == RD_KAFKA_RESP_ERR__FATAL) {
            char why[512];
            int underlying = rd_kafka_fatal_error(rk, why, sizeof why);
            self->on_error_(underlying, std::string("kafka producer fatal error: ") + why, true);
            return;
        }
        self->on_error_(err, std::string("kafka producer: ") + reason, false);
    }

    static int on_stats(rd_kafka_t*, char* json, size_t len, void* opaque) {
        auto* self = static_cast<Producer*>(opaque);
        if (self->on_stats_) self->on_stats_(std::string_view(json, len));
        return 0;  // librdkafka frees json
    }
};

std::unique_ptr<Producer> Producer::create(const Options& options, DeliveryCallback on_delivery, std::string& error) {
    if (options.brokers.empty()) {
        error = "kafka producer: no brokers given (bootstrap list like host:9092)";
        return nullptr;
    }
    Properties defaults{
        {"bootstrap.servers", options.brokers},
        {"enable.idempotence", "true"},
        {"acks", "all"},
        {"linger.ms", "5"},
    };
    if (!options.transactional_id.empty()) defaults.emplace_back("transactional.id", options.transactional_id);
    detail::ConfPtr conf = detail::build_conf("producer", defaults, options.extra, error);
    if (!conf) return nullptr;

    std::unique_ptr<Producer> self(new Producer());
    self->on_delivery_ = std::move(on_delivery);
    self->on_error_ = options.on_error;
    self->on_stats_ = options.on_stats;
    rd_kafka_conf_set_opaque(conf.get(), self.get());
    rd_kafka_conf_set_dr_msg_cb(conf.get(), &Hooks::on_delivery);
    rd_kafka_conf_set_error_cb(conf.get(), &Hooks::on_error);
    if (self->on_stats_) rd_kafka_conf_set_stats_cb(conf.get(), &Hooks::on_stats);
    self->rk_ = detail::create_handle("producer", RD_KAFKA_PRODUCER, std::move(conf), error);
    if (!self->rk_) return nullptr;
    return self;
}

Producer::~Producer() {
    if (rk_) rd_kafka_destroy(rk_);
}

int Producer::produce(std::string_view topic, int32_t partition, std::string_view key, std::string_view value,
                      const Header* headers, size_t n_headers, int64_t timestamp_ms, void* opaque) {
    // librdkafka wants a NUL-terminated topic name; reuse one buffer per thread.
    thread_local std::string topic_name;
    topic_name.assign(topic);
    rd_kafka_headers_t* hdrs = nullptr;
    if (n_headers) {
        hdrs = rd_kafka_headers_new(n_headers);
        for (size_t i = 0; i < n_headers; ++i)
            rd_kafka_header_add(hdrs, headers[i].name.data(), static_cast<ssize_t>(headers[i].name.size()),
                                headers[i].value.data(), static_cast<ssize_t>(headers[i].value.size()));
    }
    // produceva, not the variadic producev: same checks and queueing, and a call a test can wrap
    // (integration_exactly_once_abort_race holds one inside librdkafka).
    const rd_kafka_vu_t vus[] = {
        {RD_KAFKA_VTYPE_TOPIC, {.cstr = topic_name.c_str()}},
        {RD_KAFKA_VTYPE_PARTITION, {.i32 = partition}},
        {RD_KAFKA_VTYPE_MSGFLAGS, {.i = RD_KAFKA_MSG_F_COPY}},
        {RD_KAFKA_VTYPE_KEY, {.mem = {const_cast<char*>(key.data()), key.data() ? key.size() : 0}}},
        {RD_KAFKA_VTYPE_VALUE, {.mem = {const_cast<char*>(value.data()), value.data() ? value.size() : 0}}},
        {RD_KAFKA_VTYPE_TIMESTAMP, {.i64 = timestamp_ms}},
        {RD_KAFKA_VTYPE_OPAQUE, {.ptr = opaque}},
        {RD_KAFKA_VTYPE_HEADERS, {.headers = hdrs}},
    };
    rd_kafka_resp_err_t e = RD_KAFKA_RESP_ERR_NO_ERROR;
    if (rd_kafka_error_t* error = rd_kafka_produceva(rk_, vus, std::size(vus))) {
        e = rd_kafka_error_code(error);
        rd_kafka_error_destroy(error);
    }
    // Headers belong to librdkafka only when the message was accepted.
    if (e && hdrs) rd_kafka_headers_destroy(hdrs);
    return e;
}

int Producer::poll(int timeout_ms) { return rd_kafka_poll(rk_, timeout_ms); }

bool Producer::flush(int timeout_ms) { return rd_kafka_flush(rk_, timeout_ms) == RD_KAFKA_RESP_ERR_NO_ERROR; }

int Producer::fatal_error(std::string& reason) const {
    char why[512];
    rd_kafka_resp_err_t e = rd_kafka_fatal_error(rk_, why, sizeof why);
    if (e) reason = why;
    return e;
}

size_t Producer::queue_length() const { return static_cast<size_t>(rd_kafka_outq_len(rk_)); }

bool Producer::learn_topics(const std::vector<std::string>& topics, int timeout_ms, std::string& error) {
    const core::Deadline deadline(timeout_ms);
    bool ok = true;
    for (const std::string& topic : topics) {
        std::string why;
        // The topic object outlives this handle inside librdkafka, with the metadata just read.
        detail::MetadataPtr md = detail::topic_metadata(rk_, topic, deadline.left_ms(1), "kafka producer", why);
        if (md && md->topic_cnt > 0 && md->topics[0].err)
            why = "kafka producer: topic '" + topic + "': " + rd_kafka_err2str(md->topics[0].err);
        if (!why.empty() && ok) {
            error = why;
            ok = false;
        }
    }
    return ok;
}

bool Producer::txn_result(void* rd_error, const char* what, std::string& error) {
    auto* e = static_cast<rd_kafka_error_t*>(rd_error);
    if (!e) {
        last_txn_error_ = TxnError::none;
        return true;
    }
    if (rd_kafka_error_is_fatal(e)) last_txn_error_ = TxnError::fatal;
    else if (rd_kafka_error_txn_requires_abort(e)) last_txn_error_ = TxnError::abort_required;
    else if (rd_kafka_error_is_retriable(e)) last_txn_error_ = TxnError::retriable;
    else last_txn_error_ = TxnError::abort_required;
    error = detail::take_error(e, what);
    return false;
}

bool Producer::init_transactions(int timeout_ms, std::string& error) {
    return txn_result(rd_kafka_init_transactions(rk_, timeout_ms), "kafka producer: init_transactions", error);
}

bool Producer::begin_transaction(std::string& error) {
    return txn_result(rd_kafka_begin_transaction(rk_), "kafka producer: begin_transaction", error);
}

bool Producer::send_offsets_to_transaction(Consumer& consumer, const std::vector<TopicPartition>& offsets,
                                           int timeout_ms, std::string& error) {
    rd_kafka_consumer_group_metadata_t* group = rd_kafka_consumer_group_metadata(consumer.handle());
    if (!group) {
        last_txn_error_ = TxnError::abort_required;
        error = "kafka producer: send_offsets_to_transaction: the consumer has no group metadata";
        return false;
    }
    detail::ListPtr list = detail::to_list(offsets);
    bool ok = txn_result(rd_kafka_send_offsets_to_transaction(rk_, list.get(), group, timeout_ms),
                         "kafka producer: send_offsets_to_transaction", error);
    rd_kafka_consumer_group_metadata_destroy(group);
    return ok;
}

bool Producer::commit_transaction(int timeout_ms, std::string& error) {
    return txn_result(rd_kafka_commit_transaction(rk_, timeout_ms), "kafka producer: commit_transaction", error);
}

bool Producer::abort_transaction(int timeout_ms, std::string& error) {
    return txn_result(rd_kafka_abort_transaction(rk_, timeout_ms), "kafka producer: abort_transaction", error);
}

void Producer::purge_outstanding() {
    rd_kafka_purge(rk_, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT | RD_KAFKA_PURGE_F_NON_BLOCKING);
}

bool Producer::discard_outstanding(int timeout_ms) {
    if (rd_kafka_outq_len(rk_) == 0) return true;
    rd_kafka_purge(rk_, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);  // blocking: all purged on return
    return rd_kafka_flush(rk_, timeout_ms) == RD_KAFKA_RESP_ERR_NO_ERROR;  // serves their delivery reports
}

}  // namespace herald::kafka
