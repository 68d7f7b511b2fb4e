// Story updates and deletions (issue 16 item 4, docs/events.md "Story updates"): an update
// revises the alerts its story raised (same alert_id, next revision) when what they say changed, a
// deletion retracts them, and a rebuilt engine gives the same sequence as the live one.
#include <doctest/doctest.h>

#include "herald/analysis/event.hpp"
#include "test_support.hpp"

using namespace herald::rules;
using namespace herald::rules::test;
using herald::analysis::StoryAction;

namespace {

const char* kStoryRules = R"Y(story_horizon: 6h
rules:
  - id: negative
    severity: warning
    for: ticker
    when: entity.sentiment.score <= -0.3
    summary: "{key} {entity.sentiment.score}"
  - id: burst
    severity: critical
    for: ticker
    when: count(2h) >= 3
    summary: "{count(2h)} stories on {key}"
)Y";

Fixture msg(std::string id, std::string story, StoryAction action, int64_t t, double score) {
    Fixture f;
    f.id(std::move(id)).at(t).headline("Acme news").entity("Acme", "ACME", score);
    f.event.story_id = f.keep(std::move(story));
    f.event.action = action;
    return f;
}

std::string line(const Alert& a) {
    return a.rule_id + " " + a.alert_id + " r" + std::to_string(a.revision) + (a.retracted ? " retracted" : "") + " " +
           a.summary;
}

std::vector<std::string> run_all(Engine& e, const std::vector<Fixture>& feed, size_t from = 0) {
    std::vector<std::string> out;
    for (size_t i = from; i < feed.size(); ++i)
        for (const Alert& a : run(e, feed[i])) out.push_back(line(a));
    return out;
}

std::string id_of(std::string_view rule, std::string_view key, std::string_view story) {
    char id[17];
    make_alert_id(rule, key, story, false, id);
    return id;
}

}  // namespace

TEST_CASE("an update that changes what an alert says republishes it under its alert_id as the next revision") {
    Engine e(must_load(kStoryRules));
    std::vector<Fixture> feed;
    feed.reserve(4);
    feed.push_back(msg("m1", "s1", StoryAction::created, kT0, -0.5));
    feed.push_back(msg("m2", "s1", StoryAction::updated, kT0 + kMinute, -0.5));      // same content: nothing
    feed.push_back(msg("m3", "s1", StoryAction::updated, kT0 + 2 * kMinute, -0.8));  // changed: revision 1
    feed.push_back(msg("m4", "s1", StoryAction::updated, kT0 + 3 * kMinute, -0.9));  // revision 2
    const std::string id = id_of("negative", "ACME", "s1");
    CHECK(run_all(e, feed) == std::vector<std::string>{"negative " + id + " r0 ACME -0.5",
                                                       "negative " + id + " r1 ACME -0.8",
                                                       "negative " + id + " r2 ACME -0.9"});
}

TEST_CASE("each revision is a delivery of its own; the JSON carries story_id, revision and retracted") {
    Engine e(must_load(kStoryRules));
    Fixture a = msg("m1", "s1", StoryAction::created, kT0, -0.5);
    Fixture b = msg("m2", "s1", StoryAction::updated, kT0 + kMinute, -0.7);
    Fixture c = msg("m3", "s1", StoryAction::deleted, kT0 + 2 * kMinute, 0);
    auto first = run(e, a), second = run(e, b), third = run(e, c);
    REQUIRE(first.size() == 1);
    REQUIRE(second.size() == 1);
    REQUIRE(third.size() == 1);
    CHECK(first[0].id == alert_id_value("negative", "ACME", "s1", false));
    CHECK(second[0].id == delivery_id_value(first[0].id, 1, false));
    CHECK(third[0].id == delivery_id_value(first[0].id, 2, true));
    CHECK(first[0].id != second[0].id);
    CHECK(second[0].id != third[0].id);
    std::string json;
    append_alert_json(json, second[0], b.ctx(), {}, kT0);
    CHECK(json.find("\"event_id\":\"m2\"") != std::string::npos);
    CHECK(json.find("\"story_id\":\"s1\",\"revision\":1,\"summary\"") != std::string::npos);
    json.clear();
    append_alert_json(json, third[0], c.ctx(), {}, kT0);
    CHECK(json.find("\"story_id\":\"s1\",\"revision\":2,\"retracted\":true,\"summary\":\"retracted: story s1 was "
                    "deleted\"") != std::string::npos);
    CHECK(third[0].alert_id == std::string(first[0].alert_id));
    CHECK(third[0].severity == "warning");
    CHECK(third[0].key == "ACME");
}

