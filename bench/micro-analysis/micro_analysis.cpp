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

#include <cstdio>

#include "alloc_counter.hpp"
#include "herald/analysis/analyzer.hpp"
#include "micro_main.hpp"
#include "seed_corpus.hpp"

namespace ha = herald::analysis;

namespace {

void BM_Analyzer(benchmark::State& state) {
    const herald::bench::SeedCorpus& c = herald::bench::seed_corpus();
    ha::Analyzer analyzer(ha::Resources::builtin());
    ha::Analysis out;
    for (int i = 0; i < 2; ++i)  // warm-up: buffers reach their steady size
        for (const auto& e : c.events) analyzer.analyze(e, out);
    uint64_t before = herald::bench::allocations(), articles = 0;
    for (auto _ : state)
        for (const auto& e : c.events) {
            analyzer.analyze(e, out);
            benchmark::DoNotOptimize(out.sentiment.score);
            ++articles;
        }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
    state.SetItemsProcessed(static_cast<int64_t>(articles));
    state.counters["events_per_second"] = benchmark::Counter(static_cast<double>(articles), benchmark::Counter::kIsRate);
    state.counters["allocs_per_article"] = herald::bench::per_item(before, articles);
    state.counters["article_bytes"] = static_cast<double>(c.bytes) / static_cast<double>(c.events.size());
}
BENCHMARK(BM_Analyzer);

// The tokenizer alone, for the share of the whole it takes.
void BM_Tokenizer(benchmark::State& state) { herald::bench::tokenize_seed_corpus(state); }
BENCHMARK(BM_Tokenizer);

// Fixed work for instruction counting: `--once N` analyses the corpus N times after one warm-up.
int run_once(int rounds) {
    const herald::bench::SeedCorpus& c = herald::bench::seed_corpus();
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

int main(int argc, char** argv) { return herald::bench::micro_main(argc, argv, run_once); }
