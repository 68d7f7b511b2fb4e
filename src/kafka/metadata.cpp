#include "metadata.hpp"

namespace herald::kafka::detail {

MetadataPtr topic_metadata(rd_kafka_t* rk, const std::string& topic, int timeout_ms, const char* who,
                           std::string& error) {
    rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk, topic.c_str(), nullptr);
    const rd_kafka_metadata_t* md = nullptr;
    rd_kafka_resp_err_t e = rd_kafka_metadata(rk, 0, rkt, &md, timeout_ms);
    rd_kafka_topic_destroy(rkt);
    if (e) {
        error = std::string(who) + ": metadata for topic '" + topic + "' failed: " + rd_kafka_err2str(e);
        return nullptr;
    }
    return MetadataPtr(md);
}

}  // namespace herald::kafka::detail
