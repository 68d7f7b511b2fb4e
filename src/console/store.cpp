#include "herald/console/store.hpp"

#include <sqlite3.h>

#include <string_view>
#include <utility>

#include "statement.hpp"

namespace herald::console {

namespace {

// received_at is when the console stored the alert. The JSON as published (about 1 KB) has a
// table of its own, so that scans of `alerts` (text search, filters without an index) read
// small rows only. kVersion changes with the schema.
constexpr int kVersion = 4;
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS alerts(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  rule TEXT NOT NULL, severity TEXT NOT NULL, key TEXT NOT NULL, summary TEXT NOT NULL,
  event_time INTEGER NOT NULL, detected_at INTEGER NOT NULL, received_at INTEGER NOT NULL,
  resolved INTEGER NOT NULL, sentiment REAL, muted INTEGER NOT NULL,
  revision INTEGER NOT NULL, retracted INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS alert_json(seq INTEGER PRIMARY KEY, json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS alerts_by_key ON alerts(key, seq);
CREATE INDEX IF NOT EXISTS alerts_by_rule ON alerts(rule, seq);
CREATE INDEX IF NOT EXISTS alerts_by_detected ON alerts(detected_at, key, sentiment);
CREATE TABLE IF NOT EXISTS acks(alert_id TEXT PRIMARY KEY, acked_at INTEGER, muted_at INTEGER);
CREATE TABLE IF NOT EXISTS mutes(rule TEXT NOT NULL, key TEXT NOT NULL, alert_id TEXT NOT NULL, at INTEGER NOT NULL,
  PRIMARY KEY(rule, key));
CREATE TABLE IF NOT EXISTS members(member_id TEXT PRIMARY KEY, alert_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS offsets(topic TEXT NOT NULL, part INTEGER NOT NULL, next_offset INTEGER NOT NULL,
  PRIMARY KEY(topic, part));
)sql";

constexpr const char* kRowColumns =
    "SELECT a.seq, a.id, a.rule, a.severity, a.key, a.summary, a.event_time, a.detected_at, a.resolved, a.sentiment, "
    "a.muted, k.acked_at, k.muted_at, m.alert_id IS NOT NULL, a.revision, a.retracted";
constexpr const char* kRowTables =
    " FROM alerts a LEFT JOIN acks k ON k.alert_id = a.id LEFT JOIN mutes m ON m.alert_id = a.id ";

void read_row(const Statement& s, Row& r) {
    r.seq = s.integer(0);
    r.id = s.text(1);
    r.rule = s.text(2);
    r.severity = s.text(3);
    r.key = s.text(4);
    r.summary = s.text(5);
    r.event_time_ms = s.integer(6);
    r.detected_ms = s.integer(7);
    r.resolved = s.integer(8) != 0;
    r.has_sentiment = !s.is_null(9);
    r.sentiment = r.has_sentiment ? s.real(9) : 0;
    r.muted = s.integer(10) != 0;
    r.acked_ms = s.is_null(11) ? 0 : s.integer(11);
    r.mute_ms = s.is_null(12) ? 0 : s.integer(12);
    r.mute_active = s.integer(13) != 0;
    r.revision = s.integer(14);
    r.retracted = s.integer(15) != 0;
}

// "%text%" with LIKE's wildcards in the text escaped.
std::string like_pattern(const std::string& text) {
    std::string out = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out + "%";
}

bool failed(const Statement& s, const char* what, std::string& error) {
    error = std::string(what) + ": " + s.error();
    return false;
}

// The same, for functions that answer something else than a bool.
template <typename T>
T report(const Statement& s, const char* what, std::string& error, T result) {
    failed(s, what, error);
    return result;
}

}  // namespace

std::unique_ptr<Store> Store::open(const std::string& path, std::string& error, bool* created) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        error = "cannot open " + path + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return nullptr;
    }
    sqlite3_busy_timeout(db, 5000);  // the other thread's write transaction is short
    std::unique_ptr<Store> store(new Store(db));
    bool had_alerts = false;
    {
        Statement s(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alerts'");
        had_alerts = s.step() == SQLITE_ROW;
        if (!s.ok()) {
            error = "cannot read " + path + " (is it an SQLite file?): " + s.error();
            return nullptr;
        }
    }
    {
        Statement v(db, "PRAGMA user_version");
        const int64_t version = v.step() == SQLITE_ROW ? v.integer(0) : 0;
        if (had_alerts && version != kVersion) {
            error = path + " was made by another version of herald console (schema " + std::to_string(version) +
                    ", this one uses " + std::to_string(kVersion) + "): move it away, and the console rebuilds its "
                    "alerts from the topic (acknowledgements and mutes are not carried over)";
            return nullptr;
        }
    }
    // WAL: readers do not wait for the writer. The page cache is bounded (16 MB) whatever the
    // number of alerts stored.
    if (!store->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-16000;", error) ||
        !store->exec(kSchema, error) ||
        !store->exec(("PRAGMA user_version=" + std::to_string(kVersion)).c_str(), error)) {
        error = "cannot set up " + path + ": " + error;
        return nullptr;
    }
    if (created) *created = !had_alerts;
    return store;
}

Store::~Store() { sqlite3_close(db_); }

bool Store::exec(const char* sql, std::string& error) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) == SQLITE_OK) return true;
    error = message ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    return false;
}

