// libFuzzer target: the `herald analyze` JSON line of arbitrary input must be valid JSON with the
// event's id and an object per entity/metric, whatever bytes the text holds (escaping,
// invalid UTF-8, control characters, non-finite numbers). Input that parses as an event is
// analysed as that event; anything else becomes text fields.
#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "herald/analysis/analysis_json.hpp"
#include "herald/analysis/analyzer.hpp"
#include "herald/parse/event_parser.hpp"

using namespace herald::analysis;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static herald::parse::EventParser parser;
    static Analyzer analyzer(Resources::builtin());
    static Event event;
    static Analysis out;
    static Explanation explain;
    static std::string detail, line;
    static simdjson::dom::parser json_parser;

    std::string_view payload(reinterpret_cast<const char*>(data), size);
    if (parser.parse(payload, event, detail) != herald::parse::ErrorCode::none)
        herald::fuzz::text_event(data, size, event);

    explain.clear();
    analyzer.analyze(event, out, &explain);
    line.clear();
    // With the explanation on odd sizes, so both forms are covered.
    append_analysis_json(line, event, out, (size & 1) ? &explain : nullptr);
    FUZZ_CHECK(line.find('\n') == std::string::npos, "analysis JSON is not one line");

    line.reserve(line.size() + simdjson::SIMDJSON_PADDING);
    simdjson::dom::element doc;
    auto err = json_parser.parse(line.data(), line.size(), false).get(doc);
    if (err != simdjson::SUCCESS) {
        std::fprintf(stderr, "bad JSON (%s): %s\n", simdjson::error_message(err), line.c_str());
        FUZZ_CHECK(false, "analysis JSON does not parse");
    }
    simdjson::dom::object obj;
    FUZZ_CHECK(doc.get(obj) == simdjson::SUCCESS, "analysis JSON is not an object");
    simdjson::dom::array arr;
    if (obj["metrics"].get(arr) == simdjson::SUCCESS)
        FUZZ_CHECK(arr.size() == out.metrics.size(), "metrics array size differs from the analysis");
    if (obj["entities"].get(arr) == simdjson::SUCCESS)
        FUZZ_CHECK(arr.size() == out.entities.size(), "entities array size differs from the analysis");
    return 0;
}
