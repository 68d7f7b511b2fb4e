#pragma once
// Event-time helpers: RFC 3339 <-> epoch milliseconds, without the C library's locale or TZ.
//
//   int64_t ms;
//   if (herald::core::parse_rfc3339("2026-04-30T21:10:00Z", ms)) { ... }
//   std::string s = herald::core::format_rfc3339(ms);          // "2026-04-30T21:10:00Z"
//   herald::core::parse_duration("6h", ms);                      // 21600000
#include <cstdint>
#include <string>
#include <string_view>

namespace herald::core {

// The times RFC 3339 can write: 0000-01-01T00:00:00.000Z ... 9999-12-31T23:59:59.999Z.
inline constexpr int64_t kMinTimeMs = -62167219200000;
inline constexpr int64_t kMaxTimeMs = 253402300799999;

// Accepts "YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)" ('t', ' ' and 'z' too). False on anything else,
// including a time whose offset takes it out of [kMinTimeMs, kMaxTimeMs].
bool parse_rfc3339(std::string_view text, int64_t& epoch_ms);

// "YYYY-MM-DDTHH:MM:SSZ", or with ".mmmZ" when the milliseconds are not zero or always_millis.
// Times outside [kMinTimeMs, kMaxTimeMs] are written as the nearest of the two.
void append_rfc3339(std::string& out, int64_t epoch_ms, bool always_millis = false);
std::string format_rfc3339(int64_t epoch_ms, bool always_millis = false);

// The longest duration parse_duration accepts: 3650d (about ten years). Longer ones are typos or
// overflow attempts, and event-time arithmetic (t - span) stays far from int64 limits.
inline constexpr int64_t kMaxDurationMs = 3650LL * 86'400'000;

// "250ms", "30s", "5m", "6h", "2d", "1w"; plain digits are seconds. False on anything else,
// and on anything longer than kMaxDurationMs.
bool parse_duration(std::string_view text, int64_t& ms);
// The same, telling a malformed duration from one longer than kMaxDurationMs (for error messages).
enum class DurationParse { ok, bad, too_long };
DurationParse parse_duration_status(std::string_view text, int64_t& ms);

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);
// The UTC calendar year of an instant (1969 for -1).
int year_of(int64_t epoch_ms);

// Wall clock in epoch milliseconds; only the edges (app, kafka) call it, never analysis or rules.
int64_t now_ms();
// Monotonic clock in nanoseconds (durations and deadlines, never dates).
int64_t steady_ns();

}  // namespace herald::core
