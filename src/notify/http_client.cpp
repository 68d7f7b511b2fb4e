// HTTP POST with libcurl's easy interface, one handle per thread.
#include "herald/notify/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>

namespace herald::notify {

bool global_init() { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }

namespace {
constexpr size_t kKeptResponseBytes = 512;  // enough to say why a request was refused

size_t keep_start(char* data, size_t size, size_t n, void* user) {
    auto* out = static_cast<std::string*>(user);
    const size_t bytes = size * n;
    if (out->size() < kKeptResponseBytes) out->append(data, std::min(bytes, kKeptResponseBytes - out->size()));
    return bytes;
}

std::string one_line(std::string_view s) {
    std::string out;
    for (char c : s) out.push_back(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}
}  // namespace

HttpClient::HttpClient() : curl_(curl_easy_init()) {}

HttpClient::~HttpClient() {
    if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

HttpResult HttpClient::post(const std::string& url, std::string_view body, const std::vector<std::string>& headers,
                            int64_t timeout_ms) {
    HttpResult r;
    CURL* c = static_cast<CURL*>(curl_);
    if (!c) {
        r.error = "libcurl could not create a handle";
        return r;
    }
    curl_easy_reset(c);  // keeps the connection cache
    curl_slist* list = nullptr;
    for (const std::string& h : headers) list = curl_slist_append(list, h.c_str());
    // No "Expect: 100-continue" round trip (a second's wait with servers that ignore it).
    list = curl_slist_append(list, "Expect:");
    response_.clear();
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_ms));
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min<int64_t>(timeout_ms, 5000)));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM for DNS timeouts
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep_start);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &response_);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "herald-notify");
    const CURLcode code = curl_easy_perform(c);
    curl_slist_free_all(list);
    if (code != CURLE_OK) {
        r.error = curl_easy_strerror(code);
        return r;
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
    if (!r.ok()) r.error = "HTTP " + std::to_string(r.status) + (response_.empty() ? "" : ": " + one_line(response_));
    return r;
}

std::string url_origin(std::string_view url) {
    size_t scheme = url.find("://");
    size_t host = scheme == std::string_view::npos ? 0 : scheme + 3;
    size_t end = url.find_first_of("/?#", host);
    std::string_view authority = url.substr(host, end == std::string_view::npos ? url.size() - host : end - host);
    if (size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
    return std::string(url.substr(0, host)) + std::string(authority);
}

}  // namespace herald::notify
