#include "herald/kafka/producer.hpp"

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <iterator>
#include <thread>
#include <utility>

#include "config.hpp"
#include "handles.hpp"
#include "herald/core/deadline.hpp"
#include "herald/kafka/consumer.hpp"
#include "metadata.hpp"
#include "partition_list.hpp"

namespace herald::kafka {

struct Producer::Hooks {
    static void on_delivery(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
        auto* self = static_cast<Producer*>(opaque);
        if (!self->on_delivery_) return;
        self->on_delivery_(m->_private, Error(m->err), m->partition, m->offset);
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

Producer::~Producer() = default;

Error Producer::try_produce(const OutgoingMessage& m) {
    // librdkafka wants a NUL-terminated topic name; reuse one buffer per thread.
    thread_local std::string topic_name;
    topic_name.assign(m.topic);
    detail::HeadersPtr hdrs;
    if (!m.headers.empty()) {
        hdrs.reset(rd_kafka_headers_new(m.headers.size()));
        for (const Header& h : m.headers)
            rd_kafka_header_add(hdrs.get(), h.name.data(), static_cast<ssize_t>(h.name.size()), h.value.data(),
                                static_cast<ssize_t>(h.value.size()));
    }
    // produceva, not the variadic producev: same checks and queueing, and a call a test can wrap
    // (integration_exactly_once_abort_race holds one inside librdkafka).
    const rd_kafka_vu_t vus[] = {
        {RD_KAFKA_VTYPE_TOPIC, {.cstr = topic_name.c_str()}},
        {RD_KAFKA_VTYPE_PARTITION, {.i32 = m.partition}},
        {RD_KAFKA_VTYPE_MSGFLAGS, {.i = RD_KAFKA_MSG_F_COPY}},
        {RD_KAFKA_VTYPE_KEY, {.mem = {const_cast<char*>(m.key.data()), m.key.data() ? m.key.size() : 0}}},
        {RD_KAFKA_VTYPE_VALUE, {.mem = {const_cast<char*>(m.value.data()), m.value.data() ? m.value.size() : 0}}},
        {RD_KAFKA_VTYPE_TIMESTAMP, {.i64 = m.timestamp_ms}},
        {RD_KAFKA_VTYPE_OPAQUE, {.ptr = m.opaque}},
        {RD_KAFKA_VTYPE_HEADERS, {.headers = hdrs.get()}},
    };
    detail::ErrorPtr error(rd_kafka_produceva(rk_.get(), vus, std::size(vus)));
    if (!error) {
        hdrs.release();  // the message owns its headers once accepted
        return {};
    }
    return Error(rd_kafka_error_code(error.get()));
}

// The one retry loop for a full queue: every command that produces (run's workers, replay, the
// demo's feed, notify) comes through here.
Error Producer::produce(const OutgoingMessage& message, WhenFull when_full) {
    for (;;) {
        Error e = try_produce(message);
        if (!e.queue_full() || when_full == WhenFull::fail) return e;
        if (when_full == WhenFull::poll) poll(10);
        else std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

int Producer::poll(int timeout_ms) { return rd_kafka_poll(rk_.get(), timeout_ms); }

bool Producer::flush(int timeout_ms) { return rd_kafka_flush(rk_.get(), timeout_ms) == RD_KAFKA_RESP_ERR_NO_ERROR; }

Error Producer::fatal_error() const {
    char why[512];
    rd_kafka_resp_err_t e = rd_kafka_fatal_error(rk_.get(), why, sizeof why);
    if (!e) return {};
    return Error(e, {false, true, false}, why);
}

size_t Producer::queue_length() const { return static_cast<size_t>(rd_kafka_outq_len(rk_.get())); }

bool Producer::learn_topics(const std::vector<std::string>& topics, int timeout_ms, std::string& error) {
    const core::Deadline deadline(timeout_ms);
    bool ok = true;
    for (const std::string& topic : topics) {
        std::string why;
        // The topic object outlives this handle inside librdkafka, with the metadata just read.
        detail::MetadataPtr md = detail::topic_metadata(rk_.get(), topic, deadline.left_ms(1), "kafka producer", why);
        if (md && md->topic_cnt > 0 && md->topics[0].err)
            why = "kafka producer: topic '" + topic + "': " + rd_kafka_err2str(md->topics[0].err);
        if (!why.empty() && ok) {
            error = why;
            ok = false;
        }
    }
    return ok;
}

Error Producer::init_transactions(int timeout_ms) {
    return detail::to_error(rd_kafka_init_transactions(rk_.get(), timeout_ms), "kafka producer: init_transactions");
}

Error Producer::begin_transaction() {
    return detail::to_error(rd_kafka_begin_transaction(rk_.get()), "kafka producer: begin_transaction");
}

Error Producer::send_offsets_to_transaction(Consumer& consumer, const std::vector<TopicPartition>& offsets,
                                            int timeout_ms) {
    detail::GroupMetadataPtr group(rd_kafka_consumer_group_metadata(consumer.rk_.get()));
    if (!group)
        return Error(RD_KAFKA_RESP_ERR__STATE, {false, false, true},
                     "kafka producer: send_offsets_to_transaction: the consumer has no group metadata");
    detail::ListPtr list = detail::to_list(offsets);
    return detail::to_error(rd_kafka_send_offsets_to_transaction(rk_.get(), list.get(), group.get(), timeout_ms),
                            "kafka producer: send_offsets_to_transaction");
}

Error Producer::commit_transaction(int timeout_ms) {
    return detail::to_error(rd_kafka_commit_transaction(rk_.get(), timeout_ms), "kafka producer: commit_transaction");
}

Error Producer::abort_transaction(int timeout_ms) {
    return detail::to_error(rd_kafka_abort_transaction(rk_.get(), timeout_ms), "kafka producer: abort_transaction");
}

void Producer::purge_outstanding() {
    rd_kafka_purge(rk_.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT | RD_KAFKA_PURGE_F_NON_BLOCKING);
}

bool Producer::discard_outstanding(int timeout_ms) {
    if (rd_kafka_outq_len(rk_.get()) == 0) return true;
    rd_kafka_purge(rk_.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);  // blocking: all purged on return
    return rd_kafka_flush(rk_.get(), timeout_ms) == RD_KAFKA_RESP_ERR_NO_ERROR;  // serves their delivery reports
}

}  // namespace herald::kafka
