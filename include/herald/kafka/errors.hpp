#pragma once
// What a librdkafka error code (an int, as every herald::kafka call returns it) means to a
// caller, without rdkafka.h: the pipeline decides retry, refuse one message or stop from these.
//
//   int err = producer.produce(...);
//   if (herald::kafka::is_queue_full(err)) { poll and retry }
//   else if (herald::kafka::refuses_one_message(err)) { dead-letter its event, go on }
#include <string>

namespace herald::kafka {

// The producer's queue is full: serve delivery reports and retry.
bool is_queue_full(int err);
// The message was purged from the producer's queue (purge_outstanding, an aborted transaction).
bool is_purged(int err);
// The producer or a broker refused this one message (too large, bad timestamp), not the
// producer or the brokers: the rest goes on.
bool refuses_one_message(int err);
// librdkafka's one-line description of the code.
std::string error_name(int err);

}  // namespace herald::kafka
