#pragma once
// Heap allocations counted across a benchmark: linking herald_bench_support replaces the global
// operator new of the binary with one that counts, so "no allocation per event" is measured.
//
//   const uint64_t before = herald::bench::allocations();
//   ... timed loop ...
//   state.counters["allocs_per_article"] = herald::bench::per_item(before, articles);
#include <cstdint>

namespace herald::bench {

// Calls to operator new (any form) since the program started.
uint64_t allocations();

// Allocations since `before`, divided by `items` (0 when there were none).
double per_item(uint64_t before, uint64_t items);

}  // namespace herald::bench
