// The composer's gates (session 21): work it skips must be work that found nothing. Every
// sentence of the repository's evaluation texts is scored twice, once through the gate and once
// with it open, and must give the same score, clauses and terms.
#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <vector>

#include "herald/analysis/document.hpp"
#include "lexicon_impl.hpp"
#include "sentiment_internal.hpp"

namespace herald::analysis {

// What SentenceComposer::index() marks before indexed() drops the words that start no phrase
// there: the marks of the ungated path.
struct ComposerGateAccess {
    static std::vector<uint32_t> all_marks(const Lexicon::Impl& lex, const Document& doc) {
        std::vector<uint32_t> marks;
        for (uint32_t i = 0; i < doc.tokens.size(); ++i) {
            const Token& t = doc.tokens[i];
            const std::string_view field = doc.event().field(t.field);
            const uint32_t id = t.kind == TokenKind::word ? lex.words.find_token(field, t, doc.keys[i]) : detail::kNoWord;
            if (SentenceComposer::visits(lex.word_active.data(), field, t, id)) marks.push_back(i);
        }
        return marks;
    }
    static void set_marks(SentenceComposer& c, const std::vector<uint32_t>& marks) {
        c.marks_ = marks;
        c.mark_cursor_ = 0;
    }
    static size_t mark_count(const SentenceComposer& c) { return c.marks_.size(); }
};

}  // namespace herald::analysis

using namespace herald::analysis;

namespace {

// The texts of the repository's evaluation sets (label<TAB>text, '#' comments).
std::vector<std::string> eval_texts() {
    std::vector<std::string> out;
    for (const char* name : {"headlines.tsv", "news-sentences.tsv", "posts.tsv", "company-news.tsv", "calls.tsv",
                             "entity-sentiment.tsv", "passages-entities.tsv", "sample-feed-events.tsv"}) {
        std::ifstream in(std::string(HERALD_SOURCE_DIR) + "/data/eval/" + name);
        REQUIRE_MESSAGE(in, "data/eval/", name, " is missing");
        for (std::string line; std::getline(in, line);) {
            if (line.empty() || line[0] == '#') continue;
            const size_t tab = line.find('\t');
            if (tab != std::string::npos) out.push_back(line.substr(tab + 1));
        }
    }
    return out;
}

struct Scored {
    double score = 0;
    std::vector<uint32_t> clause_first;
    std::vector<double> clause_raw;
    std::vector<SentenceComposer::Contribution> terms;
};

std::vector<Scored> score_all(SentenceComposer& c, const Document& doc) {
    std::vector<Scored> out;
    const std::vector<Metric> metrics;
    c.set_mentions(nullptr);  // a new document
    for (const Sentence& s : doc.sentences) {
        Scored r;
        r.score = c.score(doc, s, metrics, nullptr);
        for (size_t k = 0; k < c.clause_count(); ++k) {
            r.clause_first.push_back(c.clause_first(k));
            r.clause_raw.push_back(c.clause_raw(k));
        }
        r.terms = c.contributions();
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace

TEST_CASE("the composer skips only marked words that start no phrase there") {
    const auto lexicon = Lexicon::builtin();
    const Lexicon::Impl& lex = lexicon->impl();
    SentenceComposer gated(lex), open(lex);
    Event ev;
    Document doc;
    size_t dropped = 0, sentences = 0;
    for (const std::string& text : eval_texts()) {
        ev.clear();
        ev.text = text;
        doc.build(ev);
        gated.index(doc);
        const std::vector<uint32_t> all = ComposerGateAccess::all_marks(lex, doc);
        dropped += all.size() - ComposerGateAccess::mark_count(gated);
        open.index(doc);
        ComposerGateAccess::set_marks(open, all);
        const std::vector<Scored> a = score_all(gated, doc), b = score_all(open, doc);
        REQUIRE(a.size() == b.size());
        for (size_t i = 0; i < a.size(); ++i) {
            INFO(text);
            CHECK(a[i].score == b[i].score);
            CHECK(a[i].clause_first == b[i].clause_first);
            CHECK(a[i].clause_raw == b[i].clause_raw);
            REQUIRE(a[i].terms.size() == b[i].terms.size());
            for (size_t k = 0; k < a[i].terms.size(); ++k) {
                CHECK(a[i].terms[k].begin == b[i].terms[k].begin);
                CHECK(a[i].terms[k].end == b[i].terms[k].end);
                CHECK(a[i].terms[k].weight == b[i].terms[k].weight);
            }
        }
        sentences += a.size();
    }
    // The gate is in force: it drops marks ("the", "is", "to" before words they start no phrase with).
    CHECK(sentences > 500);
    CHECK(dropped > 1000);
}
