#include "herald/app/offline_feed.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <thread>

#include "herald/analysis/analysis_json.hpp"
#include "herald/app/event_copy.hpp"
#include "herald/app/event_processor.hpp"
#include "herald/core/log.hpp"

namespace herald::app {

namespace {
// A batch is the unit of hand-over between threads: big enough that one lock per batch costs
// nothing next to analysing it (~1 ms), small enough that the ring stays a few MB.
constexpr size_t kBatchEvents = 64;
constexpr size_t kBatchBytes = 1 << 20;
constexpr size_t kBatchesPerJob = 4;

// A record's bytes in Batch::text and where it came from.
struct LineRef {
    size_t at = 0, size = 0;
    std::string_view origin;
    SourceRecord record;  // its payload is not kept (the bytes are in the batch)
};

struct Batch {
    std::string text;  // the batch's lines back to back
    std::vector<LineRef> lines;
    std::vector<FeedEvent> events;  // events[i] is lines[i] once analysed; reused across batches
    std::string error;              // a source error that comes after these lines in input order
    int64_t input_done = 0;         // FeedSource::done() when the batch was cut, for progress
    bool done = false;              // analysed; guarded by Impl::mutex
};

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
    FeedSource* source = nullptr;
    bool input_done = false, input_errors = false;

    Impl(const analysis::Resources& r, const FeedSettings& s, FeedProgress& p) : resources(r), settings(s), progress(p) {
        ring.resize(std::max<size_t>(2, kBatchesPerJob * settings.jobs));
    }

    std::unique_ptr<EventProcessor> make_processor() const {
        auto proc = std::make_unique<EventProcessor>(resources, settings.max_event_bytes);
        proc->set_event_time_policy(settings.max_future_skew_ms, settings.now_ms);
        return proc;
    }

    // Reads records into b until it is full or the input ends. A source error cuts the batch
    // there, so the message is reported after exactly the records before it.
    void fill(Batch& b) {
        b.text.clear();
        b.lines.clear();
        b.error.clear();
        SourceRecord r;
        while (b.lines.size() < kBatchEvents && b.text.size() < kBatchBytes && b.error.empty()) {
            FeedSource::Next n = source->next(r, b.error);
            if (n == FeedSource::Next::end) {
                input_done = true;
                break;
            }
            if (n == FeedSource::Next::error) {
                input_errors = true;
                break;
            }
            b.lines.push_back({b.text.size(), r.payload.size(), source->origin(), r});
            b.lines.back().record.payload = {};
            b.text.append(r.payload);
        }
        b.input_done = source->done();
    }

    void analyse(Batch& b, EventProcessor& proc) const {
        if (b.events.size() < b.lines.size()) b.events.resize(b.lines.size());
        for (size_t i = 0; i < b.lines.size(); ++i) {
            const LineRef& r = b.lines[i];
            FeedEvent& e = b.events[i];
            e.origin = r.origin;
            e.position = r.record.position;
            e.partition = r.record.partition;
            e.timestamp_ms = r.record.timestamp_ms;
            e.warmup = r.record.warmup;
            e.bytes = r.size;
            e.detail.clear();
            e.analysis_json.clear();
            e.explained = false;
            EventSource from{e.origin == "-" ? std::string_view("stdin") : e.origin, e.partition, e.position,
                               e.timestamp_ms};
            e.code = proc.parse(std::string_view(b.text).substr(r.at, r.size), from, e.detail);
            if (!e.ok()) {
                e.event.clear();
                e.analysis.clear();
                continue;
            }
            copy_event(proc.event(), e.storage, e.event);
            e.event_time_ms = proc.event_time_ms();
            analysis::Explanation* explain = settings.explain ? &e.explanation : nullptr;
            proc.analyze(e.event, e.analysis, explain);
            e.explained = explain != nullptr;
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
        if (!b.error.empty()) core::log::error(settings.command, b.error);
        progress.events.fetch_add(b.lines.size(), std::memory_order_relaxed);
        progress.event_bytes.fetch_add(bytes, std::memory_order_relaxed);
        progress.input_done.store(b.input_done, std::memory_order_relaxed);
        return true;
    }

    FeedStatus run(FeedSource& from, const std::function<bool(FeedEvent&)>& sink) {
        source = &from;
        progress.input_total.store(from.total(), std::memory_order_relaxed);
        progress.input_unit.store(from.unit(), std::memory_order_relaxed);
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
}

OfflineFeed::~OfflineFeed() = default;

FeedStatus OfflineFeed::run(const std::function<bool(FeedEvent&)>& sink) {
    FileSource files(settings_.files);
    return run(files, sink);
}

FeedStatus OfflineFeed::run(FeedSource& source, const std::function<bool(FeedEvent&)>& sink) {
    Impl impl(resources_, settings_, progress_);
    return impl.run(source, sink);
}

}  // namespace herald::app
