// `herald backtest --rules NEW.yaml [--baseline OLD.yaml] FILE...`: what a rule change would have
// done on history. Both rule sets see the same events, analysed once; the report says per rule and
// key which alerts the change adds, removes or changes (docs/backtest.md).
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "herald/app/backtest_diff.hpp"
#include "herald/app/backtest_report.hpp"
#include "herald/app/commands.hpp"
#include "herald/app/offline_feed.hpp"
#include "herald/app/offline_options.hpp"
#include "herald/app/offline_rules.hpp"
#include "herald/app/options.hpp"
#include "herald/app/progress_line.hpp"
#include "herald/app/resources.hpp"

namespace herald::app {

namespace {
const CommandSpec& backtest_spec() {
    static const CommandSpec spec = [] {
        CommandSpec s{
            "backtest",
            "herald backtest --rules NEW.yaml [--baseline OLD.yaml] [options] [FILE...]",
            "Runs a rules file (and a baseline to compare it with) over NDJSON events (plain or .gz files,\n"
            "stdin when no FILE or '-'), analysing each event once for both, and reports per rule and key the\n"
            "alerts fired, the alerts the change adds, removes and changes, first and last time, busiest day\n"
            "and the first examples of each with their evidence. Alerts are exactly those `herald analyze\n"
            "--alerts` writes for each file. A progress line goes to stderr when it is a terminal.",
            {
                {"rules", "FILE", "the candidate rules file (YAML)", ""},
                {"baseline", "FILE", "the rules file to compare with (usually the live one)", "none: list the alerts"},
                {"json", "", "write the report as one JSON document (docs/backtest.md)", ""},
                {"examples", "N", "examples kept per rule of each kind (added, removed, changed)", "3"},
                {"keys", "N", "keys listed per rule in the terminal report (--json lists all)", "10"},
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

int command_backtest(int argc, char** argv, int first) {
    const CommandSpec& spec = backtest_spec();
    std::optional<Options> parsed = parse_command(argc, argv, first, spec);
    if (!parsed) return 0;
    Options& o = *parsed;
    if (!o.has("rules")) throw UsageError("herald backtest: --rules FILE is required (the rules to try)");
    auto after_set = load_rules_or_throw(o.get("rules"));
    std::shared_ptr<const rules::RuleSet> before_set;
    if (o.has("baseline")) before_set = load_rules_or_throw(o.get("baseline"));
    analysis::Resources resources = load_analysis_resources(o);
    FeedSettings settings = offline_feed_settings(o, "backtest");
    const int32_t partitions = offline_partitions(o);
    const size_t message_bytes = offline_message_bytes(o);
    const auto examples = static_cast<size_t>(o.get_int("examples", 3, 0, 1000));
    const auto keys = static_cast<size_t>(o.get_int("keys", 10, 0, 1000000));

    RulesRun before, after;
    after.rules = std::make_unique<OfflineRules>(after_set, partitions, message_bytes);
    if (before_set) before.rules = std::make_unique<OfflineRules>(before_set, partitions, message_bytes);
    BacktestDiff diff(after_set->rule_ids(), before_set ? before_set->rule_ids() : std::vector<std::string>{},
                      examples);
    BacktestRun run;
    run.rules_file = o.get("rules");
    run.baseline_file = o.get("baseline");

    OfflineFeed feed(resources, std::move(settings));
    ProgressLine progress("backtest", feed.progress(), isatty(STDERR_FILENO) != 0);
    FeedStatus status = feed.run([&](FeedEvent& e) {
        if (!e.ok()) {
            report_bad_line("backtest", e);
            ++run.bad_lines;
            return true;
        }
        if (run.events++ == 0) run.first_event_ms = run.last_event_ms = e.event_time_ms;
        run.first_event_ms = std::min(run.first_event_ms, e.event_time_ms);
        run.last_event_ms = std::max(run.last_event_ms, e.event_time_ms);
        before.evaluate(e);
        after.evaluate(e);
        diff.add(e, before.alerts, before.json, after.alerts, after.json);
        return true;
    });
    progress.stop();
    if (run.events == 0) {
        std::fprintf(stderr, "herald backtest: nothing to backtest: %s\n",
                     run.bad_lines > 0 ? "no line of the input is a valid event" : "the input has no event");
        return 1;
    }
    std::string out;
    if (o.flag("json"))
        append_json_report(out, run, diff);
    else
        append_text_report(out, run, diff, keys);
    std::fwrite(out.data(), 1, out.size(), stdout);
    return status == FeedStatus::ok ? 0 : 1;
}

}  // namespace herald::app
