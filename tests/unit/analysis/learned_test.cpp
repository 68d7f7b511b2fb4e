// The learned layer (include/herald/analysis/learned.hpp): its features, the weights file, and
// how the scorer asks it about short posts and headlines, not news prose.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "herald/analysis/document.hpp"
#include "herald/analysis/entities.hpp"
#include "herald/analysis/learned.hpp"
#include "herald/analysis/sentiment.hpp"

using namespace herald::analysis;

namespace {

std::vector<std::string> names_of(const std::string& text) {
    Event e;
    e.text = text;
    Document doc;
    doc.build(e);
    std::vector<std::string> out;
    for (const auto& s : doc.sentences) learned_feature_names(doc, s.first_token, s.last_token, out);
    return out;
}

LearnedModel::Logits logits_of(const LearnedModel& m, const std::string& text) {
    Event e;
    e.text = text;
    Document doc;
    doc.build(e);
    return m.logits(doc, 0, static_cast<uint32_t>(doc.tokens.size()));
}

struct Scored {
    double score = 0;
    Label label = Label::neutral;
    std::vector<double> entities;  // each company's score
    std::string rules;  // every explanation rule, joined
};

Scored score(const std::shared_ptr<const Lexicon>& lexicon, const std::string& text) {
    Event e;
    e.text = text;
    Document doc;
    doc.build(e);
    std::vector<Mention> mentions;
    EntityFinder finder(AliasTable::builtin());
    finder.find(doc, mentions);
    SentimentScorer scorer(lexicon);
    Analysis out;
    Explanation ex;
    scorer.score(doc, mentions, {}, out, &ex);
    Scored r;
    r.score = out.sentiment.score;
    r.label = out.sentiment.label;
    for (const auto& en : out.entities) r.entities.push_back(en.sentiment.score);
    for (const auto& s : ex.sentences)
        for (const auto& t : s.terms) r.rules += t.term + " (" + t.rule + ") ";
    return r;
}

}  // namespace

TEST_CASE("learned features: words folded, figures, cashtags, handles and links as classes, pairs") {
    const auto n = names_of("$TSLA Upgraded, target +12% @jess https://t.co/AbC9 #Stocks");
    const std::vector<std::string> want = {
        "#cashtag", "upgraded", "#cashtag upgraded", "target", "upgraded target", "+",      "target +", "#num",
        "+ #num",   "%",        "#num %",            "#handle", "% #handle",      "#url",   "#handle #url", "stocks",
        "#url stocks", "#noaux", "#leadtag"};
    CHECK(n == want);
    // Punctuation is style and is left out, except the sign of a figure, "!" and "?".
    CHECK(names_of("Sales fell . Again , (really)") == std::vector<std::string>{"sales", "fell", "sales fell", "again", "really", "again really"});
    CHECK(names_of("Why ?!") == std::vector<std::string>{"why", "?", "why ?", "!", "? !"});
    CHECK(names_of("shares -5%") == std::vector<std::string>{"shares", "-", "shares -", "#num", "- #num", "%", "#num %"});
}

TEST_CASE("learned features: the sentence's register, read without letter case") {
    auto has = [](const std::vector<std::string>& names, const char* f) {
        return std::find(names.begin(), names.end(), f) != names.end();
    };
    // A wire headline: a colon after a word, no auxiliary verb; in capitals or not.
    for (const char* text : {"Exclusive: Globex weighs sale of chip unit", "EXCLUSIVE: GLOBEX WEIGHS SALE OF CHIP UNIT"}) {
        CAPTURE(text);
        const auto n = names_of(text);
        CHECK(has(n, "#colon"));
        CHECK(has(n, "#noaux"));
        CHECK_FALSE(has(n, "#dash"));
    }
    CHECK(has(names_of("Globex CEO to step down - sources"), "#dash"));
    CHECK(has(names_of("Globex CEO to step down \xE2\x80\x93 sources"), "#dash"));
    // A sentence with a verb of its own, a sign, a word's hyphen, a link and a time are none of them.
    const auto prose = names_of("Globex shares were -2.3 % at 9:30 after a 12-month low , see https://t.co/x");
    CHECK_FALSE(has(prose, "#noaux"));
    CHECK_FALSE(has(prose, "#dash"));
    CHECK_FALSE(has(prose, "#colon"));
    // A trader's post opens with its cashtag.
    CHECK(has(names_of("$HOOL: new highs coming"), "#leadtag"));
    CHECK_FALSE(has(names_of("New highs coming for $HOOL"), "#leadtag"));
    // The shipped layer weighs them, and --explain names them among a sentence's strongest features.
    const Scored s = score(Lexicon::builtin(), "$HOOL: what a quarter, new highs coming");
    CHECK(s.rules.find("#leadtag") != std::string::npos);
}

