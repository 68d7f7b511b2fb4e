#include "herald/core/open_files.hpp"

#include <doctest/doctest.h>
#include <sys/resource.h>

TEST_CASE("the soft descriptor limit is raised to the hard limit, never lowered") {
    struct rlimit before {};
    REQUIRE(getrlimit(RLIMIT_NOFILE, &before) == 0);
    // Start from a soft limit below the hard one, as a login shell's `ulimit -n 1024` leaves it.
    if (before.rlim_max != RLIM_INFINITY && before.rlim_max > 64) {
        struct rlimit low = before;
        low.rlim_cur = 64;
        REQUIRE(setrlimit(RLIMIT_NOFILE, &low) == 0);
        CHECK(herald::core::open_files_limit() == 64);
    }
    const size_t now = herald::core::raise_open_files_limit();
    struct rlimit after {};
    REQUIRE(getrlimit(RLIMIT_NOFILE, &after) == 0);
    CHECK(after.rlim_cur == after.rlim_max);
    CHECK(now == herald::core::open_files_limit());
    CHECK(herald::core::raise_open_files_limit() == now);  // idempotent
}
