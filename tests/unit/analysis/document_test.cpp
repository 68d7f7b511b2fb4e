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

namespace {

// The key a word gets in the middle of a long field (16 readable bytes after it).
WordKey middle_key(const std::string& word) {
    const std::string text = "x " + word + " and then some more words after it";
    Event e;  // its fields are views
    e.text = text;
    Document d;
    d.build(e);
    return d.keys.at(1);
}

}  // namespace

// Word ends come from 64-byte blocks of word-byte bits, refilled every 4 KB; keys near a
// field's end are read from a copy of its last 16 bytes. Neither may show in the tokens.
TEST_CASE("words at block edges, across blocks and windows, and at the field's end") {
    for (size_t len : {1, 2, 7, 8, 9, 15, 16, 17, 63, 64, 65, 127, 128, 129, 300}) {
        std::string word;
        for (size_t k = 0; k < len; ++k) word += static_cast<char>('a' + k % 26);
        const WordKey want = middle_key(word);
        for (size_t at : {0, 1, 15, 47, 48, 62, 63, 64, 65, 127, 128, 4031, 4032, 4095, 4096, 4097}) {
            for (const char* after : {"", " ", ".", "-x", "\xE2\x80\x99s"}) {
                const std::string body = std::string(at, ' ') + word + after;
                Event e;
                e.body = body;
                Document d;
                d.build(e);
                INFO("len " << len << " at " << at << " after '" << after << "'");
                REQUIRE_FALSE(d.tokens.empty());
                const std::string first(d.text(d.tokens[0]));
                if (std::string(after) == "-x") {
                    CHECK(first == word + "-x");
                } else if (std::string(after).size() == 4) {
                    CHECK(first == word + after);  // company’s joins
                    CHECK(d.keys[0].a == 0);
                } else {
                    CHECK(first == word);
                    CHECK(d.keys[0].a == want.a);
                    CHECK(d.keys[0].b == want.b);
                    CHECK(d.keys[0].hash == want.hash);
                }
                CHECK(d.tokens[0].begin == at);
                CHECK(d.tokens[0].space_before);
                CHECK(d.extent(Field::body) == e.body.size());
            }
        }
    }
}

TEST_CASE("a long field keeps every token across its 4 KB windows") {
    std::string text;
    std::vector<std::string> want;
    for (size_t k = 0; k < 3000; ++k) {
        std::string w = k % 7 == 0 ? "Revenue" : k % 5 == 0 ? "caf\xC3\xA9" : k % 3 == 0 ? "1,234.5" : "growth";
        want.push_back(w);
        text += w;
        text += k % 11 == 0 ? ",  " : " ";
        if (k % 11 == 0) want.push_back(",");
    }
    std::vector<std::string> got = tokens_of(text);
    CHECK(got == want);
    Event e;
    e.text = text;
    Document d;
    d.build(e);
    REQUIRE(d.tokens.size() == want.size());
    for (size_t t = 0; t < d.tokens.size(); ++t) {
        const std::string w(d.text(d.tokens[t]));
        if (w == "Revenue" || w == "growth") CHECK(d.keys[t].a != 0);
        if (w == "Revenue") CHECK(d.tokens[t].capitalized);
        if (w != "Revenue" && w != "growth") CHECK(d.keys[t].a == 0);
        CHECK(d.tokens[t].space_before == (t == 0 || d.text(d.tokens[t - 1]) == "," || w != ","));
    }
}

TEST_CASE("non-ASCII letters, spaces and punctuation around the word bits") {
    CHECK(tokens_of("Z\xC3\xBCrich caf\xC3\xA9s \xC3\x98rsted") ==
          std::vector<std::string>{"Z\xC3\xBCrich", "caf\xC3\xA9s", "\xC3\x98rsted"});
    // No-break and thin spaces separate; "…" after a word is a token of its own.
    CHECK(tokens_of("net\xC2\xA0sales\xE2\x80\x89rose\xE2\x80\xA6 more") ==
          std::vector<std::string>{"net", "sales", "rose", "\xE2\x80\xA6", "more"});
    // A lone continuation byte and a sequence cut by the field's end.
    CHECK(tokens_of("ab\x80 cd \xE2\x82") == std::vector<std::string>{"ab", "\x80", "cd", "\xE2\x82"});
    // Every ASCII byte after a word: the word ends or joins as the class table says.
    for (int c = 1; c < 128; ++c) {
        const std::string text = std::string("word") + static_cast<char>(c) + "x";
        const std::vector<std::string> t = tokens_of(text);
        REQUIRE_FALSE(t.empty());
        const bool joins = c == '\'' || c == '-' || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9');
        INFO("byte " << c);
        CHECK((t[0] == text) == joins);
    }
}
