#include "herald/console/routes.hpp"

#include <prometheus/text_serializer.h>

#include <algorithm>
#include <charconv>

#include "herald/core/time.hpp"
#include "json_out.hpp"

namespace herald::data {
extern const std::string_view console_page;
}

namespace herald::console {

namespace {

constexpr std::string_view kCookie = "herald_console_token";
// The page loads nothing from elsewhere: the policy makes that a rule the browser enforces.
constexpr const char* kPagePolicy =
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') out += ' ';
        else if (s[i] == '%' && i + 2 < s.size() && hex_digit(s[i + 1]) >= 0 && hex_digit(s[i + 2]) >= 0) {
            out += static_cast<char>(hex_digit(s[i + 1]) * 16 + hex_digit(s[i + 2]));
            i += 2;
        } else out += s[i];
    }
    return out;
}

// Compares in time independent of where the first difference is (the token is a secret).
bool same_secret(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

std::string_view cookie_value(std::string_view header, std::string_view name) {
    while (!header.empty()) {
        const size_t end = std::min(header.find(';'), header.size());
        std::string_view part = header.substr(0, end);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        if (part.size() > name.size() && part.substr(0, name.size()) == name && part[name.size()] == '=')
            return part.substr(name.size() + 1);
        header.remove_prefix(std::min(end + 1, header.size()));
    }
    return {};
}

Reply error_reply(int status, Route route, std::string message) {
    Reply r;
    r.status = status;
    r.route = route;
    r.body = "{\"error\":\"";
    for (char c : message) {
        if (c == '"' || c == '\\') r.body += '\\';
        if (static_cast<unsigned char>(c) >= 0x20) r.body += c;
    }
    r.body += "\"}";
    return r;
}

bool is_alert_id(std::string_view s) {
    return s.size() == 16 && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool parse_int(const std::string& s, int64_t& v) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && end == s.data() + s.size();
}

// `since`: an RFC 3339 time, or a duration back from now ("6h", "30m").
bool parse_since(const std::string& s, int64_t now_ms, int64_t& out) {
    int64_t span = 0;
    if (core::parse_rfc3339(s, out)) return true;
    if (!core::parse_duration(s, span)) return false;
    out = now_ms - span;
    return true;
}

std::string get(const std::map<std::string, std::string>& q, const char* name) {
    auto it = q.find(name);
    return it == q.end() ? std::string() : it->second;
}

}  // namespace

std::string alert_path(std::string_view alert_id) { return "/alerts/" + std::string(alert_id); }

std::map<std::string, std::string> parse_query(std::string_view query) {
    std::map<std::string, std::string> out;
    while (!query.empty()) {
        const size_t end = std::min(query.find('&'), query.size());
        const std::string_view pair = query.substr(0, end);
        const size_t eq = pair.find('=');
        if (!pair.empty()) out[decode(pair.substr(0, eq))] = eq == std::string_view::npos ? "" : decode(pair.substr(eq + 1));
        query.remove_prefix(std::min(end + 1, query.size()));
    }
    return out;
}

Router::Router(Store& store, ConsoleMetrics* metrics, RouterOptions options)
    : store_(store), metrics_(metrics), options_(std::move(options)) {}

bool Router::authorized(const Request& req) const {
    if (options_.token.empty()) return true;
    constexpr std::string_view kBearer = "Bearer ";
    if (req.authorization.size() > kBearer.size() && req.authorization.substr(0, kBearer.size()) == kBearer &&
        same_secret(req.authorization.substr(kBearer.size()), options_.token))
        return true;
    const std::string_view cookie = cookie_value(req.cookie, kCookie);
    return !cookie.empty() && same_secret(cookie, options_.token);
}

