// Typographic characters of news text (dashes, curly quotes, the ellipsis, the minus sign,
// currency and letter-like signs, arrows): the tokens, sentences and figures they give. Most
// of them are three bytes starting with 0xE2, which are not all punctuation alike.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "herald/analysis/quantities.hpp"
#include "metrics_support.hpp"

using namespace herald::analysis;

namespace {

// The tokens' text joined by '|' (a failed check prints it).
std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : "|") + p;
    return out;
}

struct Tokens {
    std::vector<std::string> text;
    std::vector<TokenKind> kind;
    std::vector<bool> keyed;  // an ASCII word with its folded key
};

Tokens tokens_of(const std::string& body) {
    Event e;
    e.body = body;
    Document d;
    d.build(e);
    Tokens out;
    for (size_t t = 0; t < d.tokens.size(); ++t) {
        out.text.emplace_back(d.text(d.tokens[t]));
        out.kind.push_back(d.tokens[t].kind);
        out.keyed.push_back(d.keys[t].a != 0);
    }
    return out;
}

// The sentences' text joined by '|'.
std::string sentences_of(const std::string& body) {
    Event e;
    e.body = body;
    Document d;
    d.build(e);
    std::vector<std::string> out;
    for (const Sentence& s : d.sentences) out.emplace_back(d.text(s));
    return joined(out);
}

}  // namespace

TEST_CASE("the minus sign is punctuation like '-': the number after it stays a number") {
    const Tokens t = tokens_of("shares fell \xE2\x88\x92" "3.2% on Monday");  // "−3.2%"
    CHECK(joined(t.text) == "shares|fell|\xE2\x88\x92|3.2|%|on|Monday");
    REQUIRE(t.kind.size() >= 4);
    CHECK(t.kind[2] == TokenKind::punct);
    CHECK(t.kind[3] == TokenKind::number);
}

TEST_CASE("currency signs, letter-like signs, arrows and shapes are symbols, never part of a word") {
    // "€5bn", "₹500", "Acme™", "№ 3", "↑4%", "▲3.2%"
    const Tokens t = tokens_of("\xE2\x82\xAC" "5bn \xE2\x82\xB9" "500 Acme\xE2\x84\xA2 \xE2\x84\x96 3 \xE2\x86\x91"
                               "4% \xE2\x96\xB2" "3.2%");
    CHECK(joined(t.text) == "\xE2\x82\xAC|5|bn|\xE2\x82\xB9|500|Acme|\xE2\x84\xA2|\xE2\x84\x96|3|"
                            "\xE2\x86\x91|4|%|\xE2\x96\xB2|3.2|%");
    REQUIRE(t.kind.size() == 15);
    for (size_t i : {0, 3, 6, 7, 9, 12}) {
        CAPTURE(t.text[i]);
        CHECK(t.kind[i] == TokenKind::symbol);
    }
    CHECK(t.keyed[5]);  // "Acme" keeps its key: the alias table still finds it
    // Footnote marks (superscripts, Latin-1 and U+2070 on) and signs such as ® and ° stand apart too.
    const Tokens f = tokens_of("revenue\xC2\xB9 Acme\xC2\xAE rose\xE2\x81\xB4 to 20\xC2\xB0");
    CHECK(joined(f.text) == "revenue|\xC2\xB9|Acme|\xC2\xAE|rose|\xE2\x81\xB4|to|20|\xC2\xB0");
    // Mojibake ("Ã©" is é read as Latin-1) stays one word, as it was.
    CHECK(joined(tokens_of("Berni\xC3\x83\xC2\xA8res caf\xC3\x83\xC2\xA9").text) ==
          "Berni\xC3\x83\xC2\xA8res|caf\xC3\x83\xC2\xA9");
    // A variation selector stays with its sign ("⚡️" is ⚡ and VS16), at the field's end too.
    CHECK(joined(tokens_of("\xE2\x9A\xA1\xEF\xB8\x8F rally \xE2\x9A\xA1\xEF\xB8\x8F").text) ==
          "\xE2\x9A\xA1\xEF\xB8\x8F|rally|\xE2\x9A\xA1\xEF\xB8\x8F");
    // Letters stay letters: "Zürich", "Ørsted", "µ" and Greek inside words.
    CHECK(joined(tokens_of("Z\xC3\xBCrich \xC3\x98rsted \xCE\xB1-beta \xC2\xB5m").text) ==
          "Z\xC3\xBCrich|\xC3\x98rsted|\xCE\xB1-beta|\xC2\xB5m");
}

