// Throughput of herald's entity finder and sentiment scorer on seed-sized analyst notes, and the
// number of heap allocations per article once buffers have grown (target: 0).
//
//   micro-sentiment [--benchmark_filter=...]     reads ../shared/data/seeds.ndjson when present
//
// Counters: bytes_per_second is article text (headline + summary + body + text) per second;
// allocs_per_article counts calls to operator new during the timed loop.
#include <benchmark/benchmark.h>

#include <iterator>
#include <vector>

#include "alloc_counter.hpp"
#include "herald/analysis/document.hpp"
#include "herald/analysis/entities.hpp"
#include "herald/analysis/entity_sentiment.hpp"
#include "herald/analysis/sentiment.hpp"
#include "micro_main.hpp"
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

// Runs `run` over the documents once (buffers reach their steady size), then in the timed loop;
// `per` names the allocations-per-document counter.
template <class Run>
void timed(benchmark::State& state, const std::vector<ha::Document>& docs, int64_t bytes, const char* per, Run run) {
    for (const auto& d : docs) run(d);
    uint64_t before = herald::bench::allocations(), count = 0;
    for (auto _ : state)
        for (const auto& d : docs) {
            run(d);
            ++count;
        }
    state.SetBytesProcessed(state.iterations() * bytes);
    state.counters[per] = herald::bench::per_item(before, count);
}

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
    timed(state, docs, static_cast<int64_t>(c.bytes), "allocs_per_article", run);
}
void BM_EntitiesSentiment(benchmark::State& state) { entities_sentiment<true>(state); }
BENCHMARK(BM_EntitiesSentiment);
void BM_EntitiesThenSentiment(benchmark::State& state) { entities_sentiment<false>(state); }
BENCHMARK(BM_EntitiesThenSentiment);

// Entities + sentiment on a tokenized document, as the Analyzer runs them.
struct JointRun {
    std::vector<ha::Mention> mentions;
    std::vector<ha::Metric> metrics;
    ha::EntitySentiment es{ha::Lexicon::builtin(), ha::AliasTable::builtin()};
    ha::Analysis out;
    void operator()(const ha::Document& d) {
        out.clear();
        mentions.clear();
        es.find_entities(d, mentions);
        es.score(d, mentions, metrics, out);
        benchmark::DoNotOptimize(out.sentiment.score);
    }
};

// Short posts (cashtags, links): the learned layer reads every sentence of them. Written here.
void BM_PostsEntitiesSentiment(benchmark::State& state) {
    static const char* const kPosts[] = {
        "$ACME shares +5% premarket after Q3 beat https://t.co/a1B2",
        "$GLBX downgraded to Neutral at Initech Securities https://t.co/b2C3",
        "@trader $XYZ calls printing today, new highs",
        "Bad day to short $TSLA",
        "$AMZN AWS revenue up 17% y/y, margins expand https://t.co/c3D4",
        "$INTC guidance weak, capex keeps rising #semis",
        "$NFLX subscriber growth slows, stock -8% after hours https://t.co/d4E5",
        "$COST monthly sales in line with estimates https://t.co/e5F6",
    };
    std::vector<ha::Event> events(std::size(kPosts));
    std::vector<ha::Document> docs(events.size());
    int64_t bytes = 0;
    for (size_t i = 0; i < docs.size(); ++i) {
        events[i].text = kPosts[i];
        docs[i].build(events[i]);
        bytes += static_cast<int64_t>(events[i].text.size());
    }
    JointRun run;
    timed(state, docs, bytes, "allocs_per_post", [&run](const ha::Document& d) { run(d); });
}
BENCHMARK(BM_PostsEntitiesSentiment);

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
void BM_Document(benchmark::State& state) { herald::bench::tokenize_seed_corpus(state); }
BENCHMARK(BM_Document);

}  // namespace

BENCHMARK_MAIN();
