// micro-metrics: MB/s of QuantityExtractor + MetricExtractor over seed-sized articles (about 2.5 KB,
// figures in the summary, prose in the body), on a Document built once; and heap allocations per
// article in steady state, counted by bench/support's global operator new.
//
//   micro-metrics [--benchmark_filter=...]
//   micro-metrics --once N     extracts N + 1 times with no timing loop, for exact instruction
//                              counts under callgrind (toggle on QuantityExtractor/MetricExtractor::extract)
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <vector>

#include "alloc_counter.hpp"
#include "herald/analysis/entities.hpp"
#include "herald/analysis/metrics.hpp"
#include "herald/analysis/quantities.hpp"
#include "micro_main.hpp"

using namespace herald::analysis;

namespace {

// Written for this benchmark: an earnings note shaped like the seeds (figures up front, analysis after).
const char* kSummary =
    "Globex reported Q3 2025 revenue of $12.4 billion, up 14% year over year, while its cloud unit revenue rose "
    "22% to $3.1B. Operating income was $2.05 billion, and the order backlog reached $48B. The company expects "
    "full-year capex of $9-10 billion and said EPS of $1.87 beat estimates; net loss at the devices arm narrowed "
    "to EUR 120 mn from EUR 310 mn.";
const char* kBodyParagraph =
    "The market is weighing how durable the cloud acceleration is once the current wave of enterprise projects "
    "matures. Management argued that long-duration contracts give it unusual visibility, but investors will want "
    "proof that margins can hold while capacity keeps expanding ahead of demand. Competitors face the same scarce "
    "inputs without comparable balance sheets, which could widen the gap over the next several quarters. ";

struct Article {
    std::string summary, body;
    Event event;
    Document doc;
    std::vector<Mention> mentions;
};

void build(Article& a) {
    a.summary = kSummary;
    for (int i = 0; i < 5; ++i) a.body += kBodyParagraph;
    a.event.clear();
    a.event.summary = a.summary;
    a.event.body = a.body;
    a.event.tickers.push_back("GLBX");
    a.doc.build(a.event);
    // One hand-placed mention of the company at the start of the summary.
    Mention m;
    m.entity = m.company = "Globex";
    m.ticker = "GLBX";
    m.span = {Field::summary, 0, 6};
    m.sentence = 0;
    m.token = 0;
    a.mentions.push_back(m);
}

void BM_QuantitiesAndMetrics(benchmark::State& state) {
    Article a;
    build(a);
    QuantityExtractor qx;
    MetricExtractor mx;
    std::vector<Quantity> qs;
    std::vector<Metric> ms;
    size_t bytes = a.summary.size() + a.body.size();
    // Warm up the reused buffers, then count allocations only in steady state.
    for (int i = 0; i < 4; ++i) {
        qs.clear();
        ms.clear();
        qx.extract(a.doc, qs);
        mx.extract(a.doc, a.mentions, qs, ms);
    }
    uint64_t before = herald::bench::allocations();
    uint64_t articles = 0;
    for (auto _ : state) {
        qs.clear();
        ms.clear();
        qx.extract(a.doc, qs);
        mx.extract(a.doc, a.mentions, qs, ms);
        benchmark::DoNotOptimize(ms.data());
        ++articles;
    }
    state.SetBytesProcessed(static_cast<int64_t>(articles * bytes));
    state.counters["allocs_per_article"] = herald::bench::per_item(before, articles);
    state.counters["metrics"] = static_cast<double>(ms.size());
    state.counters["quantities"] = static_cast<double>(qs.size());
    state.counters["article_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_QuantitiesAndMetrics);

void BM_QuantitiesOnly(benchmark::State& state) {
    Article a;
    build(a);
    QuantityExtractor qx;
    std::vector<Quantity> qs;
    size_t bytes = a.summary.size() + a.body.size();
    for (auto _ : state) {
        qs.clear();
        qx.extract(a.doc, qs);
        benchmark::DoNotOptimize(qs.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_QuantitiesOnly);

// Fixed work for instruction counting: one warm-up extraction, then `rounds` more.
int run_once(int rounds) {
    Article a;
    build(a);
    QuantityExtractor qx;
    MetricExtractor mx;
    std::vector<Quantity> qs;
    std::vector<Metric> ms;
    size_t found = 0;
    for (int r = 0; r <= rounds; ++r) {
        qs.clear();
        ms.clear();
        qx.extract(a.doc, qs);
        mx.extract(a.doc, a.mentions, qs, ms);
        found += ms.size();
    }
    std::printf("%d articles of %zu bytes, %zu metrics\n", rounds + 1, a.summary.size() + a.body.size(), found);
    return 0;
}

}  // namespace

int main(int argc, char** argv) { return herald::bench::micro_main(argc, argv, run_once); }
