// Inputs the fuzz targets (tests/fuzz) found or the bad-input table of issue 6 names, each
// pinned with the behaviour it must keep. Under the ASan+UBSan build (scripts/sanitize.sh) these
// also catch the undefined behaviour the fuzzers reported.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "herald/analysis/analysis_json.hpp"
#include "herald/analysis/analyzer.hpp"

using namespace herald::analysis;

namespace {

struct Run {
    Event event;
    Analysis out;
    std::string json;
};

Analyzer& analyzer() {
    static Analyzer a(Resources::builtin());
    return a;
}

void analyze_text(Run& r, std::string_view summary, std::string_view body = {}) {
    r.event.clear();
    r.event.id = "regression";
    r.event.summary = summary;
    r.event.body = body;
    analyzer().analyze(r.event, r.out);
    r.json.clear();
    append_analysis_json(r.json, r.event, r.out);
}

void check_sane(const Run& r) {
    CHECK(std::isfinite(r.out.sentiment.score));
    CHECK(r.out.sentiment.score >= -1.0);
    CHECK(r.out.sentiment.score <= 1.0);
    CHECK(r.out.sentiment.label == label_for(r.out.sentiment.score));
    for (const auto& q : r.out.quantities) {
        CHECK(std::isfinite(q.value));
        CHECK(q.span.begin <= q.span.end);
        CHECK(q.span.end <= r.event.field(q.span.field).size());
        if (q.is_range) CHECK(q.low <= q.high);
    }
    for (const auto& m : r.out.metrics) {
        if (m.has_value) CHECK(std::isfinite(m.value));
        if (m.change.has_percent) CHECK(std::isfinite(m.change.percent));
        CHECK(m.span.end <= r.event.field(m.span.field).size());
    }
    CHECK(r.json.front() == '{');
    CHECK(r.json.back() == '}');
}

}  // namespace

TEST_CASE("an event whose text fields are all empty analyses to nothing (memchr on empty text)") {
    Run r;
    analyze_text(r, "");
    CHECK(r.out.quantities.empty());
    CHECK(r.out.metrics.empty());
    CHECK(r.out.entities.empty());
    CHECK(r.out.sentiment.score == 0.0);
    check_sane(r);
}

TEST_CASE("a range written high first keeps low <= high, value the low end") {
    Run r;
    analyze_text(r, "Margins moved 10-5% over the year.");
    REQUIRE(r.out.quantities.size() == 1);
    const Quantity& q = r.out.quantities[0];
    CHECK(q.is_range);
    CHECK(q.low == 5.0);
    CHECK(q.high == 10.0);
    CHECK(q.value == 5.0);
    CHECK(q.text == "10-5%");
    check_sane(r);
}

TEST_CASE("the fuzz seed of odd figures stays finite and ordered") {
    Run r;
    analyze_text(r, "1.2.3.4 $1,2,3,4 $.5 $5. 5%% %5 -% $-5B 5-% 5--10% 10-5% 0-0% $0.0000001B");
    CHECK(!r.out.quantities.empty());
    check_sane(r);
}

TEST_CASE("huge numbers: $99999999999999999999B, 1e400 and 300 digits stay finite") {
    Run r;
    analyze_text(r, "Revenue was $99999999999999999999B, up 1e400% from 1e400 dollars.");
    check_sane(r);
    std::string digits = "Revenue of $1" + std::string(300, '0') + " trillion rose 9" + std::string(300, '9') + "%.";
    analyze_text(r, digits);
    check_sane(r);
}

TEST_CASE("100,000 dollar signs and a 1 MB single token are analysed, not crashed on") {
    Run r;
    std::string dollars(100'000, '$');
    analyze_text(r, dollars);
    CHECK(r.out.quantities.empty());
    check_sane(r);
    std::string token(1 << 20, 'A');
    analyze_text(r, "Amazon revenue rose 9% to $1B.", token);
    check_sane(r);
    CHECK(r.out.quantities.size() == 2);
}

TEST_CASE("control characters and invalid UTF-8 in text still give one line of valid-looking JSON") {
    Run r;
    std::string text("AWS revenue \x01\x02 rose \xff\xfe 28% \"to\" $37.6B\\ \n\t");
    analyze_text(r, text);
    check_sane(r);
    CHECK(r.json.find('\n') == std::string::npos);
    CHECK(r.json.find('\x01') == std::string::npos);
    CHECK(r.json.find('\xff') == std::string::npos);
}
