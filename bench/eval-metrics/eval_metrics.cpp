// eval-metrics: runs the full analyzer (entities, quantities, metrics) over an NDJSON event file and
// compares its metrics with a gold file of the same ids.
//
//   eval-metrics [EVENTS.ndjson GOLD.ndjson] [--quiet]
//
// A predicted metric matches a gold one when kind, entity, value (0.5 % tolerance), change
// (direction, percent, basis when gold states them) and forecast flag agree. Entities match
// case-insensitively, when one is the initials of the other ("AWS" / "Amazon Web Services"), or
// when both name the same thing by the same head noun ("custom silicon" / "custom AI silicon").
// Prints recall and precision overall and per criterion, then every miss and false positive.
#include <simdjson.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "herald/analysis/analysis_json.hpp"
#include "herald/analysis/analyzer.hpp"
#include "herald/parse/event_parser.hpp"

using namespace herald::analysis;

namespace {

struct GoldMetric {
    std::string kind, entity, unit, direction, basis;
    bool has_value = false, has_percent = false, forecast = false;
    double value = 0, percent = 0;
    std::string json;
};

std::string lower(std::string_view s) {
    std::string o(s);
    for (auto& c : o) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return o;
}

std::vector<std::string> words_of(const std::string& s) {
    std::vector<std::string> w;
    std::string cur;
    for (char c : s) {
        if (std::isalnum(static_cast<unsigned char>(c))) cur += c;
        else if (!cur.empty()) w.push_back(cur), cur.clear();
    }
    if (!cur.empty()) w.push_back(cur);
    return w;
}

bool entity_match(std::string_view pred, const std::string& gold) {
    std::string p = lower(pred), g = lower(gold);
    if (p == g) return true;
    auto pw = words_of(p), gw = words_of(g);
    auto initials = [](const std::vector<std::string>& w) {
        std::string i;
        for (auto& x : w) i += x[0];
        return i;
    };
    if (pw.size() == 1 && gw.size() > 1 && initials(gw) == pw[0]) return true;
    if (gw.size() == 1 && pw.size() > 1 && initials(pw) == gw[0]) return true;
    // Same head noun (last word, "related"/"business" aside) and not a single company name.
    auto head = [](std::vector<std::string> w) {
        while (!w.empty() && (w.back() == "business" || w.back() == "segment" || w.back() == "unit")) w.pop_back();
        return w.empty() ? std::string() : w.back();
    };
    return pw.size() + gw.size() > 2 && !head(pw).empty() && head(pw) == head(gw);
}

bool near(double a, double b) { return std::fabs(a - b) <= 0.005 * std::fmax(std::fabs(a), std::fabs(b)) + 1e-9; }

struct Criteria {
    bool kind, entity, value, change, forecast;
    bool all() const { return kind && entity && value && change && forecast; }
};

Criteria compare(const Metric& m, const GoldMetric& g) {
    Criteria c{};
    c.kind = metric_kind_name(m.kind) == g.kind;
    c.entity = entity_match(m.entity, g.entity);
    c.value = g.has_value ? (m.has_value && near(m.value, g.value) && m.unit.view() == g.unit) : !m.has_value || true;
    c.change = (g.direction.empty() || direction_name(m.change.direction) == g.direction) &&
               (!g.has_percent || (m.change.has_percent && near(m.change.percent, g.percent))) &&
               (g.basis.empty() || basis_name(m.change.basis) == g.basis) &&
               (!g.direction.empty() || m.change.direction == Direction::none);
    c.forecast = m.forecast == g.forecast;
    return c;
}

std::string metric_json(const Metric& m) {
    std::string s;
    herald::core::JsonWriter w(s);
    write_metric_json(w, m);
    return s;
}

std::map<std::string, std::vector<GoldMetric>> load_gold(const std::string& path) {
    std::map<std::string, std::vector<GoldMetric>> out;
    std::ifstream in(path);
    std::string line;
    simdjson::dom::parser p;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        simdjson::dom::element doc = p.parse(line);
        std::string id{std::string_view(doc["id"])};
        auto& v = out[id];
        for (simdjson::dom::element m : doc["metrics"].get_array()) {
            GoldMetric g;
            g.json = simdjson::minify(m);
            g.kind = std::string{std::string_view(m["kind"])};
            std::string_view sv;
            if (!m["entity"].get(sv)) g.entity = std::string(sv);
            double d;
            if (!m["value"].get(d)) g.has_value = true, g.value = d;
            if (!m["unit"].get(sv)) g.unit = std::string(sv);
            bool b;
            if (!m["forecast"].get(b)) g.forecast = b;
            simdjson::dom::element ch;
            if (!m["change"].get(ch)) {
                if (!ch["direction"].get(sv)) g.direction = std::string(sv);
                if (!ch["basis"].get(sv)) g.basis = std::string(sv);
                if (!ch["percent"].get(d)) g.has_percent = true, g.percent = d;
                int64_t i;
                if (!g.has_percent && !ch["percent"].get(i)) g.has_percent = true, g.percent = static_cast<double>(i);
            }
            v.push_back(g);
        }
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    std::string events = HERALD_SHARED_DATA_DIR "/seeds.ndjson", gold_path = HERALD_SHARED_DATA_DIR "/seeds-gold.ndjson";
    bool quiet = false;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--quiet") quiet = true;
        else if (a == "-h" || a == "--help") {
            std::cout << "usage: eval-metrics [EVENTS.ndjson GOLD.ndjson] [--quiet]\n";
            return 0;
        } else files.push_back(a);
    }
    if (files.size() == 2) events = files[0], gold_path = files[1];
    else if (!files.empty()) {
        std::cerr << "eval-metrics: give both EVENTS and GOLD files, or neither (defaults: the seeds)\n";
        return 2;
    }
    std::ifstream in(events);
    if (!in) {
        std::cerr << "eval-metrics: cannot read " << events << "\n";
        return 2;
    }
    auto gold = load_gold(gold_path);

