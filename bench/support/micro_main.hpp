#pragma once
// What several micro-benchmarks share beyond the corpus: a main() that also takes `--once N`
// (fixed work with no timing loop, for exact instruction counts under callgrind), and the
// tokenizer's own benchmark over the seed corpus, for the share of the whole it takes.
//
//   int main(int argc, char** argv) { return herald::bench::micro_main(argc, argv, run_once); }
//   void BM_Tokenizer(benchmark::State& state) { herald::bench::tokenize_seed_corpus(state); }
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "herald/analysis/document.hpp"
#include "seed_corpus.hpp"

namespace herald::bench {

// `prog --once N` returns once(N); anything else runs the registered benchmarks.
inline int micro_main(int argc, char** argv, int (*once)(int rounds)) {
    if (argc == 3 && std::strcmp(argv[1], "--once") == 0) return once(std::atoi(argv[2]));
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}

// Document::build over every seed article, bytes per second of article text.
inline void tokenize_seed_corpus(benchmark::State& state) {
    const SeedCorpus& c = seed_corpus();
    analysis::Document doc;
    for (const auto& e : c.events) doc.build(e);
    for (auto _ : state)
        for (const auto& e : c.events) {
            doc.build(e);
            benchmark::DoNotOptimize(doc.tokens.data());
        }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
}

}  // namespace herald::bench
