#include "herald/kafka/consumer.hpp"

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <limits>
#include <utility>

#include "config.hpp"
#include "handles.hpp"
#include "metadata.hpp"
#include "partition_list.hpp"
#include "watermarks.hpp"

namespace herald::kafka {

using detail::from_list;
using detail::ListPtr;
using detail::take_error;
using detail::to_error;
using detail::to_list;

namespace {

std::string partition_text(const rd_kafka_message_t* m) {
    if (!m->rkt) return {};
    return std::string(rd_kafka_topic_name(m->rkt)) + "[" + std::to_string(m->partition) + "]: ";
}

}  // namespace

struct Consumer::Hooks {
    static void report(Consumer* self, int err, const std::string& reason, bool fatal) {
        if (self->callbacks_.on_error) self->callbacks_.on_error(err, reason, fatal);
    }

    static void on_error(rd_kafka_t* rk, int err, const char* reason, void* opaque) {
        auto* self = static_cast<Consumer*>(opaque);
        if (err == RD_KAFKA_RESP_ERR__FATAL) {
            char why[512];
            int underlying = rd_kafka_fatal_error(rk, why, sizeof why);
            report(self, underlying, std::string("kafka consumer fatal error: ") + why, true);
            return;
        }
        report(self, err, std::string("kafka consumer: ") + reason, false);
    }

    static int on_stats(rd_kafka_t*, char* json, size_t len, void* opaque) {
        auto* self = static_cast<Consumer*>(opaque);
        if (self->callbacks_.on_stats) self->callbacks_.on_stats(std::string_view(json, len));
        return 0;  // librdkafka frees json
    }

    static void on_commit(rd_kafka_t*, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* offsets,
                          void* opaque) {
        auto* self = static_cast<Consumer*>(opaque);
        if (err == RD_KAFKA_RESP_ERR__NO_OFFSET) return;  // nothing stored since the last commit
        if (err) {
            report(self, err, std::string("kafka consumer: offset commit failed: ") + rd_kafka_err2str(err), false);
            return;
        }
        if (offsets) {
            std::string part = detail::first_partition_error(offsets);
            if (!part.empty()) report(self, RD_KAFKA_RESP_ERR_NO_ERROR, "kafka consumer: offset commit failed for " + part, false);
        }
    }

    static void on_rebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* parts,
                             void* opaque) {
        auto* self = static_cast<Consumer*>(opaque);
        // Known from the configuration: asking librdkafka (rd_kafka_rebalance_protocol) is a
        // request to the group thread, which a close can leave unanswered (below).
        const bool cooperative = self->cooperative_;

        if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
            // An assignment that arrived after the close began (see close()). Once the close
            // has reached the group, librdkafka 2.0.2 no longer waits for the answer, and a
            // request made to the group thread then (assign, or any other) can be dropped
            // unanswered by the group's final teardown: rd_kafka_assign waited forever
            // (integration_kafka_group_test hung under TSan). The answer is not needed: under
            // EAGER the close has already rejoined and unassigned; under COOPERATIVE the revoke
            // of everything owned follows and settles it. Only a cooperative member owning
            // nothing must answer, and there the group waits for the call.
            if (self->group_closing_) {
                if (!cooperative || self->owned_ + static_cast<size_t>(parts->cnt) > 0) return;
                if (Error e = to_error(rd_kafka_incremental_assign(rk, parts), "kafka consumer: incremental assign"))
                    report(self, e.code(), e.message(), false);
                return;
            }
            if (cooperative) {
                if (Error e = to_error(rd_kafka_incremental_assign(rk, parts), "kafka consumer: incremental assign"))
                    return report(self, e.code(), e.message(), false);
            } else if (rd_kafka_resp_err_t e = rd_kafka_assign(rk, parts)) {
                return report(self, e, std::string("kafka consumer: assign: ") + rd_kafka_err2str(e), false);
            }
            self->owned_ = (cooperative ? self->owned_ : 0) + static_cast<size_t>(parts->cnt);
            self->ever_assigned_ = true;
            // Served by close() before it reaches the group: the member is leaving, so the
            // application is not handed partitions it will give back at once.
            if (self->closed_) return;
            std::vector<TopicPartition> tps = from_list(parts);
            // Tell the application where each partition resumes (e.g. to rebuild state from there).
            ListPtr lookup(rd_kafka_topic_partition_list_copy(parts));
            rd_kafka_resp_err_t e = rd_kafka_committed(rk, lookup.get(), self->lookup_timeout_ms_);
            if (e == RD_KAFKA_RESP_ERR_NO_ERROR) {
                detail::copy_back(lookup.get(), tps);
            } else {
                report(self, e, std::string("kafka consumer: committed-offset lookup on assignment failed: ") +
                                    rd_kafka_err2str(e), false);
            }
            if (self->callbacks_.on_assigned) self->callbacks_.on_assigned(tps);
            return;
        }

