// The per-token word id (Document::slots, the joint table's row of the constant tables' columns):
// every later pass reads the same answers from it as from its own table's probe. Documents are
// built with the tokenizer's probe (the Analyzer's way) and without (each pass probes itself).
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "herald/analysis/document.hpp"
#include "herald/analysis/entity_sentiment.hpp"
#include "herald/analysis/novelty.hpp"
#include "aliases_impl.hpp"
#include "joint_slot.hpp"
#include "lexicon_impl.hpp"
#include "metrics_words.hpp"
#include "sentiment_internal.hpp"

using namespace herald::analysis;

namespace {

struct Docs {
    EntitySentiment joint{Lexicon::builtin(), AliasTable::builtin()};
    Document plain, probed;
    void build(const Event& e) {
        plain.build(e);
        probed.build(e, joint.key_probe());
        REQUIRE(plain.tokens.size() == probed.tokens.size());
    }
};

// The metric word flags, kinds, roles and cues of every sentence and token, both ways.
size_t check_metric_words(const Docs& d) {
    size_t listed = 0;
    for (const Sentence& s : d.plain.sentences) {
        const size_t n = s.last_token - s.first_token;
        std::vector<uint32_t> fa(n), fb(n), ga(n), gb(n);
        std::vector<words::TokenWord> wa(n), wb(n);
        uint32_t any_a = 0, any_b = 0;
        const uint32_t cues_a = words::word_flags(d.plain, s.first_token, s.last_token, fa.data(), wa.data(), &any_a);
        const uint32_t cues_b = words::word_flags(d.probed, s.first_token, s.last_token, fb.data(), wb.data(), &any_b);
        words::word_flags(d.plain, s.first_token, s.last_token, ga.data());
        words::word_flags(d.probed, s.first_token, s.last_token, gb.data());
        CHECK(cues_a == cues_b);
        CHECK(any_a == any_b);
        for (size_t k = 0; k < n; ++k) {
            CHECK(fa[k] == fb[k]);
            CHECK(ga[k] == fa[k]);
            CHECK(gb[k] == fb[k]);
            CHECK(wa[k].cues == wb[k].cues);
            CHECK(wa[k].kind == wb[k].kind);
            CHECK(wa[k].role == wb[k].role);
            const uint32_t t = s.first_token + static_cast<uint32_t>(k);
            const words::WordInfo a = words::lookup_token(d.plain, t), b = words::lookup_token(d.probed, t);
            CHECK(a.flags == b.flags);
            CHECK(a.kind == b.kind);
            CHECK(a.role == b.role);
            listed += (fa[k] & ~uint32_t{words::kPeriodStart}) != 0 || wa[k].cues != 0;
            // Sentiment's figures: numbers, and numbers written as words ("four", "dozens").
            CHECK(sentiment_figure(d.plain, t) == sentiment_figure(d.probed, t));
        }
    }
    return listed;
}

// The ids each token carries (Document::slots, copied by the tokenizer from the slot it found)
// are those of a fresh probe of the joint table for its key (a keyed word in no table: empty but
// for kKeyed), and empty for a token without a key or a document built without the probe. Returns the tokens whose ids name a lexicon, alias or
// event word, so a caller can require that the text reached the table.
size_t check_carried_ids(const Docs& d) {
    const detail::JointProbe& probe = *d.joint.key_probe();
    REQUIRE(d.probed.slots.size() == d.probed.tokens.size());
    REQUIRE(d.plain.slots.size() == d.plain.tokens.size());
    size_t found = 0;
    for (uint32_t t = 0; t < d.probed.tokens.size(); ++t) {
        const Token& tok = d.probed.tokens[t];
        const WordKey& key = d.probed.keys[t];
        const detail::JointSlot* s =
            tok.kind == TokenKind::word && key.a != 0 ? probe.find(key, tok.end - tok.begin) : nullptr;
        const bool keyed = tok.kind == TokenKind::word && key.a != 0;
        const detail::JointIds want = s ? detail::JointIds(*s) : keyed ? detail::kKeyedNoIds : detail::JointIds{};
        const detail::JointIds& got = d.probed.slots[t];
        CHECK(((got.bits & detail::JointSlot::kKeyed) != 0) == keyed);
        CHECK(got.lexicon == want.lexicon);
        CHECK(got.alias == want.alias);
        CHECK(got.event == want.event);
        CHECK(got.len == want.len);
        CHECK(got.bits == want.bits);
        CHECK(got.word == want.word);
        CHECK(d.plain.slots[t].len == 0);
        CHECK(d.plain.slots[t].word == 0);
        found += got.lexicon != detail::kNoWord || got.alias != detail::kNoWord || got.event != detail::kNoWord;
    }
    return found;
}

// The story sketch (its stop words), both ways; returns its feature count.
size_t check_sketch(const Docs& d) {
    const Analysis none;
    StorySketch a, b;
    sketch_story(d.plain, none, a);
    sketch_story(d.probed, none, b);
    CHECK(a.count == b.count);
    CHECK(a.features == b.features);
    for (uint32_t i = 0; i < StorySketch::kSize; ++i) CHECK(a.mins[i] == b.mins[i]);
    return a.features;
}

// Every word of the constant tables, as written and capitalised.
std::vector<std::string> table_words() {
    std::vector<std::string> out;
    const detail::AddWord add = [](std::string_view w, const detail::JointWord&, void* v) {
        static_cast<std::vector<std::string>*>(v)->emplace_back(w);
    };
    detail::each_metric_word(add, &out);
    detail::each_sketch_stop_word(add, &out);
    detail::each_number_word(add, &out);
    return out;
}

}  // namespace

