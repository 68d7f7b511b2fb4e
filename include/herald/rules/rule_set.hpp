#pragma once
// Loading and validating a rules file into a compiled, immutable RuleSet that every partition's
// Engine shares. Loading never throws: errors come back as diagnostics with FILE:LINE:COL.
//
//   herald::rules::LoadResult r = herald::rules::load_rules_file("rules.yaml");
//   if (!r.ok()) { for (auto& d : r.errors) std::fprintf(stderr, "%s\n", d.to_string().c_str()); return 2; }
//   std::printf("%zu rules, rebuild needs %lld ms of history\n", r.rules->size(),
//               static_cast<long long>(r.rules->max_window_ms()));
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "herald/rules/diagnostic.hpp"

namespace herald::rules {

namespace detail {
struct Program;  // the compiled rules (src/rules/program.hpp)
}

class RuleSet {
public:
    explicit RuleSet(std::unique_ptr<const detail::Program> program);
    ~RuleSet();
    RuleSet(const RuleSet&) = delete;
    RuleSet& operator=(const RuleSet&) = delete;

    size_t size() const;
    std::string_view severity(size_t i) const;  // "info" | "warning" | "critical"
    std::string_view rule_id(size_t i) const;
    std::vector<std::string> rule_ids() const;
    // The event-time span of history a fresh Engine must re-read so its windows, cooldowns and
    // holds match an Engine that never stopped: the largest window, cooldown or hold duration.
    int64_t max_window_ms() const;
    // `group_alerts: true` at the top of the file: the rules one event fires go out as one message.
    bool group_alerts() const;
    // Hash of the file's content; equal hashes mean the same rules.
    uint64_t content_hash() const;

    const detail::Program& program() const { return *program_; }

private:
    std::unique_ptr<const detail::Program> program_;
};

struct LoadResult {
    std::shared_ptr<const RuleSet> rules;  // null when there are errors
    std::vector<Diagnostic> errors;
    bool ok() const { return rules != nullptr && errors.empty(); }
};

// Limits that keep loading (and a reload in a running engine) bounded in memory and time.
inline constexpr size_t kMaxRulesFileBytes = 4u << 20;   // 4 MiB of YAML
inline constexpr size_t kMaxRules = 10000;               // rules per file
inline constexpr size_t kMaxExpressionBytes = 64u << 10;  // one `when` or `summary`
// yaml-cpp holds about half a kilobyte per node: a 4 MiB file of `[[[[...` or `- {}` lines took
// 330-570 MB to refuse. Lines and flow characters ([ { ,) bound the nodes before parsing.
inline constexpr size_t kMaxRulesFileLines = 150000;
inline constexpr size_t kMaxRulesFileFlowChars = 200000;

LoadResult load_rules_file(const std::string& path);
// `name` is the file name diagnostics report.
LoadResult load_rules_text(std::string_view yaml, const std::string& name);

}  // namespace herald::rules
