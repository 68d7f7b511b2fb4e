#pragma once
// How many CPUs this process may really use: the CPUs its affinity mask allows, capped by a
// cgroup v2 CPU quota (a container's CPU limit). std::thread::hardware_concurrency counts the
// machine's CPUs, so a pod limited to 2 CPUs on a 64-core node would start 64 threads.
//
//   size_t workers = 2 * herald::core::usable_cpus();
//   unsigned quota = herald::core::cpus_from_cgroup_max("200000 100000");  // 2
#include <string_view>

namespace herald::core {

// At least 1.
unsigned usable_cpus();

// The CPUs a cgroup v2 `cpu.max` line ("QUOTA PERIOD", or "max PERIOD" for no limit) allows,
// rounded up; 0 when there is no limit or the line cannot be read.
unsigned cpus_from_cgroup_max(std::string_view line);

}  // namespace herald::core
