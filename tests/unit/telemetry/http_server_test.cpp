#include "herald/telemetry/http_server.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <string>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "herald/telemetry/metrics.hpp"
#include "prometheus_text.hpp"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using herald::telemetry::HttpServer;
using herald::telemetry::Metrics;

namespace {

// A tiny blocking client; one connection, several requests (keep-alive).
class Client {
public:
    explicit Client(uint16_t port) : stream_(io_) {
        stream_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    }

    http::response<http::string_body> request(http::verb method, const std::string& target,
                                              bool keep_alive = true) {
        http::request<http::empty_body> req{method, target, 11};
        req.set(http::field::host, "127.0.0.1");
        req.keep_alive(keep_alive);
        http::write(stream_, req);
        http::response_parser<http::string_body> parser;
        parser.skip(method == http::verb::head);  // HEAD answers carry Content-Length but no body
        http::read(stream_, buffer_, parser);
        return parser.release();
    }

    // True when the server closed the connection (read sees end of stream).
    bool closed_by_server() {
        beast::error_code ec;
        char byte;
        stream_.socket().read_some(asio::buffer(&byte, 1), ec);
        return ec == asio::error::eof || ec == asio::error::connection_reset;
    }

private:
    asio::io_context io_;
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
};

}  // namespace

TEST_CASE("the server answers /metrics, /healthz, /readyz and 404 on an ephemeral port") {
    Metrics metrics;
    metrics.events_consumed().Increment(3);
    metrics.dead_lettered("invalid_json").Increment();
    metrics.stage(herald::telemetry::Stage::parse).observe(0.0002);
    std::atomic<bool> ready{false};
    HttpServer server(metrics, {.address = "127.0.0.1", .port = 0}, [&ready](std::string& reason) {
        if (!ready) reason = "no partitions assigned yet";
        return ready.load();
    });
    std::string error;
    REQUIRE_MESSAGE(server.start(error), error);
    REQUIRE(server.running());
    REQUIRE(server.port() != 0);

    Client client(server.port());

    auto metrics_res = client.request(http::verb::get, "/metrics");
    CHECK(metrics_res.result_int() == 200);
    CHECK(std::string(metrics_res[http::field::content_type]) == "text/plain; version=0.0.4; charset=utf-8");
    std::string parse_error;
    auto exp = herald::test::parse_exposition(metrics_res.body(), parse_error);
    INFO(parse_error);
    REQUIRE(exp.has_value());
    CHECK(exp->value("herald_events_consumed_total") == 3.0);
    CHECK(exp->value("herald_events_dead_lettered_total", {{"reason", "invalid_json"}}) == 1.0);
    CHECK(exp->value("herald_stage_duration_seconds_count", {{"stage", "parse"}}) == 1.0);
    CHECK(exp->value("herald_build_info", {{"version", std::string(herald::telemetry::build_version())}}) == 1.0);

    // Same connection (keep-alive): the next scrape sees new values.
    metrics.events_consumed().Increment();
    auto again = client.request(http::verb::get, "/metrics?format=text");
    CHECK(again.result_int() == 200);
    CHECK(again.keep_alive());
    exp = herald::test::parse_exposition(again.body(), parse_error);
    REQUIRE(exp.has_value());
    CHECK(exp->value("herald_events_consumed_total") == 4.0);

    auto health = client.request(http::verb::get, "/healthz");
    CHECK(health.result_int() == 200);
    CHECK(health.body() == "ok\n");

    auto not_ready = client.request(http::verb::get, "/readyz");
    CHECK(not_ready.result_int() == 503);
    CHECK(not_ready.body() == "no partitions assigned yet\n");
    ready = true;
    auto now_ready = client.request(http::verb::get, "/readyz");
    CHECK(now_ready.result_int() == 200);
    CHECK(now_ready.body() == "ok\n");

    auto missing = client.request(http::verb::get, "/nope");
    CHECK(missing.result_int() == 404);

    auto post = client.request(http::verb::post, "/metrics");
    CHECK(post.result_int() == 405);
    CHECK(std::string(post[http::field::allow]) == "GET, HEAD");

    // HEAD: headers of the GET (Content-Length included), no body; the connection stays usable.
    auto head = client.request(http::verb::head, "/healthz");
    CHECK(head.result_int() == 200);
    CHECK(std::string(head[http::field::content_length]) == "3");
    CHECK(head.body().empty());
    auto after_head = client.request(http::verb::get, "/healthz");
    CHECK(after_head.body() == "ok\n");

    // Connection: close is honoured.
    auto last = client.request(http::verb::get, "/healthz", false);
    CHECK(last.result_int() == 200);
    CHECK(client.closed_by_server());

    server.stop();
    CHECK_FALSE(server.running());
    server.stop();  // idempotent
}

