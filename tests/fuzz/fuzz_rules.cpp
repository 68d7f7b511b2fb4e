// libFuzzer target: arbitrary YAML through load_rules_text. Loading never throws or crashes;
// every error has a line and column and is one line; a file that loads is evaluated on a fixed
// analysed event at a few event times, and every alert it raises renders as valid JSON.
#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "herald/analysis/analyzer.hpp"
#include "herald/rules/alert.hpp"
#include "herald/rules/engine.hpp"
#include "herald/rules/rule_set.hpp"

using namespace herald;

namespace {

// An event that gives rules something to match: tickers, entities, metrics, strong sentiment.
struct FixedEvent {
    analysis::Event event;
    analysis::Analysis analysis;
    FixedEvent() {
        event.id = "fuzz-rules-0001";
        event.headline = "Amazon beats estimates as AWS revenue jumps 28% to $37.6B; guidance raised";
        event.summary =
            "Amazon reported first-quarter revenue of $155.7B, up 9% year over year. AWS revenue rose 28% to "
            "$37.6B and backlog reached $189B. Net loss at the devices unit widened to $1.2B.";
        event.source = "Fuzz Wire";
        event.url = "https://news.example/fuzz";
        event.published_at_ms = 1777583400000;
        event.has_published_at = true;
        event.tickers.push_back("AMZN");
        analysis::Analyzer analyzer(analysis::Resources::builtin());
        analyzer.analyze(event, analysis);
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static FixedEvent fixed;
    static std::vector<rules::Alert> alerts;
    static std::string json;
    static simdjson::dom::parser json_parser;

    std::string_view yaml(reinterpret_cast<const char*>(data), size);
    rules::LoadResult r = rules::load_rules_text(yaml, "fuzz.yaml");
    if (!r.ok()) {
        FUZZ_CHECK(!r.errors.empty(), "load failed without an error");
        for (const rules::Diagnostic& d : r.errors) {
            if (d.line < 1 || d.column < 1 || d.message.empty() || d.to_string().find('\n') != std::string::npos)
                std::fprintf(stderr, "diagnostic: [%s]\n", d.to_string().c_str());
            FUZZ_CHECK(d.line >= 1 && d.column >= 1, "diagnostic without line/column");
            FUZZ_CHECK(!d.message.empty(), "diagnostic without a message");
            FUZZ_CHECK(d.to_string().find('\n') == std::string::npos, "diagnostic spans several lines");
        }
        return 0;
    }
    FUZZ_CHECK(r.rules->max_window_ms() >= 0, "negative history span");
    FUZZ_CHECK(r.rules->rule_ids().size() == r.rules->size(), "rule ids and size differ");

    rules::Engine engine(r.rules);
    const int64_t t0 = fixed.event.published_at_ms;
    // Same event repeatedly, minutes then days apart: windows fill, cooldowns and holds expire.
    const int64_t offsets[] = {0, 60'000, 120'000, 3'600'000, 86'400'000, 7 * 86'400'000LL};
    for (int64_t off : offsets) {
        rules::EventContext ctx{fixed.event, fixed.analysis, t0 + off};
        alerts.clear();
        engine.evaluate(ctx, alerts);
        for (const rules::Alert& a : alerts) {
            FUZZ_CHECK(a.alert_id[16] == '\0' && std::string_view(a.alert_id).size() == 16, "alert id not 16 hex digits");
            for (uint32_t mi : a.metric_indices)
                FUZZ_CHECK(mi < fixed.analysis.metrics.size(), "alert metric index out of range");
            json.clear();
            rules::append_alert_json(json, a, ctx, {"news", 0, 42}, t0 + off);
            json.reserve(json.size() + simdjson::SIMDJSON_PADDING);
            simdjson::dom::element doc;
            auto err = json_parser.parse(json.data(), json.size(), false).get(doc);
            FUZZ_CHECK(err == simdjson::SUCCESS, "alert JSON does not parse");
        }
    }
    FUZZ_CHECK(engine.key_count() < 1000, "key count grew without bound on one event");
    return 0;
}
