#pragma once
// herald's one logger: levelled lines on stderr, as text for people or as JSON for log shippers.
// Start-up, shutdown and rare events only: nothing on the per-event path logs (docs/operations.md).
//
//   namespace log = herald::core::log;                              // inside a namespace
//   log::configure(log::Level::info, log::Format::json);            // once, from --log-level/--log-format
//   log::warn("pipeline", "partition 3: rule state rebuild incomplete", {{"partition", 3}});
//   log::info("run", log::printf("stopped: %llu consumed", n));
//
// text: `herald run: stopped: 10 consumed` (warn adds "warning: ", debug "debug: "; fields follow
//       as ` key=value`)
// json: {"ts":"2026-12-06T22:11:00.123Z","level":"info","component":"run","msg":"stopped: 10 consumed"}
//       (fields go into "fields":{...}; numbers stay numbers)
//
// A line is written with one fwrite, so lines of several threads never interleave.
#include <atomic>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace herald::core::log {

enum class Level : int { error = 0, warn = 1, info = 2, debug = 3 };
enum class Format { text, json };

// One key and value of a message. Numbers are kept as their text and written unquoted in JSON.
struct Field {
    Field(std::string_view k, std::string_view v) : key(k), value(v) {}
    Field(std::string_view k, const char* v) : key(k), value(v) {}
    Field(std::string_view k, const std::string& v) : key(k), value(v) {}
    Field(std::string_view k, int v) : Field(k, static_cast<long long>(v)) {}
    Field(std::string_view k, long v) : Field(k, static_cast<long long>(v)) {}
    Field(std::string_view k, long long v) : key(k), value(std::to_string(v)), number(true) {}
    Field(std::string_view k, unsigned long v) : Field(k, static_cast<unsigned long long>(v)) {}
    Field(std::string_view k, unsigned long long v) : key(k), value(std::to_string(v)), number(true) {}
    std::string_view key;
    std::string value;
    bool number = false;
};
using Fields = std::initializer_list<Field>;

// "error", "warn", "info", "debug" / "text", "json"; false for anything else.
bool parse_level(std::string_view name, Level& level);
bool parse_format(std::string_view name, Format& format);
std::string_view level_name(Level level);

// Process-wide; the default is info as text. Safe to call while other threads log.
void configure(Level level, Format format);
Level level();
Format format();
inline bool enabled(Level l);

// The whole line, newline included: what write() sends to the sink (and what the tests check).
std::string format_line(Format format, Level level, int64_t epoch_ms, std::string_view component,
                        std::string_view msg, std::span<const Field> fields);

// Where lines go (stderr when unset); for tests. Not to be changed while other threads log.
using Sink = std::function<void(std::string_view line)>;
void set_sink(Sink sink);

void write(Level level, std::string_view component, std::string_view msg, Fields fields = {});
inline void error(std::string_view component, std::string_view msg, Fields fields = {}) {
    write(Level::error, component, msg, fields);
}
inline void warn(std::string_view component, std::string_view msg, Fields fields = {}) {
    write(Level::warn, component, msg, fields);
}
inline void info(std::string_view component, std::string_view msg, Fields fields = {}) {
    write(Level::info, component, msg, fields);
}
inline void debug(std::string_view component, std::string_view msg, Fields fields = {}) {
    write(Level::debug, component, msg, fields);
}

// snprintf into a std::string, for messages built from numbers.
std::string printf(const char* format, ...) __attribute__((format(printf, 1, 2)));

// For messages that can repeat (a failing target, a refusing topic): lets one through per
// interval and counts the others, so the next one can say how many were held back.
//
//   static log::RateLimit limit(10'000);
//   if (uint64_t held; limit.allow(now_ms, held)) log::warn("x", msg, {{"suppressed", held}});
//
// Lock-free; any thread.
class RateLimit {
public:
    explicit RateLimit(int64_t interval_ms) : interval_ms_(interval_ms) {}
    // True when a message may be written now; `suppressed` = how many were held back since the last.
    bool allow(int64_t now_ms, uint64_t& suppressed);

private:
    const int64_t interval_ms_;
    std::atomic<int64_t> next_ms_{INT64_MIN};
    std::atomic<uint64_t> held_{0};
};

namespace detail {
extern std::atomic<int> g_level;
}
inline bool enabled(Level l) { return static_cast<int>(l) <= detail::g_level.load(std::memory_order_relaxed); }

}  // namespace herald::core::log