Reply Router::handle(const Request& req, int64_t now_ms) {
    const size_t question = req.target.find('?');
    const std::string_view path = req.target.substr(0, question);
    const auto query = parse_query(question == std::string_view::npos ? std::string_view() : req.target.substr(question + 1));
    Reply reply;
    const bool get_method = req.method == "GET";
    if (path == "/healthz") {
        reply.route = Route::healthz;
        reply.content_type = "text/plain";
        reply.body = "ok\n";
    } else if (!authorized(req)) {
        const bool page_path = path == "/" || path.rfind("/alerts/", 0) == 0;
        if (get_method && page_path && query.count("token")) return page(req, path, query);
        reply = error_reply(401, Route::other,
                            "this console needs its token: send 'Authorization: Bearer TOKEN', or open the page once "
                            "as /?token=TOKEN");
        reply.headers.emplace_back("WWW-Authenticate", "Bearer");
    } else if (path == "/" || (path.rfind("/alerts/", 0) == 0 && path.find('/', 8) == std::string_view::npos)) {
        reply = get_method ? page(req, path, query) : error_reply(405, Route::page, "use GET");
    } else if (path == "/api/alerts") {
        reply = get_method ? alerts(query, now_ms) : error_reply(405, Route::api_alerts, "use GET");
    } else if (path.rfind("/api/alerts/", 0) == 0) {
        std::string_view rest = path.substr(12);
        const size_t slash = rest.find('/');
        const std::string_view id = rest.substr(0, slash);
        if (slash == std::string_view::npos) {
            reply = get_method ? alert(id) : error_reply(405, Route::api_alert, "use GET");
        } else if (req.method != "POST") {
            reply = error_reply(405, Route::api_action, "use POST");
        } else if (req.content_type.substr(0, 16) != "application/json") {
            // A form on another site cannot send this type without the browser asking first.
            reply = error_reply(415, Route::api_action, "send Content-Type: application/json");
        } else {
            reply = action(id, rest.substr(slash + 1), now_ms);
        }
    } else if (path == "/api/stats") {
        reply = get_method ? stats(query, now_ms) : error_reply(405, Route::api_stats, "use GET");
    } else if (path == "/events") {
        reply.route = Route::events;
        if (!get_method) return error_reply(405, Route::events, "use GET");
        int64_t after = -1;
        const std::string from = !req.last_event_id.empty() ? std::string(req.last_event_id) : get(query, "after");
        if (!from.empty() && (!parse_int(from, after) || after < 0))
            return error_reply(400, Route::events, "after (or Last-Event-ID) must be a seq number");
        reply.stream = true;
        reply.after_seq = after;
    } else if (path == "/metrics") {
        reply = get_method ? metrics_text() : error_reply(405, Route::metrics, "use GET");
    } else {
        reply = error_reply(404, Route::other, "no such page: see docs/console.md for the routes");
    }
    if (metrics_ && !reply.stream) metrics_->request(reply.route, reply.status).Increment();
    return reply;
}

