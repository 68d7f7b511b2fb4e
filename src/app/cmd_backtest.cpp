// `herald backtest --rules NEW.yaml [--baseline OLD.yaml] FILE...`: what a rule change would have
// done on history. Both rule sets see the same events, analysed once; the report says per rule and
// key which alerts the change adds, removes or changes (docs/backtest.md).
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "herald/app/backtest_diff.hpp"
#include "herald/app/backtest_html.hpp"
#include "herald/app/backtest_report.hpp"
#include "herald/app/commands.hpp"
#include "herald/app/engine_runner.hpp"
#include "herald/app/feed_source.hpp"
#include "herald/app/offline_feed.hpp"
#include "herald/app/offline_options.hpp"
#include "herald/app/offline_rules.hpp"
#include "herald/app/options.hpp"
#include "herald/app/progress_line.hpp"
#include "herald/app/resources.hpp"
#include "herald/app/rules_source.hpp"
#include "herald/app/topic_range.hpp"
#include "herald/core/log.hpp"

namespace herald::app {

namespace {
const CommandSpec& backtest_spec() {
    static const CommandSpec spec = [] {
        CommandSpec s{
            "backtest",
            "herald backtest --rules NEW.yaml [--baseline OLD.yaml] [options] [FILE...]\n"
            "       herald backtest --rules NEW.yaml [--baseline OLD.yaml] --brokers B --from-topic news --since T --until T",
            "Runs a rules file (and a baseline to compare it with) over NDJSON events (plain or .gz files,\n"
            "stdin when no FILE or '-'), analysing each event once for both, and reports per rule and key the\n"
            "alerts fired, the alerts the change adds, removes and changes, first and last time, busiest day\n"
            "and the first examples of each with their evidence. Alerts are exactly those `herald analyze\n"
            "--alerts` writes for the files, or those `herald replay --from-topic` publishes for a topic's time\n"
            "range (read without a group, nothing committed). A progress line goes to stderr when it is a terminal.",
            {
                {"rules", "FILE", "the candidate rules file (YAML)", ""},
                {"baseline", "FILE", "the rules file to compare with (usually the live one)", "none: list the alerts"},
                {"json", "", "write the report as one JSON document (docs/backtest.md)", ""},
                {"html", "FILE", "also write the report as a self-contained HTML page (charts per rule, no network)",
                 ""},
                {"examples", "N", "examples kept per rule of each kind (added, removed, changed)", "3"},
                {"keys", "N", "keys listed per rule in the terminal report (--json lists all)", "10"},
                {"brokers", "LIST", "Kafka bootstrap servers, with --from-topic", ""},
                {"from-topic", "TOPIC", "read the events of [--since, --until) from this topic instead of files", ""},
                {"since", "TIME", "RFC 3339 start of the range (inclusive); the rules' longest window before it "
                 "warms their state up", ""},
                {"until", "TIME", "RFC 3339 end of the range (exclusive)", ""},
                {"kafka", "KEY=VALUE", "librdkafka property for the topic reader (repeatable)", ""},
            },
            true};
        for (auto& opt : offline_option_specs()) s.options.push_back(opt);
        return s;
    }();
    return spec;
}

struct RulesRun {
    std::unique_ptr<OfflineRules> rules;
    std::vector<rules::Alert> alerts;
    std::vector<std::string> json;

