#include "herald/app/backtest_diff.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <utility>

namespace herald::app {

namespace {
constexpr int64_t kDayMs = 86'400'000;
constexpr size_t kEvidenceBytes = 400;  // per sentence in an example; the alert JSON has it whole

int64_t day_of(int64_t ms) { return ms >= 0 ? ms / kDayMs : -((-ms + kDayMs - 1) / kDayMs); }

AlertView view_of(const FeedEvent& e, const rules::Alert& a, const std::string& json) {
    AlertView v{a.severity, a.summary, json, {}};
    for (const analysis::Span& s : a.evidence) {
        std::string_view text = e.event.field(s.field);
        if (s.begin >= s.end || s.end > text.size()) continue;
        std::string_view sentence = text.substr(s.begin, s.end - s.begin);
        v.evidence.emplace_back(sentence.substr(0, kEvidenceBytes));
    }
    return v;
}

bool same_spans(const std::vector<analysis::Span>& a, const std::vector<analysis::Span>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].field != b[i].field || a[i].begin != b[i].begin || a[i].end != b[i].end) return false;
    return true;
}

bool same_members(const std::vector<rules::Alert::Member>& a, const std::vector<rules::Alert::Member>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::memcmp(a[i].alert_id, b[i].alert_id, sizeof a[i].alert_id) != 0 || a[i].summary != b[i].summary ||
            a[i].severity != b[i].severity)
            return false;
    return true;
}

// The alert JSON without its "explain" member. The explanation quotes the rule's thresholds, so a
// changed threshold would mark every alert that still fires as changed; what an analyst reads as
// the alert's content is the rest. Inside a JSON string every '"' is escaped, so the first
// unescaped `"explain":{` is the member itself.
std::pair<std::string_view, std::string_view> around_explain(std::string_view json) {
    constexpr std::string_view kKey = "\"explain\":{";
    const size_t at = json.find(kKey);
    if (at == std::string_view::npos) return {json, {}};
    size_t i = at + kKey.size();
    int depth = 1;
    bool in_string = false;
    for (; i < json.size() && depth > 0; ++i) {
        const char c = json[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{') {
            ++depth;
        } else if (c == '}') {
            --depth;
        }
    }
    size_t begin = at;
    if (begin > 0 && json[begin - 1] == ',') --begin;  // the comma before it goes with it
    return {json.substr(0, begin), json.substr(i)};
}

bool same_content(std::string_view a, std::string_view b) {
    if (a == b) return true;
    return around_explain(a) == around_explain(b);
}

// What differs between two alerts with the same id, in the order the alert JSON has them.
std::vector<std::string> differences(const rules::Alert& before, const rules::Alert& after) {
    std::vector<std::string> d;
    if (before.severity != after.severity) d.emplace_back("severity");
    if (before.summary != after.summary) d.emplace_back("summary");
    if (!same_members(before.members, after.members)) d.emplace_back("members");
    if (before.metric_indices != after.metric_indices) d.emplace_back("metrics");
    if (!same_spans(before.evidence, after.evidence)) d.emplace_back("evidence");
    if (d.empty()) d.emplace_back("size");  // the same alert cut differently to fit the message size
    return d;
}
}  // namespace

void SideStats::count(int64_t time_ms) {
    if (fired == 0 || time_ms < first_ms) first_ms = time_ms;
    if (fired == 0 || time_ms > last_ms) last_ms = time_ms;
    ++fired;
    ++per_day[day_of(time_ms)];
}

int64_t SideStats::busiest_day(uint32_t* alerts) const {
    int64_t best = -1;
    uint32_t most = 0;
    for (const auto& [day, n] : per_day)
        if (n > most) {
            best = day;
            most = n;
        }
    if (alerts) *alerts = most;
    return best;
}

BacktestDiff::BacktestDiff(const std::vector<std::string>& after_rules, const std::vector<std::string>& before_rules,
                           size_t examples)
    : examples_(examples) {
    for (const auto& id : after_rules) rule(id).in_after = true;
    for (const auto& id : before_rules) rule(id).in_before = true;
}

RuleDiff& BacktestDiff::rule(const std::string& id) {
    auto [it, inserted] = index_.try_emplace(id, rules_.size());
    if (inserted) {
        rules_.emplace_back();
        rules_.back().rule = id;
    }
    return rules_[it->second];
}

void BacktestDiff::add(const FeedEvent& e, const std::vector<rules::Alert>& before,
                       const std::vector<std::string>& before_json, const std::vector<rules::Alert>& after,
                       const std::vector<std::string>& after_json) {
    ++events_;
    matched_.assign(before.size(), false);
    for (size_t i = 0; i < after.size(); ++i) {
        const rules::Alert* pair = nullptr;
        const std::string* pair_json = nullptr;
        for (size_t j = 0; j < before.size(); ++j)
            if (!matched_[j] && std::memcmp(before[j].alert_id, after[i].alert_id, sizeof after[i].alert_id) == 0) {
                matched_[j] = true;
                pair = &before[j];
                pair_json = &before_json[j];
                break;
            }
        record(e, i, pair, pair_json, &after[i], &after_json[i]);
    }
    for (size_t j = 0; j < before.size(); ++j)
        if (!matched_[j]) record(e, after.size() + j, &before[j], &before_json[j], nullptr, nullptr);
}

void BacktestDiff::record(const FeedEvent& e, size_t index, const rules::Alert* before,
                          const std::string* before_json, const rules::Alert* after, const std::string* after_json) {
    const rules::Alert& any = after ? *after : *before;
    RuleDiff& r = rule(any.rule_id);
    DiffStats& k = r.keys[any.key];
    std::vector<AlertExample>* examples = nullptr;
    for (DiffStats* s : {&total_, &r.total, &k}) {
        if (before) s->before.count(e.event_time_ms);
        if (after) s->after.count(e.event_time_ms);
    }
    if (before && after) {
        if (same_content(*before_json, *after_json)) return;
        for (DiffStats* s : {&total_, &r.total, &k}) ++s->changed;
        examples = &r.changed;
    } else {
        for (DiffStats* s : {&total_, &r.total, &k}) ++(after ? s->added : s->removed);
        examples = after ? &r.added : &r.removed;
    }
    const auto i = static_cast<int64_t>(index);
    const std::array<int64_t, 4> order = e.partition >= 0 ? std::array<int64_t, 4>{e.event_time_ms, e.partition, e.position, i}
                                                          : std::array<int64_t, 4>{events_, 0, 0, i};
    auto at = std::upper_bound(examples->begin(), examples->end(), order,
                               [](const auto& o, const AlertExample& x) { return o < x.order; });
    if (static_cast<size_t>(at - examples->begin()) >= examples_) return;
    AlertExample ex;
    ex.order = order;
    ex.time_ms = e.event_time_ms;
    ex.key = any.key;
    ex.event_id = std::string(e.event.id);
    if (before) ex.before = view_of(e, *before, *before_json);
    if (after) ex.after = view_of(e, *after, *after_json);
    if (before && after) ex.differences = differences(*before, *after);
    examples->insert(at, std::move(ex));
    if (examples->size() > examples_) examples->pop_back();
}

}  // namespace herald::app
