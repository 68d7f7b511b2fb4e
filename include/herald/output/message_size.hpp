#pragma once
// The largest message herald produces: the producer's message.max.bytes. Alerts and dead letters
// are bounded to it (rules/alert_limits.hpp, output/dead_letter.hpp); `herald analyze --alerts`
// takes the same number (--message-max-bytes) so that its alerts equal the live ones.
//
//   std::string error;
//   size_t limit = herald::output::message_max_bytes(config.producer_properties, max_event_bytes, error);
//   if (limit == 0) usage_error(error);
#include <cstddef>
#include <string>

#include "herald/kafka/types.hpp"

namespace herald::output {

// herald's default message.max.bytes: room for an event of max_event_bytes and herald's headers,
// at least librdkafka's own default (1,000,000).
size_t default_message_max_bytes(size_t max_event_bytes);

// The message.max.bytes the producer runs with: the last `message.max.bytes` in `properties` (the
// user's --kafka/--producer, applied after herald's default), else the default. 0 with a one-line
// `error` when it is not a number or below rules::kMinMessageBytes.
size_t message_max_bytes(const kafka::Properties& properties, size_t max_event_bytes, std::string& error);

}  // namespace herald::output
