// Loading and validation: every diagnostic names FILE:LINE:COL and carries a hint.
#include <doctest/doctest.h>

#include <fstream>

#include "test_support.hpp"

using namespace herald::rules;

namespace {

// The single error of loading `yaml`; fails the test when there is not exactly one.
Diagnostic only_error(std::string_view yaml) {
    LoadResult r = load_rules_text(yaml, "r.yaml");
    CHECK_FALSE(r.ok());
    CHECK(r.rules == nullptr);
    REQUIRE(r.errors.size() == 1);
    return r.errors[0];
}

std::string rule(std::string_view when, std::string_view extra = {}) {
    return "rules:\n  - id: r1\n    severity: info\n    when: " + std::string(when) + "\n" + std::string(extra);
}

}  // namespace

TEST_CASE("a valid file loads with ids, span and hash") {
    auto r = load_rules_text(R"(rules:
  - id: cloud-growth
    description: Cloud segment revenue growth of at least 25 %
    severity: warning
    for: entity
    when: metric("revenue", entity="AWS").change.percent >= 25%
    cooldown: 1h
    summary: "{entity} revenue growth {metric.change.percent}% >= 25%"
  - id: burst
    severity: critical
    for: ticker
    when: count(6h) >= 5 and avg(sentiment.score, 12h) < -0.4
    hold: 2
    resolved: true
)",
                             "ok.yaml");
    REQUIRE(r.ok());
    CHECK(r.rules->size() == 2);
    CHECK(r.rules->rule_id(0) == "cloud-growth");
    CHECK(r.rules->rule_ids() == std::vector<std::string>{"cloud-growth", "burst"});
    CHECK(r.rules->max_window_ms() == 12 * 3600 * 1000);
    auto again = load_rules_text(R"(rules: [])", "x");
    REQUIRE(again.ok());
    CHECK(again.rules->size() == 0);
    CHECK(again.rules->content_hash() != r.rules->content_hash());
}

TEST_CASE("diagnostic text format") {
    Diagnostic d{"f.yaml", 3, 9, "unknown field 'x'", "did you mean 'y'?"};
    CHECK(d.to_string() == "f.yaml:3:9: unknown field 'x' (hint: did you mean 'y'?)");
    Diagnostic whole{"f.yaml", 0, 0, "cannot open the rules file", ""};
    CHECK(whole.to_string() == "f.yaml: cannot open the rules file");
}

TEST_CASE("unknown rule field, with a suggestion") {
    Diagnostic d = only_error(rule("sentiment.score > 0", "    cooldwn: 1h\n"));
    CHECK(d.file == "r.yaml");
    CHECK(d.line == 5);
    CHECK(d.column == 5);
    CHECK(d.message == "unknown field 'cooldwn' in rule");
    CHECK(d.hint == "did you mean 'cooldown'?");
}

TEST_CASE("unknown expression field points at the field") {
    Diagnostic d = only_error(rule("ticker == \"AMZN\" and sentiment.scor > 0.5"));
    CHECK(d.line == 4);
    CHECK(d.column == 32);  // "    when: " is 10 columns, the field starts at offset 21
    CHECK(d.message == "unknown field 'sentiment.scor'");
    CHECK(d.hint == "did you mean 'sentiment.score'?");
}

TEST_CASE("unknown function") {
    Diagnostic d = only_error(rule("avrg(sentiment.score, 6h) < 0"));
    CHECK(d.line == 4);
    CHECK(d.column == 11);
    CHECK(d.message == "unknown function 'avrg'");
    CHECK(d.hint == "did you mean 'avg'?");
}

TEST_CASE("type mismatch: number against string") {
    Diagnostic d = only_error(rule("sentiment.score > \"high\""));
    CHECK(d.line == 4);
    CHECK(d.column == 27);
    CHECK(d.message == "type mismatch: cannot compare a number with a string");
}

TEST_CASE("type mismatch: ordering strings, when not boolean") {
    CHECK(only_error(rule("ticker < \"B\"")).message == "'<' needs numbers, got strings");
    Diagnostic d = only_error(rule("sentiment.score"));
    CHECK(d.message == "'when' needs a condition (true/false), got a number");
    CHECK(only_error(rule("ticker in [1, 2]")).message == "type mismatch: 'in' needs a list of strings");
}

