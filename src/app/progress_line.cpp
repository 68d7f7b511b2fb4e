#include "herald/app/progress_line.hpp"

#include <chrono>
#include <cstdio>
#include <string_view>

namespace herald::app {

ProgressLine::ProgressLine(std::string command, const FeedProgress& progress, bool enabled)
    : command_(std::move(command)), progress_(progress) {
    if (enabled) thread_ = std::thread([this] { loop(); });
}

ProgressLine::~ProgressLine() { stop(); }

void ProgressLine::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

std::string ProgressLine::format(const std::string& command, uint64_t events, uint64_t event_bytes,
                                 int64_t input_done, int64_t input_total, const char* unit, double seconds) {
    const double s = seconds > 0 ? seconds : 1e-9;
    char buf[256];
    int n = std::snprintf(buf, sizeof buf, "herald %s: %llu events, %.0f events/s, %.1f MB/s", command.c_str(),
                          static_cast<unsigned long long>(events), static_cast<double>(events) / s,
                          static_cast<double>(event_bytes) / 1e6 / s);
    std::string line(buf, n > 0 ? static_cast<size_t>(n) : 0);
    if (input_total > 0 && input_done > 0) {
        const double done = static_cast<double>(input_done) / static_cast<double>(input_total);
        const auto eta = static_cast<long long>(s * (1 - done) / done);
        const bool bytes = std::string_view(unit) == "bytes";
        n = std::snprintf(buf, sizeof buf, ", %.0f%% of %.*f %s, ETA %lld:%02lld", 100 * done, bytes ? 1 : 0,
                          bytes ? static_cast<double>(input_total) / 1e6 : static_cast<double>(input_total),
                          bytes ? "MB" : unit, eta / 60, eta % 60);
        line.append(buf, n > 0 ? static_cast<size_t>(n) : 0);
    }
    return line;
}

void ProgressLine::loop() {
    const auto start = std::chrono::steady_clock::now();
    std::unique_lock<std::mutex> lock(mutex_);
    size_t width = 0;
    while (!cv_.wait_for(lock, std::chrono::milliseconds(500), [this] { return stopping_; })) {
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::string line = format(command_, progress_.events.load(std::memory_order_relaxed),
                                  progress_.event_bytes.load(std::memory_order_relaxed),
                                  progress_.input_done.load(std::memory_order_relaxed),
                                  progress_.input_total.load(std::memory_order_relaxed),
                                  progress_.input_unit.load(std::memory_order_relaxed), seconds);
        const size_t shown = line.size();
        if (line.size() < width) line.append(width - line.size(), ' ');  // cover a longer previous line
        width = shown;
        // Straight to the terminal, not through core::log: a line redrawn in place ("\r") is no
        // log line, and it only runs when stderr is a terminal (never under a log shipper).
        std::fprintf(stderr, "\r%s", line.c_str());
        std::fflush(stderr);
    }
    if (width > 0) std::fprintf(stderr, "\r%*s\r", static_cast<int>(width), "");
}

}  // namespace herald::app
