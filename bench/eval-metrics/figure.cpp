#include "figure.hpp"

namespace eval_metrics {
namespace {

std::optional<double> number(simdjson::dom::element e) {
    double d;
    if (!e.get(d)) return d;
    int64_t i;
    if (!e.get(i)) return static_cast<double>(i);
    uint64_t u;
    if (!e.get(u)) return static_cast<double>(u);
    return std::nullopt;
}

// A key's value; `present` tells whether the key exists at all (null counts as present).
std::optional<simdjson::dom::element> key(simdjson::dom::element obj, const char* k, bool* present = nullptr) {
    simdjson::dom::element e;
    bool has = !obj[k].get(e);
    if (present) *present = has;
    if (!has || e.is_null()) return std::nullopt;
    return e;
}

std::string text_of(simdjson::dom::element obj, const char* k, bool* present = nullptr) {
    auto e = key(obj, k, present);
    std::string_view sv;
    if (e && !e->get(sv)) return std::string(sv);
    return {};
}

std::optional<double> number_of(simdjson::dom::element obj, const char* k, bool* present = nullptr) {
    auto e = key(obj, k, present);
    return e ? number(*e) : std::nullopt;
}

}  // namespace

Figure read_figure(simdjson::dom::element m) {
    Figure f;
    f.json = simdjson::minify(m);
    f.kind = text_of(m, "kind");
    f.entity = text_of(m, "entity");
    f.segment = text_of(m, "segment", &f.has_segment_key);
    f.ticker = text_of(m, "ticker");
    f.unit = text_of(m, "unit");
    f.period = text_of(m, "period", &f.has_period_key);
    f.qualifier = text_of(m, "qualifier");
    f.text = text_of(m, "text");
    f.field = text_of(m, "field");
    if (auto alts = key(m, "segment_alts")) {
        simdjson::dom::array arr;
        if (!alts->get(arr))
            for (auto a : arr) {
                std::string_view sv;
                if (!a.get(sv)) f.segment_alts.emplace_back(sv);
            }
    }
    f.value = number_of(m, "value");
    f.low = number_of(m, "low");
    f.high = number_of(m, "high");
    f.prior = number_of(m, "prior_value");
    if (auto fc = key(m, "forecast")) {
        bool b;
        if (!fc->get(b)) f.forecast = b;
    }
    if (auto d = key(m, "doubtful")) {
        bool b;
        if (!d->get(b)) f.doubtful = b;
    }
    if (auto ch = key(m, "change")) {
        simdjson::dom::object o;
        if (!ch->get(o)) {
            f.direction = text_of(*ch, "direction", &f.has_direction_key);
            f.basis = text_of(*ch, "basis", &f.has_basis_key);
            f.percent = number_of(*ch, "percent", &f.has_percent_key);
            f.percent_high = number_of(*ch, "percent_high", &f.has_percent_high_key);
            f.points = number_of(*ch, "points", &f.has_points_key);
            f.has_change = !f.direction.empty() || f.percent || f.points;
        }
    }
    if (auto span = key(m, "span")) {
        simdjson::dom::array arr;
        if (!span->get(arr) && arr.size() == 2) {
            auto b = number(arr.at(0).value_unsafe()), e = number(arr.at(1).value_unsafe());
            if (b && e) f.begin = static_cast<long>(*b), f.end = static_cast<long>(*e);
        }
    }
    return f;
}

}  // namespace eval_metrics
