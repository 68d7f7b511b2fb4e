// A delivery thread per target: ordered sends, backoff on failure, rate limit, dead letters.
#include "herald/notify/target_worker.hpp"

#include <algorithm>
#include <cstdio>

#include "herald/core/ascii.hpp"
#include "herald/core/hash.hpp"
#include "herald/core/time.hpp"
#include "herald/notify/http_client.hpp"
#include "herald/core/log.hpp"

namespace herald::notify {

int64_t backoff_ms(int failed_attempts, int64_t initial_ms, int64_t max_ms, uint64_t jitter_seed) {
    int64_t wait = std::max<int64_t>(initial_ms, 1);
    for (int i = 1; i < failed_attempts && wait < max_ms; ++i) wait *= 2;
    wait = std::min(wait, max_ms);
    const int64_t jitter = static_cast<int64_t>(core::mix64(jitter_seed) % 1000) * (wait / 5) / 1000;
    return wait - jitter;
}

TargetWorker::TargetWorker(TargetConfig config, TargetMetrics& metrics, std::string console_url, Done done,
                           DeadLetter dead_letter)
    : config_(std::move(config)),
      metrics_(metrics),
      console_url_(std::move(console_url)),
      done_(std::move(done)),
      dead_letter_(std::move(dead_letter)) {
    tokens_ = std::max(1.0, config_.burst);
    refilled_ = Clock::now();
}

TargetWorker::~TargetWorker() { stop(); }

void TargetWorker::start() { thread_ = std::thread([this] { run(); }); }

void TargetWorker::push(JobPtr job) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        queue_.push_back(std::move(job));
    }
    metrics_.queued->Increment();
    wake_.notify_one();
}

void TargetWorker::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

bool TargetWorker::next_batch(std::vector<JobPtr>& batch) {
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) return false;
    const bool am = config_.kind == TargetConfig::Kind::alertmanager;
    size_t alerts = 0;
    while (!queue_.empty()) {
        const JobPtr& j = queue_.front();
        // A resend goes alone (it is never retried); a webhook request carries one alert.
        if (!batch.empty() && (j->resend() || batch.front()->resend() || !am)) break;
        if (!batch.empty() && alerts + j->am.size() > config_.batch) break;
        alerts += j->am.size();
        batch.push_back(queue_.front());
        queue_.pop_front();
    }
    return true;
}

bool TargetWorker::wait_until(Clock::time_point until) {
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait_until(lock, until, [this] { return stopping_; });
    return !stopping_;
}

bool TargetWorker::take_token() {
    if (config_.rate_per_s <= 0) return true;
    for (;;) {
        const auto now = Clock::now();
        const double seconds = std::chrono::duration<double>(now - refilled_).count();
        tokens_ = std::min(std::max(1.0, config_.burst), tokens_ + seconds * config_.rate_per_s);
        refilled_ = now;
        if (tokens_ >= 1.0) {
            tokens_ -= 1.0;
            return true;
        }
        const auto wait = std::chrono::duration<double>((1.0 - tokens_) / config_.rate_per_s);
        if (!wait_until(now + std::chrono::duration_cast<Clock::duration>(wait))) return false;
    }
}

void TargetWorker::body_for(const std::vector<JobPtr>& batch, std::string& body) const {
    body.clear();
    if (config_.kind == TargetConfig::Kind::alertmanager) {
        std::vector<const AmAlert*> alerts;
        for (const JobPtr& j : batch)
            for (const AmAlert& a : j->am) alerts.push_back(&a);
        append_am_body(body, alerts, console_url_);
        return;
    }
    config_.body.render(batch.front()->alert, console_url_, body);
}

void TargetWorker::finish(const std::vector<JobPtr>& batch, bool delivered, const std::string& why, int attempts) {
    const int64_t now = core::now_ms();
    for (const JobPtr& j : batch) {
        metrics_.queued->Decrement();
        if (j->resend()) {
            if (delivered && metrics_.resent) metrics_.resent->Increment(static_cast<double>(j->am.size()));
            continue;
        }
        if (delivered) {
            metrics_.delivered->Increment();
            if (j->published_ms > 0) metrics_.latency->Observe(static_cast<double>(now - j->published_ms) / 1000.0);
            done_(j);
        } else {
            metrics_.dead_lettered->Increment();
            dead_letter_(j, why, attempts);
        }
    }
}

