#include "herald/app/pipeline/fetch_watch.hpp"

#include <doctest/doctest.h>

using herald::app::FetchObservation;
using herald::app::FetchWatch;

namespace {

constexpr int64_t kS = 1'000'000'000;

// One partition's view at a check, the way the pipeline fills it after asking the brokers.
FetchObservation seen(int32_t p, int64_t next, int64_t last_message_s, int64_t start, int64_t end) {
    return {p, next, last_message_s * kS, start, end};
}

}  // namespace

TEST_CASE("a quiet partition that just received data is not stalled") {
    FetchWatch watch({.stall_ms = 30000});
    // Delivered its last message at t=1 s, then nothing for a minute; data arrives at t=60 s.
    std::vector<FetchObservation> owned{seen(0, 100, 1, 0, 100)};
    watch.suspects(owned, 5 * kS);
    CHECK(watch.judge(owned, 5 * kS).empty());
    owned[0].log_end = 101;
    CHECK(watch.suspects(owned, 61 * kS).size() == 1);
    CHECK(watch.judge(owned, 61 * kS).empty());  // waiting since now, not since t=1 s
    CHECK(watch.stalled().empty());
    // Delivered at t=62 s: progress, the wait is over.
    owned[0] = seen(0, 101, 62, 0, 101);
    CHECK(watch.suspects(owned, 66 * kS).empty());
    CHECK(watch.judge(owned, 66 * kS).empty());
    CHECK(watch.judge(owned, 200 * kS).empty());  // idle: nothing newer on the broker
    CHECK(watch.stalled().empty());
}

TEST_CASE("a partition re-assigned without a committed offset is watched from the log start") {
    FetchWatch watch({.stall_ms = 30000});
    // Assigned at t=10 s, nothing delivered (next offset unknown), the broker holds [0, 40).
    std::vector<FetchObservation> owned{seen(3, -1, 10, 0, 40)};
    watch.suspects(owned, 11 * kS);
    CHECK(watch.suspects(owned, 15 * kS).size() == 1);
    CHECK(watch.judge(owned, 15 * kS).empty());  // first seen waiting
    CHECK(watch.judge(owned, 40 * kS).empty());  // 25 s: not yet
    auto verdicts = watch.judge(owned, 45 * kS);
    REQUIRE(verdicts.size() == 1);
    CHECK(verdicts[0].partition == 3);
    CHECK(verdicts[0].action == FetchWatch::Action::restart);
    CHECK(verdicts[0].restart_at == 0);  // where auto.offset.reset=earliest starts it
    CHECK(verdicts[0].position == 0);
    CHECK(verdicts[0].waited_ms == 30000);
    REQUIRE(watch.stalled().size() == 1);
    CHECK(herald::app::describe_stalled(watch.stalled()) ==
          "partition 3 has had fetchable data for 30 s without progress (position 0, broker end 40, fetch "
          "restarted 0 times)");
    watch.restarted(3, 45 * kS);
    CHECK(watch.stalled()[0].restarts == 1);
    // Still stalled after the restart: reported, but the restart is judged a full period later.
    CHECK(watch.judge(owned, 50 * kS).empty());
    CHECK(watch.stalled().size() == 1);
    verdicts = watch.judge(owned, 75 * kS);
    REQUIRE(verdicts.size() == 1);
    CHECK(verdicts[0].restarts == 2);
}

TEST_CASE("an empty or fully read partition is idle, however long it is quiet") {
    FetchWatch watch({.stall_ms = 1000});
    std::vector<FetchObservation> owned{seen(0, -1, 0, 0, 0), seen(1, 50, 0, 0, 50), seen(2, -1, 0, 20, 20)};
    for (int64_t t = 1; t < 100; t += 5) {
        watch.suspects(owned, t * kS);
        CHECK(watch.judge(owned, t * kS).empty());
    }
    CHECK(watch.stalled().empty());
}

TEST_CASE("with auto.offset.reset=latest an unread partition starts where the log ended when first seen") {
    FetchWatch watch({.stall_ms = 2000, .reset_to_end = true});
    std::vector<FetchObservation> owned{seen(0, -1, 0, 0, 500)};
    CHECK(watch.judge(owned, 1 * kS).empty());
    CHECK(watch.judge(owned, 10 * kS).empty());  // 500 old messages are not waiting for herald
    owned[0].log_end = 501;
    CHECK(watch.judge(owned, 11 * kS).empty());
    auto verdicts = watch.judge(owned, 13 * kS);
    REQUIRE(verdicts.size() == 1);
    CHECK(verdicts[0].restart_at == 500);
}

TEST_CASE("restarts that do not help end in giving up; a message in between starts over") {
    FetchWatch watch({.stall_ms = 1000, .max_restarts = 2});
    std::vector<FetchObservation> owned{seen(0, 10, 0, 0, 20)};
    watch.judge(owned, 1 * kS);
    int64_t t = 2 * kS;
    for (int i = 0; i < 2; ++i, t += kS) {
        auto v = watch.judge(owned, t);
        REQUIRE(v.size() == 1);
        CHECK(v[0].action == FetchWatch::Action::restart);
        CHECK(v[0].restart_at == 10);
        watch.restarted(0, t);
    }
    auto v = watch.judge(owned, t);
    REQUIRE(v.size() == 1);
    CHECK(v[0].action == FetchWatch::Action::give_up);
    // A message delivered: progress, the restarts count from zero again.
    owned[0] = seen(0, 11, 10, 0, 20);
    CHECK(watch.judge(owned, 10 * kS).empty());
    v = watch.judge(owned, 11 * kS);
    REQUIRE(v.size() == 1);
    CHECK(v[0].action == FetchWatch::Action::restart);
    CHECK(v[0].restarts == 1);
}

TEST_CASE("unknown end offsets (brokers away) change nothing; a pause resets the waits") {
    FetchWatch watch({.stall_ms = 1000});
    std::vector<FetchObservation> owned{seen(0, 10, 0, 0, 20), seen(1, 5, 0, 0, 9)};
    watch.judge(owned, 1 * kS);
    REQUIRE(watch.judge(owned, 3 * kS).size() == 2);
    CHECK(watch.stalled().size() == 2);
    CHECK(herald::app::describe_stalled(watch.stalled()).find("1 more partition(s) stalled") != std::string::npos);
    watch.reset();
    CHECK(watch.stalled().empty());
    CHECK(watch.judge(owned, 4 * kS).empty());  // waiting from now on
    owned[0].log_end = -1;
    owned[1].log_end = -1;
    CHECK(watch.judge(owned, 9 * kS).empty());
    watch.forget(0);
    CHECK(watch.stalled().empty());
}

TEST_CASE("checks run often enough for the timeout and at most every 5 s") {
    CHECK(FetchWatch({.stall_ms = 30000}).check_every_ns() == 5 * kS);
    CHECK(FetchWatch({.stall_ms = 6000}).check_every_ns() == 1500 * 1'000'000LL);
    CHECK(FetchWatch({.stall_ms = 100}).check_every_ns() == 250 * 1'000'000LL);
    CHECK_FALSE(FetchWatch({.stall_ms = 0}).enabled());
}