TEST_CASE("learned model: the ids of the file's names are the ids the tokens give") {
    LearnedModel m;
    m.parse("# test weights\n#bias\t-1\t-2\nupgraded\t1.5\t0\nprice target\t0.25\t0.5\n#cashtag\t0\t0.125\n", "t.tsv");
    CHECK(m.feature_count() == 3);
    auto z = logits_of(m, "$ACME UPGRADED , Price target raised");
    CHECK(z.positive == doctest::Approx(-1 + 1.5 + 0.25));
    CHECK(z.negative == doctest::Approx(-2 + 0.5 + 0.125));
    z = logits_of(m, "target price upgrades");  // neither the pair in this order nor another form
    CHECK(z.positive == doctest::Approx(-1));
    CHECK(learned_feature_id("price target") != learned_feature_id("target price"));
}

TEST_CASE("learned model: the decision rule's offsets add to the bias, in any order of the file") {
    // "#decision" is the trainer's per-class shift of the logits (fewer positive, more negative
    // calls: macro-F1 on the five folds); it is no feature and no word.
    LearnedModel m;
    m.parse("#decision\t-0.2\t0.3\n#bias\t-1\t-2\nupgraded\t1.5\t0\n", "t.tsv");
    CHECK(m.feature_count() == 1);
    auto z = logits_of(m, "ACME upgraded");
    CHECK(z.positive == doctest::Approx(-1 - 0.2 + 1.5));
    CHECK(z.negative == doctest::Approx(-2 + 0.3));
    z = logits_of(m, "decision");  // the word is not the offsets
    CHECK(z.positive == doctest::Approx(-1.2));
}

TEST_CASE("learned model: a bad weights line names the file and line") {
    LearnedModel m;
    CHECK_THROWS_WITH_AS(m.parse("#bias\t0\t0\nup\t1\n", "w.tsv"), doctest::Contains("w.tsv:2: not three tab-separated fields"),
                         std::runtime_error);
    CHECK_THROWS_WITH_AS(m.parse("up\t1\tx\n", "w.tsv"), doctest::Contains("w.tsv:1: weight is not a number"),
                         std::runtime_error);
    CHECK_THROWS_WITH_AS(m.parse("up\t1\t0\nUp\t1\t0\n", "w.tsv"), doctest::Contains("'Up' listed twice"),
                         std::runtime_error);
}

TEST_CASE("learned layer: the built-in weights load") {
    CHECK(Lexicon::builtin()->learned_feature_count() > 5000);
    CHECK(Lexicon::rules_only()->learned_feature_count() == 0);
}