TEST_CASE("bad durations and units") {
    Diagnostic d = only_error(rule("count(6x) > 2"));
    CHECK(d.column == 17);
    CHECK(d.message == "bad duration '6x'");
    d = only_error(rule("count(6) > 2"));
    CHECK(d.message == "bad duration '6'");
    d = only_error(rule("metric(\"revenue\").value > 300Q"));
    CHECK(d.column == 37);
    CHECK(d.message == "bad number '300Q': unknown unit 'Q'");
    d = only_error(rule("metric(\"revenue\").value > 3m"));
    CHECK(d.message.find("ambiguous") != std::string::npos);
    d = only_error(rule("sentiment.score > 0", "    cooldown: 1 hour\n"));
    CHECK(d.line == 5);
    CHECK(d.column == 15);
    CHECK(d.message == "bad duration '1 hour' for cooldown");
    d = only_error(rule("sentiment.score > 0", "    hold: soon\n"));
    CHECK(d.message == "bad hold 'soon'");
}

TEST_CASE("duplicate id names the first definition") {
    LoadResult r = load_rules_text(
        "rules:\n  - id: a\n    severity: info\n    when: sentiment.score > 0\n"
        "  - id: a\n    severity: info\n    when: sentiment.score < 0\n",
        "d.yaml");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].line == 5);
    CHECK(r.errors[0].column == 9);
    CHECK(r.errors[0].message == "duplicate rule id 'a'");
    CHECK(r.errors[0].hint == "first defined at line 2:9; ids must be unique");
}

TEST_CASE("durations past the documented maximum (3650d) are rejected with a clear error") {
    Diagnostic d = only_error(rule("count(15250284452w) >= 1"));
    CHECK(d.message == "window duration '15250284452w' is longer than the maximum, 3650d");
    d = only_error(rule("count(sentiment.score > 0, 3651d) >= 1"));
    CHECK(d.message == "window duration '3651d' is longer than the maximum, 3650d");
    d = only_error(rule("sentiment.score > 0", "    cooldown: 9223372036854775807ms\n"));
    CHECK(d.message == "cooldown '9223372036854775807ms' is longer than the maximum, 3650d");
    d = only_error(rule("sentiment.score > 0", "    hold: 99999999999999999999d\n"));
    CHECK(d.message == "hold '99999999999999999999d' is longer than the maximum, 3650d");
    LoadResult ok = load_rules_text(rule("count(3650d) >= 1", "    cooldown: 3650d\n"), "r.yaml");
    REQUIRE(ok.ok());
    CHECK(ok.rules->max_window_ms() == 3650LL * 86'400'000);
}

namespace {
std::string many_rules(size_t n, bool same_id) {
    std::string y = "rules:\n";
    for (size_t i = 0; i < n; ++i)
        y += "  - id: r" + (same_id ? std::string() : std::to_string(i)) +
             "\n    severity: info\n    when: sentiment.score > 0\n";
    return y;
}
}  // namespace

TEST_CASE("thousands of rules sharing one id: linear, capped diagnostics") {
    // Before: every pair was reported, n(n-1)/2 lines (8 M for 4,000 rules).
    LoadResult r = load_rules_text(many_rules(4000, true), "dup.yaml");
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.errors.size() == 51);  // 50 kept, then one summary line
    CHECK(r.errors[0].message == "duplicate rule id 'r'");
    CHECK(r.errors[0].hint == "first defined at line 2:9; ids must be unique");
    CHECK(r.errors[49].hint == "first defined at line 2:9; ids must be unique");
    CHECK(r.errors[50].line == 2 + 3 * 51);  // where the first one not listed is
    CHECK(r.errors[50].column == 9);
    CHECK(r.errors[50].message == "... and 3949 more error(s), the next one here");
}

