#include "herald/app/line_reader.hpp"

#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace herald::app {

LineReader::~LineReader() {
    if (file_) gzclose(static_cast<gzFile>(file_));
}

bool LineReader::open(const std::string& path, std::string& error) {
    path_ = path;
    file_ = path == "-" ? gzdopen(dup(STDIN_FILENO), "rb") : gzopen(path.c_str(), "rb");
    if (!file_) {
        error = "cannot open '" + path + "': " + std::strerror(errno ? errno : ENOENT);
        return false;
    }
    gzbuffer(static_cast<gzFile>(file_), 1 << 17);
    buffer_.resize(1 << 16);
    return true;
}

int64_t LineReader::file_offset() const {
    return file_ ? static_cast<int64_t>(gzoffset(static_cast<gzFile>(file_))) : 0;
}

bool LineReader::next(std::string_view& line) {
    for (;;) {
        const char* nl = static_cast<const char*>(std::memchr(buffer_.data() + start_, '\n', end_ - start_));
        if (nl || (eof_ && start_ < end_)) {
            size_t stop = nl ? static_cast<size_t>(nl - buffer_.data()) : end_;
            size_t len = stop - start_;
            if (len > 0 && buffer_[start_ + len - 1] == '\r') --len;
            line = std::string_view(buffer_.data() + start_, len);
            start_ = nl ? stop + 1 : end_;
            ++line_number_;
            return true;
        }
        if (eof_) return false;
        // Keep the partial line, make room, read more.
        if (start_ > 0) {
            std::memmove(buffer_.data(), buffer_.data() + start_, end_ - start_);
            end_ -= start_;
            start_ = 0;
        }
        if (end_ == buffer_.size()) buffer_.resize(buffer_.size() * 2);
        int n = gzread(static_cast<gzFile>(file_), buffer_.data() + end_, static_cast<unsigned>(buffer_.size() - end_));
        if (n < 0) {
            int code = 0;
            error_ = "cannot read '" + path_ + "': " + gzerror(static_cast<gzFile>(file_), &code);
            return false;
        }
        if (n == 0) eof_ = true;
        end_ += static_cast<size_t>(n);
    }
}

}  // namespace herald::app