TEST_CASE("learned layer: decides in short microblog posts, with the rules' score as a feature, and explains itself") {
    // Posts the rules read no tone in; the learned layer does.
    const std::string rising = "$ACME Globex sees output, shares ahead";  // "advance" is a direction since session 18
    CHECK(score(Lexicon::rules_only(), rising).score == 0.0);
    const Scored up = score(Lexicon::builtin(), rising);
    CHECK(up.score > 0.1);
    CHECK(up.rules.find("learned: p(positive)") != std::string::npos);
    CHECK(up.rules.find("rules +0.00") != std::string::npos);
    CHECK(up.rules.find("; output +") != std::string::npos);  // its strongest features and weights
    const std::string sued = "$ACME Protests hit Initech in California https://t.co/x";
    CHECK(score(Lexicon::rules_only(), sued).score == 0.0);
    const Scored down = score(Lexicon::builtin(), sued);
    CHECK(down.score < -0.1);
    CHECK(down.rules.find("learned: p(negative)") != std::string::npos);
    CHECK(down.rules.find("; protests -") != std::string::npos);
    // The rules' score is its strongest feature: a post the rules read keeps their side.
    const std::string ruled = "$ACME Globex downgraded to sell https://t.co/x";
    CHECK(score(Lexicon::rules_only(), ruled).score < -0.1);
    const Scored learned = score(Lexicon::builtin(), ruled);
    CHECK(learned.score < -0.1);
    CHECK(learned.rules.find("learned: p(negative)") != std::string::npos);
    // A routine post the rules read as good news ("best"): such posts are labelled neutral.
    const std::string routine = "$ACME Acme CEO to speak at the best investor conference https://t.co/x";
    CHECK(score(Lexicon::rules_only(), routine).score > 0.1);
    const Scored neutral = score(Lexicon::builtin(), routine);
    CHECK(std::fabs(neutral.score) < 0.075);  // neutral, with the layer's lean (below)
    CHECK(neutral.rules.find("(learned layer) (learned: p(neutral)") != std::string::npos);
    // The short-position rule reaches it through the rules' score.
    CHECK(score(Lexicon::builtin(), "Bad day to short $TSLA").score > 0.1);
    // Where the layer finds no tone its line gives the lean it keeps.
    const Scored watch = score(Lexicon::builtin(), "$ACME Top 5 stocks to watch this week https://t.co/x");
    CHECK(std::fabs(watch.score) < 0.075);
    CHECK(watch.rules.find("p(neutral)") != std::string::npos);
    CHECK(watch.rules.find(", lean ") != std::string::npos);
}

TEST_CASE("learned layer: a post or headline it calls neutral keeps its lean inside the neutral band") {
    // "Tough day for $TSLA": the rules read -0.54, the layer neutral (p 0.64) leaning negative.
    // ("Bad day for $TSLA" until session 19: with the register features the layer calls it negative.)
    const Scored bad = score(Lexicon::builtin(), "Tough day for $TSLA");
    CHECK(bad.score < 0.0);
    CHECK(bad.score > -0.075);  // 0.15 x (p(positive) - p(negative)), never past 0.075
    CHECK(bad.label == Label::neutral);
    REQUIRE(bad.entities.size() == 1);
    CHECK(bad.entities[0] == doctest::Approx(bad.score));  // the company keeps it too
    CHECK(bad.rules.find("lean -") != std::string::npos);
    // Only where nothing else scored: a headline the rules read keeps their score, news prose
    // (which the layer does not read) stays at 0.
    CHECK(score(Lexicon::builtin(), "Hooli wins $2 billion Pentagon contract").score ==
          score(Lexicon::rules_only(), "Hooli wins $2 billion Pentagon contract").score);
    CHECK(score(Lexicon::builtin(), "Protests hit Initech in California.").score == 0.0);
    CHECK(score(Lexicon::rules_only(), "Bad day for $TSLA").score < -0.1);
}

TEST_CASE("learned layer: news prose is left to the rules") {
    // No cashtag, handle, hashtag or link, and sentences that end in a full stop: the rules alone.
    CHECK(score(Lexicon::builtin(), "Protests hit Initech in California.").score == 0.0);
    CHECK(score(Lexicon::builtin(), "Protests hit Initech in California . ''").score == 0.0);
    CHECK(score(Lexicon::builtin(), "Globex shares +5% premarket.").score ==
          score(Lexicon::rules_only(), "Globex shares +5% premarket.").score);
    // A cashtag in a longer document (an article, not a post): the rules alone.
    std::string article = "$ACME Globex sees output, shares ahead. ";
    while (article.size() <= 600) article += "The company makes valves and pumps for the process industry. ";
    CHECK(score(Lexicon::builtin(), article).score == 0.0);
    const std::string ruled = "Globex was downgraded to sell by Initech analysts.";
    CHECK(score(Lexicon::builtin(), ruled).score == score(Lexicon::rules_only(), ruled).score);
    CHECK(score(Lexicon::builtin(), ruled).rules.find("learned") == std::string::npos);
}

