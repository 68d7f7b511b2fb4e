#include "herald/core/log.hpp"

#include <cstdarg>
#include <cstdio>

#include "herald/core/json_writer.hpp"
#include "herald/core/time.hpp"

namespace herald::core::log {

namespace detail {
std::atomic<int> g_level{static_cast<int>(Level::info)};
}  // namespace detail

namespace {

std::atomic<int> g_format{static_cast<int>(Format::text)};
Sink g_sink;

constexpr std::string_view kLevelNames[] = {"error", "warn", "info", "debug"};

// A text field's value is quoted when a reader splitting on spaces would cut it.
bool needs_quotes(std::string_view v) {
    if (v.empty()) return true;
    for (char c : v)
        if (c == ' ' || c == '"' || c == '=' || static_cast<unsigned char>(c) < 0x20) return true;
    return false;
}

void append_text(std::string& out, Level level, std::string_view component, std::string_view msg,
                 std::span<const Field> fields) {
    out += "herald";
    if (!component.empty()) {
        out += ' ';
        out += component;
    }
    out += ": ";
    if (level == Level::warn) out += "warning: ";
    if (level == Level::debug) out += "debug: ";
    out += msg;
    for (const Field& f : fields) {
        out += ' ';
        out += f.key;
        out += '=';
        if (f.number || !needs_quotes(f.value)) {
            out += f.value;
        } else {
            out += '"';
            append_json_escaped(out, f.value);
            out += '"';
        }
    }
}

void append_json(std::string& out, Level level, int64_t epoch_ms, std::string_view component, std::string_view msg,
                 std::span<const Field> fields) {
    JsonWriter w(out);
    w.begin_object();
    w.key("ts");
    std::string ts;
    append_rfc3339(ts, epoch_ms, true);
    w.string(ts);
    w.string_field("level", level_name(level));
    w.string_field("component", component);
    w.string_field("msg", msg);
    if (fields.size() > 0) {
        w.key("fields");
        w.begin_object();
        for (const Field& f : fields) {
            if (f.number) {
                w.key(f.key);
                w.raw(f.value);
            } else {
                w.string_field(f.key, f.value);
            }
        }
        w.end_object();
    }
    w.end_object();
}

}  // namespace

bool parse_level(std::string_view name, Level& level) {
    for (size_t i = 0; i < std::size(kLevelNames); ++i) {
        if (kLevelNames[i] != name) continue;
        level = static_cast<Level>(i);
        return true;
    }
    return false;
}

bool parse_format(std::string_view name, Format& format) {
    if (name == "text") format = Format::text;
    else if (name == "json") format = Format::json;
    else return false;
    return true;
}

std::string_view level_name(Level level) { return kLevelNames[static_cast<int>(level)]; }

void configure(Level level, Format format) {
    detail::g_level.store(static_cast<int>(level), std::memory_order_relaxed);
    g_format.store(static_cast<int>(format), std::memory_order_relaxed);
}

Level level() { return static_cast<Level>(detail::g_level.load(std::memory_order_relaxed)); }
Format format() { return static_cast<Format>(g_format.load(std::memory_order_relaxed)); }

std::string format_line(Format format, Level level, int64_t epoch_ms, std::string_view component,
                        std::string_view msg, std::span<const Field> fields) {
    std::string out;
    if (format == Format::json) append_json(out, level, epoch_ms, component, msg, fields);
    else append_text(out, level, component, msg, fields);
    out += '\n';
    return out;
}

void set_sink(Sink sink) { g_sink = std::move(sink); }

void write(Level level, std::string_view component, std::string_view msg, Fields fields) {
    if (!enabled(level)) return;
    const std::string line =
        format_line(format(), level, now_ms(), component, msg, std::span<const Field>(fields.begin(), fields.size()));
    if (g_sink) {
        g_sink(line);
        return;
    }
    std::fwrite(line.data(), 1, line.size(), stderr);  // one call: stdio's lock keeps the line whole
}

std::string printf(const char* format, ...) {
    va_list args;
    va_start(args, format);
    va_list again;
    va_copy(again, args);
    const int n = std::vsnprintf(nullptr, 0, format, args);
    va_end(args);
    std::string out(n > 0 ? static_cast<size_t>(n) : 0, '\0');
    if (n > 0) std::vsnprintf(out.data(), out.size() + 1, format, again);
    va_end(again);
    return out;
}

bool RateLimit::allow(int64_t now_ms, uint64_t& suppressed) {
    int64_t next = next_ms_.load(std::memory_order_relaxed);
    while (now_ms >= next) {
        if (next_ms_.compare_exchange_weak(next, now_ms + interval_ms_, std::memory_order_relaxed)) {
            suppressed = held_.exchange(0, std::memory_order_relaxed);
            return true;
        }
    }
    held_.fetch_add(1, std::memory_order_relaxed);
    return false;
}

}  // namespace herald::core::log
