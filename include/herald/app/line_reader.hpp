#pragma once
// Reads NDJSON lines from a plain or gzip-compressed file (or stdin as "-"), any line length.
//
//   LineReader r;
//   if (!r.open("feed.ndjson.gz", error)) ...;
//   std::string_view line;
//   while (r.next(line)) handle(line, r.line_number());
#include <cstdint>
#include <string>
#include <string_view>

namespace herald::app {

class LineReader {
public:
    LineReader() = default;
    ~LineReader();
    LineReader(const LineReader&) = delete;
    LineReader& operator=(const LineReader&) = delete;

    bool open(const std::string& path, std::string& error);  // "-" = stdin
    // The next line without its "\n" (and "\r"), valid until the next call; false at end of
    // input or on a read error.
    bool next(std::string_view& line);
    int64_t line_number() const { return line_number_; }
    // Bytes read from the file itself so far (compressed bytes for .gz), for progress against its size.
    int64_t file_offset() const;
    const std::string& error() const { return error_; }  // set when next() stopped on a read error

private:
    void* file_ = nullptr;  // gzFile
    std::string buffer_;
    size_t start_ = 0, end_ = 0;
    bool eof_ = false;
    int64_t line_number_ = 0;
    std::string error_;
    std::string path_;
};

}  // namespace herald::app
