// Throughput of herald's entity finder and sentiment scorer on seed-sized analyst notes, and the
// number of heap allocations per article once buffers have grown (target: 0).
//
//   micro-sentiment [--benchmark_filter=...]     reads ../shared/data/seeds.ndjson when present
//
// Counters: bytes_per_second is article text (headline + summary + body + text) per second;
// allocs_per_article counts calls to operator new during the timed loop.
#include <benchmark/benchmark.h>

#include <vector>

#include "alloc_counter.hpp"
#include "herald/analysis/document.hpp"
#include "herald/analysis/entities.hpp"
#include "herald/analysis/entity_sentiment.hpp"
#include "herald/analysis/sentiment.hpp"
#include "seed_corpus.hpp"

namespace ha = herald::analysis;

namespace {

// Tokenizer + entities + sentiment: everything this module does to an article, as the Analyzer
// runs it.
void BM_DocumentEntitiesSentiment(benchmark::State& state) {
    const herald::bench::SeedCorpus& c = herald::bench::seed_corpus();
    ha::Document doc;
    std::vector<ha::Mention> mentions;
    std::vector<ha::Metric> metrics;
    ha::EntitySentiment es(ha::Lexicon::builtin(), ha::AliasTable::builtin());
    ha::Analysis out;
    auto run = [&](const ha::Event& e) {
        out.clear();
        mentions.clear();
        doc.build(e);
        es.find_entities(doc, mentions);
        es.score(doc, mentions, metrics, out);
        benchmark::DoNotOptimize(out.sentiment.score);
    };
    for (const auto& e : c.events) run(e);  // warm-up: buffers reach their steady size
    uint64_t before = herald::bench::allocations(), articles = 0;
    for (auto _ : state)
        for (const auto& e : c.events) {
            run(e);
            ++articles;
        }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
    state.counters["allocs_per_article"] = herald::bench::per_item(before, articles);
    state.counters["article_bytes"] = static_cast<double>(c.bytes) / static_cast<double>(c.events.size());
}
BENCHMARK(BM_DocumentEntitiesSentiment);

// Entities + sentiment on an already tokenized document (the tokenizer is shared with metrics):
// `Joint` runs EntitySentiment, one table probe per token for both tables, as the Analyzer
// does; `Separate` runs EntityFinder then SentimentScorer, each with its own pass and probe.
template <bool Joint>
void entities_sentiment(benchmark::State& state) {
    const herald::bench::SeedCorpus& c = herald::bench::seed_corpus();
    std::vector<ha::Document> docs(c.events.size());
    for (size_t i = 0; i < docs.size(); ++i) docs[i].build(c.events[i]);
    std::vector<ha::Mention> mentions;
    std::vector<ha::Metric> metrics;
    ha::EntitySentiment es(ha::Lexicon::builtin(), ha::AliasTable::builtin());
    ha::EntityFinder finder(ha::AliasTable::builtin());
    ha::SentimentScorer scorer(ha::Lexicon::builtin());
    ha::Analysis out;
    auto run = [&](const ha::Document& d) {
        out.clear();
        mentions.clear();
        if constexpr (Joint) {
            es.find_entities(d, mentions);
            es.score(d, mentions, metrics, out);
        } else {
            finder.find(d, mentions);
            scorer.score(d, mentions, metrics, out);
        }
        benchmark::DoNotOptimize(out.sentiment.score);
    };
    for (const auto& d : docs) run(d);
    uint64_t before = herald::bench::allocations(), articles = 0;
    for (auto _ : state)
        for (const auto& d : docs) {
            run(d);
            ++articles;
        }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
    state.counters["allocs_per_article"] = herald::bench::per_item(before, articles);
}
void BM_EntitiesSentiment(benchmark::State& state) { entities_sentiment<true>(state); }
BENCHMARK(BM_EntitiesSentiment);
void BM_EntitiesThenSentiment(benchmark::State& state) { entities_sentiment<false>(state); }
BENCHMARK(BM_EntitiesThenSentiment);

// Each component alone on tokenized documents, to see where the time goes.
void BM_EntitiesOnly(benchmark::State& state) {
    const herald::bench::SeedCorpus& c = herald::bench::seed_corpus();
    std::vector<ha::Document> docs(c.events.size());
    for (size_t i = 0; i < docs.size(); ++i) docs[i].build(c.events[i]);
    std::vector<ha::Mention> mentions;
    ha::EntityFinder finder(ha::AliasTable::builtin());
    for (auto _ : state)
        for (const auto& d : docs) {
            mentions.clear();
            finder.find(d, mentions);
            benchmark::DoNotOptimize(mentions.data());
        }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
}
BENCHMARK(BM_EntitiesOnly);

void BM_SentimentOnly(benchmark::State& state) {
    const herald::bench::SeedCorpus& c = herald::bench::seed_corpus();
    std::vector<ha::Document> docs(c.events.size());
    for (size_t i = 0; i < docs.size(); ++i) docs[i].build(c.events[i]);
    std::vector<ha::Mention> mentions;
    std::vector<ha::Metric> metrics;
    ha::SentimentScorer scorer(ha::Lexicon::builtin());
    ha::Analysis out;
    for (auto _ : state)
        for (const auto& d : docs) {
            out.clear();
            scorer.score(d, mentions, metrics, out);
            benchmark::DoNotOptimize(out.sentiment.score);
        }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
}
BENCHMARK(BM_SentimentOnly);

// Tokenizer alone, for reference.
void BM_Document(benchmark::State& state) {
    const herald::bench::SeedCorpus& c = herald::bench::seed_corpus();
    ha::Document doc;
    for (const auto& e : c.events) doc.build(e);
    for (auto _ : state)
        for (const auto& e : c.events) {
            doc.build(e);
            benchmark::DoNotOptimize(doc.tokens.data());
        }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
}
BENCHMARK(BM_Document);

}  // namespace

BENCHMARK_MAIN();