TEST_CASE("a list of 20,000 YAML aliases of one rule: capped at 10,000 rules, capped diagnostics") {
    std::string y = "base: &r {id: same, severity: info, when: sentiment.score > 0}\nrules:\n";
    for (int i = 0; i < 20000; ++i) y += "  - *r\n";
    LoadResult r = load_rules_text(y, "alias.yaml");
    REQUIRE_FALSE(r.ok());
    CHECK(r.errors.size() == 51);
    CHECK(r.errors.back().message.rfind("... and ", 0) == 0);
}

TEST_CASE("limits: rules per file, file size, expression size") {
    LoadResult r = load_rules_text(many_rules(kMaxRules + 1, false), "big.yaml");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message == "more than 10000 rules in one file");
    CHECK(r.errors[0].line == 2 + 3 * static_cast<int>(kMaxRules));
    CHECK(load_rules_text(many_rules(kMaxRules, false), "max.yaml").ok());

    std::string huge = "rules: []\n# " + std::string(kMaxRulesFileBytes, 'x') + "\n";
    r = load_rules_text(huge, "huge.yaml");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message.find("more than the maximum 4194304") != std::string::npos);
    std::string path = std::string(HERALD_BINARY_DIR) + "/huge_rules.yaml";
    {
        std::ofstream(path) << huge;
    }
    r = load_rules_file(path);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message == "the rules file is larger than the maximum 4194304 bytes");

    std::string when = "ticker in [";
    while (when.size() <= kMaxExpressionBytes) when += "\"AAAAAAAA\", ";
    when += "\"B\"]";
    Diagnostic d = only_error(rule(when));
    CHECK(d.message.find("'when' is ") == 0);
    CHECK(d.message.find("more than the maximum 65536") != std::string::npos);
}

TEST_CASE("limits on structure, checked before parsing: lines and flow characters") {
    // Under 4 MiB, yet yaml-cpp took 330-570 MB and 2-3 s to refuse each of these.
    std::string lines = "rules:\n";
    for (size_t i = 0; i < kMaxRulesFileLines; ++i) lines += "  - {}\n";
    LoadResult r = load_rules_text(lines, "lines.yaml");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message == "the rules file has 150002 lines, more than the maximum 150000");
    r = load_rules_text("rules: " + std::string(2'000'000, '[') + std::string(2'000'000, ']') + "\n", "deep.yaml");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message.find("of the characters [ { and , more than the maximum 200000") != std::string::npos);
    // A realistic large file stays well inside: 10,000 rules with a 200-ticker list each.
    std::string list = "ticker in [";
    for (int i = 0; i < 10; ++i) list += "\"T" + std::to_string(i) + "\", ";
    list += "\"Z\"]";
    std::string big = "rules:\n";
    for (size_t i = 0; i < kMaxRules; ++i)
        big += "  - id: r" + std::to_string(i) + "\n    description: a rule, with commas, in prose\n"
               "    severity: info\n    for: ticker\n    when: " + list + "\n    cooldown: 1h\n";
    r = load_rules_text(big, "big.yaml");
    for (const auto& d : r.errors) MESSAGE(d.to_string());
    CHECK(r.ok());
}

TEST_CASE("a diagnostic quoting a megabyte of user text stays short") {
    std::string key(1 << 20, 'k');
    Diagnostic d = only_error(rule("sentiment.score > 0", "    " + key + ": 1\n"));
    CHECK(d.to_string().size() < 1200);
    CHECK(d.hint.empty() == false);
}

