#include "herald/console/store.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include "console_fixtures.hpp"
#include "herald/core/time.hpp"

using namespace herald::console;
using test::id_of;
using test::record;

namespace {
std::vector<Row> listed(Store& s, Query q) {
    std::vector<Row> rows;
    std::string error;
    REQUIRE(s.list(q, rows, error));
    return rows;
}
int64_t ms(const char* t) {
    int64_t v = 0;
    REQUIRE(herald::core::parse_rfc3339(t, v));
    return v;
}
// A new store in a scratch folder.
struct Opened {
    test::ScratchDir dir;
    std::string error;
    std::unique_ptr<Store> store;
    Opened() : store(Store::open(dir.db(), error)) { REQUIRE(store); }
};
}  // namespace

TEST_CASE("alerts, acknowledgements and offsets survive reopening the file; an id is stored once") {
    test::ScratchDir dir;
    std::string error;
    bool created = false;
    {
        auto s = Store::open(dir.db(), error, &created);
        REQUIRE(s);
        CHECK(created);
        std::vector<Row> added;
        REQUIRE(s->add({record(id_of(1), "growth", "AMZN"), record(id_of(2), "growth", "MSFT")}, {{"alerts", 0, 7}}, 1000,
                       added, error));
        CHECK(added.size() == 2);
        CHECK(added[0].seq < added[1].seq);
        added.clear();
        REQUIRE(s->add({record(id_of(1), "growth", "AMZN")}, {{"alerts", 0, 8}}, 1000, added, error));
        CHECK(added.empty());  // a redelivery
        CHECK(s->acknowledge(id_of(2), 5000, error) == Change::done);
        CHECK(s->acknowledge(id_of(2), 6000, error) == Change::unchanged);
        CHECK(s->acknowledge(id_of(9), 6000, error) == Change::not_found);
    }
    auto s = Store::open(dir.db(), error, &created);
    REQUIRE(s);
    CHECK_FALSE(created);
    CHECK(s->count(error) == 2);
    std::map<int32_t, int64_t> offsets;
    REQUIRE(s->offsets("alerts", offsets, error));
    CHECK(offsets == std::map<int32_t, int64_t>{{0, 8}});
    Row row;
    std::string json;
    REQUIRE(s->get(id_of(2), row, json, error));
    CHECK(row.acked_ms == 5000);  // the first acknowledgement's time
    CHECK(json.find("\"key\":\"MSFT\"") != std::string::npos);
    CHECK_FALSE(s->get(id_of(9), row, json, error));
    CHECK(error.empty());
}

TEST_CASE("listing filters by ticker, rule, severity, text and time, newest first, and pages") {
    Opened o;
    Store* s = o.store.get();
    std::string& error = o.error;
    std::vector<Row> added;
    REQUIRE(s->add({record(id_of(1), "growth", "AMZN", "info", false, "2026-12-06T08:00:00Z", "AWS up"),
                    record(id_of(2), "growth", "MSFT", "warning", false, "2026-12-06T09:00:00Z", "Azure up"),
                    record(id_of(3), "downgrade", "AMZN", "critical", false, "2026-12-06T10:00:00Z", "Cut to SELL"),
                    record(id_of(4), "growth", "AMZN", "warning", false, "2026-12-06T11:00:00Z", "Ads up")},
                   {}, 0, added, error));
    auto ids = [&](Query q) {
        std::vector<std::string> out;
        for (const Row& r : listed(*s, q)) out.push_back(r.id);
        return out;
    };
    CHECK(ids({}) == std::vector<std::string>{id_of(4), id_of(3), id_of(2), id_of(1)});
    CHECK(ids({.ticker = "AMZN"}) == std::vector<std::string>{id_of(4), id_of(3), id_of(1)});
    CHECK(ids({.ticker = "AMZN", .rule = "growth"}) == std::vector<std::string>{id_of(4), id_of(1)});
    CHECK(ids({.severity = "critical"}) == std::vector<std::string>{id_of(3)});
    CHECK(ids({.text = "azure"}) == std::vector<std::string>{id_of(2)});      // any case
    CHECK(ids({.text = "downg"}) == std::vector<std::string>{id_of(3)});      // the rule too
    CHECK(ids({.text = "UP"}).size() == 3);
    CHECK(ids({.since_ms = ms("2026-12-06T09:30:00Z")}) == std::vector<std::string>{id_of(4), id_of(3)});
    CHECK(ids({.before_seq = added[2].seq, .limit = 1}) == std::vector<std::string>{id_of(2)});
    CHECK(ids({.after_seq = added[1].seq}) == std::vector<std::string>{id_of(3), id_of(4)});  // oldest first
    CHECK(ids({.text = "it's \"quoted\" % _"}).empty());                    // text is data, not SQL
}

