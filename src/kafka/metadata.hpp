#pragma once
// One topic's metadata, asked of a broker within a deadline (internal).
#include <string>

#include "handles.hpp"

namespace herald::kafka::detail {

// Null on failure, with `error` = "<who>: metadata for topic '<topic>' failed: <reason>".
MetadataPtr topic_metadata(rd_kafka_t* rk, const std::string& topic, int timeout_ms, const char* who,
                           std::string& error);

}  // namespace herald::kafka::detail
