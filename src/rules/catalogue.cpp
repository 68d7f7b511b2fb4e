// Names, types and hints of the rule expression language (catalogue.hpp), and "did you mean".
#include "catalogue.hpp"

#include <algorithm>

#include "expression.hpp"
#include "herald/analysis/event_types.hpp"
#include "herald/core/ascii.hpp"

namespace herald::rules::detail {

const char* type_name(Type t) {
    switch (t) {
        case Type::boolean: return "boolean";
        case Type::number: return "number";
        case Type::string: return "string";
        case Type::list: return "list";
        case Type::selector: return "metric(...)";
        case Type::error: return "error";
    }
    return "?";
}

namespace {

using core::ascii::lower;

size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t cur = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, prev + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1)});
            prev = cur;
        }
    }
    return row[b.size()];
}

}  // namespace

std::vector<std::string_view> expression_names() {
    std::vector<std::string_view> v = names_of(kFields);
    for (const auto& f : kFunctionTable) v.push_back(f.name);
    return v;
}

const FunctionInfo* find_function(std::string_view name) {
    for (const auto& f : kFunctionTable)
        if (f.name == name) return &f;
    return nullptr;
}

std::string functions_hint() {
    std::string list;
    for (const auto& f : kFunctionTable) list += (list.empty() ? "" : ", ") + std::string(f.name);
    return "functions: " + list;
}

std::vector<std::string_view> metric_kind_names() {
    std::vector<std::string_view> kinds;
    for (int i = 0; i < int(analysis::MetricKind::count_); ++i)
        kinds.push_back(analysis::metric_kind_name(static_cast<analysis::MetricKind>(i)));
    return kinds;
}

std::string kinds_hint() {
    std::string list;
    for (auto k : metric_kind_names()) list += (list.empty() ? "" : ", ") + std::string(k);
    return "known kinds: " + list;
}

std::string event_types_hint(const analysis::EventTypeTable& table) {
    std::string list;
    for (auto name : table.names()) list += (list.empty() ? "" : ", ") + std::string(name);
    return "known types: " + list;
}

std::string closest_name(std::string_view word, const std::vector<std::string_view>& candidates) {
    // Names are short: a long word is no typo of one, and edit distance is quadratic in length.
    if (word.size() > 64) return {};
    size_t best = std::string::npos;
    std::string_view pick;
    for (auto c : candidates) {
        size_t d = edit_distance(word, c);
        if (d < best) {
            best = d;
            pick = c;
        }
    }
    size_t limit = std::max<size_t>(2, word.size() / 3);
    return best <= limit ? std::string(pick) : std::string();
}

}  // namespace herald::rules::detail
