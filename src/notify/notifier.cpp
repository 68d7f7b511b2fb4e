// herald notify's consumer loop: read, fan out to the targets, store offsets as alerts finish.
#include "herald/notify/notifier.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

#include "herald/core/time.hpp"
#include "herald/core/log.hpp"

namespace herald::notify {

namespace {
// A dead letter's retriable failures (each after the producer's own retries, message.timeout.ms)
// before the next form is tried: whole, then truncated, then none.
constexpr int kDeadLetterTries = 3;
constexpr size_t kKeyBytes = 4096, kErrorBytes = 1024;  // the whole form: the alert plus these
constexpr size_t kShortBytes = 256;                     // each text of the truncated form
constexpr int64_t kGiveUpLogMs = 60000;                 // one "gave up" line per minute at most
}  // namespace

struct Notifier::DeadLetter {
    JobPtr job;
    std::string target, why, attempts;
    int failures = 0;        // retriable failures of the current form
    bool truncated = false;  // the alert left out: the headers say which it is and where
    std::string refused;     // why the whole form was not taken
};

Notifier::Notifier(NotifyOptions options, NotifyMetrics& metrics) : options_(std::move(options)), metrics_(metrics) {}

Notifier::~Notifier() {
    stop_read_back();
    for (auto& w : workers_) w->stop();
    if (producer_) producer_->discard_outstanding(1000);  // hands back (and frees) every DeadLetter
    std::lock_guard<std::mutex> lock(retry_mutex_);
    for (DeadLetter* d : dead_letter_retry_) delete d;
}

bool Notifier::start(std::string& error) {
    if (options_.targets.empty()) {
        error = "no delivery target: give --alertmanager URL and/or --webhook URL";
        return false;
    }
    kafka::Consumer::Callbacks cb;
    cb.on_assigned = [this](const std::vector<kafka::TopicPartition>& tps) {
        assigned_ += tps.size();
        if (paused_) consumer_->pause(tps);  // consuming is held: new partitions too
        queue_read_back(tps);  // read before any message of these partitions is handled
    };
    cb.on_revoking = [this](const std::vector<kafka::TopicPartition>& tps) { revoke(tps); };
    cb.on_error = [this](int, const std::string& why, bool fatal) {
        if (fatal && !fatal_) {
            fatal_reason_ = why;
            fatal_ = true;
        }
    };
    // A caught-up consumer's fetch may be held by the broker this long before new alerts are seen
    // (the embedded broker holds it in full even when data arrives; Kafka answers at once).
    kafka::Properties consumer_properties{{"fetch.wait.max.ms", "100"}};
    consumer_properties.insert(consumer_properties.end(), options_.consumer_properties.begin(),
                               options_.consumer_properties.end());
    consumer_ = kafka::Consumer::create({options_.brokers, options_.group, consumer_properties}, cb, error);
    if (!consumer_ || !consumer_->subscribe({options_.topic}, error)) return false;
    auto on_delivery = [this](void* opaque, const kafka::Error& e, int32_t, int64_t) {
        auto* d = static_cast<DeadLetter*>(opaque);
        if (e) return dead_letter_failed(d, e);
        if (d->truncated) metrics_.dead_letters_truncated->Increment();
        finished(d->job);
        delete d;
    };
    // A dead letter carries the alert whole (up to max_alert_bytes) plus its headers; sent at once.
    kafka::Properties producer_properties{{"message.max.bytes", std::to_string(options_.max_alert_bytes + 65536)},
                                          {"linger.ms", "0"}};
    producer_properties.insert(producer_properties.end(), options_.producer_properties.begin(),
                               options_.producer_properties.end());
    // A fatal producer error (the broker refused its idempotent producer id, say) means no dead
    // letter can be written again: herald notify stops (exit 1) as on a fatal consumer error, and
    // what was not done is delivered after the restart. Other client errors come back as the dead
    // letters' delivery reports (counted in herald_notify_dead_letter_errors_total).
    auto on_producer_error = [this](int, const std::string& why, bool fatal) {
        if (fatal && !fatal_) {
            fatal_reason_ = why;
            fatal_ = true;
        }
    };
    producer_ = kafka::Producer::create({options_.brokers, producer_properties, "", on_producer_error, {}},
                                        on_delivery, error);
    if (!producer_) return false;
    std::string ignored;  // the topic may be created later; the producer learns it on first use
    producer_->learn_topics({options_.dead_letter_topic}, 5000, ignored);
    for (const TargetConfig& t : options_.targets) {
        any_alertmanager_ = any_alertmanager_ || t.kind == TargetConfig::Kind::alertmanager;
        const std::string name = t.name;
        workers_.push_back(std::make_unique<TargetWorker>(
            t, metrics_.target(t.name, t.kind == TargetConfig::Kind::alertmanager), options_.console_url, [this](const JobPtr& j) { finished(j); },
            [this, name](const JobPtr& j, const std::string& why, int attempts) { dead_letter(j, name, why, attempts); }));
    }
    for (auto& w : workers_) w->start();
    next_resend_ms_ = core::now_ms() + options_.resend_interval_ms;
    return true;
}

void Notifier::queue_read_back(const std::vector<kafka::TopicPartition>& tps) {
    if (!any_alertmanager_) return;
    std::vector<kafka::TopicPartition> held;
    for (const kafka::TopicPartition& tp : tps) {
        if (tp.topic != options_.topic) continue;
        awaiting_[tp.partition] = ++assignments_;
        to_read_.push_back(tp);
        held.push_back(tp);
    }
    if (!held.empty() && !paused_) consumer_->pause(held);
}

// From run(): takes a finished read-back, then starts the next one for what was assigned since.
void Notifier::read_back_step() {
    if (reading_.valid() && reading_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        ReadBack r = reading_.get();
        take_read_back(r);
    }
    if (reading_.valid() || to_read_.empty()) return;
    std::map<int32_t, uint64_t> partitions;
    for (const kafka::TopicPartition& tp : to_read_) partitions[tp.partition] = awaiting_[tp.partition];
    ReadBackOptions o{options_.brokers, options_.topic, options_.consumer_properties, options_.active_for_ms,
                      options_.max_alert_bytes, core::now_ms()};
    o.cancel = &cancel_read_back_;
    reading_ = std::async(std::launch::async, [o, committed = std::move(to_read_), partitions]() {
        ReadBack r{partitions, ActiveAlerts(), {}};  // explicit constructor: no copy-list-init from {}
        r.report = read_back_firing(o, committed, r.found);
        return r;
    });
    to_read_.clear();
}

// The alerts read back join the active set for the partitions still held for this read (one
// revoked, or assigned again meanwhile, is not); those partitions are then consumed.
void Notifier::take_read_back(ReadBack& r) {
    const size_t before = active_.size();
    std::vector<AmAlert> firing;
    r.found.collect(core::now_ms(), firing);
    auto current = [&](int32_t p) {
        auto held = awaiting_.find(p);
        auto read = r.partitions.find(p);
        return held != awaiting_.end() && read != r.partitions.end() && held->second == read->second;
    };
    for (const AmAlert& a : firing)
        if (current(a.partition)) active_.update(a);
    std::vector<kafka::TopicPartition> release;
    for (const auto& [p, generation] : r.partitions)
        if (current(p)) {
            awaiting_.erase(p);
            release.push_back({options_.topic, p, 0, 0});
        }
    if (!release.empty() && !paused_) consumer_->resume(release);
    metrics_.active->Set(static_cast<double>(active_.size()));
    if (r.report.partitions == 0 && r.report.error.empty()) return;
    // One line per read-back, not per alert.
    core::log::write(r.report.error.empty() ? core::log::Level::info : core::log::Level::warn, "notify",
                     core::log::printf("read back %zu alert(s) of %zu partition(s) of %s up to the committed offsets: "
                                       "%zu firing alert(s) to resend%s%s",
                                       r.report.alerts, r.report.partitions, options_.topic.c_str(),
                                       active_.size() - std::min(before, active_.size()),
                                       r.report.error.empty() ? "" : "; stopped early: ", r.report.error.c_str()));
}

void Notifier::stop_read_back() {
    cancel_read_back_ = true;
    if (reading_.valid()) reading_.wait();
}

void Notifier::revoke(const std::vector<kafka::TopicPartition>& tps) {
    // Offsets of what finished are stored already; the rest goes to the next owner, who sends it
    // again (deliveries still under way here may then arrive twice: at least once). It resends
    // the partition's firing alerts too, after reading them back.
    for (const auto& tp : tps)
        if (tp.topic == options_.topic) {
            ledger_.drop(tp.partition);
            active_.drop_partition(tp.partition);
            awaiting_.erase(tp.partition);  // a read-back under way for it is not taken
            std::erase_if(to_read_, [&](const kafka::TopicPartition& q) { return q.partition == tp.partition; });
        }
    assigned_ -= std::min(assigned_.load(), tps.size());
    metrics_.inflight->Set(static_cast<double>(ledger_.pending()));
}

void Notifier::finished(const JobPtr& job) {
    if (job->pending.fetch_sub(1) != 1) return;
    std::lock_guard<std::mutex> lock(finished_mutex_);
    finished_.push_back(job);
}

void Notifier::dead_letter(const JobPtr& job, const std::string& target, const std::string& why, int attempts) {
    produce_dead_letter(new DeadLetter{job, target, why, std::to_string(attempts)});
}

// Whole: the alert as published, its key (capped) and why it was given up. Truncated, once the
// whole one was refused: no value, every text capped, and where the alert is on the alerts topic.
void Notifier::produce_dead_letter(DeadLetter* d) {
    const NotifyAlert& a = d->job->alert;
    const std::string why = clip_utf8(d->why, d->truncated ? kShortBytes : kErrorBytes);
    kafka::Error e;
    if (!d->truncated) {
        const std::string key = clip_utf8(a.key, kKeyBytes);
        const kafka::Header headers[] = {{"herald-alert-id", a.alert_id},
                                         {"herald-notify-target", d->target},
                                         {"herald-notify-error", why},
                                         {"herald-notify-attempts", d->attempts}};
        e = producer_->produce({options_.dead_letter_topic, key, a.json, headers, -1, 0, d}, kafka::WhenFull::fail);
    } else {
        const std::string key = clip_utf8(a.key, kShortBytes), id = clip_utf8(a.alert_id, kShortBytes),
                          refused = clip_utf8(d->refused, kShortBytes), bytes = std::to_string(a.json.size()),
                          partition = std::to_string(d->job->partition), offset = std::to_string(d->job->offset);
        const kafka::Header headers[] = {{"herald-alert-id", id},
                                         {"herald-notify-target", d->target},
                                         {"herald-notify-error", why},
                                         {"herald-notify-attempts", d->attempts},
                                         {"herald-notify-refused", refused},
                                         {"herald-original-bytes", bytes},
                                         {"herald-source-topic", options_.topic},
                                         {"herald-source-partition", partition},
                                         {"herald-source-offset", offset}};
        e = producer_->produce({options_.dead_letter_topic, key, std::string_view{}, headers, -1, 0, d},
                               kafka::WhenFull::fail);
    }
    if (e) dead_letter_failed(d, e);
}

// Any thread. A full queue (or a purge on the way out) is tried again as it is; a refusal of the
// message or the topic, or kDeadLetterTries other failures, moves on to the next form.
void Notifier::dead_letter_failed(DeadLetter* d, const kafka::Error& e) {
    if (!e.queue_full() && !e.purged()) {
        metrics_.dead_letter_errors->Increment();
        if (e.refuses_one_message() || e.refuses_topic() || ++d->failures >= kDeadLetterTries) {
            if (d->truncated) return give_up(d, e.message());
            d->truncated = true;
            d->failures = 0;
            d->refused = e.message();
        }
    }
    std::lock_guard<std::mutex> lock(retry_mutex_);  // from run(), next round
    dead_letter_retry_.push_back(d);
}

// Not even the truncated dead letter was taken: counted, told (at most a line a minute), and the
// alert is done, so that its partition's offset moves on (the alert stays on the alerts topic).
void Notifier::give_up(DeadLetter* d, std::string_view reason) {
    metrics_.dead_letters_dropped->Increment();
    {
        std::lock_guard<std::mutex> lock(give_up_mutex_);
        ++given_up_;
        const int64_t now = core::now_ms();
        if (given_up_ == 1 || now - give_up_logged_ms_ >= kGiveUpLogMs) {
            give_up_logged_ms_ = now;
            core::log::error(
                "notify",
                core::log::printf("cannot dead-letter alert %s (%s[%d] offset %lld, given up by %s) to '%s': %s; marked "
                                  "done without a dead letter so the partition moves on (%llu so far; this line at "
                                  "most once a minute)",
                                  clip_utf8(d->job->alert.alert_id, 64).c_str(), options_.topic.c_str(),
                                  d->job->partition, static_cast<long long>(d->job->offset), d->target.c_str(),
                                  options_.dead_letter_topic.c_str(), clip_utf8(reason, kShortBytes).c_str(),
                                  static_cast<unsigned long long>(given_up_)));
        }
    }
    finished(d->job);
    delete d;
}

void Notifier::mark_done(int32_t partition, uint64_t generation, int64_t offset) {
    const int64_t next = ledger_.done(partition, generation, offset);
    if (next >= 0) consumer_->store_offset(options_.topic, partition, next);
}

void Notifier::drain_finished() {
    std::vector<JobPtr> done;
    {
        std::lock_guard<std::mutex> lock(finished_mutex_);
        done.swap(finished_);
    }
    for (const JobPtr& j : done) mark_done(j->partition, j->generation, j->offset);
    std::vector<DeadLetter*> again;
    {
        std::lock_guard<std::mutex> lock(retry_mutex_);
        again.swap(dead_letter_retry_);
    }
    for (DeadLetter* d : again) produce_dead_letter(d);
    metrics_.inflight->Set(static_cast<double>(ledger_.pending()));
}

void Notifier::skip(const kafka::Message& m, ParseResult why, const std::string& detail) {
    metrics_.skipped(why).Increment();
    // Bad input is counted always, told on stderr only now and then: a flood must not flood the log.
    if (skipped_ < 5 || skipped_ % 1000 == 0)
        core::log::warn("notify",
                        core::log::printf("skipped %s[%d] offset %lld (%s: %s); %llu skipped so far",
                                          options_.topic.c_str(), m.partition(), static_cast<long long>(m.offset()),
                                          std::string(parse_result_name(why)).c_str(), detail.c_str(),
                                          static_cast<unsigned long long>(skipped_ + 1)));
    ++skipped_;
}

void Notifier::handle(const kafka::Message& m) {
    metrics_.consumed->Increment();
    const uint64_t generation = ledger_.add(m.partition(), m.offset());
    auto job = std::make_shared<Job>();
    std::string why;
    const ParseResult r = parse_alert(m.payload(), job->alert, why, options_.max_alert_bytes);
    if (r != ParseResult::ok) {
        skip(m, r, why);
        mark_done(m.partition(), generation, m.offset());
        return;
    }
    job->partition = m.partition();
    job->offset = m.offset();
    job->generation = generation;
    job->published_ms = m.timestamp_ms();
    if (any_alertmanager_) {
        to_am_alerts(job->alert, options_.active_for_ms, job->am);
        for (AmAlert& a : job->am) {
            a.partition = m.partition();
            active_.update(a);
        }
    }
    job->pending = static_cast<int>(workers_.size());
    for (auto& w : workers_) w->push(job);
}

void Notifier::resend_active() {
    const int64_t now = core::now_ms();
    if (now < next_resend_ms_) return;
    next_resend_ms_ = now + options_.resend_interval_ms;
    std::vector<AmAlert> active;
    active_.collect(now, active);
    metrics_.active->Set(static_cast<double>(active_.size()));
    if (active.empty()) return;
    for (auto& w : workers_) {
        if (w->config().kind != TargetConfig::Kind::alertmanager) continue;
        const size_t per_post = std::max<size_t>(1, w->config().batch);
        for (size_t i = 0; i < active.size(); i += per_post) {
            auto job = std::make_shared<Job>();
            const size_t end = std::min(active.size(), i + per_post);
            job->am.assign(active.begin() + static_cast<std::ptrdiff_t>(i), active.begin() + static_cast<std::ptrdiff_t>(end));
            w->push(std::move(job));
        }
    }
}

void Notifier::flow_control() {
    const bool full = ledger_.pending() >= options_.max_inflight;
    if (full == paused_) return;
    auto tps = consumer_->assignment();
    if (full) consumer_->pause(tps);
    else {
        // Partitions still waiting for their read-back stay held.
        std::erase_if(tps, [&](const kafka::TopicPartition& tp) {
            return tp.topic == options_.topic && awaiting_.count(tp.partition) > 0;
        });
        consumer_->resume(tps);
    }
    paused_ = full;
}

bool Notifier::run(const std::atomic<bool>& stop, std::string& error) {
    std::vector<kafka::Message> batch;
    while (!stop.load() && !fatal_) {
        producer_->poll(0);
        drain_finished();
        read_back_step();
        resend_active();
        flow_control();
        batch.clear();
        consumer_->consume_batch(batch, 500, 100);
        for (const kafka::Message& m : batch)
            if (!m.error()) handle(m);
    }
    // Drain: give deliveries under way a chance to finish so their offsets are committed.
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.drain_timeout_ms);
    while (!fatal_ && ledger_.pending() > 0 && std::chrono::steady_clock::now() < until) {
        producer_->poll(20);
        drain_finished();
    }
    stop_read_back();
    for (auto& w : workers_) w->stop();
    producer_->flush(5000);
    drain_finished();
    if (ledger_.pending() > 0)
        core::log::warn("notify",
                        core::log::printf(
                            "stopping with %zu alert(s) not delivered everywhere: they are delivered after the restart",
                            ledger_.pending()));
    consumer_->close(10000);
    if (fatal_) {
        error = "fatal Kafka error: " + fatal_reason_;
        return false;
    }
    return true;
}

}  // namespace herald::notify
