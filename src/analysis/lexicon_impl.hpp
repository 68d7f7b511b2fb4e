#pragma once
// In-memory form of a finance lexicon (data/lexicon/finance.lex): every term, single word or
// phrase, carries the roles it plays in composition. Read by SentimentScorer.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "herald/analysis/learned.hpp"
#include "herald/analysis/sentiment.hpp"
#include "lexicon_vocab.hpp"

namespace herald::analysis {

// What a term does. A term can play several roles ("beat": valence and comparator).
struct TermRoles {
    float valence = 0.0f;       // graded polarity in [-1, 1]
    float intensity = 0.0f;     // multiplier on the next term (>1 intensifier, <1 downtoner); 0 = none
    float hedge = 0.0f;         // multiplier on its clause ("may", "could"); 0 = none
    float measure_base = 0.0f;  // valence of a measure no direction pairs with ("loss": -0.4)
    float strength = 0.0f;      // of a direction ("soared" 1.4, "edged up" 0.6)
    float importance = 1.0f;    // of a measure: profit moves the tone more than sales
    int8_t measure = 0;         // +1 good when it rises (sales), -1 bad when it rises (costs)
    bool neutral_measure = false;  // takes a direction without tone ("share capital increased")
    int8_t direction = 0;       // +1 up (rose, higher, widened), -1 down (fell, narrowed, cut)
    int8_t comparator = 0;      // +1 above/beat/better, -1 below/miss/worse (against expectations); +-2
                                // more/less: against an earlier period only
    uint8_t contrast = 0;       // opens a clause; 1 "but": weakens what came before; 2 "although": weakens
                                // its own clause; 3 "as", "because": only the boundary
    bool negator = false;
    bool expectation = false;   // expectations, estimates, consensus, forecast, feared
    bool period = false;        // an earlier period ("last year", "the comparison period"): a comparator
                                // before it is a direction ("below the level of the comparison period")
    bool prior_marker = false;  // "compared", "from", "versus": the next figure is the prior one
    uint8_t deal = 0;           // 1 award verb ("signed", "won"), 2 business noun ("contract", "order")
    bool quality = false;       // a direction that judges ("improved", "worsened"): up is better and
                                // down worse whatever the measure ("costs worsened" is bad news)
    bool move = false;          // a price move ("slides", "rallies"): with no measure in reach, a
                                // company, ticker or asset named right before it is what moved
    uint8_t state = 0;          // 1 "to"/"into": the measure after it is the new state ("slipped to a
                                // loss"); 2 "from": the prior one ("up from a loss"); 3 "by": the
                                // cause, not the object ("deliveries were halted by a strike")
    uint8_t payment = 0;        // 1 a payment verb ("pay", "paid"), read through the token's id; 2 a
                                // settlement ("settle", "resolve"): after a payment, what it removes
                                // was paid for ("agreed to pay $200 million to settle a lawsuit")
    uint8_t restraint = 0;      // 1 a restriction (curbs, sanctions, a ban: a bad measure), 2 a verb that
                                // lifts one ("lifted its curbs": the restriction goes, it does not rise)
    bool object = false;        // a verb that moves what follows it ("weighed on", "dragged down",
                                // "lifted"): its tone is about the company named after it
                                // ("Costco fell, dragging down Walmart"), not before it
    bool has_valence = false;
    bool inverts = false;       // a short position ("to short", "shorting"): the tone of the rest of
                                // its clause is about the bet against the stock ("bad day to short")
    bool position = false;      // a trader's position ("long", "sold"): its valence counts only right
                                // before a cashtag ("Long $WMT"; not "a long way")

    // Whether the term is visited by composition. `move` and `quality` qualify a direction and `state` is read
    // only next to a paired measure (through the token's id), so neither makes a word active:
    // "to" stays out of every sentence's term list.
    bool any() const {
        return has_valence || intensity != 0 || hedge != 0 || measure != 0 || neutral_measure || direction != 0 || comparator != 0 ||
               contrast != 0 || negator || expectation || period || prior_marker || deal != 0 || inverts;
    }
};

struct LexPhrase {
    uint32_t words_begin = 0;  // into Lexicon::Impl::phrase_words
    uint8_t length = 0;
    TermRoles roles;
};

struct Lexicon::Impl {
    detail::WordTable words;
    std::vector<TermRoles> word_roles;            // by word id: single-word terms
    // By word id: word_roles[id].any(), one byte for the hot path instead of the roles' dozen
    // fields tested one after another (a mispredicted branch chain and a cache line per word).
    std::vector<uint8_t> word_term;
    // By word id + 1: a term alone or the start of a phrase. [0] is kNoWord's (kNoWord + 1 wraps
    // to 0), so the hot path reads it without testing for kNoWord first.
    std::vector<uint8_t> word_active;
    // By word id + 1 as word_active: a term ([0], kNoWord's, 1: a clause break or sign is visited
    // too). A marked word that is not one only starts phrases, which the next word decides.
    std::vector<uint8_t> visit_alone;
    // Flat copy of `starting` for the hot path: per word [begin, end) into phrase_heads, each
    // head holding the phrase's second word so most candidates are rejected without touching it;
    // sorted by second word (longest phrase first among equals).
    struct Head {
        uint32_t phrase;
        uint32_t second;
    };
    std::vector<Head> phrase_heads;
    std::vector<uint32_t> heads_begin;  // size words + 1
    // One bit per hash of a phrase's first two word ids: a token whose pair with the next token's
    // id is not set starts no phrase. Whether the next token has an id at all is a coin flip per
    // term; a set bit (a phrase start, or a rare false hit) is not. 4 KB, read for every mark
    // (SentenceComposer::indexed): the built-in lexicon's ~1,400 pairs set one bit in 23. Per
    // seed article, 8 KB (one in 46) cost 95 more D1 misses, 2 KB 27 more D1 misses and 11
    // more mispredictions (its false hits), session 21.
    static constexpr uint32_t kPairShift = 15;
    static constexpr uint32_t kPairBits = uint32_t{1} << kPairShift;
    std::vector<uint64_t> phrase_pairs = std::vector<uint64_t>(kPairBits / 64, 0);
    static uint32_t pair_bit(uint32_t first, uint32_t second) {
        return ((first * 2654435761u) ^ (second * 2246822519u)) >> (32 - kPairShift);
    }
    bool may_start_phrase(uint32_t first, uint32_t second) const {
        const uint32_t b = pair_bit(first, second);
        return (phrase_pairs[b >> 6] >> (b & 63)) & 1;
    }
    std::vector<LexPhrase> phrases;               // multi-word terms
    std::vector<uint32_t> phrase_words;           // word ids of every phrase, concatenated
    std::vector<std::vector<uint32_t>> starting;  // by word id: phrases that start with it, longest first
    // The learned layer (data/lexicon/learned.tsv), asked where the rules find no tone; off in
    // Lexicon::rules_only().
    LearnedModel learned;
    bool use_learned = true;

    // Parses lexicon text ("FILE" names it in errors); throws std::runtime_error "FILE:LINE: message".
    void parse(std::string_view text, std::string_view file);
    // The phrase of these words (2 or more), added when new: starting[ids[0]] stays longest first.
    LexPhrase& phrase_of(const std::vector<uint32_t>& ids);
    // Once every term is read: which words start anything, and the phrase heads by second word.
    void index();
};

}  // namespace herald::analysis
