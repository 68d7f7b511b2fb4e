#include "json_out.hpp"

#include <algorithm>
#include <map>

#include "herald/core/json_writer.hpp"
#include "herald/core/time.hpp"

namespace herald::console {

namespace {
void time_field(core::JsonWriter& w, const char* name, int64_t ms) {
    w.key(name);
    if (ms == 0) {
        w.null();
        return;
    }
    std::string t;
    core::append_rfc3339(t, ms, true);
    w.string(t);
}
}  // namespace

void append_row_json(std::string& out, const Row& r) {
    core::JsonWriter w(out);
    w.begin_object();
    w.integer_field("seq", r.seq);
    w.string_field("alert_id", r.id);
    w.string_field("rule", r.rule);
    w.string_field("severity", r.severity);
    w.string_field("key", r.key);
    w.string_field("summary", r.summary);
    time_field(w, "event_time", r.event_time_ms);
    time_field(w, "detected_at", r.detected_ms);
    w.bool_field("resolved", r.resolved);
    w.integer_field("revision", r.revision);
    w.bool_field("retracted", r.retracted);
    w.key("sentiment");
    if (r.has_sentiment) w.number(r.sentiment);
    else w.null();
    w.bool_field("muted", r.muted);
    time_field(w, "acknowledged_at", r.acked_ms);
    time_field(w, "mute_started_at", r.mute_ms);
    w.bool_field("mute_active", r.mute_active);
    w.string_field("link", "/alerts/" + r.id);
    w.end_object();
}

void append_rows_json(std::string& out, const std::vector<Row>& rows, bool more, int64_t last_seq) {
    out += "{\"alerts\":[";
    for (size_t i = 0; i < rows.size(); ++i) {
        if (i) out += ',';
        append_row_json(out, rows[i]);
    }
    out += "],\"next_before\":";
    out += more && !rows.empty() ? std::to_string(rows.back().seq) : "null";
    out += ",\"last_seq\":" + std::to_string(last_seq) + "}";
}

void append_buckets_json(std::string& out, const std::vector<Bucket>& buckets, int64_t since_ms, int64_t bucket_ms,
                         size_t max_keys) {
    std::map<std::string, int64_t> totals;
    for (const Bucket& b : buckets) totals[b.key] += b.alerts;
    std::vector<std::pair<int64_t, std::string>> top;
    for (const auto& [key, n] : totals) top.emplace_back(-n, key);
    std::sort(top.begin(), top.end());
    if (top.size() > max_keys) top.resize(max_keys);
    core::JsonWriter w(out);
    w.begin_object();
    time_field(w, "since", since_ms);
    w.integer_field("bucket_seconds", bucket_ms / 1000);
    w.key("keys");
    w.begin_array();
    for (const auto& [negative, key] : top) {
        w.begin_object();
        w.string_field("key", key);
        w.integer_field("alerts", -negative);
        w.key("buckets");
        w.begin_array();
        for (const Bucket& b : buckets) {  // sorted by key, then time
            if (b.key != key) continue;
            w.begin_object();
            time_field(w, "start", b.start_ms);
            w.integer_field("alerts", b.alerts);
            w.key("sentiment");
            if (b.scored > 0) w.number(b.sentiment_sum / static_cast<double>(b.scored));
            else w.null();
            w.end_object();
        }
        w.end_array();
        w.end_object();
    }
    w.end_array();
    w.end_object();
}

}  // namespace herald::console
