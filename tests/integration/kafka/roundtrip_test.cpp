// Produce → consume round trip on the embedded broker: keys, headers, timestamps, null and
// empty values, delivery reports with opaques, the plain Reader's offset lookups, and socket options.
#include <arpa/inet.h>
#include <dirent.h>
#include <librdkafka/rdkafka.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdlib>
#include <map>

#include "kafka_test_support.hpp"

using namespace herald::kafka;
using namespace herald::kafka::testing;

namespace {

std::vector<Message> read_all(Reader& reader, size_t expected, int timeout_ms) {
    std::vector<Message> got;
    poll_until([&] { reader.consume_batch(got, 100, 100); }, [&] { return got.size() >= expected; }, timeout_ms);
    return got;
}

}  // namespace

TEST_CASE("embedded broker listens on loopback and rejects bad topics") {
    auto broker = start_broker(3, {{"news", 4}});
    std::string bootstrap = broker->bootstrap();
    CHECK(bootstrap.rfind("127.0.0.1:", 0) == 0);
    CHECK(std::count(bootstrap.begin(), bootstrap.end(), ',') == 2);
    std::string error;
    CHECK_FALSE(broker->create_topic("", 3, error));
    CHECK(error.find("partition") != std::string::npos);
    error.clear();
    CHECK_FALSE(broker->create_topic("news", 4, error));  // already exists
    CHECK(error.find("news") != std::string::npos);
}

TEST_CASE("messages keep key, headers, timestamp and null-vs-empty value") {
    auto broker = start_broker(1, {{"news", 1}});
    Delivered delivered;
    auto producer = make_producer(broker->bootstrap(), delivered);

    int tags[4];
    const Header headers[] = {{"ticker", "AMZN"}, {"source", "wire"}, {"ticker", "MSFT"}};
    REQUIRE(!producer->produce(
        OutgoingMessage{"news", "AMZN", "{\"headline\":\"up\"}", {headers, 3}, 0, 1777583400000, &tags[0]}));
    REQUIRE(!producer->produce(OutgoingMessage{"news", "GOOG", std::string_view(), {}, 0, 0, &tags[1]}));  // tombstone
    REQUIRE(!producer->produce(OutgoingMessage{"news", std::string_view(), "", {}, 0, 0, &tags[2]}));        // empty, no key
    REQUIRE(!producer->produce(OutgoingMessage{"news", "", "x", {}, 0, 1234, &tags[3]}));                  // empty key
    REQUIRE(drain(*producer, 10000));
    producer->poll(0);
    REQUIRE(delivered.ok == 4);
    CHECK(delivered.failed == 0);
    // Delivery reports carry each message's own opaque, in produce order within a partition.
    REQUIRE(delivered.opaques.size() == 4);
    for (int i = 0; i < 4; ++i) CHECK(delivered.opaques[i] == &tags[i]);
    for (int i = 0; i < 4; ++i) CHECK(delivered.positions[i] == std::make_pair(int32_t{0}, int64_t{i}));

    std::string error;
    auto reader = Reader::create(broker->bootstrap(), quiet(), error);
    REQUIRE_MESSAGE(reader, error);
    REQUIRE(reader->assign({{"news", 0, kOffsetBeginning}}, error));
    auto got = read_all(*reader, 4, 10000);
    REQUIRE(got.size() == 4);

    const Message& first = got[0];
    CHECK(first.error() == 0);
    CHECK(first.topic() == "news");
    CHECK(first.partition() == 0);
    CHECK(first.offset() == 0);
    CHECK(first.key() == "AMZN");
    CHECK(first.payload() == "{\"headline\":\"up\"}");
    CHECK_FALSE(first.is_null());
    CHECK(first.timestamp_ms() == 1777583400000);
    CHECK_FALSE(first.timestamp_is_log_append());
    std::string_view value;
    REQUIRE(first.header("ticker", value));
    CHECK(value == "MSFT");  // the last header of that name
    REQUIRE(first.header("source", value));
    CHECK(value == "wire");
    CHECK_FALSE(first.header("missing", value));
    CHECK(first.header_count() == 3);
    Header h;
    REQUIRE(first.header_at(0, h));
    CHECK(h.name == "ticker");
    CHECK(h.value == "AMZN");
    CHECK_FALSE(first.header_at(3, h));

    CHECK(got[1].is_null());
    CHECK(got[1].payload().empty());
    CHECK(got[1].key() == "GOOG");
    CHECK(got[1].header_count() == 0);
    CHECK(got[1].timestamp_ms() > 1700000000000);  // 0 meant "now"

    CHECK_FALSE(got[2].is_null());
    CHECK(got[2].payload().empty());
    CHECK_FALSE(got[2].has_key());

    CHECK(got[3].has_key());
    CHECK(got[3].key().empty());
    CHECK(got[3].timestamp_ms() == 1234);

    // Moving a Message keeps its views valid.
    std::string_view payload = got[0].payload();
    Message moved = std::move(got[0]);
    CHECK(moved.payload().data() == payload.data());
    CHECK_FALSE(got[0].valid());
}

