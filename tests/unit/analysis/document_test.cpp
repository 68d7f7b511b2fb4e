// Tokenizer and sentence splitter: the token shapes other components rely on.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "herald/analysis/document.hpp"

using namespace herald::analysis;

namespace {

std::vector<std::string> tokens_of(const std::string& text, std::vector<TokenKind>* kinds = nullptr) {
    Event e;
    e.text = text;
    Document d;
    d.build(e);
    std::vector<std::string> out;
    for (const auto& t : d.tokens) {
        out.emplace_back(d.text(t));
        if (kinds) kinds->push_back(t.kind);
    }
    return out;
}

}  // namespace

TEST_CASE("token shapes") {
    std::vector<TokenKind> k;
    auto t = tokens_of("AWS revenue rose $37.6B, up 28% year-over-year in the U.S. market.", &k);
    std::vector<std::string> want = {"AWS", "revenue", "rose", "$", "37.6", "B", ",", "up", "28", "%",
                                     "year-over-year", "in", "the", "U.S", ".", "market", "."};
    CHECK(t == want);
    CHECK(k[3] == TokenKind::symbol);
    CHECK(k[4] == TokenKind::number);
    CHECK(k[5] == TokenKind::word);
    CHECK(k[6] == TokenKind::punct);
    CHECK(tokens_of("1,173 units") == std::vector<std::string>{"1,173", "units"});
    CHECK(tokens_of("company's and company\xE2\x80\x99s") ==
          std::vector<std::string>{"company's", "and", "company\xE2\x80\x99s"});
    CHECK(tokens_of("EUR6 .5 m") == std::vector<std::string>{"EUR6", ".", "5", "m"});
    CHECK(tokens_of("Amazon.com") == std::vector<std::string>{"Amazon", ".", "com"});
}

TEST_CASE("sentences, abbreviations and paragraphs") {
    Event e;
    e.headline = "Acme Inc. beats";
    e.body = "Acme Inc. said sales rose. Profit fell 2.5 % !\nNew paragraph here.";
    Document d;
    d.build(e);
    REQUIRE(d.sentences.size() == 4);
    CHECK(d.text(d.sentences[0]) == "Acme Inc. beats");
    CHECK(d.sentences[0].field == Field::headline);
    CHECK(d.text(d.sentences[1]) == "Acme Inc. said sales rose.");
    CHECK(d.text(d.sentences[2]) == "Profit fell 2.5 % !");
    CHECK(d.sentences[1].paragraph == d.sentences[2].paragraph);
    CHECK(d.sentences[3].paragraph == d.sentences[2].paragraph + 1);
    CHECK(d.sentences[0].paragraph != d.sentences[1].paragraph);
}

TEST_CASE("a reused document keeps no state from the previous event") {
    Document d;
    Event a;
    a.text = "One. Two. Three.";
    d.build(a);
    CHECK(d.sentences.size() == 3);
    Event b;
    b.summary = "Only one";
    d.build(b);
    REQUIRE(d.sentences.size() == 1);
    CHECK(d.tokens.size() == 2);
    CHECK(d.sentences[0].field == Field::summary);
}

// Issue 20: no event costs more than a bounded amount of work, however long its text.
TEST_CASE("tokens stop at kMaxTokens; the rest of the text is not analysed") {
    std::string text;
    for (size_t i = 0; i < Document::kMaxTokens / 2 + 10; ++i) text += "5% ";
    Event e;
    e.headline = "short headline";
    e.body = text;
    e.text = "never reached";
    Document d;
    d.build(e);
    CHECK(d.capped());
    CHECK(d.tokens.size() == Document::kMaxTokens);
    CHECK(d.keys.size() == Document::kMaxTokens);
    CHECK(d.extent(Field::headline) == e.headline.size());
    CHECK(d.extent(Field::body) < text.size());
    CHECK(d.extent(Field::body) == d.tokens.back().end + 1);  // stopped before the next token
    CHECK(d.extent(Field::text) == 0);
    CHECK(d.sentences.back().last_token == Document::kMaxTokens);
    // A shorter event on the same document is whole again.
    Event small;
    small.body = "Revenue rose 5%.";
    d.build(small);
    CHECK_FALSE(d.capped());
    CHECK(d.extent(Field::body) == small.body.size());
}

TEST_CASE("an ASCII word right before a non-ASCII character keeps its key") {
    // The key is the word's alone: the character after it ("’", "—", "”", "€") is no part of it.
    Event e;
    e.text = "Investors\xE2\x80\x99 eyes\xE2\x80\x94revenue\xE2\x80\x9D million\xE2\x82\xAC, and EYES then";
    Document d;
    d.build(e);
    std::vector<std::string> words;
    std::vector<size_t> at;
    for (size_t i = 0; i < d.tokens.size(); ++i)
        if (d.tokens[i].kind == TokenKind::word) {
            words.emplace_back(d.text(d.tokens[i]));
            at.push_back(i);
        }
    REQUIRE(words == std::vector<std::string>{"Investors", "eyes", "revenue", "million", "and", "EYES", "then"});
    for (size_t i : at) CHECK(d.keys[i].a != 0);
    CHECK(d.keys[at[1]].a == d.keys[at[5]].a);  // the same folded key as the word before a space
    CHECK(d.keys[at[1]].hash == d.keys[at[5]].hash);
    // A word that takes the character in has no key (not ASCII): "company’s", "café".
    e.text = "company\xE2\x80\x99s caf\xC3\xA9 done";
    d.build(e);
    REQUIRE(d.tokens.size() == 3);
    CHECK(d.keys[0].a == 0);
    CHECK(d.keys[1].a == 0);
    CHECK(d.keys[2].a != 0);
    // "million" before "€" may end a figure written in words ("five million€").
    e.text = "five million\xE2\x82\xAC";
    d.build(e);
    CHECK(d.figure_words == std::vector<uint32_t>{1});
}
