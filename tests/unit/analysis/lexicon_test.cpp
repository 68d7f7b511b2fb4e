// Lexicon file format: sections, phrases, overrides from an extension file, and errors.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "herald/analysis/document.hpp"
#include "herald/analysis/entities.hpp"
#include "herald/analysis/sentiment.hpp"

using namespace herald::analysis;

namespace {

std::string write_temp(const std::string& name, const std::string& content) {
    std::string path = std::string(HERALD_BINARY_DIR) + "/" + name;
    std::ofstream(path) << content;
    return path;
}

double score_with(std::shared_ptr<const Lexicon> lex, const std::string& text) {
    Event e;
    e.text = text;
    Document doc;
    doc.build(e);
    std::vector<Mention> mentions;
    std::vector<Metric> metrics;
    Analysis out;
    SentimentScorer(std::move(lex)).score(doc, mentions, metrics, out);
    return out.sentiment.score;
}

std::string error_of(const std::string& content) {
    std::string path = write_temp("lexicon_bad.lex", content);
    std::string msg;
    try {
        Lexicon::load(path);
    } catch (const std::runtime_error& e) {
        msg = e.what();
    }
    std::remove(path.c_str());
    return msg;
}

}  // namespace

TEST_CASE("the built-in lexicon loads once and is shared") {
    auto a = Lexicon::builtin();
    auto b = Lexicon::builtin();
    CHECK(a.get() == b.get());
    CHECK(a->term_count() > 800);
}

TEST_CASE("an extension file overrides and adds terms, section by section") {
    std::string path = write_temp("lexicon_ext.lex",
                                  "# test\n[valence]\nstrong = -0.5\nmoonshot | to the moon = 0.8\n"
                                  "[measure]\nwidgets = good\n[direction]\nzinged = up 1.5\n");
    auto lex = Lexicon::load(path);
    CHECK(score_with(lex, "Demand was strong.") < -0.1);
    CHECK(score_with(Lexicon::builtin(), "Demand was strong.") > 0.1);
    CHECK(score_with(lex, "The stock went to the moon.") > 0.1);
    CHECK(score_with(lex, "Widgets zinged.") > 0.1);
    CHECK(score_with(Lexicon::builtin(), "Widgets zinged.") == 0.0);
    std::remove(path.c_str());
}

TEST_CASE("an extension file's [quality] makes a direction judge, whatever the measure") {
    // "soured" as a plain direction down reads a bad measure going down as good news; as a
    // quality it is worse for any measure.
    std::string path = write_temp("lexicon_quality.lex", "[direction]\nsoured = down\n[quality]\nsoured\n");
    auto lex = Lexicon::load(path);
    CHECK(score_with(lex, "Costs soured.") < -0.1);
    CHECK(score_with(lex, "Sales soured.") < -0.1);
    std::remove(path.c_str());
}

TEST_CASE("an extension file's [position] is a valence that counts only before a cashtag") {
    std::string path = write_temp("lexicon_position.lex", "[position]\naccumulating = 0.5\n");
    auto lex = Lexicon::load(path);
    CHECK(score_with(lex, "Accumulating $ACME here") > 0.1);
    CHECK(score_with(lex, "The firm is accumulating cash .") == 0.0);
    CHECK(score_with(Lexicon::rules_only(), "Accumulating $ACME here") == 0.0);
    std::remove(path.c_str());
}

TEST_CASE("an extension file's [period] makes a comparator before it a direction") {
    std::string path = write_temp("lexicon_period.lex", "[period]\nthe base quarter\n");
    auto lex = Lexicon::load(path);
    CHECK(score_with(lex, "Sales were below the base quarter .") < -0.1);
    CHECK(score_with(Lexicon::builtin(), "Sales were below the base quarter .") == 0.0);
    std::remove(path.c_str());
}

TEST_CASE("phrases sharing a first word: each is found, the longest first") {
    // Phrase heads are kept sorted by second word and the lookup stops past it: every order of
    // declaration must still find each phrase, and the longer of two with the same start.
    std::string path = write_temp("lexicon_heads.lex",
                                  "[valence]\nqux zeta = -0.5\nqux beta = 0.5\nqux beta gamma = -0.6\nqux alpha = 0.4\n");
    auto lex = Lexicon::load(path);
    CHECK(score_with(lex, "Qux zeta.") < -0.1);
    CHECK(score_with(lex, "Qux beta.") > 0.1);
    CHECK(score_with(lex, "Qux beta gamma.") < -0.1);
    CHECK(score_with(lex, "Qux alpha.") > 0.1);
    CHECK(score_with(lex, "Qux omega.") == 0.0);
    std::remove(path.c_str());
}

TEST_CASE("every phrase is found: the phrase-pair filter has no false negative") {
    // The composer looks for phrases only where the bit of (first word, next word) is set
    // (Lexicon::Impl::phrase_pairs): each of many phrases must still be found, and a word
    // followed by a word that starts no phrase with it is the word alone.
    std::string content = "[valence]\n";
    for (int i = 0; i < 400; ++i)
        content += "quxa" + std::to_string(i) + " quxb" + std::to_string(i * 7 % 400) + " = -0.5\n";
    content += "quxa0 = 0.5\n";
    std::string path = write_temp("lexicon_pairs.lex", content);
    auto lex = Lexicon::load(path);
    for (int i = 0; i < 400; ++i) {
        INFO("phrase " << i);
        CHECK(score_with(lex, "Quxa" + std::to_string(i) + " quxb" + std::to_string(i * 7 % 400) + ".") < -0.1);
    }
    CHECK(score_with(lex, "Quxa0 quxb1.") > 0.1);  // not a phrase: "quxa0" alone
    std::remove(path.c_str());
}

TEST_CASE("terms match case-insensitively and with typographic apostrophes") {
    auto lex = Lexicon::builtin();
    CHECK(score_with(lex, "SALES ROSE.") > 0.1);
    CHECK(score_with(lex, "Sales didn\xE2\x80\x99t decline.") > 0.1);
}

TEST_CASE("bad lexicon files name the file, the line and what to do") {
    CHECK(error_of("[valence]\nstrong 0.4\n").find("lexicon_bad.lex:2: expected a valence") != std::string::npos);
    CHECK(error_of("[valence]\nstrong = 4\n").find(":2:") != std::string::npos);
    CHECK(error_of("# c\n[nonsense]\n").find("lexicon_bad.lex:2: unknown section") != std::string::npos);
    CHECK(error_of("strong = 0.4\n").find(":1: term before any [section]") != std::string::npos);
    CHECK(error_of("[measure]\nsales = great\n").find("'= good', '= bad' or '= neutral'") != std::string::npos);
    CHECK(error_of("[contrast]\nbut = after\n").find(":2:") != std::string::npos);
    CHECK(error_of("[valence]\na || b = 0.3\n").find("empty term") != std::string::npos);
    CHECK(error_of("[state]\nto = sideways\n").find(":2: state terms take '= new'") != std::string::npos);
    CHECK(error_of("[nonsense]\n").find("[move] [state] [inverter] [quality] [position]") != std::string::npos);
    CHECK(error_of("[position]\nlong = up\n").find(":2: expected a valence") != std::string::npos);
    CHECK_THROWS_AS(Lexicon::load("/nonexistent/file.lex"), std::runtime_error);
}
