#pragma once
// Helpers shared by the libFuzzer targets: an invariant check that aborts with a readable
// message (libFuzzer then saves the input as a crash), and the split of fuzz bytes into
// event text fields.
//
//   FUZZ_CHECK(q.span.begin <= q.span.end, "quantity span reversed");
//   herald::analysis::Event e;
//   herald::fuzz::text_event(data, size, e);   // headline \x1e summary \x1e body
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "herald/analysis/analysis.hpp"
#include "herald/analysis/event.hpp"

#define FUZZ_CHECK(cond, what)                                                                  \
    do {                                                                                        \
        if (!(cond)) herald::fuzz::fail(__FILE__, __LINE__, #cond, what);                       \
    } while (0)

namespace herald::fuzz {

[[noreturn]] inline void fail(const char* file, int line, const char* cond, std::string_view what) {
    std::fprintf(stderr, "%s:%d: invariant broken: %.*s (%s)\n", file, line, static_cast<int>(what.size()),
                 what.data(), cond);
    std::abort();
}

// Record separator: seeds stay readable text, and the fuzzer learns to add fields by inserting it.
inline constexpr char kFieldSeparator = '\x1e';

// One part: the summary. Two: summary, body. Three or more: headline, summary, body (rest joined).
inline void text_event(const uint8_t* data, size_t size, analysis::Event& e) {
    std::string_view all(reinterpret_cast<const char*>(data), size);
    std::string_view parts[3];
    size_t n = 0;
    while (n < 2) {
        size_t sep = all.find(kFieldSeparator);
        if (sep == std::string_view::npos) break;
        parts[n++] = all.substr(0, sep);
        all.remove_prefix(sep + 1);
    }
    parts[n++] = all;
    e.clear();
    e.id = "fuzz-event";
    e.published_at_ms = 1777583400000;
    e.has_published_at = true;
    if (n == 1) {
        e.summary = parts[0];
    } else if (n == 2) {
        e.summary = parts[0];
        e.body = parts[1];
    } else {
        e.headline = parts[0];
        e.summary = parts[1];
        e.body = parts[2];
    }
}

inline bool finite(double v) { return std::isfinite(v); }

// A span must lie inside its field and its text must be exactly those bytes.
inline void check_span(const analysis::Event& e, const analysis::Span& s, std::string_view text, const char* what) {
    std::string_view field = e.field(s.field);
    FUZZ_CHECK(s.begin <= s.end, what);
    FUZZ_CHECK(s.end <= field.size(), what);
    FUZZ_CHECK(text == field.substr(s.begin, s.end - s.begin), what);
}

inline void check_quantity(const analysis::Event& e, const analysis::Quantity& q) {
    check_span(e, q.span, q.text, "quantity span outside its field or text differs from span");
    FUZZ_CHECK(finite(q.value), "quantity value not finite");
    if (q.is_range) {
        FUZZ_CHECK(finite(q.low) && finite(q.high), "range bound not finite");
        FUZZ_CHECK(q.low <= q.high, "range low above high");
    }
}

inline void check_metric(const analysis::Event& e, const analysis::Metric& m) {
    FUZZ_CHECK(static_cast<size_t>(m.kind) < static_cast<size_t>(analysis::MetricKind::count_), "metric kind out of range");
    check_span(e, m.span, m.text, "metric span outside its field or text differs from span");
    if (m.has_value) FUZZ_CHECK(finite(m.value), "metric value not finite");
    if (m.change.has_percent) FUZZ_CHECK(finite(m.change.percent), "change percent not finite");
    if (m.has_prior) FUZZ_CHECK(finite(m.prior_value), "prior value not finite");
    FUZZ_CHECK(m.period.len <= sizeof m.period.text, "period length beyond its buffer");
}

}  // namespace herald::fuzz
