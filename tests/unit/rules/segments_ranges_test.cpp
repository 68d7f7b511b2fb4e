// Rules over segment figures and ranges: metric(..., segment=, total=), .segment, .low, .high,
// .change.percent_high, and their load errors.
#include <doctest/doctest.h>

#include "test_support.hpp"

using namespace herald::rules;
using namespace herald::rules::test;
using herald::analysis::MetricKind;

namespace {

// Amazon's total revenue (+13 %) and AWS's (+28 %), as the analysis reports them.
Fixture amazon_event(std::string id, int64_t t) {
    Fixture f;
    f.id(std::move(id)).at(t).summary("Amazon revenue was $181.5B, up 13%, and AWS revenue was $37.6B, up 28%.");
    f.sentiment(0.5).entity("Amazon", "AMZN", 0.5, 3).ticker("AMZN");
    f.metric(MetricKind::revenue, "Amazon", "AMZN", 181.5e9, "$181.5B", 13, true);
    f.metric(MetricKind::revenue, "Amazon", "AMZN", 37.6e9, "$37.6B", 28, true);
    f.analysis.metrics[1].segment = "AWS";
    return f;
}

Diagnostic only_error(std::string_view when) {
    LoadResult r = load_rules_text("rules:\n  - id: r1\n    severity: info\n    when: " + std::string(when) + "\n", "r.yaml");
    CHECK_FALSE(r.ok());
    REQUIRE(r.errors.size() == 1);
    return r.errors[0];
}

std::vector<Alert> fire(std::string_view when, const Fixture& f, std::string_view summary = "{metric.value}") {
    Engine e(must_load("rules:\n  - id: r\n    severity: info\n    when: " + std::string(when) + "\n    summary: \"" +
                       std::string(summary) + "\"\n"));
    return run(e, f);
}

}  // namespace

TEST_CASE("a placeholder with nothing to say leaves no double or trailing space") {
    Fixture f = amazon_event("e1", kT0);
    f.analysis.metrics[0].change.basis = herald::analysis::Basis::none;  // "up 13%" against what: not stated
    auto a = fire("metric(\"revenue\", total=true).change.percent >= 10%", f,
                  "{metric.business} revenue up {metric.change.percent}% {metric.basis} ({metric.entity})");
    REQUIRE(a.size() == 1);
    CHECK(a[0].summary == "Amazon revenue up 13% (Amazon)");
    a = fire("metric(\"revenue\", total=true).change.percent >= 10%", f, "{metric.value} {metric.basis}");
    REQUIRE(a.size() == 1);
    CHECK(a[0].summary == "181.5B");
    // A company total's segment prints nothing, and the space after it goes too; a placeholder
    // that says something keeps its spaces.
    a = fire("metric(\"revenue\", total=true).change.percent >= 10%", f, "{metric.entity} {metric.segment} revenue");
    REQUIRE(a.size() == 1);
    CHECK(a[0].summary == "Amazon revenue");
    a = fire("metric(\"revenue\", total=true).change.percent >= 10%", f, "{metric.value} {metric.change.percent_high} x");
    REQUIRE(a.size() == 1);
    CHECK(a[0].summary == "181.5B 13 x");
}

