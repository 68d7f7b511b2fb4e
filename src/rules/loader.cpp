// Reads a YAML rules file, validates every field and compiles the expressions. Collects all
// errors it can (not just the first) so `herald rules check` shows them in one run.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <unordered_map>

#include "expression.hpp"
#include "herald/core/hash.hpp"
#include "herald/core/time.hpp"
#include "herald/rules/rule_set.hpp"
#include "program.hpp"

namespace herald::rules {

namespace {

using detail::ExprError;
using detail::Rule;

constexpr std::string_view kRuleFields[] = {"id", "description", "severity", "for", "when",
                                            "cooldown", "hold", "resolved", "summary"};

// Diagnostics kept per file; the rest are counted into one closing "... and N more" line, so a
// file with thousands of mistakes prints a screenful, not gigabytes.
constexpr size_t kMaxDiagnostics = 50;

// Maps positions inside YAML scalars back to FILE:LINE:COL of the source text.
class Locator {
public:
    explicit Locator(std::string_view text) {
        size_t start = 0;
        while (start <= text.size()) {
            size_t nl = text.find('\n', start);
            if (nl == std::string_view::npos) nl = text.size();
            std::string_view line = text.substr(start, nl - start);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            lines_.push_back(line);
            start = nl + 1;
        }
    }

    // Line and column (1-based) of byte `offset` of the value of the scalar that starts at `mark`.
    void locate(const YAML::Mark& mark, uint32_t offset, int& line, int& col) const {
        line = mark.line + 1;
        col = mark.column + 1;
        if (mark.line < 0 || static_cast<size_t>(mark.line) >= lines_.size()) return;
        std::string_view first = lines_[static_cast<size_t>(mark.line)];
        size_t c = static_cast<size_t>(mark.column);
        char opener = c < first.size() ? first[c] : ' ';
        size_t li = static_cast<size_t>(mark.line);
        size_t begin;  // column where the value's text starts on line li
        if (opener == '|' || opener == '>') {
            // Block scalar: content starts on the next line, at the block's indentation.
            ++li;
            while (li < lines_.size() && lines_[li].find_first_not_of(' ') == std::string_view::npos) ++li;
            if (li >= lines_.size()) return;
            begin = lines_[li].find_first_not_of(' ');
        } else {
            begin = (opener == '"' || opener == '\'') ? c + 1 : c;
        }
        size_t remaining = offset;
        size_t indent = begin;
        for (;;) {
            std::string_view l = lines_[li];
            size_t len = l.size() > begin ? l.size() - begin : 0;
            if (remaining <= len || li + 1 >= lines_.size()) {
                line = static_cast<int>(li) + 1;
                col = static_cast<int>(begin + remaining) + 1;
                return;
            }
            remaining -= len + 1;  // the newline (or the space it folds into)
            ++li;
            size_t ind = lines_[li].find_first_not_of(' ');
            begin = ind == std::string_view::npos ? indent : ind;
        }
    }

private:
    std::vector<std::string_view> lines_;
};

class Loader {
public:
    Loader(std::string_view text, std::string name) : text_(text), name_(std::move(name)), loc_(text) {}

    LoadResult run() {
        LoadResult result;
        YAML::Node root;
        if (parse_root(root)) {
            auto program = std::make_unique<detail::Program>();
            program->content_hash = core::fnv1a64(text_);
            load_settings(root, *program);
            load_rules(root, *program);
            if (errors_.empty()) {
                derive_state_spans(*program);
                result.rules = std::make_shared<const RuleSet>(std::move(program));
                return result;
            }
        }
        result.errors = std::move(errors_);
        return result;
    }

private:
    // The file as a YAML mapping with a `rules:` key; false (errors added) when it is not one.
    bool parse_root(YAML::Node& root) {
        if (text_.size() > kMaxRulesFileBytes) {
            add_at(1, 1, "the rules file is " + std::to_string(text_.size()) + " bytes, more than the maximum " +
                             std::to_string(kMaxRulesFileBytes),
                   "split it or remove unused rules (limits: docs/rules.md)");
            return false;
        }
        if (!structure_fits()) return false;
        try {
            root = YAML::Load(std::string(text_));
        } catch (const YAML::ParserException& e) {
            add(e.mark, 0, "YAML syntax error: " + e.msg, "check indentation and quoting around this place");
            return false;
        } catch (const YAML::Exception& e) {  // e.g. nesting deeper than yaml-cpp allows
            add(e.mark, 0, "YAML error: " + e.msg, "check the structure around this place");
            return false;
        }
        if (!root.IsMap() || !root["rules"]) {
            add_at(1, 1, "a rules file must be a mapping with a 'rules:' list", "start the file with `rules:`");
            return false;
        }
        return true;
    }

