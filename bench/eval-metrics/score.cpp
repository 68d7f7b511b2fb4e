#include "score.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <tuple>

namespace eval_metrics {
namespace {

bool load_file(const std::string& path, Gold& gold, std::string& error) {
    std::ifstream in(path);
    if (!in) {
        error = "cannot read gold file " + path;
        return false;
    }
    simdjson::dom::parser parser;
    std::string line;
    for (size_t n = 1; std::getline(in, line); ++n) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        simdjson::dom::element doc;
        std::string_view id;
        simdjson::dom::array metrics;
        if (parser.parse(line).get(doc) || doc["id"].get(id) || doc["metrics"].get(metrics)) {
            error = path + ":" + std::to_string(n) + ": not a gold line {\"id\": ..., \"metrics\": [...]}";
            return false;
        }
        auto [it, fresh] = gold.try_emplace(std::string(id));
        if (!fresh) {
            error = path + ":" + std::to_string(n) + ": id " + std::string(id) + " is already in the gold";
            return false;
        }
        for (simdjson::dom::element m : metrics) it->second.push_back(read_figure(m));
    }
    return true;
}

std::string pair_line(std::string_view id, const Verdict& v, const Figure& g, const Figure& p) {
    std::string wrong;
    for (int f = 0; f < kFieldCount; ++f)
        if (!v.right[f]) {
            if (!wrong.empty()) wrong += ',';
            wrong += kFieldNames[f];
        }
    return std::string(id) + "  wrong " + wrong + "\n      gold   " + g.json + "\n      herald " + p.json;
}

}  // namespace

bool load_gold(const std::vector<std::string>& paths, Gold& gold, std::string& error) {
    namespace fs = std::filesystem;
    for (const auto& path : paths) {
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            std::vector<std::string> files;
            for (const auto& entry : fs::directory_iterator(path, ec))
                if (entry.path().extension() == ".ndjson") files.push_back(entry.path().string());
            std::sort(files.begin(), files.end());
            if (files.empty()) {
                error = "no *.ndjson gold files in " + path;
                return false;
            }
            for (const auto& f : files)
                if (!load_file(f, gold, error)) return false;
        } else if (!load_file(path, gold, error)) {
            return false;
        }
    }
    return true;
}

size_t locate(std::vector<Figure>& gold, const void* event, FieldText field_text) {
    size_t not_found = 0;
    for (size_t i = 0; i < gold.size(); ++i) {
        Figure& g = gold[i];
        if (g.text.empty() || g.field.empty()) continue;
        size_t nth = 0;
        for (size_t j = 0; j < i; ++j) nth += gold[j].field == g.field && gold[j].text == g.text;
        std::string_view s = field_text(event, g.field);
        size_t at = s.find(g.text);
        while (at != std::string_view::npos && nth > 0) at = s.find(g.text, at + 1), --nth;
        if (at == std::string_view::npos) {
            ++not_found;
            continue;
        }
        g.begin = static_cast<long>(at);
        g.end = static_cast<long>(at + g.text.size());
    }
    return not_found;
}

void score_event(std::string_view id, const std::vector<Figure>& gold, const std::vector<Figure>& pred,
                 const Companies& companies, Tally& t, Listing& list) {
    ++t.events;
    // Candidate pairs, best first: (score, gold index, pred index).
    std::vector<std::tuple<int, size_t, size_t>> pairs;
    std::vector<std::vector<Verdict>> verdicts(gold.size(), std::vector<Verdict>(pred.size()));
    for (size_t gi = 0; gi < gold.size(); ++gi)
        for (size_t pi = 0; pi < pred.size(); ++pi) {
            const Verdict v = verdicts[gi][pi] = compare(pred[pi], gold[gi], companies);
            bool overlap = same_span(pred[pi], gold[gi]);
            bool eligible = overlap || v.kind_value() || (gold[gi].value && v.right[kValue]) ||
                            (gold[gi].begin < 0 && v.right[kKind] && v.right[kEntity]);
            if (!eligible) continue;
            int score = overlap * 64 + v.right[kValue] * 32 + v.right[kKind] * 16 + v.right[kEntity] * 8 +
                        v.right[kChange] * 4 + v.right[kPeriod] * 2 + v.right[kForecast];
            pairs.emplace_back(-score, gi, pi);
        }
    std::sort(pairs.begin(), pairs.end());
    std::vector<long> gold_to(gold.size(), -1), pred_to(pred.size(), -1);
    for (auto [neg, gi, pi] : pairs)
        if (gold_to[gi] < 0 && pred_to[pi] < 0) gold_to[gi] = static_cast<long>(pi), pred_to[pi] = static_cast<long>(gi);

    for (size_t gi = 0; gi < gold.size(); ++gi) {
        const Figure& g = gold[gi];
        if (g.doubtful) {
            ++t.doubtful;
            continue;
        }
        ++t.gold;
        KindTally& k = t.by_kind[g.kind];
        ++k.gold;
        if (gold_to[gi] < 0) {
            list.misses.push_back(std::string(id) + "  " + g.json);
            continue;
        }
        const Verdict& v = verdicts[gi][static_cast<size_t>(gold_to[gi])];
        for (int f = 0; f < kFieldCount; ++f) t.field_right[f] += v.right[f];
        t.kind_value += v.kind_value();
        t.all_right += v.all();
        k.kind_value += v.kind_value();
        k.all_right += v.all();
        if (!v.all()) list.wrong.push_back(pair_line(id, v, g, pred[static_cast<size_t>(gold_to[gi])]));
    }
    for (size_t pi = 0; pi < pred.size(); ++pi) {
        ++t.pred;
        if (pred_to[pi] >= 0 && gold[static_cast<size_t>(pred_to[pi])].doubtful) ++t.pred_on_doubtful;
        else if (pred_to[pi] < 0) list.false_positives.push_back(std::string(id) + "  " + pred[pi].json);
    }
}

}  // namespace eval_metrics
