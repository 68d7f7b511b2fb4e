#pragma once
// Publishes NDJSON events into a topic the way herald expects producers to: key = the event's
// primary ticker (so one company's news stays in one partition, in order), message timestamp =
// its event time. Used by `herald demo` and `herald replay --input`.
//
//   FeedDeliveries deliveries;
//   auto producer = kafka::Producer::create(options, deliveries.callback(), error);
//   FeedPublisher pub(*producer, "news", &deliveries);
//   pub.publish_line(line, event_time_ms);    // false + error() on a broker error
//   pub.flush(30000);                         // false + error() also if any event was not delivered
#include <cstdint>
#include <string>
#include <string_view>

#include "herald/kafka/producer.hpp"
#include "herald/analysis/event.hpp"
#include "herald/parse/event_parser.hpp"

namespace herald::app {

// The message key herald's producers use for an event: its first ticker, else the ticker of its
// first listed entity, else none.
std::string_view feed_key(const analysis::Event& event);
// The partition librdkafka's default partitioner (consistent_random) gives a non-empty key:
// CRC-32 of the key modulo the partition count; -1 for an empty key (random placement).
int32_t default_partition(std::string_view key, int32_t partitions);

// Counts the producer's delivery reports, so a publisher can tell "queued" from "in the topic".
struct FeedDeliveries {
    uint64_t delivered = 0;
    uint64_t failed = 0;
    std::string first_error;
    kafka::Producer::DeliveryCallback callback() {
        return [this](void*, const kafka::Error& e, int32_t, int64_t) {
            if (!e) {
                ++delivered;
            } else if (failed++ == 0) {
                first_error = e.message();
            }
        };
    }
};

class FeedPublisher {
public:
    // `deliveries` (optional) is the tally the producer was created with; flush() then fails when
    // any event was not acknowledged by the brokers.
    FeedPublisher(kafka::Producer& producer, std::string topic, const FeedDeliveries* deliveries = nullptr);
    // Bad lines are published as they are (herald run dead-letters them); their event time is unknown.
    bool publish_line(std::string_view line, int64_t& event_time_ms);
    // The same in two steps, for a caller that waits for an event's time before sending it:
    // prepare() reads the line's key and event time (-1: unknown), publish_prepared() sends that
    // same line (still valid; no other prepare() in between).
    int64_t prepare(std::string_view line);
    bool publish_prepared(std::string_view line);
    bool flush(int timeout_ms);
    uint64_t published() const { return published_; }
    const std::string& error() const { return error_; }

private:
    kafka::Producer& producer_;
    std::string topic_;
    const FeedDeliveries* deliveries_;
    parse::EventParser parser_;
    analysis::Event event_;
    std::string detail_;
    std::string_view key_;  // of the prepared line; points into parser_'s buffers
    int64_t event_time_ms_ = -1;
    uint64_t published_ = 0;
    std::string error_;
};

}  // namespace herald::app