    // The top-level settings beside `rules:`.
    void load_settings(YAML::Node& root, detail::Program& program) {
        for (auto it : root) {
            std::string k = it.first.as<std::string>("");
            if (k == "group_alerts") {
                std::string v = it.second.IsScalar() ? it.second.Scalar() : "";
                if (v == "true" || v == "false") program.group_alerts = v == "true";
                else add(it.second.Mark(), 0, "'group_alerts' must be true or false", "write `group_alerts: true`");
            } else if (k == "max_keys_per_event" || k == "max_alerts_per_event") {
                load_per_event_limit(k, it.second, program);
            } else if (k == "novelty_horizon" || k == "story_horizon") {
                load_horizon(k, it.second, program);
            } else if (k != "rules") {
                add(it.first.Mark(), 0, "unknown top-level field '" + k + "'",
                    "the file holds `rules:` and optionally `group_alerts:`, `max_keys_per_event:`, "
                    "`max_alerts_per_event:`, `novelty_horizon:`, `story_horizon:`");
            }
        }
    }

    void load_per_event_limit(const std::string& k, const YAML::Node& value, detail::Program& program) {
        std::string v = value.IsScalar() ? value.Scalar() : "";
        bool digits = !v.empty() && v.size() <= 6 &&
                      std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
        uint32_t n = digits ? static_cast<uint32_t>(std::stoul(v)) : 0;
        if (n < 1 || n > detail::kLimitPerEventCeiling)
            add(value.Mark(), 0, "'" + k + "' must be a whole number from 1 to " +
                                     std::to_string(detail::kLimitPerEventCeiling),
                "write e.g. `" + k + ": 100`");
        else (k == "max_keys_per_event" ? program.max_keys_per_event : program.max_alerts_per_event) = n;
    }

    void load_horizon(const std::string& k, const YAML::Node& value, detail::Program& program) {
        std::string v = value.IsScalar() ? value.Scalar() : "";
        int64_t ms = 0;
        core::DurationParse d = core::parse_duration_status(v, ms);
        if (d == core::DurationParse::ok && ms > 0 && ms <= detail::kMaxNoveltyHorizonMs) {
            (k == "novelty_horizon" ? program.novelty_horizon_ms : program.story_horizon_ms) = ms;
            program.uses_stories |= k == "story_horizon";
        } else {
            add(value.Mark(), 0, k + " '" + v + "' must be a duration from 1s to 30d", "write e.g. `" + k + ": 24h`");
        }
    }

    void load_rules(YAML::Node& root, detail::Program& program) {
        YAML::Node list = root["rules"];
        if (!list.IsSequence()) {
            add(list.Mark(), 0, "'rules' must be a list of rules", "write each rule as `  - id: ...`");
            return;
        }
        size_t n = 0;
        for (auto node : list) {
            if (++n > kMaxRules) {
                add(node.Mark(), 0, "more than " + std::to_string(kMaxRules) + " rules in one file",
                    "a file holds at most " + std::to_string(kMaxRules) + " rules (limits: docs/rules.md)");
                break;
            }
            load_rule(node, program);
        }
    }

    // How far back state reaches (windows, cooldowns, holds, novelty and story horizons): what a
    // rebuild or a replay's warm-up must re-read.
    static void derive_state_spans(detail::Program& program) {
        for (const auto& r : program.rules) {
            // Novelty is state too: a rebuild or a replay's warm-up must cover its horizon.
            for (const auto& nd : r.nodes)
                program.uses_novelty |= nd.op == detail::Op::field && (detail::EventField(nd.sub) == detail::EventField::novelty ||
                                                                       detail::EventField(nd.sub) == detail::EventField::duplicate_of);
            if (program.uses_novelty) program.max_window_ms = std::max(program.max_window_ms, program.novelty_horizon_ms);
            for (const auto& nd : r.nodes)  // story.revision needs the stories remembered
                program.uses_stories |= nd.op == detail::Op::field && detail::EventField(nd.sub) == detail::EventField::story_revision;
            // A story is revised against what it raised: a rebuild must re-read its first message.
            if (program.uses_stories) program.max_window_ms = std::max(program.max_window_ms, program.story_horizon_ms);
            program.max_window_ms = std::max({program.max_window_ms, r.cooldown_ms, r.hold_ms});
            for (int32_t w : r.windows)
                program.max_window_ms = std::max(program.max_window_ms, r.nodes[static_cast<size_t>(w)].span_ms);
        }
    }