TEST_CASE("learned layer: in a headline it speaks only where the rules are silent") {
    // A short text none of whose sentences ends in a full stop is a headline: the layer reads
    // the sentences the rules find nothing in.
    const std::string protests = "Protests hit Initech plants in California";
    CHECK(score(Lexicon::rules_only(), protests).score == 0.0);
    const Scored down = score(Lexicon::builtin(), protests);
    CHECK(down.score < -0.1);
    CHECK(down.rules.find("learned: p(negative)") != std::string::npos);
    // Where the rules found tone, a headline keeps it: the tweets' annotators call some clear
    // news neutral that headline sets score as tone (a post would be neutral here); only good
    // news the layer is sure is neutral reads neutral (next case).
    for (const char* text : {"Hooli wins $2 billion Pentagon contract", "The net loss shrank to $5 million",
                             "Globex was downgraded to sell by Initech analysts"}) {
        CAPTURE(text);
        CHECK(score(Lexicon::builtin(), text).score == score(Lexicon::rules_only(), text).score);
        CHECK(score(Lexicon::builtin(), text).score != 0.0);
    }
    // A long text is an article, not a headline, with or without full stops.
    std::string article = "Protests hit Initech in California";
    while (article.size() <= 600) article += " and the company makes valves and pumps for the process industry";
    CHECK(score(Lexicon::builtin(), article).score == 0.0);
}

TEST_CASE("learned layer: in a short headline it may call the rules' good news neutral, when sure") {
    // Routine business news the rules read as good (enhances, sustainable, expand) and that
    // the layer is at least 90 % sure is neutral: the sentence reads neutral, with its lean.
    for (const char* text : {"Globex enhances its liquidity position with $400M bond offering",
                             "Initech Named to CDP A List for Sustainable Water Management",
                             "Globex and Initech Expand Partnership With $1.3 Billion Deal"}) {
        CAPTURE(text);
        CHECK(score(Lexicon::rules_only(), text).score > 0.1);
        const Scored s = score(Lexicon::builtin(), text);
        CHECK(std::fabs(s.score) < 0.075);
        CHECK(s.rules.find("learned: p(neutral) 0.9") != std::string::npos);
        // As prose (a full stop at the end) it is left to the rules.
        const std::string prose = std::string(text) + " .";
        CHECK(score(Lexicon::builtin(), prose).score == score(Lexicon::rules_only(), prose).score);
    }
    // Bad news keeps the rules' score, and so does good news the layer is less sure of.
    for (const char* text : {"Lawmaker slams Initech over fees", "Hooli wins $2 billion Pentagon contract",
                             "Globex shares rise 5% after strong results"}) {
        CAPTURE(text);
        CHECK(score(Lexicon::builtin(), text).score == score(Lexicon::rules_only(), text).score);
    }
    // A sentence of more than 20 tokens without a full stop is prose, not a headline sentence.
    const std::string longer = "Globex and Initech Expand Partnership With $1.3 Billion Deal for the valves , pumps and "
                               "the process industry in Europe and Asia";
    CHECK(score(Lexicon::builtin(), longer).score == score(Lexicon::rules_only(), longer).score);
}

TEST_CASE("learned layer: in a short headline of tone words alone it may call good or bad news neutral, when sure") {
    // Tone words with no figure, move, comparison or deal reported: the layer's neutral at
    // 85 % overrules bad news too (before: only good news, at 90 %).
    // ("The firm is hiring 2,000 engineers to meet demand" until session 19: the layer retrained with
    // the register features keeps its good news; "The firm is hiring 500 people" until the layer was
    // trained per sentence, session 19 (tweets): p(neutral) below 0.85 since. A listicle line at 0.89.)
    for (const char* text : {"Management struck a cautious tone on the call", "The best bank stocks for your portfolio"}) {
        CAPTURE(text);
        CHECK(std::fabs(score(Lexicon::rules_only(), text).score) > 0.1);
        const Scored s = score(Lexicon::builtin(), text);
        CHECK(std::fabs(s.score) < 0.075);
        CHECK(s.rules.find("learned: p(neutral) 0.") != std::string::npos);
    }
    // A reported move or a deal keeps the rules' score however sure the layer is.
    for (const char* text : {"Globex cuts 500 jobs", "Globex shares fall 5% after weak results"}) {
        CAPTURE(text);
        CHECK(score(Lexicon::builtin(), text).score == score(Lexicon::rules_only(), text).score);
    }
}

