// Deadline: the budget left, clamped, and expiry; no sleeping (the clock only moves forward).
#include <doctest/doctest.h>

#include "herald/core/deadline.hpp"

using herald::core::Deadline;

TEST_CASE("a deadline gives what is left of its budget, clamped") {
    const Deadline d(60000);
    CHECK_FALSE(d.expired());
    CHECK(d.left_ms() > 59000);
    CHECK(d.left_ms() <= 60000);
    CHECK(d.left_ms(0, 5000) == 5000);  // steps of at most 5 s
    CHECK(d.left_ms(70000) == 70000);   // a floor above what is left wins
}

TEST_CASE("an empty or negative budget is expired and gives the floor") {
    for (const Deadline& d : {Deadline(0), Deadline(-5), Deadline()}) {
        CHECK(d.expired());
        CHECK(d.left_ms() == 0);
        CHECK(d.left_ms(1) == 1);  // for calls that read 0 as "do not wait"
    }
}