TEST_CASE("keyed messages land on one partition each, in order") {
    auto broker = start_broker(1, {{"news", 6}});
    Delivered delivered;
    auto producer = make_producer(broker->bootstrap(), delivered);
    const char* keys[] = {"AMZN", "MSFT", "NVDA"};
    for (int i = 0; i < 60; ++i) {
        std::string value = std::to_string(i);
        REQUIRE(!producer->produce(OutgoingMessage{"news", keys[i % 3], value}));
    }
    REQUIRE(drain(*producer, 10000));
    producer->poll(0);
    REQUIRE(delivered.ok == 60);

    std::string error;
    auto reader = Reader::create(broker->bootstrap(), quiet(), error);
    REQUIRE(reader);
    std::vector<TopicPartition> all;
    for (int p = 0; p < 6; ++p) all.push_back({"news", p, kOffsetBeginning});
    REQUIRE(reader->assign(all, error));
    auto got = read_all(*reader, 60, 10000);
    REQUIRE(got.size() == 60);
    std::map<std::string, int32_t> partition_of;
    std::map<std::string, int> last_value;
    for (const auto& m : got) {
        std::string key(m.key());
        auto [it, fresh] = partition_of.emplace(key, m.partition());
        CHECK(it->second == m.partition());
        int value = std::stoi(std::string(m.payload()));
        if (!fresh) CHECK(value > last_value[key]);
        last_value[key] = value;
    }
    CHECK(partition_of.size() == 3);
}

TEST_CASE("reader looks up watermarks, offsets by time and partition counts") {
    auto broker = start_broker(1, {{"news", 2}});
    Delivered delivered;
    auto producer = make_producer(broker->bootstrap(), delivered);
    for (int i = 0; i < 10; ++i)
        REQUIRE(!producer->produce(OutgoingMessage{"news", "k", "v", {}, 1, 1000000 + i * 1000}));
    REQUIRE(drain(*producer, 10000));

    std::string error;
    auto reader = Reader::create(broker->bootstrap(), quiet({{"enable.partition.eof", "true"}}), error);
    REQUIRE(reader);
    int64_t low = -5, high = -5;
    REQUIRE(reader->watermarks("news", 1, low, high, 5000));
    CHECK(low == 0);
    CHECK(high == 10);
    REQUIRE(reader->watermarks("news", 0, low, high, 5000));
    CHECK(high == 0);
    CHECK(reader->partition_count("news", 5000, error) == 2);

    // The mock cluster answers only the logical times (-2 earliest, -1 latest); real brokers
    // look up any timestamp.
    std::vector<TopicPartition> by_time{{"news", 1, kOffsetBeginning}, {"news", 0, kOffsetEnd}};
    REQUIRE_MESSAGE(reader->offsets_for_times(by_time, 5000, error), error);
    CHECK(by_time[0].offset == 0);
    CHECK(by_time[1].offset == 0);
    CHECK(by_time[0].error == 0);

    // Start in the middle; with partition EOF enabled the end shows up as an error Message.
    REQUIRE(reader->assign({{"news", 1, 7}}, error));
    std::vector<Message> got;
    bool eof = false;
    poll_until([&] { reader->consume_batch(got, 100, 100); },
               [&] {
                   for (const auto& m : got) eof = eof || m.error() == RD_KAFKA_RESP_ERR__PARTITION_EOF;
                   return eof;
               },
               10000);
    REQUIRE(eof);
    REQUIRE(got.size() == 4);
    CHECK(got[0].offset() == 7);
    CHECK(got[2].offset() == 9);
    CHECK(got[3].error() == RD_KAFKA_RESP_ERR__PARTITION_EOF);
    CHECK_FALSE(got[3].error_string().empty());
    CHECK(reader->error_count() == 0);
}

