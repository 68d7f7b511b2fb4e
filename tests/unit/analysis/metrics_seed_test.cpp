// The seed notes (read at run time from the shared evaluation data) through quantities and
// metrics with hand-built mentions: the figures the issue names must come out exactly.
#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include "herald/analysis/analysis_json.hpp"
#include "metrics_support.hpp"
#include "../../shared_data.hpp"

using namespace herald::analysis;

namespace {

// Minimal JSON string-field reader for the seed lines (the project's parser is not a dependency here).
std::string field_of(const std::string& line, const std::string& key) {
    std::string k = "\"" + key + "\": \"";
    size_t p = line.find(k);
    if (p == std::string::npos) return {};
    p += k.size();
    std::string out;
    for (; p < line.size() && line[p] != '"'; ++p) {
        if (line[p] == '\\' && p + 1 < line.size()) {
            char e = line[++p];
            if (e == 'n') out += '\n';
            else if (e == 'u' && p + 4 < line.size()) {
                unsigned cp = std::stoul(line.substr(p + 1, 4), nullptr, 16);
                p += 4;
                if (cp < 0x80) out += static_cast<char>(cp);
                else if (cp < 0x800) out += static_cast<char>(0xC0 | (cp >> 6)), out += static_cast<char>(0x80 | (cp & 0x3F));
                else out += static_cast<char>(0xE0 | (cp >> 12)), out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                    out += static_cast<char>(0x80 | (cp & 0x3F));
            } else out += e;
        } else {
            out += line[p];
        }
    }
    return out;
}

}  // namespace

TEST_CASE("seed-000: AWS revenue, operating income, backlog and Trainium commitments") {
    std::ifstream in;
    if (!herald::testing::open_shared_data("seeds.ndjson", in)) return;
    std::string line;
    std::getline(in, line);
    std::string summary = field_of(line, "summary"), body = field_of(line, "body");
    testing::Run r;
    const auto& ms = r.on(body, summary);
    std::string json;
    for (const auto& m : ms) {
        herald::core::JsonWriter w(json);
        write_metric_json(w, m);
        json += "\n";
    }
    MESSAGE(json);
    REQUIRE(ms.size() >= 4);
    CHECK(ms[0].kind == MetricKind::revenue);
    CHECK(ms[0].entity == "Amazon");
    CHECK(ms[0].segment == "AWS");
    CHECK(ms[0].ticker == "AMZN");
    CHECK(ms[0].value == 37.6e9);
    CHECK(ms[0].unit.view() == "USD");
    CHECK(ms[0].change.direction == Direction::up);
    CHECK(ms[0].change.percent == 28.0);
    CHECK(ms[0].change.basis == Basis::yoy);
    // The item writes 2026 (the guideline dates the quarter; the older seeds gold writes "Q1").
    CHECK(ms[0].period.view() == "Q1 2026");
    CHECK(ms[1].kind == MetricKind::operating_income);
    CHECK(ms[1].value == 14.2e9);
    CHECK(ms[2].kind == MetricKind::backlog);
    CHECK(ms[2].value == 364e9);
    CHECK(ms[3].kind == MetricKind::commitments);
    CHECK(ms[3].entity == "Amazon");
    CHECK(ms[3].segment == "Trainium");
    CHECK(ms[3].value == 225e9);
    CHECK(ms.size() == 4);
}