TEST_CASE("a deletion retracts every alert the story raised; its later messages raise nothing") {
    Engine e(must_load(kStoryRules));
    std::vector<Fixture> feed;
    feed.reserve(6);
    feed.push_back(msg("m1", "s1", StoryAction::created, kT0, 0.2));
    feed.push_back(msg("m2", "s2", StoryAction::created, kT0 + kMinute, 0.2));
    feed.push_back(msg("m3", "s3", StoryAction::created, kT0 + 2 * kMinute, -0.6));  // negative and burst
    feed.push_back(msg("m4", "s3", StoryAction::deleted, kT0 + 3 * kMinute, 0));
    feed.push_back(msg("m5", "s3", StoryAction::updated, kT0 + 4 * kMinute, -0.9));  // after deletion: nothing
    feed.push_back(msg("m6", "s3", StoryAction::deleted, kT0 + 5 * kMinute, 0));     // again: nothing left
    const std::string neg = id_of("negative", "ACME", "s3"), burst = id_of("burst", "ACME", "s3");
    CHECK(run_all(e, feed) == std::vector<std::string>{
                                  "negative " + neg + " r0 ACME -0.6",
                                  "burst " + burst + " r0 3 stories on ACME",
                                  "negative " + neg + " r1 retracted retracted: story s3 was deleted",
                                  "burst " + burst + " r1 retracted retracted: story s3 was deleted",
                              });
}

TEST_CASE("an update that no longer meets the rule retracts its alert; a later one raises it again") {
    Engine e(must_load(kStoryRules));
    std::vector<Fixture> feed;
    feed.reserve(3);
    feed.push_back(msg("m1", "s1", StoryAction::created, kT0, -0.5));
    feed.push_back(msg("m2", "s1", StoryAction::updated, kT0 + kMinute, 0.1));
    feed.push_back(msg("m3", "s1", StoryAction::updated, kT0 + 2 * kMinute, -0.4));
    const std::string id = id_of("negative", "ACME", "s1");
    CHECK(run_all(e, feed) ==
          std::vector<std::string>{"negative " + id + " r0 ACME -0.5",
                                   "negative " + id + " r1 retracted retracted: story s1 was updated and no longer "
                                   "meets the rule",
                                   "negative " + id + " r2 ACME -0.4"});
}

TEST_CASE("a story's updates are counted in windows once") {
    Engine e(must_load(kStoryRules));
    std::vector<Fixture> feed;
    feed.reserve(5);
    feed.push_back(msg("m1", "s1", StoryAction::created, kT0, 0.2));
    for (int i = 1; i <= 3; ++i)
        feed.push_back(msg("m1-" + std::to_string(i), "s1", StoryAction::updated, kT0 + i * kMinute, 0.2));
    feed.push_back(msg("m2", "s2", StoryAction::created, kT0 + 5 * kMinute, 0.2));
    CHECK(run_all(e, feed).empty());  // two stories, not five
}

TEST_CASE("a rebuilt engine continues a story's revisions as the live one did") {
    std::vector<Fixture> feed;
    feed.reserve(6);
    feed.push_back(msg("m1", "s1", StoryAction::created, kT0, -0.5));
    feed.push_back(msg("m2", "s2", StoryAction::created, kT0 + kMinute, -0.4));
    feed.push_back(msg("m3", "s1", StoryAction::updated, kT0 + 2 * kMinute, -0.6));
    feed.push_back(msg("m4", "s1", StoryAction::updated, kT0 + 3 * kMinute, -0.7));
    feed.push_back(msg("m5", "s2", StoryAction::deleted, kT0 + 4 * kMinute, 0));
    feed.push_back(msg("m6", "s1", StoryAction::updated, kT0 + 5 * kMinute, 0.3));
    Engine live(must_load(kStoryRules));
    auto expected = run_all(live, feed);
    REQUIRE(expected.size() == 6);
    for (size_t cut = 1; cut < feed.size(); ++cut) {
        CAPTURE(cut);
        Engine rebuilt(must_load(kStoryRules));
        rebuilt.set_suppressed(true);
        for (size_t i = 0; i < cut; ++i) CHECK(run(rebuilt, feed[i]).empty());
        rebuilt.set_suppressed(false);
        std::vector<std::string> got = run_all(rebuilt, feed, cut), want;
        size_t before = 0;
        Engine counter(must_load(kStoryRules));
        for (size_t i = 0; i < cut; ++i) before += run(counter, feed[i]).size();
        want.assign(expected.begin() + static_cast<std::ptrdiff_t>(before), expected.end());
        CHECK(got == want);
    }
    CHECK(live.state_bytes() > 0);
}