TEST_CASE("missing fields, bad severity, bad for, bad metric kind, labels") {
    LoadResult r = load_rules_text("rules:\n  - id: a\n    description: nothing else\n", "m.yaml");
    REQUIRE(r.errors.size() == 2);
    CHECK(r.errors[0].message == "rule 'a' has no 'severity'");
    CHECK(r.errors[1].message == "rule 'a' has no 'when' condition");
    CHECK(r.errors[0].line == 2);
    CHECK(only_error("rules:\n  - id: a\n    severity: high\n    when: true\n").message == "unknown severity 'high'");
    CHECK(only_error(rule("true", "    for: sector\n")).message == "unknown 'for' value 'sector'");
    Diagnostic d = only_error(rule("metric(\"revnue\").value > 1B"));
    CHECK(d.message == "unknown metric kind \"revnue\"");
    CHECK(d.hint == "did you mean \"revenue\"?");
    CHECK(d.column == 18);
    d = only_error(rule("sentiment.label == \"very bad\""));
    CHECK(d.message == "\"very bad\" is not a sentiment label");
    // The labels are the analysis's own names (analysis::label_name), every one of them.
    CHECK(d.hint == "use one of: strongly negative, moderately negative, mildly negative, neutral, mildly positive, "
                    "moderately positive, strongly positive");
    for (int l = 0; l <= int(herald::analysis::Label::strongly_positive); ++l) {
        const std::string name(herald::analysis::label_name(static_cast<herald::analysis::Label>(l)));
        CAPTURE(name);
        CHECK(load_rules_text(rule("entity.sentiment.label == \"" + name + "\""), "l.yaml").ok());
    }
    CHECK(only_error(rule("metric(\"revenue\").change.pct > 1")).message == "unknown metric field 'change.pct'");
    CHECK(only_error(rule("metric(\"revenue\", sector=\"AWS\")")).message == "unknown argument 'sector' of metric(...)");
}

TEST_CASE("syntax errors") {
    CHECK(only_error(rule("sentiment.score > 0 &&  ticker == \"A\"")).hint == "write `and`");
    CHECK(only_error(rule("(sentiment.score > 0")).message == "expected ')' to close '(', found 'end of expression'");
    CHECK(only_error(rule("sentiment.score > 0 ticker")).message ==
          "unexpected 'ticker' after the end of the expression");
    CHECK(only_error(rule("metric(\"revenue\").value > metric(\"capex\").value")).message ==
          "one comparison can read only one metric(...)");
    CHECK(only_error(rule("avg(metric(\"revenue\").value, 6h) > 1")).message ==
          "avg(...) cannot aggregate metric(...) fields");
}

TEST_CASE("a missing or misspelt comparison is named where it is, also after 'and'") {
    // `=` for `==`: at the top and after `and`.
    Diagnostic d = only_error(rule("ticker = \"AMZN\""));
    CHECK(d.message == "'=' is not a comparison");
    CHECK(d.hint == "write `==` to compare, e.g. `ticker == \"AMZN\"`");
    CHECK(d.column == 18);
    d = only_error(rule("sentiment.score >= 0.5 and ticker = \"AMZN\""));
    CHECK(d.message == "'=' is not a comparison");
    CHECK(d.column == 45);
    // A typo in the operator after `and`: the token that does not fit, not "'and' needs a condition".
    d = only_error(rule("sentiment.score >= 0.5 and ticker is \"AMZN\""));
    CHECK(d.message == "expected a comparison after 'ticker', found 'is'");
    CHECK(d.column == 45);
    d = only_error(rule("sentiment.score >= 0.5 and ticker \"AMZN\""));
    CHECK(d.message == "expected a comparison after 'ticker', found '\"AMZN\"'");
    d = only_error(rule("sentiment.score >= 0.5 and metric(\"revenue\").change.percent 25%"));
    CHECK(d.message == "expected a comparison after 'metric(\"revenue\").change.percent', found '25%'");
    // A value alone still says what it needs.
    d = only_error(rule("sentiment.score >= 0.5 and ticker"));
    CHECK(d.message == "'and' needs a condition (true/false), got a string");
    CHECK(d.hint == "compare it, e.g. `ticker == \"AMZN\"`");
    // `=` after a whole comparison.
    CHECK(only_error(rule("ticker == \"A\" = 1")).hint == "write `==` to compare");
}

TEST_CASE("YAML syntax error and structure errors") {
    Diagnostic d = only_error("rules:\n  - id: [a, b\n");
    CHECK(d.message.rfind("YAML syntax error", 0) == 0);
    CHECK(d.line >= 2);
    CHECK(only_error("rule:\n  - id: a\n").message == "a rules file must be a mapping with a 'rules:' list");
    CHECK(only_error("rules: 3\n").message == "'rules' must be a list of rules");
}