TEST_CASE("every word of the constant tables reads the same columns through the word id") {
    Docs d;
    const std::vector<std::string> words = table_words();
    REQUIRE(words.size() > 300);
    std::string summary, body;
    for (size_t i = 0; i < words.size(); ++i) {
        std::string w = words[i];
        if (i % 3 == 1 && w[0] >= 'a' && w[0] <= 'z') w[0] = static_cast<char>(w[0] - 'a' + 'A');
        (i % 2 ? summary : body) += w + (i % 7 == 6 ? ". " : " ");
    }
    Event e;
    e.summary = summary;
    e.body = body;
    d.build(e);
    // Most are listed words (some only start periods): the columns were read.
    CHECK(check_metric_words(d) > words.size() / 2);
    check_carried_ids(d);
    size_t figures = 0;
    for (uint32_t t = 0; t < d.probed.tokens.size(); ++t) figures += sentiment_figure(d.probed, t);
    CHECK(figures >= 22);  // every number word
}

// Every word of the lexicon and the alias table with a short key is found by the joint probe
// (its filter answers by bits of the key's hash: a bit missed would drop the word from every
// pass), with its own id.
TEST_CASE("the joint probe finds every lexicon and alias word by its key") {
    Docs d;
    const detail::JointProbe& probe = *d.joint.key_probe();
    const auto check_table = [&](const detail::WordTable& words, uint32_t detail::JointIds::*id) {
        size_t keyed = 0;
        for (uint32_t i = 0; i < words.size(); ++i) {
            detail::ShortKey k;
            if (!detail::short_key(words.word(i), k)) continue;
            ++keyed;
            const detail::JointSlot* s = probe.find({k.a, k.b, detail::key_hash(k)}, k.len);
            REQUIRE(s != nullptr);
            CHECK(s->*id == i);
        }
        return keyed;
    };
    CHECK(check_table(Lexicon::builtin()->impl().words, &detail::JointIds::lexicon) > 1000);
    CHECK(check_table(AliasTable::builtin()->impl().words, &detail::JointIds::alias) > 1000);
}

TEST_CASE("every token carries the ids a fresh probe of the joint table finds for its key") {
    Docs d;
    Event e;
    // Lexicon terms, aliases (capitalised, lowercase, possessive), event words, words in no table,
    // long and non-ASCII words, numbers and signs, in each field.
    e.headline = "Amazon's AWS revenue rose 28% as Microsoft Azure beat estimates; iPhone sales fell";
    e.summary = "The company said it would cut 1,200 jobs after a lawsuit and a downgrade by analysts \xE2\x80\x94 "
                "supercalifragilisticexpialidocious Nestl\xC3\xA9 shares slid, Apple\xE2\x80\x99s too.";
    e.body = "Acme Corp won a $5 billion contract. GE and 3M widened losses; Nvidia raised guidance.\n\nIt's up.";
    d.build(e);
    CHECK(check_carried_ids(d) >= 20);
}

TEST_CASE("the story sketch skips the same stop words with and without the tokenizer's probe") {
    Docs d;
    Event e;
    // Stop words and content words, any case, in the headline and the lead.
    e.headline = "The Company Said Its Shares Would Rise After Acme Reported Record Widget Orders";
    e.summary = "They said that the stock, which has been under pressure since last week, will rebound; "
                "THESE WERE THEIR WORDS and it's not news. Acme Corp ltd plc inc said gadgets sold out.";
    d.build(e);
    const size_t features = check_sketch(d);
    CHECK(features >= 8);  // "acme", "record", "widget", "orders", "pressure", "rebound", "words", "gadgets"...
    CHECK(features <= 20);  // and the stop words left out
}

