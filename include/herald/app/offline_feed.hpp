#pragma once
// Offline input for `herald analyze` and `herald backtest`: reads NDJSON files (plain or .gz, "-"
// for stdin) in order, or a topic's time range (FeedSource), parses and analyses the events on every CPU asked for, and hands them to
// one sink on the calling thread strictly in input order. The sink (rules, diffs, output) is
// therefore sequential and sees the same events in the same order whatever --jobs is, so the
// output is byte-identical to --jobs 1.
//
// Bounded memory: events travel in batches through a ring of 4 batches per job; the reader waits
// when the ring is full, so a file of any size holds at most the ring in memory.
//
//   FeedSettings s; s.files = {"a.ndjson", "b.ndjson.gz"}; s.jobs = core::usable_cpus();
//   OfflineFeed feed(resources, s);
//   FeedStatus st = feed.run([&](FeedEvent& e) { if (e.ok()) evaluate(e); return write_ok; });
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "herald/analysis/analyzer.hpp"
#include "herald/app/feed_source.hpp"
#include "herald/parse/event_parser.hpp"

namespace herald::app {

struct FeedSettings {
    std::vector<std::string> files;  // read in this order; "-" = stdin
    unsigned jobs = 1;               // threads that parse and analyse, the calling thread included
    size_t max_event_bytes = 1 << 20;
    int64_t max_future_skew_ms = 0;  // lines dated further ahead of now_ms are future_time (0: no check)
    int64_t now_ms = 0;
    bool explain = false;        // fill FeedEvent::explanation
    bool analysis_json = false;  // fill FeedEvent::analysis_json (on the analysing thread)
    std::string command = "analyze";  // names the command in messages ("herald analyze: ...")
};

// One input record (a non-blank line, or a message) after parsing and analysis. Views stay
// valid during the sink call.
struct FeedEvent {
    std::string_view origin;  // the file as given ("-" for stdin), or the topic
    int64_t position = 0;     // line number, or offset
    int32_t partition = -1;   // -1 for files
    int64_t timestamp_ms = -1;  // the message timestamp; -1 for files
    bool warmup = false;        // before the range read: rules update state but raise nothing
    size_t bytes = 0;           // of the line or payload
    parse::ErrorCode code = parse::ErrorCode::none;
    std::string detail;  // why the line is not an event (code != none)
    analysis::Event event;
    analysis::Analysis analysis;
    int64_t event_time_ms = 0;
    analysis::Explanation explanation;
    bool explained = false;     // `explanation` is this event's (FeedSettings::explain)
    std::string analysis_json;  // with its newline, when FeedSettings::analysis_json
    std::string storage;        // the texts `event` points into
    bool ok() const { return code == parse::ErrorCode::none; }
};

// Counters the progress line reads from another thread.
struct FeedProgress {
    std::atomic<uint64_t> events{0};       // delivered to the sink
    std::atomic<uint64_t> event_bytes{0};  // their bytes
    // The input read and delivered (FeedSource::done: file bytes, compressed for .gz, or
    // messages), of input_total (-1: unknown, e.g. stdin), in input_unit.
    std::atomic<int64_t> input_done{0};
    std::atomic<int64_t> input_total{-1};
    std::atomic<const char*> input_unit{"bytes"};
};

enum class FeedStatus {
    ok,            // every file read
    input_errors,  // a file could not be opened or read (said on stderr); the others were read
    stopped,       // the sink returned false
};

class OfflineFeed {
public:
    OfflineFeed(const analysis::Resources& resources, FeedSettings settings);
    ~OfflineFeed();
    OfflineFeed(const OfflineFeed&) = delete;
    OfflineFeed& operator=(const OfflineFeed&) = delete;

    // Calls sink(event) for every non-blank line of the files in input order, on this thread. A
    // file that cannot be opened or read is reported on stderr at its place in that order.
    FeedStatus run(const std::function<bool(FeedEvent&)>& sink);
    // The same for every record of another source (a topic range).
    FeedStatus run(FeedSource& source, const std::function<bool(FeedEvent&)>& sink);
    FeedProgress& progress() { return progress_; }

private:
    struct Impl;
    const analysis::Resources& resources_;
    FeedSettings settings_;
    FeedProgress progress_;
};

}  // namespace herald::app
