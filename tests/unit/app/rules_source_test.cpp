// RulesSource: start-up loading, `rules check`, and the watch (mtime or SIGHUP) with one error
// style, on a fake file: a text and a stamp the test sets.
#include <doctest/doctest.h>

#include <cstdint>
#include <new>
#include <string>
#include <vector>

#include "herald/app/options.hpp"
#include "herald/app/rules_source.hpp"

using namespace herald;
using namespace herald::app;

namespace {

const char* kTwoRules =
    "rules:\n"
    "  - id: up\n    severity: info\n    when: sentiment.score > 0.5\n"
    "  - id: down\n    severity: warning\n    when: sentiment.score < -0.5\n";
const char* kBroken =
    "rules:\n"
    "  - id: up\n    severity: info\n    when: sentiment.scor > 0.5\n"
    "  - id: down\n    severity: loud\n    when: sentiment.score < -0.5\n";

struct FakeFile {
    std::string text = kTwoRules;
    int64_t stamp = 100;
    int loads = 0;
    bool throw_on_load = false;
    std::vector<std::string> lines;  // what the source reported

    RulesSource source() {
        RulesFile file{[this](const std::string& path) {
                           ++loads;
                           if (throw_on_load) throw std::bad_alloc();
                           return rules::load_rules_text(text, path);
                       },
                       [this](const std::string&) { return stamp; }};
        return RulesSource("rules.yaml", file, [this](const std::string& l) { lines.push_back(l); });
    }
};

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

TEST_CASE("start-up: the rules, or every diagnostic then one UsageError line with the count and the first") {
    FakeFile f;
    RulesSource good = f.source();
    REQUIRE(good.load_or_throw("herald run"));
    CHECK(good.current()->size() == 2);
    CHECK(f.lines.empty());

    f.text = kBroken;
    RulesSource bad = f.source();
    std::string what;
    try {
        bad.load_or_throw("herald run");
    } catch (const UsageError& e) {
        what = e.what();
    }
    REQUIRE(f.lines.size() == 2);
    CHECK(starts_with(f.lines[0], "rules.yaml:4:11: unknown field 'sentiment.scor'"));
    CHECK(starts_with(f.lines[1], "rules.yaml:6:15: "));
    CHECK(what == "herald run: rules.yaml: 2 error(s) in the rules, first: " + f.lines[0] +
                      "; fix them and retry (herald rules check rules.yaml)");
    CHECK_FALSE(bad.current());
}

TEST_CASE("rules check: every diagnostic, no summary line") {
    FakeFile f;
    f.text = kBroken;
    RulesSource s = f.source();
    CHECK_FALSE(s.check());
    CHECK(f.lines.size() == 2);
    f.text = kTwoRules;
    CHECK(s.check()->size() == 2);
}

TEST_CASE("watch: nothing until the stamp moves or a reload is asked for") {
    FakeFile f;
    RulesSource s = f.source();
    s.load_or_throw("herald run");
    const auto first = s.current();
    CHECK(s.poll(false) == RulesSource::Change::none);
    CHECK(f.loads == 1);
    f.stamp = -1;  // the file is gone for a moment (an editor replacing it): not a change
    CHECK(s.poll(false) == RulesSource::Change::none);
    f.stamp = 200;
    CHECK(s.poll(false) == RulesSource::Change::ok);
    CHECK(s.current() != first);
    CHECK(f.lines.back() == "herald: reloaded 2 rules from rules.yaml");
    CHECK(s.poll(false) == RulesSource::Change::none);
    CHECK(s.poll(true) == RulesSource::Change::ok);  // SIGHUP, same stamp
    CHECK(f.loads == 3);
}

TEST_CASE("a bad reload keeps the rules in force and reports in the start-up style") {
    FakeFile f;
    RulesSource s = f.source();
    s.load_or_throw("herald run");
    const auto in_force = s.current();
    f.text = kBroken;
    f.stamp = 200;
    CHECK(s.poll(false) == RulesSource::Change::error);
    CHECK(s.current() == in_force);
    REQUIRE(f.lines.size() == 3);
    CHECK(f.lines[2] == "herald: keeping the previous rules: rules.yaml: 2 error(s) in the rules, first: " +
                            f.lines[0] + "; fix them and save the file again (herald rules check rules.yaml)");
    // Not tried again until the file changes once more.
    CHECK(s.poll(false) == RulesSource::Change::none);
}

TEST_CASE("an empty rules file is applied with a warning; a throwing load is an error, never an exception") {
    FakeFile f;
    RulesSource s = f.source();
    s.load_or_throw("herald run");
    f.text = "rules: []\n";
    CHECK(s.poll(true) == RulesSource::Change::empty);
    CHECK(s.current()->size() == 0);
    CHECK(f.lines.back() == "herald: warning: reloaded rules.yaml with no rules: no alert will be raised until rules "
                            "are added");
    const auto in_force = s.current();
    f.throw_on_load = true;
    CHECK(s.poll(true) == RulesSource::Change::error);
    CHECK(s.current() == in_force);
    CHECK(starts_with(f.lines.back(), "herald: keeping the previous rules: loading rules.yaml failed: "));
}

TEST_CASE("a source first loaded by a poll (the shadow rules) reports a bad file without stopping") {
    FakeFile f;
    f.text = kBroken;
    std::vector<std::string> lines;
    RulesSource s("shadow.yaml", {[&f](const std::string& path) { return rules::load_rules_text(f.text, path); },
                                  [&f](const std::string&) { return f.stamp; }},
                  [&](const std::string& l) { lines.push_back(l); }, "shadow rules");
    CHECK(s.poll(true) == RulesSource::Change::error);
    CHECK_FALSE(s.current());
    CHECK(starts_with(lines.back(), "herald: no shadow rules until the file is fixed: shadow.yaml: 2 error(s) in the "
                                    "rules, first: shadow.yaml:4:11: "));
    f.text = kTwoRules;
    f.stamp = 200;
    CHECK(s.poll(false) == RulesSource::Change::ok);
    CHECK(lines.back() == "herald: reloaded 2 shadow rules from shadow.yaml");
    f.text = kBroken;
    CHECK(s.poll(true) == RulesSource::Change::error);
    CHECK(starts_with(lines.back(), "herald: keeping the previous shadow rules: shadow.yaml: "));
}

TEST_CASE("built-in rules load under their name and are never watched") {
    std::vector<std::string> lines;
    RulesSource s = RulesSource::built_in("demo.yaml", kTwoRules, [&](const std::string& l) { lines.push_back(l); });
    REQUIRE(s.load_or_throw("herald demo"));
    CHECK_FALSE(s.watched());
    CHECK(s.poll(true) == RulesSource::Change::none);
    CHECK(lines.empty());
    RulesSource bad = RulesSource::built_in("demo.yaml", kBroken, [&](const std::string& l) { lines.push_back(l); });
    CHECK_THROWS_AS(bad.load_or_throw("herald demo"), UsageError);
    CHECK(starts_with(lines.at(0), "demo.yaml:4:11: "));
}
