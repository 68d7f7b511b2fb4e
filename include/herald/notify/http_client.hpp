#pragma once
// Outgoing HTTP POSTs through libcurl: one client per delivery thread, keeping its connection
// alive between requests. Call curl_global_init (global_init() here) once before any thread
// makes a client.
//
//   herald::notify::HttpClient client;
//   auto r = client.post("http://127.0.0.1:9093/api/v2/alerts", body,
//                        {"Content-Type: application/json"}, 10000);
//   if (!r.ok()) retry_later(r.error);
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace herald::notify {

struct HttpResult {
    long status = 0;    // HTTP status, 0 when no answer came (connection refused, timeout)
    std::string error;  // one line when !ok(): "connection refused", "HTTP 503: <body start>"
    bool ok() const { return status >= 200 && status < 300; }
    // A 4xx other than 408/425/429: the request itself is wrong, resending it cannot help.
    bool permanent() const { return status >= 400 && status < 500 && status != 408 && status != 425 && status != 429; }
};

// Once per process, before threads start; false when libcurl cannot initialise.
bool global_init();

class HttpClient {
public:
    HttpClient();
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // headers: "Name: value" lines. timeout_ms bounds the whole request, connect included.
    HttpResult post(const std::string& url, std::string_view body, const std::vector<std::string>& headers,
                    int64_t timeout_ms);

private:
    void* curl_ = nullptr;  // CURL*
    std::string response_;
};

// The URL without user info, path or query (those may hold secrets, e.g. a Slack webhook's
// path): "https://hooks.slack.com". For logs and metric labels.
std::string url_origin(std::string_view url);

}  // namespace herald::notify
