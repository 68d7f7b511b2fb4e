#include "herald/app/pipeline/alert_tail.hpp"

#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "herald/core/deadline.hpp"
#include "herald/kafka/reader.hpp"
#include "herald/rules/alert.hpp"

namespace herald::app {

bool parse_alert_id(std::string_view hex, uint64_t& value) {
    if (hex.size() != 16) return false;
    uint64_t v = 0;
    for (char c : hex) {
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (d < 0) return false;
        v = v << 4 | static_cast<uint64_t>(d);
    }
    value = v;
    return true;
}

namespace {
// Pulls alert_id, the ids of a grouped alert's members and source {topic, partition, offset} out
// of one published alert.
bool read_alert(simdjson::ondemand::parser& parser, std::string& buffer, std::string_view json, uint64_t& id,
                std::vector<uint64_t>& members, std::string& topic, int64_t& partition, int64_t& offset) {
    namespace od = simdjson::ondemand;
    buffer.assign(json);
    buffer.append(simdjson::SIMDJSON_PADDING, '\0');
    od::document doc;
    if (parser.iterate(buffer.data(), json.size(), buffer.size()).get(doc)) return false;
    od::object obj;
    if (doc.get_object().get(obj)) return false;
    bool have_id = false, have_source = false, retracted = false, resolved = false, story = false;
    uint64_t revision = 0;
    std::string_view rule, key_field, event_id;
    for (auto field : obj) {
        std::string_view key;
        if (field.unescaped_key().get(key)) return false;
        if (key == "alert_id") {
            std::string_view v;
            if (field.value().get_string().get(v) || !parse_alert_id(v, id)) return false;
            have_id = true;
        } else if (key == "rule" || key == "key" || key == "event_id") {
            std::string_view v;
            if (field.value().get_string().get(v)) return false;
            (key == "rule" ? rule : key == "key" ? key_field : event_id) = v;
        } else if (key == "resolved") {
            if (field.value().get_bool().get(resolved)) return false;
        } else if (key == "story_id") {
            story = true;
        } else if (key == "revision") {  // a story's later revision is a delivery of its own
            if (field.value().get_uint64().get(revision)) return false;
        } else if (key == "retracted") {
            if (field.value().get_bool().get(retracted)) return false;
        } else if (key == "grouped") {
            od::array list;
            if (field.value().get_array().get(list)) return false;
            for (auto item : list) {
                od::object member;
                if (item.get_object().get(member)) return false;
                std::string_view v;
                uint64_t member_id = 0;
                if (member["alert_id"].get_string().get(v) || !parse_alert_id(v, member_id)) return false;
                uint64_t member_revision = 0;
                bool member_retracted = false;
                const bool has_revision = !member["revision"].get_uint64().get(member_revision);
                if (!has_revision) member_revision = 0;
                if (member["retracted"].get_bool().get(member_retracted)) member_retracted = false;
                members.push_back(rules::delivery_id_value(member_id, static_cast<uint32_t>(member_revision),
                                                           member_retracted));
                std::string_view member_rule, member_key;
                bool member_resolved = false;
                if (member["resolved"].get_bool().get(member_resolved)) member_resolved = false;
                if (has_revision && !member_retracted && !member_resolved && !member["rule"].get_string().get(member_rule) &&
                    !member["key"].get_string().get(member_key))
                    members.push_back(rules::alert_id_value(member_rule, member_key, event_id, false));
            }
        } else if (key == "source") {
            od::object src;
            if (field.value().get_object().get(src)) return false;
            for (auto sf : src) {
                std::string_view sk;
                if (sf.unescaped_key().get(sk)) return false;
                if (sk == "topic") {
                    std::string_view t;
                    if (sf.value().get_string().get(t)) return false;
                    topic.assign(t);
                } else if (sk == "partition") {
                    if (sf.value().get_int64().get(partition)) return false;
                } else if (sk == "offset") {
                    if (sf.value().get_int64().get(offset)) return false;
                }
            }
            have_source = true;
        }
    }
    id = rules::delivery_id_value(id, static_cast<uint32_t>(revision), retracted);
    // A story's alert id is the story's, whichever message raised it: the rebuild asks whether
    // this message fired the rule by the id the message would have had (rule, key, event id).
    if (story && !retracted && !resolved) members.push_back(rules::alert_id_value(rule, key_field, event_id, false));
    return have_id && have_source;
}

// What to read of the alerts topic: the last lookback_messages of each partition.
struct TailPlan {
    std::vector<kafka::TopicPartition> assignment;
    std::map<int32_t, int64_t> end;  // alerts partition -> high watermark at start
    std::map<int32_t, bool> cut;     // alerts partition -> the look-back did not reach its start
};

bool plan_tail(kafka::Reader& reader, const AlertTailOptions& o, int32_t partitions, const core::Deadline& deadline,
               TailPlan& plan, std::string& error) {
    for (int32_t p = 0; p < partitions; ++p) {
        int64_t low = 0, high = 0;
        if (!reader.watermarks(o.alerts_topic, p, low, high, deadline.left_ms(1))) {
            error = "cannot read the offsets of '" + o.alerts_topic + "/" + std::to_string(p) + "' within " +
                    std::to_string(o.timeout_ms) + " ms";
            return false;
        }
        if (high <= low) {
            plan.cut[p] = low > 0;  // retention removed what it held: unknown, not empty
            continue;
        }
        plan.assignment.push_back({o.alerts_topic, p, std::max(low, high - o.lookback_messages), 0});
        plan.end[p] = high;
        plan.cut[p] = high - o.lookback_messages > low;
    }
    return true;
}

// Where each input partition's history is complete from: past the oldest source offset seen in
// every alerts partition the look-back cut (before it, alerts may be missing).
void complete_history(AlertHistory& history, const std::map<int32_t, bool>& cut,
                      std::map<int32_t, std::map<int32_t, int64_t>>& oldest_seen,
                      const std::map<int32_t, int64_t>& committed) {
    for (auto& [p, h] : history) {
        int64_t from = 0;
        for (const auto& [q, was_cut] : cut) {
            if (!was_cut) continue;
            auto seen = oldest_seen[q].find(p);
            from = std::max(from, seen == oldest_seen[q].end() ? committed.at(p) : seen->second);
        }
        h.complete_from = std::min(from, std::max<int64_t>(committed.at(p), 0));
    }
}
}  // namespace

bool read_published_alerts(const AlertTailOptions& o, const std::map<int32_t, int64_t>& committed,
                           PublishedAlertIds& out, std::string& error, AlertHistory* history) {
    if (history) {
        history->clear();
        // Unknown until read: nothing before the committed offset counts as known.
        for (const auto& [p, c] : committed) (*history)[p].complete_from = std::max<int64_t>(c, 0);
    }
    if (o.lookback_messages <= 0 || committed.empty()) return true;
    // One deadline for every step: the caller waits at most timeout_ms in all.
    const core::Deadline deadline(o.timeout_ms);
    auto left = [&deadline] { return deadline.left_ms(1); };
    auto reader = kafka::Reader::create(o.brokers, o.properties, error);
    if (!reader) return false;
    int32_t partitions = reader->partition_count(o.alerts_topic, left(), error);
    if (partitions <= 0) {
        if (error.empty()) error = "alerts topic '" + o.alerts_topic + "' has no partitions";
        return false;
    }
    TailPlan plan;
    if (!plan_tail(*reader, o, partitions, deadline, plan, error)) return false;
    std::vector<kafka::TopicPartition>& assignment = plan.assignment;
    std::map<int32_t, int64_t>& end = plan.end;
    std::map<int32_t, bool>& cut = plan.cut;
    // Per alerts partition that was cut, the oldest source offset seen for each input partition.
    std::map<int32_t, std::map<int32_t, int64_t>> oldest_seen;
    auto finish_history = [&] {
        if (history) complete_history(*history, cut, oldest_seen, committed);
    };
    if (assignment.empty()) {
        finish_history();
        return true;
    }
    if (!reader->assign(assignment, error)) return false;

    simdjson::ondemand::parser parser;
    std::string buffer, topic;
    std::vector<uint64_t> members;
    std::vector<kafka::Message> batch;
    while (!end.empty()) {
        if (deadline.expired()) {
            error = "reading the tail of '" + o.alerts_topic + "' took longer than " + std::to_string(o.timeout_ms) + " ms";
            return false;
        }
        batch.clear();
        reader->consume_batch(batch, 4096, 100);
        for (const auto& m : batch) {
            if (m.error() != 0) continue;
            auto it = end.find(m.partition());
            if (it == end.end()) continue;
            if (m.offset() + 1 >= it->second) end.erase(it);
            uint64_t id = 0;
            int64_t partition = -1, offset = -1;
            topic.clear();
            members.clear();
            if (!read_alert(parser, buffer, m.payload(), id, members, topic, partition, offset)) continue;
            if (topic != o.input_topic) continue;
            auto c = committed.find(static_cast<int32_t>(partition));
            if (c == committed.end()) continue;
            if (offset >= std::max<int64_t>(c->second, 0)) {
                out[c->first].insert(id);
            } else if (history) {
                // The rebuild follows rules one by one: a grouped alert counts as each member.
                (*history)[c->first].ids.insert(id);
                (*history)[c->first].ids.insert(members.begin(), members.end());
                if (cut[m.partition()]) {
                    auto [slot, fresh] = oldest_seen[m.partition()].emplace(c->first, offset);
                    if (!fresh) slot->second = std::min(slot->second, offset);
                }
            }
        }
    }
    finish_history();
    return true;
}

bool read_published_alerts_within(const AlertTailOptions& o, const std::map<int32_t, int64_t>& committed,
                                  PublishedAlertIds& out, std::string& error, AlertHistory* history) {
    // What the helper thread hands back; shared, so an abandoned helper writes into its own copy.
    struct Job {
        std::mutex mutex;
        std::condition_variable finished;
        bool done = false;
        bool ok = false;
        PublishedAlertIds ids;
        AlertHistory history;
        std::string error;
    };
    auto job = std::make_shared<Job>();
    const core::Deadline deadline(o.timeout_ms);
    std::thread([job, o, committed, deadline, want_history = history != nullptr] {
        bool ok = false;
        std::string why;
        PublishedAlertIds ids;
        AlertHistory hist;
        for (int attempt = 0; !ok && attempt < 3; ++attempt) {  // a busy broker is worth another try
            if (attempt > 0 && deadline.left_ms() < 1000) break;
            AlertTailOptions a = o;
            a.timeout_ms = deadline.left_ms(1);
            ids.clear();
            why.clear();
            ok = read_published_alerts(a, committed, ids, why, want_history ? &hist : nullptr);
        }
        std::lock_guard lock(job->mutex);
        job->ok = ok;
        job->ids = std::move(ids);
        job->history = std::move(hist);
        job->error = std::move(why);
        job->done = true;
        job->finished.notify_all();
    }).detach();
    // Every step above honours the deadline; the grace covers closing the reader, which librdkafka
    // does without one.
    std::unique_lock lock(job->mutex);
    if (!job->finished.wait_until(lock, deadline.at() + std::chrono::seconds(2), [&job] { return job->done; })) {
        error = "reading the tail of '" + o.alerts_topic + "' did not finish within " + std::to_string(o.timeout_ms) +
                " ms (a broker stopped answering); gave up on it";
        return false;
    }
    out = std::move(job->ids);
    if (history) *history = std::move(job->history);
    error = std::move(job->error);
    return job->ok;
}

}  // namespace herald::app