TEST_CASE("a figure restated with more detail is described with it (headline, then summary)") {
    // "NVIDIA Q3 revenue jumps 53% to $64.2 billion" then "revenue of $64.2 billion, up 53% year
    // over year": the headline's mention has no basis nor period, the summary's has both.
    Fixture f;
    f.id("e1").at(kT0).summary("revenue jumps 53% to $64.2 billion; revenue of $64.2 billion, up 53% year over year");
    f.sentiment(0.5).entity("Nvidia", "NVDA", 0.5, 2).ticker("NVDA");
    f.metric(MetricKind::revenue, "Nvidia", "NVDA", 64.2e9, "$64.2 billion", 53, true);
    f.metric(MetricKind::revenue, "Nvidia", "NVDA", 64.2e9, "", 53, true);
    f.analysis.metrics[0].change.basis = herald::analysis::Basis::none;
    f.analysis.metrics[1].period.set("Q3 2027");
    const char* when = "metric(\"revenue\", total=true).change.percent >= 50%";
    auto a = fire(when, f, "up {metric.change.percent}% {metric.basis} {metric.period}");
    REQUIRE(a.size() == 1);
    CHECK(a[0].summary == "up 53% yoy Q3 2027");
    // Negative: another figure (another value) or a contradicting detail is not a restatement.
    Fixture g = f;
    g.analysis.metrics[1].value = 61.2e9;
    a = fire(when, g, "up {metric.change.percent}% {metric.basis}");
    REQUIRE(a.size() == 1);
    CHECK(a[0].summary == "up 53%");
    Fixture h = f;
    h.analysis.metrics[0].period.set("Q2 2027");
    a = fire(when, h, "{metric.period} {metric.basis}");
    REQUIRE(a.size() == 1);
    CHECK(a[0].summary == "Q2 2027");
}

TEST_CASE("total=true reads company totals only, total=false segment figures only") {
    Fixture f = amazon_event("e1", kT0);
    // Without a filter the segment's 28 % fires a 20 % threshold.
    CHECK(fire("metric(\"revenue\").change.percent >= 20%", f).size() == 1);
    CHECK(fire("metric(\"revenue\", total=true).change.percent >= 20%", f).empty());
    auto a = fire("metric(\"revenue\", total=true).change.percent >= 10%", f, "{metric.value} {metric.segment}");
    REQUIRE(a.size() == 1);
    CHECK(a[0].summary == "181.5B");
    CHECK(a[0].metric_indices == std::vector<uint32_t>{0});
    a = fire("metric(\"revenue\", total=false).change.percent >= 10%", f, "{metric.segment} of {metric.entity}");
    REQUIRE(a.size() == 1);
    CHECK(a[0].summary == "AWS of Amazon");
    // .business: the segment when there is one, else the company.
    a = fire("metric(\"revenue\").change.percent >= 10%", f, "{metric.business} revenue");
    REQUIRE(a.size() == 1);
    CHECK(a[0].summary == "Amazon revenue");  // the first matched metric: the total
    CHECK(fire("metric(\"revenue\").business == \"AWS\" and metric(\"revenue\").value > 30B", f).size() == 1);
    CHECK(fire("metric(\"revenue\").business == \"Amazon\" and metric(\"revenue\").value < 30B", f).empty());
    a = fire("metric(\"revenue\", segment=\"AWS\").value > 0", f, "{metric.business} revenue");
    REQUIRE(a.size() == 1);
    CHECK(a[0].summary == "AWS revenue");
}

TEST_CASE("segment= and .segment select a business; entity= still names a segment too") {
    Fixture f = amazon_event("e1", kT0);
    auto a = fire("metric(\"revenue\", segment=\"aws\").value >= 30B", f);
    REQUIRE(a.size() == 1);
    CHECK(a[0].metric_indices == std::vector<uint32_t>{1});
    CHECK(fire("metric(\"revenue\", segment=\"Azure\").value >= 1", f).empty());
    a = fire("metric(\"revenue\").segment == \"AWS\" and metric(\"revenue\").change.percent > 25%", f);
    REQUIRE(a.size() == 1);
    CHECK(a[0].metric_indices == std::vector<uint32_t>{1});
    // A company total has no segment: comparing it is false, even with !=.
    a = fire("metric(\"revenue\", total=true).segment != \"AWS\"", f);
    CHECK(a.empty());
    // Rules written when a segment's figures carried its name as the entity keep working.
    a = fire("metric(\"revenue\", entity=\"AWS\").change.percent >= 25%", f);
    REQUIRE(a.size() == 1);
    CHECK(a[0].metric_indices == std::vector<uint32_t>{1});
    CHECK(fire("metric(\"revenue\", entity=\"Amazon\").value > 0", f).size() == 1);
}

