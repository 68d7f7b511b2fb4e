// One pass over a document's tokens fills the alias ids EntityFinder::match reads, the
// lexicon ids and marks SentenceComposer::score reads and the event table's ids and cues
// EventTypeClassifier reads. The tables' short words are joined in one open-addressing table,
// so a keyed word costs one filter test and at most one probe for all of them (separately, the
// lookups were a third of the instructions of entities + sentiment, and most of the event
// classifier's).
#include "herald/analysis/entity_sentiment.hpp"

#include "entities_internal.hpp"
#include "event_types_impl.hpp"
#include "joint_slot.hpp"
#include "sentiment_internal.hpp"

namespace herald::analysis {

struct EntitySentiment::JointTable {
    using Slot = detail::JointSlot;
    std::vector<Slot> slots;
    static constexpr size_t kFilterBits = detail::JointProbe::kFilterBits;
    std::vector<uint64_t> filter = std::vector<uint64_t>(kFilterBits / 64, 0);
    static uint32_t filter_bit(uint64_t h) { return detail::JointProbe::filter_bit(h); }
    detail::JointProbe probe;  // over filter and slots, set once they are filled

    // The event table's id of a one-byte symbol token ("%", "$"), by its byte.
    uint32_t symbol_event[256];
    // By folded first byte: the event table has a word that a token without a key (longer than
    // 16 bytes, or not ASCII: "won’t" folds to "won't") may be.
    bool keyless_event_start[256] = {};

    // The constant tables' columns (JointSlot::word indexes them; row 0: in none). Fewer rows than
    // those tables have slots (1,024 + 512 + 256), so a uint16_t row number holds every one.
    std::vector<detail::JointWord> words = std::vector<detail::JointWord>(1);

    JointTable(const Lexicon::Impl& lexicon_impl, const AliasTable::Impl& alias_table, const detail::WordTable* events) {
        const detail::WordTable& lexicon = lexicon_impl.words;
        const detail::WordTable& aliases = alias_table.words;
        const size_t event_words = events ? events->size() : 0;
        size_t constant_words = 0;
        each_constant_word([](std::string_view, const detail::JointWord&, void* n) { ++*static_cast<size_t*>(n); },
                           &constant_words);
        size_t cap = 1024;
        while (cap < 2 * (lexicon.size() + aliases.size() + event_words + constant_words)) cap *= 2;
        slots.assign(cap, Slot{});
        for (uint32_t id = 0; id < lexicon.size(); ++id)
            if (Slot* s = add(lexicon.word(id))) {
                s->lexicon = id;
                if (lexicon_impl.word_active[id + 1]) s->bits |= Slot::kTermActive;
            }
        for (uint32_t id = 0; id < aliases.size(); ++id)
            if (Slot* s = add(aliases.word(id))) {
                const std::string_view w = aliases.word(id);
                s->alias = id;
                if (alias_table.may_start_lower(static_cast<unsigned char>(w[0]), w.size())) s->bits |= Slot::kAliasLower;
            }
        for (uint32_t id = 0; id < event_words; ++id) {
            const std::string_view w = events->word(id);
            if (Slot* s = add(w)) s->event = id;
            // Folded, stored words: a keyless token folds to one when it is long, holds a "'"
            // (from "’") or is not ASCII.
            bool keyless = w.size() > 16;
            for (char ch : w) keyless |= ch == '\'' || static_cast<unsigned char>(ch) >= 0x80;
            if (keyless) keyless_event_start[static_cast<unsigned char>(w[0])] = true;
        }
        for (int c = 0; c < 256; ++c) {
            const char ch = static_cast<char>(c);
            symbol_event[c] = events ? events->find(std::string_view(&ch, 1)) : detail::kNoWord;
        }
        each_constant_word([](std::string_view w, const detail::JointWord& columns, void* self) {
            static_cast<JointTable*>(self)->add_columns(w, columns);
        }, this);
        probe = {filter.data(), slots.data(), slots.size() - 1, words.data()};
    }

    static void each_constant_word(detail::AddWord add, void* ctx) {
        detail::each_metric_word(add, ctx);
        detail::each_sketch_stop_word(add, ctx);
        detail::each_number_word(add, ctx);
    }

