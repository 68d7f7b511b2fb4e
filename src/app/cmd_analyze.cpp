// `herald analyze [FILE...]`: offline analysis, or with --rules --alerts the alerts exactly as
// `herald run` would publish them (offline replay of a feed).
#include <cerrno>
#include <cstdio>
#include <string>
#include <vector>

#include "herald/analysis/novelty.hpp"
#include "herald/analysis/sentiment.hpp"
#include "herald/core/json_writer.hpp"
#include "herald/app/commands.hpp"
#include "herald/app/offline_feed.hpp"
#include "herald/app/offline_options.hpp"
#include "herald/app/offline_rules.hpp"
#include "herald/app/options.hpp"
#include "herald/app/resources.hpp"
#include "herald/app/rules_source.hpp"

namespace herald::app {

namespace {
// --alerts --explain: the alert (one JSON object in `json`) gets "sentences", the sentiment of each
// sentence of its event with the terms behind it, as analysis lines show them with --explain.
void append_sentences_json(std::string& json, const FeedEvent& e) {
    if (json.empty() || json.back() != '}') return;
    json.back() = ',';
    core::JsonWriter w(json);
    w.key("sentences");
    w.begin_array();
    for (const analysis::ExplainSentence& s : e.explanation.sentences) {
        w.begin_object();
        w.key("field");
        w.string(analysis::field_name(s.span.field));
        w.key("span");
        w.begin_array();
        w.integer(s.span.begin);
        w.integer(s.span.end);
        w.end_array();
        w.key("score");
        w.number(s.score);
        w.key("terms");
        w.begin_array();
        for (const analysis::ExplainTerm& t : s.terms) {
            w.begin_array();  // [term, weight, rule]: one line per sentence stays short
            w.string(t.term);
            w.number(t.weight);
            w.string(t.rule);
            w.end_array();
        }
        w.end_array();
        w.end_object();
    }
    w.end_array();
    json.push_back('}');
}

const CommandSpec& analyze_spec() {
    static const CommandSpec spec = [] {
        CommandSpec s{
            "analyze",
            "herald analyze [options] [FILE...]",
            "Reads NDJSON events (plain or .gz files, stdin when no FILE or '-') and writes one JSON line per\n"
            "event, in order: the analysis (sentiment, entities, metrics, quantities), or with --rules FILE\n"
            "--alerts the alerts the rules raise, one per line, exactly as `herald run` publishes them.\n"
            "A line that is not a valid event gives {\"line\":N,\"error\":CODE,\"detail\":...} in analysis mode.\n"
            "Each analysis ends with the novelty of the story for each company against the feed's earlier\n"
            "lines (--novelty-horizon, default 24h of event time; docs/events.md).\n"
            "Events are analysed on every usable CPU (--jobs); the output does not depend on --jobs.",
            {
                {"rules", "FILE", "rules file (YAML) for --alerts", ""},
                {"alerts", "", "write alerts instead of analyses", ""},
                {"explain", "", "add per-sentence explanations of the sentiment score (with --alerts: to each alert)", ""},
                {"novelty-horizon", "DURATION", "how far back in event time a story counts as already reported", "24h"},
            },
            true};
        for (auto& opt : offline_option_specs()) s.options.push_back(opt);
        return s;
    }();
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
    if (o.has("rules")) rule_set = RulesSource(o.get("rules")).load_or_throw("herald analyze");
    analysis::Resources resources = load_analysis_resources(o);
    FeedSettings settings = offline_feed_settings(o, "analyze");
    settings.explain = o.flag("explain");
    settings.analysis_json = !alerts_mode;
    // One engine per partition the feed would land in (slot N: events without a key), or one for all.
    const int32_t partitions = offline_partitions(o);
    const size_t message_bytes = offline_message_bytes(o);
    const int64_t horizon_ms = o.get_duration_ms("novelty-horizon", 24 * 3600 * 1000LL);
    if (horizon_ms <= 0) throw UsageError("herald analyze: --novelty-horizon must be longer than 0");
    analysis::NoveltyTracker novelty(horizon_ms);  // analysis lines: the feed as one partition
    std::unique_ptr<OfflineRules> offline_rules;
    if (alerts_mode) offline_rules = std::make_unique<OfflineRules>(rule_set, partitions, message_bytes, resources);
    const bool explain_alerts = alerts_mode && o.flag("explain");

    std::vector<rules::Alert> alerts;
    std::string out, json;
    out.reserve(1 << 16);
    OfflineFeed feed(resources, std::move(settings));
    FeedStatus status = feed.run([&](FeedEvent& e) {
        out.clear();
        if (!e.ok()) {
            report_bad_line("analyze", e);
            if (!alerts_mode) append_bad_line_json(e, out);
        } else if (alerts_mode) {
            offline_rules->evaluate(e, alerts);
            for (const auto& a : alerts) {
                offline_rules->alert_json(e, a, json);
                if (explain_alerts) append_sentences_json(json, e);
                out.append(json);
                out.push_back('\n');
            }
        } else {
            out.append(e.analysis_json);
            analysis::append_novelty_json(out, e.event, e.analysis, e.event_time_ms, novelty);
        }
        // Output that cannot be written: stop reading (the dispatcher reports it, exit 1).
        if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::ferror(stdout)) {
            note_output_error(errno);
            return false;
        }
        return true;
    });
    std::fflush(stdout);
    return status == FeedStatus::ok ? 0 : 1;
}

}  // namespace herald::app
