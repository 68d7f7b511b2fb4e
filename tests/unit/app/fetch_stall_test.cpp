#include "herald/app/pipeline/fetch_stall.hpp"

#include <doctest/doctest.h>

#include <map>

using herald::app::FetchObservation;
using herald::app::FetchStall;
using herald::app::FetchStallProbe;
using herald::kafka::TopicPartition;

namespace {

constexpr int64_t kS = 1'000'000'000;

// A consumer whose brokers report fixed log bounds, and which records restarts.
struct FakeControl : herald::app::PartitionControl {
    std::map<int32_t, int64_t> end, start;
    bool brokers_answer = true;
    std::vector<TopicPartition> restarted, resumed;
    int lookups = 0;
    void pause(const std::vector<TopicPartition>&) override {}
    void resume(const std::vector<TopicPartition>& tps) override { resumed.insert(resumed.end(), tps.begin(), tps.end()); }
    bool offsets_for_times(std::vector<TopicPartition>& tps, int, std::string& error) override {
        ++lookups;
        if (!brokers_answer) {
            error = "timed out";
            return false;
        }
        for (auto& tp : tps) tp.offset = tp.offset == herald::kafka::kOffsetEnd ? end[tp.partition] : start[tp.partition];
        return true;
    }
    bool refresh_metadata(const std::string&, int, std::string&, std::vector<int32_t>* leaders) override {
        if (leaders) *leaders = {1, 1, 1, 1};
        return true;
    }
    bool restart_partitions(const std::vector<TopicPartition>& tps, int, std::string&) override {
        restarted.insert(restarted.end(), tps.begin(), tps.end());
        return true;
    }
};

struct Rig {
    FakeControl control;
    FetchStallProbe probe;
    std::string failure;
    FetchStall stall{{"news", {.stall_ms = 4000, .max_restarts = 2}}, control, probe,
                     [this](const std::string& why) { failure = why; }};
    // Partition 0, next offset 10, last message at t=0: the consumer's view.
    std::vector<FetchObservation> owned{{0, 10, 0, -1, -1}};
    void check_at(int64_t seconds) {
        stall.check([this] { return owned; }, seconds * kS);
    }
};

}  // namespace

TEST_CASE("an idle partition (nothing newer on the broker) is never restarted") {
    Rig rig;
    rig.control.end[0] = 10;
    for (int64_t t = 1; t < 60; ++t) rig.check_at(t);
    CHECK(rig.control.restarted.empty());
    std::string why;
    CHECK_FALSE(rig.probe.stalled(why));
}

TEST_CASE("data waiting without progress restarts the fetch at herald's position, then gives up") {
    Rig rig;
    rig.control.end[0] = 25;  // 15 messages the consumer does not receive
    for (int64_t t = 1; t <= 6; ++t) rig.check_at(t);
    REQUIRE(rig.control.restarted.size() == 1);
    CHECK(rig.control.restarted[0].partition == 0);
    CHECK(rig.control.restarted[0].offset == 10);
    CHECK(rig.control.resumed.size() == 1);  // no pause may outlive the restart
    CHECK(rig.probe.restarts() == 1);
    std::string why;
    CHECK(rig.probe.stalled(why));
    CHECK(why.find("partition 0") != std::string::npos);
    for (int64_t t = 7; t <= 60 && rig.failure.empty(); ++t) rig.check_at(t);
    CHECK(rig.probe.restarts() == 2);
    CHECK(rig.failure.find("partition 0 has had fetchable data") != std::string::npos);
}

TEST_CASE("brokers that do not answer are not a stall; a delivered message ends the wait") {
    Rig rig;
    rig.control.end[0] = 25;
    rig.control.brokers_answer = false;
    for (int64_t t = 1; t <= 20; ++t) rig.check_at(t);
    CHECK(rig.control.restarted.empty());
    CHECK(rig.control.lookups > 0);
    rig.control.brokers_answer = true;
    rig.check_at(21);
    rig.owned[0] = {0, 11, 22 * kS, -1, -1};  // progress
    for (int64_t t = 22; t <= 25; ++t) rig.check_at(t);
    CHECK(rig.control.restarted.empty());
}

TEST_CASE("a partition with no position yet is judged from the log start; reset forgets waits") {
    Rig rig;
    rig.owned[0] = {0, -1, 0, -1, -1};
    rig.control.start[0] = 3;
    rig.control.end[0] = 8;
    for (int64_t t = 1; t <= 3; ++t) rig.check_at(t);
    rig.stall.reset();  // herald paused: the wait so far does not count
    rig.check_at(4);
    CHECK(rig.control.restarted.empty());
    for (int64_t t = 5; t <= 10 && rig.control.restarted.empty(); ++t) rig.check_at(t);
    REQUIRE(rig.control.restarted.size() == 1);
    CHECK(rig.control.restarted[0].offset == 3);
}
