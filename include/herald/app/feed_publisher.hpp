#pragma once
// Publishes NDJSON events into a topic the way herald expects producers to: key = the event's
// primary ticker (so one company's news stays in one partition, in order), message timestamp =
// its event time. Used by `herald demo` and `herald replay --input`.
//
//   FeedPublisher pub(producer, "news");
//   pub.publish_line(line, line_number);      // false + error() on a broker error
//   pub.flush(30000);
#include <cstdint>
#include <string>
#include <string_view>

#include "herald/kafka/producer.hpp"
#include "herald/parse/event_parser.hpp"

namespace herald::app {

class FeedPublisher {
public:
    FeedPublisher(kafka::Producer& producer, std::string topic);
    // Bad lines are published as they are (herald run dead-letters them); their event time is unknown.
    bool publish_line(std::string_view line, int64_t& event_time_ms);
    bool flush(int timeout_ms);
    uint64_t published() const { return published_; }
    const std::string& error() const { return error_; }

private:
    kafka::Producer& producer_;
    std::string topic_;
    parse::EventParser parser_;
    analysis::Event event_;
    std::string detail_;
    uint64_t published_ = 0;
    std::string error_;
};

}  // namespace herald::app
