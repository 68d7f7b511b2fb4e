// Throughput of herald's entity finder and sentiment scorer on seed-sized analyst notes, and the
// number of heap allocations per article once buffers have grown (target: 0).
//
//   micro-sentiment [--benchmark_filter=...]     reads ../shared/data/seeds.ndjson when present
//
// Counters: bytes_per_second is article text (headline + summary + body + text) per second;
// allocs_per_article counts calls to operator new during the timed loop.
#include <benchmark/benchmark.h>

#include <array>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <new>
#include <string>
#include <vector>

#include "herald/analysis/document.hpp"
#include "herald/analysis/entities.hpp"
#include "herald/analysis/sentiment.hpp"
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

// The seed notes as raw NDJSON lines (parsed per benchmark so events stay valid), or one
// project-written note when the shared data is not there.
std::vector<std::string> load_lines() {
    std::vector<std::string> lines;
    std::ifstream in(std::string(HERALD_SHARED_DATA_DIR) + "/seeds.ndjson");
    for (std::string l; std::getline(in, l);)
        if (!l.empty()) lines.push_back(l);
    if (lines.empty())
        lines.push_back(
            R"({"id":"local-1","headline":"Microsoft beats estimates as Azure growth accelerates","summary":)"
            R"("Microsoft reported revenue of $70.1B, up 13% year over year, and Azure grew 33%. Operating )"
            R"(margin widened while costs fell.","body":"Analysts raised price targets. However, the company )"
            R"(warned that capacity constraints could weigh on growth next quarter. Nvidia and AWS remain the )"
            R"(main suppliers and competitors in AI infrastructure."})");
    return lines;
}

struct Corpus {
    herald::parse::EventParser parser;
    std::vector<std::string> lines = load_lines();
    std::vector<ha::Event> events;
    size_t bytes = 0;
    Corpus() {
        events.resize(lines.size());
        std::string detail;
        // One parser per event would be needed for views to stay valid; copy the fields instead.
        storage.resize(lines.size());
        for (size_t i = 0; i < lines.size(); ++i) {
            ha::Event e;
            if (parser.parse(lines[i], e, detail) != herald::parse::ErrorCode::none) continue;
            auto& st = storage[i];
            st[0] = std::string(e.headline);
            st[1] = std::string(e.summary);
            st[2] = std::string(e.body);
            st[3] = std::string(e.text);
            events[i].id = "bench";
            events[i].headline = st[0];
            events[i].summary = st[1];
            events[i].body = st[2];
            events[i].text = st[3];
            bytes += st[0].size() + st[1].size() + st[2].size() + st[3].size();
        }
    }
    std::vector<std::array<std::string, 4>> storage;
};

Corpus& corpus() {
    static Corpus c;
    return c;
}

// Tokenizer + entities + sentiment: everything this module does to an article.
void BM_DocumentEntitiesSentiment(benchmark::State& state) {
    Corpus& c = corpus();
    ha::Document doc;
    std::vector<ha::Mention> mentions;
    std::vector<ha::Metric> metrics;
    ha::EntityFinder finder(ha::AliasTable::builtin());
    ha::SentimentScorer scorer(ha::Lexicon::builtin());
    ha::Analysis out;
    auto run = [&](const ha::Event& e) {
        out.clear();
        mentions.clear();
        doc.build(e);
        finder.find(doc, mentions);
        scorer.score(doc, mentions, metrics, out);
        benchmark::DoNotOptimize(out.sentiment.score);
    };
    for (const auto& e : c.events) run(e);  // warm-up: buffers reach their steady size
    uint64_t before = g_allocations.load(), articles = 0;
    for (auto _ : state)
        for (const auto& e : c.events) {
            run(e);
            ++articles;
        }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
    state.counters["allocs_per_article"] =
        articles ? static_cast<double>(g_allocations.load() - before) / static_cast<double>(articles) : 0.0;
    state.counters["article_bytes"] = static_cast<double>(c.bytes) / static_cast<double>(c.events.size());
}
BENCHMARK(BM_DocumentEntitiesSentiment);

// Entities + sentiment on an already tokenized document (the tokenizer is shared with metrics).
void BM_EntitiesSentiment(benchmark::State& state) {
    Corpus& c = corpus();
    std::vector<ha::Document> docs(c.events.size());
    for (size_t i = 0; i < docs.size(); ++i) docs[i].build(c.events[i]);
    std::vector<ha::Mention> mentions;
    std::vector<ha::Metric> metrics;
    ha::EntityFinder finder(ha::AliasTable::builtin());
    ha::SentimentScorer scorer(ha::Lexicon::builtin());
    ha::Analysis out;
    auto run = [&](const ha::Document& d) {
        out.clear();
        mentions.clear();
        finder.find(d, mentions);
        scorer.score(d, mentions, metrics, out);
        benchmark::DoNotOptimize(out.sentiment.score);
    };
    for (const auto& d : docs) run(d);
    uint64_t before = g_allocations.load(), articles = 0;
    for (auto _ : state)
        for (const auto& d : docs) {
            run(d);
            ++articles;
        }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
    state.counters["allocs_per_article"] =
        articles ? static_cast<double>(g_allocations.load() - before) / static_cast<double>(articles) : 0.0;
}
BENCHMARK(BM_EntitiesSentiment);

// Each component alone on tokenized documents, to see where the time goes.
void BM_EntitiesOnly(benchmark::State& state) {
    Corpus& c = corpus();
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
    Corpus& c = corpus();
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
BENCHMARK(BM_Document);

}  // namespace

BENCHMARK_MAIN();
