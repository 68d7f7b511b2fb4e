#pragma once
// The vocabulary the metric extractor reads around a figure: what a figure measures
// ("revenue", "operating income"), how it moved ("rose", "down"), on what basis ("year over year"),
// whether it is a projection ("expects", "could") and where a clause ends.
#include <cstdint>
#include <string_view>

#include "herald/analysis/analysis.hpp"
#include "herald/analysis/document.hpp"
#include "herald/analysis/metrics.hpp"

namespace herald::analysis::words {

enum Flag : uint32_t {
    kNone = 0,
    kUp = 1u << 0,         // rose, up, growth
    kDown = 1u << 1,       // fell, down, decline
    kFlat = 1u << 2,       // flat, unchanged
    kNarrow = 1u << 3,     // narrowed: a loss got smaller (direction up)
    kWiden = 1u << 4,      // widened: a loss got larger (direction down)
    kForecast = 1u << 5,   // expects, could, guidance
    kClause = 1u << 6,     // while, but, despite: a new clause starts
    kPriorCue = 1u << 7,   // from, versus: the next figure is the earlier value
    kStop = 1u << 8,       // function words that end a noun phrase
    kProduct = 1u << 9,    // chips, silicon: a product noun that can own a metric
    kUnitNoun = 1u << 10,  // business, segment: names a unit through its modifiers
    kDeterminer = 1u << 11,
    kShareCue = 1u << 12,  // "of" after a percentage: a share, not a change
    kStock = 1u << 13,     // shares, stock: price moves are not company metrics
    kGrowthNoun = 1u << 14,  // growth, increase, decline (as nouns after a figure)
    kLoss = 1u << 15,      // the kind word names a loss
    kKind = 1u << 16,      // the word alone names a metric kind
    kPhrase = 1u << 17,    // the word may start a multi-word kind phrase
    kAnnualized = 1u << 18,
    kSequential = 1u << 19,
    kDouble = 1u << 20,    // doubled
    kTriple = 1u << 21,    // tripled
    kHalve = 1u << 22,     // halved
    kPeriodWord = 1u << 23,
    kPeriodStart = 1u << 24,  // may start a period expression (periods::may_start*); set by word_flags only
    kComparator = 1u << 25,   // beat, topped, above: an expectation word after it is a yardstick, not a projection
};

// Parts a word plays that only a few figures ask about, looked up when needed (the flag bits
// are all taken).
enum class Role : uint8_t {
    none,
    count_noun,  // vehicles, units, aircraft: a number before it is a count
    job_noun,    // jobs, positions, employees, workforce: a count noun that job cuts are counted in
    cut_verb,    // cut, eliminate, lay (off), shed: jobs named after it are cut
    analyst,     // analyst, rating, overweight, initiated: the sentence is an analyst's note
    reaffirm,    // reaffirmed, reiterated, maintained: a forecast that did not move
    yardstick,   // consensus, estimates, expectations: what a figure is measured against
    securities,  // bonds, notes, tranches, offering: a securities sale, whose orders are investors' demand
    pledge,      // invest, commit, earmark, spend: money promised (metrics_pledges.cpp)
    spent,       // invested, spent, cost: money spent
    investment,  // investment(s): the noun of a pledge
    facility,    // plant, factory, campus: what a pledge builds
    filler,      // about, an additional, up to: may stand between a pledge verb and its figure
};

// Words the per-figure passes compare by text ("compared", "prior-year", "and"...), as bits: the
// probe that gives a token its flags gives these too, so a pass reading a window of tokens per
// figure tests one bit per token instead of comparing texts. Keyed words only: every word listed
// is short ASCII, which a keyless token never equals.
enum Cue : uint32_t {
    kCueAnd = 1u << 0,         // and
    kCueOr = 1u << 1,          // or
    kCueWith = 1u << 2,        // with
    kCueCompared = 1u << 3,    // compared
    kCueComparison = 1u << 4,  // compared, from, versus, vs, over: a comparison with an earlier period follows
    kCueYearAgo = 1u << 5,     // prior-year, year-ago, year-earlier, previous-year
    kCueQuarterAgo = 1u << 6,  // prior-quarter, previous-quarter
    kCueAnnualized = 1u << 7,  // annualized, annualised
    kCueYear = 1u << 8,        // year
    kCueQuarter = 1u << 9,     // quarter
    kCueBefore = 1u << 10,     // last, previous, prior
    kCueOverOn = 1u << 11,     // over, on
    kCueEarlier = 1u << 12,    // earlier
    kCueAgo = 1u << 13,        // ago
    kCueSame = 1u << 14,       // same
    kCuePeriod = 1u << 15,     // period
    kCueJoint = 1u << 16,      // segments::each_joint_word: "combined", "together", "hyperscalers"...
    kCueRespectively = 1u << 17,  // respectively
    kCueTo = 1u << 18,         // to
    kCueOf = 1u << 19,         // of
    kCueAbout = 1u << 20,      // about, around, roughly, approximately, nearly, almost
    kCueSpending = 1u << 21,   // every word whose Role is pledge, spent, investment or facility (from its role)
    kCueIn = 1u << 22,         // in
    kCueTotal = 1u << 23,      // total, consolidated, group, overall: a company total, no segment's figure
    kCueSource = 1u << 24,     // according, said, showed, show, shows: a figure's source may be named
    kCueReaffirm = 1u << 25,   // every word whose Role is reaffirm (from its role)
    // Pass gates: the OR of a sentence's cues (SentenceReader::cues_any_) says whether a pass can
    // act at all, so a sentence without its words skips the pass's code entirely.
    kCueCounted = 1u << 26,    // every word whose Role is count_noun or job_noun (from its role): count_pass
    kCueSold = 1u << 27,       // sold, sells, sell, selling: count_pass (sold_before)
    kCueMultiple = 1u << 28,   // double, triple, quadruple, twice, doubling, tripling: multiple_after
    // The words SentenceReader::tag_tokens reads (word_flags' picks): every word with kForecast
    // or kComparator (from its flags), and the stop words it compares ("to", "by": forecast_cue;
    // "as", "and", "after": a projection's scope end). Other words are not visited again.
    kCueTagged = 1u << 29,
};

// The roles count_pass needs one of (kCueCounted's words) when no count kind is named.
constexpr bool counted_role(Role r) { return r == Role::count_noun || r == Role::job_noun; }

// The roles pledge_kind reads (kCueSpending's words).
constexpr bool spending_role(Role r) {
    return r == Role::pledge || r == Role::spent || r == Role::investment || r == Role::facility;
}

// Calls f with every word the table lists and the role it ends with (tests).
void each_word(void (*f)(std::string_view word, Role role, void* self), void* self);

// The kind of kNotMetrics' words: they name figures that are no company metric.
inline constexpr MetricKind kNotMetric = MetricKind::count_;

struct WordInfo {
    uint32_t flags = 0;
    MetricKind kind = MetricKind::revenue;  // valid when flags & kKind (kNotMetric: not a metric)
    Role role = Role::none;
};

// What the metric word table knows of one token besides its flags, read once per sentence
// (word_flags): cues, kind, role (as uint8_t).
using TokenWord = MetricExtractor::TokenWord;

// Looks up one token (any case). Unknown words give flags 0.
WordInfo lookup(std::string_view token);
// The same for a document token, through the key the tokenizer computed (no second fold or hash).
WordInfo lookup_token(const Document& doc, uint32_t token);
// The flags of tokens [b, e) into out[0 .. e - b): lookup_token(...).flags for words, 0 otherwise,
// plus kPeriodStart for words that may start a period (the same probe answers both).
// One call per sentence: the table is fetched once, not per token.
void word_flags(const Document& doc, uint32_t b, uint32_t e, uint32_t* out);
// The same, and into words[0 .. e - b) each token's kind, role (lookup_token's, Role::none for
// tokens that are no word) and cues, from the same probe. Returns the OR of every token's cues;
// `flags_any`, when given, gets the OR of every token's flags (a pass that needs a flag no token
// has can skip the sentence without walking it).
uint32_t word_flags(const Document& doc, uint32_t b, uint32_t e, uint32_t* out, TokenWord* words,
                    uint32_t* flags_any = nullptr);
// The same walk also listing the tokens tag_tokens visits after it (into picks[0 .. returned
// count), as offsets from b): every token that is no word, and the words with kCueTagged.
uint32_t word_flags(const Document& doc, uint32_t b, uint32_t e, uint32_t* out, TokenWord* words, uint32_t* flags_any,
                    uint32_t* cues_any, uint32_t* picks);

// Multi-word kind phrases starting at a token: returns the number of tokens matched (0 if none).
// `next(k)` gives the k-th token after the first (lower-case comparison is done inside).
struct PhraseMatch {
    uint32_t tokens = 0;
    MetricKind kind = MetricKind::revenue;
    bool loss = false;
};

template <class Next>
PhraseMatch match_phrase(std::string_view first, Next next);
template <class Next, class KeyOf>
PhraseMatch match_phrase(std::string_view first, Next next, KeyOf key_of);

// `a` equals the lower-case literal ignoring ASCII case. Inline: most calls differ in length.
inline bool eq_ci(std::string_view a, std::string_view lower_lit) {
    if (a.size() != lower_lit.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        const char c = a[i];
        if (((c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c) != lower_lit[i]) return false;
    }
    return true;
}

struct Phrase {
    std::string_view words[5];
    uint32_t n;
    MetricKind kind;
    bool loss;
    // Each word's key as the tokenizer folds a word (bytes 0-7 and 8-15, zero-padded); {0, 0} for
    // a word of more than 16 bytes, which no keyed token equals.
    uint64_t key_a[5], key_b[5];
};

// Does token k of a phrase match its word w? A keyed token (Document::keys, a != 0) compares its
// key, which is the token lower-cased: equal exactly when eq_ci(token text, w) holds. Others
// compare their text.
template <class Next, class KeyOf>
bool phrase_word_matches(const Phrase& ph, uint32_t k, Next& next, KeyOf& key_of) {
    if (const WordKey* key = key_of(k); key && key->a != 0) return key->a == ph.key_a[k] && key->b == ph.key_b[k];
    return eq_ci(next(k), ph.words[k]);
}

// The phrases whose first word starts with the first letter of `first` (any case) and has its length.
const Phrase* phrases_starting(std::string_view first, size_t& count);

// Can a token starting with byte c be the second word of a phrase? Every phrase has two words or
// more, so a kind word followed by a token no second word starts like ("revenue $5B") needs no
// phrase lookup. True for c in either case (the lookup compares ignoring case).
bool second_word_may_start(char c);

// `key_of(k)` gives the k-th token's key (k = 0 is `first`), or nullptr (no document: texts only).
template <class Next, class KeyOf>
PhraseMatch match_phrase(std::string_view first, Next next, KeyOf key_of) {
    size_t count = 0;
    const Phrase* ps = phrases_starting(first, count);
    PhraseMatch best;
    auto first_of = [first](uint32_t) { return first; };
    for (size_t p = 0; p < count; ++p) {
        const Phrase& ph = ps[p];
        if (ph.n <= best.tokens || !phrase_word_matches(ph, 0, first_of, key_of)) continue;
        bool ok = true;
        for (uint32_t k = 1; k < ph.n && ok; ++k) ok = phrase_word_matches(ph, k, next, key_of);
        if (ok) best = {ph.n, ph.kind, ph.loss};
    }
    return best;
}

template <class Next>
PhraseMatch match_phrase(std::string_view first, Next next) {
    return match_phrase(first, next, [](uint32_t) -> const WordKey* { return nullptr; });
}

}  // namespace herald::analysis::words
