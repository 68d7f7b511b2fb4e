#pragma once
// One topic's metadata, asked of a broker within a deadline (internal).
#include <librdkafka/rdkafka.h>

#include <memory>
#include <string>

namespace herald::kafka::detail {

struct MetadataDeleter {
    void operator()(const rd_kafka_metadata_t* md) const { rd_kafka_metadata_destroy(md); }
};
using MetadataPtr = std::unique_ptr<const rd_kafka_metadata_t, MetadataDeleter>;

// Null on failure, with `error` = "<who>: metadata for topic '<topic>' failed: <reason>".
MetadataPtr topic_metadata(rd_kafka_t* rk, const std::string& topic, int timeout_ms, const char* who,
                           std::string& error);

}  // namespace herald::kafka::detail