    // Counted before parsing, quotes and comments included (an over-estimate): a legitimate file
    // of kMaxRules rules is far below both limits.
    bool structure_fits() {
        size_t lines = 1, flow = 0;
        for (char c : text_) {
            lines += c == '\n';
            flow += c == '[' || c == '{' || c == ',';
        }
        if (lines > kMaxRulesFileLines) {
            add_at(1, 1, "the rules file has " + std::to_string(lines) + " lines, more than the maximum " +
                             std::to_string(kMaxRulesFileLines),
                   "split it or remove unused rules (limits: docs/rules.md)");
            return false;
        }
        if (flow > kMaxRulesFileFlowChars) {
            add_at(1, 1, "the rules file has " + std::to_string(flow) + " of the characters [ { and , more than the "
                             "maximum " + std::to_string(kMaxRulesFileFlowChars),
                   "write rules in block style, and long lists in fewer rules (limits: docs/rules.md)");
            return false;
        }
        return true;
    }

    void add(const YAML::Mark& mark, uint32_t offset, std::string message, std::string hint = {}) {
        if (errors_.size() >= kMaxDiagnostics && dropped_ > 0) {
            ++dropped_;  // past the first dropped one, not even located: linear, whatever the count
            return;
        }
        int line, col;
        loc_.locate(mark, offset, line, col);
        add_at(line, col, std::move(message), std::move(hint));
    }
    void add_at(int line, int col, std::string message, std::string hint) {
        if (errors_.size() >= kMaxDiagnostics) {
            if (dropped_++ == 0) first_dropped_ = {line, col};
            return;
        }
        errors_.push_back({name_, line, col, std::move(message), std::move(hint)});
    }
public:
    // After the kept errors (and after sorting them): one line for the ones past kMaxDiagnostics.
    void append_dropped(std::vector<Diagnostic>& errors) const {
        if (dropped_ == 0) return;
        errors.push_back({name_, first_dropped_.first, first_dropped_.second,
                          "... and " + std::to_string(dropped_) + " more error(s), the next one here",
                          "fix the ones above first"});
    }

private:
    // A `when` or `summary` over the size limit: reported, not compiled.
    bool oversized(const YAML::Node& v, const std::string& field, const std::string& text) {
        if (text.size() <= kMaxExpressionBytes) return false;
        add(v.Mark(), 0, "'" + field + "' is " + std::to_string(text.size()) + " bytes, more than the maximum " +
                             std::to_string(kMaxExpressionBytes),
            "shorten it; for long lists, split the rule");
        return true;
    }
    void add_expr_errors(const YAML::Node& value, const std::vector<ExprError>& errs) {
        for (const auto& e : errs) add(value.Mark(), e.offset, e.message, e.hint);
    }

    bool scalar(const YAML::Node& v, const std::string& field, std::string& out) {
        if (!v.IsScalar()) {
            add(v.Mark(), 0, "'" + field + "' must be a single value", "");
            return false;
        }
        out = v.Scalar();
        return true;
    }

    // What load_rule has read of a rule beyond its Rule fields: the nodes compiled or checked last.
    struct RuleNodes {
        YAML::Node when, summary, id;
        bool has_severity = false, has_when = false, has_summary = false, has_id = false;
    };

