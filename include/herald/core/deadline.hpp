#pragma once
// One time budget shared by several blocking calls: each call gets what is left of it, so a
// sequence of them (list offsets, commit, leave the group...) ends when the budget does.
//
//   herald::core::Deadline deadline(5000);                       // 5 s from now
//   query(deadline.left_ms(1));                                  // what is left, at least 1 ms
//   while (!deadline.expired()) poll(deadline.left_ms(0, 100));  // in steps of at most 100 ms
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <limits>

namespace herald::core {

class Deadline {
public:
    using Clock = std::chrono::steady_clock;

    Deadline() = default;  // already expired
    explicit Deadline(int64_t budget_ms) : at_(Clock::now() + std::chrono::milliseconds(std::max<int64_t>(budget_ms, 0))) {}

    bool expired() const { return Clock::now() >= at_; }
    Clock::time_point at() const { return at_; }

    // Milliseconds left, within [floor, ceiling]: a floor of 1 for calls that read 0 as "do not
    // wait at all" (or -1 as "forever"), a ceiling to wake up and check something else.
    int left_ms(int floor = 0, int ceiling = std::numeric_limits<int>::max()) const {
        const int64_t left = std::chrono::duration_cast<std::chrono::milliseconds>(at_ - Clock::now()).count();
        return static_cast<int>(std::clamp<int64_t>(left, floor, ceiling));
    }

private:
    Clock::time_point at_{};
};

}  // namespace herald::core