Reply Router::page(const Request& req, std::string_view path, const std::map<std::string, std::string>& query) {
    Reply r;
    r.route = Route::page;
    auto token = query.find("token");
    if (token != query.end() && !options_.token.empty()) {
        if (!same_secret(token->second, options_.token)) return error_reply(401, Route::page, "wrong token");
        // Kept as a cookie so the page's own requests (and its event stream) carry it; the
        // redirect takes it out of the address bar and the history.
        r.status = 303;
        r.headers.emplace_back("Set-Cookie", std::string(kCookie) + "=" + options_.token +
                                                 "; Path=/; HttpOnly; SameSite=Strict");
        r.headers.emplace_back("Location", std::string(path));
        r.content_type = "text/plain";
        return r;
    }
    (void)req;
    r.content_type = "text/html; charset=utf-8";
    r.body.assign(data::console_page);
    r.headers.emplace_back("Content-Security-Policy", kPagePolicy);
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

Reply Router::alerts(const std::map<std::string, std::string>& q, int64_t now_ms) {
    Query query;
    query.ticker = get(q, "ticker");
    query.rule = get(q, "rule");
    query.severity = get(q, "severity");
    query.text = get(q, "q");
    query.include_muted = get(q, "muted") != "0";
    const std::string since = get(q, "since"), after = get(q, "after"), before = get(q, "before"), limit = get(q, "limit");
    if (!since.empty() && !parse_since(since, now_ms, query.since_ms))
        return error_reply(400, Route::api_alerts, "since must be an RFC 3339 time or a duration like 6h");
    if (!after.empty() && !parse_int(after, query.after_seq))
        return error_reply(400, Route::api_alerts, "after must be a seq number");
    if (!before.empty() && !parse_int(before, query.before_seq))
        return error_reply(400, Route::api_alerts, "before must be a seq number");
    int64_t n = 100;
    if (!limit.empty() && (!parse_int(limit, n) || n < 1 || n > 1000))
        return error_reply(400, Route::api_alerts, "limit must be 1 to 1000");
    query.limit = static_cast<int>(n) + 1;  // one more tells whether there are more
    std::vector<Row> rows;
    std::string error;
    const int64_t last = store_.last_seq(error);
    if (last < 0 || !store_.list(query, rows, error)) {
        if (metrics_) metrics_->store_errors().Increment();
        return error_reply(500, Route::api_alerts, error);
    }
    const bool more = rows.size() > static_cast<size_t>(n);
    if (more) rows.pop_back();
    Reply r;
    r.route = Route::api_alerts;
    append_rows_json(r.body, rows, more, last);
    return r;
}

Reply Router::alert(std::string_view id) {
    if (!is_alert_id(id)) return error_reply(404, Route::api_alert, "an alert id is 16 hex digits");
    Row row;
    std::string json, error;
    if (!store_.get(std::string(id), row, json, error)) {
        if (error.empty()) return error_reply(404, Route::api_alert, "no alert " + std::string(id) + " in the console");
        if (metrics_) metrics_->store_errors().Increment();
        return error_reply(500, Route::api_alert, error);
    }
    Reply r;
    r.route = Route::api_alert;
    r.body = "{\"row\":";
    append_row_json(r.body, row);
    r.body += ",\"alert\":" + json + "}";
    return r;
}

Reply Router::action(std::string_view id, std::string_view verb, int64_t now_ms) {
    if (!is_alert_id(id)) return error_reply(404, Route::api_action, "an alert id is 16 hex digits");
    const std::string key(id);
    std::string error;
    Change change;
    if (verb == "ack") change = store_.acknowledge(key, now_ms, error);
    else if (verb == "mute") change = store_.mute(key, now_ms, error);
    else if (verb == "unmute") change = store_.unmute(key, error);
    else return error_reply(404, Route::api_action, "actions are ack, mute and unmute");
    if (change == Change::not_found) return error_reply(404, Route::api_action, "no alert " + key + " in the console");
    if (change == Change::failed) {
        if (metrics_) metrics_->store_errors().Increment();
        return error_reply(500, Route::api_action, error);
    }
    Reply r = alert(id);
    r.route = Route::api_action;
    if (r.status == 200) {
        Row row;
        std::string json;
        if (store_.get(key, row, json, error)) append_row_json(r.update, row);
    }
    return r;
}

Reply Router::stats(const std::map<std::string, std::string>& q, int64_t now_ms) {
    int64_t hours = 24, keys = 8;
    const std::string h = get(q, "hours"), k = get(q, "keys");
    if (!h.empty() && (!parse_int(h, hours) || hours < 1 || hours > options_.stats_max_hours))
        return error_reply(400, Route::api_stats, "hours must be 1 to " + std::to_string(options_.stats_max_hours));
    if (!k.empty() && (!parse_int(k, keys) || keys < 1 || keys > 50))
        return error_reply(400, Route::api_stats, "keys must be 1 to 50");
    constexpr int64_t kHour = 3'600'000;
    // Whole hours, so a bucket means the same hour from one refresh to the next.
    const int64_t since = (now_ms / kHour - hours + 1) * kHour;
    Reply r;
    r.route = Route::api_stats;
    const std::string key = std::to_string(since) + "/" + std::to_string(keys);
    if (key == stats_key_ && now_ms < stats_until_ms_) {
        r.body = stats_body_;
        return r;
    }
    std::vector<Bucket> buckets;
    std::string error;
    if (!store_.buckets(since, kHour, buckets, error)) {
        if (metrics_) metrics_->store_errors().Increment();
        return error_reply(500, Route::api_stats, error);
    }
    append_buckets_json(r.body, buckets, since, kHour, static_cast<size_t>(keys));
    constexpr int64_t kReuseMs = 10'000;
    stats_key_ = key;
    stats_body_ = r.body;
    stats_until_ms_ = now_ms + kReuseMs;
    return r;
}

Reply Router::metrics_text() {
    Reply r;
    r.route = Route::metrics;
    r.content_type = "text/plain; version=0.0.4";
    if (metrics_) r.body = prometheus::TextSerializer().Serialize(metrics_->Collect());
    return r;
}

}  // namespace herald::console
