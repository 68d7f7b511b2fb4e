#pragma once
// `herald notify`'s engine: a consumer group member of the alerts topic that hands every alert to
// each target's delivery thread and stores an offset for commit only when the alert, and every
// one before it in the partition, was acknowledged by every target or dead-lettered (and the
// dead letter acknowledged by the broker; a dead letter refused for good is cut down, then given
// up, counted and logged, so that it cannot hold its partition). A restart or a target that is
// down therefore loses nothing; what was delivered but not yet committed is delivered again.
//
//   herald::notify::NotifyMetrics metrics;
//   herald::notify::Notifier n(options, metrics);
//   std::string error;
//   if (!n.start(error) || !n.run(stop_flag, error)) die(error);
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "herald/kafka/consumer.hpp"
#include "herald/kafka/producer.hpp"
#include "herald/notify/alertmanager.hpp"
#include "herald/notify/firing_read_back.hpp"
#include "herald/notify/job.hpp"
#include "herald/notify/metrics.hpp"
#include "herald/notify/offset_ledger.hpp"
#include "herald/notify/target_worker.hpp"

namespace herald::notify {

struct NotifyOptions {
    std::string brokers;
    std::string group = "herald-notify";
    std::string topic = "alerts";
    std::string dead_letter_topic = "alerts.undelivered";
    kafka::Properties consumer_properties, producer_properties;
    std::vector<TargetConfig> targets;
    std::string console_url;             // generatorURL and {{console_link}} base; "" = none
    int64_t active_for_ms = 3600000;     // a firing alert without a resolution stays active this long
    int64_t resend_interval_ms = 60000;  // active alerts are sent to Alertmanager again this often
    size_t max_inflight = 10000;         // alerts read and not done: beyond it, consuming pauses
    size_t max_alert_bytes = 1 << 20;    // larger messages are skipped (reason "oversized")
    int64_t drain_timeout_ms = 10000;    // on stop: time left to finish deliveries under way
};

class Notifier {
public:
    Notifier(NotifyOptions options, NotifyMetrics& metrics);
    ~Notifier();
    Notifier(const Notifier&) = delete;
    Notifier& operator=(const Notifier&) = delete;

    // Creates the consumer (subscribed), the dead-letter producer and the delivery threads.
    bool start(std::string& error);
    // Until `stop` becomes true; then drains (up to drain_timeout_ms), commits and closes.
    // False with a one-line error on a fatal Kafka error.
    bool run(const std::atomic<bool>& stop, std::string& error);
    size_t partitions_assigned() const { return assigned_.load(); }

private:
    struct DeadLetter;
    void handle(const kafka::Message& m);
    void skip(const kafka::Message& m, ParseResult why, const std::string& detail);
    void finished(const JobPtr& job);  // one target is through with it (any thread)
    void dead_letter(const JobPtr& job, const std::string& target, const std::string& why, int attempts);
    void produce_dead_letter(DeadLetter* d);  // any thread
    void dead_letter_failed(DeadLetter* d, const kafka::Error& e);
    void give_up(DeadLetter* d, std::string_view reason);
    void drain_finished();
    void mark_done(int32_t partition, uint64_t generation, int64_t offset);
    void resend_active();
    void flow_control();
    void revoke(const std::vector<kafka::TopicPartition>& tps);
    // Assigned partitions learn back what still fires on a thread of their own, held paused until
    // then: the assignment callback returns at once and a rebalance never waits for a read-back.
    struct ReadBack {
        std::map<int32_t, uint64_t> partitions;  // partition -> the assignment it was read for
        ActiveAlerts found;
        ReadBackReport report;
    };
    void queue_read_back(const std::vector<kafka::TopicPartition>& tps);  // assignment callback
    void read_back_step();                                                 // run(): start / take one
    void take_read_back(ReadBack& r);
    void stop_read_back();

    NotifyOptions options_;
    NotifyMetrics& metrics_;
    std::unique_ptr<kafka::Consumer> consumer_;
    std::unique_ptr<kafka::Producer> producer_;
    std::vector<std::unique_ptr<TargetWorker>> workers_;
    bool any_alertmanager_ = false;
    OffsetLedger ledger_;
    ActiveAlerts active_;
    int64_t next_resend_ms_ = 0;
    bool paused_ = false;
    std::atomic<size_t> assigned_{0};
    std::atomic<bool> fatal_{false};
    std::string fatal_reason_;  // set before fatal_ (release), read after (acquire)
    std::mutex finished_mutex_;
    std::vector<JobPtr> finished_;  // jobs every target is through with, for the consumer thread
    std::mutex retry_mutex_;
    std::vector<DeadLetter*> dead_letter_retry_;  // produce refused: tried again from run()
    std::map<int32_t, uint64_t> awaiting_;       // partitions paused for a read-back, by assignment
    std::vector<kafka::TopicPartition> to_read_;  // assigned (committed offsets), not yet being read
    uint64_t assignments_ = 0;
    std::atomic<bool> cancel_read_back_{false};
    std::future<ReadBack> reading_;  // the read-back under way, if any
    uint64_t skipped_ = 0;
    std::mutex give_up_mutex_;
    uint64_t given_up_ = 0;           // alerts done without any dead letter
    int64_t give_up_logged_ms_ = 0;   // when that was last told on stderr
};

}  // namespace herald::notify
