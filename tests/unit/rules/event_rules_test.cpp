// event("TYPE") and event("TYPE").FIELD in the rules language (issue 16 item 5), on analyses made
// by the real Analyzer, and `rules check` errors for type and field names.
#include <doctest/doctest.h>

#include "herald/analysis/analyzer.hpp"
#include "test_support.hpp"

using namespace herald::rules;
using namespace herald::rules::test;

namespace {

// An analysed event: the Analyzer fills entities and event types from the text.
Fixture analysed(std::string id, std::string headline, std::string summary = "") {
    static herald::analysis::Analyzer analyzer(herald::analysis::Resources::builtin());
    Fixture f;
    f.id(std::move(id)).at(kT0).headline(std::move(headline)).summary(std::move(summary));
    analyzer.analyze(f.event, f.analysis);
    return f;
}

Diagnostic only_error(std::string_view when) {
    LoadResult r = load_rules_text("rules:\n  - id: r1\n    severity: info\n    when: " + std::string(when) + "\n", "r.yaml");
    REQUIRE(r.errors.size() == 1);
    return r.errors[0];
}

std::vector<std::string> keys_of(const std::vector<Alert>& alerts) {
    std::vector<std::string> out;
    for (const auto& a : alerts) out.push_back(a.key);
    return out;
}

}  // namespace

TEST_CASE("event(TYPE) is true for the key's company only") {
    Engine e(must_load(R"Y(rules:
  - id: downgrade
    severity: warning
    for: entity
    when: event("rating_downgrade")
    summary: "{entity.name} downgraded: {event(\"rating_downgrade\").text}"
)Y"));
    Fixture f = analysed("e1", "Goldman Sachs downgrades Nike to Neutral on China risks");
    auto alerts = run(e, f);
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0].key == "Nike");
    CHECK(alerts[0].summary == "Nike downgraded: downgrades Nike");
    REQUIRE(alerts[0].evidence.size() == 1);  // the sentence with the event
    CHECK(keys_of(run(e, analysed("e2", "Goldman Sachs raises Nike to Buy"))).empty());
}

TEST_CASE("event(TYPE).figure, .detail and .role compare and print") {
    Engine e(must_load(R"Y(rules:
  - id: big-layoffs
    severity: info
    for: ticker
    when: event("layoffs").figure >= 10k
    summary: "{key} cuts {event(\"layoffs\").figure} jobs"
  - id: credit
    severity: warning
    for: ticker
    when: event("rating_downgrade").detail == "credit"
  - id: target
    severity: info
    for: ticker
    when: event("merger_acquisition").role == "target"
)Y"));
    auto big = run(e, analysed("l1", "Intel to lay off 15,000 workers"));
    REQUIRE(big.size() == 1);
    CHECK(big[0].summary == "INTC cuts 15000 jobs");
    CHECK(run(e, analysed("l2", "Apple to cut 600 jobs")).empty());  // figure below 10k
    CHECK(run(e, analysed("l3", "Nike announces job cuts")).empty());  // no figure: the comparison is false
    auto credit = run(e, analysed("c1", "Moody's downgrades Intel to Baa1 on weak cash flow"));
    REQUIRE(credit.size() == 1);
    CHECK(credit[0].rule_id == "credit");
    CHECK(credit[0].key == "INTC");
    CHECK(run(e, analysed("c2", "Goldman Sachs downgrades Nike to Neutral")).empty());  // an analyst's
    auto target = run(e, analysed("m1", "Alphabet to acquire Salesforce for $200 billion"));
    REQUIRE(target.size() == 1);
    CHECK(target[0].key == "CRM");
}

TEST_CASE("not event(...) and windows over event types") {
    Engine e(must_load(R"Y(rules:
  - id: second-downgrade
    severity: critical
    for: ticker
    when: event("rating_downgrade") and count(event("rating_downgrade"), 7d) >= 2
  - id: quiet
    severity: info
    for: ticker
    when: not event("layoffs")
)Y"));
    auto first = run(e, analysed("d1", "Tesla downgraded to Underweight at Redwood Securities"));
    REQUIRE(first.size() == 1);
    CHECK(first[0].rule_id == "quiet");
    Fixture second = analysed("d2", "Fitch cuts Tesla to junk");
    second.at(kT0 + kHour);
    auto alerts = run(e, second);
    REQUIRE(alerts.size() == 2);
    CHECK(alerts[0].rule_id == "second-downgrade");
}

TEST_CASE("rules check: unknown event types and fields, with suggestions from the table") {
    Diagnostic d = only_error("event(\"guidance_cuts\")");
    CHECK(d.line == 4);
    CHECK(d.column == 17);
    CHECK(d.message == "unknown event type \"guidance_cuts\"");
    CHECK(d.hint == "did you mean \"guidance_cut\"?");
    Diagnostic far = only_error("event(\"weather\")");
    CHECK(far.message == "unknown event type \"weather\"");
    CHECK(far.hint.rfind("known types: earnings_beat, earnings_miss, guidance_raise", 0) == 0);
    Diagnostic field = only_error("event(\"layoffs\").figur > 100");
    CHECK(field.message == "unknown event field 'figur'");
    CHECK(field.hint == "did you mean 'figure'?");
    CHECK(only_error("event(layoffs)").message == "event(...) needs an event type as a quoted string");
    Diagnostic role = only_error("event(\"merger_acquisition\").role == \"buyer\"");
    CHECK(role.message == "\"buyer\" is not a role");
    CHECK(role.hint == "use one of: acquirer, target");
    CHECK(only_error("event(\"layoffs\").figure == \"many\"").message ==
          "type mismatch: cannot compare a number with a string");
}
