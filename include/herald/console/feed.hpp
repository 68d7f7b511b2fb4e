#pragma once
// Reads the alerts topic into the console's store, as its own consumer group: each batch is
// stored in one SQLite transaction together with the offsets it reaches, and only then are the
// offsets handed to Kafka. Partitions start where the store says it stopped (the file, not the
// group, is the truth: a missing file is rebuilt from the topic's start). Messages that are not
// herald alerts are counted and skipped; they never stop the feed.
//
//   herald::console::Feed feed(store, &metrics, {.brokers = b, .topic = "alerts"},
//                              [&](std::vector<herald::console::Row> rows) { server.publish(std::move(rows)); });
//   if (!feed.start(error)) die(error);
//   feed.run(stop_flag);   // until stop_flag; then feed.close()
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "herald/console/metrics.hpp"
#include "herald/console/store.hpp"
#include "herald/core/log.hpp"
#include "herald/kafka/types.hpp"

namespace herald::kafka {
class Consumer;
}

namespace herald::console {

struct FeedOptions {
    std::string brokers;
    std::string topic = "alerts";
    std::string group = "herald-console";
    kafka::Properties extra;         // librdkafka consumer properties
    int64_t max_alerts = 1'000'000;  // kept in the store at most (oldest go first)
    int64_t max_age_ms = 30LL * 86'400'000;
};

class Feed {
public:
    using OnStored = std::function<void(std::vector<Row>)>;
    Feed(Store& store, ConsoleMetrics* metrics, FeedOptions options, OnStored on_stored);
    ~Feed();
    Feed(const Feed&) = delete;
    Feed& operator=(const Feed&) = delete;

    bool start(std::string& error);         // creates the consumer and subscribes
    void run(const std::atomic<bool>& stop);  // the loop, on the calling thread
    void close();                           // leaves the group (commits what was stored)

private:
    void assigned(const std::vector<kafka::TopicPartition>& tps);
    void rewind_assigned();
    bool store_batch();
    void prune(int64_t now_ms);

    Store& store_;
    ConsoleMetrics* metrics_;
    FeedOptions options_;
    OnStored on_stored_;
    std::unique_ptr<kafka::Consumer> consumer_;
    std::vector<kafka::TopicPartition> to_rewind_;  // assigned, not yet moved to the store's offsets
    std::vector<AlertRecord> records_;
    std::vector<Offset> offsets_;
    int64_t next_prune_ms_ = 0;
    // Messages that repeat while a broker or the disk is down: one line per 30 s each.
    core::log::RateLimit kafka_errors_{30000};
    core::log::RateLimit store_errors_{30000};
};

}  // namespace herald::console
