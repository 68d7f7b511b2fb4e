// Measures herald's sentiment and entities against the shared evaluation data:
//   - fpb-dev.tsv (label<TAB>sentence): 3-class accuracy, macro-F1, per-class P/R/F1, confusion;
//   - seeds.ndjson + seeds-gold.ndjson: score vs the publisher's, top entity, tickers found;
//   - data/eval/headlines.tsv, herald's own headlines and analyst-note sentences, same report
//     (no target: it shows how the rules carry over to text shaped unlike the phrase bank).
//
//   eval-sentiment [--data DIR] [--errors N] [--explain] [--lexicon FILE] [--aliases FILE]
//   eval-sentiment --text "Operating profit rose to EUR 13.1 mn ."   (explains one text)
// --errors N prints up to N misclassified sentences per (gold, predicted) pair; --explain adds
// the terms that moved each of them. Exit status 1 when a target is missed.
#include <simdjson.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "herald/analysis/document.hpp"
#include "herald/analysis/entities.hpp"
#include "herald/analysis/sentiment.hpp"
#include "herald/parse/event_parser.hpp"

namespace ha = herald::analysis;

namespace {

enum Class { negative = 0, neutral = 1, positive = 2 };
const char* kClassNames[] = {"negative", "neutral", "positive"};

Class class_of(ha::Label l) {
    if (l < ha::Label::neutral) return negative;
    if (l > ha::Label::neutral) return positive;
    return neutral;
}

struct Pipeline {
    Pipeline(std::shared_ptr<const ha::Lexicon> lexicon, std::shared_ptr<const ha::AliasTable> aliases)
        : finder(std::move(aliases)), scorer(std::move(lexicon)) {}
    ha::Document doc;
    std::vector<ha::Mention> mentions;
    ha::EntityFinder finder;
    ha::SentimentScorer scorer;
    std::vector<ha::Metric> metrics;  // none: the sentiment must stand on its own words
    ha::Analysis out;
    void run(const ha::Event& e, ha::Explanation* ex = nullptr) {
        out.clear();
        mentions.clear();
        if (ex) ex->clear();
        doc.build(e);
        finder.find(doc, mentions);
        scorer.score(doc, mentions, metrics, out, ex);
    }
};

void print_explanation(const ha::Event& e, const ha::Explanation& ex) {
    for (const auto& s : ex.sentences) {
        if (s.terms.empty()) continue;
        std::printf("      %s [%+.2f]", ha::field_name(s.span.field).data(), s.score);
        for (const auto& t : s.terms) std::printf(" %s(%+.2f %s)", t.term.c_str(), t.weight, t.rule.c_str());
        std::printf("\n");
    }
    (void)e;
}

// One labelled file (label<TAB>text, '#' lines skipped). `targets`: the fpb-dev targets decide the result.
bool eval_labelled(Pipeline& p, const std::string& path, const char* name, bool targets, int show_errors, bool explain) {
    std::ifstream in(path);
    if (!in) {
        std::fprintf(stderr, "%s: cannot open; pass --data DIR with fpb-dev.tsv\n", path.c_str());
        return false;
    }
    long confusion[3][3] = {};
    int shown[3][3] = {};
    std::string line;
    ha::Explanation ex;
    while (std::getline(in, line)) {
        size_t tab = line.find('\t');
        if (tab == std::string::npos || line[0] == '#') continue;
        std::string label = line.substr(0, tab);
        Class gold = label == "positive" ? positive : label == "negative" ? negative : neutral;
        ha::Event e;
        e.text = std::string_view(line).substr(tab + 1);
        p.run(e, explain ? &ex : nullptr);
        Class pred = class_of(p.out.sentiment.label);
        ++confusion[gold][pred];
        if (gold != pred && shown[gold][pred] < show_errors) {
            ++shown[gold][pred];
            std::printf("  gold %-8s got %-8s %+.2f  %.*s\n", kClassNames[gold], kClassNames[pred],
                        p.out.sentiment.score, static_cast<int>(e.text.size()), e.text.data());
            if (explain) print_explanation(e, ex);
        }
    }
    long total = 0, correct = 0;
    for (int g = 0; g < 3; ++g)
        for (int q = 0; q < 3; ++q) {
            total += confusion[g][q];
            if (g == q) correct += confusion[g][q];
        }
    double macro = 0;
    std::printf("%s: %ld sentences\n  class      precision recall  f1     support\n", name, total);
    for (int c = 0; c < 3; ++c) {
        long tp = confusion[c][c], pred = 0, gold = 0;
        for (int k = 0; k < 3; ++k) {
            pred += confusion[k][c];
            gold += confusion[c][k];
        }
        double pr = pred ? double(tp) / pred : 0, rc = gold ? double(tp) / gold : 0;
        double f1 = pr + rc > 0 ? 2 * pr * rc / (pr + rc) : 0;
        macro += f1 / 3;
        std::printf("  %-10s %.3f     %.3f   %.3f  %ld\n", kClassNames[c], pr, rc, f1, gold);
    }
    double acc = total ? double(correct) / total : 0;
    std::printf("  confusion (rows gold, columns predicted: neg neu pos)\n");
    for (int g = 0; g < 3; ++g)
        std::printf("  %-10s %5ld %5ld %5ld\n", kClassNames[g], confusion[g][0], confusion[g][1], confusion[g][2]);
    if (!targets) {
        std::printf("  accuracy %.3f  macro-F1 %.3f\n", acc, macro);
        return true;
    }
    bool ok = acc >= 0.82 && macro >= 0.80;
    std::printf("  accuracy %.3f (target 0.82)  macro-F1 %.3f (target 0.80)  %s\n", acc, macro, ok ? "PASS" : "MISS");
    return ok;
}

struct Gold {
    std::string id;
    bool has_score = false;
    double score = 0;
    std::vector<std::string> tickers;
};

std::vector<Gold> read_gold(const std::string& path) {
    std::vector<Gold> out;
    std::ifstream in(path);
    std::string line;
    simdjson::dom::parser parser;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        simdjson::dom::element doc;
        if (parser.parse(line).get(doc)) continue;
        Gold g;
        std::string_view id;
        if (!doc["id"].get(id)) g.id = std::string(id);
        double s;
        if (!doc["sentiment"]["score"].get(s)) {
            g.has_score = true;
            g.score = s;
        }
        simdjson::dom::array tickers;
        if (!doc["tickers"].get(tickers))
            for (auto t : tickers) {
                std::string_view v;
                if (!t.get(v)) g.tickers.emplace_back(v);
            }
        out.push_back(std::move(g));
    }
    return out;
}