TEST_CASE("a story is remembered for story_horizon after its first message") {
    Engine e(must_load(kStoryRules));
    std::vector<Fixture> feed;
    feed.reserve(2);
    feed.push_back(msg("m1", "s1", StoryAction::created, kT0, -0.5));
    feed.push_back(msg("m2", "s1", StoryAction::updated, kT0 + 7 * kHour, -0.8));  // past 6h: a fresh start
    const std::string id = id_of("negative", "ACME", "s1");
    CHECK(run_all(e, feed) == std::vector<std::string>{"negative " + id + " r0 ACME -0.5", "negative " + id + " r0 ACME -0.8"});
}

TEST_CASE("without story_horizon, story_id and action change nothing") {
    std::string plain(kStoryRules);
    plain.erase(0, plain.find('\n') + 1);
    Engine e(must_load(plain));
    std::vector<Fixture> feed;
    feed.reserve(3);
    feed.push_back(msg("m1", "s1", StoryAction::created, kT0, -0.5));
    feed.push_back(msg("m2", "s1", StoryAction::updated, kT0 + kMinute, -0.5));
    feed.push_back(msg("m3", "s1", StoryAction::deleted, kT0 + 2 * kMinute, -0.5));
    auto got = run_all(e, feed);
    REQUIRE(got.size() == 4);  // three negatives, and the burst on the third
    CHECK(got[0] == "negative " + id_of("negative", "ACME", "m1") + " r0 ACME -0.5");
    CHECK(got[1] == "negative " + id_of("negative", "ACME", "m2") + " r0 ACME -0.5");
}

TEST_CASE("story_horizon is read, bounds the state re-read, and is checked") {
    CHECK(must_load(kStoryRules)->max_window_ms() == 6 * kHour);
    LoadResult bad = load_rules_text("story_horizon: forever\nrules: []\n", "t.yaml");
    REQUIRE(!bad.ok());
    CHECK(bad.errors[0].message == "story_horizon 'forever' must be a duration from 1s to 30d");
}

TEST_CASE("story.revision: the earlier messages of the event's story, in conditions and summaries") {
    // Reading story.revision turns the stories on, with the default horizon.
    Engine e(must_load(R"Y(rules:
  - id: correction
    severity: info
    for: ticker
    when: story.revision >= 1
    summary: "{key} correction {story.revision}"
)Y"));
    CHECK(e.rules()->max_window_ms() == 24 * kHour);
    std::vector<Fixture> feed;
    feed.reserve(4);
    feed.push_back(msg("m1", "s1", StoryAction::created, kT0, 0.1));
    feed.push_back(msg("m2", "s1", StoryAction::updated, kT0 + kMinute, 0.2));
    feed.push_back(msg("m3", "s1", StoryAction::updated, kT0 + 2 * kMinute, 0.3));
    Fixture plain;
    plain.id("p1").at(kT0 + 3 * kMinute).headline("Acme news").entity("Acme", "ACME", 0.1);
    feed.push_back(plain);  // no story: revision 0
    const std::string id = id_of("correction", "ACME", "s1");
    CHECK(run_all(e, feed) ==
          std::vector<std::string>{"correction " + id + " r0 ACME correction 1", "correction " + id + " r1 ACME correction 2"});
    LoadResult typo = load_rules_text("rules:\n  - id: x\n    severity: info\n    when: story.revison >= 1\n", "t.yaml");
    REQUIRE(!typo.ok());
    CHECK(typo.errors[0].hint.find("story.revision") != std::string::npos);
}
