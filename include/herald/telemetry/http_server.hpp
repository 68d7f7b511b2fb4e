#pragma once
// The metrics endpoint: a small HTTP/1.1 server (Boost.Beast) on its own thread serving
//   GET|HEAD /metrics  Prometheus text format 0.0.4 of a Collectable (normally Metrics)
//   GET|HEAD /healthz  200 "ok" while the process runs
//   GET|HEAD /readyz   200 "ok" when the readiness check passes, else 503 with its reason
// Anything else is 404 (405 for other methods). Connections are kept alive until the client
// closes them or they sit idle for idle_timeout (a request must also arrive whole within it).
// At most max_connections are open at once (and never more than a quarter of the process's
// descriptor limit, which the Kafka clients need): at the cap the oldest idle connection is
// closed to make room for a new one.
//
//   herald::telemetry::HttpServer server(metrics, {.address = "0.0.0.0", .port = 9464},
//       [&](std::string& why) { if (assigned == 0) { why = "no partitions assigned"; return false; }
//                               return true; });
//   std::string error;
//   if (!server.start(error)) { std::cerr << error << '\n'; return 1; }   // one line, no throw
//   ...
//   server.stop();                                                       // joins the thread
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <prometheus/collectable.h>

namespace herald::telemetry {

struct HttpServerOptions {
    std::string address = "127.0.0.1";  // IPv4 or IPv6 literal; "0.0.0.0" for every interface
    uint16_t port = 9464;               // 0 picks a free port: read it back with port()
    std::chrono::milliseconds idle_timeout{10000};
    size_t max_connections = 64;
};

// Called on the server thread for each /readyz request: must be thread-safe and quick.
// Returns true when ready; otherwise sets reason (one line, e.g. "broker unreachable").
using ReadinessCheck = std::function<bool(std::string& reason)>;

class HttpServer {
public:
    // metrics must outlive the server. Without a readiness check /readyz is always ready.
    explicit HttpServer(const prometheus::Collectable& metrics, HttpServerOptions options = {},
                        ReadinessCheck ready = {});
    ~HttpServer();  // stops
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds, listens and starts the server thread. False with a one-line error, e.g.
    // "cannot listen on 127.0.0.1:9464: Address already in use". Calling it twice fails.
    bool start(std::string& error);

    // Closes the listener and every connection, joins the thread. Idempotent.
    void stop();

    uint16_t port() const noexcept;  // the bound port (after start), even when asked for 0
    bool running() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace herald::telemetry
