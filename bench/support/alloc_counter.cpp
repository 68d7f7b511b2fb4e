// The counting global allocator of the benchmark binaries. It lives in the same object file as
// allocations(), so any binary that reads the count also links the replacement.
#include "alloc_counter.hpp"

#include <atomic>
#include <cstdlib>
#include <new>

namespace {
std::atomic<uint64_t> g_allocations{0};
}

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

namespace herald::bench {

uint64_t allocations() { return g_allocations.load(std::memory_order_relaxed); }

double per_item(uint64_t before, uint64_t items) {
    return items ? static_cast<double>(allocations() - before) / static_cast<double>(items) : 0.0;
}

}  // namespace herald::bench
