#pragma once
// A rules file as every command reads it: loaded at start, its errors reported in one style, and,
// for the streaming engine, watched (the file's modification time, or SIGHUP) and reloaded
// without ever stopping the engine.
//
//   RulesSource rules("rules.yaml");
//   auto set = rules.load_or_throw("herald run");   // UsageError (exit 2) after the diagnostics
//   // The control thread, every 250 ms: SIGHUP is taken once and given to every source.
//   const bool hup = take_reload_request();
//   if (rules.poll(hup) != RulesSource::Change::none && rules.current()) pipeline.set_rules(rules.current());
//
// The one error style: every diagnostic on its own line (FILE:LINE:COL: message (hint: ...)),
// then one line that stands alone in a log: the file, how many errors, the first, and what to do.
// Start-up refuses to run; a reload keeps the rules in force and says so.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "herald/core/log.hpp"
#include "herald/rules/rule_set.hpp"

namespace herald::app {

// How a RulesSource reaches its file; unit tests give fakes.
struct RulesFile {
    std::function<rules::LoadResult(const std::string& path)> load;
    // The file's modification stamp (nanoseconds), -1 when it cannot be read.
    std::function<int64_t(const std::string& path)> stamp;
    static RulesFile real();
};

class RulesSource {
public:
    using Sink = std::function<void(const std::string& line)>;  // one line, no newline
    enum class Change { none, ok, empty, error };

    // A file on disk; reports go to `sink` (stderr when empty). `what` names its rules in the
    // reload lines ("rules", "shadow rules").
    explicit RulesSource(std::string path, RulesFile file = RulesFile::real(), Sink sink = {},
                         std::string what = "rules");
    // Rules compiled into the binary, called `name` in messages; never reloaded.
    static RulesSource built_in(std::string name, std::string_view yaml, Sink sink = {});

    // Loads the file: the rules, or every diagnostic reported and a UsageError naming `command`.
    std::shared_ptr<const rules::RuleSet> load_or_throw(const std::string& command);
    // Loads the file for `herald rules check`: every diagnostic reported, no summary; null on errors.
    std::shared_ptr<const rules::RuleSet> check();

    // One watch step (the control thread): reloads when `requested` (SIGHUP) or when the file's
    // stamp moved since the last load. ok/empty: current() is the new rules; error: the rules in
    // force stay (none, for a source whose first load is a poll(true): a file that may be bad at
    // start without stopping anything, as the shadow rules). Reports one line either way. Never
    // throws: nothing here may stop the engine.
    Change poll(bool requested);

    const std::shared_ptr<const rules::RuleSet>& current() const { return current_; }
    const std::string& path() const { return path_; }
    bool watched() const { return watched_; }

private:
    RulesSource(std::string path, RulesFile file, Sink sink, std::string what, bool watched);
    rules::LoadResult load_now();
    void report(const std::string& line) const;
    // A reload's outcome: a log line ("herald: " + msg, as text, to a sink).
    void note(core::log::Level level, const std::string& msg) const;
    // Every diagnostic, then the summary line's text (without the consequence).
    std::string report_errors(const rules::LoadResult& r) const;
    Change reload();

    std::string path_;
    RulesFile file_;
    Sink sink_;
    std::string what_;
    bool watched_ = true;
    int64_t stamp_ = -1;  // at the last load
    std::shared_ptr<const rules::RuleSet> current_;
};

}  // namespace herald::app
