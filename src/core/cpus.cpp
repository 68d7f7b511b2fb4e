#include "herald/core/cpus.hpp"

#include <sched.h>

#include <charconv>
#include <cstdint>
#include <fstream>
#include <string>
#include <thread>

namespace herald::core {

unsigned cpus_from_cgroup_max(std::string_view line) {
    while (!line.empty() && (line.back() == '\n' || line.back() == ' ')) line.remove_suffix(1);
    const size_t space = line.find(' ');
    if (space == std::string_view::npos) return 0;
    const std::string_view quota_text = line.substr(0, space), period_text = line.substr(space + 1);
    uint64_t quota = 0, period = 0;
    auto q = std::from_chars(quota_text.data(), quota_text.data() + quota_text.size(), quota);
    auto p = std::from_chars(period_text.data(), period_text.data() + period_text.size(), period);
    if (q.ec != std::errc() || q.ptr != quota_text.data() + quota_text.size() || p.ec != std::errc() ||
        p.ptr != period_text.data() + period_text.size() || quota == 0 || period == 0)
        return 0;  // "max": no limit
    const uint64_t cpus = (quota + period - 1) / period;
    return static_cast<unsigned>(cpus > 4096 ? 4096 : cpus);
}

unsigned usable_cpus() {
    unsigned cpus = std::thread::hardware_concurrency();
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
        const int allowed = CPU_COUNT(&set);
        if (allowed > 0) cpus = static_cast<unsigned>(allowed);
    }
    // The process's own cgroup (v2 unified hierarchy); in a container this is its root.
    std::ifstream in("/sys/fs/cgroup/cpu.max");
    std::string line;
    if (in && std::getline(in, line)) {
        const unsigned quota = cpus_from_cgroup_max(line);
        if (quota > 0 && (cpus == 0 || quota < cpus)) cpus = quota;
    }
    return cpus == 0 ? 1 : cpus;
}

}  // namespace herald::core