TEST_CASE("mute until resolved: later alerts of the rule and key are stored muted; the resolved one shows and ends it") {
    Opened o;
    Store* s = o.store.get();
    std::string& error = o.error;
    std::vector<Row> added;
    REQUIRE(s->add({record(id_of(1), "growth", "AMZN")}, {}, 0, added, error));
    CHECK(s->mute(id_of(1), 100, error) == Change::done);
    added.clear();
    REQUIRE(s->add({record(id_of(2), "growth", "AMZN"), record(id_of(3), "growth", "MSFT")}, {}, 0, added, error));
    REQUIRE(added.size() == 2);
    CHECK(added[0].muted);
    CHECK_FALSE(added[1].muted);  // another key
    CHECK(listed(*s, {.include_muted = false}).size() == 2);
    Row row;
    std::string json;
    REQUIRE(s->get(id_of(1), row, json, error));
    CHECK(row.mute_active);
    CHECK(row.mute_ms == 100);
    added.clear();
    REQUIRE(s->add({record(id_of(4), "growth", "AMZN", "warning", true)}, {}, 0, added, error));
    REQUIRE(added.size() == 1);
    CHECK_FALSE(added[0].muted);  // the resolved notification still shows
    REQUIRE(s->get(id_of(1), row, json, error));
    CHECK_FALSE(row.mute_active);
    added.clear();
    REQUIRE(s->add({record(id_of(5), "growth", "AMZN")}, {}, 0, added, error));
    CHECK_FALSE(added[0].muted);  // fires again after resolving: shown
    CHECK(s->mute(id_of(4), 200, error) == Change::unchanged);  // a resolved alert has nothing to wait for
}

TEST_CASE("unmute shows what arrived while muted") {
    Opened o;
    Store* s = o.store.get();
    std::string& error = o.error;
    std::vector<Row> added;
    REQUIRE(s->add({record(id_of(1), "growth", "AMZN")}, {}, 0, added, error));
    REQUIRE(s->mute(id_of(1), 100, error) == Change::done);
    REQUIRE(s->add({record(id_of(2), "growth", "AMZN")}, {}, 0, added, error));
    CHECK(listed(*s, {.include_muted = false}).size() == 1);
    CHECK(s->unmute(id_of(1), error) == Change::done);
    CHECK(listed(*s, {.include_muted = false}).size() == 2);
    CHECK(s->unmute(id_of(1), error) == Change::unchanged);
}

TEST_CASE("pruning keeps the newest alerts and drops old ones and their acknowledgements") {
    Opened o;
    Store* s = o.store.get();
    std::string& error = o.error;
    std::vector<AlertRecord> batch;
    for (int i = 1; i <= 10; ++i) batch.push_back(record(id_of(i), "r", "K"));
    batch[0].detected_ms = 5;  // very old
    std::vector<Row> added;
    REQUIRE(s->add(batch, {}, 0, added, error));
    REQUIRE(s->acknowledge(id_of(2), 1, error) == Change::done);
    CHECK(s->prune(6, 1000, error) == 4);  // 1..4: 4 beyond the newest 6 (1 is also old)
    CHECK(s->count(error) == 6);
    Row row;
    std::string json;
    CHECK_FALSE(s->get(id_of(2), row, json, error));
    CHECK(s->acknowledge(id_of(2), 1, error) == Change::not_found);
    CHECK(s->prune(6, 1000, error) == 0);
}

TEST_CASE("buckets count alerts and average sentiment per key and hour") {
    Opened o;
    Store* s = o.store.get();
    std::string& error = o.error;
    std::vector<AlertRecord> batch{record(id_of(1), "r", "AMZN", "info", false, "2026-12-06T08:10:00Z"),
                                   record(id_of(2), "r", "AMZN", "info", false, "2026-12-06T08:50:00Z"),
                                   record(id_of(3), "r", "AMZN", "info", false, "2026-12-06T10:05:00Z"),
                                   record(id_of(4), "r", "MSFT", "info", false, "2026-12-06T07:00:00Z")};
    batch[1].sentiment = -0.5;
    batch[2].has_sentiment = false;
    std::vector<Row> added;
    REQUIRE(s->add(batch, {}, 0, added, error));
    std::vector<Bucket> b;
    REQUIRE(s->buckets(ms("2026-12-06T08:00:00Z"), 3'600'000, b, error));
    REQUIRE(b.size() == 2);  // MSFT's is before the window
    CHECK(b[0].key == "AMZN");
    CHECK(b[0].start_ms == ms("2026-12-06T08:00:00Z"));
    CHECK(b[0].alerts == 2);
    CHECK(b[0].sentiment_sum / static_cast<double>(b[0].scored) == doctest::Approx(0.0));
    CHECK(b[1].start_ms == ms("2026-12-06T10:00:00Z"));
    CHECK(b[1].scored == 0);
}

