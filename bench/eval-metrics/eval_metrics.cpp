// eval-metrics: runs the full analyzer (entities, quantities, metrics) over an NDJSON event file and
// scores its metrics against hand-annotated gold (../shared/data/metrics-guideline.md).
//
//   eval-metrics [EVENTS.ndjson GOLD...] [--list] [--by-kind] [--min-all-right F] [--min-kv-f1 F]
//                [--min-period F]
//
// GOLD is a file or a directory of *.ndjson files (data/eval/metrics-gold/); only events that
// have a gold line are scored. Prints kind+value precision/recall/F1, the share of gold figures
// with all fields right (kind, value incl. low/high, entity-or-segment, change, period, forecast),
// value+unit F1 (the quantity alone, whatever the kind) and the accuracy per field; --by-kind the recall and all-right share per gold kind; --list adds
// every miss, false positive and wrong field. Gold figures
// marked "doubtful" are not scored either way. Exit 1 when a --min-* floor is not reached.
#include <simdjson.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "herald/analysis/analysis_json.hpp"
#include "herald/analysis/analyzer.hpp"
#include "herald/parse/event_parser.hpp"
#include "score.hpp"

using namespace herald::analysis;
using namespace eval_metrics;

namespace {

struct Options {
    std::string events = HERALD_SHARED_DATA_DIR "/seeds.ndjson";
    std::vector<std::string> gold{HERALD_SHARED_DATA_DIR "/seeds-gold.ndjson"};
    bool list = false, by_kind = false;
    double min_all_right = -1, min_kv_f1 = -1, min_period = -1;
};

int usage(const std::string& why) {
    std::cerr << "eval-metrics: " << why
              << "; usage: eval-metrics [EVENTS.ndjson GOLD...] [--list] [--by-kind] [--min-all-right F] [--min-kv-f1 F]"
                 " [--min-period F]\n";
    return 2;
}

bool parse_fraction(const char* s, double& out) {
    char* end = nullptr;
    out = std::strtod(s, &end);
    return end != s && *end == '\0' && out >= 0 && out <= 1;
}

std::string_view field_of(const void* event, std::string_view field) {
    const auto& ev = *static_cast<const Event*>(event);
    if (field == "headline") return ev.headline;
    if (field == "summary") return ev.summary;
    if (field == "body") return ev.body;
    if (field == "text") return ev.text;
    return {};
}

// herald's metric through its own JSON, so fields it does not emit yet read as null.
Figure predicted(const Metric& m, simdjson::dom::parser& parser) {
    std::string s;
    herald::core::JsonWriter w(s);
    write_metric_json(w, m);
    simdjson::dom::element doc;
    if (parser.parse(s).get(doc)) return {};
    return read_figure(doc);
}

double ratio(size_t a, size_t b) { return b ? static_cast<double>(a) / static_cast<double>(b) : 1.0; }

}  // namespace