// A target that fails now and then, or is down for hours, must not flood the log: each kind of
// line appears at most once per kQuietMs per target, saying how many it stands for.
constexpr int64_t kQuietMs = 30000;

void DeliveryLog::failed(const std::string& target, const std::string& why) {
    if (failing_) return;
    failing_ = true;
    const int64_t now = core::now_ms();
    if (now - last_failed_ms_ < kQuietMs) {
        ++unreported_failures_;
        return;
    }
    std::string msg = target + ": delivery failed (" + why + "); retrying with backoff";
    if (unreported_failures_ > 0)
        msg += " (failed " + std::to_string(unreported_failures_) + " more time(s) since the last report)";
    core::log::warn("notify", msg);
    unreported_failures_ = 0;
    last_failed_ms_ = now;
    announced_ = true;
}

void DeliveryLog::recovered(const std::string& target) {
    if (failing_ && announced_) core::log::info("notify", core::log::printf("%s: delivering again", target.c_str()));
    failing_ = announced_ = false;
}

void DeliveryLog::gave_up(const std::string& target, size_t alerts, int attempts, const std::string& why) {
    given_up_ += alerts;
    const int64_t now = core::now_ms();
    if (now - last_gave_up_ms_ < kQuietMs) return;
    core::log::warn(
        "notify", core::log::printf("%s: gave up on %llu alert(s) (dead-lettered), the last after %d attempt(s): %s",
                                    target.c_str(), static_cast<unsigned long long>(given_up_), attempts, why.c_str()));
    given_up_ = 0;
    last_gave_up_ms_ = now;
}

// Sends one request's alerts until acknowledged, given up on, or stopping (then false). A
// refused request of several Alertmanager alerts is sent again one alert per request, so that
// only the alert Alertmanager refuses is dead-lettered, not the others that shared its request.
bool TargetWorker::deliver(const std::vector<JobPtr>& batch, HttpClient& client, std::vector<std::string>& headers) {
    std::string body;
    body_for(batch, body);
    // Webhook receivers drop repeats by this key: the same alert keeps it on every attempt.
    if (config_.kind == TargetConfig::Kind::webhook) headers.push_back("Idempotency-Key: " + batch.front()->alert.idempotency_key());
    const bool resend = batch.front()->resend();
    for (int attempt = 1;; ++attempt) {
        if (!take_token()) return false;
        const HttpResult r = client.post(config_.url, body, headers, config_.timeout_ms);
        ++requests_;
        if (r.ok()) {
            log_.recovered(config_.name);
            if (attempt > 1) metrics_.retrying->Decrement(static_cast<double>(batch.size()));
            finish(batch, true, "", attempt);
            return true;
        }
        metrics_.failed->Increment(static_cast<double>(batch.size()));
        if (!resend) log_.failed(config_.name, r.error);
        if (attempt == 1) metrics_.retrying->Increment(static_cast<double>(batch.size()));
        if (r.permanent() && batch.size() > 1 && !resend) {
            metrics_.retrying->Decrement(static_cast<double>(batch.size()));
            if (config_.kind == TargetConfig::Kind::webhook) headers.pop_back();
            for (const JobPtr& j : batch)
                if (!deliver({j}, client, headers)) return false;
            return true;
        }
        if (r.permanent() || (config_.max_attempts > 0 && attempt >= config_.max_attempts) || resend) {
            metrics_.retrying->Decrement(static_cast<double>(batch.size()));
            if (!resend) log_.gave_up(config_.name, batch.size(), attempt, r.error);
            finish(batch, false, r.error, attempt);
            return true;
        }
        const int64_t wait = backoff_ms(attempt, config_.backoff_initial_ms, config_.backoff_max_ms, requests_);
        if (!wait_until(Clock::now() + std::chrono::milliseconds(wait))) return false;
    }
}

void TargetWorker::run() {
    HttpClient client;
    std::vector<JobPtr> batch;
    std::vector<std::string> headers = config_.headers;
    const bool has_type = std::any_of(headers.begin(), headers.end(),
                                      [](const std::string& h) { return core::ascii::istarts_with(h, "content-type:"); });
    if (!has_type) headers.push_back("Content-Type: application/json");
    const size_t fixed_headers = headers.size();
    while (true) {
        batch.clear();
        if (!next_batch(batch)) return;
        headers.resize(fixed_headers);
        if (!deliver(batch, client, headers)) return;
    }
}

}  // namespace herald::notify
