#pragma once
// Low and high watermarks of one partition, asked of its leader, within a deadline (internal).
#include <librdkafka/rdkafka.h>

#include <cstdint>
#include <string>

namespace herald::kafka::detail {

// rd_kafka_query_watermark_offsets (librdkafka 2.0) waits for the leader's answer however long
// it takes, past its own timeout: a broker that stops answering would hold the caller for
// minutes. This asks the same thing through ListOffsets by "time" (earliest, latest), which
// gives up at timeout_ms.
bool query_watermarks(rd_kafka_t* rk, const std::string& topic, int32_t partition, int64_t& low, int64_t& high,
                      int timeout_ms);

}  // namespace herald::kafka::detail
