#pragma once
// Builds a librdkafka configuration from herald defaults plus user properties (internal).
#include <librdkafka/rdkafka.h>

#include <string>
#include <string_view>

#include "handles.hpp"
#include "herald/kafka/error.hpp"
#include "herald/kafka/types.hpp"

namespace herald::kafka::detail {

// Could the property hold a secret (password, key, token, JAAS, SASL, TLS...)? Its value is then
// never printed.
bool may_hold_secret(std::string_view name);

// Applies herald's base settings (no Nagle delay), `defaults`, then `extra` (so user properties win). On a bad property returns null and
// a one-line error naming the client and property (and the value, unless it may be a secret).
ConfPtr build_conf(const char* client, const Properties& defaults, const Properties& extra, std::string& error);

// Creates the handle; takes ownership of conf (also on failure). Null + one-line error on failure.
ClientPtr create_handle(const char* client, rd_kafka_type_t type, ConfPtr conf, std::string& error);

// "client: what: librdkafka's message" for rd_kafka_error_t results; destroys the error.
std::string take_error(rd_kafka_error_t* err, const char* what);
// The same as a kafka::Error with librdkafka's flags (none for a null error); destroys the error.
Error to_error(rd_kafka_error_t* err, const char* what);

}  // namespace herald::kafka::detail
