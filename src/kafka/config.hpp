#pragma once
// Builds a librdkafka configuration from herald defaults plus user properties (internal).
#include <librdkafka/rdkafka.h>

#include <memory>
#include <string>
#include <string_view>

#include "herald/kafka/types.hpp"

namespace herald::kafka::detail {

struct ConfDeleter {
    void operator()(rd_kafka_conf_t* conf) const { rd_kafka_conf_destroy(conf); }
};
using ConfPtr = std::unique_ptr<rd_kafka_conf_t, ConfDeleter>;

// Applies herald's base settings (no Nagle delay), `defaults`, then `extra` (so user properties win). On a bad property returns null and
// a one-line error naming the client and property (and the value, unless it may be a secret).
// Could the property hold a secret (password, key, token, JAAS, SASL, TLS...)? Its value is then
// never printed.
bool may_hold_secret(std::string_view name);

ConfPtr build_conf(const char* client, const Properties& defaults, const Properties& extra, std::string& error);

// Creates the handle; takes ownership of conf (also on failure). Null + one-line error on failure.
rd_kafka_t* create_handle(const char* client, rd_kafka_type_t type, ConfPtr conf, std::string& error);

// "client: what: librdkafka's message" for rd_kafka_error_t results; destroys the error.
std::string take_error(rd_kafka_error_t* err, const char* what);

}  // namespace herald::kafka::detail
