#include "herald/telemetry/http_server.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <list>
#include <optional>
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "herald/core/open_files.hpp"
#include "herald/telemetry/listener.hpp"
#include "herald/telemetry/metrics.hpp"
#include "herald/core/log.hpp"
#include "http_routes.hpp"

namespace herald::telemetry {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr size_t kMaxRequestBody = 8 * 1024;  // scrapes and probes carry no body

class Session;

struct Shared {
    const prometheus::Collectable& metrics;
    const ReadinessCheck& ready;
    std::chrono::milliseconds idle_timeout;
    std::string server_name;
    // Open sessions, oldest first (server thread only): each descriptor they hold is one the
    // Kafka clients may need, so their number is capped.
    std::list<Session*> sessions;
};

// One client connection: read a request, answer it, repeat while keep-alive holds.
class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket socket, Shared& shared) : stream_(std::move(socket)), shared_(shared) {
        at_ = shared_.sessions.insert(shared_.sessions.end(), this);
    }
    ~Session() { shared_.sessions.erase(at_); }

    void read() {
        parser_.emplace();
        parser_->body_limit(kMaxRequestBody);
        // One deadline for the whole request: an idle client, or one that trickles bytes, is
        // dropped after idle_timeout.
        stream_.expires_after(shared_.idle_timeout);
        waiting_ = true;
        http::async_read(stream_, buffer_, *parser_,
                         [self = shared_from_this()](beast::error_code ec, size_t) { self->on_read(ec); });
    }

    // Waiting for a request (not answering one): the first to go when the cap is reached.
    bool waiting() const { return waiting_; }

    // Frees the descriptor now; the pending read then ends with an error and releases the session.
    void evict() {
        waiting_ = false;
        close();
    }

private:
    void on_read(beast::error_code ec) {
        waiting_ = false;
        if (ec) {  // end_of_stream, timeout, malformed request, eviction or shutdown: drop the connection
            close();
            return;
        }
        const auto& req = parser_->get();
        keep_alive_ = req.keep_alive();
        const unsigned version = req.version();
        detail::Reply reply;
        if (req.method() != http::verb::get && req.method() != http::verb::head) {
            reply.status = 405;
            reply.body = "method not allowed: use GET or HEAD\n";
        } else {
            const auto target = req.target();
            reply = detail::route(std::string_view(target.data(), target.size()), shared_.metrics, shared_.ready);
        }
        const bool head = req.method() == http::verb::head;

        response_ = {};
        response_.version(version);
        response_.result(reply.status);
        response_.set(http::field::server, shared_.server_name);
        response_.set(http::field::content_type, reply.content_type);
        if (reply.status == 405) response_.set(http::field::allow, "GET, HEAD");
        response_.keep_alive(keep_alive_);
        // HEAD: same headers as GET, Content-Length included, no body bytes.
        response_.content_length(reply.body.size());
        if (!head) response_.body() = std::move(reply.body);
        serializer_.emplace(response_);
        if (head) serializer_->split(true);

        stream_.expires_after(shared_.idle_timeout);
        if (head) {
            http::async_write_header(stream_, *serializer_,
                                     [self = shared_from_this()](beast::error_code e, size_t) { self->on_write(e); });
        } else {
            http::async_write(stream_, *serializer_,
                              [self = shared_from_this()](beast::error_code e, size_t) { self->on_write(e); });
        }
    }

    void on_write(beast::error_code ec) {
        serializer_.reset();
        if (ec || !keep_alive_) {
            close();
            return;
        }
        read();
    }

    void close() {
        beast::error_code ignored;
        if (!stream_.socket().is_open()) return;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.socket().close(ignored);
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    Shared& shared_;
    std::list<Session*>::iterator at_;
    bool waiting_ = false;
    std::optional<http::request_parser<http::string_body>> parser_;
    http::response<http::string_body> response_;
    std::optional<http::response_serializer<http::string_body>> serializer_;
    bool keep_alive_ = false;
};


}  // namespace

