#include "herald/app/feed_publisher.hpp"

#include <zlib.h>

namespace herald::app {

std::string_view feed_key(const analysis::Event& event) {
    if (!event.tickers.empty()) return event.tickers.front();
    if (!event.entities.empty()) return event.entities.front().ticker;
    return {};
}

int32_t default_partition(std::string_view key, int32_t partitions) {
    if (key.empty() || partitions <= 0) return -1;
    uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(key.data()), static_cast<uInt>(key.size()));
    return static_cast<int32_t>(crc % static_cast<uLong>(partitions));
}

FeedPublisher::FeedPublisher(kafka::Producer& producer, std::string topic, const FeedDeliveries* deliveries)
    : producer_(producer), topic_(std::move(topic)), deliveries_(deliveries), parser_(64 << 20) {}

bool FeedPublisher::publish_line(std::string_view line, int64_t& event_time_ms) {
    event_time_ms = prepare(line);
    return publish_prepared(line);
}

int64_t FeedPublisher::prepare(std::string_view line) {
    key_ = {};
    event_time_ms_ = -1;
    if (parser_.parse(line, event_, detail_) == parse::ErrorCode::none) {
        key_ = feed_key(event_);
        if (event_.has_published_at) event_time_ms_ = event_.published_at_ms;
    }
    return event_time_ms_;
}

bool FeedPublisher::publish_prepared(std::string_view line) {
    kafka::OutgoingMessage m{topic_, key_, line};
    m.timestamp_ms = event_time_ms_ > 0 ? event_time_ms_ : 0;
    if (const kafka::Error e = producer_.produce(m, kafka::WhenFull::poll)) {
        error_ = "cannot publish to '" + topic_ + "': " + e.message();
        return false;
    }
    ++published_;
    producer_.poll(0);
    return true;
}

bool FeedPublisher::flush(int timeout_ms) {
    if (!producer_.flush(timeout_ms)) {
        error_ = "messages for '" + topic_ + "' were not acknowledged within " + std::to_string(timeout_ms) + " ms";
        return false;
    }
    // librdkafka gives up on a message after message.timeout.ms and reports it, then flush is done.
    if (deliveries_ && deliveries_->failed > 0) {
        error_ = std::to_string(deliveries_->failed) + " of " + std::to_string(published_) + " events were not delivered to '" +
                 topic_ + "' (first error: " + deliveries_->first_error +
                 "); check that the brokers are reachable and the topic exists, then publish again";
        return false;
    }
    return true;
}

}  // namespace herald::app
