#pragma once
// What the console answers, as a function of the request: everything but the sockets, so the
// routing is unit-tested without a server (docs/console.md lists the routes).
//
//   herald::console::Router router(store, metrics, {.token = "s3cret"});
//   herald::console::Reply r = router.handle({.method = "GET", .target = "/api/alerts?ticker=AMZN"}, now_ms);
//   if (r.stream) start_event_stream(r.after_seq); else send(r.status, r.content_type, r.body);
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "herald/console/metrics.hpp"
#include "herald/console/store.hpp"

namespace herald::console {

struct Request {
    std::string_view method;         // "GET", "POST", ...
    std::string_view target;         // path and query, as sent
    std::string_view authorization;  // the Authorization header
    std::string_view cookie;         // the Cookie header
    std::string_view content_type;
    std::string_view last_event_id;  // the Last-Event-ID header (event stream reconnects)
};

struct Reply {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    Route route = Route::other;
    bool stream = false;    // GET /events: the server keeps the connection and streams alerts
    int64_t after_seq = -1;  // ... first replaying the stored rows after this seq (-1: only new ones)
    std::string update;     // an alert changed (acknowledged, muted): its row JSON, for every stream
};

struct RouterOptions {
    std::string token;  // non-empty: every route but /healthz needs it (Bearer header or cookie)
    int64_t stats_max_hours = 72;
};

// The stable link to an alert in the console (herald notify's generatorURL): /alerts/<alert_id>.
std::string alert_path(std::string_view alert_id);

// Splits "a=1&b=x%20y" into decoded pairs (a later duplicate wins).
std::map<std::string, std::string> parse_query(std::string_view query);

class Router {
public:
    // store: the HTTP thread's own Store; metrics may be null.
    Router(Store& store, ConsoleMetrics* metrics, RouterOptions options);
    Reply handle(const Request& request, int64_t now_ms);

private:
    bool authorized(const Request& request) const;
    Reply page(const Request& request, std::string_view path, const std::map<std::string, std::string>& query);
    Reply alerts(const std::map<std::string, std::string>& query, int64_t now_ms);
    Reply alert(std::string_view id);
    Reply action(std::string_view id, std::string_view verb, int64_t now_ms);
    Reply stats(const std::map<std::string, std::string>& query, int64_t now_ms);
    Reply metrics_text();

    Store& store_;
    ConsoleMetrics* metrics_;
    RouterOptions options_;
    // The last stats answer, reused for a few seconds: every open page asks for it, and it reads
    // every alert of the window (about a second with 1,000,000 alerts stored).
    std::string stats_key_, stats_body_;
    int64_t stats_until_ms_ = 0;
};

}  // namespace herald::console
