#include "herald/app/rules_source.hpp"

#include <sys/stat.h>

#include <cstdio>
#include <utility>

#include "herald/app/options.hpp"
#include "herald/core/log.hpp"

namespace herald::app {

namespace {

int64_t file_mtime_ns(const std::string& path) {
    struct stat st {};
    if (stat(path.c_str(), &st) != 0) return -1;
    return static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

std::string check_hint(const std::string& path) { return "(herald rules check " + path + ")"; }

}  // namespace

RulesFile RulesFile::real() { return {rules::load_rules_file, file_mtime_ns}; }

RulesSource::RulesSource(std::string path, RulesFile file, Sink sink, std::string what)
    : RulesSource(std::move(path), std::move(file), std::move(sink), std::move(what), true) {}

RulesSource::RulesSource(std::string path, RulesFile file, Sink sink, std::string what, bool watched)
    : path_(std::move(path)),
      file_(std::move(file)),
      sink_(std::move(sink)),
      what_(std::move(what)),
      watched_(watched) {}

RulesSource RulesSource::built_in(std::string name, std::string_view yaml, Sink sink) {
    RulesFile text{[yaml](const std::string& n) { return rules::load_rules_text(yaml, n); },
                   [](const std::string&) { return int64_t{-1}; }};
    return RulesSource(std::move(name), std::move(text), std::move(sink), "rules", false);
}

void RulesSource::report(const std::string& line) const {
    if (sink_) sink_(line);
    // A diagnostic, as compilers print it; a log line only where every stderr line must be JSON.
    else if (core::log::format() == core::log::Format::json) core::log::error("rules", line);
    else std::fprintf(stderr, "%s\n", line.c_str());
}

void RulesSource::note(core::log::Level level, const std::string& msg) const {
    if (!sink_) return core::log::write(level, "rules", msg);
    std::string line = core::log::format_line(core::log::Format::text, level, 0, "", msg, {});
    line.pop_back();  // the newline
    sink_(line);
}

// The stamp is read before the file: a change while loading is seen by the next poll.
rules::LoadResult RulesSource::load_now() {
    stamp_ = file_.stamp(path_);
    return file_.load(path_);
}

std::string RulesSource::report_errors(const rules::LoadResult& r) const {
    for (const auto& d : r.errors) report(d.to_string());
    std::string line = path_ + ": " + std::to_string(r.errors.size()) + " error(s) in the rules";
    if (!r.errors.empty()) line += ", first: " + r.errors.front().to_string();
    return line;
}

std::shared_ptr<const rules::RuleSet> RulesSource::load_or_throw(const std::string& command) {
    rules::LoadResult r = load_now();
    if (!r.ok()) throw UsageError(command + ": " + report_errors(r) + "; fix them and retry " + check_hint(path_));
    current_ = r.rules;
    return current_;
}

std::shared_ptr<const rules::RuleSet> RulesSource::check() {
    rules::LoadResult r = load_now();
    if (!r.ok()) {
        for (const auto& d : r.errors) report(d.to_string());
        return nullptr;
    }
    current_ = r.rules;
    return current_;
}

RulesSource::Change RulesSource::poll(bool requested) {
    if (!watched_) return Change::none;
    const int64_t now = file_.stamp(path_);
    const bool changed = now >= 0 && now != stamp_;
    if (!requested && !changed) return Change::none;
    return reload();
}

// Nothing in a reload may take the engine down: a file that cannot be loaded, or even memory
// running out while validating it, keeps the rules in force and reports an error.
RulesSource::Change RulesSource::reload() {
    std::string failure;
    try {
        rules::LoadResult r = load_now();
        if (r.ok()) {
            current_ = r.rules;
            if (current_->size() == 0) {
                note(core::log::Level::warn,
                     "reloaded " + path_ + " with no " + what_ + ": no alert will be raised until rules are added");
                return Change::empty;
            }
            note(core::log::Level::info, "reloaded " + std::to_string(current_->size()) + " " + what_ + " from " + path_);
            return Change::ok;
        }
        failure = report_errors(r) + "; fix them and save the file again " + check_hint(path_);
    } catch (const std::exception& e) {
        failure = "loading " + path_ + " failed: " + e.what();
    } catch (...) {
        failure = "loading " + path_ + " failed";
    }
    try {
        const std::string kept = current_ ? "keeping the previous " + what_ : "no " + what_ + " until the file is fixed";
        note(core::log::Level::error, kept + ": " + failure);
    } catch (...) {
    }
    return Change::error;
}

}  // namespace herald::app
