// Enum <-> contract names (docs/contracts.md "Analysis").
#include <array>

#include "herald/analysis/analysis.hpp"
#include "metric_kinds.hpp"

namespace herald::analysis {

Label label_for(double s) {
    if (s <= -0.70) return Label::strongly_negative;
    if (s <= -0.40) return Label::moderately_negative;
    if (s <= -0.10) return Label::mildly_negative;
    if (s >= 0.70) return Label::strongly_positive;
    if (s >= 0.40) return Label::moderately_positive;
    if (s >= 0.10) return Label::mildly_positive;
    return Label::neutral;
}

namespace {
constexpr std::array<std::string_view, 7> kLabels{"strongly negative", "moderately negative", "mildly negative",
                                                  "neutral",           "mildly positive",     "moderately positive",
                                                  "strongly positive"};
}  // namespace

std::string_view label_name(Label l) { return kLabels[static_cast<size_t>(l)]; }

bool parse_label(std::string_view name, Label& out) {
    for (size_t i = 0; i < kLabels.size(); ++i)
        if (kLabels[i] == name) {
            out = static_cast<Label>(i);
            return true;
        }
    return false;
}

std::string_view metric_kind_name(MetricKind k) { return kinds::row(k).name; }

bool parse_metric_kind(std::string_view name, MetricKind& out) {
    for (const kinds::Row& r : kinds::kRows)
        if (r.name == name) {
            out = r.kind;
            return true;
        }
    return false;
}

std::string_view direction_name(Direction d) {
    switch (d) {
        case Direction::up: return "up";
        case Direction::down: return "down";
        case Direction::flat: return "flat";
        case Direction::none: break;
    }
    return "";
}

std::string_view basis_name(Basis b) {
    switch (b) {
        case Basis::yoy: return "yoy";
        case Basis::qoq: return "qoq";
        case Basis::sequential: return "sequential";
        case Basis::annualized: return "annualized";
        case Basis::none: break;
    }
    return "";
}

std::string_view qualifier_name(Qualifier q) {
    switch (q) {
        case Qualifier::over: return "over";
        case Qualifier::under: return "under";
        case Qualifier::about: return "about";
        case Qualifier::none: break;
    }
    return "";
}

}  // namespace herald::analysis