struct HttpServer::Impl {
    HttpServerOptions options;
    ReadinessCheck ready;
    Shared shared;
    std::unique_ptr<asio::io_context> io;
    std::unique_ptr<tcp::acceptor> acceptor;
    std::unique_ptr<asio::steady_timer> retry_timer;
    std::thread thread;
    std::atomic<uint16_t> port{0};
    std::atomic<bool> running{false};

    size_t max_connections = 1;  // in force: options.max_connections within the descriptor budget
    bool cap_reported = false;

    Impl(const prometheus::Collectable& metrics, HttpServerOptions opts, ReadinessCheck check)
        : options(std::move(opts)),
          ready(std::move(check)),
          shared{metrics, ready, options.idle_timeout, "herald/" + std::string(build_version()), {}} {}

    // At the cap, the oldest connection waiting for a request makes room (a scraper that just
    // connected is always served); when every one is busy answering, the newcomer is refused.
    bool make_room() {
        if (shared.sessions.size() < max_connections) return true;
        if (!cap_reported) {
            cap_reported = true;
            core::log::warn(
                "metrics",
                core::log::printf(
                    "%zu connections open (--metrics-max-connections); dropping the oldest idle ones",
                    max_connections));
        }
        auto idle = std::find_if(shared.sessions.begin(), shared.sessions.end(),
                                 [](const Session* s) { return s->waiting(); });
        if (idle == shared.sessions.end()) return false;
        (*idle)->evict();
        return true;
    }

    void accept() {
        acceptor->async_accept([this](beast::error_code ec, tcp::socket socket) {
            if (ec == asio::error::operation_aborted || !acceptor->is_open()) return;
            if (ec) {
                // e.g. out of file descriptors: back off instead of spinning on the error.
                retry_timer->expires_after(std::chrono::milliseconds(100));
                retry_timer->async_wait([this](beast::error_code e) {
                    if (!e) accept();
                });
                return;
            }
            if (make_room()) {
                std::make_shared<Session>(std::move(socket), shared)->read();
            } else {
                beast::error_code ignored;
                socket.close(ignored);
            }
            accept();
        });
    }
};

HttpServer::HttpServer(const prometheus::Collectable& metrics, HttpServerOptions options, ReadinessCheck ready)
    : impl_(std::make_unique<Impl>(metrics, std::move(options), std::move(ready))) {}

HttpServer::~HttpServer() { stop(); }

bool HttpServer::start(std::string& error) {
    Impl& s = *impl_;
    const std::string where = endpoint_text(s.options.address, s.options.port);
    if (s.running) {
        error = "cannot listen on " + where + ": the metrics server is already running";
        return false;
    }
    s.io = std::make_unique<asio::io_context>(1);
    s.acceptor = std::make_unique<tcp::acceptor>(*s.io);
    s.retry_timer = std::make_unique<asio::steady_timer>(*s.io);
    if (!listen_on(*s.acceptor, s.options.address, s.options.port, error)) {
        s.retry_timer.reset();
        s.acceptor.reset();
        s.io.reset();
        return false;
    }
    s.port = s.acceptor->local_endpoint().port();
    // At most a quarter of the descriptor limit: the rest stays for the Kafka clients.
    const size_t fd_limit = core::open_files_limit();
    s.max_connections = std::max<size_t>(1, std::min(s.options.max_connections, fd_limit / 4));
    s.accept();
    s.running = true;
    s.thread = std::thread([&s] {
        // A handler that throws (e.g. bad_alloc while rendering) costs its connection only.
        for (;;) {
            try {
                s.io->run();
                return;
            } catch (...) {
            }
        }
    });
    return true;
}

void HttpServer::stop() {
    Impl& s = *impl_;
    if (!s.running) return;
    s.io->stop();
    s.thread.join();
    // Destroying the io_context destroys the pending handlers and with them every session.
    s.retry_timer.reset();
    s.acceptor.reset();
    s.io.reset();
    s.running = false;
}

uint16_t HttpServer::port() const noexcept { return impl_->port; }

bool HttpServer::running() const noexcept { return impl_->running; }

}  // namespace herald::telemetry
