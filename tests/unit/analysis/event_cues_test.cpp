// The event table's cues that EntitySentiment's joint pass finds (what the Analyzer hands the
// event classifier) against a lookup of every token in the event table: the same tokens and word
// ids; and the Analyzer's events against the classifier looking the tokens up itself.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "event_types_impl.hpp"
#include "herald/analysis/analyzer.hpp"
#include "herald/analysis/entity_sentiment.hpp"

using namespace herald::analysis;

namespace {

using Cues = std::vector<std::pair<uint32_t, uint32_t>>;  // token, word id

// Every word and symbol token looked up by its text, as the classifier did before the joint pass.
Cues reference_cues(const Document& doc, const EventTypeTable& table) {
    Cues out;
    for (uint32_t i = 0; i < doc.tokens.size(); ++i) {
        const Token& t = doc.tokens[i];
        if (t.kind != TokenKind::word && t.kind != TokenKind::symbol) continue;
        const uint32_t id = table.impl().words.find(doc.text(t));
        if (id != detail::kNoWord) out.emplace_back(i, id);
    }
    return out;
}

Cues joint_cues(const EventTokenIds& ids) {
    Cues out;
    for (size_t c = 0; c < ids.cue_count; ++c) out.emplace_back(ids.cues[c].token, ids.cues[c].id);
    return out;
}

// What the analysis JSON prints of an event.
auto fields(const CorporateEvent& e) {
    return std::make_tuple(e.type, e.entity, e.role, e.detail, e.span.field, e.span.begin, e.span.end, e.has_figure,
                           e.figure, e.unit.view());
}

struct Compare {
    explicit Compare(std::shared_ptr<const EventTypeTable> t)
        : table(t), joint(Lexicon::builtin(), AliasTable::builtin(), t), classifier(t) {
        Resources r = Resources::builtin();
        r.event_types = t;
        analyzer = std::make_unique<Analyzer>(r);
    }
    std::shared_ptr<const EventTypeTable> table;
    EntitySentiment joint;
    EventTypeClassifier classifier;
    std::unique_ptr<Analyzer> analyzer;
    Document doc;

    // Returns the number of events found.
    size_t check(const Event& e) {
        doc.build(e);
        std::vector<Mention> mentions;
        joint.find_entities(doc, mentions);
        CHECK(joint_cues(joint.event_tokens()) == reference_cues(doc, *table));

        Analysis a;
        analyzer->analyze(e, a);
        Analysis own = a;
        own.events.clear();
        classifier.classify(analyzer->document(), analyzer->mentions(), own);  // its own lookups
        REQUIRE(own.events.size() == a.events.size());
        for (size_t i = 0; i < a.events.size(); ++i) CHECK(fields(a.events[i]) == fields(own.events[i]));
        return a.events.size();
    }
};

// Random texts of the table's own words (also capitalised), tricky spellings and company names.
size_t run_generated(Compare& c, unsigned seed, int texts) {
    std::vector<std::string> words;
    const auto& table_words = c.table->impl().words;
    for (uint32_t id = 0; id < table_words.size(); ++id) {
        std::string w(table_words.word(id));
        words.push_back(w);
        if (w[0] >= 'a' && w[0] <= 'z') w[0] = static_cast<char>(w[0] - 32);
        words.push_back(w);
    }
    for (const char* w : {"Won\xE2\x80\x99t", "didn\xE2\x80\x99t", "Moody\xE2\x80\x99s", "S&P", "%", "$", "\xE2\x82\xAC",
                          "\xC2\xA3", "&", "Better-Than-Expected", "supercalifragilisticexpialidocious",
                          "Soci\xC3\xA9t\xC3\xA9", "Amazon", "Apple", "Microsoft", "Nvidia", "Intel", "the company",
                          "it", "$5 billion", "12%", "1,500", ",", ".", ";", "(", ")", "?", "\n", "\n\n", "-"})
        words.emplace_back(w);
    std::mt19937 rng(seed);
    size_t events = 0;
    for (int n = 0; n < texts; ++n) {
        std::string fields[3];
        for (std::string& f : fields) {
            const int len = static_cast<int>(rng() % 60);
            for (int k = 0; k < len; ++k) {
                if (!f.empty() && rng() % 5 != 0) f += ' ';
                f += words[rng() % words.size()];
            }
        }
        Event e;
        e.headline = fields[0];
        e.summary = fields[1];
        e.body = fields[2];
        events += c.check(e);
    }
    return events;
}

}  // namespace

TEST_CASE("the joint pass finds the built-in table's words as a lookup of every token does") {
    Compare c(EventTypeTable::builtin());
    Event e;
    e.headline = "Apple raises guidance, Moody\xE2\x80\x99s downgrades Intel; Microsoft won\xE2\x80\x99t cut jobs";
    e.summary = "Nvidia posted better-than-expected results and a $5 billion buyback, up 12% (S&P 500).";
    e.body = "Amazon said it would not consider a takeover. \xE2\x82\xAC" "3 billion offering; 1,500 layoffs at Intel.";
    CHECK(c.check(e) >= 3);
    // Enough generated events that the comparison covers the matcher, not only the lookups (the
    // more words the table has, the fewer events a random text of them makes: 400 texts gave 95,
    // 500 gave 75 once session 19 added words that hedge or recall, such as "since" and "ask").
    CHECK(run_generated(c, 20261206, 800) > 100);
}

TEST_CASE("a table of its own: long words, apostrophes and symbols are cues too") {
    auto table = EventTypeTable::parse(
        "@big = supercalifragilisticexpialidocious | extraordinarily-large | won't | \xE2\x82\xAC | %\n"
        "type windfall positive\n"
        "  pattern @big ~3 windfall\n"
        "  pattern windfall\n",
        "test.txt");
    Compare c(table);
    Event e;
    e.headline = "Apple: extraordinarily-large windfall, \xE2\x82\xAC" "5 bn; Amazon won\xE2\x80\x99t windfall";
    CHECK(c.check(e) >= 1);
    CHECK(run_generated(c, 7, 200) > 50);
}

TEST_CASE("cues of another document are not used: the classifier looks the tokens up again") {
    auto table = EventTypeTable::builtin();
    EntitySentiment joint(Lexicon::builtin(), AliasTable::builtin(), table);
    EventTypeClassifier classifier(table);
    Event events[2];
    events[0].headline = "Apple cuts guidance";
    events[1].headline = "Microsoft announces a $60 billion buyback";
    Document docs[2];
    for (int i = 0; i < 2; ++i) docs[i].build(events[i]);
    const Document& doc_a = docs[0];
    const Document& doc_b = docs[1];
    std::vector<Mention> ma, mb;
    joint.find_entities(doc_b, mb);
    Analysis expected;
    joint.score(doc_b, mb, {}, expected);
    classifier.classify(doc_b, mb, expected);
    REQUIRE(expected.events.size() == 1);

    joint.find_entities(doc_a, ma);  // the cues are doc_a's now
    Analysis got;
    joint.score(doc_b, mb, {}, got);
    classifier.classify(doc_b, mb, got, joint.event_tokens());
    REQUIRE(got.events.size() == 1);
    CHECK(got.events[0].type == expected.events[0].type);
    CHECK(got.events[0].span.begin == expected.events[0].span.begin);
}
