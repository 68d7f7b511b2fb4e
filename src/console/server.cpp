#include "herald/console/server.hpp"

#include <algorithm>
#include <atomic>
#include <deque>
#include <list>
#include <optional>
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "herald/core/open_files.hpp"
#include "herald/core/time.hpp"
#include "herald/telemetry/listener.hpp"
#include "json_out.hpp"

namespace herald::console {

namespace {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Text = std::shared_ptr<const std::string>;

std::string_view view(beast::string_view s) { return {s.data(), s.size()}; }

std::string sse_event(const char* event, int64_t seq, const std::string& data) {
    std::string out;
    out.reserve(data.size() + 40);
    if (seq > 0) out += "id: " + std::to_string(seq) + "\n";
    out += "event: ";
    out += event;
    out += "\ndata: " + data + "\n\n";  // the JSON has no raw newline
    return out;
}
// Runs the handlers until stop(): one that throws (bad_alloc) costs its connection, not the server.
void serve(asio::io_context& io) {
    bool stopped = false;
    while (!stopped) {
        try {
            io.run();
            stopped = true;
        } catch (const std::exception&) {
        }
    }
}
}  // namespace

class Connection;

struct Server::Impl {
    Router& router;
    Store& store;
    ConsoleMetrics* metrics;
    ServerOptions options;
    // Server thread only: open connections, oldest first, and how many of them stream. Declared
    // before io: destroying io destroys the pending handlers, and with them connections that
    // unlink themselves from this list.
    std::list<Connection*> connections;
    size_t streams = 0;
    asio::io_context io{1};
    std::optional<tcp::acceptor> acceptor;
    std::optional<asio::steady_timer> backoff;
    std::thread thread;
    std::atomic<uint16_t> port{0};
    bool running = false;
    size_t max_connections = 1;

    Impl(Router& r, Store& s, ConsoleMetrics* m, ServerOptions o) : router(r), store(s), metrics(m), options(std::move(o)) {}
    void accept();
    bool make_room();
    void broadcast(const std::vector<Row>& rows);
    void send_all(const Text& text);
};

// One client: requests and answers while keep-alive holds; after GET /events, a stream.
class Connection : public std::enable_shared_from_this<Connection> {
public:
    Connection(tcp::socket socket, Server::Impl& server)
        : stream_(std::move(socket)), server_(server), heartbeat_(stream_.get_executor()) {
        at_ = server_.connections.insert(server_.connections.end(), this);
        if (server_.metrics) server_.metrics->connections().Increment();
    }
    ~Connection() {
        server_.connections.erase(at_);
        if (streaming_) {
            --server_.streams;
            if (server_.metrics) server_.metrics->sse_clients().Decrement();
        }
        if (server_.metrics) server_.metrics->connections().Decrement();
    }

    void read() {
        parser_.emplace();
        parser_->header_limit(static_cast<uint32_t>(server_.options.header_limit));
        parser_->body_limit(server_.options.body_limit);
        // The whole request within the deadline: a client trickling bytes is dropped.
        stream_.expires_after(server_.options.request_timeout);
        waiting_ = true;
        http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, size_t) {
            self->on_request(ec);
        });
    }
    bool waiting() const { return waiting_; }
    bool streaming() const { return streaming_; }
    void drop(Closed why) {
        waiting_ = false;  // not a candidate for make_room again while its handler is pending
        if (dropped_) return;
        dropped_ = true;
        if (server_.metrics) server_.metrics->closed(why).Increment();
        close();
    }
    // Streams only: queues an event; a reader too far behind is dropped.
    void push(const Text& text) {
        if (!stream_.socket().is_open()) return;
        if (queue_.size() >= server_.options.stream_backlog) {
            drop(Closed::slow_reader);
            return;
        }
        queue_.push_back(text);
        if (queue_.size() == 1) write_next();
    }