TEST_CASE("without a readiness check /readyz is ready") {
    Metrics metrics;
    HttpServer server(metrics, {.port = 0});
    std::string error;
    REQUIRE_MESSAGE(server.start(error), error);
    Client client(server.port());
    CHECK(client.request(http::verb::get, "/readyz").result_int() == 200);
}

TEST_CASE("a busy port gives a one-line error instead of an exception") {
    Metrics metrics;
    HttpServer first(metrics, {.address = "127.0.0.1", .port = 0});
    std::string error;
    REQUIRE_MESSAGE(first.start(error), error);

    HttpServer second(metrics, {.address = "127.0.0.1", .port = first.port()});
    CHECK_FALSE(second.start(error));
    CHECK(error == "cannot listen on 127.0.0.1:" + std::to_string(first.port()) + ": Address already in use");
    CHECK_FALSE(second.running());

    HttpServer bad(metrics, {.address = "not-an-ip", .port = 0});
    CHECK_FALSE(bad.start(error));
    CHECK(error.find("cannot listen on not-an-ip:0") == 0);
    CHECK(error.find('\n') == std::string::npos);

    CHECK_FALSE(first.start(error));  // already running
}

TEST_CASE("stop() closes idle keep-alive connections and the server can start again") {
    Metrics metrics;
    HttpServer server(metrics, {.port = 0});
    std::string error;
    REQUIRE(server.start(error));
    Client idle(server.port());
    CHECK(idle.request(http::verb::get, "/healthz").result_int() == 200);
    server.stop();  // must not wait for the idle client
    CHECK(idle.closed_by_server());

    REQUIRE_MESSAGE(server.start(error), error);
    Client again(server.port());
    CHECK(again.request(http::verb::get, "/healthz").result_int() == 200);
}

TEST_CASE("a connection that sends no request is dropped after the idle timeout") {
    Metrics metrics;
    HttpServer server(metrics, {.port = 0, .idle_timeout = std::chrono::milliseconds(200)});
    std::string error;
    REQUIRE(server.start(error));
    Client idle(server.port());
    const auto t0 = std::chrono::steady_clock::now();
    CHECK(idle.closed_by_server());  // blocks until the server lets go
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5));
    Client served(server.port());
    CHECK(served.request(http::verb::get, "/healthz").result_int() == 200);
}

TEST_CASE("at the connection cap the oldest idle connection makes room for a new client") {
    Metrics metrics;
    HttpServer server(metrics, {.port = 0, .idle_timeout = std::chrono::seconds(60), .max_connections = 3});
    std::string error;
    REQUIRE(server.start(error));
    Client oldest(server.port());
    CHECK(oldest.request(http::verb::get, "/healthz").result_int() == 200);  // accepted first, now idle
    Client second(server.port());
    CHECK(second.request(http::verb::get, "/healthz").result_int() == 200);
    Client third(server.port());
    CHECK(third.request(http::verb::get, "/healthz").result_int() == 200);
    // A fourth (a scraper arriving while idle clients hold every slot) is served...
    Client scraper(server.port());
    CHECK(scraper.request(http::verb::get, "/metrics").result_int() == 200);
    // ... and the oldest idle connection was closed for it, well before its idle timeout.
    const auto t0 = std::chrono::steady_clock::now();
    CHECK(oldest.closed_by_server());
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5));
    CHECK(third.request(http::verb::get, "/healthz").result_int() == 200);
}
