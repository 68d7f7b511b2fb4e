// usable_cpus: cgroup v2 cpu.max parsing and the affinity mask.
#include <doctest/doctest.h>
#include <sched.h>

#include <thread>

#include "herald/core/cpus.hpp"

using herald::core::cpus_from_cgroup_max;

TEST_CASE("a cgroup cpu.max line gives the CPUs its quota allows, rounded up") {
    CHECK(cpus_from_cgroup_max("200000 100000\n") == 2);
    CHECK(cpus_from_cgroup_max("150000 100000") == 2);  // 1.5 CPUs: two threads can use them
    CHECK(cpus_from_cgroup_max("50000 100000") == 1);
    CHECK(cpus_from_cgroup_max("400000 100000") == 4);
}

TEST_CASE("no limit or an unreadable line gives 0") {
    CHECK(cpus_from_cgroup_max("max 100000\n") == 0);
    CHECK(cpus_from_cgroup_max("") == 0);
    CHECK(cpus_from_cgroup_max("200000") == 0);
    CHECK(cpus_from_cgroup_max("2x0000 100000") == 0);
    CHECK(cpus_from_cgroup_max("200000 0") == 0);
}

TEST_CASE("usable CPUs are at least one and no more than the affinity mask allows") {
    cpu_set_t set;
    CPU_ZERO(&set);
    REQUIRE(sched_getaffinity(0, sizeof set, &set) == 0);
    const unsigned n = herald::core::usable_cpus();
    CHECK(n >= 1);
    CHECK(n <= static_cast<unsigned>(CPU_COUNT(&set)));
    CHECK(n <= std::max(1u, std::thread::hardware_concurrency()));
}
