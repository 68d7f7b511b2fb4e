// The event classifier's gates (the 16-byte cue rows' class and word filters, tested against the
// cues from a pattern's anchor to the sentence's end, then within its reach) only skip patterns
// that cannot match: the classifier finds the same events with every gate open, on the
// repository's news and on random texts of the table's own words.
#include <doctest/doctest.h>

#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "event_types_impl.hpp"
#include "herald/analysis/analyzer.hpp"

using namespace herald::analysis;

namespace {

// The table with every gate open: each pattern an anchor can start is tried.
std::shared_ptr<const EventTypeTable> ungated(const EventTypeTable& table) {
    auto impl = std::make_unique<EventTypeTable::Impl>(table.impl());
    for (auto& g : impl->gates) g = {};
    for (auto& p : impl->patterns) p.after_bit = 0;
    for (auto& tail : impl->gate_pattern) tail.reach = EventTypeTable::Impl::kNoReach;
    return std::make_shared<const EventTypeTable>(std::move(impl));
}

auto fields(const CorporateEvent& e) {
    return std::make_tuple(e.type, e.entity, e.role, e.detail, e.span.field, e.span.begin, e.span.end, e.has_figure,
                           e.figure, e.unit.view());
}

struct Both {
    explicit Both(std::shared_ptr<const EventTypeTable> t) : gated(t), open(ungated(*t)) {
        Resources r = Resources::builtin();
        r.event_types = t;
        analyzer = std::make_unique<Analyzer>(r);
    }
    EventTypeClassifier gated, open;
    std::unique_ptr<Analyzer> analyzer;
    size_t events = 0;

    void check(const Event& e) {
        Analysis a;
        analyzer->analyze(e, a);
        Analysis g = a, o = a;
        g.events.clear();
        o.events.clear();
        gated.classify(analyzer->document(), analyzer->mentions(), g);
        open.classify(analyzer->document(), analyzer->mentions(), o);
        REQUIRE_MESSAGE(g.events.size() == o.events.size(), e.headline, " / ", e.summary);
        for (size_t i = 0; i < g.events.size(); ++i) CHECK(fields(g.events[i]) == fields(o.events[i]));
        events += g.events.size();
    }
};

// The raw text of a JSON string field (escapes left as written: both classifiers read the same).
std::string field_of(const std::string& line, const std::string& key) {
    const std::string open = "\"" + key + "\":\"";
    size_t b = line.find(open);
    if (b == std::string::npos) return "";
    b += open.size();
    size_t e = b;
    while (e < line.size() && line[e] != '"') e += line[e] == '\\' ? 2 : 1;
    return line.substr(b, e - b);
}

}  // namespace

TEST_CASE("the event gates skip no pattern that matches: the repository's news") {
    Both both(EventTypeTable::builtin());
    size_t items = 0;
    for (const char* f : {"/data/sample-feed.ndjson", "/data/eval/events-items.ndjson", "/data/eval/events-items-extra.ndjson",
                          "/data/eval/relevance-items.ndjson", "/data/eval/novelty-stories.ndjson"}) {
        std::ifstream in(std::string(HERALD_SOURCE_DIR) + f);
        REQUIRE_MESSAGE(in, f);
        for (std::string line; std::getline(in, line); ++items) {
            const std::string headline = field_of(line, "headline"), summary = field_of(line, "summary"),
                              body = field_of(line, "body");
            Event e;
            e.headline = headline;
            e.summary = summary;
            e.body = body;
            both.check(e);
        }
    }
    CHECK(items > 500);
    CHECK(both.events > 100);  // the corpus reports events: the comparison is not of empty outputs
}

TEST_CASE("a quoted word stands within a pattern's reach") {
    // The reach counts a quote before an element right after another ("lifted to 'buy'").
    Both both(EventTypeTable::builtin());
    for (const char* h : {"Tesla lifted to 'buy' at UBS", "UBS cuts Tesla to \"sell\"", "Tesla upgraded to 'outperform'"}) {
        Event e;
        e.headline = h;
        both.check(e);
    }
    CHECK(both.events >= 3);
}

TEST_CASE("the event gates skip no pattern that matches: random texts of the table's words") {
    auto table = EventTypeTable::builtin();
    Both both(table);
    std::vector<std::string> words;
    for (uint32_t id = 0; id < table->impl().words.size(); ++id) words.emplace_back(table->impl().words.word(id));
    for (const char* w : {"Amazon", "Apple", "Microsoft", "Intel", "the company", "$5 billion", "12%", ",", ".", "?"})
        words.emplace_back(w);
    std::mt19937 rng(2026120822);
    for (int n = 0; n < 1500; ++n) {
        std::string text[2];
        for (std::string& f : text) {
            const int len = static_cast<int>(rng() % 40);
            for (int k = 0; k < len; ++k) f += (f.empty() ? "" : " ") + words[rng() % words.size()];
        }
        Event e;
        e.headline = text[0];
        e.summary = text[1];
        both.check(e);
    }
    CHECK(both.events > 100);
}