namespace {

// The row a stored alert shows in the page.
Row row_of(const AlertRecord& a, int64_t seq, bool muted) {
    Row r;
    r.seq = seq;
    r.id = a.id;
    r.rule = a.rule;
    r.severity = a.severity;
    r.key = a.key;
    r.summary = a.summary;
    r.event_time_ms = a.event_time_ms;
    r.detected_ms = a.detected_ms;
    r.resolved = a.resolved;
    r.has_sentiment = a.has_sentiment;
    r.sentiment = a.sentiment;
    r.muted = muted;
    r.revision = a.revision;
    r.retracted = a.retracted;
    return r;
}

}  // namespace

bool Store::add(const std::vector<AlertRecord>& alerts, const std::vector<Offset>& offsets, int64_t now_ms,
                std::vector<Row>& added, std::string& error) {
    const size_t first_added = added.size();
    if (!exec("BEGIN IMMEDIATE", error)) return false;
    Statement muted(db_, "SELECT 1 FROM mutes WHERE rule = ? AND key = ?");
    Statement lift(db_, "DELETE FROM mutes WHERE rule = ? AND key = ?");
    Statement insert(db_,
                     "INSERT OR IGNORE INTO alerts(id, rule, severity, key, summary, event_time, detected_at, "
                     "received_at, resolved, sentiment, muted, revision, retracted) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
    Statement stored(db_, "SELECT seq, revision FROM alerts WHERE id = ?");
    Statement drop_json(db_, "DELETE FROM alert_json WHERE seq = ?");
    Statement drop(db_, "DELETE FROM alerts WHERE seq = ?");
    Statement json(db_, "INSERT INTO alert_json(seq, json) VALUES(?, ?)");
    Statement offset(db_,
                     "INSERT INTO offsets(topic, part, next_offset) VALUES(?,?,?) "
                     "ON CONFLICT(topic, part) DO UPDATE SET next_offset = excluded.next_offset");
    Statement member(db_, "INSERT OR IGNORE INTO members(member_id, alert_id) VALUES(?, ?)");
    bool ok = muted.ok() && lift.ok() && insert.ok() && json.ok() && offset.ok() && member.ok() && stored.ok() &&
              drop_json.ok() && drop.ok();
    for (size_t i = 0; ok && i < alerts.size(); ++i) {
        const AlertRecord& a = alerts[i];
        // A later revision of a stored alert replaces it; an earlier or the same one is a redelivery.
        if (stored.bind(1, a.id).step() == SQLITE_ROW) {
            const int64_t old_seq = stored.integer(0), old_revision = stored.integer(1);
            stored.reset();
            if (old_revision >= a.revision) continue;
            ok = drop_json.bind(1, old_seq).run() && drop.bind(1, old_seq).run();
            drop_json.reset();
            drop.reset();
        } else {
            ok = stored.ok();
            stored.reset();
        }
        bool is_muted = false;
        if (a.resolved) {
            ok = lift.bind(1, a.rule).bind(2, a.key).run();
            lift.reset();
        } else {
            is_muted = muted.bind(1, a.rule).bind(2, a.key).step() == SQLITE_ROW;
            ok = muted.ok();
            muted.reset();
        }
        insert.bind(1, a.id).bind(2, a.rule).bind(3, a.severity).bind(4, a.key).bind(5, a.summary);
        insert.bind(6, a.event_time_ms).bind(7, a.detected_ms).bind(8, now_ms).bind(9, int64_t{a.resolved});
        if (a.has_sentiment) insert.bind_double(10, a.sentiment);
        else insert.bind_null(10);
        insert.bind(11, int64_t{is_muted}).bind(12, a.revision).bind(13, int64_t{a.retracted});
        ok = ok && insert.run();
        if (ok && sqlite3_changes(db_) == 1) {
            const int64_t seq = sqlite3_last_insert_rowid(db_);
            ok = json.bind(1, seq).bind(2, a.json).run();
            json.reset();
            added.push_back(row_of(a, seq, is_muted));
            for (size_t m = 0; ok && m < a.members.size(); ++m) {
                ok = member.bind(1, a.members[m]).bind(2, a.id).run();
                member.reset();
            }
        }
        insert.reset();
    }
    for (size_t i = 0; ok && i < offsets.size(); ++i) {
        ok = offset.bind(1, offsets[i].topic).bind(2, int64_t{offsets[i].partition}).bind(3, offsets[i].next).run();
        offset.reset();
    }
    if (!ok) error = "storing alerts: " + std::string(sqlite3_errmsg(db_));
    if (ok && exec("COMMIT", error)) return true;
    std::string ignored;
    exec("ROLLBACK", ignored);
    added.resize(first_added);
    return false;
}

bool Store::offsets(const std::string& topic, std::map<int32_t, int64_t>& out, std::string& error) {
    Statement s(db_, "SELECT part, next_offset FROM offsets WHERE topic = ?");
    s.bind(1, topic);
    while (s.step() == SQLITE_ROW) out[static_cast<int32_t>(s.integer(0))] = s.integer(1);
    return s.ok() || failed(s, "reading offsets", error);
}

int64_t Store::prune(int64_t max_alerts, int64_t cutoff_ms, std::string& error) {
    // The newest seq to delete: beyond max_alerts, or the newest detected before the cutoff.
    int64_t last = 0;
    {
        Statement by_count(db_, "SELECT seq FROM alerts ORDER BY seq DESC LIMIT 1 OFFSET ?");
        if (by_count.bind(1, max_alerts).step() == SQLITE_ROW) last = by_count.integer(0);
        if (!by_count.ok()) return report(by_count, "pruning alerts", error, int64_t{-1});
    }
    // Each condition on its own statement, so each uses its index (seq, detected_at).
    int64_t gone = 0;
    const std::pair<const char*, int64_t> steps[] = {
        {"DELETE FROM alert_json WHERE seq <= ?", last},
        {"DELETE FROM alerts WHERE seq <= ?", last},
        {"DELETE FROM alert_json WHERE seq IN (SELECT seq FROM alerts WHERE detected_at < ?)", cutoff_ms},
        {"DELETE FROM alerts WHERE detected_at < ?", cutoff_ms}};
    for (const auto& [sql, value] : steps) {
        Statement del(db_, sql);
        if (!del.bind(1, value).run()) return report(del, "pruning alerts", error, int64_t{-1});
        if (std::string_view(sql).rfind("DELETE FROM alerts", 0) == 0) gone += sqlite3_changes(db_);
    }
    if (gone > 0 && !exec("DELETE FROM acks WHERE NOT EXISTS (SELECT 1 FROM alerts WHERE id = acks.alert_id);"
                          "DELETE FROM members WHERE NOT EXISTS (SELECT 1 FROM alerts WHERE id = members.alert_id)",
                          error))
        return -1;
    return gone;
}

bool Store::list(const Query& q, std::vector<Row>& out, std::string& error) {
    // Conditions and their values in step: "?N" numbers each value by its place.
    std::vector<std::string> values;
    std::vector<int64_t> numbers;
    std::string sql = std::string(kRowColumns) + kRowTables + "WHERE 1";
    auto text_is = [&](const char* column, const std::string& v) {
        if (v.empty()) return;
        values.push_back(v);
        sql.append(" AND ").append(column).append(" = ?").append(std::to_string(values.size()));
    };
    text_is("a.key", q.ticker);
    text_is("a.rule", q.rule);
    text_is("a.severity", q.severity);
    if (!q.text.empty()) {  // LIKE ignores ASCII case; % and _ in the text are matched as themselves
        values.push_back(like_pattern(q.text));
        const std::string p = std::to_string(values.size());
        sql.append(" AND (a.summary LIKE ?").append(p).append(" ESCAPE '\\' OR a.key LIKE ?").append(p);
        sql.append(" ESCAPE '\\' OR a.rule LIKE ?").append(p).append(" ESCAPE '\\')");
    }
    auto number_is = [&](const char* condition, int64_t v) {
        numbers.push_back(v);
        sql.append(" AND ").append(condition).append(" ?").append(std::to_string(100 + numbers.size()));
    };
    // '+' keeps the planner off the detected_at index here: walking seq backwards and stopping at
    // `limit` matches beats sorting every alert since the time by seq.
    if (q.since_ms != INT64_MIN) number_is("+a.detected_at >=", q.since_ms);
    if (q.after_seq >= 0) number_is("a.seq >", q.after_seq);
    if (q.before_seq > 0) number_is("a.seq <", q.before_seq);
    if (!q.include_muted) sql += " AND a.muted = 0";
    // Catching up (after_seq) goes oldest first so a client can append in order.
    sql += q.after_seq >= 0 ? " ORDER BY a.seq ASC" : " ORDER BY a.seq DESC";
    sql += " LIMIT ?100";
    Statement s(db_, sql.c_str());
    for (size_t i = 0; i < values.size(); ++i) s.bind(static_cast<int>(i + 1), values[i]);
    for (size_t i = 0; i < numbers.size(); ++i) s.bind(static_cast<int>(101 + i), numbers[i]);
    s.bind(100, int64_t{q.limit});
    while (s.step() == SQLITE_ROW) {
        out.emplace_back();
        read_row(s, out.back());
    }
    return s.ok() || failed(s, "listing alerts", error);
}

bool Store::get(const std::string& id, Row& row, std::string& json, std::string& error) {
    // An id of a grouped alert's member finds the grouped alert.
    Statement s(db_, (std::string(kRowColumns) + ", (SELECT json FROM alert_json WHERE seq = a.seq)" + kRowTables +
                      "WHERE a.id = ?1 OR a.id = (SELECT alert_id FROM members WHERE member_id = ?1) LIMIT 1")
                         .c_str());
    error.clear();
    s.bind(1, id);
    if (s.step() != SQLITE_ROW) return s.ok() ? false : failed(s, "reading an alert", error);
    read_row(s, row);
    json = s.text(16);
    return true;
}

namespace {
// The rule, key and resolved flag of a stored alert.
// The id may be a grouped alert's member's: `id` becomes the grouped alert's.
Change find_alert(sqlite3* db, std::string& id, std::string& rule, std::string& key, bool& resolved,
                  std::string& error) {
    Statement s(db, "SELECT rule, key, resolved, id FROM alerts WHERE id = ?1 OR "
                    "id = (SELECT alert_id FROM members WHERE member_id = ?1) LIMIT 1");
    s.bind(1, id);
    const int rc = s.step();
    if (rc == SQLITE_ROW) {
        rule = s.text(0);
        key = s.text(1);
        resolved = s.integer(2) != 0;
        id = s.text(3);
        return Change::done;
    }
    if (rc == SQLITE_DONE) return Change::not_found;
    error = "reading an alert: " + s.error();
    return Change::failed;
}
}  // namespace

Change Store::acknowledge(const std::string& alert, int64_t now_ms, std::string& error) {
    std::string id = alert, rule, key;
    bool resolved = false;
    const Change found = find_alert(db_, id, rule, key, resolved, error);
    if (found != Change::done) return found;
    Statement s(db_,
                "INSERT INTO acks(alert_id, acked_at) VALUES(?, ?) "
                "ON CONFLICT(alert_id) DO UPDATE SET acked_at = excluded.acked_at WHERE acked_at IS NULL");
    s.bind(1, id).bind(2, now_ms);
    if (!s.run()) return report(s, "acknowledging", error, Change::failed);
    return sqlite3_changes(db_) == 1 ? Change::done : Change::unchanged;
}

Change Store::mute(const std::string& alert, int64_t now_ms, std::string& error) {
    std::string id = alert, rule, key;
    bool resolved = false;
    const Change found = find_alert(db_, id, rule, key, resolved, error);
    if (found != Change::done) return found;
    if (resolved) return Change::unchanged;  // nothing left to wait for
    if (!exec("BEGIN IMMEDIATE", error)) return Change::failed;
    Statement mute(db_, "INSERT OR REPLACE INTO mutes(rule, key, alert_id, at) VALUES(?, ?, ?, ?)");
    Statement ack(db_,
                  "INSERT INTO acks(alert_id, muted_at) VALUES(?, ?) "
                  "ON CONFLICT(alert_id) DO UPDATE SET muted_at = excluded.muted_at");
    const bool ok = mute.bind(1, rule).bind(2, key).bind(3, id).bind(4, now_ms).run() &&
                    ack.bind(1, id).bind(2, now_ms).run();
    if (!ok || !exec("COMMIT", error)) {
        if (!ok) error = "muting: " + std::string(sqlite3_errmsg(db_));
        std::string ignored;
        exec("ROLLBACK", ignored);
        return Change::failed;
    }
    return Change::done;
}

Change Store::unmute(const std::string& alert, std::string& error) {
    std::string id = alert, rule, key;
    bool resolved = false;
    const Change found = find_alert(db_, id, rule, key, resolved, error);
    if (found != Change::done) return found;
    Statement s(db_, "DELETE FROM mutes WHERE rule = ? AND key = ?");
    if (!s.bind(1, rule).bind(2, key).run()) return report(s, "unmuting", error, Change::failed);
    if (sqlite3_changes(db_) == 0) return Change::unchanged;
    // What arrived while muted shows again.
    Statement show(db_, "UPDATE alerts SET muted = 0 WHERE rule = ? AND key = ? AND muted = 1");
    if (!show.bind(1, rule).bind(2, key).run()) return report(show, "unmuting", error, Change::failed);
    return Change::done;
}

// Read from the (detected_at, key, sentiment) index alone: grouping by key through the key
// index instead read every row of the table in key order (16 s for 1,000,000 alerts).
bool Store::buckets(int64_t since_ms, int64_t bucket_ms, std::vector<Bucket>& out, std::string& error) {
    Statement s(db_,
                "SELECT key, (detected_at - ?1) / ?2 AS b, COUNT(*), COUNT(sentiment), TOTAL(sentiment) "
                "FROM alerts INDEXED BY alerts_by_detected WHERE detected_at >= ?1 GROUP BY key, b ORDER BY key, b");
    s.bind(1, since_ms).bind(2, bucket_ms);
    while (s.step() == SQLITE_ROW) {
        Bucket b;
        b.key = s.text(0);
        b.start_ms = since_ms + s.integer(1) * bucket_ms;
        b.alerts = s.integer(2);
        b.scored = s.integer(3);
        b.sentiment_sum = s.real(4);
        out.push_back(std::move(b));
    }
    return s.ok() || failed(s, "counting alerts", error);
}

int64_t Store::count(std::string& error) {
    Statement s(db_, "SELECT COUNT(*) FROM alerts");
    if (s.step() == SQLITE_ROW) return s.integer(0);
    failed(s, "counting alerts", error);
    return -1;
}

int64_t Store::last_seq(std::string& error) {
    Statement s(db_, "SELECT COALESCE(MAX(seq), 0) FROM alerts");
    if (s.step() == SQLITE_ROW) return s.integer(0);
    failed(s, "reading the last seq", error);
    return -1;
}

}  // namespace herald::console