    void load_rule(const YAML::Node& node, detail::Program& program) {
        if (!node.IsMap()) {
            add(node.Mark(), 0, "each rule must be a mapping", "write `- id: ...` then the rule's fields indented below");
            return;
        }
        size_t errors_before = errors_.size();
        Rule rule;
        RuleNodes seen;
        for (auto it : node) read_rule_field(it.first, it.second, rule, seen);
        if (!seen.has_id) add(node.Mark(), 0, "rule has no 'id'", "add `id: some-name`");
        if (!seen.has_severity) add(node.Mark(), 0, "rule '" + rule.id + "' has no 'severity'", "add `severity: info|warning|critical`");
        if (!seen.has_when)
            add(node.Mark(), 0, "rule '" + rule.id + "' has no 'when' condition", "add e.g. `when: sentiment.score <= -0.7`");
        compile_texts(rule, seen);
        check_unique_id(rule, seen.id);
        if (errors_.size() != errors_before) return;
        rule.fingerprint = fingerprint(rule, seen.when.Scalar());
        program.rules.push_back(std::move(rule));
    }

    // One `key: value` of a rule (docs/rules.md, "File format"); kRuleFields names them all.
    void read_rule_field(const YAML::Node& key_node, const YAML::Node& v, Rule& rule, RuleNodes& seen) {
        std::string key = key_node.as<std::string>("");
        std::string s;
        if (key == "id") {
            if (!scalar(v, key, rule.id)) return;
            seen.id = v;
            seen.has_id = true;
            bool ok = !rule.id.empty() && std::all_of(rule.id.begin(), rule.id.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                       c == '_' || c == '.';
            });
            if (!ok) add(v.Mark(), 0, "bad rule id '" + rule.id + "'", "use letters, digits, '-', '_' and '.' only");
        } else if (key == "description") {
            scalar(v, key, rule.description);
        } else if (key == "severity") {
            seen.has_severity = true;
            if (!scalar(v, key, rule.severity)) return;
            if (rule.severity != "info" && rule.severity != "warning" && rule.severity != "critical")
                add(v.Mark(), 0, "unknown severity '" + rule.severity + "'", "use info, warning or critical");
        } else if (key == "for") {
            if (!scalar(v, key, s)) return;
            if (s == "ticker") rule.mode = detail::KeyMode::ticker;
            else if (s == "entity") rule.mode = detail::KeyMode::entity;
            else add(v.Mark(), 0, "unknown 'for' value '" + s + "'", "use `for: ticker` or `for: entity`, or leave it out");
        } else if (key == "when") {
            seen.when = v;
            seen.has_when = true;
        } else if (key == "summary") {
            seen.summary = v;
            seen.has_summary = true;
        } else if (key == "cooldown" || key == "hold") {
            if (scalar(v, key, s)) read_timing(key, v, s, rule);
        } else if (key == "resolved") {
            if (!scalar(v, key, s)) return;
            if (s == "true") rule.resolved = true;
            else if (s == "false") rule.resolved = false;
            else add(v.Mark(), 0, "'resolved' must be true or false, got '" + s + "'");
        } else {
            std::vector<std::string_view> names(std::begin(kRuleFields), std::end(kRuleFields));
            std::string near = detail::closest_name(key, names);
            add(key_node.Mark(), 0, "unknown field '" + key + "' in rule",
                near.empty() ? "rule fields: id, description, severity, for, when, cooldown, hold, resolved, summary"
                             : "did you mean '" + near + "'?");
        }
    }

    // `cooldown: DURATION` and `hold: EVENTS|DURATION`; `s` is the value.
    void read_timing(const std::string& key, const YAML::Node& v, const std::string& s, Rule& rule) {
        if (key == "cooldown") {
            core::DurationParse d = core::parse_duration_status(s, rule.cooldown_ms);
            if (d == core::DurationParse::too_long)
                add(v.Mark(), 0, "cooldown '" + s + "' is longer than the maximum, 3650d",
                    "durations are at most 3650d (about ten years)");
            else if (d != core::DurationParse::ok)
                add(v.Mark(), 0, "bad duration '" + s + "' for cooldown", "write e.g. 30m, 6h, 1d (or 0 for none)");
            return;
        }
        bool digits = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (digits && s.size() < 7) {
            rule.hold_events = static_cast<uint32_t>(std::stoul(s));
        } else if (core::parse_duration_status(s, rule.hold_ms) == core::DurationParse::too_long) {
            add(v.Mark(), 0, "hold '" + s + "' is longer than the maximum, 3650d", "durations are at most 3650d (about ten years)");
        } else if (!core::parse_duration(s, rule.hold_ms)) {
            add(v.Mark(), 0, "bad hold '" + s + "'", "write a number of events (3) or a duration (30m)");
        }
    }