TEST_CASE("group_alerts: a boolean at the top of the file") {
    const char* body = "rules:\n  - id: a\n    severity: info\n    when: true\n";
    auto grouped = load_rules_text(std::string("group_alerts: true\n") + body, "g.yaml");
    REQUIRE(grouped.ok());
    CHECK(grouped.rules->group_alerts());
    auto plain = load_rules_text(body, "p.yaml");
    REQUIRE(plain.ok());
    CHECK_FALSE(plain.rules->group_alerts());
    Diagnostic d = only_error(std::string("group_alerts: sometimes\n") + body);
    CHECK(d.line == 1);
    CHECK(d.column == 15);
    CHECK(d.message == "'group_alerts' must be true or false");
    CHECK(only_error(std::string("grouping: true\n") + body).message == "unknown top-level field 'grouping'");
}

TEST_CASE("summary placeholders are checked") {
    Diagnostic d = only_error(rule("true", "    summary: \"{metric.valu} up\"\n"));
    CHECK(d.line == 5);
    CHECK(d.column == 16);
    CHECK(d.message == "unknown placeholder '{metric.valu}'");
    CHECK(d.hint == "did you mean '{metric.value}'?");
    CHECK(only_error(rule("true", "    summary: \"oops {key\"\n")).message == "unclosed '{' in summary");
    CHECK(only_error(rule("true", "    summary: \"{sentimnt.score}\"\n")).message == "unknown field 'sentimnt.score'");
}

TEST_CASE("errors inside block scalars point at the right line") {
    Diagnostic d = only_error(
        "rules:\n  - id: a\n    severity: info\n    when: >\n      sentiment.score < -0.4\n      and tickr == \"X\"\n");
    CHECK(d.line == 6);
    CHECK(d.column == 11);
    CHECK(d.message == "unknown field 'tickr'");
}

TEST_CASE("several errors are all reported") {
    LoadResult r = load_rules_text(
        "rules:\n  - id: a\n    severity: info\n    when: sentiment.scor > 0\n"
        "  - id: b\n    severity: loud\n    when: count(5) > 1\n",
        "many.yaml");
    CHECK(r.errors.size() == 3);
}

TEST_CASE("errors come in the file's order, whatever check found them") {
    // The top-level keys are checked before the rules, and a rule's missing fields after its
    // expressions: the report is still sorted by line and column.
    LoadResult r = load_rules_text(
        "rules:\n  - id: a\n    when: sentiment.scor > 0\n"
        "  - id: b\n    severity: loud\n    when: true\n"
        "group_alerts: maybe\n",
        "order.yaml");
    REQUIRE(r.errors.size() == 4);
    CHECK(r.errors[0].message == "rule 'a' has no 'severity'");
    CHECK(r.errors[1].message == "unknown field 'sentiment.scor'");
    CHECK(r.errors[2].message == "unknown severity 'loud'");
    CHECK(r.errors[3].message == "'group_alerts' must be true or false");
    for (size_t i = 1; i < r.errors.size(); ++i) {
        CHECK(r.errors[i - 1].line <= r.errors[i].line);
        if (r.errors[i - 1].line == r.errors[i].line) CHECK(r.errors[i - 1].column <= r.errors[i].column);
    }
}

TEST_CASE("missing file") {
    LoadResult r = load_rules_file("/nonexistent/rules.yaml");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].to_string() == "/nonexistent/rules.yaml: cannot open the rules file (hint: check the path and its permissions)");
}

TEST_CASE("every rule example in docs/rules.md loads") {
    std::ifstream in(HERALD_SOURCE_DIR "/docs/rules.md");
    REQUIRE(in.good());
    std::string line, yaml = "rules:\n";
    bool in_block = false, is_rule = false;
    std::string block;
    int examples = 0;
    while (std::getline(in, line)) {
        if (line.rfind("```", 0) == 0) {
            if (in_block && is_rule) {
                yaml += block;
                ++examples;
            }
            in_block = !in_block && line == "```yaml";
            block.clear();
            is_rule = false;
            continue;
        }
        if (!in_block) continue;
        if (line == "rules:") continue;
        if (line.rfind("  - id:", 0) == 0) is_rule = true;
        block += line + "\n";
    }
    CHECK(examples >= 10);
    LoadResult r = load_rules_text(yaml, "docs/rules.md");
    for (const auto& d : r.errors) MESSAGE(d.to_string());
    CHECK(r.ok());
}
