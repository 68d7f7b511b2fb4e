#include "metadata.hpp"

namespace herald::kafka::detail {

MetadataPtr topic_metadata(rd_kafka_t* rk, const std::string& topic, int timeout_ms, const char* who,
                           std::string& error) {
    TopicPtr rkt(rd_kafka_topic_new(rk, topic.c_str(), nullptr));
    const rd_kafka_metadata_t* md = nullptr;
    rd_kafka_resp_err_t e = rd_kafka_metadata(rk, 0, rkt.get(), &md, timeout_ms);
    MetadataPtr owned(md);
    if (e) {
        error = std::string(who) + ": metadata for topic '" + topic + "' failed: " + rd_kafka_err2str(e);
        return nullptr;
    }
    return owned;
}

}  // namespace herald::kafka::detail
