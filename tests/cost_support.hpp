#pragma once
// Shared by the tests that compare CPU costs (analysis_cost_test, hostile_cost_test): the calling
// thread's CPU time, and text made of a unit repeated to a size.
#include <time.h>

#include <string>
#include <string_view>

namespace herald::test {

inline double thread_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

inline std::string repeat_to(std::string_view unit, size_t size) {
    std::string s;
    s.reserve(size + unit.size());
    while (s.size() < size) s.append(unit);
    s.resize(size);
    return s;
}

}  // namespace herald::test
