// entity.relevance, novelty and duplicate_of in the rules language (issue 16 items 2 and 3), on
// analyses made by the real Analyzer: round-ups, syndicated copies, rebuilds, and `rules check`.
#include <doctest/doctest.h>

#include "herald/analysis/analyzer.hpp"
#include "test_support.hpp"

using namespace herald::rules;
using namespace herald::rules::test;

namespace {

Fixture analysed(std::string id, int64_t t, std::string headline, std::string summary = "") {
    static herald::analysis::Analyzer analyzer(herald::analysis::Resources::builtin());
    Fixture f;
    f.id(std::move(id)).at(t).headline(std::move(headline)).summary(std::move(summary));
    analyzer.analyze(f.event, f.analysis);
    return f;
}

std::vector<std::string> keys_of(const std::vector<Alert>& alerts) {
    std::vector<std::string> out;
    for (const auto& a : alerts) out.push_back(a.key);
    return out;
}

const char* kRoundUp =
    "Apple rose 1.2%. Microsoft gained 0.8%. Nvidia added 2.1%. Amazon climbed 1.5%. Meta rose 0.9%. "
    "Tesla slipped 1.1%. Alphabet edged up 0.3%. Intel rose 2.4%.";

// Three outlets with one Nike story, then another Nike story.
std::vector<Fixture> nike_feed() {
    std::vector<Fixture> v;
    v.reserve(4);  // a Fixture's views point into its own strings: no reallocation copies
    v.push_back(analysed("reuters-1", kT0, "Nike cuts full-year revenue outlook as China sales slump",
                         "Nike lowered its fiscal 2026 revenue forecast to a decline of 4% to 6%, citing weaker "
                         "demand in Greater China and higher tariffs."));
    v.push_back(analysed("bloomberg-7", kT0 + 20 * kMinute,
                         "Nike slashes annual sales forecast on China weakness, tariffs",
                         "Nike on Thursday lowered its fiscal 2026 revenue forecast, now expecting a decline of "
                         "4% to 6%, blaming weaker demand in Greater China and higher tariffs."));
    v.push_back(analysed("cnbc-3", kT0 + 40 * kMinute, "Nike lowers 2026 revenue forecast on China, tariffs",
                         "Nike lowered its fiscal 2026 revenue forecast to a decline of 4% to 6% on weaker "
                         "demand in Greater China and higher tariffs. (Reporting by Jane Doe)"));
    v.push_back(analysed("reuters-2", kT0 + 50 * kMinute, "Nike names new chief marketing officer",
                         "Nike appointed a former Reebok executive as chief marketing officer as the sportswear "
                         "maker revamps its advertising."));
    return v;
}

const char* kNoveltyRules = R"Y(rules:
  - id: first-report
    severity: info
    for: ticker
    when: novelty >= 80
    summary: "{key}: new story ({novelty})"
  - id: copies
    severity: info
    for: ticker
    when: novelty < 80
    summary: "{key}: copy of {duplicate_of}"
)Y";

}  // namespace

