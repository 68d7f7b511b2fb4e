#pragma once
// A plain (non-group) reader of chosen partitions from chosen offsets: replay, tests, and
// reading the tail of the alerts topic. It never joins a group and never commits.
//
//   std::string err;
//   auto r = herald::kafka::Reader::create("127.0.0.1:9092", {{"isolation.level", "read_committed"}}, err);
//   if (!r || !r->assign({{"alerts", 0, herald::kafka::kOffsetBeginning}}, err)) { die(err); }
//   std::vector<herald::kafka::Message> batch;
//   r->consume_batch(batch, 1000, 200);
//
// Defaults: enable.auto.commit=false, auto.offset.reset=earliest, enable.partition.eof=false
// (set it to "true" in extra to see end-of-partition markers as Messages with error() != 0).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "herald/kafka/message.hpp"
#include "herald/kafka/types.hpp"

namespace herald::kafka {

class Reader {
public:
    static std::unique_ptr<Reader> create(const std::string& brokers, const Properties& extra,
                                          std::string& error, ErrorCallback on_error = {});
    ~Reader();
    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;

    // Replaces the assignment; tp.offset is the start offset (an offset, kOffsetBeginning or
    // kOffsetEnd). An empty list stops reading.
    bool assign(const std::vector<TopicPartition>& tps, std::string& error);
    // Appends up to `max` messages, waiting up to timeout_ms for the first. Errors other than
    // partition EOF go to on_error (and are counted in error_count()).
    size_t consume_batch(std::vector<Message>& out, size_t max, int timeout_ms);
    size_t error_count() const { return errors_; }
    bool watermarks(const std::string& topic, int32_t partition, int64_t& low, int64_t& high,
                    int timeout_ms) const;
    bool offsets_for_times(std::vector<TopicPartition>& tps, int timeout_ms, std::string& error) const;
    // The next offset the reader fetches from an assigned partition (it moves past transaction
    // markers, which never arrive as messages); -1 when unknown.
    int64_t position(const std::string& topic, int32_t partition) const;
    int32_t partition_count(const std::string& topic, int timeout_ms, std::string& error) const;
    // Every topic the brokers have (internal ones included); never creates one.
    bool topic_names(std::vector<std::string>& names, int timeout_ms, std::string& error) const;
    struct Hooks;  // librdkafka callback trampolines (internal)

private:
    Reader() = default;
    detail::ClientPtr rk_;
    ErrorCallback on_error_;
    size_t errors_ = 0;
};

}  // namespace herald::kafka
