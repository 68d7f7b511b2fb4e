#pragma once
// The console's HTTP server (Boost.Beast) on its own thread: answers requests through a Router
// and streams alerts to browsers (server-sent events, GET /events). Built for a port that hostile
// clients may reach: a request must arrive whole within request_timeout (slowloris), its header
// within header_limit bytes, at most max_connections are open (at the cap the oldest connection
// still waiting for its request is dropped), at most max_streams of them streaming, and a stream
// whose reader falls stream_backlog messages behind is closed (the browser reconnects and
// catches up from the store).
//
//   herald::console::Server server(router, &metrics, {.port = 0});
//   std::string error;
//   if (!server.start(error)) die(error);
//   server.publish(rows);      // any thread: new alerts to every stream
//   server.stop();
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "herald/console/metrics.hpp"
#include "herald/console/routes.hpp"
#include "herald/console/store.hpp"

namespace herald::console {

struct ServerOptions {
    std::string address = "127.0.0.1";
    uint16_t port = 8686;  // 0 picks a free one: port() tells which
    std::chrono::milliseconds request_timeout{10000};
    std::chrono::milliseconds heartbeat{15000};  // a comment line on idle streams, so proxies keep them
    size_t max_connections = 256;
    size_t max_streams = 64;
    size_t header_limit = 16 * 1024;
    size_t body_limit = 16 * 1024;
    size_t stream_backlog = 4096;  // messages queued for one stream at most
};

class Server {
public:
    // router and store are used on the server thread only; both, and metrics, outlive the server.
    Server(Router& router, Store& store, ConsoleMetrics* metrics, ServerOptions options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    bool start(std::string& error);  // one line: "cannot listen on 127.0.0.1:8686: Address already in use"
    void stop();                     // idempotent; joins the thread
    uint16_t port() const;
    // Sends rows (just stored) to every stream as `event: alert`. Thread-safe.
    void publish(std::vector<Row> rows);

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace herald::console
