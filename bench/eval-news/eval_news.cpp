// eval-news: how well relevance and novelty (issue 16 items 2 and 3) do on herald's own gold.
//
//   eval-news             # both tables
//   eval-news --errors    # every miss, with its text
//   eval-news --check     # exit 1 below the targets (see CMakeLists.txt)
//
// Relevance: data/eval/relevance-items.ndjson, "gold_relevance": {company: "high" | "low"} per
// item; a company is predicted "high" (the story is about it) when relevance >= 70, the rules'
// threshold in docs/rules.md. Novelty: data/eval/novelty-stories.ndjson, "story" names the
// story an item reports; items of one story about one company are copies. Measured per pair of
// items about the same company (same_story) and per item through the tracker (24 h horizon).
#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "herald/analysis/analyzer.hpp"
#include "herald/analysis/novelty.hpp"
#include "herald/parse/event_parser.hpp"

namespace ha = herald::analysis;

namespace {

constexpr int kHighRelevance = 70;

std::vector<std::string> read_lines(const std::string& path) {
    std::vector<std::string> out;
    std::ifstream in(path);
    if (!in) {
        std::fprintf(stderr, "eval-news: cannot read %s\n", path.c_str());
        std::exit(2);
    }
    std::string line;
    while (std::getline(in, line))
        if (!line.empty()) out.push_back(line);
    return out;
}

void analyze_line(ha::Analyzer& analyzer, herald::parse::EventParser& parser, const std::string& line, ha::Event& e,
                  ha::Analysis& a) {
    std::string detail;
    if (parser.parse(line, e, detail) != herald::parse::ErrorCode::none) {
        std::fprintf(stderr, "eval-news: unparsable item: %s\n", detail.c_str());
        std::exit(2);
    }
    analyzer.analyze(e, a);
}

double ratio(size_t a, size_t b) { return b ? static_cast<double>(a) / static_cast<double>(b) : 1.0; }

struct RelevanceResult {
    double precision = 0, recall = 0;
};

RelevanceResult eval_relevance(ha::Analyzer& analyzer, bool errors) {
    herald::parse::EventParser parser;
    simdjson::dom::parser json;
    size_t tp = 0, fp = 0, fn = 0, tn = 0, missing = 0;
    double sum_high = 0, sum_low = 0;
    for (const auto& line : read_lines(std::string(HERALD_SOURCE_DIR) + "/data/eval/relevance-items.ndjson")) {
        ha::Event e;
        ha::Analysis a;
        analyze_line(analyzer, parser, line, e, a);
        simdjson::dom::object gold;
        if (json.parse(line)["gold_relevance"].get(gold)) continue;
        for (auto [company, label] : gold) {
            const bool high = std::string_view(label.get_string().value_unsafe()) == "high";
            int rel = -1;
            for (const auto& en : a.entities)
                if (en.ticker == company || en.name == company) rel = en.relevance;
            if (rel < 0) ++missing;
            const bool said_high = rel >= kHighRelevance;
            (high ? sum_high : sum_low) += rel < 0 ? 0 : rel;
            tp += high && said_high;
            fp += !high && said_high;
            fn += high && !said_high;
            tn += !high && !said_high;
            if (errors && high != said_high)
                std::printf("  %s %.*s: gold %s, relevance %d  | %.*s\n", high ? "FN" : "FP",
                            static_cast<int>(company.size()), company.data(), high ? "high" : "low", rel,
                            static_cast<int>(e.headline.size()), e.headline.data());
        }
    }
    RelevanceResult r{ratio(tp, tp + fp), ratio(tp, tp + fn)};
    std::printf("relevance (relevance >= %d means the story is about the company)\n", kHighRelevance);
    std::printf("  companies %zu (about it %zu, peripheral %zu; not found by the analyzer %zu)\n", tp + fp + fn + tn,
                tp + fn, fp + tn, missing);
    std::printf("  precision %.3f  recall %.3f  peripheral kept below %d: %.3f\n", r.precision, r.recall,
                kHighRelevance, ratio(tn, tn + fp));
    std::printf("  mean relevance: about it %.1f, peripheral %.1f\n", sum_high / std::max<size_t>(1, tp + fn),
                sum_low / std::max<size_t>(1, fp + tn));
    return r;
}

struct Item {
    std::string id, story, ticker, headline;
    int64_t t = 0;
    ha::StorySketch sketch;
};

struct NoveltyResult {
    double found = 0, merged = 0;
};

NoveltyResult eval_novelty(ha::Analyzer& analyzer, bool errors) {
    herald::parse::EventParser parser;
    simdjson::dom::parser json;
    std::vector<Item> items;
    for (const auto& line : read_lines(std::string(HERALD_SOURCE_DIR) + "/data/eval/novelty-stories.ndjson")) {
        ha::Event e;
        ha::Analysis a;
        analyze_line(analyzer, parser, line, e, a);
        Item it;
        it.id = std::string(e.id);
        it.ticker = e.tickers.empty() ? "" : std::string(e.tickers[0]);
        it.headline = std::string(e.headline);
        it.t = e.published_at_ms;
        it.sketch = a.story;
        std::string_view story;
        if (!json.parse(line)["story"].get(story)) it.story = std::string(story);
        items.push_back(it);
    }
    std::stable_sort(items.begin(), items.end(), [](const Item& x, const Item& y) { return x.t < y.t; });
    // Pairs of items about one company.
    size_t same = 0, same_found = 0, distinct = 0, distinct_merged = 0;
    ha::StorySimilarity closest_distinct, loosest_copy{1.0, 1.0};  // the margins of the thresholds
    for (size_t i = 0; i < items.size(); ++i)
        for (size_t j = 0; j < i; ++j) {
            if (items[i].ticker != items[j].ticker) continue;
            const bool gold = items[i].story == items[j].story;
            ha::StorySimilarity s = ha::compare_stories(items[i].sketch, items[j].sketch);
            const bool said = ha::same_story(s);
            (gold ? same : distinct) += 1;
            (gold ? same_found : distinct_merged) += said;
            if (!gold && s.overlap > closest_distinct.overlap) closest_distinct = s;
            if (gold && s.overlap < loosest_copy.overlap) loosest_copy = s;
            if (errors && said != gold)
                std::printf("  %s pair %s / %s: jaccard %.2f overlap %.2f\n", gold ? "MISSED" : "MERGED",
                            items[j].id.c_str(), items[i].id.c_str(), s.jaccard, s.overlap);
        }
    // Items through the tracker, in event time.
    ha::NoveltyTracker tracker(24 * 3600 * 1000LL);
    std::map<std::pair<std::string, std::string>, std::string> first_of;  // (ticker, story) -> first id
    size_t copies = 0, copies_right = 0, firsts = 0, firsts_wrong = 0;
    for (const Item& it : items) {
        auto r = tracker.observe(it.ticker, it.sketch, it.id, it.t);
        auto key = std::make_pair(it.ticker, it.story);
        auto f = first_of.find(key);
        if (f == first_of.end()) {
            first_of[key] = it.id;
            ++firsts;
            firsts_wrong += r.novelty < 100;
            if (errors && r.novelty < 100)
                std::printf("  first report %s scored %d as a copy of %.*s\n", it.id.c_str(), r.novelty,
                            static_cast<int>(r.duplicate_of.size()), r.duplicate_of.data());
        } else {
            ++copies;
            const bool right = r.novelty < 100 && r.duplicate_of == f->second;
            copies_right += right;
            if (errors && !right)
                std::printf("  copy %s (of %s) scored %d, duplicate_of '%.*s'\n", it.id.c_str(), f->second.c_str(),
                            r.novelty, static_cast<int>(r.duplicate_of.size()), r.duplicate_of.data());
        }
    }
    NoveltyResult res{ratio(same_found, same), distinct ? static_cast<double>(distinct_merged) / distinct : 0.0};
    std::printf("novelty (%zu items, %zu companies)\n", items.size(), tracker.key_count());
    std::printf("  pairs about one company: copies %zu, found %.3f; distinct %zu, merged %.3f\n", same, res.found,
                distinct, res.merged);
    std::printf("  loosest copy: overlap %.2f jaccard %.2f; closest distinct: overlap %.2f jaccard %.2f\n",
                loosest_copy.overlap, loosest_copy.jaccard, closest_distinct.overlap, closest_distinct.jaccard);
    std::printf("  items: copies %zu, scored a copy of the right first report %.3f; first reports %zu, scored a "
                "copy %.3f\n",
                copies, ratio(copies_right, copies), firsts, firsts ? static_cast<double>(firsts_wrong) / firsts : 0.0);
    std::printf("  state: %zu bytes per company (%u stories of %zu bytes), %zu bytes for %zu companies\n",
                ha::NoveltyTracker::bytes_per_key(), ha::NoveltyTracker::kStoriesPerKey,
                ha::NoveltyTracker::bytes_per_key() / ha::NoveltyTracker::kStoriesPerKey, tracker.state_bytes(),
                tracker.key_count());
    return res;
}

}  // namespace

int main(int argc, char** argv) {
    bool errors = false, check = false;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--errors")) errors = true;
        else if (!std::strcmp(argv[i], "--check")) check = true;
        else {
            std::fprintf(stderr, "eval-news: unknown option '%s' (use --errors, --check)\n", argv[i]);
            return 2;
        }
    }
    ha::Analyzer analyzer(ha::Resources::builtin());
    RelevanceResult rel = eval_relevance(analyzer, errors);
    NoveltyResult nov = eval_novelty(analyzer, errors);
    if (check && (rel.precision < 0.90 || rel.recall < 0.90 || nov.found < 0.95 || nov.merged > 0.02)) {
        std::fprintf(stderr, "eval-news: below target (relevance P/R >= 0.90, copies found >= 0.95, merged <= 0.02)\n");
        return 1;
    }
    return 0;
}
