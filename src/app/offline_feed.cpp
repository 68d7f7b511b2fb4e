#include "herald/app/offline_feed.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <thread>

#include "herald/analysis/analysis_json.hpp"
#include "herald/app/event_copy.hpp"
#include "herald/app/event_processor.hpp"
#include "herald/app/line_reader.hpp"

namespace herald::app {

namespace {
// A batch is the unit of hand-over between threads: big enough that one lock per batch costs
// nothing next to analysing it (~1 ms), small enough that the ring stays a few MB.
constexpr size_t kBatchEvents = 64;
constexpr size_t kBatchBytes = 1 << 20;
constexpr size_t kBatchesPerJob = 4;

struct LineRef {
    size_t at = 0, size = 0;
    int64_t line = 0;
    size_t file = 0;
};

struct Batch {
    std::string text;  // the batch's lines back to back
    std::vector<LineRef> lines;
    std::vector<FeedEvent> events;  // events[i] is lines[i] once analysed; reused across batches
    std::string error;              // a file error that comes after these lines in input order
    int64_t file_bytes = 0;         // input position when the batch was cut, for progress
    bool done = false;              // analysed; guarded by Impl::mutex
};

bool blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

int64_t total_size(const std::vector<std::string>& files) {
    int64_t total = 0;
    for (const auto& f : files) {
        struct stat st {};
        if (f == "-" || stat(f.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return -1;
        total += st.st_size;
    }
    return total;
}
}  // namespace

struct OfflineFeed::Impl {
    const analysis::Resources& resources;
    const FeedSettings& settings;
    FeedProgress& progress;
    std::vector<Batch> ring;

    std::mutex mutex;
    std::condition_variable work_cv, done_cv;
    uint64_t filled = 0, claimed = 0;  // batches handed to the analysers / taken by one (mutex)
    bool stop = false;                 // (mutex)
    uint64_t delivered = 0;            // the calling thread's alone

    // Reading, on the calling thread.
    size_t file_index = 0;
    std::unique_ptr<LineReader> reader;
    int64_t bytes_of_done_files = 0;
    bool input_done = false, input_errors = false;

    Impl(const analysis::Resources& r, const FeedSettings& s, FeedProgress& p) : resources(r), settings(s), progress(p) {
        ring.resize(std::max<size_t>(2, kBatchesPerJob * settings.jobs));
    }

    std::unique_ptr<EventProcessor> make_processor() const {
        auto proc = std::make_unique<EventProcessor>(resources, settings.max_event_bytes);
        proc->set_event_time_policy(settings.max_future_skew_ms, settings.now_ms);
        return proc;
    }

    // Reads lines into b until it is full or the input ends. A file error cuts the batch there,
    // so the message is reported after exactly the lines before it.
    void fill(Batch& b) {
        b.text.clear();
        b.lines.clear();
        b.error.clear();
        while (b.lines.size() < kBatchEvents && b.text.size() < kBatchBytes && b.error.empty()) {
            if (!reader) {
                if (file_index == settings.files.size()) {
                    input_done = true;
                    break;
                }
                reader = std::make_unique<LineReader>();
                if (!reader->open(settings.files[file_index], b.error)) {
                    reader.reset();
                    ++file_index;
                    input_errors = true;
                }
                continue;
            }
            std::string_view line;
            if (!reader->next(line)) {
                if (!reader->error().empty()) {
                    b.error = reader->error();
                    input_errors = true;
                }
                bytes_of_done_files += reader->file_offset();
                reader.reset();
                ++file_index;
                continue;
            }
            if (blank(line)) continue;  // blank lines separate nothing
            b.lines.push_back({b.text.size(), line.size(), reader->line_number(), file_index});
            b.text.append(line);
        }
        b.file_bytes = bytes_of_done_files + (reader ? reader->file_offset() : 0);
    }

    void analyse(Batch& b, EventProcessor& proc) const {
        if (b.events.size() < b.lines.size()) b.events.resize(b.lines.size());
        for (size_t i = 0; i < b.lines.size(); ++i) {
            const LineRef& r = b.lines[i];
            FeedEvent& e = b.events[i];
            e.path = settings.files[r.file];
            e.line = r.line;
            e.bytes = r.size;
            e.detail.clear();
            e.analysis_json.clear();
            EventSource source{e.path == "-" ? std::string_view("stdin") : e.path, -1, r.line, -1};
            e.code = proc.parse(std::string_view(b.text).substr(r.at, r.size), source, e.detail);
            if (!e.ok()) {
                e.event.clear();
                e.analysis.clear();
                continue;
            }
            copy_event(proc.event(), e.storage, e.event);
            e.event_time_ms = proc.event_time_ms();
            analysis::Explanation* explain = settings.explain ? &e.explanation : nullptr;
            proc.analyze(e.event, e.analysis, explain);
            if (settings.analysis_json) {
                analysis::append_analysis_json(e.analysis_json, e.event, e.analysis, explain);
                e.analysis_json.push_back('\n');
            }
        }
    }

    void worker() {
        auto proc = make_processor();
        std::unique_lock<std::mutex> lock(mutex);
        for (;;) {
            work_cv.wait(lock, [&] { return stop || claimed < filled; });
            if (stop) return;
            Batch& b = ring[claimed++ % ring.size()];
            lock.unlock();
            analyse(b, *proc);
            lock.lock();
            b.done = true;
            done_cv.notify_one();
        }
    }

    // The batch's events to the sink, then its file error. False when the sink stops.
    bool deliver(Batch& b, const std::function<bool(FeedEvent&)>& sink) {
        uint64_t bytes = 0;
        for (size_t i = 0; i < b.lines.size(); ++i) {
            if (!sink(b.events[i])) return false;
            bytes += b.events[i].bytes;
        }
        if (!b.error.empty()) std::fprintf(stderr, "herald %s: %s\n", settings.command.c_str(), b.error.c_str());
        progress.events.fetch_add(b.lines.size(), std::memory_order_relaxed);
        progress.event_bytes.fetch_add(bytes, std::memory_order_relaxed);
        progress.file_bytes.store(b.file_bytes, std::memory_order_relaxed);
        return true;
    }

    FeedStatus run(const std::function<bool(FeedEvent&)>& sink) {
        std::vector<std::thread> workers;
        for (unsigned i = 1; i < settings.jobs; ++i) workers.emplace_back([this] { worker(); });
        auto own = make_processor();  // the calling thread analyses too while it would wait
        bool stopped = false;
        for (;;) {
            // Keep the ring full: every free batch gets lines (filled and delivered are only
            // changed here, so reading them without the lock is exact).
            while (!input_done && filled - delivered < ring.size()) {
                Batch& b = ring[filled % ring.size()];
                fill(b);
                if (b.lines.empty() && b.error.empty()) break;  // the input ended exactly here
                std::lock_guard<std::mutex> lock(mutex);
                b.done = false;
                ++filled;
                work_cv.notify_one();
            }
            if (delivered == filled) break;
            Batch& head = ring[delivered % ring.size()];
            std::unique_lock<std::mutex> lock(mutex);
            if (head.done) {
                lock.unlock();
                if (!deliver(head, sink)) {
                    stopped = true;
                    break;
                }
                ++delivered;
            } else if (claimed < filled) {
                Batch& b = ring[claimed++ % ring.size()];
                lock.unlock();
                analyse(b, *own);
                lock.lock();
                b.done = true;
            } else {
                done_cv.wait(lock, [&] { return head.done; });
            }
        }
        {
            std::lock_guard<std::mutex> lock(mutex);
            stop = true;
        }
        work_cv.notify_all();
        for (auto& t : workers) t.join();
        if (stopped) return FeedStatus::stopped;
        return input_errors ? FeedStatus::input_errors : FeedStatus::ok;
    }
};

OfflineFeed::OfflineFeed(const analysis::Resources& resources, FeedSettings settings)
    : resources_(resources), settings_(std::move(settings)) {
    if (settings_.jobs == 0) settings_.jobs = 1;
    progress_.total_file_bytes = total_size(settings_.files);
}

OfflineFeed::~OfflineFeed() = default;

FeedStatus OfflineFeed::run(const std::function<bool(FeedEvent&)>& sink) {
    Impl impl(resources_, settings_, progress_);
    return impl.run(sink);
}

}  // namespace herald::app
