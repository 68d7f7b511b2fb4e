// EntitySentiment (one joint table probe per token) against EntityFinder then SentimentScorer
// (a pass and a probe per table): the same mentions, scores and explanations on crafted and
// generated texts, with extension tables, and when score() gets another document; the joint
// pass alike on documents built with and without the tokenizer's probe of its table.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "herald/analysis/document.hpp"
#include "herald/analysis/entities.hpp"
#include "herald/analysis/entity_sentiment.hpp"
#include "herald/analysis/sentiment.hpp"

using namespace herald::analysis;

namespace {

struct Result {
    std::vector<Mention> mentions;
    Analysis analysis;
    Explanation explanation;
};

void check_same(const Result& joint, const Result& separate) {
    REQUIRE(joint.mentions.size() == separate.mentions.size());
    for (size_t i = 0; i < joint.mentions.size(); ++i) {
        const Mention& a = joint.mentions[i];
        const Mention& b = separate.mentions[i];
        CHECK(a.entity == b.entity);
        CHECK(a.company == b.company);
        CHECK(a.ticker == b.ticker);
        CHECK(a.span.begin == b.span.begin);
        CHECK(a.span.end == b.span.end);
        CHECK(a.sentence == b.sentence);
        CHECK(a.token == b.token);
        CHECK(a.is_segment == b.is_segment);
        CHECK(a.is_reference == b.is_reference);
    }
    CHECK(joint.analysis.sentiment.score == separate.analysis.sentiment.score);
    CHECK(joint.analysis.sentiment.label == separate.analysis.sentiment.label);
    REQUIRE(joint.analysis.entities.size() == separate.analysis.entities.size());
    for (size_t i = 0; i < joint.analysis.entities.size(); ++i) {
        CHECK(joint.analysis.entities[i].name == separate.analysis.entities[i].name);
        CHECK(joint.analysis.entities[i].mentions == separate.analysis.entities[i].mentions);
        CHECK(joint.analysis.entities[i].sentiment.score == separate.analysis.entities[i].sentiment.score);
    }
    REQUIRE(joint.explanation.sentences.size() == separate.explanation.sentences.size());
    for (size_t i = 0; i < joint.explanation.sentences.size(); ++i) {
        const auto& a = joint.explanation.sentences[i];
        const auto& b = separate.explanation.sentences[i];
        CHECK(a.score == b.score);
        REQUIRE(a.terms.size() == b.terms.size());
        for (size_t k = 0; k < a.terms.size(); ++k) {
            CHECK(a.terms[k].term == b.terms[k].term);
            CHECK(a.terms[k].rule == b.terms[k].rule);
            CHECK(a.terms[k].weight == b.terms[k].weight);
        }
    }
}

// Both ways over one event; the instances are reused across events, as workers reuse them.
struct Compare {
    explicit Compare(std::shared_ptr<const Lexicon> lex = Lexicon::builtin(),
                     std::shared_ptr<const AliasTable> aliases = AliasTable::builtin())
        : joint(lex, aliases), finder(aliases), scorer(lex) {}
    EntitySentiment joint;
    EntityFinder finder;
    SentimentScorer scorer;
    Document doc;
    std::vector<Metric> metrics;

    // `probed`: the document is built with the joint table's probe (the Analyzer's way: the
    // tokenizer finds each keyed word's slot); without, the joint pass probes itself.
    Result run(const Event& e, bool use_joint, bool probed = false) {
        Result r;
        doc.build(e, probed ? joint.key_probe() : nullptr);
        CHECK(doc.slots.size() == doc.tokens.size());
        if (use_joint) {
            joint.find_entities(doc, r.mentions);
            joint.score(doc, r.mentions, metrics, r.analysis, &r.explanation);
        } else {
            finder.find(doc, r.mentions);
            scorer.score(doc, r.mentions, metrics, r.analysis, &r.explanation);
        }
        return r;
    }
    Result check(const Event& e) {
        Result joint_result = run(e, true);
        const Result separate = run(e, false);
        check_same(joint_result, separate);
        check_same(run(e, true, true), separate);
        return joint_result;
    }
};

std::string write_temp(const std::string& name, const std::string& content) {
    std::string path = std::string(HERALD_BINARY_DIR) + "/" + name;
    std::ofstream(path) << content;
    return path;
}

}  // namespace

TEST_CASE("crafted texts: possessives, references, case rules, long and non-ASCII words, event names") {
    Compare c;
    Event e;
    e.headline = "Amazon\xE2\x80\x99s AWS revenue rose 28% \xE2\x80\x94 but Microsoft's Azure growth slowed";
    e.summary = "The company said it expects headwinds \xE2\x80\x93 analysts were not impressed; AT&T fell.";
    e.body = "Amazon.com Inc. beat estimates. Its supercalifragilisticexpialidocious cloud platform grew "
             "sharply, and the company's margins widened. GE and ge, Apple and apple, iPhone sales rose.\n\n"
             "Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale shares plunged after an impairment; it said costs rose.";
    Result r = c.check(e);
    CHECK(r.mentions.size() >= 8);

    e.entities = {{"Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale", ""}, {"Amazon.com Inc", "AMZN"}, {"3M", "MMM"}};
    r = c.check(e);
    bool named = false;
    for (const Mention& m : r.mentions) named |= m.company == "Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale";
    CHECK(named);
}