TEST_CASE("a producer that learned its topic sends the first message to it at once") {
    // librdkafka 2.0.2 holds the first message to a topic it has not looked up yet for about a
    // second; herald run learns the alerts and dead-letter topics at start for that reason.
    auto broker = start_broker(1, {{"warmup", 1}, {"alerts", 1}});
    Delivered delivered;
    auto producer = make_producer(broker->bootstrap(), delivered);
    REQUIRE(!producer->produce(OutgoingMessage{"warmup", "k", "v", {}, 0}));  // connected and idle
    REQUIRE(drain(*producer, 10000));
    producer->poll(0);
    REQUIRE(delivered.ok == 1);

    std::string error;
    REQUIRE_MESSAGE(producer->learn_topics({"alerts"}, 5000, error), error);
    const auto start = std::chrono::steady_clock::now();
    REQUIRE(!producer->produce(OutgoingMessage{"alerts", "AMZN", "{}"}));
    REQUIRE(drain(*producer, 10000));
    producer->poll(0);
    const auto took = std::chrono::steady_clock::now() - start;
    REQUIRE(delivered.ok == 2);
    CHECK(took < std::chrono::milliseconds(500));  // about 1,000 ms without learn_topics

    // Brokers that do not answer cost the timeout once, for all topics, and say which failed.
    // (A topic the brokers lack is reported the same way; the embedded broker creates any topic
    // it is asked about, so that case is not reproducible here.)
    REQUIRE(broker->set_broker_down(1, true));
    Delivered none;
    auto unanswered = make_producer(broker->bootstrap(), none);
    const auto asked = std::chrono::steady_clock::now();
    CHECK_FALSE(unanswered->learn_topics({"alerts", "news.dlq"}, 1000, error));
    CHECK(std::chrono::steady_clock::now() - asked < std::chrono::seconds(5));
    CHECK(error.find("'alerts'") != std::string::npos);
}

namespace {

// TCP_NODELAY of this process's connected IPv4 sockets to or from `port`, split by side.
struct NoDelay {
    std::vector<int> client;  // peer is the broker
    std::vector<int> broker;  // accepted by the broker (local port is the listener's)
};

NoDelay sockets_on_port(int port) {
    NoDelay out;
    DIR* dir = opendir("/proc/self/fd");
    REQUIRE(dir != nullptr);
    while (dirent* entry = readdir(dir)) {
        const int fd = std::atoi(entry->d_name);
        if (fd <= 2 || fd == dirfd(dir)) continue;
        int type = 0, listening = 0;
        socklen_t len = sizeof type;
        if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) != 0 || type != SOCK_STREAM) continue;
        len = sizeof listening;
        if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) != 0 || listening) continue;
        sockaddr_in local{}, peer{};
        socklen_t alen = sizeof local;
        if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &alen) != 0 || local.sin_family != AF_INET) continue;
        alen = sizeof peer;
        if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &alen) != 0) continue;
        int nodelay = -1;
        len = sizeof nodelay;
        REQUIRE(getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &nodelay, &len) == 0);
        if (ntohs(peer.sin_port) == port) out.client.push_back(nodelay != 0);
        else if (ntohs(local.sin_port) == port) out.broker.push_back(nodelay != 0);
    }
    closedir(dir);
    return out;
}

int broker_port(const std::string& bootstrap) { return std::atoi(bootstrap.substr(bootstrap.rfind(':') + 1).c_str()); }

}  // namespace

TEST_CASE("every socket sends at once: no Nagle delay on herald's clients or the embedded broker") {
    // With Nagle, a small alert or acknowledgement written while the previous one is unacknowledged
    // waits for the peer's delayed ACK (40 ms on Linux): alert acknowledgements on the embedded
    // broker had a ~42 ms ceiling before, ~9 ms after (bench/e2e latency mode, 15k events/s).
    auto broker = start_broker(1, {{"news", 1}});
    const int port = broker_port(broker->bootstrap());
    Delivered delivered;
    auto producer = make_producer(broker->bootstrap(), delivered);
    REQUIRE(!producer->produce(OutgoingMessage{"news", "k", "v", {}, 0}));
    REQUIRE(drain(*producer, 10000));
    std::string error;
    auto reader = Reader::create(broker->bootstrap(), quiet(), error);
    REQUIRE_MESSAGE(reader, error);
    REQUIRE(reader->assign({{"news", 0, kOffsetBeginning}}, error));
    REQUIRE(read_all(*reader, 1, 10000).size() == 1);

    NoDelay on = sockets_on_port(port);
    REQUIRE(on.client.size() >= 2);  // the producer's and the reader's connections
    REQUIRE(on.broker.size() == on.client.size());
    for (int v : on.client) CHECK(v == 1);
    for (int v : on.broker) CHECK(v == 1);
    reader.reset();
    producer.reset();

    // A user property still wins: this client keeps Nagle, the broker's side of it still does not.
    Delivered more;
    auto nagle = make_producer(broker->bootstrap(), more, {{"socket.nagle.disable", "false"}});
    REQUIRE(!nagle->produce(OutgoingMessage{"news", "k", "v", {}, 0}));
    REQUIRE(drain(*nagle, 10000));
    NoDelay off = sockets_on_port(port);
    REQUIRE_FALSE(off.client.empty());
    for (int v : off.client) CHECK(v == 0);
    for (int v : off.broker) CHECK(v == 1);
}