        if (err == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS) {
            const bool lost = rd_kafka_assignment_lost(rk);
            if (self->in_batch_)
                for (int i = 0; i < parts->cnt; ++i)
                    self->revoked_in_batch_.push_back({parts->elems[i].topic, parts->elems[i].partition});
            if (lost && self->callbacks_.on_lost) self->callbacks_.on_lost(from_list(parts));
            else if (self->callbacks_.on_revoking) self->callbacks_.on_revoking(from_list(parts));
            if (!lost) {
                // Commit what the application stored for these partitions before someone else takes
                // them, within a bound: without a coordinator librdkafka would wait a session timeout.
                int ms = self->lookup_timeout_ms_;
                if (self->close_bounded_) ms = self->close_deadline_.left_ms(0, ms);
                auto e = static_cast<rd_kafka_resp_err_t>(self->commit_within(ms));
                if (e && e != RD_KAFKA_RESP_ERR__NO_OFFSET)
                    report(self, e, std::string("kafka consumer: commit on revoke failed: ") + rd_kafka_err2str(e), false);
            }
            if (cooperative) {
                if (Error ue = to_error(rd_kafka_incremental_unassign(rk, parts), "kafka consumer: incremental unassign"))
                    report(self, ue.code(), ue.message(), false);
                self->owned_ -= std::min(self->owned_, static_cast<size_t>(parts->cnt));
            } else {
                rd_kafka_assign(rk, nullptr);
                self->owned_ = 0;
            }
            return;
        }

        report(self, err, std::string("kafka consumer: rebalance failed: ") + rd_kafka_err2str(err), false);
        rd_kafka_assign(rk, nullptr);
        self->owned_ = 0;
    }

    // An event taken from a queue by close(): rebalances go through on_rebalance, the rest
    // (messages whose offsets were never stored, results) are dropped. Destroys the event.
    static void on_event(Consumer* self, detail::EventPtr ev) {
        if (rd_kafka_event_type(ev.get()) == RD_KAFKA_EVENT_REBALANCE)
            on_rebalance(self->rk_.get(), rd_kafka_event_error(ev.get()), rd_kafka_event_topic_partition_list(ev.get()),
                         self);
    }
};

Consumer::Consumer(Callbacks callbacks) : callbacks_(std::move(callbacks)) {}

