#include <doctest/doctest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "herald/app/pipeline/offset_tracker.hpp"
#include "herald/app/pipeline/spsc_queue.hpp"

using herald::app::OffsetTracker;
using herald::app::SpscQueue;

TEST_CASE("offsets advance only over finished work, in order") {
    OffsetTracker t(8);
    auto* a = t.begin(10, -1, 0);
    auto* b = t.begin(11, -1, 0);
    auto* c = t.begin(12, -1, 0);
    int64_t next = -1;
    CHECK_FALSE(t.advance(next));
    b->release();  // 11 done before 10: nothing can be committed yet
    CHECK_FALSE(t.advance(next));
    a->add_pending(2);  // 10 produced two alerts
    a->release();
    CHECK_FALSE(t.advance(next));
    a->release();  // first alert acknowledged
    CHECK_FALSE(t.advance(next));
    a->release();  // second
    REQUIRE(t.advance(next));
    CHECK(next == 12);  // 10 and 11 done
    CHECK(t.in_flight() == 1);
    c->release();
    REQUIRE(t.advance(next));
    CHECK(next == 13);
    CHECK(t.empty());
}

TEST_CASE("a failed delivery blocks the offset for good") {
    OffsetTracker t(4);
    auto* a = t.begin(0, -1, 0);
    a->failed.store(true);
    a->release();
    int64_t next = -1;
    CHECK_FALSE(t.advance(next));
    CHECK(t.head_failed());
}

TEST_CASE("the tracker refuses more than its capacity instead of overwriting") {
    OffsetTracker t(4);
    std::vector<OffsetTracker::Slot*> s;
    for (int i = 0; i < 4; ++i) s.push_back(t.begin(i, -1, 0));
    CHECK(t.begin(4, -1, 0) == nullptr);
    s[0]->release();
    int64_t next;
    REQUIRE(t.advance(next));
    CHECK(t.begin(4, -1, 0) != nullptr);
}

TEST_CASE("releases from other threads are seen by the committing thread") {
    OffsetTracker t(1024);
    std::vector<OffsetTracker::Slot*> slots;
    for (int i = 0; i < 1000; ++i) {
        auto* s = t.begin(i, -1, 0);
        REQUIRE(s != nullptr);
        s->add_pending(1);
        slots.push_back(s);
    }
    std::thread worker([&] {
        for (auto* s : slots) s->release();
    });
    std::thread delivery([&] {
        for (auto* s : slots) s->release();
    });
    worker.join();
    delivery.join();
    int64_t next = -1;
    REQUIRE(t.advance(next));
    CHECK(next == 1000);
}

TEST_CASE("spsc queue keeps order across threads and reports full") {
    SpscQueue<int> q(4);
    CHECK(q.capacity() == 4);
    for (int i = 0; i < 4; ++i) CHECK(q.try_push(int(i)));
    int extra = 99;
    CHECK_FALSE(q.try_push(std::move(extra)));
    int v;
    for (int i = 0; i < 4; ++i) {
        REQUIRE(q.try_pop(v));
        CHECK(v == i);
    }
    CHECK_FALSE(q.try_pop(v));

    SpscQueue<int> big(64);
    std::atomic<bool> stop{false};
    std::vector<int> seen;
    std::thread consumer([&] {
        int x;
        while (big.pop_wait(x, stop)) seen.push_back(x);
    });
    for (int i = 0; i < 100000; ++i) {
        int x = i;
        while (!big.try_push(std::move(x))) std::this_thread::yield();
    }
    while (big.size() > 0) std::this_thread::yield();
    stop.store(true);
    big.wake();
    consumer.join();
    REQUIRE(seen.size() == 100000);
    bool ordered = true;
    for (int i = 0; i < 100000; ++i) ordered &= seen[static_cast<size_t>(i)] == i;
    CHECK(ordered);
}
