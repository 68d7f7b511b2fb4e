#pragma once
// A progress line on stderr while an offline command reads its feed, when stderr is a terminal:
// events, events/s, MB/s and, when the input's size is known, the share done and an ETA.
// Redrawn in place twice a second from its own thread; erased when it stops.
//
//   ProgressLine progress("backtest", feed.progress(), isatty(STDERR_FILENO));
//   feed.run(sink);
//   progress.stop();
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "herald/app/offline_feed.hpp"

namespace herald::app {

class ProgressLine {
public:
    ProgressLine(std::string command, const FeedProgress& progress, bool enabled);
    ~ProgressLine();
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;
    void stop();

    // The line for these figures (no "\r"), exposed for tests.
    // unit: "bytes" (the total is shown in MB) or "messages".
    static std::string format(const std::string& command, uint64_t events, uint64_t event_bytes, int64_t input_done,
                              int64_t input_total, const char* unit, double seconds);

private:
    void loop();
    std::string command_;
    const FeedProgress& progress_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace herald::app