bool eval_seeds(Pipeline& p, const std::string& dir, bool explain) {
    std::vector<Gold> gold = read_gold(dir + "/seeds-gold.ndjson");
    std::ifstream in(dir + "/seeds.ndjson");
    if (!in || gold.empty()) {
        std::fprintf(stderr, "%s: cannot read seeds.ndjson / seeds-gold.ndjson\n", dir.c_str());
        return false;
    }
    herald::parse::EventParser parser;
    ha::Event e;
    ha::Explanation ex;
    std::string line, detail;
    bool ok = true;
    std::printf("seeds:\n");
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        if (parser.parse(line, e, detail) != herald::parse::ErrorCode::none) {
            std::printf("  unparsable seed: %s\n", detail.c_str());
            ok = false;
            continue;
        }
        p.run(e, explain ? &ex : nullptr);
        const Gold* g = nullptr;
        for (const auto& x : gold)
            if (x.id == e.id) g = &x;
        std::printf("  %.*s score %+.2f (%.*s)", static_cast<int>(e.id.size()), e.id.data(), p.out.sentiment.score,
                    static_cast<int>(ha::label_name(p.out.sentiment.label).size()),
                    ha::label_name(p.out.sentiment.label).data());
        if (g && g->has_score) {
            bool close = std::fabs(p.out.sentiment.score - g->score) <= 0.15 && p.out.sentiment.score > 0;
            std::printf(" gold %+.2f %s", g->score, close ? "ok" : "MISS");
            ok &= close;
        }
        std::string_view top = p.out.entities.empty() ? std::string_view{} : p.out.entities[0].ticker;
        bool top_ok = top == "AMZN";
        std::printf("  top %.*s %s  entities:", static_cast<int>(top.size()), top.data(), top_ok ? "ok" : "MISS");
        ok &= top_ok;
        for (const auto& en : p.out.entities)
            std::printf(" %.*s/%.*s x%u %+.2f", static_cast<int>(en.name.size()), en.name.data(),
                        static_cast<int>(en.ticker.size()), en.ticker.data(), en.mentions, en.sentiment.score);
        if (g)
            for (const auto& t : g->tickers) {
                bool found = false;
                for (const auto& en : p.out.entities) found |= en.ticker == t;
                if (!found) {
                    std::printf("  MISSING %s", t.c_str());
                    ok = false;
                }
            }
        std::printf("\n");
        if (explain) print_explanation(e, ex);
    }
    std::printf("  seeds %s\n", ok ? "PASS" : "MISS");
    return ok;
}

}  // namespace

int main(int argc, char** argv) {
    std::string dir = HERALD_SHARED_DATA_DIR, lexicon, aliases, text;
    int errors = 0;
    bool explain = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "%s needs a value\n", a.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--data") dir = value();
        else if (a == "--errors") errors = std::atoi(value().c_str());
        else if (a == "--explain") explain = true;
        else if (a == "--lexicon") lexicon = value();
        else if (a == "--aliases") aliases = value();
        else if (a == "--text") text = value();
        else {
            std::fprintf(stderr, "unknown option %s; usage: eval-sentiment [--data DIR] [--errors N] [--explain] "
                                 "[--lexicon FILE] [--aliases FILE] [--text TEXT]\n", a.c_str());
            return 2;
        }
    }
    try {
        Pipeline p(lexicon.empty() ? ha::Lexicon::builtin() : ha::Lexicon::load(lexicon),
                   aliases.empty() ? ha::AliasTable::builtin() : ha::AliasTable::load(aliases));
        if (!text.empty()) {  // explain one text instead of evaluating
            ha::Event e;
            e.text = text;
            ha::Explanation ex;
            p.run(e, &ex);
            std::printf("score %+.3f\n", p.out.sentiment.score);
            print_explanation(e, ex);
            return 0;
        }
        bool ok = eval_labelled(p, dir + "/fpb-dev.tsv", "fpb-dev", true, errors, explain);
        ok &= eval_seeds(p, dir, explain);
        ok &= eval_labelled(p, HERALD_SOURCE_DIR "/data/eval/headlines.tsv", "herald headlines", false, errors, explain);
        return ok ? 0 : 1;
    } catch (const std::exception& ex) {
        std::fprintf(stderr, "%s\n", ex.what());
        return 2;
    }
}