std::unique_ptr<Consumer> Consumer::create(const Options& options, Callbacks callbacks, std::string& error) {
    if (options.brokers.empty()) {
        error = "kafka consumer: no brokers given (bootstrap list like host:9092)";
        return nullptr;
    }
    if (options.group.empty()) {
        error = "kafka consumer: no consumer group given";
        return nullptr;
    }
    const Properties defaults{
        {"bootstrap.servers", options.brokers},
        {"group.id", options.group},
        {"enable.auto.offset.store", "false"},
        {"enable.auto.commit", "true"},
        {"auto.commit.interval.ms", "1000"},
        {"auto.offset.reset", "earliest"},
        {"enable.partition.eof", "false"},
    };
    detail::ConfPtr conf = detail::build_conf("consumer", defaults, options.extra, error);
    if (!conf) return nullptr;

    std::unique_ptr<Consumer> self(new Consumer(std::move(callbacks)));
    self->lookup_timeout_ms_ = options.assignment_lookup_timeout_ms;
    self->exit_after_close_ = options.exit_after_close;
    // librdkafka refuses a list mixing eager and cooperative assignors, so one name decides.
    char strategy[256] = {};
    size_t strategy_size = sizeof strategy;
    if (rd_kafka_conf_get(conf.get(), "partition.assignment.strategy", strategy, &strategy_size) == RD_KAFKA_CONF_OK)
        self->cooperative_ = std::strstr(strategy, "cooperative") != nullptr;
    rd_kafka_conf_set_opaque(conf.get(), self.get());
    rd_kafka_conf_set_error_cb(conf.get(), &Hooks::on_error);
    rd_kafka_conf_set_stats_cb(conf.get(), &Hooks::on_stats);
    rd_kafka_conf_set_offset_commit_cb(conf.get(), &Hooks::on_commit);
    rd_kafka_conf_set_rebalance_cb(conf.get(), &Hooks::on_rebalance);

    self->rk_ = detail::create_handle("consumer", RD_KAFKA_CONSUMER, std::move(conf), error);
    if (!self->rk_) return nullptr;
    // One queue for messages and events: consume_batch serves every callback.
    rd_kafka_poll_set_consumer(self->rk_.get());
    return self;
}

Consumer::~Consumer() {
    if (!rk_) return;
    close();
    // After a close that gave up, rd_kafka_destroy would wait for the same group handler. Only a
    // process about to exit gives up (see close): leave the handle to the exit. Its callbacks
    // cannot run any more: they are served only from this object's polls.
    // A cooperative-sticky member that never got an assignment: rd_kafka_destroy would abort in
    // librdkafka 2.0.2's sticky assignor (see Options::exit_after_close). The group was left by
    // close(); the process exit reclaims the rest.
    if (abandoned_ || (exit_after_close_ && cooperative_ && !ever_assigned_)) {
        for (auto& h : topic_handles_) static_cast<void>(h.second.release());
        static_cast<void>(rk_.release());
        return;
    }
    topic_handles_.clear();  // before the handle they belong to
}

bool Consumer::subscribe(const std::vector<std::string>& topics, std::string& error) {
    ListPtr list(rd_kafka_topic_partition_list_new(static_cast<int>(topics.size())));
    for (const auto& t : topics) rd_kafka_topic_partition_list_add(list.get(), t.c_str(), RD_KAFKA_PARTITION_UA);
    if (rd_kafka_resp_err_t e = rd_kafka_subscribe(rk_.get(), list.get())) {
        error = "kafka consumer: subscribe failed: " + std::string(rd_kafka_err2str(e));
        return false;
    }
    for (const auto& t : topics) {
        if (t.empty() || t[0] == '^') continue;  // regex subscriptions take the slow path
        bool known = false;
        for (const auto& h : topic_handles_) known = known || h.first == t;
        if (!known) topic_handles_.emplace_back(t, rd_kafka_topic_new(rk_.get(), t.c_str(), nullptr));
    }
    return true;
}