    // The `when` condition and the `summary` template (or the default summary, "DESCRIPTION (KEY)").
    void compile_texts(Rule& rule, const RuleNodes& seen) {
        std::string text;
        if (seen.has_when && scalar(seen.when, "when", text) && !oversized(seen.when, "when", text)) {
            std::vector<ExprError> errs;
            rule.when = detail::compile_condition(rule, text, errs);
            add_expr_errors(seen.when, errs);
        }
        if (seen.has_summary) {
            if (scalar(seen.summary, "summary", text) && !oversized(seen.summary, "summary", text)) {
                std::vector<ExprError> errs;
                detail::compile_template(rule, text, errs);
                add_expr_errors(seen.summary, errs);
            }
            return;
        }
        detail::TemplatePiece a, b, c;
        a.kind = detail::TemplatePiece::Kind::literal;
        a.literal = (rule.description.empty() ? rule.id : rule.description) + " (";
        b.kind = detail::TemplatePiece::Kind::key;
        c.literal = ")";
        rule.summary = {a, b, c};
    }

    void check_unique_id(const Rule& rule, const YAML::Node& id_node) {
        if (rule.id.empty()) return;
        // One diagnostic per repeat, against the first definition: linear in the rules.
        auto [first, inserted] = ids_.try_emplace(rule.id, id_node.Mark());
        if (inserted) return;
        const YAML::Mark& m = first->second;
        add(id_node.Mark(), 0, "duplicate rule id '" + rule.id + "'",
            "first defined at line " + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1) + "; ids must be unique");
    }

    // The identity of a rule's state layout (Rule::fingerprint): equal means its state carries over a reload.
    static uint64_t fingerprint(const Rule& rule, const std::string& when_text) {
        uint64_t fp = core::fnv1a64(rule.id);
        fp = core::fnv1a64(when_text, core::fnv1a64("\x1f", fp));
        return core::fnv1a64(std::to_string(static_cast<int>(rule.mode)) + "/" + std::to_string(rule.hold_events) + "/" +
                                 std::to_string(rule.hold_ms) + "/" + (rule.resolved ? "r" : "-"),
                             core::fnv1a64("\x1f", fp));
    }

    std::string_view text_;
    std::string name_;
    Locator loc_;
    std::vector<Diagnostic> errors_;
    std::unordered_map<std::string, YAML::Mark> ids_;
    size_t dropped_ = 0;  // diagnostics past kMaxDiagnostics
    std::pair<int, int> first_dropped_{1, 1};
};

}  // namespace

RuleSet::RuleSet(std::unique_ptr<const detail::Program> program) : program_(std::move(program)) {}
RuleSet::~RuleSet() = default;
size_t RuleSet::size() const { return program_->rules.size(); }
std::string_view RuleSet::rule_id(size_t i) const { return program_->rules[i].id; }
std::string_view RuleSet::severity(size_t i) const { return program_->rules[i].severity; }
std::vector<std::string> RuleSet::rule_ids() const {
    std::vector<std::string> ids;
    for (const auto& r : program_->rules) ids.push_back(r.id);
    return ids;
}
int64_t RuleSet::max_window_ms() const { return program_->max_window_ms; }
uint64_t RuleSet::content_hash() const { return program_->content_hash; }
bool RuleSet::group_alerts() const { return program_->group_alerts; }

LoadResult load_rules_text(std::string_view yaml, const std::string& name) {
    Loader loader(yaml, name);
    LoadResult r = loader.run();
    // Checks run per section (top-level keys, then each rule's fields, then whole-rule checks):
    // the reader wants the file's order.
    std::stable_sort(r.errors.begin(), r.errors.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
    loader.append_dropped(r.errors);
    return r;
}

LoadResult load_rules_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        LoadResult r;
        r.errors.push_back({path, 0, 0, "cannot open the rules file", "check the path and its permissions"});
        return r;
    }
    // Read at most one byte past the limit: a huge file is refused without holding it in memory.
    std::string text(kMaxRulesFileBytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxRulesFileBytes) {
        LoadResult r;
        r.errors.push_back({path, 0, 0, "the rules file is larger than the maximum " + std::to_string(kMaxRulesFileBytes) +
                                            " bytes", "split it or remove unused rules (limits: docs/rules.md)"});
        return r;
    }
    return load_rules_text(text, path);
}

}  // namespace herald::rules