    // A constant table's columns of word w, OR-ed into its row (made on first use).
    void add_columns(std::string_view w, const detail::JointWord& c) {
        Slot* s = add(w);
        if (!s) return;  // longer words: only keyless tokens, which the passes look up by text
        if (s->word == 0) {
            s->word = static_cast<uint16_t>(words.size());
            words.emplace_back();
        }
        detail::JointWord& r = words[s->word];
        r.metric_flags |= c.metric_flags;
        r.metric_cues |= c.metric_cues;
        r.metric_kind |= c.metric_kind;  // one table (the metric words') sets kind and role
        r.metric_role |= c.metric_role;
        r.period_start |= c.period_start;
        r.sketch_stop |= c.sketch_stop;
        if (c.sketch_stop) s->bits |= Slot::kSketchStop;
        r.number_word |= c.number_word;
    }

    // The slot of a table word, or null for a word without a short key (long, non-ASCII):
    // tokens like it have no key either and are looked up in each table by their text.
    Slot* add(std::string_view word) {
        detail::ShortKey k;
        if (!detail::short_key(word, k)) return nullptr;
        const uint64_t h = detail::key_hash(k);
        filter[filter_bit(h) >> 6] |= uint64_t{1} << (filter_bit(h) & 63);
        const size_t mask = slots.size() - 1;
        for (size_t i = h & mask;; i = (i + 1) & mask) {
            Slot& s = slots[i];
            if (s.len == 0) {
                s.bits = Slot::kKeyed;
                s.a = k.a;
                s.b = k.b;
                s.len = static_cast<uint8_t>(k.len);
                return &s;
            }
            if (s.a == k.a && s.b == k.b && s.len == k.len) return &s;
        }
    }