private:
    void on_request(beast::error_code ec) {
        waiting_ = false;
        if (ec == beast::error::timeout) return drop(Closed::idle_timeout);
        if (ec == http::error::end_of_stream || ec == asio::error::operation_aborted) return close();
        if (ec) return drop(Closed::bad_request);  // malformed, header or body too large, reset
        const auto& req = parser_->get();
        Request request;
        const std::string method(view(req.method_string()));
        request.method = method;
        request.target = view(req.target());
        request.authorization = view(req[http::field::authorization]);
        request.cookie = view(req[http::field::cookie]);
        request.content_type = view(req[http::field::content_type]);
        request.last_event_id = view(req["Last-Event-ID"]);
        Reply reply = server_.router.handle(request, core::now_ms());
        if (!reply.update.empty()) server_.send_all(std::make_shared<const std::string>(sse_event("update", 0, reply.update)));
        if (reply.stream) return start_stream(req.version(), reply.after_seq);
        keep_alive_ = req.keep_alive();
        response_.emplace();
        response_->version(req.version());
        response_->result(static_cast<http::status>(reply.status));
        response_->set(http::field::content_type, reply.content_type);
        response_->set("X-Content-Type-Options", "nosniff");
        for (const auto& [name, value] : reply.headers) response_->set(name, value);
        response_->keep_alive(keep_alive_);
        response_->body() = std::move(reply.body);
        response_->prepare_payload();
        stream_.expires_after(server_.options.request_timeout);
        http::async_write(stream_, *response_, [self = shared_from_this()](beast::error_code e, size_t) {
            if (e || !self->keep_alive_) return self->close();
            self->read();
        });
    }

    void start_stream(unsigned version, int64_t after_seq) {
        if (server_.streams >= server_.options.max_streams) {
            if (server_.metrics) server_.metrics->request(Route::events, 503).Increment();
            return reply_and_close(version, http::status::service_unavailable, "too many streams open\n");
        }
        if (server_.metrics) server_.metrics->request(Route::events, 200).Increment();
        streaming_ = true;
        ++server_.streams;
        if (server_.metrics) server_.metrics->sse_clients().Increment();
        std::string head =
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n"
            "X-Content-Type-Options: nosniff\r\nConnection: keep-alive\r\n\r\nretry: 1000\n\n";
        // A browser that reconnects gets what it missed (at most 1,000) from the store.
        if (after_seq >= 0) {
            Query q;
            q.after_seq = after_seq;
            q.limit = 1000;
            std::vector<Row> rows;
            std::string error, json;
            if (server_.store.list(q, rows, error))
                for (const Row& r : rows) {
                    json.clear();
                    append_row_json(json, r);
                    head += sse_event("alert", r.seq, json);
                }
        }
        push(std::make_shared<const std::string>(std::move(head)));
        arm_heartbeat();
    }

    void reply_and_close(unsigned version, http::status status, const char* body) {
        response_.emplace();
        response_->version(version);
        response_->result(status);
        response_->set(http::field::content_type, "text/plain");
        response_->keep_alive(false);
        response_->body() = body;
        response_->prepare_payload();
        stream_.expires_after(server_.options.request_timeout);
        http::async_write(stream_, *response_, [self = shared_from_this()](beast::error_code, size_t) { self->close(); });
    }

    void write_next() {
        // A reader that takes no bytes for this long is gone or hostile.
        stream_.expires_after(server_.options.request_timeout);
        asio::async_write(stream_, asio::buffer(*queue_.front()), [self = shared_from_this()](beast::error_code ec, size_t) {
            if (ec) return ec == beast::error::timeout ? self->drop(Closed::slow_reader) : self->close();
            self->queue_.pop_front();
            if (!self->queue_.empty()) self->write_next();
        });
    }

    void arm_heartbeat() {
        heartbeat_.expires_after(server_.options.heartbeat);
        heartbeat_.async_wait([self = shared_from_this()](beast::error_code ec) {
            if (ec || !self->stream_.socket().is_open()) return;
            if (self->queue_.empty()) self->push(std::make_shared<const std::string>(": ping\n\n"));
            self->arm_heartbeat();
        });
    }

    void close() {
        beast::error_code ignored;
        heartbeat_.cancel();
        if (!stream_.socket().is_open()) return;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream_.socket().close(ignored);
    }

    beast::tcp_stream stream_;
    Server::Impl& server_;
    asio::steady_timer heartbeat_;
    std::list<Connection*>::iterator at_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    std::optional<http::response<http::string_body>> response_;
    std::deque<Text> queue_;
    bool waiting_ = false, keep_alive_ = false, streaming_ = false, dropped_ = false;
};

