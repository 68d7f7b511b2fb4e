// Segment attribution words and combined figures (src/analysis/segments.*), read directly on
// one sentence; metrics_attribution_test.cpp checks them through the metric extractor.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../../../src/analysis/metrics_words.hpp"
#include "../../../src/analysis/segments.hpp"
#include "metrics_support.hpp"

using namespace herald::analysis;

namespace {

// One sentence in the body, its flags and mentions, and the token of a word in it.
struct Sent {
    Event event;
    Document doc;
    std::vector<Mention> mentions;
    std::vector<uint32_t> flags;
    explicit Sent(std::string_view text) {
        event.body = text;
        doc.build(event);
        testing::find_mentions(doc, mentions);
        const Sentence& s = doc.sentences.at(0);
        flags.resize(s.last_token - s.first_token);
        words::word_flags(doc, s.first_token, s.last_token, flags.data());
    }
    segments::View view() const {
        const Sentence& s = doc.sentences.at(0);
        return {doc, s.first_token, s.last_token, flags.data(), mentions.data(), static_cast<uint32_t>(mentions.size())};
    }
    // The first token reading w (after token `from`).
    uint32_t at(std::string_view w, uint32_t from = 0) const {
        for (uint32_t t = from; t < doc.tokens.size(); ++t)
            if (doc.text(doc.tokens[t]) == w) return t;
        FAIL("no token " << w);
        return 0;
    }
};

std::string before(std::string_view text, std::string_view kind_word) {
    Sent s(text);
    return std::string(segments::before_kind(s.view(), s.at(kind_word)));
}

std::string after(std::string_view text, std::string_view kind_word) {
    Sent s(text);
    const uint32_t k = s.at(kind_word);
    return std::string(segments::after_kind(s.view(), k + 1, s.view().last));
}

std::string subject(std::string_view text, std::string_view verb, bool growth) {
    Sent s(text);
    return std::string(segments::subject_of_move(s.view(), s.at(verb), growth));
}

bool combined(std::string_view text, std::string_view kind_word) {
    Sent s(text);
    const uint32_t k = s.at(kind_word);
    // As the metric reader asks: the sentence's combine words read once, then the clause.
    return segments::combined(s.view(), s.view().first, s.view().last, k, k + 1, segments::clause_words_of(s.view()));
}

bool clause_words(std::string_view text) {
    Sent s(text);
    return segments::clause_words_of(s.view());
}

}  // namespace

TEST_CASE("segments before the kind: business nouns, regions of the company, brands") {
    CHECK(before("Global e-commerce sales rose 27%.", "sales") == "e-commerce");
    CHECK(before("Its advertising revenue rose 20%.", "revenue") == "advertising");
    CHECK(before("Walmart U.S. comparable sales grew 4.5%.", "sales") == "Walmart U.S.");  // a name before a region
    CHECK(before("Acme U.S. comparable sales grew 4.5%.", "sales") == "Acme U.S.");
    CHECK(before("Acme International net sales fell 2%.", "sales") == "Acme International");
    CHECK(before("Acme's cloud revenue was $5 billion.", "revenue") == "cloud");
    CHECK(before("Acme's data center revenue doubled.", "revenue") == "data center");
    CHECK(before("Acme's investment banking revenue rose 10%.", "revenue") == "investment banking");
    CHECK(before("Acme said Sam's Club sales rose 5%.", "sales") == "Sam's Club");
    CHECK(before("Acme said North America sales rose 5%.", "sales") == "North America");
    CHECK(before("Acme's iPhone revenue fell 2%.", "revenue") == "iPhone");
    CHECK(before("Acme said Client and Gaming revenue jumped 73%.", "revenue") == "Client and Gaming");
    CHECK(before("Acme's content and services revenue rose 7%.", "revenue") == "services");
    CHECK(before("Acme's third-quarter services revenue rose 8%.", "revenue") == "services");
    // qualifiers, periods and plain adjectives name no business
    CHECK(before("Total revenue rose 5%.", "revenue") == "");
    CHECK(before("Acme's adjusted quarterly revenue rose 5%.", "revenue") == "");
    CHECK(before("Strong revenue lifted Acme.", "revenue") == "");
    CHECK(before("Acme's third-quarter revenue rose 5%.", "revenue") == "");
    CHECK(before("Acme's Q3 revenue rose 5%.", "revenue") == "");
    CHECK(before("Acme's September sales rose 5%.", "sales") == "");
    CHECK(before("Acme said July-September revenue rose 5%.", "revenue") == "");
    CHECK(before("Acme announced a $100B-plus Initech commitment.", "commitment") == "Initech");
    CHECK(before("Acme's revenue rose 5%.", "revenue") == "");
    CHECK(before("Analysts said Wall Street revenue estimates were too high.", "revenue") == "");
    CHECK(before("Acme reported higher revenue.", "revenue") == "");
}

TEST_CASE("segments after the kind: from, in, at a business or region") {
    CHECK(after("Revenue from advertising rose 20%.", "Revenue") == "advertising");
    CHECK(after("Sales in Greater China fell 4%.", "Sales") == "Greater China");
    CHECK(after("Revenue at its cloud unit rose 30%.", "Revenue") == "cloud");
    CHECK(after("Revenue in the U.S. rose 3%.", "Revenue") == "U.S.");
    CHECK(after("Revenue from AWS rose 17%.", "Revenue") == "AWS");
    // periods, companies and figures are no segment
    CHECK(after("Revenue in the third quarter rose 3%.", "Revenue") == "");
    CHECK(after("Revenue in September rose 3%.", "Revenue") == "");
    CHECK(after("Revenue from Globex rose 3%.", "Revenue") == "");
    CHECK(after("Revenue of $5 billion beat estimates.", "Revenue") == "");
    CHECK(after("Revenue in line with estimates.", "Revenue") == "");
}

