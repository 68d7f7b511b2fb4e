#include "herald/console/feed.hpp"

#include <chrono>
#include <cstdio>
#include <map>
#include <thread>

#include "herald/console/alert_record.hpp"
#include "herald/core/time.hpp"
#include "herald/kafka/consumer.hpp"
#include "herald/core/log.hpp"

namespace herald::console {

namespace {
constexpr int64_t kPruneEveryMs = 30'000;
constexpr size_t kBatch = 500;
}  // namespace

Feed::Feed(Store& store, ConsoleMetrics* metrics, FeedOptions options, OnStored on_stored)
    : store_(store), metrics_(metrics), options_(std::move(options)), on_stored_(std::move(on_stored)) {}

Feed::~Feed() { close(); }

bool Feed::start(std::string& error) {
    kafka::Consumer::Callbacks callbacks;
    callbacks.on_assigned = [this](const std::vector<kafka::TopicPartition>& tps) { assigned(tps); };
    // A broker that is down reports every few seconds: one line per kQuietMs, saying how many it stands for.
    callbacks.on_error = [this](int, const std::string& why, bool fatal) {
        uint64_t held = 0;
        if (!fatal && !kafka_errors_.allow(core::now_ms(), held)) return;
        std::string msg = std::string("kafka") + (fatal ? " (fatal)" : "") + ": " + why;
        if (held > 0) msg += " (" + std::to_string(held) + " more client error(s) since the last report)";
        core::log::write(fatal ? core::log::Level::error : core::log::Level::warn, "console", msg);
    };
    kafka::Consumer::Options o;
    o.brokers = options_.brokers;
    o.group = options_.group;
    // An alert should show within a second: do not let the broker hold a fetch long.
    o.extra = {{"fetch.wait.max.ms", "100"}};
    o.extra.insert(o.extra.end(), options_.extra.begin(), options_.extra.end());
    consumer_ = kafka::Consumer::create(o, std::move(callbacks), error);
    if (!consumer_) return false;
    return consumer_->subscribe({options_.topic}, error);
}

// Inside consume_batch (rebalance callback): remember where the store wants each partition.
void Feed::assigned(const std::vector<kafka::TopicPartition>& tps) {
    std::map<int32_t, int64_t> stored;
    std::string error;
    if (!store_.offsets(options_.topic, stored, error)) {
        core::log::warn("console", core::log::printf("%s; resuming at the group's offsets", error.c_str()));
        return;
    }
    for (const kafka::TopicPartition& tp : tps) {
        auto it = stored.find(tp.partition);
        const int64_t want = it == stored.end() ? kafka::kOffsetBeginning : it->second;
        if (want != tp.offset) to_rewind_.push_back({tp.topic, tp.partition, want, 0});
    }
}

void Feed::rewind_assigned() {
    if (to_rewind_.empty()) return;
    std::string error;
    if (!consumer_->restart_partitions(to_rewind_, 10000, error))
        core::log::warn("console", core::log::printf("cannot move to the store's offsets (%s); resuming at the group's",
                                                     error.c_str()));
    to_rewind_.clear();
}

void Feed::run(const std::atomic<bool>& stop) {
    AlertParser parser;
    std::vector<kafka::Message> batch;
    std::map<int32_t, int64_t> reached;
    std::string reason;
    while (!stop.load()) {
        batch.clear();
        consumer_->consume_batch(batch, kBatch, 100);
        rewind_assigned();
        records_.clear();
        reached.clear();
        for (const kafka::Message& m : batch) {
            if (m.error()) continue;
            reached[m.partition()] = m.offset() + 1;
            records_.emplace_back();
            if (!parser.parse(m.payload(), records_.back(), reason)) {
                records_.pop_back();
                if (metrics_) {
                    metrics_->rejected(reason).Increment();
                    metrics_->consumed(Consumed::rejected).Increment();
                }
            }
        }
        offsets_.clear();
        for (const auto& [partition, next] : reached) offsets_.push_back({options_.topic, partition, next});
        if (!offsets_.empty()) {
            // A store that fails (disk full, locked) is retried: the batch is not given up.
            while (!store_batch() && !stop.load()) std::this_thread::sleep_for(std::chrono::seconds(1));
        }
        prune(core::now_ms());
    }
}

bool Feed::store_batch() {
    std::vector<Row> added;
    std::string error;
    if (!store_.add(records_, offsets_, core::now_ms(), added, error)) {
        if (metrics_) metrics_->store_errors().Increment();
        uint64_t held = 0;
        if (store_errors_.allow(core::now_ms(), held))
            core::log::error("console", error + " (retrying" +
                                            (held > 0 ? "; " + std::to_string(held) + " more failure(s) since the last report)" : ")"));
        return false;
    }
    for (const Offset& o : offsets_) consumer_->store_offset(o.topic, o.partition, o.next);
    if (metrics_) {
        metrics_->consumed(Consumed::stored).Increment(static_cast<double>(added.size()));
        metrics_->consumed(Consumed::duplicate).Increment(static_cast<double>(records_.size() - added.size()));
        metrics_->stored().Increment(static_cast<double>(added.size()));
    }
    if (!added.empty() && on_stored_) on_stored_(std::move(added));
    return true;
}

void Feed::prune(int64_t now_ms) {
    if (now_ms < next_prune_ms_) return;
    next_prune_ms_ = now_ms + kPruneEveryMs;
    std::string error;
    if (store_.prune(options_.max_alerts, now_ms - options_.max_age_ms, error) < 0) {
        if (metrics_) metrics_->store_errors().Increment();
        core::log::error("console", error);
    }
    const int64_t n = store_.count(error);
    if (n >= 0 && metrics_) metrics_->stored().Set(static_cast<double>(n));
}

void Feed::close() {
    if (consumer_) consumer_->close(10000);
}

}  // namespace herald::console
