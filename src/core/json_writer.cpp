#include "herald/core/json_writer.hpp"

#include <charconv>
#include <cmath>

namespace herald::core {

void JsonWriter::key(std::string_view k) {
    comma();
    out_.push_back('"');
    append_json_escaped(out_, k);
    out_.append("\":");
    after_key_ = true;
}

void JsonWriter::string(std::string_view s) {
    comma();
    out_.push_back('"');
    append_json_escaped(out_, s);
    out_.push_back('"');
}

void JsonWriter::number(double v) {
    if (!std::isfinite(v)) {
        null();
        return;
    }
    comma();
    char buf[32];
    if (v == std::trunc(v) && std::fabs(v) < 9.007199254740992e15) {
        auto r = std::to_chars(buf, buf + sizeof buf, static_cast<int64_t>(v));
        out_.append(buf, r.ptr);
        return;
    }
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, r.ptr);
}

void JsonWriter::integer(int64_t v) {
    comma();
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, r.ptr);
}

namespace {
// Length of the valid UTF-8 sequence at s[i], or 0 when it is not valid.
size_t utf8_sequence_length(std::string_view s, size_t i) {
    auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = b(i);
    size_t n = c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    for (size_t k = 1; k < n; ++k)
        if ((b(i + k) & 0xC0) != 0x80) return 0;
    if (n == 3) {
        if (c == 0xE0 && b(i + 1) < 0xA0) return 0;  // overlong
        if (c == 0xED && b(i + 1) > 0x9F) return 0;  // surrogate
    }
    if (n == 4) {
        if (c == 0xF0 && b(i + 1) < 0x90) return 0;
        if (c == 0xF4 && b(i + 1) > 0x8F) return 0;
    }
    return n;
}
// The raw bytes of the escape unit at s[i] and what it becomes: the same rules as
// append_json_escaped, so sizes computed here match what it writes.
struct Unit {
    size_t raw, escaped;
};
Unit unit_at(std::string_view s, size_t i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
        size_t n = utf8_sequence_length(s, i);
        return n == 0 ? Unit{1, 3} : Unit{n, n};
    }
    if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t') return {1, 2};
    return {1, c < 0x20 ? size_t{6} : size_t{1}};
}
}  // namespace

size_t json_escaped_size(std::string_view s) {
    size_t total = 0;
    for (size_t i = 0; i < s.size();) {
        Unit u = unit_at(s, i);
        total += u.escaped;
        i += u.raw;
    }
    return total;
}

size_t json_escaped_prefix(std::string_view s, size_t cap, size_t* escaped) {
    size_t total = 0, i = 0;
    while (i < s.size()) {
        Unit u = unit_at(s, i);
        if (total + u.escaped > cap) break;
        total += u.escaped;
        i += u.raw;
    }
    if (escaped) *escaped = total;
    return i;
}

void append_json_escaped(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {
            size_t n = utf8_sequence_length(s, i);
            if (n == 0) {
                out.append("\xEF\xBF\xBD");
                ++i;
            } else {
                out.append(s.data() + i, n);
                i += n;
            }
            continue;
        }
        switch (c) {
            case '"': out.append("\\\""); break;
            case '\\': out.append("\\\\"); break;
            case '\n': out.append("\\n"); break;
            case '\r': out.append("\\r"); break;
            case '\t': out.append("\\t"); break;
            default:
                if (c < 0x20) {
                    out.append("\\u00");
                    out.push_back(hex[c >> 4]);
                    out.push_back(hex[c & 15]);
                } else {
                    out.push_back(static_cast<char>(c));
                }
        }
        ++i;
    }
}

}  // namespace herald::core