bool Server::Impl::make_room() {
    if (connections.size() < max_connections) return true;
    auto idle = std::find_if(connections.begin(), connections.end(), [](const Connection* c) { return c->waiting(); });
    if (idle == connections.end()) return false;
    (*idle)->drop(Closed::capacity);
    return true;
}

void Server::Impl::accept() {
    acceptor->async_accept([this](beast::error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted || !acceptor->is_open()) return;
        if (ec) {  // e.g. no descriptor left: retry later rather than spin
            backoff->expires_after(std::chrono::milliseconds(100));
            backoff->async_wait([this](beast::error_code e) {
                if (!e) accept();
            });
            return;
        }
        if (make_room()) {
            std::make_shared<Connection>(std::move(socket), *this)->read();
        } else {
            if (metrics) metrics->closed(Closed::capacity).Increment();
            beast::error_code ignored;
            socket.close(ignored);
        }
        accept();
    });
}

void Server::Impl::send_all(const Text& text) {
    // push may drop (and so unlink) a connection: walk a copy.
    std::vector<std::shared_ptr<Connection>> targets;
    for (Connection* c : connections)
        if (c->streaming()) targets.push_back(c->shared_from_this());
    for (auto& c : targets) c->push(text);
}

void Server::Impl::broadcast(const std::vector<Row>& rows) {
    if (streams == 0) return;
    std::string all, json;
    for (const Row& r : rows) {
        json.clear();
        append_row_json(json, r);
        all += sse_event("alert", r.seq, json);
    }
    send_all(std::make_shared<const std::string>(std::move(all)));
    if (metrics) {
        const int64_t now = core::now_ms();
        for (const Row& r : rows) metrics->delivery().Observe(static_cast<double>(std::max<int64_t>(0, now - r.detected_ms)) / 1000.0);
    }
}

Server::Server(Router& router, Store& store, ConsoleMetrics* metrics, ServerOptions options)
    : impl_(std::make_unique<Impl>(router, store, metrics, std::move(options))) {}

Server::~Server() { stop(); }

bool Server::start(std::string& error) {
    Impl& s = *impl_;
    s.acceptor.emplace(s.io);
    s.backoff.emplace(s.io);
    if (!telemetry::listen_on(*s.acceptor, s.options.address, s.options.port, error)) {
        s.acceptor.reset();
        return false;
    }
    s.port = s.acceptor->local_endpoint().port();
    // Half of the descriptors at most: the Kafka client and SQLite need the rest.
    s.max_connections = std::max<size_t>(2, std::min(s.options.max_connections, core::open_files_limit() / 2));
    s.accept();
    s.running = true;
    s.thread = std::thread([&s] { serve(s.io); });
    return true;
}

void Server::stop() {
    Impl& s = *impl_;
    if (!s.running) return;
    s.io.stop();
    s.thread.join();
    s.running = false;
}

uint16_t Server::port() const { return impl_->port; }

void Server::publish(std::vector<Row> rows) {
    if (rows.empty()) return;
    Impl* s = impl_.get();
    asio::post(s->io, [s, rows = std::move(rows)] { s->broadcast(rows); });
}

}  // namespace herald::console
