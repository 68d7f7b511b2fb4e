#include "herald/core/time.hpp"

#include <charconv>
#include <chrono>

namespace herald::core {

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

namespace {
bool digits(std::string_view s, size_t pos, size_t n, int& out) {
    if (pos + n > s.size()) return false;
    int v = 0;
    for (size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}

void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}
}  // namespace

int year_of(int64_t epoch_ms) {
    const int64_t days = epoch_ms / 86400000 - (epoch_ms < 0 && epoch_ms % 86400000 != 0);
    int64_t y = 0;
    unsigned m = 0, d = 0;
    civil_from_days(days, y, m, d);
    return static_cast<int>(y);
}

bool parse_rfc3339(std::string_view s, int64_t& epoch_ms) {
    int Y, M, D, h, mi, sec;
    if (!digits(s, 0, 4, Y) || s.size() < 20 || s[4] != '-' || !digits(s, 5, 2, M) || s[7] != '-' ||
        !digits(s, 8, 2, D) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !digits(s, 11, 2, h) ||
        s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, sec))
        return false;
    if (M < 1 || M > 12 || D < 1 || D > 31 || h > 23 || mi > 59 || sec > 60) return false;
    static constexpr int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (D > mdays[M - 1]) return false;
    if (M == 2 && D == 29 && !((Y % 4 == 0 && Y % 100 != 0) || Y % 400 == 0)) return false;
    size_t i = 19;
    int64_t millis = 0;
    if (i < s.size() && s[i] == '.') {
        ++i;
        size_t start = i;
        int64_t scale = 100;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            millis += (s[i] - '0') * scale;
            scale /= 10;
            ++i;
        }
        if (i == start) return false;
    }
    int64_t offset_min = 0;
    if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
        ++i;
    } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        int oh, om;
        if (!digits(s, i + 1, 2, oh) || i + 3 >= s.size() || s[i + 3] != ':' || !digits(s, i + 4, 2, om) || oh > 23 ||
            om > 59)
            return false;
        offset_min = (oh * 60 + om) * (s[i] == '+' ? 1 : -1);
        i += 6;
    } else {
        return false;
    }
    if (i != s.size()) return false;
    int64_t days = days_from_civil(Y, static_cast<unsigned>(M), static_cast<unsigned>(D));
    int64_t secs = days * 86400 + h * 3600 + mi * 60 + (sec == 60 ? 59 : sec) - offset_min * 60;
    int64_t ms = secs * 1000 + millis;
    // An offset can move a time at the edge of the 4-digit years out of them (9999-12-31T23:59:59-23:59
    // is in year 10000), where it could not be printed back.
    if (ms < kMinTimeMs || ms > kMaxTimeMs) return false;
    epoch_ms = ms;
    return true;
}

void append_rfc3339(std::string& out, int64_t epoch_ms, bool always_millis) {
    // Kafka timestamps are any int64: keep the output a valid 4-digit-year time.
    epoch_ms = epoch_ms < kMinTimeMs ? kMinTimeMs : epoch_ms > kMaxTimeMs ? kMaxTimeMs : epoch_ms;
    int64_t secs = epoch_ms >= 0 ? epoch_ms / 1000 : -((-epoch_ms + 999) / 1000);
    int64_t ms = epoch_ms - secs * 1000;
    int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
    int64_t rem = secs - days * 86400;
    int64_t y;
    unsigned m, d;
    civil_from_days(days, y, m, d);
    char buf[40];
    auto put = [&](char* p, int64_t v, int width) {
        for (int k = width - 1; k >= 0; --k) {
            p[k] = static_cast<char>('0' + v % 10);
            v /= 10;
        }
    };
    put(buf, y, 4);
    buf[4] = '-';
    put(buf + 5, m, 2);
    buf[7] = '-';
    put(buf + 8, d, 2);
    buf[10] = 'T';
    put(buf + 11, rem / 3600, 2);
    buf[13] = ':';
    put(buf + 14, rem / 60 % 60, 2);
    buf[16] = ':';
    put(buf + 17, rem % 60, 2);
    size_t n = 19;
    if (ms != 0 || always_millis) {
        buf[n++] = '.';
        put(buf + n, ms, 3);
        n += 3;
    }
    buf[n++] = 'Z';
    out.append(buf, n);
}

std::string format_rfc3339(int64_t epoch_ms, bool always_millis) {
    std::string s;
    append_rfc3339(s, epoch_ms, always_millis);
    return s;
}

DurationParse parse_duration_status(std::string_view s, int64_t& ms) {
    if (s.empty()) return DurationParse::bad;
    int64_t v = 0;
    auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec == std::errc::result_out_of_range) {
        // All digits but beyond int64: too long whatever the unit, if the unit is one.
        const char* p = s.data();
        while (p < s.data() + s.size() && *p >= '0' && *p <= '9') ++p;
        int64_t unused;
        std::string_view unit(p, static_cast<size_t>(s.data() + s.size() - p));
        std::string one_unit(1, '1');  // appended, not "1" + std::string(unit): GCC 12 warns falsely (-Wrestrict)
        one_unit.append(unit);
        return parse_duration_status(one_unit, unused) == DurationParse::ok
                   ? DurationParse::too_long
                   : DurationParse::bad;
    }
    if (r.ec != std::errc() || v < 0) return DurationParse::bad;
    std::string_view unit(r.ptr, static_cast<size_t>(s.data() + s.size() - r.ptr));
    int64_t scale;
    if (unit.empty() || unit == "s") scale = 1000;
    else if (unit == "ms") scale = 1;
    else if (unit == "m") scale = 60'000;
    else if (unit == "h") scale = 3'600'000;
    else if (unit == "d") scale = 86'400'000;
    else if (unit == "w") scale = 7 * 86'400'000LL;
    else return DurationParse::bad;
    if (v > kMaxDurationMs / scale || v * scale > kMaxDurationMs) return DurationParse::too_long;
    ms = v * scale;
    return DurationParse::ok;
}

bool parse_duration(std::string_view s, int64_t& ms) { return parse_duration_status(s, ms) == DurationParse::ok; }

int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

int64_t steady_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

}  // namespace herald::core