size_t Consumer::consume_batch(std::vector<Message>& out, size_t max, int timeout_ms) {
    const size_t first = out.size();
    size_t added = 0;
    int wait = timeout_ms;
    in_batch_ = true;
    while (added < max) {
        Message m(rd_kafka_consumer_poll(rk_.get(), wait));  // owned at once: no path leaks it
        // A rebalance was served inside that poll: what this call took earlier from the partitions
        // it revoked is stale (see batch_filter.hpp).
        if (!revoked_in_batch_.empty()) {
            const size_t dropped = drop_revoked(out, first, revoked_in_batch_);
            added -= dropped;
            stale_dropped_ += dropped;
            revoked_in_batch_.clear();
        }
        if (!m.valid()) break;
        wait = 0;  // the batch is whatever is ready once the first message arrived
        const int err = m.error();
        if (err && err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            std::string reason = "kafka consumer: " + partition_text(m.raw()) + rd_kafka_message_errstr(m.raw());
            m = Message();  // freed before the report, as before
            Hooks::report(this, err, reason, false);
            continue;
        }
        out.push_back(std::move(m));
        ++added;
    }
    in_batch_ = false;
    return added;
}

int Consumer::store_offset(std::string_view topic, int32_t partition, int64_t next_offset) {
    for (const auto& [name, rkt] : topic_handles_)
        if (name == topic) return rd_kafka_offset_store(rkt.get(), partition, next_offset - 1);  // it stores +1
    std::string name(topic);
    ListPtr list(rd_kafka_topic_partition_list_new(1));
    rd_kafka_topic_partition_list_add(list.get(), name.c_str(), partition)->offset = next_offset;
    rd_kafka_resp_err_t e = rd_kafka_offsets_store(rk_.get(), list.get());
    return e ? e : list->elems[0].err;
}

bool Consumer::commit_sync(std::string& error, int timeout_ms) {
    auto e = timeout_ms < 0 ? rd_kafka_commit(rk_.get(), nullptr, 0)
                            : static_cast<rd_kafka_resp_err_t>(commit_within(timeout_ms));
    if (e == RD_KAFKA_RESP_ERR_NO_ERROR || e == RD_KAFKA_RESP_ERR__NO_OFFSET) return true;
    error = std::string("kafka consumer: commit failed: ") + rd_kafka_err2str(e);
    return false;
}

// The commit's result arrives as an event on a queue of ours, which we stop reading at the deadline.
int Consumer::commit_within(int timeout_ms) {
    detail::QueuePtr queue(rd_kafka_queue_new(rk_.get()));
    rd_kafka_resp_err_t e = rd_kafka_commit_queue(rk_.get(), nullptr, queue.get(), nullptr, nullptr);
    if (e != RD_KAFKA_RESP_ERR_NO_ERROR) return e;
    const core::Deadline deadline(timeout_ms);
    while (!deadline.expired()) {
        detail::EventPtr ev(rd_kafka_queue_poll(queue.get(), deadline.left_ms(1)));
        if (ev && rd_kafka_event_type(ev.get()) == RD_KAFKA_EVENT_OFFSET_COMMIT) return rd_kafka_event_error(ev.get());
    }
    return RD_KAFKA_RESP_ERR__TIMED_OUT;
}

void Consumer::commit_async() {
    rd_kafka_resp_err_t e = rd_kafka_commit(rk_.get(), nullptr, 1);
    if (e && e != RD_KAFKA_RESP_ERR__NO_OFFSET)
        Hooks::report(this, e, std::string("kafka consumer: commit failed: ") + rd_kafka_err2str(e), false);
}

bool Consumer::restart_partitions(const std::vector<TopicPartition>& tps, int timeout_ms, std::string& error) {
    const char* protocol = rd_kafka_rebalance_protocol(rk_.get());
    if (!protocol || std::strcmp(protocol, "COOPERATIVE") != 0) return seek(tps, timeout_ms, error);
    ListPtr list = to_list(tps);
    if (rd_kafka_error_t* e = rd_kafka_incremental_unassign(rk_.get(), list.get())) {
        error = take_error(e, "kafka consumer: incremental unassign");
        return false;
    }
    if (rd_kafka_error_t* e = rd_kafka_incremental_assign(rk_.get(), list.get())) {
        error = take_error(e, "kafka consumer: incremental assign");
        return false;
    }
    return true;
}

