// `herald analyze --partitions N` keeps rule state per partition by predicting where a keyed event
// lands; the prediction must be librdkafka's own default partitioner, checked against real deliveries.
#include <set>
#include <string>

#include "herald/app/feed_publisher.hpp"
#include "kafka_test_support.hpp"

using namespace herald::kafka;
using namespace herald::kafka::testing;

TEST_CASE("default_partition matches where librdkafka's default partitioner puts keyed messages") {
    auto broker = start_broker(1, {{"news", 12}});
    Delivered delivered;
    auto producer = make_producer(broker->bootstrap(), delivered);
    std::vector<std::string> keys;
    for (int i = 0; i < 300; ++i) {
        // Appended, not "T" + std::to_string(i): GCC 12 warns falsely (-Wrestrict) on that form.
        std::string key = i % 3 == 0 ? "T" : "KEY-";
        key += std::to_string(i % 3 == 0 ? i : i * 7919);
        keys.push_back(std::move(key));
    }
    keys.insert(keys.end(), {"AMZN", "MSFT", "NVDA", "GOOGL", "BRK.B", "7203.T"});
    for (size_t i = 0; i < keys.size(); ++i)
        REQUIRE(!producer->produce(OutgoingMessage{"news", keys[i], "v", {}, -1, 0, reinterpret_cast<void*>(i + 1)}));
    REQUIRE(drain(*producer, 20000));
    REQUIRE(delivered.ok == static_cast<int>(keys.size()));
    std::set<int32_t> used;
    for (size_t i = 0; i < delivered.opaques.size(); ++i) {
        size_t k = reinterpret_cast<size_t>(delivered.opaques[i]) - 1;
        CHECK_MESSAGE(delivered.positions[i].first == herald::app::default_partition(keys[k], 12), keys[k]);
        used.insert(delivered.positions[i].first);
    }
    CHECK(used.size() == 12);  // the keys spread: the check above is not trivially about one partition
    CHECK(herald::app::default_partition("", 12) == -1);
}
