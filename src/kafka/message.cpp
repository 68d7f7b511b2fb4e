#include "herald/kafka/message.hpp"

#include <librdkafka/rdkafka.h>

namespace herald::kafka {

Message::~Message() {
    if (msg_) rd_kafka_message_destroy(msg_);
}

Message& Message::operator=(Message&& other) noexcept {
    if (this != &other) {
        if (msg_) rd_kafka_message_destroy(msg_);
        msg_ = other.msg_;
        other.msg_ = nullptr;
    }
    return *this;
}

rd_kafka_message_t* Message::release() noexcept {
    rd_kafka_message_t* m = msg_;
    msg_ = nullptr;
    return m;
}

int Message::error() const { return msg_ ? static_cast<int>(msg_->err) : 0; }

std::string Message::error_string() const {
    if (!msg_ || !msg_->err) return {};
    // For error messages librdkafka puts a detailed string in the payload.
    std::string text = rd_kafka_err2str(msg_->err);
    if (msg_->payload && msg_->len) {
        text += ": ";
        text.append(static_cast<const char*>(msg_->payload), msg_->len);
    }
    return text;
}

std::string_view Message::topic() const {
    if (!msg_ || !msg_->rkt) return {};
    return rd_kafka_topic_name(msg_->rkt);
}

int32_t Message::partition() const { return msg_ ? msg_->partition : -1; }
int64_t Message::offset() const { return msg_ ? msg_->offset : kOffsetInvalid; }

std::string_view Message::key() const {
    if (!msg_ || !msg_->key) return {};
    return {static_cast<const char*>(msg_->key), msg_->key_len};
}

bool Message::has_key() const { return msg_ && msg_->key; }

std::string_view Message::payload() const {
    if (!msg_ || !msg_->payload || msg_->err) return {};
    return {static_cast<const char*>(msg_->payload), msg_->len};
}

bool Message::is_null() const { return !msg_ || msg_->err || !msg_->payload; }

int64_t Message::timestamp_ms() const {
    if (!msg_) return -1;
    rd_kafka_timestamp_type_t type;
    return rd_kafka_message_timestamp(msg_, &type);
}

bool Message::timestamp_is_log_append() const {
    if (!msg_) return false;
    rd_kafka_timestamp_type_t type;
    rd_kafka_message_timestamp(msg_, &type);
    return type == RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME;
}

namespace {

rd_kafka_headers_t* headers_of(rd_kafka_message_t* msg) {
    rd_kafka_headers_t* hdrs = nullptr;
    if (!msg || rd_kafka_message_headers(msg, &hdrs) != RD_KAFKA_RESP_ERR_NO_ERROR) return nullptr;
    return hdrs;
}

}  // namespace

bool Message::header(std::string_view name, std::string_view& value) const {
    rd_kafka_headers_t* hdrs = headers_of(msg_);
    if (!hdrs) return false;
    // Walk all headers (names are not null-terminated views) and keep the last match.
    bool found = false;
    const char* n;
    const void* v;
    size_t size;
    for (size_t i = 0; rd_kafka_header_get_all(hdrs, i, &n, &v, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i) {
        if (name == n) {
            value = v ? std::string_view(static_cast<const char*>(v), size) : std::string_view();
            found = true;
        }
    }
    return found;
}

size_t Message::header_count() const {
    rd_kafka_headers_t* hdrs = headers_of(msg_);
    return hdrs ? rd_kafka_header_cnt(hdrs) : 0;
}

bool Message::header_at(size_t index, Header& out) const {
    rd_kafka_headers_t* hdrs = headers_of(msg_);
    if (!hdrs) return false;
    const char* n;
    const void* v;
    size_t size;
    if (rd_kafka_header_get_all(hdrs, index, &n, &v, &size) != RD_KAFKA_RESP_ERR_NO_ERROR) return false;
    out.name = n;
    out.value = v ? std::string_view(static_cast<const char*>(v), size) : std::string_view();
    return true;
}

}  // namespace herald::kafka
