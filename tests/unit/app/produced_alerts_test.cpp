// ProducedAlerts: what a partition's worker remembers of the alerts it produced, so a partition
// that comes back to this process does not publish them twice.
#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "herald/app/pipeline/produced_alerts.hpp"

using herald::app::ProducedAlerts;

namespace {
std::vector<uint64_t> since(const ProducedAlerts& p, int64_t offset) {
    std::vector<uint64_t> out;
    p.since(offset, [&](uint64_t id) { out.push_back(id); });
    std::sort(out.begin(), out.end());
    return out;
}
}  // namespace

TEST_CASE("alerts of events at or after the committed offset are handed over") {
    ProducedAlerts p;
    p.add(10, 0xa1);
    p.add(12, 0xb2);
    p.add(12, 0xb3);  // two alerts of one event
    p.add(15, 0xc4);
    CHECK(since(p, 0) == std::vector<uint64_t>{0xa1, 0xb2, 0xb3, 0xc4});
    CHECK(since(p, 12) == std::vector<uint64_t>{0xb2, 0xb3, 0xc4});
    CHECK(since(p, 13) == std::vector<uint64_t>{0xc4});
    CHECK(since(p, 16).empty());
}

TEST_CASE("bounded: the oldest entries give way to new ones") {
    ProducedAlerts p(3);
    for (uint64_t i = 1; i <= 5; ++i) p.add(static_cast<int64_t>(i), i);
    CHECK(p.size() == 3);
    CHECK(since(p, 0) == std::vector<uint64_t>{3, 4, 5});
    p.add(6, 6);
    CHECK(since(p, 0) == std::vector<uint64_t>{4, 5, 6});
}