bool Consumer::refresh_metadata(const std::string& topic, int timeout_ms, std::string& error,
                                std::vector<int32_t>* leaders) {
    detail::MetadataPtr md = detail::topic_metadata(rk_.get(), topic, timeout_ms, "kafka consumer", error);
    if (!md) return false;
    if (leaders && md->topic_cnt == 1) {
        const rd_kafka_metadata_topic_t& t = md->topics[0];
        leaders->assign(static_cast<size_t>(t.partition_cnt), -1);
        for (int i = 0; i < t.partition_cnt; ++i)
            if (t.partitions[i].id >= 0 && t.partitions[i].id < t.partition_cnt)
                (*leaders)[static_cast<size_t>(t.partitions[i].id)] = t.partitions[i].leader;
    }
    return true;
}

bool Consumer::seek(const std::vector<TopicPartition>& tps, int timeout_ms, std::string& error) {
    ListPtr list = to_list(tps);
    // librdkafka up to 2.0.2 waits for the seeks' results timeout_ms *microseconds*
    // (rd_kafka_seek_partitions hands its milliseconds to a microsecond queue wait): 10 s became
    // 10 ms, which a loaded machine overran, and herald exited "cannot rewind after an aborted
    // transaction: ... Timed out waiting for 6 remaining partition seek(s)"
    // (integration_exactly_once under TSan, 1 run in 4). The unit is corrected for those versions.
    int wait_ms = timeout_ms;
    if (rd_kafka_version() <= 0x020002ff && timeout_ms > 0)
        wait_ms = static_cast<int>(std::min<int64_t>(int64_t{timeout_ms} * 1000, std::numeric_limits<int>::max()));
    if (rd_kafka_error_t* e = rd_kafka_seek_partitions(rk_.get(), list.get(), wait_ms)) {
        error = take_error(e, "kafka consumer: seek");
        return false;
    }
    error = detail::first_partition_error(list.get());
    return error.empty();
}

bool Consumer::pause(const std::vector<TopicPartition>& tps) {
    ListPtr list = to_list(tps);
    return rd_kafka_pause_partitions(rk_.get(), list.get()) == RD_KAFKA_RESP_ERR_NO_ERROR &&
           detail::first_partition_error(list.get()).empty();
}

bool Consumer::resume(const std::vector<TopicPartition>& tps) {
    ListPtr list = to_list(tps);
    return rd_kafka_resume_partitions(rk_.get(), list.get()) == RD_KAFKA_RESP_ERR_NO_ERROR &&
           detail::first_partition_error(list.get()).empty();
}

std::vector<TopicPartition> Consumer::assignment() const {
    rd_kafka_topic_partition_list_t* raw = nullptr;
    if (rd_kafka_assignment(rk_.get(), &raw) != RD_KAFKA_RESP_ERR_NO_ERROR) return {};
    ListPtr list(raw);
    return from_list(list.get());
}

bool Consumer::assignment_lost() const { return rd_kafka_assignment_lost(rk_.get()) != 0; }

bool Consumer::committed(std::vector<TopicPartition>& tps, int timeout_ms, std::string& error) const {
    ListPtr list = to_list(tps);
    if (rd_kafka_resp_err_t e = rd_kafka_committed(rk_.get(), list.get(), timeout_ms)) {
        error = std::string("kafka consumer: committed-offset lookup failed: ") + rd_kafka_err2str(e);
        return false;
    }
    detail::copy_back(list.get(), tps);
    return true;
}

bool Consumer::position(std::vector<TopicPartition>& tps, std::string& error) const {
    ListPtr list = to_list(tps);
    if (rd_kafka_resp_err_t e = rd_kafka_position(rk_.get(), list.get())) {
        error = std::string("kafka consumer: position lookup failed: ") + rd_kafka_err2str(e);
        return false;
    }
    detail::copy_back(list.get(), tps);
    return true;
}

