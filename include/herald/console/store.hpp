#pragma once
// The console's SQLite file: recent alerts, acknowledgements, mutes and the alerts-topic offsets
// the alerts were read up to (so a restart resumes there, and a missing file is rebuilt from the
// topic's start). WAL mode: the consumer thread writes through one Store while the HTTP thread
// reads and acknowledges through another Store on the same file. One Store = one thread.
//
//   std::string error;
//   auto store = herald::console::Store::open("console.db", error);
//   if (!store) die(error);                              // "cannot open console.db: ..."
//   std::vector<herald::console::Row> added;
//   store->add(records, {{"alerts", 0, 1234}}, now_ms, added, error);
//   store->list({.ticker = "AMZN", .limit = 50}, rows, error);
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "herald/console/alert_record.hpp"

struct sqlite3;

namespace herald::console {

// One alert as listed: everything but its JSON.
struct Row {
    int64_t seq = 0;  // order of arrival in this store (the SSE event id)
    std::string id, rule, severity, key, summary;
    int64_t event_time_ms = 0, detected_ms = 0;
    bool resolved = false, has_sentiment = false;
    double sentiment = 0;
    int64_t revision = 0;      // the stored revision of the alert_id (story updates)
    bool retracted = false;    // the story's update or deletion withdrew it
    bool muted = false;        // arrived while its rule and key were muted
    int64_t acked_ms = 0;      // 0: not acknowledged
    int64_t mute_ms = 0;       // 0: this alert did not start a mute
    bool mute_active = false;  // ... and its mute still holds (no resolved alert yet)
};

struct Query {
    std::string ticker, rule, severity, text;  // empty: any; text matches summary, key or rule
    int64_t since_ms = INT64_MIN;              // detected at or after
    int64_t after_seq = -1;                    // >= 0: seq greater than, oldest first (catching up)
    int64_t before_seq = 0;                    // 0: newest first from the top; else seq below (paging)
    bool include_muted = true;
    int limit = 100;
};

struct Offset {
    std::string topic;
    int32_t partition = 0;
    int64_t next = 0;  // the next offset to read
};

// Per key and time bucket over a window: alerts and their mean sentiment (charts).
struct Bucket {
    std::string key;
    int64_t start_ms = 0;
    int64_t alerts = 0;
    int64_t scored = 0;  // alerts with a sentiment
    double sentiment_sum = 0;
};

enum class Change { done, unchanged, not_found, failed };

class Store {
public:
    // Opens or creates the file; `created` tells that it held no alerts table (new or rebuilt).
    static std::unique_ptr<Store> open(const std::string& path, std::string& error, bool* created = nullptr);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // One transaction: the alerts and the offsets they were read up to. An id already stored is
    // skipped unless this is a later revision of it: that replaces the stored row (a new seq, so it
    // arrives again; acknowledgement kept). An alert whose rule and key are muted is stored muted; a resolved one lifts the mute.
    // `added` gets the rows stored. False with a one-line error (nothing written).
    bool add(const std::vector<AlertRecord>& alerts, const std::vector<Offset>& offsets, int64_t now_ms,
             std::vector<Row>& added, std::string& error);
    bool offsets(const std::string& topic, std::map<int32_t, int64_t>& out, std::string& error);
    // Deletes the oldest alerts beyond max_alerts and those detected before cutoff_ms; the count.
    int64_t prune(int64_t max_alerts, int64_t cutoff_ms, std::string& error);

    bool list(const Query& q, std::vector<Row>& out, std::string& error);
    // The row and its JSON as published; false when there is no such alert (error empty) or on failure.
    // A grouped alert's member's id finds the grouped alert (so do acknowledge, mute and unmute).
    bool get(const std::string& id, Row& row, std::string& json, std::string& error);
    Change acknowledge(const std::string& id, int64_t now_ms, std::string& error);
    // Mutes the alert's rule and key until a resolved alert for them arrives.
    Change mute(const std::string& id, int64_t now_ms, std::string& error);
    Change unmute(const std::string& id, std::string& error);
    bool buckets(int64_t since_ms, int64_t bucket_ms, std::vector<Bucket>& out, std::string& error);
    int64_t count(std::string& error);
    int64_t last_seq(std::string& error);  // the newest row's seq, 0 when empty

private:
    explicit Store(sqlite3* db) : db_(db) {}
    bool exec(const char* sql, std::string& error);
    sqlite3* db_;
};

}  // namespace herald::console