TEST_CASE("learned layer: in a short headline it may call the rules' bad news neutral, when 80 % sure") {
    // Session 20: before, a headline's bad news always kept the rules' score. A clickbait question
    // about a price drop and a routine disposal beside a trimmed ratio the layer is at least 80 %
    // sure are neutral (the tweets' convention; no herald headline moves).
    for (const char* text : {"Should The Recent Share Price Drop At Globex Worry You?",
                             "Globex sells its office portfolio for $300M; lowers FFO guidance for 2020"}) {
        CAPTURE(text);
        CHECK(score(Lexicon::rules_only(), text).score < -0.1);
        const Scored s = score(Lexicon::builtin(), text);
        CHECK(std::fabs(s.score) < 0.075);
        CHECK(s.rules.find("learned: p(neutral) 0.") != std::string::npos);
    }
    // Bad news the layer is less sure of keeps the rules' score.
    for (const char* text : {"Globex shares plunge 20% after profit warning", "Globex to cut 500 jobs",
                             "Globex cuts full-year outlook as demand slows"}) {
        CAPTURE(text);
        CHECK(score(Lexicon::builtin(), text).score == score(Lexicon::rules_only(), text).score);
    }
}

TEST_CASE("learned layer: a headline scores alike in title case and in sentence case") {
    // News feeds differ in house style ("Asian Markets Slip", "Asian markets slip"): the score of
    // a headline must not depend on it. Reading title case as posts (session 17, reverted) raised
    // the tweets by 0.017 and took herald's headlines in title case from 0.968 to 0.754 accuracy
    // (eval-sentiment --sets headlines-title; docs/sentiment.md).
    const std::pair<const char*, const char*> pairs[] = {
        {"Asian Markets Slip", "Asian markets slip"},
        {"Hooli Slams Newspaper Report on Its Taxes", "Hooli slams newspaper report on its taxes"},
        {"Globex Shares Plunge 20% After Profit Warning", "Globex shares plunge 20% after profit warning"},
        {"Initech Profit Soars on Cloud Strength", "Initech profit soars on cloud strength"}};
    for (const auto& [title, sentence] : pairs) {
        CAPTURE(title);
        const double t = score(Lexicon::builtin(), title).score, s = score(Lexicon::builtin(), sentence).score;
        CHECK(std::fabs(s) > 0.2);
        CHECK((t > 0) == (s > 0));
        CHECK(std::fabs(t - s) < 0.1);
    }
}

TEST_CASE("learned layer: Lexicon::with_learned scores with another weights file") {
    // What eval-sentiment --learned measures a fold's model with (cross_validate.sh).
    const std::string weights = "# a model of one word\n#bias\t-2\t-2\n#rules+\t0\t0\n#rules-\t0\t0\nzorblax\t6\t0\n";
    const auto lexicon = Lexicon::with_learned(*Lexicon::builtin(), weights, "one-word.tsv");
    CHECK(lexicon->learned_feature_count() == 1);
    CHECK(score(lexicon, "$ACME zorblax").score > 0.1);
    CHECK(std::fabs(score(Lexicon::builtin(), "$ACME zorblax").score) < 0.1);
    // The rules are the base lexicon's: news prose scores as before.
    const char* prose = "Operating profit rose to EUR 13.1 mn .";
    CHECK(score(lexicon, prose).score == score(Lexicon::builtin(), prose).score);
    CHECK_THROWS_WITH_AS(Lexicon::with_learned(*Lexicon::builtin(), "zorblax\t1\n", "bad.tsv"),
                         doctest::Contains("bad.tsv:1:"), std::runtime_error);
}
