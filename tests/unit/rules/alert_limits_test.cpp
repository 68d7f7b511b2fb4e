// Bounded alerts (issue 20 item 1): every alert, whatever its rule or event holds, fits the
// producer's message.max.bytes, cut fields say so, and a large group is split, not lost.
#include <doctest/doctest.h>

#include <simdjson.h>

#include <cstdio>

#include "herald/core/hash.hpp"
#include "herald/core/json_writer.hpp"
#include "herald/rules/alert_limits.hpp"
#include "test_support.hpp"

using namespace herald::rules;
using namespace herald::rules::test;

namespace {
std::string escaped(std::string_view s) {
    std::string out;
    herald::core::append_json_escaped(out, s);
    return out;
}

bool valid_json(const std::string& json) {
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    return parser.parse(json).get(doc) == simdjson::SUCCESS;
}

// Everything an alert message costs against message.max.bytes: value, key, headers.
size_t message_cost(const std::string& json, const Alert& a, const AlertLimits& l) {
    std::string k, r;
    return json.size() + capped_text(a.key, l.key, k).size() + 16 + capped_text(a.rule_id, l.rule, r).size() +
           kMessageOverheadBytes;
}
}  // namespace

TEST_CASE("escaped sizes match what the writer writes, for every kind of byte") {
    const std::string samples[] = {"plain", "quote \" back \\ nl \n tab \t", std::string("ctl \x01\x1f", 6),
                                   "utf-8 \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80", "bad \xFF\xC3 \xE0\x80\x80 end",
                                   std::string(1000, '\x02')};
    for (const auto& s : samples) {
        CHECK(herald::core::json_escaped_size(s) == escaped(s).size());
        for (size_t cap = 0; cap < escaped(s).size() + 2; ++cap) {
            size_t got = 0;
            size_t keep = herald::core::json_escaped_prefix(s, cap, &got);
            CHECK(got <= cap);
            CHECK(escaped(s.substr(0, keep)).size() == got);
        }
    }
}

TEST_CASE("capped_text keeps short text, cuts long text at a character boundary with a marker") {
    std::string scratch;
    CHECK(capped_text("AMZN", 64, scratch) == "AMZN");
    std::string euro;
    for (int i = 0; i < 100; ++i) euro += "\xE2\x82\xAC";  // 300 bytes of 3-byte characters
    std::string_view cut = capped_text(euro, 100, scratch);
    CHECK(escaped(cut).size() <= 100);
    CHECK(capped_size(euro, 100) == escaped(cut).size());
    REQUIRE(cut.size() > 30);
    const std::string_view marker = " [truncated from 300 bytes]";
    CHECK(cut.substr(cut.size() - marker.size()) == marker);
    std::string_view kept = cut.substr(0, cut.size() - marker.size());
    CHECK(kept.size() % 3 == 0);  // no character split
    CHECK(euro.compare(0, kept.size(), kept) == 0);
    // Control characters escape to six bytes each: the cap counts escaped bytes.
    std::string ctl(600, '\x01');
    CHECK(escaped(capped_text(ctl, 200, scratch)).size() <= 200);
}

TEST_CASE("the caps of alert_limits_for add up to less than the message") {
    for (size_t m : {size_t{16384}, size_t{100000}, size_t{1000000}, size_t{1114112}, size_t{64} << 20}) {
        AlertLimits l = alert_limits_for(m);
        size_t sum = kMessageOverheadBytes + 2048 + 2 * l.key + 2 * l.rule + l.event_id + l.summary + l.members +
                     l.metrics + l.evidence;
        CHECK(sum <= m);
        CHECK(l.key >= 64);
        CHECK(l.member_summary <= l.members);
    }
    CHECK_FALSE(alert_limits_for(0).bounded());
}