bool Consumer::watermarks(const std::string& topic, int32_t partition, int64_t& low, int64_t& high,
                          int timeout_ms) const {
    return detail::query_watermarks(rk_.get(), topic, partition, low, high, timeout_ms);
}

bool Consumer::offsets_for_times(std::vector<TopicPartition>& tps, int timeout_ms, std::string& error) const {
    ListPtr list = to_list(tps);
    if (rd_kafka_resp_err_t e = rd_kafka_offsets_for_times(rk_.get(), list.get(), timeout_ms)) {
        error = std::string("kafka consumer: offsets_for_times failed: ") + rd_kafka_err2str(e);
        return false;
    }
    detail::copy_back(list.get(), tps);
    return true;
}

bool Consumer::close(int timeout_ms) {
    if (closed_ || !rk_) return !abandoned_;
    closed_ = true;
    if (timeout_ms >= 0) {
        // One budget for the whole close, the queued revoke's commit included.
        close_deadline_ = core::Deadline(timeout_ms);
        close_bounded_ = true;
    }
    serve_queued_rebalances();
    group_closing_ = true;
    if (timeout_ms < 0) {
        // Runs the revoke path of on_rebalance (on_revoking, commit, unassign) on this thread.
        if (rd_kafka_resp_err_t e = rd_kafka_consumer_close(rk_.get()))
            Hooks::report(this, e, std::string("kafka consumer: close: ") + rd_kafka_err2str(e), false);
        return true;
    }
    // The same close, served here from its own queue so that it can stop waiting.
    detail::QueuePtr queue(rd_kafka_queue_new(rk_.get()));
    if (Error e = to_error(rd_kafka_consumer_close_queue(rk_.get(), queue.get()), "kafka consumer: close")) {
        Hooks::report(this, e.code(), e.message(), false);
        return true;
    }
    while (!rd_kafka_consumer_closed(rk_.get())) {
        if (close_deadline_.expired()) {
            abandoned_ = true;
            break;
        }
        // The closing revoke arrives as an event: run it through the rebalance callback (it must
        // unassign for the close to finish). Other events (late messages, results) are of no use.
        if (detail::EventPtr ev{rd_kafka_queue_poll(queue.get(), 50)}) Hooks::on_event(this, std::move(ev));
    }
    return !abandoned_;
}

// A rebalance queued but not served yet is answered now, while the group still waits for the
// answer: once the close reaches the group, librdkafka may drop it (see on_rebalance). A
// cooperative revoke queued while the application stopped polling (a member joined during the
// last drain) would otherwise be followed by the close's own revoke, whose unassign raced the
// teardown. Messages on the way are dropped: their offsets were never stored.
void Consumer::serve_queued_rebalances() {
    detail::QueuePtr queue(rd_kafka_queue_get_consumer(rk_.get()));
    if (!queue) return;
    // Bounded by what is queued now: fetchers keep adding messages meanwhile.
    for (size_t n = rd_kafka_queue_length(queue.get()); n > 0; --n) {
        detail::EventPtr ev(rd_kafka_queue_poll(queue.get(), 0));
        if (!ev) break;
        Hooks::on_event(this, std::move(ev));
    }
}

std::string Consumer::rebalance_protocol() const {
    const char* p = rd_kafka_rebalance_protocol(rk_.get());
    return p ? p : "NONE";
}

std::string Consumer::member_id() const {
    char* id = rd_kafka_memberid(rk_.get());
    if (!id) return {};
    std::string out(id);
    rd_kafka_mem_free(rk_.get(), id);
    return out;
}

size_t Consumer::queued() const {
    detail::QueuePtr queue(rd_kafka_queue_get_consumer(rk_.get()));
    return queue ? rd_kafka_queue_length(queue.get()) : 0;
}

void Consumer::TopicDeleter::operator()(rd_kafka_topic_t* rkt) const { rd_kafka_topic_destroy(rkt); }

}  // namespace herald::kafka
