// Rule evaluation cost. Run: build/bench/micro-rules/micro-rules
//   BM_Evaluate100Rules   ns per event for 100 mixed rules (sentiment, metric, contains, windows)
//                         on a realistic analysed event; allocs_per_event counts operator new
//                         in steady state when no alert fires (expected 0).
//   BM_StateBytesPer1000Keys  state_bytes() per 1,000 keys for a windowed per-ticker rule set.
//   BM_NoveltyObserve     ns per novelty state update (one company of one event: compare with the
//                         company's stories, store this one) over 1,000 companies with full
//                         histories; allocs_per_event (expected 0) and state_bytes_per_key.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <deque>
#include <string>

#include "alloc_counter.hpp"
#include "herald/analysis/novelty.hpp"
#include "herald/rules/engine.hpp"

using namespace herald;

namespace {

// 100 rules built from 10 templates with different thresholds, none of which fire on the
// benchmark event except through windows/cooldown — the steady state of a live feed.
std::string hundred_rules() {
    const char* templates[] = {
        "when: sentiment.score <= -0.%d",
        "for: ticker\n    when: entity.sentiment.score <= -0.%d and entity.mentions >= 2",
        "when: metric(\"revenue\", entity=\"AWS\").change.percent >= %d0%%",
        "when: metric(\"backlog\").value >= %d000B",
        "for: ticker\n    when: count(sentiment.score < -0.%d, 6h) >= 50",
        "for: ticker\n    when: avg(entity.sentiment.score, 1d) < -0.%d and count(1d) >= 3",
        "when: ticker in [\"MSFT\", \"GOOGL\", \"META\"] and sentiment.score >= 0.%d",
        "when: headline contains \"guidance cut %d\" or text contains \"profit warning %d\"",
        "when: change_since_last(metric(\"backlog\")) >= %d00%%",
        "when: metric(\"capex\").value >= %d00B and sentiment.score < 0",
    };
    std::string yaml = "rules:\n";
    char buf[256];
    for (int i = 0; i < 100; ++i) {
        int t = 9 - (i / 10) % 9;  // thresholds 9..1
        std::snprintf(buf, sizeof buf, templates[i % 10], t, t);
        yaml += "  - id: rule-" + std::to_string(i) + "\n    severity: info\n    " + buf + "\n    cooldown: 1h\n";
    }
    return yaml;
}

struct Event {
    std::deque<std::string> strings;
    analysis::Event event;
    analysis::Analysis analysis;
    std::string_view keep(std::string s) {
        strings.push_back(std::move(s));
        return strings.back();
    }
    Event(std::string ticker, double score) {
        event.id = keep("bench-" + ticker);
        event.headline = keep(ticker + " reports quarterly results; cloud growth steady");
        event.summary = keep(
            "The company reported $37.6B in cloud revenue, up 18% year over year, with $14.2B in operating income. "
            "Backlog reached $364B. Capital spending guidance was kept at $120B for the year.");
        event.tickers.push_back(keep(ticker));
        analysis.sentiment = {score, analysis::label_for(score)};
        analysis::EntityResult e;
        e.name = keep(ticker + " Corp");
        e.ticker = event.tickers[0];
        e.mentions = 4;
        e.sentiment = analysis.sentiment;
        analysis.entities.push_back(e);
        auto metric = [&](analysis::MetricKind k, const char* entity, double v, double pct) {
            analysis::Metric m;
            m.kind = k;
            m.entity = keep(entity);
            m.ticker = e.ticker;
            m.has_value = true;
            m.value = v;
            m.unit = analysis::Unit::of("USD");
            if (pct != 0) {
                m.change.has_percent = true;
                m.change.percent = pct;
                m.change.direction = analysis::Direction::up;
            }
            analysis.metrics.push_back(m);
        };
        metric(analysis::MetricKind::revenue, "AWS", 37.6e9, 18);
        metric(analysis::MetricKind::operating_income, "AWS", 14.2e9, 0);
        metric(analysis::MetricKind::backlog, "AWS", 364e9, 0);
        metric(analysis::MetricKind::capex, "AWS", 120e9, 0);
    }
};

void BM_Evaluate100Rules(benchmark::State& state) {
    auto loaded = rules::load_rules_text(hundred_rules(), "bench.yaml");
    if (!loaded.ok()) {
        state.SkipWithError(loaded.errors.front().to_string().c_str());
        return;
    }
    rules::Engine engine(loaded.rules);
    Event ev("AMZN", 0.05);
    std::vector<rules::Alert> out;
    out.reserve(16);
    int64_t t = 1'777'583'400'000;
    // Warm up: keys, windows (up to their steady size) and last values exist.
    for (int i = 0; i < 2000; ++i) {
        out.clear();
        engine.evaluate({ev.event, ev.analysis, t += 60'000}, out);
    }
    uint64_t allocs_before = bench::allocations();
    uint64_t fired = 0;
    for (auto _ : state) {
        out.clear();
        engine.evaluate({ev.event, ev.analysis, t += 60'000}, out);
        fired += out.size();
        benchmark::DoNotOptimize(out.data());
    }
    state.counters["allocs_per_event"] =
        benchmark::Counter(static_cast<double>(bench::allocations() - allocs_before) / static_cast<double>(state.iterations()));
    state.counters["alerts_per_event"] =
        benchmark::Counter(static_cast<double>(fired) / static_cast<double>(state.iterations()));
    state.counters["rules"] = static_cast<double>(loaded.rules->size());
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Evaluate100Rules);

void BM_StateBytesPer1000Keys(benchmark::State& state) {
    // A per-ticker set with count/avg windows, a cooldown and change_since_last, like the demo.
    auto loaded = rules::load_rules_text(R"Y(rules:
  - id: burst
    severity: critical
    for: ticker
    when: count(entity.sentiment.score <= -0.3, 2d) >= 2 and avg(entity.sentiment.score, 2d) < -0.4
    cooldown: 2d
    resolved: true
  - id: collapse
    severity: warning
    for: ticker
    when: entity.sentiment.score <= -0.7 and count(entity.sentiment.score >= 0.3, 7d) >= 2
    cooldown: 2d
  - id: backlog
    severity: warning
    for: ticker
    when: change_since_last(metric("backlog")) >= 20%
)Y",
                                         "state.yaml");
    const int events_per_key = static_cast<int>(state.range(0));
    size_t bytes = 0;
    for (auto _ : state) {
        rules::Engine engine(loaded.rules);
        std::vector<rules::Alert> out;
        int64_t t = 1'777'583'400'000;
        for (int round = 0; round < events_per_key; ++round) {
            for (int k = 0; k < 1000; ++k) {
                std::string ticker = "T";
                ticker += std::to_string(k);  // appended: gcc 12 warns (-Wrestrict) on "T" + string
                Event ev(ticker, (k + round) % 3 == 0 ? -0.5 : 0.4);
                out.clear();
                engine.evaluate({ev.event, ev.analysis, t += 1000}, out);
            }
        }
        bytes = engine.state_bytes();
        benchmark::DoNotOptimize(bytes);
    }
    state.counters["state_bytes_per_1000_keys"] = static_cast<double>(bytes);
    state.counters["events_per_key"] = events_per_key;
}
BENCHMARK(BM_StateBytesPer1000Keys)->Arg(1)->Arg(10)->Arg(50)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_NoveltyObserve(benchmark::State& state) {
    analysis::NoveltyTracker tracker(24 * 3600 * 1000LL);
    std::vector<std::string> keys, ids;
    for (int k = 0; k < 1000; ++k) keys.push_back("T" + std::to_string(k));
    for (int i = 0; i < 4096; ++i) ids.push_back("bench-event-" + std::to_string(i));
    // 64 stories of 24 content words each, sharing a few words so some comparisons go deep.
    std::vector<analysis::StorySketch> sketches(64);
    uint64_t x = 88172645463325252ULL;
    for (auto& sk : sketches) {
        std::vector<uint32_t> h;
        for (int w = 0; w < 24; ++w) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            h.push_back(w < 4 ? static_cast<uint32_t>(w * 77777) : static_cast<uint32_t>(x));
        }
        std::sort(h.begin(), h.end());
        h.erase(std::unique(h.begin(), h.end()), h.end());
        sk.count = static_cast<uint8_t>(h.size());
        sk.features = sk.count;
        std::copy(h.begin(), h.end(), sk.mins);
    }
    int64_t t = 1'777'583'400'000;
    size_t i = 0;
    auto step = [&] {
        auto r = tracker.observe(keys[i % keys.size()], sketches[(i / 7) % sketches.size()], ids[i % ids.size()],
                                 t += 1000);
        benchmark::DoNotOptimize(r.novelty);
        ++i;
    };
    for (int w = 0; w < 40000; ++w) step();  // every company holds its 16 stories
    uint64_t allocs_before = bench::allocations();
    for (auto _ : state) step();
    state.counters["allocs_per_event"] =
        benchmark::Counter(static_cast<double>(bench::allocations() - allocs_before) / static_cast<double>(state.iterations()));
    state.counters["state_bytes_per_key"] =
        static_cast<double>(tracker.state_bytes()) / static_cast<double>(std::max<size_t>(1, tracker.key_count()));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NoveltyObserve);

}  // namespace

BENCHMARK_MAIN();