    // Raw pointers for the token loop: its stores through uint32_t pointers would otherwise make
    // the compiler reload the vectors' data pointers for every token.
    struct View {
        detail::JointProbe probe;
        const uint32_t* symbol_event;
        const bool* keyless_event_start;
        const Slot* find(const WordKey& key, uint32_t len) const { return probe.find(key, len); }
        // A keyed word (nearly every word): its lexicon id, from the same probe its alias id
        // (kNoWord unless the word may start or continue an alias here, alias_token_id's rule),
        // whether the composer visits it (the lexicon's word_active, a bit of the slot: no load
        // by the id) and its event cue, appended at `cue`; all without a branch, a word in no
        // table too (its empty ids give kNoWord and no cue).
        // `s` is the word's slot's ids (the tokenizer's Document::slots, or probe_tokens).
        [[gnu::always_inline]] uint32_t keyed_word(const Token& t, const detail::JointIds& s, size_t i, uint32_t prev,
                                                  EventTokenIds::Cue*& cue, uint32_t& alias_id, bool& active) const {
            *cue = {static_cast<uint32_t>(i), s.event};  // written always, kept when it is one
            cue += s.event != detail::kNoWord;
            const bool counts = t.capitalized | (prev != detail::kNoWord) | ((s.bits & Slot::kAliasLower) != 0);
            alias_id = s.alias | (counts ? 0u : detail::kNoWord);  // kNoWord is all ones
            active = (s.bits & Slot::kTermActive) != 0;
            return s.lexicon;
        }
        // What the rare tokens give: a lexicon id and where the next cue goes.
        struct Rare {
            uint32_t lexicon;
            EventTokenIds::Cue* cue;
        };
        Rare keyless_word(const detail::WordTable& lexicon, const detail::WordTable* events, std::string_view w, size_t i,
                          EventTokenIds::Cue* cue) const;
        EventTokenIds::Cue* symbol(const detail::WordTable* events, std::string_view w, size_t i,
                                   EventTokenIds::Cue* cue) const;
    };
    View view() const { return {probe, symbol_event, keyless_event_start}; }
};

namespace {

// A keyed token's alias id as the joint lookup found and filtered it.
struct Found {
    static constexpr bool kFiltered = true;
    uint32_t id;
    uint32_t operator()() const { return id; }
};

// A cue of a token without a key or of a symbol: out of the token loop's common path.
[[gnu::noinline]] EventTokenIds::Cue* rare_cue(EventTokenIds::Cue* cue, size_t token, uint32_t event_id) {
    if (event_id == detail::kNoWord) return cue;
    *cue = {static_cast<uint32_t>(token), event_id};
    return cue + 1;
}

}  // namespace

// A word without a key (long, or not ASCII): looked up by its text in each table.
[[gnu::always_inline]] inline EntitySentiment::JointTable::View::Rare EntitySentiment::JointTable::View::keyless_word(
    const detail::WordTable& lexicon, const detail::WordTable* events, std::string_view w, size_t i,
    EventTokenIds::Cue* cue) const {
    detail::ShortKey k;
    if (detail::short_key(w, k)) {
        // A short ASCII word without a key (the tokenizer keys every one since it stopped
        // dropping the key of a word before "’"; kept for documents built elsewhere): keyed
        // here, one probe as for the others.
        const Slot* s = find({k.a, k.b, detail::key_hash(k)}, k.len);
        return {s ? s->lexicon : detail::kNoWord, rare_cue(cue, i, s ? s->event : detail::kNoWord)};
    }
    const uint32_t id = lexicon.find(w);
    if (events && keyless_event_start[static_cast<unsigned char>(detail::fold_char(w[0]))])
        cue = rare_cue(cue, i, events->find(w));
    return {id, cue};
}

// A symbol token's event cue ("%", "$": by its byte).
[[gnu::always_inline]] inline EventTokenIds::Cue* EntitySentiment::JointTable::View::symbol(
    const detail::WordTable* events, std::string_view w, size_t i, EventTokenIds::Cue* cue) const {
    const uint32_t event_id = w.size() == 1 ? symbol_event[static_cast<unsigned char>(w[0])]
                              : events     ? events->find(w)
                                           : detail::kNoWord;
    return rare_cue(cue, i, event_id);
}

EntitySentiment::EntitySentiment(std::shared_ptr<const Lexicon> lexicon, std::shared_ptr<const AliasTable> aliases,
                                 std::shared_ptr<const EventTypeTable> event_types)
    : finder_(aliases),
      scorer_(lexicon),
      event_types_(std::move(event_types)),
      joint_(std::make_unique<const JointTable>(lexicon->impl(), aliases->impl(),
                                                event_types_ ? &event_types_->impl().words : nullptr)) {}
EntitySentiment::~EntitySentiment() = default;

const detail::JointProbe* EntitySentiment::key_probe() const { return &joint_->probe; }

void EntitySentiment::find_entities(const Document& doc, std::vector<Mention>& out) {
    index(doc);
    finder_.match(doc, out);
}

void EntitySentiment::score(const Document& doc, const std::vector<Mention>& mentions,
                            const std::vector<Metric>& metrics, Analysis& out, Explanation* explain) {
    const bool fresh = indexed_.of(doc);
    indexed_ = {};  // used once: the next document is indexed again
    if (fresh)
        scorer_.aggregate(doc, mentions, metrics, out, explain);
    else
        scorer_.score(doc, mentions, metrics, out, explain);
    scored_.set(doc);  // either way the composer holds this document's lookups
}

void EntitySentiment::explain_sentences(const Document& doc, const std::vector<Mention>& mentions,
                                        const std::vector<Metric>& metrics, Explanation& explain) {
    const bool fresh = indexed_.of(doc);
    indexed_ = {};
    if (!fresh) index(doc);
    scorer_.explain_sentences(doc, mentions, metrics, explain);
}

void EntitySentiment::explain_scored(const Document& doc, const std::vector<Mention>& mentions,
                                     const std::vector<Metric>& metrics, Explanation& explain) {
    if (!scored_.of(doc)) return explain_sentences(doc, mentions, metrics, explain);
    scorer_.explain_sentences(doc, mentions, metrics, explain);
}

// The tokenizer's probe, for a document built without it: a walk of its own, so the token
// loop of index() reads slots the same way for every document.
const detail::JointIds* EntitySentiment::probe_tokens(const Document& doc) {
    const size_t n = doc.tokens.size();
    slots_.resize(n);
    for (size_t i = 0; i < n; ++i) {
        const Token& t = doc.tokens[i];
        const WordKey& key = doc.keys[i];
        const bool keyed = t.kind == TokenKind::word && key.a != 0;
        const detail::JointSlot* s = keyed ? joint_->probe.find(key, t.end - t.begin) : nullptr;
        slots_[i] = s ? detail::JointIds(*s) : keyed ? detail::kKeyedNoIds : detail::JointIds{};
    }
    return slots_.data();
}

void EntitySentiment::index(const Document& doc) {
    const AliasTable::Impl& aliases = finder_.aliases_->impl();
    const Lexicon::Impl& lexicon = scorer_.lexicon_->impl();
    EntityFinder::Scratch& es = *finder_.scratch_;
    SentenceComposer& composer = scorer_.composer();
    const size_t n = doc.tokens.size();
    es.ids.resize(n);
    es.hits.resize(n + 1);
    const detail::WordTable* events = event_types_ ? &event_types_->impl().words : nullptr;
    event_tokens_.reserve(n);
    std::string_view fields[4];
    for (Field f : kTextFields) fields[static_cast<int>(f)] = doc.event().field(f);
    // Raw pointers: the loop writes ids while reading tokens, and must not reload either.
    const Token* toks = doc.tokens.data();
    // A token without the ids' kKeyed bit has no key (the tokenizer and probe_tokens give every
    // keyed word the bit): the loop does not read the keys, one pointer fewer to keep (session 22).
    static constexpr WordKey kNoKey{};
    uint32_t* alias_ids = es.ids.data();
    uint32_t* hits = es.hits.data();
    uint32_t* lexicon_ids = composer.ids(n);
    uint32_t* marks = composer.marks(n);
    EventTokenIds::Cue* const cues = event_tokens_.cues.data();
    EventTokenIds::Cue* cue = cues;  // the next cue goes here
    const JointTable::View joint = joint_->view();
    // The slots the tokenizer found when it probed this table (the Analyzer's documents).
    const detail::JointIds* slots = doc.probed_by() == &joint_->probe ? doc.slots.data() : probe_tokens(doc);
    const uint8_t* active = lexicon.word_active.data();
    size_t nh = 0, m = 0;
    uint32_t prev = detail::kNoWord;
    for (size_t i = 0; i < n; ++i) {
        const Token& t = toks[i];
        const std::string_view field = fields[static_cast<int>(t.field)];
        uint32_t lexicon_id = detail::kNoWord, alias_id = detail::kNoWord;
        bool visit = false;  // SentenceComposer::visits
        // A keyed word (the ids' kKeyed bit: its key is not read here) takes no call of
        // alias_token_id: its alias id is the filtered one, or the possessive's.
        if (slots[i].bits & detail::JointSlot::kKeyed) {  // only a word's ids have the bit
            lexicon_id = joint.keyed_word(t, slots[i], i, prev, cue, alias_id, visit);
            // A capitalised word ending in "s" that is no alias itself: its stem may be one. One
            // rare test (as a branch on the alias id alone, gcc made the alias filter above a
            // branch too, mispredicted for one keyed word in seven; session 22).
            if ((alias_id == detail::kNoWord) & t.capitalized & (field[t.end - 1] == 's')) [[unlikely]]
                alias_id = possessive_alias(aliases, field, t);
        } else {
            if (t.kind == TokenKind::word) [[unlikely]] {
                const auto r = joint.keyless_word(lexicon.words, events, field.substr(t.begin, t.end - t.begin), i, cue);
                lexicon_id = r.lexicon;
                cue = r.cue;
            } else if (t.kind == TokenKind::symbol) [[unlikely]] {
                cue = joint.symbol(events, field.substr(t.begin, t.end - t.begin), i, cue);
            }
            visit = SentenceComposer::visits(active, field, t, lexicon_id);
            alias_id = alias_token_id(aliases, field, t, kNoKey, prev, Found{alias_id});
        }
        prev = alias_ids[i] = alias_id;
        hits[nh] = static_cast<uint32_t>(i);  // written always, kept only for a hit: no branch
        nh += alias_id != detail::kNoWord;
        lexicon_ids[i] = lexicon_id;
        marks[m] = static_cast<uint32_t>(i);
        m += visit;
    }
    hits[nh] = UINT32_MAX;
    // What the finder, the event classifier and the composer read next.
    event_tokens_.cue_count = static_cast<size_t>(cue - cues);
    if (event_types_) event_tokens_.mark_filled(doc, *event_types_);
    finder_.read_cashtags(doc);
    finder_.read_hints(doc);
    composer.indexed(m);
    indexed_.set(doc);
    scored_ = {};  // the composer's lookups are this document's now
}

}  // namespace herald::analysis
