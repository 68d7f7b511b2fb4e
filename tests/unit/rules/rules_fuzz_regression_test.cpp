// Inputs fuzz_rules (tests/fuzz) found, pinned: loading never throws, every error has a line
// and column and prints as one line, whatever bytes the file holds.
#include <doctest/doctest.h>

#include <string>

#include "herald/rules/rule_set.hpp"

using namespace herald::rules;

namespace {

void check_one_line_errors(std::string_view yaml) {
    LoadResult r = load_rules_text(yaml, "fuzz.yaml");
    CHECK_FALSE(r.ok());
    REQUIRE_FALSE(r.errors.empty());
    for (const Diagnostic& d : r.errors) {
        std::string line = d.to_string();
        CAPTURE(line);
        CHECK(d.line >= 1);
        CHECK(d.column >= 1);
        CHECK(line.find('\n') == std::string::npos);
        CHECK(line.find('\r') == std::string::npos);
        CHECK(line.rfind("fuzz.yaml:", 0) == 0);
    }
}

}  // namespace

TEST_CASE("yaml-cpp quoting a control character and newline keeps the diagnostic one line") {
    // Found by fuzz_rules: "unknown escape character: \x07\x00\n..." broke the line in two.
    check_one_line_errors(std::string("- \na-\x07\x00\nk", 9));
}

TEST_CASE("control characters in user text are escaped in diagnostics") {
    Diagnostic d{"r.yaml", 2, 5, "unknown field 'a\nb\tc\x01'", "use\r\nthis"};
    CHECK(d.to_string() == "r.yaml:2:5: unknown field 'a\\nb\\tc\\x01' (hint: use\\r\\nthis)");
    check_one_line_errors("rules:\n  - id: r\n    severity: info\n    when: true\n    \"bad\\nkey\": 1\n");
}

TEST_CASE("bad byte sequences and deep YAML nesting are errors, not crashes") {
    check_one_line_errors(std::string(200, '['));
    check_one_line_errors("rules: " + std::string(50'000, '['));
    check_one_line_errors("rules:\n  - id: \"\xff\xfe\"\n    severity: info\n    when: headline contains \"\xc3\x28\"\n");
}

namespace {
std::string rule_when(const std::string& when) {
    return "rules:\n  - id: x\n    severity: info\n    when: " + when + "\n";
}
std::string repeat(std::string_view s, size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out.append(s);
    return out;
}
}  // namespace

TEST_CASE("hostile expressions are one-line errors, not stack overflows") {
    // Each of these overflowed the stack of the recursive-descent parser or of the walks over
    // its tree before the depth and size bounds.
    const size_t n = 50'000;
    check_one_line_errors(rule_when(std::string(n, '(') + "true" + std::string(n, ')')));
    check_one_line_errors(rule_when(repeat("not ", n) + "true"));
    check_one_line_errors(rule_when(std::string(n, '-') + "1 > 0"));
    check_one_line_errors(rule_when(repeat("true or ", n) + "true"));
    check_one_line_errors(rule_when("sentiment.score" + repeat(" + 1", n) + " > 0"));
    check_one_line_errors(rule_when(repeat("sentiment.score > 0 and ", n) + "true"));
    check_one_line_errors("rules:\n  - id: x\n    severity: info\n    when: true\n    summary: \"{" +
                          std::string(n, '(') + "key" + std::string(n, ')') + "}\"\n");
    // Most of the above are now refused for their size (kMaxExpressionBytes); 30,000 levels fit in it.
    const size_t deep = 30'000;
    check_one_line_errors(rule_when(std::string(deep, '-') + "1 > 0"));
    LoadResult r = load_rules_text(rule_when(std::string(deep, '(') + "true" + std::string(deep, ')')), "deep.yaml");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message.find("nested too deeply") != std::string::npos);
}

TEST_CASE("nesting and length a person writes still load") {
    LoadResult r = load_rules_text(rule_when(std::string(30, '(') + "sentiment.score > 0" + std::string(30, ')') +
                                             repeat(" or not not headline contains \"x\"", 50)),
                                   "ok.yaml");
    for (const auto& d : r.errors) MESSAGE(d.to_string());
    CHECK(r.ok());
}
