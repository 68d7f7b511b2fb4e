#include "herald/app/feed_source.hpp"

#include <sys/stat.h>

#include "herald/app/line_reader.hpp"
#include "herald/app/topic_range.hpp"

namespace herald::app {

namespace {
// Sum of the files' sizes, -1 when one is not a regular file (stdin, a pipe).
int64_t total_size(const std::vector<std::string>& files) {
    int64_t total = 0;
    for (const auto& f : files) {
        struct stat st {};
        if (f == "-" || stat(f.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return -1;
        total += st.st_size;
    }
    return total;
}

bool blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }
}  // namespace

FileSource::FileSource(std::vector<std::string> files) : files_(std::move(files)), total_(total_size(files_)) {}

FileSource::~FileSource() = default;

FeedSource::Next FileSource::next(SourceRecord& r, std::string& error) {
    for (;;) {
        if (!reader_) {
            if (index_ == files_.size()) return Next::end;
            reader_ = std::make_unique<LineReader>();
            if (!reader_->open(files_[index_], error)) {
                reader_.reset();
                ++index_;
                return Next::error;
            }
        }
        std::string_view line;
        if (reader_->next(line)) {
            if (blank(line)) continue;
            r = SourceRecord{line, reader_->line_number(), -1, -1, false};
            return Next::record;
        }
        done_files_bytes_ += reader_->file_offset();
        const std::string failure = reader_->error();
        reader_.reset();
        ++index_;
        if (!failure.empty()) {
            error = failure;
            return Next::error;
        }
    }
}

std::string_view FileSource::origin() const {
    // While a file is read, its name; between files (an open error), the one that failed.
    const size_t i = reader_ ? index_ : (index_ > 0 ? index_ - 1 : 0);
    return i < files_.size() ? std::string_view(files_[i]) : std::string_view();
}

int64_t FileSource::done() const { return done_files_bytes_ + (reader_ ? reader_->file_offset() : 0); }

FeedSource::Next TopicSource::next(SourceRecord& r, std::string&) {
    const kafka::Message* m = nullptr;
    bool warmup = false;
    if (!range_.next(m, warmup)) return Next::end;
    r = SourceRecord{m->payload(), m->offset(), m->partition(), m->timestamp_ms(), warmup};
    return Next::record;
}

std::string_view TopicSource::origin() const { return range_.topic(); }
int64_t TopicSource::done() const { return range_.read(); }
int64_t TopicSource::total() const { return range_.to_read(); }

}  // namespace herald::app
