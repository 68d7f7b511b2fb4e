// Throughput of the whole analysis of one event (what the streaming engine runs per message):
// tokenizer, entities, quantities, metrics and sentiment through herald::analysis::Analyzer, on
// seed-sized analyst notes; and heap allocations per article once buffers have grown (target: 0).
//
//   micro-analysis [--benchmark_filter=...]      reads ../shared/data/seeds.ndjson when present
//   micro-analysis --once N                      analyses the corpus N times and exits (for
//                                                valgrind --tool=callgrind: no timing loop)
//
// Counters: bytes_per_second is article text (headline + summary + body + text) per second;
// events_per_second is articles per second on one core; allocs_per_article counts operator new.
#include <benchmark/benchmark.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <new>
#include <string>
#include <vector>

#include "herald/analysis/analyzer.hpp"
#include "herald/parse/event_parser.hpp"

namespace {
std::atomic<uint64_t> g_allocations{0};
}

// Counting allocator for this binary only: every heap allocation goes through here.
void* operator new(std::size_t n) {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace ha = herald::analysis;

namespace {

// Written for this benchmark, used when the shared seeds are not there: an earnings note
// shaped like them (figures up front, analysis after).
constexpr const char* kFallback =
    R"({"id":"local-1","published_at":"2026-01-29T21:05:00Z","headline":"Microsoft beats estimates as Azure growth accelerates",)"
    R"("summary":"Microsoft reported revenue of $70.1B, up 13% year over year, and Azure grew 33%. Operating income )"
    R"(rose 17% to $32.0 billion while costs fell. Commercial bookings reached $120B.","body":"Analysts raised price )"
    R"(targets. However, the company warned that capacity constraints could weigh on growth next quarter. Nvidia and )"
    R"(AWS remain the main suppliers and competitors in AI infrastructure, and capex of $80 billion is expected for )"
    R"(fiscal 2026. The market is weighing how durable the cloud acceleration is once the current wave of enterprise )"
    R"(projects matures; management argued that long-duration contracts give it unusual visibility."})";

// The seed notes, with their fields copied out of the parser's buffer so the events stay valid.
struct Corpus {
    std::vector<ha::Event> events;
    std::vector<std::array<std::string, 4>> storage;
    size_t bytes = 0;

    Corpus() {
        std::vector<std::string> lines;
        std::ifstream in(std::string(HERALD_SHARED_DATA_DIR) + "/seeds.ndjson");
        for (std::string l; std::getline(in, l);)
            if (!l.empty()) lines.push_back(l);
        if (lines.empty()) lines.push_back(kFallback);
        herald::parse::EventParser parser;
        std::string detail;
        storage.reserve(lines.size());
        for (const auto& line : lines) {
            ha::Event e;
            if (parser.parse(line, e, detail) != herald::parse::ErrorCode::none) continue;
            auto& st = storage.emplace_back();
            st = {std::string(e.headline), std::string(e.summary), std::string(e.body), std::string(e.text)};
            ha::Event& copy = events.emplace_back();
            copy.id = "bench";
            copy.has_published_at = e.has_published_at;
            copy.published_at_ms = e.published_at_ms;
            copy.headline = st[0];
            copy.summary = st[1];
            copy.body = st[2];
            copy.text = st[3];
            bytes += st[0].size() + st[1].size() + st[2].size() + st[3].size();
        }
    }
};

Corpus& corpus() {
    static Corpus c;
    return c;
}

void BM_Analyzer(benchmark::State& state) {
    Corpus& c = corpus();
    ha::Analyzer analyzer(ha::Resources::builtin());
    ha::Analysis out;
    for (int i = 0; i < 2; ++i)  // warm-up: buffers reach their steady size
        for (const auto& e : c.events) analyzer.analyze(e, out);
    uint64_t before = g_allocations.load(), articles = 0;
    for (auto _ : state)
        for (const auto& e : c.events) {
            analyzer.analyze(e, out);
            benchmark::DoNotOptimize(out.sentiment.score);
            ++articles;
        }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
    state.SetItemsProcessed(static_cast<int64_t>(articles));
    state.counters["events_per_second"] = benchmark::Counter(static_cast<double>(articles), benchmark::Counter::kIsRate);
    state.counters["allocs_per_article"] =
        articles ? static_cast<double>(g_allocations.load() - before) / static_cast<double>(articles) : 0.0;
    state.counters["article_bytes"] = static_cast<double>(c.bytes) / static_cast<double>(c.events.size());
}
BENCHMARK(BM_Analyzer);

// The tokenizer alone, for the share of the whole it takes.
void BM_Tokenizer(benchmark::State& state) {
    Corpus& c = corpus();
    ha::Document doc;
    for (const auto& e : c.events) doc.build(e);
    for (auto _ : state)
        for (const auto& e : c.events) {
            doc.build(e);
            benchmark::DoNotOptimize(doc.tokens.data());
        }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
}
BENCHMARK(BM_Tokenizer);

// Fixed work for instruction counting: `--once N` analyses the corpus N times after one warm-up.
int run_once(int rounds) {
    Corpus& c = corpus();
    ha::Analyzer analyzer(ha::Resources::builtin());
    ha::Analysis out;
    for (const auto& e : c.events) analyzer.analyze(e, out);
    double sum = 0;
    for (int r = 0; r < rounds; ++r)
        for (const auto& e : c.events) {
            analyzer.analyze(e, out);
            sum += out.sentiment.score;
        }
    std::printf("%d articles, %zu bytes each round, score sum %.4f\n", static_cast<int>(c.events.size()) * rounds,
                c.bytes, sum);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::strcmp(argv[1], "--once") == 0) return run_once(std::atoi(argv[2]));
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