TEST_CASE("generated texts from terms, aliases, references and punctuation agree token for token") {
    const char* words[] = {
        "Amazon", "AWS", "Amazon's", "Amazon\xE2\x80\x99s", "Amazon.com", "the", "The", "company", "company's", "it",
        "its", "It", "rose", "fell", "not", "no", "but", "however", "although", "revenue", "costs", "loss", "narrowed",
        "widened", "beat", "missed", "estimates", "expectations", "above", "below", "Microsoft", "Azure", "Nvidia",
        "CUDA", "iPhone", "Apple", "apple", "GE", "ge", "AT&T", "Inc.", ",", ";", ":", "-", " - ", "\xE2\x80\x93", "(",
        ")", ".", "!", "28%", "$37.6 billion", "EUR 13.1 mn", "supercalifragilisticexpialidocious", "Nestl\xC3\xA9",
        "record", "headwinds", "sharply", "slightly", "guidance", "raised", "cut", "\n", "\n\n", "year-over-year",
        "up", "down", "may", "could", "strong", "weak", "layoffs", "lawsuit", "upgrade", "downgrade", "sold", "out",
        "orders", "contract", "signed", "Widget", "Corp", "3M", "group", "firm's", "Alphabet", "Google", "Trainium"};
    const EntityHint hints[] = {{"Widget Corp", ""}, {"Amazon.com Inc", "AMZN"}, {"3M", "MMM"}, {"Nestl\xC3\xA9", ""}};
    std::mt19937 rng(20261124);
    Compare c;
    size_t mentions = 0, scored = 0;
    for (int n = 0; n < 600; ++n) {
        std::string fields[3];
        for (std::string& f : fields) {
            const int len = static_cast<int>(rng() % 40);
            for (int k = 0; k < len; ++k) {
                if (!f.empty() && rng() % 4 != 0) f += ' ';
                f += words[rng() % std::size(words)];
            }
        }
        Event e;
        e.headline = fields[0];
        e.summary = fields[1];
        e.body = fields[2];
        for (const EntityHint& h : hints)
            if (rng() % 3 == 0) e.entities.push_back(h);
        Result r = c.check(e);
        mentions += r.mentions.size();
        scored += r.analysis.sentiment.score != 0.0;
    }
    // The generator must exercise both sides, or the comparison proves nothing.
    CHECK(mentions > 2000);
    CHECK(scored > 300);
}

TEST_CASE("extension lexicon and alias files are part of the joint table") {
    const std::string lex_path =
        write_temp("joint_ext.lex", "[valence]\nmoonshot = 0.9\nzorbly = -0.8\nto the moon = 0.8\n");
    const std::string alias_path = write_temp("joint_ext.tsv", "ZRBL\tZorbl\tZorbl Industries|Zorblco\tZorbPhone\n");
    auto lex = Lexicon::load(lex_path);
    auto aliases = AliasTable::load(alias_path);
    std::remove(lex_path.c_str());
    std::remove(alias_path.c_str());
    Compare c(lex, aliases);
    Event e;
    e.headline = "Zorbl Industries shares went to the moon on the ZorbPhone";
    e.body = "Zorblco called the quarter a moonshot. The company said zorbly things happened to Amazon.";
    Result r = c.check(e);
    REQUIRE(!r.mentions.empty());
    CHECK(r.mentions[0].ticker == "ZRBL");
    CHECK(r.analysis.sentiment.score > 0.0);
}

TEST_CASE("score() on a document other than the one find_entities() looked up looks it up again") {
    Compare c;
    Event a, b;
    a.headline = "Amazon revenue rose sharply, beating estimates";
    b.headline = "Microsoft shares fell after a lawsuit and layoffs";
    Document doc_a, doc_b;
    doc_a.build(a);
    doc_b.build(b);
    std::vector<Mention> ma, mb;
    c.finder.find(doc_b, mb);
    Analysis expected;
    c.scorer.score(doc_b, mb, c.metrics, expected);

    Analysis got;
    c.joint.find_entities(doc_a, ma);
    c.joint.score(doc_b, mb, c.metrics, got);  // another document
    CHECK(got.sentiment.score == expected.sentiment.score);
    CHECK(got.sentiment.score < 0.0);

    // The same Document object rebuilt from another event between the two calls.
    Document doc;
    doc.build(a);
    c.joint.find_entities(doc, ma);
    doc.build(b);
    Analysis rebuilt;
    c.joint.score(doc, mb, c.metrics, rebuilt);
    CHECK(rebuilt.sentiment.score == expected.sentiment.score);

    // A second score() of the same document does not reuse the first one's lookups blindly.
    c.joint.find_entities(doc_b, mb);
    Analysis once, twice;
    c.joint.score(doc_b, mb, c.metrics, once);
    c.joint.score(doc_b, mb, c.metrics, twice);
    CHECK(once.sentiment.score == expected.sentiment.score);
    CHECK(twice.sentiment.score == expected.sentiment.score);
}
