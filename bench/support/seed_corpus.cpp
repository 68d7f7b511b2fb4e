#include "seed_corpus.hpp"

#include <fstream>

#include "herald/parse/event_parser.hpp"

namespace herald::bench {

namespace {

// Written for the benchmarks, used when the shared seeds are not there: an earnings note
// shaped like them (figures up front, analysis after).
constexpr const char* kFallback =
    R"({"id":"local-1","published_at":"2026-01-29T21:05:00Z","headline":"Microsoft beats estimates as Azure growth accelerates",)"
    R"("summary":"Microsoft reported revenue of $70.1B, up 13% year over year, and Azure grew 33%. Operating income )"
    R"(rose 17% to $32.0 billion while costs fell. Commercial bookings reached $120B.","body":"Analysts raised price )"
    R"(targets. However, the company warned that capacity constraints could weigh on growth next quarter. Nvidia and )"
    R"(AWS remain the main suppliers and competitors in AI infrastructure, and capex of $80 billion is expected for )"
    R"(fiscal 2026. The market is weighing how durable the cloud acceleration is once the current wave of enterprise )"
    R"(projects matures; management argued that long-duration contracts give it unusual visibility."})";

SeedCorpus load() {
    std::vector<std::string> lines;
    std::ifstream in(std::string(HERALD_SHARED_DATA_DIR) + "/seeds.ndjson");
    for (std::string l; std::getline(in, l);)
        if (!l.empty()) lines.push_back(l);
    if (lines.empty()) lines.push_back(kFallback);
    SeedCorpus c;
    parse::EventParser parser;
    std::string detail;
    c.storage.reserve(lines.size());  // events keep views into it: no reallocation
    for (const auto& line : lines) {
        analysis::Event e;
        if (parser.parse(line, e, detail) != parse::ErrorCode::none) continue;
        auto& st = c.storage.emplace_back();
        st = {std::string(e.headline), std::string(e.summary), std::string(e.body), std::string(e.text)};
        analysis::Event& copy = c.events.emplace_back();
        copy.id = "bench";
        copy.has_published_at = e.has_published_at;
        copy.published_at_ms = e.published_at_ms;
        copy.headline = st[0];
        copy.summary = st[1];
        copy.body = st[2];
        copy.text = st[3];
        c.bytes += st[0].size() + st[1].size() + st[2].size() + st[3].size();
    }
    return c;
}

}  // namespace

const SeedCorpus& seed_corpus() {
    static const SeedCorpus c = load();
    return c;
}

}  // namespace herald::bench
