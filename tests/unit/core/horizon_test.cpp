// Horizon: expiry in event time at its edge, and the sweep of a map by each entry's date.
#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>

#include "herald/core/horizon.hpp"

using herald::core::Horizon;

TEST_CASE("an entry expires once it is dated before now minus the horizon") {
    const Horizon h(1000);
    CHECK(h.ms() == 1000);
    CHECK_FALSE(h.expired(5000, 5000));
    CHECK_FALSE(h.expired(4000, 5000));  // exactly the horizon ago: still within
    CHECK(h.expired(3999, 5000));
    CHECK_FALSE(h.expired(6000, 5000));  // dated after now (out-of-order events)
    CHECK_FALSE(Horizon(0).expired(5000, 5000));
    CHECK(Horizon(0).expired(4999, 5000));
}

TEST_CASE("a sweep erases the expired entries only, by the date the caller picks") {
    struct Entry {
        int64_t first = 0, newest = 0;
    };
    const Horizon h(100);
    std::unordered_map<std::string, Entry> by_key{
        {"old", {10, 50}}, {"edge", {60, 150}}, {"mixed", {20, 400}}, {"new", {300, 400}}};
    h.sweep(by_key, 250, [](const Entry& e) { return e.newest; });
    CHECK(by_key.size() == 3);  // "old": its newest (50) is before 150
    CHECK(by_key.count("edge") == 1);
    CHECK(by_key.count("mixed") == 1);

    h.sweep(by_key, 250, [](const Entry& e) { return e.first; });
    CHECK(by_key.size() == 1);  // by their first dates only "new" is within
    CHECK(by_key.count("new") == 1);

    std::map<int, Entry> ordered{{1, {0, 0}}, {2, {0, 0}}};
    h.sweep(ordered, 100, [](const Entry& e) { return e.first; });
    CHECK(ordered.size() == 2);  // 0 is exactly the horizon before 100
    h.sweep(ordered, 101, [](const Entry& e) { return e.first; });
    CHECK(ordered.empty());
}
