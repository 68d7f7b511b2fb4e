// `herald analyze [FILE...]`: offline analysis, or with --rules --alerts the alerts exactly as
// `herald run` would publish them (offline replay of a feed).
#include <cerrno>
#include <cstdio>
#include <string>
#include <vector>

#include "herald/analysis/analyzer.hpp"
#include "herald/app/commands.hpp"
#include "herald/app/event_processor.hpp"
#include "herald/app/feed_publisher.hpp"
#include "herald/app/line_reader.hpp"
#include "herald/app/options.hpp"
#include "herald/app/resources.hpp"
#include "herald/core/json_writer.hpp"
#include "herald/core/time.hpp"
#include "herald/output/message_size.hpp"

namespace herald::app {

namespace {
const CommandSpec& analyze_spec() {
    static const CommandSpec spec{
        "analyze",
        "herald analyze [options] [FILE...]",
        "Reads NDJSON events (plain or .gz files, stdin when no FILE or '-') and writes one JSON line per\n"
        "event, in order: the analysis (sentiment, entities, metrics, quantities), or with --rules FILE\n"
        "--alerts the alerts the rules raise, one per line, exactly as `herald run` publishes them.\n"
        "A line that is not a valid event gives {\"line\":N,\"error\":CODE,\"detail\":...} in analysis mode.",
        {
            {"rules", "FILE", "rules file (YAML) for --alerts", ""},
            {"alerts", "", "write alerts instead of analyses", ""},
            {"partitions", "N",
             "with --alerts: keep rule state per partition as `herald run` does when the feed was published "
             "keyed by ticker into N partitions (0 = one state for the whole feed)",
             "0"},
            {"explain", "", "add per-sentence explanations of the sentiment score", ""},
            {"lexicon", "FILE", "extra lexicon entries (extends the built-in lexicon)", ""},
            {"aliases", "FILE", "extra company aliases (extends the built-in table)", ""},
            {"max-event-bytes", "N", "largest accepted event", "1048576"},
            {"max-future-skew", "DURATION",
             "lines dated more than this ahead of --now are refused as future_time, as `herald run` dead-letters "
             "them (0 = no check)",
             "1h"},
            {"now", "TIME", "RFC 3339 reference time for --max-future-skew (pins the output of feeds dated "
             "near the present)", "when analyze starts"},
            {"message-max-bytes", "N",
             "with --alerts: the producer message.max.bytes of the `herald run` to reproduce (alerts are cut to "
             "fit it as herald run cuts them)",
             "max(max-event-bytes + 65536, 1000000)"},
            {"config", "FILE", "YAML file with the same keys", ""},
        },
        true};
    return spec;
}
}  // namespace

int command_analyze(int argc, char** argv, int first) {
    const CommandSpec& spec = analyze_spec();
    std::optional<Options> parsed = parse_command(argc, argv, first, spec);
    if (!parsed) return 0;
    Options& o = *parsed;
    bool alerts_mode = o.flag("alerts");
    if (alerts_mode && !o.has("rules")) throw UsageError("herald analyze: --alerts needs --rules FILE");
    std::shared_ptr<const rules::RuleSet> rule_set;
    if (o.has("rules")) rule_set = load_rules_or_throw(o.get("rules"));
    analysis::Resources resources = load_analysis_resources(o);
    size_t max_bytes = static_cast<size_t>(o.get_int("max-event-bytes", 1 << 20, 1024, 1LL << 30));
    bool explain_on = o.flag("explain");

    std::vector<std::string> files = o.files;
    if (files.empty()) files.push_back("-");

    const auto message_bytes = static_cast<size_t>(
        o.get_int("message-max-bytes", static_cast<int64_t>(output::default_message_max_bytes(max_bytes)),
                  static_cast<int64_t>(rules::kMinMessageBytes), 1LL << 31));
    EventProcessor proc(resources, max_bytes, message_bytes);
    // Offline there is no message timestamp: every line is judged against one instant, the
    // start of the run (as if the file were published now) or --now.
    int64_t now = core::now_ms();
    if (o.has("now") && !core::parse_rfc3339(o.get("now"), now))
        throw UsageError("--now '" + o.get("now") + "' is not an RFC 3339 time like 2026-04-30T21:10:00Z");
    proc.set_event_time_policy(o.get_duration_ms("max-future-skew", kDefaultMaxFutureSkewMs), now);
    // One engine per partition the feed would land in (slot N: events without a key), or one for all.
    const auto partitions = static_cast<int32_t>(o.get_int("partitions", 0, 0, 100000));
    std::vector<std::unique_ptr<rules::Engine>> engines;
    if (alerts_mode)
        for (int32_t i = 0; i <= partitions; ++i) engines.push_back(std::make_unique<rules::Engine>(rule_set));
    std::vector<rules::Alert> alerts;
    analysis::Explanation explanation;
    std::string out, detail;
    out.reserve(1 << 16);
    int status = 0;
    for (const std::string& path : files) {
        LineReader reader;
        std::string error;
        if (!reader.open(path, error)) {
            std::fprintf(stderr, "herald analyze: %s\n", error.c_str());
            status = 1;
            continue;
        }
        std::string_view line;
        while (reader.next(line)) {
            if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;  // blank lines separate nothing
            EventSource source{path == "-" ? std::string_view("stdin") : std::string_view(path), -1,
                               reader.line_number(), -1};
            out.clear();
            parse::ErrorCode code = proc.parse(line, source, detail);
            if (code != parse::ErrorCode::none) {
                std::fprintf(stderr, "herald analyze: %s:%lld: %s: %s\n", path.c_str(),
                             static_cast<long long>(reader.line_number()),
                             std::string(parse::error_code_name(code)).c_str(), detail.c_str());
                if (!alerts_mode) {
                    core::JsonWriter w(out);
                    w.begin_object();
                    w.key("line");
                    w.integer(reader.line_number());
                    w.key("error");
                    w.string(parse::error_code_name(code));
                    w.key("detail");
                    w.string(detail);
                    w.end_object();
                    out.push_back('\n');
                    std::fwrite(out.data(), 1, out.size(), stdout);
                }
                continue;
            }
            proc.analyze(explain_on ? &explanation : nullptr);
            if (alerts_mode) {
                alerts.clear();
                int32_t slot = partitions > 0 ? default_partition(feed_key(proc.event()), partitions) : 0;
                proc.evaluate(*engines[static_cast<size_t>(slot < 0 ? partitions : slot)], alerts);
                for (const auto& a : alerts) {
                    // detected_at = event time offline: the output is then byte-for-byte reproducible.
                    std::string json;
                    proc.alert_json(a, EventSource{}, proc.event_time_ms(), json);
                    out.append(json);
                    out.push_back('\n');
                }
            } else {
                proc.analysis_json(out, explain_on ? &explanation : nullptr);
                out.push_back('\n');
            }
            // Output that cannot be written: stop reading (the dispatcher reports it, exit 1).
            if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::ferror(stdout)) {
                note_output_error(errno);
                return 1;
            }
        }
        if (!reader.error().empty()) {
            std::fprintf(stderr, "herald analyze: %s\n", reader.error().c_str());
            status = 1;
        }
    }
    std::fflush(stdout);
    return status;
}

}  // namespace herald::app
