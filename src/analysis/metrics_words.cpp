// Lookups over the metric extractor's word tables (metrics_word_entries.hpp and the kind
// catalogue), built once at start-up.
#include "metrics_words.hpp"

#include <array>

#include "joint_slot.hpp"
#include "lexicon_vocab.hpp"
#include "metric_kinds.hpp"
#include "metrics_word_entries.hpp"
#include "numbers.hpp"
#include "periods.hpp"
#include "segments.hpp"

namespace herald::analysis::words {

namespace {

using entries::Entry;
using entries::kEntries;
using K = MetricKind;

// The kind catalogue's words as table entries and phrases, derived at compile time: a single word
// is a kind word (kKind, kLoss for a loss word, kForecast for a forecast kind), a phrase's first
// word gets kPhrase. kNotMetrics' words are kind words of the kind kNotMetric.
struct Source {
    std::string_view words;
    MetricKind kind;
    bool loss;
    bool forecast;
};

constexpr std::array<Source, 2 * std::size(kinds::kRows) + 1> kSources = [] {
    std::array<Source, 2 * std::size(kinds::kRows) + 1> out{};
    size_t n = 0;
    for (const kinds::Row& r : kinds::kRows) {
        out[n++] = {r.words, r.kind, false, r.forecast};
        out[n++] = {r.loss_words, r.kind, true, r.forecast};
    }
    out[n] = {kinds::kNotMetrics, kNotMetric, false, false};
    return out;
}();

constexpr bool is_phrase(std::string_view p) { return p.find(' ') != std::string_view::npos; }

constexpr size_t count_of(bool phrases) {
    size_t n = 0;
    for (const Source& src : kSources) kinds::each_phrase(src.words, [&](std::string_view p) { n += is_phrase(p) == phrases; });
    return n;
}

// One entry per single kind word and one per phrase (its first word).
constexpr auto kKindEntries = [] {
    std::array<Entry, count_of(false) + count_of(true)> out{};
    size_t n = 0;
    for (const Source& src : kSources)
        kinds::each_phrase(src.words, [&](std::string_view p) {
            if (is_phrase(p))
                out[n++] = {p.substr(0, p.find(' ')), kPhrase, K::revenue};
            else
                out[n++] = {p, kKind | (src.loss ? kLoss : 0u) | (src.forecast ? kForecast : 0u), src.kind};
        });
    return out;
}();

constexpr auto kPhrases = [] {
    std::array<Phrase, count_of(true)> out{};
    size_t n = 0;
    for (const Source& src : kSources)
        kinds::each_phrase(src.words, [&](std::string_view p) {
            if (!is_phrase(p)) return;
            Phrase& ph = out[n++];
            ph.kind = src.kind;
            ph.loss = src.loss;
            ph.n = 0;
            for (size_t b = 0; b <= p.size();) {
                size_t e = p.find(' ', b);
                if (e == std::string_view::npos) e = p.size();
                const std::string_view w = p.substr(b, e - b);
                ph.key_a[ph.n] = ph.key_b[ph.n] = 0;
                if (w.size() <= 16)
                    for (size_t i = 0; i < w.size(); ++i)
                        (i < 8 ? ph.key_a[ph.n] : ph.key_b[ph.n]) |= uint64_t{static_cast<unsigned char>(w[i])} << (8 * (i % 8));
                ph.words[ph.n++] = w;
                b = e + 1;
            }
        });
    return out;
}();

constexpr bool phrases_fit() {
    for (const Source& src : kSources) {
        bool ok = true;
        kinds::each_phrase(src.words, [&](std::string_view p) {
            size_t words = 1;
            for (char c : p) words += c == ' ';
            ok = ok && !p.empty() && words <= std::size(Phrase{}.words);
        });
        if (!ok) return false;
    }
    return true;
}
static_assert(phrases_fit(), "a kind phrase has at most 5 words and none is empty");

// Every entry: the fixed words above, then the catalogue's.
template <class F>
void each_entry(F f) {
    for (const auto& e : kEntries) f(e);
    for (const auto& e : kKindEntries) f(e);
}

// ASCII lower-case copy into a fixed buffer; longer words are not in the tables.
bool lower_into(std::string_view w, char* buf, size_t cap, std::string_view& out) {
    if (w.size() > cap) return false;
    for (size_t i = 0; i < w.size(); ++i) buf[i] = num::lower(w[i]);
    out = {buf, w.size()};
    return true;
}

// The words of the Cue bits.
struct CueWord {
    std::string_view word;
    uint32_t cues;
};

constexpr CueWord kCueWords[] = {
    {"and", kCueAnd | kCueTagged}, {"or", kCueOr}, {"with", kCueWith}, {"compared", kCueCompared | kCueComparison},
    {"from", kCueComparison}, {"versus", kCueComparison}, {"vs", kCueComparison}, {"over", kCueComparison | kCueOverOn},
    {"on", kCueOverOn}, {"prior-year", kCueYearAgo}, {"year-ago", kCueYearAgo}, {"year-earlier", kCueYearAgo},
    {"previous-year", kCueYearAgo}, {"prior-quarter", kCueQuarterAgo}, {"previous-quarter", kCueQuarterAgo},
    {"annualized", kCueAnnualized}, {"annualised", kCueAnnualized}, {"year", kCueYear}, {"quarter", kCueQuarter},
    {"last", kCueBefore}, {"previous", kCueBefore}, {"prior", kCueBefore}, {"earlier", kCueEarlier},
    {"ago", kCueAgo}, {"same", kCueSame}, {"corresponding", kCueSame}, {"period", kCuePeriod},
    {"respectively", kCueRespectively}, {"to", kCueTo | kCueTagged}, {"of", kCueOf}, {"about", kCueAbout}, {"around", kCueAbout},
    {"roughly", kCueAbout}, {"approximately", kCueAbout}, {"nearly", kCueAbout}, {"almost", kCueAbout},
    {"in", kCueIn}, {"total", kCueTotal}, {"consolidated", kCueTotal}, {"group", kCueTotal}, {"overall", kCueTotal},
    {"according", kCueSource}, {"said", kCueSource}, {"showed", kCueSource}, {"show", kCueSource}, {"shows", kCueSource},
    {"sold", kCueSold}, {"sells", kCueSold}, {"sell", kCueSold}, {"selling", kCueSold},
    {"double", kCueMultiple}, {"triple", kCueMultiple}, {"quadruple", kCueMultiple}, {"twice", kCueMultiple},
    {"doubling", kCueMultiple}, {"tripling", kCueMultiple},
    {"by", kCueTagged}, {"as", kCueTagged}, {"after", kCueTagged},
};

// Open-addressing hash table over the lower-cased words, built once; lookups do not allocate.
constexpr size_t kSlots = 1024;

uint32_t hash_of(std::string_view w) {
    uint32_t h = 2166136261u;
    for (char c : w) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return h;
}

struct Table {
    std::array<Entry, kSlots> slots{};
    Table() {
        each_entry([this](const Entry& e) {
            size_t i = hash_of(e.word) & (kSlots - 1);
            while (!slots[i].word.empty() && slots[i].word != e.word) i = (i + 1) & (kSlots - 1);
            if (slots[i].word.empty()) {
                slots[i] = e;
            } else {  // a word listed in two groups keeps every flag
                slots[i].flags |= e.flags;
                if (e.flags & kKind) slots[i].kind = e.kind;
                if (e.role != Role::none) slots[i].role = e.role;
                // A role's kind ("customers": subscribers) where no kind word sets one.
                if (e.role != Role::none && !(slots[i].flags & kKind)) slots[i].kind = e.kind;
            }
        });
    }
};

const Table& table() {
    static const Table t;
    return t;
}

// The words of up to 16 bytes by their folded key (the tokenizer's WordKey), for the per-token
// probe: 1,024 slots for about 470 words, so a word that is not listed (most) usually ends on the
// first slot. The key pair alone identifies the word (words hold no zero byte).
struct KeyTable {
    struct Slot {
        uint64_t a = 0, b = 0;
        // Its flags, kind, role, cues and period_start, as the joint table's columns hold them (a
        // document built with the joint probe reads those instead of probing here).
        detail::JointWord word;
    };
    static constexpr size_t kN = 1024;
    std::array<Slot, kN> slots{};
    static size_t index(uint64_t a, uint64_t b) {
        return static_cast<size_t>(((a * 0x9E3779B97F4A7C15ull) ^ (b * 0xC2B2AE3D27D4EB4Full)) >> 54);
    }
    KeyTable() {
        static_assert(kN == size_t{1} << (64 - 54));
        each_entry([this](const Entry& e) {
            Slot* s = insert(e.word);
            if (!s) return;  // longer words: only keyless tokens, which take the text path
            detail::JointWord& w = s->word;
            w.metric_flags |= e.flags;  // a word listed in two groups keeps every flag
            if (e.flags & kKind) w.metric_kind = static_cast<uint8_t>(e.kind);
            if (e.role != Role::none) w.metric_role = static_cast<uint8_t>(e.role);
            if (e.role != Role::none && !(w.metric_flags & kKind)) w.metric_kind = static_cast<uint8_t>(e.kind);
        });
        for (std::string_view w : periods::kStartWords) insert(w)->word.period_start = true;
        for (const CueWord& c : kCueWords) insert(c.word)->word.metric_cues |= c.cues;
        // From the role a word ends with (a word listed twice keeps the last role), so that the
        // OR of a sentence's cues tells pledge_kind whether any of its words can make a pledge.
        for (Slot& s : slots) {
            if (s.a != 0 && spending_role(static_cast<Role>(s.word.metric_role))) s.word.metric_cues |= kCueSpending;
            if (s.a != 0 && counted_role(static_cast<Role>(s.word.metric_role))) s.word.metric_cues |= kCueCounted;
            // likewise for a projection restated ("reaffirmed", "still")
            if (s.a != 0 && static_cast<Role>(s.word.metric_role) == Role::reaffirm) s.word.metric_cues |= kCueReaffirm;
            // tag_tokens' words (kCueTagged): its stop words are listed in kCueWords
            if (s.a != 0 && (s.word.metric_flags & (kForecast | kComparator))) s.word.metric_cues |= kCueTagged;
        }
        segments::each_joint_word([](std::string_view w, void* self) {
            static_cast<KeyTable*>(self)->insert(w)->word.metric_cues |= kCueJoint;
        }, this);
    }
    Slot* insert(std::string_view word) {
        detail::ShortKey k;
        if (!detail::short_key(word, k)) return nullptr;
        size_t i = index(k.a, k.b);
        while (slots[i].a != 0 && !(slots[i].a == k.a && slots[i].b == k.b)) i = (i + 1) & (kN - 1);
        slots[i].a = k.a;
        slots[i].b = k.b;
        return &slots[i];
    }
    // The columns of a keyed token (a != 0): an empty row when the word is not listed.
    const detail::JointWord& find(const WordKey& k) const {
        for (size_t i = index(k.a, k.b);; i = (i + 1) & (kN - 1)) {
            const Slot& s = slots[i];
            if (s.a == k.a && s.b == k.b) return s.word;
            if (s.a == 0) return kNone;
        }
    }
    static constexpr detail::JointWord kNone{};
};

const KeyTable& key_table() {
    static const KeyTable t;
    return t;
}

// kPhrases grouped by the first letter and the length of their first word, built at compile
// time. The longest matching phrase wins and two phrases never match the same tokens with the same
// length, so the order inside the table does not matter and a lookup needs only its group: a
// token compares with the few phrases whose first word can equal it ("revenue" with "revenue
// guidance" and "revenue backlog", not with "run rate" or "retail sales").
constexpr size_t kPhraseLetters = 27;
constexpr size_t kPhraseLengths = 17;  // first words of 16 bytes and more share the last group
constexpr size_t kPhraseGroups = kPhraseLetters * kPhraseLengths;
constexpr size_t group_of(char c, size_t len) {
    const size_t letter = c >= 'a' && c <= 'z' ? static_cast<size_t>(c - 'a') : 26;
    return letter * kPhraseLengths + (len < kPhraseLengths ? len : kPhraseLengths - 1);
}
constexpr size_t group_of(std::string_view w) { return group_of(w.empty() ? '\0' : num::lower(w[0]), w.size()); }

struct PhraseIndex {
    std::array<Phrase, std::size(kPhrases)> sorted{};
    std::array<uint8_t, kPhraseGroups + 1> start{};
};

constexpr PhraseIndex build_phrase_index() {
    PhraseIndex ix;
    std::array<uint8_t, kPhraseGroups + 1> count{};
    for (const auto& p : kPhrases) ++count[group_of(p.words[0]) + 1];
    for (size_t g = 1; g <= kPhraseGroups; ++g) count[g] = static_cast<uint8_t>(count[g] + count[g - 1]);
    ix.start = count;
    for (const auto& p : kPhrases) ix.sorted[count[group_of(p.words[0])]++] = p;
    return ix;
}

constexpr PhraseIndex kPhraseIndex = build_phrase_index();
static_assert(std::size(kPhrases) < 256);

}  // namespace

// second_word_may_start's bytes: the first byte of each phrase's second word, and its upper case.
constexpr auto kSecondStarts = [] {
    std::array<bool, 256> out{};
    for (const Phrase& p : kPhrases) {
        if (p.n < 2 || p.words[1].empty()) throw "every phrase has a second word";
        const char c = p.words[1][0];
        out[static_cast<unsigned char>(c)] = true;
        if (c >= 'a' && c <= 'z') out[static_cast<unsigned char>(c - 'a' + 'A')] = true;
    }
    return out;
}();

bool second_word_may_start(char c) { return kSecondStarts[static_cast<unsigned char>(c)]; }

const Phrase* phrases_starting(std::string_view first, size_t& count) {
    const size_t g = group_of(first);
    count = kPhraseIndex.start[g + 1] - kPhraseIndex.start[g];
    return kPhraseIndex.sorted.data() + kPhraseIndex.start[g];
}

WordInfo lookup(std::string_view token) {
    char buf[32];
    std::string_view w;
    if (!lower_into(token, buf, sizeof buf, w)) return {};
    const Table& t = table();
    size_t i = hash_of(w) & (kSlots - 1);
    while (!t.slots[i].word.empty()) {
        if (t.slots[i].word == w) return {t.slots[i].flags, t.slots[i].kind, t.slots[i].role};
        i = (i + 1) & (kSlots - 1);
    }
    return {};
}

namespace {

// The metric columns of keyed token t: the joint table's row, read through the slot the tokenizer
// stored, for a document built with its probe (the Analyzer's), else this file's own probe.
struct KeyedColumns {
    const Document& doc;
    const detail::JointProbe* probe = doc.probed_by();
    const KeyTable& kt = key_table();
    const detail::JointWord& operator()(uint32_t t) const {
        return probe ? probe->word(doc.slots[t]) : kt.find(doc.keys[t]);
    }
};

WordInfo info_of(const detail::JointWord& w) {
    return {w.metric_flags, static_cast<MetricKind>(w.metric_kind), static_cast<Role>(w.metric_role)};
}

uint32_t flags_of(const detail::JointWord& w, const WordKey& k) {
    return w.metric_flags | ((w.period_start | periods::may_start_key(k)) ? uint32_t{kPeriodStart} : 0u);
}

}  // namespace

void word_flags(const Document& doc, uint32_t b, uint32_t e, uint32_t* out) {
    const KeyedColumns columns{doc};
    const Token* toks = doc.tokens.data();
    const WordKey* keys = doc.keys.data();
    for (uint32_t t = b; t < e; ++t) {
        uint32_t f = 0;
        if (toks[t].kind == TokenKind::word) {
            if (keys[t].a == 0) {  // no key (long or non-ASCII word): text path
                const std::string_view text = doc.text(toks[t]);
                f = lookup(text).flags | (periods::may_start_text(text) ? uint32_t{kPeriodStart} : 0u);
            } else {
                f = flags_of(columns(t), keys[t]);
            }
        }
        out[t - b] = f;
    }
}

namespace {

// word_flags' walk; with Pick, it also lists the tokens tag_tokens visits (a template: the walk
// without picks pays nothing for them). Returns the OR of the cues, or with Pick the picks' count.
template <bool Pick>
uint32_t flag_walk(const Document& doc, uint32_t b, uint32_t e, uint32_t* out, TokenWord* words, uint32_t* flags_any,
                   uint32_t* cues_any, uint32_t* picks) {
    const KeyedColumns columns{doc};
    const Token* toks = doc.tokens.data();
    const WordKey* keys = doc.keys.data();
    uint32_t any = 0, all_flags = 0, n = 0;
    for (uint32_t t = b; t < e; ++t) {
        uint32_t f = 0;
        TokenWord w;
        const bool word = toks[t].kind == TokenKind::word;
        if (word) {
            if (keys[t].a == 0) {  // no key (long or non-ASCII word): text path, no cue word
                const std::string_view text = doc.text(toks[t]);
                const WordInfo wi = lookup(text);
                f = wi.flags | (periods::may_start_text(text) ? uint32_t{kPeriodStart} : 0u);
                w.kind = wi.kind;
                w.role = static_cast<uint8_t>(wi.role);
                // The cues a keyless word can have: those of its role.
                w.cues = (spending_role(wi.role) ? uint32_t{kCueSpending} : 0u) | (counted_role(wi.role) ? uint32_t{kCueCounted} : 0u) |
                         (wi.role == Role::reaffirm ? uint32_t{kCueReaffirm} : 0u) |
                         (wi.flags & (kForecast | kComparator) ? uint32_t{kCueTagged} : 0u);
            } else {
                const detail::JointWord& c = columns(t);
                f = flags_of(c, keys[t]);
                w.kind = static_cast<MetricKind>(c.metric_kind);
                w.role = c.metric_role;
                w.cues = c.metric_cues;
            }
            if constexpr (Pick) {  // stored always, kept when a tagged word: no branch per word
                picks[n] = t - b;
                n += (w.cues / kCueTagged) & 1u;
            }
        } else if constexpr (Pick) {
            picks[n++] = t - b;
        }
        out[t - b] = f;
        words[t - b] = w;
        any |= w.cues;
        all_flags |= f;
    }
    if (flags_any) *flags_any = all_flags;
    if constexpr (Pick) {
        *cues_any = any;
        return n;
    }
    return any;
}

}  // namespace

uint32_t word_flags(const Document& doc, uint32_t b, uint32_t e, uint32_t* out, TokenWord* words,
                    uint32_t* flags_any) {
    return flag_walk<false>(doc, b, e, out, words, flags_any, nullptr, nullptr);
}

uint32_t word_flags(const Document& doc, uint32_t b, uint32_t e, uint32_t* out, TokenWord* words, uint32_t* flags_any,
                    uint32_t* cues_any, uint32_t* picks) {
    return flag_walk<true>(doc, b, e, out, words, flags_any, cues_any, picks);
}

void each_word(void (*f)(std::string_view word, Role role, void* self), void* self) {
    const Table& t = table();
    for (const Entry& e : t.slots)
        if (!e.word.empty()) f(e.word, e.role, self);
}

WordInfo lookup_token(const Document& doc, uint32_t token) {
    const WordKey& k = doc.keys[token];
    // No key (long or non-ASCII word): the text path keeps its exact-bytes matching.
    if (k.a == 0) return lookup(doc.text(doc.tokens[token]));
    return info_of(KeyedColumns{doc}(token));
}

}  // namespace herald::analysis::words

namespace herald::analysis::detail {

void each_metric_word(AddWord add, void* ctx) {
    for (const auto& s : words::key_table().slots) {
        char buf[16];
        if (s.a != 0) add(key_text(s.a, s.b, buf), s.word, ctx);
    }
}

}  // namespace herald::analysis::detail
