#pragma once
// The seed analyst notes (../shared/data/seeds.ndjson) as events whose fields the corpus owns,
// or one project-written note shaped like them when the shared data is not there.
//
//   const herald::bench::SeedCorpus& c = herald::bench::seed_corpus();
//   for (const auto& e : c.events) analyzer.analyze(e, out);   // c.bytes of text per round
#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "herald/analysis/event.hpp"

namespace herald::bench {

struct SeedCorpus {
    std::vector<analysis::Event> events;              // views into `storage`
    std::vector<std::array<std::string, 4>> storage;  // headline, summary, body, text
    size_t bytes = 0;                                 // text bytes of all events
};

// Loaded once per process.
const SeedCorpus& seed_corpus();

}  // namespace herald::bench