TEST_CASE("dashes and curly quotes do not end a sentence; an ellipsis does") {
    // En dash and em dash between spaces: one sentence.
    CHECK(sentences_of("Acme \xE2\x80\x93 the maker of widgets \xE2\x80\x94 said revenue rose 5%.") ==
          "Acme \xE2\x80\x93 the maker of widgets \xE2\x80\x94 said revenue rose 5%.");
    // Quoted words inside a sentence.
    CHECK(sentences_of("He called the quarter \xE2\x80\x9C" "strong\xE2\x80\x9D and the \xE2\x80\x98" "best\xE2\x80\x99 "
                       "in years.") ==
          "He called the quarter \xE2\x80\x9C" "strong\xE2\x80\x9D and the \xE2\x80\x98" "best\xE2\x80\x99 in years.");
    CHECK(sentences_of("The \xE2\x80\x9Cgrowth\xE2\x80\x9D Acme reported rose.") ==
          "The \xE2\x80\x9Cgrowth\xE2\x80\x9D Acme reported rose.");
    // "…" before a space ends one; a closing quote right after a stop ends it with the quote.
    CHECK(sentences_of("Sales rose\xE2\x80\xA6 Profit fell.") == "Sales rose\xE2\x80\xA6|Profit fell.");
    CHECK(sentences_of("\xE2\x80\x9CSales rose.\xE2\x80\x9D Profit fell.") ==
          "\xE2\x80\x9CSales rose.\xE2\x80\x9D|Profit fell.");
    CHECK(sentences_of("He said \xE2\x80\x98we grew!\xE2\x80\x99 Profit fell.") ==
          "He said \xE2\x80\x98we grew!\xE2\x80\x99|Profit fell.");
    // An inline bullet separates list items, as it did.
    CHECK(sentences_of("Highlights: \xE2\x80\xA2 revenue up 5% \xE2\x80\xA2 profit up 3%") ==
          "Highlights: \xE2\x80\xA2|revenue up 5% \xE2\x80\xA2|profit up 3%");
}

TEST_CASE("figures next to typographic characters keep their value, unit and sign") {
    testing::Run run;
    auto one = [&](const std::string& text, double value, std::string_view unit, std::string_view span) {
        CAPTURE(text);
        run.on(text);
        const std::vector<Quantity>& q = run.quantities;
        REQUIRE(q.size() == 1);
        CHECK(testing::near(q[0].value, value));
        CHECK(q[0].unit.view() == unit);
        CHECK(q[0].text == span);
    };
    one("Acme will invest \xE2\x82\xAC" "5bn in Spain.", 5e9, "EUR", "\xE2\x82\xAC" "5bn");
    one("Acme set aside \xE2\x82\xB9" "500 crore for loans.", 5e9, "INR", "\xE2\x82\xB9" "500 crore");
    one("Acme shares fell \xE2\x88\x92" "3.2% on Monday.", -3.2, "%", "\xE2\x88\x92" "3.2%");
    one("Acme posted a loss of \xE2\x82\xAC" "3 million \xE2\x80\x94 a record.", 3e6, "EUR", "\xE2\x82\xAC" "3 million");
    one("\xE2\x80\x9CRevenue rose to \xE2\x82\xAC" "2bn\xE2\x80\xA6\xE2\x80\x9D he said.", 2e9, "EUR",
        "\xE2\x82\xAC" "2bn");
    one("Acme\xE2\x84\xA2 sales rose \xE2\x96\xB2" "4.5%.", 4.5, "%", "4.5%");
    run.on("Acme expects \xE2\x82\xAC" "1.2\xE2\x80\x93" "1.5 billion.");
    const std::vector<Quantity>& r = run.quantities;
    REQUIRE(r.size() == 1);
    CHECK(r[0].is_range);
    CHECK(testing::near(r[0].low, 1.2e9));
    CHECK(testing::near(r[0].high, 1.5e9));
    CHECK(r[0].unit.view() == "EUR");
}

TEST_CASE("a metric written with the minus sign or after a trademark sign is read") {
    testing::Run r;
    const auto& ms = r.on("Acme's operating margin was \xE2\x88\x92" "3.2% in the third quarter.");
    const Metric* m = testing::with_value(ms, -3.2);
    REQUIRE(m);
    CHECK(m->kind == MetricKind::operating_margin);
    const auto& tm = r.on("Acme\xE2\x84\xA2 revenue rose 12% to $4.1 billion in the third quarter.");
    const Metric* rev = testing::with_value(tm, 4.1e9);
    REQUIRE(rev);
    CHECK(rev->kind == MetricKind::revenue);
    CHECK(testing::near(rev->change.percent, 12));
}