TEST_CASE("the business a move verb is about") {
    CHECK(subject("Global e-commerce sales rose 27% and global advertising grew 53%.", "grew", true) == "advertising");
    CHECK(subject("Advertising rose 12% in the quarter.", "rose", false) == "Advertising");
    CHECK(subject("Acme's cloud jumped 40%.", "jumped", false) == "cloud");
    CHECK(subject("Services grew 12%.", "grew", true) == "Services");
    CHECK(subject("Europe grew 4%.", "grew", true) == "Europe");
    // a region only with a growth verb; markets and sectors are no business of the company
    CHECK(subject("China fell 2%.", "fell", false) == "");
    CHECK(subject("Markets fell 2%.", "fell", false) == "");
    CHECK(subject("Retail rose 3%.", "rose", false) == "");
    CHECK(subject("Demand for cloud grew 30%.", "grew", true) == "");
    CHECK(subject("Acme grew 10%.", "grew", true) == "");
}

TEST_CASE("figures of several companies together") {
    CHECK(combined("Combined capital expenditures of Microsoft, Amazon and Acme are on track to exceed $400 billion.",
                   "expenditures"));
    CHECK(combined("Capex of Microsoft, Amazon and Acme will top $400 billion.", "Capex"));
    CHECK(combined("The four hyperscalers' capex will top $400 billion.", "capex"));
    CHECK(combined("Hyperscaler capex will top $400 billion.", "capex"));
    CHECK(combined("Together, the two companies' revenue reached $9 billion.", "revenue"));
    CHECK(combined("Industry sales fell 3%.", "sales"));
    CHECK_FALSE(combined("Microsoft capex rose to $30 billion.", "capex"));
    CHECK_FALSE(combined("Capex of Microsoft rose to $30 billion.", "Capex"));
    CHECK_FALSE(combined("Acme and Globex sales rose 5% and 7%, respectively.", "sales"));
    CHECK_FALSE(combined("Analysts at the big banks expect Acme revenue of $5 billion.", "revenue"));
    CHECK_FALSE(combined("Acme's revenue beat peers' revenue.", "revenue"));
}

TEST_CASE("a sentence's combine words are found once, in any case, wherever they stand") {
    CHECK(clause_words("Combined capital expenditures of the two will exceed $40 billion."));
    CHECK(clause_words("Revenue of the two reached $9 billion TOGETHER."));
    CHECK(clause_words("Acme and Globex sales rose 5% and 7%, Respectively."));
    CHECK(clause_words("Acme and Globex collectively spent $3 billion."));
    CHECK_FALSE(clause_words("Acme revenue $5B Globex revenue $4B Acme revenue $5B"));
    CHECK_FALSE(clause_words("Capex of Microsoft, Amazon and Acme will top $400 billion."));  // a group after the kind: not a clause word
}

TEST_CASE("word classes") {
    CHECK(segments::is_business_word("Advertising"));
    CHECK(segments::is_business_word("e-commerce"));
    CHECK_FALSE(segments::is_business_word("revenue"));
    CHECK(segments::is_region_word("Europe"));
    CHECK(segments::is_region_word("US"));
    CHECK_FALSE(segments::is_region_word("us"));
    CHECK(segments::is_qualifying_word("Adjusted"));
    CHECK_FALSE(segments::is_qualifying_word("cloud"));
}

// combined_possible trusts the metric word table to mark every combine and group word
// (words::kCueJoint): the table is built from segments::each_joint_word, in any case and length.
TEST_CASE("every combine and group word is marked by the metric word table, in any case") {
    std::vector<std::string> words;
    segments::each_joint_word([](std::string_view w, void* out) { static_cast<std::vector<std::string>*>(out)->emplace_back(w); },
                              &words);
    CHECK(words.size() >= 15);
    for (std::string w : words) {
        for (int upper = 0; upper < 2; ++upper) {
            if (upper) w[0] = static_cast<char>(w[0] - 'a' + 'A');
            CAPTURE(w);
            Event event;
            const std::string text = "The " + w + " capex";
            event.body = text;
            Document doc;
            doc.build(event);
            const Sentence& s = doc.sentences.at(0);
            std::vector<uint32_t> flags(s.last_token - s.first_token);
            std::vector<words::TokenWord> tw(flags.size());
            const uint32_t cues = words::word_flags(doc, s.first_token, s.last_token, flags.data(), tw.data());
            CHECK((cues & words::kCueJoint) != 0);
            CHECK((tw[1].cues & words::kCueJoint) != 0);
            const segments::View v{doc, s.first_token, s.last_token, flags.data(), nullptr, 0};
            CHECK(segments::combined_possible(v, (cues & words::kCueJoint) != 0));
        }
    }
    // A sentence of none of them, naming no company, cannot hold a combined figure.
    Sent plain("The company's capex reached $9 billion.");
    std::vector<words::TokenWord> tw(plain.flags.size());
    std::vector<uint32_t> flags(plain.flags.size());
    const Sentence& s = plain.doc.sentences.at(0);
    const uint32_t cues = words::word_flags(plain.doc, s.first_token, s.last_token, flags.data(), tw.data());
    CHECK((cues & words::kCueJoint) == 0);
    CHECK_FALSE(segments::combined_possible(plain.view(), false));
}
