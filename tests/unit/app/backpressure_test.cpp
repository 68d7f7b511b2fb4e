#include "herald/app/pipeline/backpressure.hpp"

#include <doctest/doctest.h>

#include <set>

using herald::app::Backpressure;

namespace {

// Records what backpressure asks of the consumer.
struct FakeControl : herald::app::PartitionControl {
    std::set<int32_t> paused;
    int pauses = 0, resumes = 0;
    void pause(const std::vector<herald::kafka::TopicPartition>& tps) override {
        ++pauses;
        for (const auto& tp : tps) paused.insert(tp.partition);
    }
    void resume(const std::vector<herald::kafka::TopicPartition>& tps) override {
        ++resumes;
        for (const auto& tp : tps) paused.erase(tp.partition);
    }
    bool offsets_for_times(std::vector<herald::kafka::TopicPartition>&, int, std::string&) override { return false; }
    bool refresh_metadata(const std::string&, int, std::string&, std::vector<int32_t>*) override { return false; }
    bool restart_partitions(const std::vector<herald::kafka::TopicPartition>&, int, std::string&) override {
        return false;
    }
};

auto never_settles(size_t n) {
    return [n] { return n; };
}
auto keep_waiting() {
    return [] { return true; };
}
auto owns(std::vector<int32_t> partitions) {
    return [partitions] { return partitions; };
}

}  // namespace

TEST_CASE("a full window that stays full pauses every owned partition; half empty resumes") {
    FakeControl control;
    Backpressure bp({"news", 100, 5}, control, {});
    bool changed = false;
    CHECK(bp.regulate(60, never_settles(60), keep_waiting(), owns({0, 1}), changed) == 60);
    CHECK_FALSE(changed);
    CHECK_FALSE(bp.paused());
    CHECK(bp.room(60) == 40);

    bp.regulate(100, never_settles(100), keep_waiting(), owns({0, 1}), changed);
    CHECK(changed);
    CHECK(bp.paused());
    CHECK(control.paused == std::set<int32_t>{0, 1});
    CHECK(bp.room(100) == 0);

    bp.regulate(70, never_settles(70), keep_waiting(), owns({0, 1}), changed);  // above half: stays paused
    CHECK_FALSE(changed);
    CHECK(bp.paused());
    bp.regulate(50, never_settles(50), keep_waiting(), owns({0, 1}), changed);
    CHECK(changed);
    CHECK_FALSE(bp.paused());
    CHECK(control.paused.empty());
}

TEST_CASE("busy workers that refill the window in time cause no pause") {
    FakeControl control;
    Backpressure bp({"news", 64, 10000}, control, {});
    size_t inflight = 64;
    int settles = 0;
    auto draining = [&] {
        ++settles;
        inflight -= 4;  // acknowledgements arrive
        return inflight;
    };
    bool changed = false;
    const size_t after = bp.regulate(inflight, draining, keep_waiting(), owns({0}), changed);
    CHECK(after <= 64 - 64 / 8);  // waited until an eighth of the window was free
    CHECK(settles == 2);
    CHECK_FALSE(bp.paused());
    CHECK(control.pauses == 0);
}

TEST_CASE("a stop ends the wait for room at once") {
    FakeControl control;
    Backpressure bp({"news", 8, 10000}, control, {});
    int settles = 0;
    bool changed = false;
    bp.regulate(8, [&] { ++settles; return size_t{8}; }, [] { return false; }, owns({0}), changed);
    CHECK(settles == 0);
    CHECK(bp.paused());
}

TEST_CASE("partitions given up while paused are resumed too; new ones follow the pause") {
    FakeControl control;
    Backpressure bp({"news", 10, 1}, control, {});
    bool changed = false;
    bp.regulate(10, never_settles(10), keep_waiting(), owns({0, 1, 2}), changed);
    REQUIRE(bp.paused());
    bp.adopt({7});  // assigned while paused: paused as well
    CHECK(control.paused == std::set<int32_t>{0, 1, 2, 7});
    // Partition 1 was revoked meanwhile; librdkafka would keep its pause if it came back.
    bp.regulate(0, never_settles(0), keep_waiting(), owns({0, 2, 7}), changed);
    CHECK(control.paused.empty());
    const int resumes = control.resumes;
    bp.adopt({1});  // not paused: a new partition is resumed, whatever librdkafka kept
    CHECK(control.resumes == resumes + 1);
}

TEST_CASE("the owned partitions are listed only when consumption pauses or resumes") {
    // regulate runs once per poll; listing the partitions allocated on every poll before.
    FakeControl control;
    Backpressure bp({"news", 10, 1}, control, {});
    int listed = 0;
    auto owned = [&] {
        ++listed;
        return std::vector<int32_t>{0, 1};
    };
    bool changed = false;
    for (size_t inflight : {0u, 3u, 6u, 9u}) bp.regulate(inflight, never_settles(inflight), keep_waiting(), owned, changed);
    CHECK(listed == 0);  // the window never filled: nothing to pause, nothing asked
    bp.regulate(10, never_settles(10), keep_waiting(), owned, changed);
    CHECK(listed == 1);
    CHECK(control.paused == std::set<int32_t>{0, 1});
    bp.regulate(8, never_settles(8), keep_waiting(), owned, changed);  // still paused: no change
    CHECK(listed == 1);
    bp.regulate(2, never_settles(2), keep_waiting(), owned, changed);
    CHECK(listed == 2);
    CHECK(control.paused.empty());
}