int main(int argc, char** argv) {
    Options o;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--list") o.list = true;
        else if (a == "--by-kind") o.by_kind = true;
        else if (a == "--quiet") o.list = false;  // the lists are opt-in now; kept for old scripts
        else if (a == "--min-all-right" || a == "--min-kv-f1" || a == "--min-period") {
            double& target = a == "--min-all-right" ? o.min_all_right : a == "--min-kv-f1" ? o.min_kv_f1 : o.min_period;
            if (i + 1 >= argc || !parse_fraction(argv[++i], target)) return usage(a + " needs a fraction 0..1");
        } else if (a == "-h" || a == "--help") {
            usage("help");
            return 0;
        } else if (!a.empty() && a[0] == '-') return usage("unknown option " + a);
        else files.push_back(a);
    }
    if (files.size() == 1) return usage("give EVENTS and at least one GOLD file or directory, or neither (the seeds)");
    if (files.size() >= 2) o.events = files[0], o.gold.assign(files.begin() + 1, files.end());
    if (files.empty() && !std::ifstream(o.events)) {
        // The default files are the shared evaluation data, which a fresh clone does not have
        // (ctest marks integration_eval_metrics_seeds skipped on this line).
        std::cerr << "eval-metrics: skipped: " << o.events
                  << " is not there (the seeds are shared evaluation data, ../shared/data beside the checkout)\n";
        return 2;
    }

    Gold gold;
    std::string error;
    if (!load_gold(o.gold, gold, error)) {
        std::cerr << "eval-metrics: " << error << "\n";
        return 2;
    }
    std::ifstream in(o.events);
    if (!in) {
        std::cerr << "eval-metrics: cannot read events file " << o.events << "\n";
        return 2;
    }

    Analyzer analyzer(Resources::builtin());
    herald::parse::EventParser event_parser;
    simdjson::dom::parser json;
    Event ev;
    Analysis a;
    Tally t;
    Listing list;
    size_t texts_not_found = 0;
    std::string line, detail;
    std::vector<Figure> pred;
    Companies companies;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        if (event_parser.parse(line, ev, detail) != herald::parse::ErrorCode::none) {
            std::cerr << "eval-metrics: bad event line in " << o.events << ": " << detail << "\n";
            continue;
        }
        auto it = gold.find(ev.id);
        if (it == gold.end()) continue;  // not annotated (yet)
        analyzer.analyze(ev, a);
        pred.clear();
        for (const auto& m : a.metrics) pred.push_back(predicted(m, json));
        companies.clear();
        for (const auto& e : a.entities)
            if (!e.ticker.empty()) companies.push_back({std::string(e.name), std::string(e.ticker)});
        std::vector<Figure> g = it->second;
        texts_not_found += locate(g, &ev, field_of);
        score_event(ev.id, g, pred, companies, t, list);
    }

    size_t scored_pred = t.pred - t.pred_on_doubtful;
    double p = ratio(t.kind_value, scored_pred), r = ratio(t.kind_value, t.gold);
    double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0, all = ratio(t.all_right, t.gold);
    std::printf("events scored %zu; gold figures %zu (+%zu doubtful, not scored); herald metrics %zu (%zu on doubtful)\n",
                t.events, t.gold, t.doubtful, t.pred, t.pred_on_doubtful);
    std::printf("kind+value  precision %.3f (%zu/%zu)  recall %.3f (%zu/%zu)  F1 %.3f\n", p, t.kind_value, scored_pred,
                r, t.kind_value, t.gold, f1);
    // The quantity alone (value with its unit, or the change of a change-only figure), whatever kind
    // herald gave it: what the quantity-extraction test sets score.
    const double vp = ratio(t.field_right[kValue], scored_pred), vr = ratio(t.field_right[kValue], t.gold);
    std::printf("value+unit  precision %.3f  recall %.3f  F1 %.3f\n", vp, vr, vp + vr > 0 ? 2 * vp * vr / (vp + vr) : 0);
    std::printf("all fields right  %.3f (%zu/%zu gold figures: kind, value, entity-or-segment, change, period, forecast)\n",
                all, t.all_right, t.gold);
    for (int f = 0; f < kFieldCount; ++f)
        std::printf("  %-18s right for %.3f (%zu/%zu)\n", kFieldNames[f], ratio(t.field_right[f], t.gold),
                    t.field_right[f], t.gold);
    std::printf("misses %zu, false positives %zu, matched with a wrong field %zu%s\n", list.misses.size(),
                list.false_positives.size(), list.wrong.size(), o.list ? "" : " (--list prints them)");
    if (o.by_kind) {
        std::printf("per gold kind: figures, kind+value recall, all fields right\n");
        for (const auto& [kind, k] : t.by_kind)
            std::printf("  %-20s %4zu  %.3f  %.3f\n", kind.c_str(), k.gold, ratio(k.kind_value, k.gold),
                        ratio(k.all_right, k.gold));
    }
    if (o.list) {
        std::printf("misses (%zu):\n", list.misses.size());
        for (auto& m : list.misses) std::printf("  %s\n", m.c_str());
        std::printf("false positives (%zu):\n", list.false_positives.size());
        for (auto& f : list.false_positives) std::printf("  %s\n", f.c_str());
        std::printf("wrong fields (%zu):\n", list.wrong.size());
        for (auto& w : list.wrong) std::printf("  %s\n", w.c_str());
    }
    int rc = 0;
    if (texts_not_found) {
        // A gold text that is not in its field is a mistake in the gold: it cannot be paired by span.
        std::fprintf(stderr, "eval-metrics: %zu gold texts are not in their event's field: fix the gold lines\n",
                     texts_not_found);
        rc = 1;
    }
    if (o.min_all_right >= 0 && all + 1e-9 < o.min_all_right) {
        std::fprintf(stderr, "eval-metrics: all fields right %.3f is below the floor %.3f: see --list for what regressed\n",
                     all, o.min_all_right);
        rc = 1;
    }
    if (o.min_kv_f1 >= 0 && f1 + 1e-9 < o.min_kv_f1) {
        std::fprintf(stderr, "eval-metrics: kind+value F1 %.3f is below the floor %.3f: see --list for what regressed\n", f1,
                     o.min_kv_f1);
        rc = 1;
    }
    const double period = ratio(t.field_right[kPeriod], t.gold);
    if (o.min_period >= 0 && period + 1e-9 < o.min_period) {
        std::fprintf(stderr, "eval-metrics: period right %.3f is below the floor %.3f: see --list for what regressed\n",
                     period, o.min_period);
        rc = 1;
    }
    return rc;
}