    Analyzer analyzer(Resources::builtin());
    herald::parse::EventParser parser;
    Event ev;
    Analysis a;
    std::string line, detail;
    size_t n_gold = 0, n_found = 0, n_pred = 0, n_correct = 0;
    size_t crit_hits[5] = {};
    const char* crit_names[5] = {"kind", "entity", "value", "change", "forecast"};
    std::vector<std::string> misses, fps;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        if (parser.parse(line, ev, detail) != herald::parse::ErrorCode::none) {
            std::cerr << "eval-metrics: bad event line: " << detail << "\n";
            continue;
        }
        analyzer.analyze(ev, a);
        std::string id(ev.id);
        const auto& gs = gold[id];
        n_gold += gs.size();
        n_pred += a.metrics.size();
        std::vector<bool> pred_ok(a.metrics.size(), false);
        for (const auto& g : gs) {
            bool found = false;
            // Best partial match for per-criterion figures: the predicted metric agreeing on most criteria.
            int best_score = -1;
            Criteria best{};
            for (size_t i = 0; i < a.metrics.size(); ++i) {
                Criteria c = compare(a.metrics[i], g);
                if (c.all()) found = true, pred_ok[i] = true;
                int score = c.kind * 4 + c.value * 8 + c.entity * 2 + c.change + c.forecast;
                if (score > best_score) best_score = score, best = c;
            }
            if (found) ++n_found, best = {true, true, true, true, true};
            crit_hits[0] += best.kind, crit_hits[1] += best.entity, crit_hits[2] += best.value;
            crit_hits[3] += best.change, crit_hits[4] += best.forecast;
            if (!found) misses.push_back(id + "  " + g.json);
        }
        for (size_t i = 0; i < a.metrics.size(); ++i) {
            if (pred_ok[i]) ++n_correct;
            else fps.push_back(id + "  " + metric_json(a.metrics[i]));
        }
    }
    auto pct = [](size_t a_, size_t b_) { return b_ ? 100.0 * static_cast<double>(a_) / static_cast<double>(b_) : 100.0; };
    std::printf("gold metrics %zu, predicted %zu\n", n_gold, n_pred);
    std::printf("recall    %.1f %% (%zu/%zu all of kind, entity, value, change, forecast)\n", pct(n_found, n_gold),
                n_found, n_gold);
    std::printf("precision %.1f %% (%zu/%zu predicted metrics match a gold one)\n", pct(n_correct, n_pred), n_correct,
                n_pred);
    for (int k = 0; k < 5; ++k)
        std::printf("  %-8s right for %.1f %% of gold metrics\n", crit_names[k], pct(crit_hits[k], n_gold));
    if (!quiet) {
        std::printf("misses (%zu):\n", misses.size());
        for (auto& m : misses) std::printf("  %s\n", m.c_str());
        std::printf("false positives (%zu):\n", fps.size());
        for (auto& f : fps) std::printf("  %s\n", f.c_str());
    }
    return 0;
}
