#pragma once
// One delivery target (an Alertmanager or a webhook) and the thread that feeds it: alerts are sent
// in the order they were read; a failed request is retried with exponential backoff (the target
// gets nothing else meanwhile: it is most likely down), and an alert that failed max_attempts
// times, or was refused outright (a 4xx other than 408/425/429), is handed to the dead-letter
// callback. Requests keep to the target's rate limit (a token bucket).
//
//   TargetWorker w(config, metrics.target(config.name), console_url,
//                  [&](const JobPtr& j) { finished(j); },
//                  [&](const JobPtr& j, const std::string& why, int attempts) { dead_letter(j, why, attempts); });
//   w.start();
//   w.push(job);         // from the consumer thread
//   w.stop();            // what is still queued stays undelivered (its offset was never stored)
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "herald/notify/http_client.hpp"
#include "herald/notify/job.hpp"
#include "herald/notify/metrics.hpp"

namespace herald::notify {

// What a target's thread says on stderr about failures: the first of a series, the recovery, and
// give-ups, each kind at most once per 30 s.
class DeliveryLog {
public:
    void failed(const std::string& target, const std::string& why);
    void recovered(const std::string& target);
    void gave_up(const std::string& target, size_t alerts, int attempts, const std::string& why);

private:
    bool failing_ = false, announced_ = false;
    int64_t last_failed_ms_ = INT64_MIN / 2, last_gave_up_ms_ = INT64_MIN / 2;
    uint64_t unreported_failures_ = 0, given_up_ = 0;
};

class TargetWorker {
public:
    using Done = std::function<void(const JobPtr&)>;
    using DeadLetter = std::function<void(const JobPtr&, const std::string& why, int attempts)>;

    TargetWorker(TargetConfig config, TargetMetrics& metrics, std::string console_url, Done done,
                 DeadLetter dead_letter);
    ~TargetWorker();
    TargetWorker(const TargetWorker&) = delete;
    TargetWorker& operator=(const TargetWorker&) = delete;

    void start();
    void push(JobPtr job);
    void stop();  // wakes the thread out of any wait and joins it
    const TargetConfig& config() const { return config_; }

private:
    using Clock = std::chrono::steady_clock;
    void run();
    // Takes the next request's jobs off the queue front (Alertmanager: up to config_.batch alerts).
    bool next_batch(std::vector<JobPtr>& batch);
    void body_for(const std::vector<JobPtr>& batch, std::string& body) const;
    // Waits for the rate limit (or until `until`); false when stopping.
    bool wait_until(Clock::time_point until);
    bool take_token();
    void finish(const std::vector<JobPtr>& batch, bool delivered, const std::string& why, int attempts);
    bool deliver(const std::vector<JobPtr>& batch, HttpClient& client, std::vector<std::string>& headers);

    TargetConfig config_;
    TargetMetrics& metrics_;
    std::string console_url_;
    Done done_;
    DeadLetter dead_letter_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<JobPtr> queue_;
    bool stopping_ = false;
    std::thread thread_;
    DeliveryLog log_;    // worker thread only
    uint64_t requests_ = 0;  // worker thread only; seeds the backoff jitter
    double tokens_ = 0;  // rate limit bucket (worker thread only)
    Clock::time_point refilled_;
};

// The wait before attempt n+1 after n failed ones: initial x 2^(n-1), capped, with up to 20 %
// jitter taken off so that several herald notify instances do not retry in step.
int64_t backoff_ms(int failed_attempts, int64_t initial_ms, int64_t max_ms, uint64_t jitter_seed);

}  // namespace herald::notify