TEST_CASE("for: entity keys a segment's figure to its company") {
    Fixture f = amazon_event("e1", kT0);
    Engine e(must_load(R"Y(rules:
  - id: seg
    severity: info
    for: entity
    when: metric("revenue", total=false).change.percent >= 25%
)Y"));
    auto a = run(e, f);
    REQUIRE(a.size() == 1);
    CHECK(a[0].key == "Amazon");
}

TEST_CASE(".low and .high read both ends of a range; a single value is both") {
    Fixture f;
    f.id("e1").at(kT0).summary("Acme expects adjusted EPS of $2.60 to $2.65 and sales growth of 4.8-5.1%.");
    f.sentiment(0.3).entity("Acme", "ACME", 0.3).ticker("ACME");
    f.metric(MetricKind::eps, "Acme", "ACME", 2.60, "$2.60 to $2.65", 0, false, true);
    f.analysis.metrics[0].is_range = true;
    f.analysis.metrics[0].low = 2.60;
    f.analysis.metrics[0].high = 2.65;
    f.metric(MetricKind::revenue, "Acme", "ACME", 0, "4.8-5.1%", 4.8, true, true);
    f.analysis.metrics[1].has_value = false;
    f.analysis.metrics[1].change.has_percent_high = true;
    f.analysis.metrics[1].change.percent_high = 5.1;
    f.metric(MetricKind::capex, "Acme", "ACME", 7e9);

    CHECK(fire("metric(\"eps\").high >= 2.65", f).size() == 1);
    CHECK(fire("metric(\"eps\").low >= 2.65", f).empty());
    CHECK(fire("metric(\"eps\").value >= 2.65", f).empty());  // the value is the low end
    auto a = fire("metric(\"eps\").high > 2.6", f, "{metric.low}-{metric.high} {metric.unit}");
    REQUIRE(a.size() == 1);
    CHECK(a[0].summary == "2.6-2.65 USD");
    CHECK(fire("metric(\"revenue\").change.percent_high >= 5%", f).size() == 1);
    CHECK(fire("metric(\"revenue\").change.percent >= 5%", f).empty());
    // Without a value .low/.high are missing; a plain value is both of its ends.
    CHECK(fire("metric(\"revenue\").high > 0", f).empty());
    CHECK(fire("metric(\"capex\").low == 7B and metric(\"capex\").high == 7B", f).size() == 1);
    // A plain percentage is its own high end.
    Fixture g = amazon_event("e2", kT0);
    CHECK(fire("metric(\"revenue\").change.percent_high >= 28%", g).size() == 1);
}

TEST_CASE("segment=, total= and the new fields: load errors with hints") {
    Diagnostic d = only_error("metric(\"revenue\", segmnt=\"AWS\").value > 1");
    CHECK(d.message == "unknown argument 'segmnt' of metric(...)");
    CHECK(d.hint == "did you mean 'segment'?");
    d = only_error("metric(\"revenue\", totl=true).value > 1");
    CHECK(d.hint == "did you mean 'total'?");
    d = only_error("metric(\"revenue\", total=\"yes\").value > 1");
    CHECK(d.message == "total= needs true or false");
    CHECK(d.hint == "total=true: company totals only; total=false: segment figures only");
    d = only_error("metric(\"revenue\", segment=AWS).value > 1");
    CHECK(d.message == "segment= needs a quoted name");
    d = only_error("metric(\"revenue\", total=true, segment=\"AWS\").value > 1");
    CHECK(d.message == "total=true selects company totals, which have no segment");
    d = only_error("metric(\"revenue\").segmnt == \"AWS\"");
    CHECK(d.message == "unknown metric field 'segmnt'");
    CHECK(d.hint == "did you mean 'segment'?");
    d = only_error("metric(\"eps\").hihg > 2");
    CHECK(d.hint == "did you mean 'high'?");
    d = only_error("metric(\"revenue\").segment > 2");
    CHECK(d.message == "type mismatch: cannot compare a string with a number");
}
