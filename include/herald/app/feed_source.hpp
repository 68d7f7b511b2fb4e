#pragma once
// Where offline commands read events from, one record at a time, on one thread: NDJSON files in
// order (plain or .gz, "-" for stdin), or a topic's time range (TopicRange). OfflineFeed hands the
// records to its analysing threads.
//
//   FileSource files({"a.ndjson", "b.ndjson.gz"});
//   SourceRecord r; std::string error;
//   while (auto n = files.next(r, error); n != FeedSource::Next::end) ...
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace herald::app {

class LineReader;
class TopicRange;

struct SourceRecord {
    std::string_view payload;  // valid until the next call
    int64_t position = 0;      // line number in the file, or offset in the partition
    int32_t partition = -1;    // -1 for files
    int64_t timestamp_ms = -1;  // the message timestamp; -1 for files
    bool warmup = false;        // before the range: updates rule state, raises no alert
};

class FeedSource {
public:
    virtual ~FeedSource() = default;
    enum class Next { record, error, end };
    // record: r is the next record. error: `error` says what went wrong at this place of the input
    // (a file that cannot be opened); reading goes on after it. end: nothing more.
    virtual Next next(SourceRecord& r, std::string& error) = 0;
    // What the current record was read from: the file as given, or the topic; valid for the run.
    virtual std::string_view origin() const = 0;
    // Progress: how much of the input is read, of how much (-1: unknown), and in what unit.
    virtual int64_t done() const = 0;
    virtual int64_t total() const = 0;
    virtual const char* unit() const = 0;  // "bytes" or "messages"
};

// Files one after the other as one feed; blank lines are skipped (they separate nothing).
class FileSource : public FeedSource {
public:
    explicit FileSource(std::vector<std::string> files);
    ~FileSource() override;
    Next next(SourceRecord& r, std::string& error) override;
    std::string_view origin() const override;
    int64_t done() const override;
    int64_t total() const override { return total_; }
    const char* unit() const override { return "bytes"; }

private:
    std::vector<std::string> files_;
    size_t index_ = 0;  // the file being read, or the next to open
    std::unique_ptr<LineReader> reader_;
    int64_t done_files_bytes_ = 0, total_ = -1;
};

// The messages of a topic range and its warm-up (tombstones as empty payloads).
class TopicSource : public FeedSource {
public:
    explicit TopicSource(TopicRange& range) : range_(range) {}
    Next next(SourceRecord& r, std::string& error) override;
    std::string_view origin() const override;
    int64_t done() const override;
    int64_t total() const override;
    const char* unit() const override { return "messages"; }

private:
    TopicRange& range_;
};

}  // namespace herald::app
