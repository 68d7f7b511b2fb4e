#include "herald/kafka/reader.hpp"

#include <librdkafka/rdkafka.h>

#include <utility>

#include "config.hpp"
#include "metadata.hpp"
#include "partition_list.hpp"
#include "watermarks.hpp"

namespace herald::kafka {

struct Reader::Hooks {
    static void on_error(rd_kafka_t* rk, int err, const char* reason, void* opaque) {
        auto* self = static_cast<Reader*>(opaque);
        ++self->errors_;
        if (!self->on_error_) return;
        if (err == RD_KAFKA_RESP_ERR__FATAL) {
            char why[512];
            int underlying = rd_kafka_fatal_error(rk, why, sizeof why);
            self->on_error_(underlying, std::string("kafka reader fatal error: ") + why, true);
            return;
        }
        self->on_error_(err, std::string("kafka reader: ") + reason, false);
    }
};

std::unique_ptr<Reader> Reader::create(const std::string& brokers, const Properties& extra, std::string& error,
                                       ErrorCallback on_error) {
    if (brokers.empty()) {
        error = "kafka reader: no brokers given (bootstrap list like host:9092)";
        return nullptr;
    }
    // librdkafka's consumer needs a group.id even for assign(); the reader never joins or commits.
    const Properties defaults{
        {"bootstrap.servers", brokers},
        {"group.id", "herald-reader"},
        {"enable.auto.commit", "false"},
        {"enable.auto.offset.store", "false"},
        {"auto.offset.reset", "earliest"},
        {"enable.partition.eof", "false"},
    };
    detail::ConfPtr conf = detail::build_conf("reader", defaults, extra, error);
    if (!conf) return nullptr;
    std::unique_ptr<Reader> self(new Reader());
    self->on_error_ = std::move(on_error);
    rd_kafka_conf_set_opaque(conf.get(), self.get());
    rd_kafka_conf_set_error_cb(conf.get(), &Hooks::on_error);
    self->rk_ = detail::create_handle("reader", RD_KAFKA_CONSUMER, std::move(conf), error);
    if (!self->rk_) return nullptr;
    rd_kafka_poll_set_consumer(self->rk_.get());
    return self;
}

Reader::~Reader() {
    if (!rk_) return;
    rd_kafka_assign(rk_.get(), nullptr);
    rd_kafka_consumer_close(rk_.get());
}

bool Reader::assign(const std::vector<TopicPartition>& tps, std::string& error) {
    detail::ListPtr list = detail::to_list(tps);
    if (rd_kafka_resp_err_t e = rd_kafka_assign(rk_.get(), tps.empty() ? nullptr : list.get())) {
        error = std::string("kafka reader: assign failed: ") + rd_kafka_err2str(e);
        return false;
    }
    return true;
}

size_t Reader::consume_batch(std::vector<Message>& out, size_t max, int timeout_ms) {
    size_t added = 0;
    int wait = timeout_ms;
    while (added < max) {
        Message m(rd_kafka_consumer_poll(rk_.get(), wait));  // owned at once: no path leaks it
        if (!m.valid()) break;
        wait = 0;
        const int err = m.error();
        if (err && err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            ++errors_;
            if (on_error_) on_error_(err, std::string("kafka reader: ") + rd_kafka_message_errstr(m.raw()), false);
            continue;
        }
        out.push_back(std::move(m));
        ++added;
    }
    return added;
}

bool Reader::watermarks(const std::string& topic, int32_t partition, int64_t& low, int64_t& high,
                        int timeout_ms) const {
    return detail::query_watermarks(rk_.get(), topic, partition, low, high, timeout_ms);
}

bool Reader::offsets_for_times(std::vector<TopicPartition>& tps, int timeout_ms, std::string& error) const {
    detail::ListPtr list = detail::to_list(tps);
    if (rd_kafka_resp_err_t e = rd_kafka_offsets_for_times(rk_.get(), list.get(), timeout_ms)) {
        error = std::string("kafka reader: offsets_for_times failed: ") + rd_kafka_err2str(e);
        return false;
    }
    detail::copy_back(list.get(), tps);
    return true;
}

int64_t Reader::position(const std::string& topic, int32_t partition) const {
    std::vector<TopicPartition> tps{{topic, partition, kOffsetInvalid, 0}};
    detail::ListPtr list = detail::to_list(tps);
    if (rd_kafka_position(rk_.get(), list.get()) != RD_KAFKA_RESP_ERR_NO_ERROR) return -1;
    return list->elems[0].offset;
}

int32_t Reader::partition_count(const std::string& topic, int timeout_ms, std::string& error) const {
    detail::MetadataPtr md = detail::topic_metadata(rk_.get(), topic, timeout_ms, "kafka reader", error);
    if (!md) return -1;
    int32_t count = -1;
    if (md->topic_cnt == 1 && md->topics[0].err == RD_KAFKA_RESP_ERR_NO_ERROR) count = md->topics[0].partition_cnt;
    else if (md->topic_cnt == 1)
        error = "kafka reader: topic '" + topic + "': " + rd_kafka_err2str(md->topics[0].err);
    else
        error = "kafka reader: topic '" + topic + "' not in metadata";
    return count;
}

bool Reader::topic_names(std::vector<std::string>& names, int timeout_ms, std::string& error) const {
    // All topics, not one: asking for one topic by name lets a broker with auto-creation (the
    // embedded one, many real ones) create it, and a reader must never create what it reads.
    const rd_kafka_metadata_t* md = nullptr;
    rd_kafka_resp_err_t e = rd_kafka_metadata(rk_.get(), 1, nullptr, &md, timeout_ms);
    detail::MetadataPtr owned(md);
    if (e) {
        error = std::string("kafka reader: cannot list the brokers' topics: ") + rd_kafka_err2str(e);
        return false;
    }
    names.clear();
    for (int i = 0; i < md->topic_cnt; ++i) names.emplace_back(md->topics[i].topic);
    return true;
}

}  // namespace herald::kafka