TEST_CASE("hostile alerts fit the message: a 600 KB key, a 2 MB summary, huge ids and evidence") {
    const size_t m = 1000000;
    const AlertLimits l = alert_limits_for(m);
    Fixture f;
    std::string body(900000, 'x');
    body += ". Revenue rose 28%.";
    f.id(std::string(500000, 'i')).at(kT0).summary(body).sentiment(0.5);
    Alert a;
    make_alert_id("r", "k", "e", false, a.alert_id);
    a.rule_id = std::string(300000, 'r');
    a.severity = "warning";
    a.key = std::string(600000, 'K');
    a.summary = std::string(2 << 20, 's') + "\"\x01";
    a.evidence = {{herald::analysis::Field::summary, 0, static_cast<uint32_t>(body.size())},
                  {herald::analysis::Field::summary, 900002, static_cast<uint32_t>(body.size())},
                  {herald::analysis::Field::summary, 0, 900000}};
    std::string json;
    CHECK(append_alert_json(json, a, f.ctx(), {"news", 3, 1234}, kT0, l));
    CHECK(valid_json(json));
    CHECK(message_cost(json, a, l) <= m);
    CHECK(json.find("\"truncated\":true") != std::string::npos);
    CHECK(json.find(" [truncated from 2097154 bytes]") != std::string::npos);
    CHECK(json.find(" [truncated from 600000 bytes]") != std::string::npos);
    // Unbounded, the same alert keeps everything.
    std::string plain;
    append_alert_json(plain, a, f.ctx(), {"news", 3, 1234}, kT0);
    CHECK(plain.size() > 3 * m);
    CHECK(plain.find("truncated") == std::string::npos);
    // The smallest allowed message too.
    const AlertLimits small = alert_limits_for(kMinMessageBytes);
    json.clear();
    append_alert_json(json, a, f.ctx(), {std::string(249, 't'), 3, 1234}, kT0, small);
    CHECK(valid_json(json));
    CHECK(message_cost(json, a, small) <= kMinMessageBytes);
}

TEST_CASE("a group too large for one message is split into parts that keep every member") {
    const AlertLimits l = alert_limits_for(1000000);
    Fixture f;
    f.id("ev").at(kT0).summary("Many companies.").sentiment(0.1);
    auto make = [](size_t n) {
        std::vector<Alert> alerts(n);
        for (size_t i = 0; i < n; ++i) {
            alerts[i].rule_id = "mention";
            alerts[i].severity = i == 7 ? "critical" : "info";
            char key[24];  // snprintf, not "T" + std::to_string(i): GCC 12 warns falsely (-Wrestrict)
            std::snprintf(key, sizeof key, "T%zu", i);
            alerts[i].key = key;
            alerts[i].summary = "mention of T" + std::to_string(i) + " in the news today";
            make_alert_id(alerts[i].rule_id, alerts[i].key, "ev", false, alerts[i].alert_id);
        }
        return alerts;
    };
    auto original = make(12000);
    auto alerts = original;
    group_alerts(alerts, l);
    REQUIRE(alerts.size() > 1);
    size_t members = 0;
    for (const Alert& g : alerts) {
        CHECK(g.rule_id == "grouped");
        // The id is the grouped formula over this part's members.
        uint64_t h = herald::core::fnv1a64("grouped");
        for (const auto& mb : g.members) h = herald::core::fnv1a64(std::string_view(mb.alert_id, 16),
                                                                   herald::core::fnv1a64("\x1f", h));
        char id[17];
        herald::core::to_hex16(herald::core::mix64(h), id);
        CHECK(std::string(g.alert_id) == id);
        CHECK(original[members].key == g.key);
        members += g.members.size();
        std::string json;
        append_alert_json(json, g, f.ctx(), {"news", 0, 1}, kT0, l);
        CHECK(json.find("\"omitted\"") == std::string::npos);  // no member left out
        CHECK(message_cost(json, g, l) <= 1000000);
        CHECK(valid_json(json));
    }
    CHECK(members == 12000);
    CHECK(alerts[0].severity == "critical");
    CHECK(alerts[0].summary.find(" rules (part 1 of ") != std::string::npos);

    // Long rule ids: each part's summary lists members up to its cap, then counts the rest.
    auto long_ids = original;
    for (Alert& a : long_ids) a.rule_id = std::string(1500, 'r');
    group_alerts(long_ids, l);
    REQUIRE(long_ids.size() > 1);
    CHECK(long_ids[0].summary.size() < l.summary + 3000);
    CHECK(long_ids[0].summary.find(" more") != std::string::npos);
    CHECK(long_ids[0].summary.find(", ... and ") != std::string::npos);

    auto whole = original;
    group_alerts(whole);  // unbounded: one message as before
    CHECK(whole.size() == 1);
    CHECK(whole[0].members.size() == 12000);
    CHECK(whole[0].summary.rfind("12000 rules: mention (T0), ", 0) == 0);
}