    void evaluate(const FeedEvent& e) {
        json.resize(0);
        if (!rules) {
            alerts.clear();
            return;
        }
        rules->evaluate(e, alerts);
        json.resize(alerts.size());
        for (size_t i = 0; i < alerts.size(); ++i) rules->alert_json(e, alerts[i], json[i]);
    }
};
}  // namespace

namespace {
// The input: the files, or a topic's range (with its reader) when --from-topic is given.
struct BacktestInput {
    std::unique_ptr<TopicRange> range;
    std::unique_ptr<FeedSource> source;
};

BacktestInput open_input(const Options& o, const FeedSettings& settings, int64_t warmup_ms) {
    BacktestInput in;
    if (!o.has("from-topic")) {
        in.source = std::make_unique<FileSource>(settings.files);
        return in;
    }
    if (!o.files.empty()) throw UsageError("herald backtest: give FILE... or --from-topic, not both");
    if (o.has("partitions"))
        throw UsageError("herald backtest: --partitions is for files; with --from-topic each partition keeps its own state");
    in.range = std::make_unique<TopicRange>(o, "backtest", warmup_ms);
    in.source = std::make_unique<TopicSource>(*in.range);
    install_stop_handlers();  // Ctrl-C ends the read and says the range was not finished
    return in;
}
// The page goes to its file whole or not at all (a partial page would look complete in a browser).
bool write_html(const std::string& path, const BacktestRun& run, const BacktestDiff& diff, size_t keys) {
    std::string page;
    append_html_report(page, run, diff, keys);
    const std::string tmp = path + ".tmp";
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    bool ok = f && std::fwrite(page.data(), 1, page.size(), f) == page.size();
    const int error = errno;
    if (f && std::fclose(f) != 0) ok = false;
    if (ok && std::rename(tmp.c_str(), path.c_str()) == 0) return true;
    core::log::error("backtest", core::log::printf("cannot write --html %s: %s", path.c_str(),
                                                   std::strerror(errno != 0 ? errno : error)));
    std::remove(tmp.c_str());
    return false;
}
}  // namespace

int command_backtest(int argc, char** argv, int first) {
    const CommandSpec& spec = backtest_spec();
    std::optional<Options> parsed = parse_command(argc, argv, first, spec);
    if (!parsed) return 0;
    Options& o = *parsed;
    if (!o.has("rules")) throw UsageError("herald backtest: --rules FILE is required (the rules to try)");
    if (o.has("from-topic")) TopicRange::check_range_options(o, "backtest");
    auto after_set = RulesSource(o.get("rules")).load_or_throw("herald backtest");
    std::shared_ptr<const rules::RuleSet> before_set;
    if (o.has("baseline")) before_set = RulesSource(o.get("baseline")).load_or_throw("herald backtest");
    analysis::Resources resources = load_analysis_resources(o);
    FeedSettings settings = offline_feed_settings(o, "backtest");
    const size_t message_bytes = offline_message_bytes(o);
    const auto examples = static_cast<size_t>(o.get_int("examples", 3, 0, 1000));
    const auto keys = static_cast<size_t>(o.get_int("keys", 10, 0, 1000000));
    const int64_t warmup = std::max(after_set->max_window_ms(), before_set ? before_set->max_window_ms() : 0);
    BacktestInput input = open_input(o, settings, warmup);
    const int32_t partitions = input.range ? input.range->partitions() : offline_partitions(o);

    RulesRun before, after;
    after.rules = std::make_unique<OfflineRules>(after_set, partitions, message_bytes, resources);
    if (before_set) before.rules = std::make_unique<OfflineRules>(before_set, partitions, message_bytes, resources);
    BacktestDiff diff(after_set->rule_ids(), before_set ? before_set->rule_ids() : std::vector<std::string>{},
                      examples);
    BacktestRun run;
    run.rules_file = o.get("rules");
    run.baseline_file = o.get("baseline");
    if (input.range) run.topic_range = "topic '" + input.range->topic() + "' in " + input.range->range_text();

    OfflineFeed feed(resources, std::move(settings));
    ProgressLine progress("backtest", feed.progress(), isatty(STDERR_FILENO) != 0);
    FeedStatus status = feed.run(*input.source, [&](FeedEvent& e) {
        if (!e.ok()) {
            if (e.warmup) return true;  // before the range: not part of what is reported
            report_bad_line("backtest", e);
            ++run.bad_lines;
            return true;
        }
        before.evaluate(e);
        after.evaluate(e);
        if (e.warmup) return true;  // state only
        if (run.events++ == 0) run.first_event_ms = run.last_event_ms = e.event_time_ms;
        run.first_event_ms = std::min(run.first_event_ms, e.event_time_ms);
        run.last_event_ms = std::max(run.last_event_ms, e.event_time_ms);
        diff.add(e, before.alerts, before.json, after.alerts, after.json);
        return true;
    });
    progress.stop();
    if (input.range && stop_requested().load()) {
        core::log::error("backtest",
                         core::log::printf("interrupted after %llu events of %s; the range was not finished",
                                           static_cast<unsigned long long>(run.events), run.topic_range.c_str()));
        return 1;
    }
    if (run.events == 0) {
        std::string why = run.bad_lines > 0 ? "no line of the input is a valid event" : "the input has no event";
        if (input.range) why = input.range->in_range() == 0 ? input.range->why_empty() : "no message in the range is a valid event";
        core::log::error("backtest", core::log::printf("nothing to backtest: %s", why.c_str()));
        return 1;
    }
    if (o.has("html") && !write_html(o.get("html"), run, diff, keys)) return 1;
    std::string out;
    if (o.flag("json"))
        append_json_report(out, run, diff);
    else
        append_text_report(out, run, diff, keys);
    std::fwrite(out.data(), 1, out.size(), stdout);
    return status == FeedStatus::ok ? 0 : 1;
}

}  // namespace herald::app