TEST_CASE("a file that is not SQLite is refused with one line naming it") {
    test::ScratchDir dir;
    FILE* f = std::fopen(dir.db().c_str(), "w");
    REQUIRE(f);
    std::fputs("this is not a database, it is a long enough text to fill a header page of sqlite......................", f);
    std::fclose(f);
    std::string error;
    CHECK_FALSE(Store::open(dir.db(), error));
    CHECK(error.find(dir.db()) != std::string::npos);
}

TEST_CASE("a grouped alert's member ids find the grouped alert (herald notify links each member)") {
    Opened o;
    Store* s = o.store.get();
    std::string& error = o.error;
    AlertParser parser;
    AlertRecord grouped;
    std::string reason;
    REQUIRE(parser.parse(R"({"alert_id":"00000000000000aa","rule":"grouped","severity":"critical","key":"AMZN",)"
                         R"("detected_at":"2026-12-06T10:00:00Z","summary":"2 rules","grouped":[)"
                         R"({"alert_id":"00000000000000a1","rule":"growth","severity":"info","key":"AMZN"},)"
                         R"({"alert_id":"00000000000000a2","rule":"cut","severity":"critical","key":"AMZN"}]})",
                         grouped, reason));
    CHECK(grouped.members == std::vector<std::string>{"00000000000000a1", "00000000000000a2"});
    std::vector<Row> added;
    REQUIRE(s->add({grouped}, {}, 0, added, error));
    CHECK(s->last_seq(error) == added[0].seq);
    Row row;
    std::string json;
    REQUIRE(s->get("00000000000000a2", row, json, error));
    CHECK(row.id == "00000000000000aa");
    CHECK(s->acknowledge("00000000000000a1", 7, error) == Change::done);
    REQUIRE(s->get("00000000000000aa", row, json, error));
    CHECK(row.acked_ms == 7);
    CHECK_FALSE(s->get("00000000000000a3", row, json, error));
}

TEST_CASE("a file made with another schema version is refused with what to do") {
    test::ScratchDir dir;
    std::string error;
    REQUIRE(Store::open(dir.db(), error));
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(dir.db().c_str(), &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db, "PRAGMA user_version=1", nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    CHECK_FALSE(Store::open(dir.db(), error));
    CHECK(error.find("move it away") != std::string::npos);
}

TEST_CASE("a later revision of an alert replaces the stored one; a retraction marks it; older ones are skipped") {
    Opened o;
    Store* s = o.store.get();
    std::string& error = o.error;
    std::vector<Row> added;
    REQUIRE(s->add({record(id_of(1), "growth", "AMZN"), record(id_of(2), "growth", "MSFT")}, {}, 1000, added, error));
    REQUIRE(added.size() == 2);
    const int64_t first_seq = added[0].seq;
    CHECK(s->acknowledge(id_of(1), 1500, error) == Change::done);
    added.clear();
    REQUIRE(s->add({test::revised(id_of(1), "AMZN", 1, false, "AWS revenue up 29% yoy")}, {}, 2000, added, error));
    REQUIRE(added.size() == 1);
    CHECK(added[0].seq > first_seq);  // arrives again: the page replaces the row with its id
    CHECK(added[0].revision == 1);
    CHECK(s->count(error) == 2);      // replaced, not added
    Row row;
    std::string json;
    REQUIRE(s->get(id_of(1), row, json, error));
    CHECK(row.revision == 1);
    CHECK_FALSE(row.retracted);
    CHECK(row.summary == "AWS revenue up 29% yoy");
    CHECK(row.acked_ms == 1500);  // the same alert: its acknowledgement stays
    CHECK(json.find("\"revision\":1") != std::string::npos);
    // A redelivered or older revision changes nothing.
    added.clear();
    REQUIRE(s->add({test::revised(id_of(1), "AMZN", 1, false, "AWS revenue up 29% yoy"), record(id_of(1), "growth", "AMZN")},
                   {}, 3000, added, error));
    CHECK(added.empty());
    // Two revisions in one batch: the last one stands.
    REQUIRE(s->add({test::revised(id_of(1), "AMZN", 2, false, "AWS revenue up 30% yoy"),
                    test::revised(id_of(1), "AMZN", 3, true, "retracted: story s1 was deleted")},
                   {}, 4000, added, error));
    CHECK(added.size() == 2);
    REQUIRE(s->get(id_of(1), row, json, error));
    CHECK(row.revision == 3);
    CHECK(row.retracted);
    CHECK(row.summary == "retracted: story s1 was deleted");
    const auto rows = listed(*s, Query{});
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].id == id_of(1));  // newest first: the retraction arrived last
    CHECK(rows[0].retracted);
    CHECK(rows[1].id == id_of(2));
}