TEST_CASE("entity.relevance keeps a round-up's companies from firing") {
    Engine e(must_load(R"Y(rules:
  - id: moves
    severity: info
    for: ticker
    when: entity.relevance >= 70
    summary: "{key} ({entity.relevance})"
)Y"));
    CHECK(keys_of(run(e, analysed("r1", kT0, "Wall Street closes higher as tech rally broadens", kRoundUp))).empty());
    auto alerts = run(e, analysed("r2", kT0, "Intel names a new chief financial officer",
                                  "Intel said the search took six months. Intel shares were flat."));
    CHECK(keys_of(alerts) == std::vector<std::string>{"INTC"});
    CHECK(alerts[0].relevance >= 70);
    CHECK(alerts[0].novelty == -1);  // no rule reads novelty: not computed
}

TEST_CASE("novelty >= 80 fires on the first report only; duplicate_of names it") {
    Engine e(must_load(kNoveltyRules));
    std::vector<std::string> summaries;
    for (const Fixture& f : nike_feed())
        for (const Alert& a : run(e, f)) summaries.push_back(a.rule_id + " " + a.summary);
    CHECK(summaries == std::vector<std::string>{
                           "first-report NKE: new story (100)",
                           "copies NKE: copy of reuters-1",
                           "copies NKE: copy of reuters-1",
                           "first-report NKE: new story (100)",
                       });
}

TEST_CASE("alerts carry relevance, novelty and duplicate_of") {
    Engine e(must_load(kNoveltyRules));
    auto feed = nike_feed();
    run(e, feed[0]);
    auto alerts = run(e, feed[1]);
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0].novelty == 75);
    CHECK(alerts[0].duplicate_of == "reuters-1");
    CHECK(alerts[0].relevance >= 90);
    std::string json;
    append_alert_json(json, alerts[0], feed[1].ctx(), {}, kT0);
    CHECK(json.find("\"relevance\":") != std::string::npos);
    CHECK(json.find("\"novelty\":75,\"duplicate_of\":\"reuters-1\"") != std::string::npos);
}

TEST_CASE("a rebuild restores novelty: the live engine and a rebuilt one agree") {
    auto feed = nike_feed();
    Engine live(must_load(kNoveltyRules));
    std::vector<std::string> expected;
    for (const Fixture& f : feed)
        for (const Alert& a : run(live, f)) expected.push_back(a.alert_id + std::string(" ") + a.summary);
    // A new owner of the partition re-reads the first two events suppressed, then goes live.
    Engine rebuilt(must_load(kNoveltyRules));
    rebuilt.set_suppressed(true);
    CHECK(run(rebuilt, feed[0]).empty());
    CHECK(run(rebuilt, feed[1]).empty());
    rebuilt.set_suppressed(false);
    std::vector<std::string> got;
    for (size_t i = 2; i < feed.size(); ++i)
        for (const Alert& a : run(rebuilt, feed[i])) got.push_back(a.alert_id + std::string(" ") + a.summary);
    CHECK(got == std::vector<std::string>(expected.begin() + 2, expected.end()));
    CHECK(rebuilt.state_bytes() > 0);
}

TEST_CASE("novelty_horizon is read, bounds the state re-read, and is checked") {
    auto rs = must_load(std::string("novelty_horizon: 2h\n") + kNoveltyRules);
    CHECK(rs->max_window_ms() == 2 * kHour);
    Engine e(rs);
    auto feed = nike_feed();
    run(e, feed[0]);
    Fixture later = analysed("late-copy", kT0 + 3 * kHour, std::string(feed[1].event.headline),
                             std::string(feed[1].event.summary));
    auto alerts = run(e, later);
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0].rule_id == "first-report");  // past the horizon: news again
    CHECK(must_load(kNoveltyRules)->max_window_ms() == 24 * kHour);
    LoadResult bad = load_rules_text(std::string("novelty_horizon: soon\n") + kNoveltyRules, "r.yaml");
    REQUIRE(bad.errors.size() == 1);
    CHECK(bad.errors[0].message.find("novelty_horizon 'soon' must be a duration") != std::string::npos);
}

TEST_CASE("`rules check` knows the new fields and their types") {
    LoadResult r = load_rules_text("rules:\n  - id: r1\n    severity: info\n    when: novelty > \"x\"\n", "r.yaml");
    CHECK_FALSE(r.ok());
    r = load_rules_text("rules:\n  - id: r1\n    severity: info\n    when: entity.relevanse >= 70\n", "r.yaml");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].to_string().find("entity.relevance") != std::string::npos);
    CHECK(load_rules_text("rules:\n  - id: r1\n    severity: info\n    when: duplicate_of == \"\" and entity.relevance >= 50\n",
                          "r.yaml")
              .ok());
}
