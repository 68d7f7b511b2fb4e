// The rule function table (src/rules/catalogue.hpp) and what derives from it: parsing, the
// names "did you mean" offers, the hint listing every function, state slots, and docs/rules.md.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "catalogue.hpp"
#include "herald/rules/rule_set.hpp"
#include "test_support.hpp"

using namespace herald::rules;
using detail::CallShape;
using detail::kFunctionTable;
using detail::Op;

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The error of a one-rule file whose condition is `when`; "" when it loads.
std::string load_error(const std::string& when) {
    LoadResult r = load_rules_text("rules:\n  - id: r\n    severity: info\n    when: " + when + "\n", "r.yaml");
    return r.errors.empty() ? std::string() : r.errors[0].to_string();
}

// A call of `f` that loads, built from its shape.
std::string sample_call(const detail::FunctionInfo& f) {
    const std::string name(f.name);
    switch (f.shape) {
        case CallShape::selector: return name + "(\"revenue\").value > 0";
        case CallShape::event_type: return name + "(\"layoffs\")";
        case CallShape::window:
            return name + "(" + (f.arg == detail::Type::boolean ? "sentiment.score < 0" : "sentiment.score") + ", 6h) > 0";
        case CallShape::metric_history: return name + "(metric(\"backlog\")) > 0";
        case CallShape::numeric: {
            std::string args = "sentiment.score";
            for (size_t i = 1; i < f.max_args; ++i) args += ", sentiment.score";
            return name + "(" + args + ") > 0";
        }
    }
    return {};
}

}  // namespace

TEST_CASE("every function of the table parses, and a typo of its name gets 'did you mean'") {
    std::set<std::string_view> names;
    for (const auto& f : kFunctionTable) {
        CAPTURE(f.name);
        CHECK(names.insert(f.name).second);
        CHECK(detail::find_function(f.name) == &f);
        CHECK(load_error(sample_call(f)) == "");
        // A doubled last letter is one edit away from this name and further from every other.
        const std::string typo = std::string(f.name) + f.name.back();
        CHECK(load_error(typo + "(1) > 0").find("did you mean '" + std::string(f.name) + "'?") != std::string::npos);
        CHECK(load_error(std::string(f.name) + " > 0").find("is a function") != std::string::npos);
    }
}

TEST_CASE("an unknown function's hint lists every function of the table") {
    const std::string e = load_error("zzzzzzzzzzzz(1) > 0");
    CHECK(e.find("unknown function 'zzzzzzzzzzzz'") != std::string::npos);
    for (const auto& f : kFunctionTable) {
        CAPTURE(f.name);
        CHECK(e.find(std::string(f.name)) != std::string::npos);
    }
}

TEST_CASE("the table's columns agree: state, windows and the evaluator's ops") {
    for (const auto& f : kFunctionTable) {
        CAPTURE(f.name);
        CHECK(f.min_args <= f.max_args);
        CHECK((f.shape == CallShape::window) == (f.op == Op::window));
        // Only windows and metric history keep per-key state (Rule::windows, Rule::since_nodes).
        CHECK(f.stateful == (f.op == Op::window || f.op == Op::change_since_last));
    }
}

TEST_CASE("a function of numbers computes with its row's fn: a new row needs no evaluator case") {
    for (const auto& f : kFunctionTable) {
        if (f.shape != CallShape::numeric) continue;
        CAPTURE(f.name);
        REQUIRE(static_cast<bool>(f.fn));
        std::string args = "sentiment.score";
        for (size_t i = 1; i < f.max_args; ++i) args += ", sentiment.score";
        char want[64];
        std::snprintf(want, sizeof want, "%.17g", f.fn(-0.5, f.max_args > 1 ? -0.5 : 0.0));
        const std::string when = std::string(f.name) + "(" + args + ") == " + want;
        CAPTURE(when);
        Engine engine(test::must_load("rules:\n  - id: r\n    severity: info\n    when: " + when + "\n"));
        test::Fixture fires, other;
        fires.id("1").at(test::kT0).headline("h").sentiment(-0.5).entity("Acme", "ACME", -0.5);
        CHECK(test::run(engine, fires).size() == 1);
        other.id("2").at(test::kT0 + 1000).headline("h").sentiment(0.25).entity("Acme", "ACME", 0.25);
        if (f.fn(0.25, f.max_args > 1 ? 0.25 : 0.0) != f.fn(-0.5, f.max_args > 1 ? -0.5 : 0.0))
            CHECK(test::run(engine, other).empty());
    }
}

TEST_CASE("docs/rules.md documents every function of the table, and no other") {
    const std::string doc = read_file(std::string(HERALD_SOURCE_DIR) + "/docs/rules.md");
    const size_t begin = doc.find("### Values");
    REQUIRE(begin != std::string::npos);
    const size_t end = doc.find("\n### ", begin + 1);
    const std::string values = doc.substr(begin, end - begin);
    for (const auto& f : kFunctionTable) {
        CAPTURE(f.name);
        CHECK(values.find("`" + std::string(f.name) + "(") != std::string::npos);
    }
    // Every NAME( that opens a code span of the table's first column is a function of the table.
    std::istringstream lines(values);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("| `", 0) != 0) continue;
        const std::string first = line.substr(0, line.find(" | "));
        for (size_t at = first.find('`'); at != std::string::npos; at = first.find('`', at + 1)) {
            size_t e = at + 1;
            while (e < first.size() && (std::isalnum(static_cast<unsigned char>(first[e])) || first[e] == '_')) ++e;
            if (e == at + 1 || e >= first.size() || first[e] != '(') continue;
            const std::string name = first.substr(at + 1, e - at - 1);
            CAPTURE(name);
            CHECK(detail::find_function(name) != nullptr);
        }
    }
}
