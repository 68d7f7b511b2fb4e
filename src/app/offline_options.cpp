#include "herald/app/offline_options.hpp"

#include <cstdio>

#include "herald/app/event_processor.hpp"
#include "herald/core/cpus.hpp"
#include "herald/core/json_writer.hpp"
#include "herald/core/log.hpp"
#include "herald/core/time.hpp"
#include "herald/output/message_size.hpp"

namespace herald::app {

std::vector<OptionSpec> offline_option_specs() {
    return {
        {"jobs", "N", "threads that parse and analyse events (the output is the same for every N)",
         "every usable CPU"},
        {"partitions", "N",
         "keep rule state per partition as `herald run` does when the feed was published keyed by ticker into "
         "N partitions (0 = one state for the whole feed)",
         "0"},
        {"lexicon", "FILE", "extra lexicon entries (extends the built-in lexicon)", ""},
        {"aliases", "FILE", "extra company aliases (extends the built-in table)", ""},
        {"max-event-bytes", "N", "largest accepted event", "1048576"},
        {"max-future-skew", "DURATION",
         "lines dated more than this ahead of --now are refused as future_time, as `herald run` dead-letters them "
         "(0 = no check)",
         "1h"},
        {"now", "TIME", "RFC 3339 reference time for --max-future-skew (pins the output of feeds dated near the present)",
         "when the command starts"},
        {"message-max-bytes", "N",
         "the producer message.max.bytes of the `herald run` to reproduce (alerts are cut to fit it as herald run "
         "cuts them)",
         "max(max-event-bytes + 65536, 1000000)"},
        {"config", "FILE", "YAML file with the same keys", ""},
    };
}

namespace {
size_t max_event_bytes(const Options& o) {
    return static_cast<size_t>(o.get_int("max-event-bytes", 1 << 20, 1024, 1LL << 30));
}
}  // namespace

FeedSettings offline_feed_settings(const Options& o, const std::string& command) {
    FeedSettings s;
    s.command = command;
    s.files = o.files;
    if (s.files.empty()) s.files.push_back("-");
    s.jobs = static_cast<unsigned>(o.get_int("jobs", core::usable_cpus(), 1, 1024));
    s.max_event_bytes = max_event_bytes(o);
    // Offline there is no message timestamp: every line is judged against one instant, the
    // start of the run (as if the file were published now) or --now.
    s.now_ms = core::now_ms();
    if (o.has("now") && !core::parse_rfc3339(o.get("now"), s.now_ms))
        throw UsageError("--now '" + o.get("now") + "' is not an RFC 3339 time like 2026-04-30T21:10:00Z");
    s.max_future_skew_ms = o.get_duration_ms("max-future-skew", kDefaultMaxFutureSkewMs);
    return s;
}

size_t offline_message_bytes(const Options& o) {
    return static_cast<size_t>(
        o.get_int("message-max-bytes", static_cast<int64_t>(output::default_message_max_bytes(max_event_bytes(o))),
                  static_cast<int64_t>(rules::kMinMessageBytes), 1LL << 31));
}

int32_t offline_partitions(const Options& o) { return static_cast<int32_t>(o.get_int("partitions", 0, 0, 100000)); }

void report_bad_line(const std::string& command, const FeedEvent& e) {
    // FILE:LINE for files, TOPIC/PARTITION/OFFSET (the default event id's form) for messages.
    std::string where(e.origin);
    if (e.partition >= 0) {
        where.push_back('/');
        where.append(std::to_string(e.partition));
    }
    where.push_back(e.partition >= 0 ? '/' : ':');
    where.append(std::to_string(e.position));
    core::log::error(command, where + ": " + std::string(parse::error_code_name(e.code)) + ": " + e.detail);
}

void append_bad_line_json(const FeedEvent& e, std::string& out) {
    core::JsonWriter w(out);
    w.begin_object();
    w.key("line");
    w.integer(e.position);
    w.key("error");
    w.string(parse::error_code_name(e.code));
    w.key("detail");
    w.string(e.detail);
    w.end_object();
    out.push_back('\n');
}

}  // namespace herald::app