TEST_CASE("generated sentences read the same metric words with and without the tokenizer's probe") {
    const std::vector<std::string> listed = table_words();
    const char* others[] = {"Amazon", "the", "revenue", "rose", "$5 billion", "28%", "Q3", "FY2026", "first-half",
                            "nine-month", "Nestl\xC3\xA9", "supercalifragilisticexpialidocious", ",", ".", "(", ")",
                            "year-over-year", "it", "its", "company's", "\xE2\x80\x94", "\n\n", "versus", "EUR 13.1 mn"};
    std::mt19937 rng(20261207);
    Docs d;
    size_t read = 0;
    for (int n = 0; n < 300; ++n) {
        std::string fields[3];
        for (std::string& f : fields) {
            const int len = static_cast<int>(rng() % 40);
            for (int k = 0; k < len; ++k) {
                if (!f.empty() && rng() % 4 != 0) f += ' ';
                f += rng() % 2 ? listed[rng() % listed.size()] : others[rng() % std::size(others)];
            }
        }
        Event e;
        e.headline = fields[0];
        e.summary = fields[1];
        e.body = fields[2];
        d.build(e);
        read += check_metric_words(d);
        check_sketch(d);
        check_carried_ids(d);
    }
    CHECK(read > 3000);
}

// WordTable::find answers a word without a short key (long, or not ASCII) from a filter of its
// long words' lengths and first letters before folding it: every such word must still be found,
// in any case and with "’" for "'", and a word of another length or first letter is not.
TEST_CASE("a word table finds its long and non-ASCII words however they are written") {
    detail::WordTable t;
    const std::vector<std::string> words = {"telecommunications", "internationalisation", "o'connor-whitfield's-group",
                                            "café", "zürich", "s&p", "Überweisungsbetrag", "acquisition-related"};
    std::vector<uint32_t> ids;
    for (const auto& w : words) ids.push_back(t.intern(w));
    for (size_t i = 0; i < words.size(); ++i) {
        CAPTURE(words[i]);
        CHECK(t.find(words[i]) == ids[i]);
        std::string upper = words[i];
        for (char& c : upper) c = c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c;
        CHECK(t.find(upper) == ids[i]);
    }
    CHECK(t.find("O\xE2\x80\x99" "Connor-Whitfield\xE2\x80\x99s-Group") == ids[2]);
    CHECK(t.find("\xC3\xBC" "berweisungsbetrag") == detail::kNoWord);  // the table folds ASCII only: "Ü" is not "ü"
    CHECK(t.find("telecommunicationz") == detail::kNoWord);
    CHECK(t.find("xelecommunications") == detail::kNoWord);
    CHECK(t.find("telecommunication") == detail::kNoWord);
    CHECK(t.find("") == detail::kNoWord);
    CHECK(t.find(std::string(60, 'a')) == detail::kNoWord);
}

TEST_CASE("word_flags picks every token the metric reader's tag walk reads, and not the other words") {
    // SentenceReader::tag_tokens visits only the picks: non-words, forecast and comparator words,
    // and the stop words it compares ("to", "by", "as", "and", "after"; kCueTagged).
    Docs d;
    Event e;
    e.summary = "Revenue is expected to grow 5% by 2028, as margins and sales improve after the deal, beating "
                "the estimates of analysts, Acme said, (restated) for EXTRAORDINARILY-long-hyphenated words.";
    d.build(e);
    for (const Document* doc : {&d.plain, &d.probed}) {
        const Sentence& s = doc->sentences.at(0);
        const uint32_t n = s.last_token - s.first_token;
        std::vector<uint32_t> flags(n), picks(n);
        std::vector<words::TokenWord> tw(n);
        uint32_t flags_any = 0, cues_any = 0;
        const uint32_t np = words::word_flags(*doc, s.first_token, s.last_token, flags.data(), tw.data(), &flags_any,
                                              &cues_any, picks.data());
        std::vector<bool> picked(n);
        for (uint32_t i = 0; i < np; ++i) picked.at(picks[i]) = true;
        for (uint32_t k = 0; k < n; ++k) {
            const Token& tk = doc->tokens[s.first_token + k];
            const std::string w(doc->text(tk));
            const bool tagged = w == "to" || w == "by" || w == "as" || w == "and" || w == "after";
            const bool want = tk.kind != TokenKind::word || tagged || (flags[k] & (words::kForecast | words::kComparator));
            CHECK_MESSAGE(picked[k] == want, w);
        }
        // The sentence's own words of each kind are there: the check above is not vacuous.
        CHECK((flags_any & words::kForecast));
        CHECK(np < n);
    }
}
