// One pass over a document's tokens fills both the alias ids EntityFinder::match reads and the
// lexicon ids and marks SentenceComposer::score reads. The two tables' short words are joined
// in one open-addressing table, so a keyed word costs one filter test and at most one probe
// for both (separately, the lookups were a third of the instructions of entities + sentiment).
#include "herald/analysis/entity_sentiment.hpp"

#include "entities_internal.hpp"
#include "sentiment_internal.hpp"

namespace herald::analysis {

struct EntitySentiment::JointTable {
    struct Slot {
        uint64_t a = 0, b = 0;  // folded key, as WordTable's
        uint32_t len = 0;       // 0: empty slot
        uint32_t lexicon = detail::kNoWord, alias = detail::kNoWord;
        bool alias_lower = false;  // may start an alias in lowercase ("it", "iPhone")
    };
    std::vector<Slot> slots;
    // One bit per hash bucket, as WordTable's filter: most words are in neither table.
    static constexpr size_t kFilterBits = size_t{1} << 16;
    std::vector<uint64_t> filter = std::vector<uint64_t>(kFilterBits / 64, 0);

    static uint32_t filter_bit(uint64_t h) { return static_cast<uint32_t>(h >> 40) & (kFilterBits - 1); }

    JointTable(const detail::WordTable& lexicon, const AliasTable::Impl& alias_table) {
        const detail::WordTable& aliases = alias_table.words;
        size_t cap = 1024;
        while (cap < 2 * (lexicon.size() + aliases.size())) cap *= 2;
        slots.assign(cap, Slot{});
        for (uint32_t id = 0; id < lexicon.size(); ++id)
            if (Slot* s = add(lexicon.word(id))) s->lexicon = id;
        for (uint32_t id = 0; id < aliases.size(); ++id)
            if (Slot* s = add(aliases.word(id))) {
                const std::string_view w = aliases.word(id);
                s->alias = id;
                s->alias_lower = alias_table.may_start_lower(static_cast<unsigned char>(w[0]), w.size());
            }
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
                s.a = k.a;
                s.b = k.b;
                s.len = k.len;
                return &s;
            }
            if (s.a == k.a && s.b == k.b && s.len == k.len) return &s;
        }
    }

    // Raw pointers for the token loop: its stores through uint32_t pointers would otherwise make
    // the compiler reload the vectors' data pointers for every token.
    struct View {
        const uint64_t* filter;
        const Slot* slots;
        size_t mask;
        // The slot of a keyed token, or null when the word is in neither table.
        const Slot* find(const WordKey& key, uint32_t len) const {
            const uint32_t bit = filter_bit(key.hash);
            if (!((filter[bit >> 6] >> (bit & 63)) & 1)) return nullptr;
            for (size_t i = key.hash & mask;; i = (i + 1) & mask) {
                const Slot& s = slots[i];
                if (s.len == 0) return nullptr;
                if (s.a == key.a && s.b == key.b && s.len == len) return &s;
            }
        }
    };
    View view() const { return {filter.data(), slots.data(), slots.size() - 1}; }
};

namespace {

// A keyed token's alias id as the joint lookup found and filtered it.
struct Found {
    static constexpr bool kFiltered = true;
    uint32_t id;
    uint32_t operator()() const { return id; }
};

}  // namespace

EntitySentiment::EntitySentiment(std::shared_ptr<const Lexicon> lexicon, std::shared_ptr<const AliasTable> aliases)
    : finder_(aliases),
      scorer_(lexicon),
      joint_(std::make_unique<const JointTable>(lexicon->impl().words, aliases->impl())) {}
EntitySentiment::~EntitySentiment() = default;

void EntitySentiment::find_entities(const Document& doc, std::vector<Mention>& out) {
    index(doc);
    finder_.match(doc, out);
}

void EntitySentiment::score(const Document& doc, const std::vector<Mention>& mentions,
                            const std::vector<Metric>& metrics, Analysis& out, Explanation* explain) {
    const bool fresh = indexed_doc_ == &doc && indexed_event_ == &doc.event() &&
                       indexed_tokens_ == doc.tokens.data() && indexed_count_ == doc.tokens.size();
    indexed_doc_ = nullptr;  // used once: the next document is indexed again
    if (fresh)
        scorer_.aggregate(doc, mentions, metrics, out, explain);
    else
        scorer_.score(doc, mentions, metrics, out, explain);
}

void EntitySentiment::index(const Document& doc) {
    const AliasTable::Impl& aliases = finder_.aliases_->impl();
    const Lexicon::Impl& lexicon = scorer_.lexicon_->impl();
    EntityFinder::Scratch& es = *finder_.scratch_;
    SentenceComposer& composer = scorer_.composer();
    const size_t n = doc.tokens.size();
    es.ids.resize(n);
    es.hits.resize(n + 1);
    std::string_view fields[4];
    for (Field f : kTextFields) fields[static_cast<int>(f)] = doc.event().field(f);
    // Raw pointers: the loop writes ids while reading tokens, and must not reload either.
    const Token* toks = doc.tokens.data();
    const WordKey* keys = doc.keys.data();
    uint32_t* alias_ids = es.ids.data();
    uint32_t* hits = es.hits.data();
    uint32_t* lexicon_ids = composer.ids(n);
    uint32_t* marks = composer.marks(n);
    const JointTable::View joint = joint_->view();
    const uint8_t* active = lexicon.word_active.data();
    size_t nh = 0, m = 0;
    uint32_t prev = detail::kNoWord;
    for (size_t i = 0; i < n; ++i) {
        const Token& t = toks[i];
        const WordKey& key = keys[i];
        const std::string_view field = fields[static_cast<int>(t.field)];
        uint32_t lexicon_id = detail::kNoWord, alias_id = detail::kNoWord;
        if (t.kind == TokenKind::word) {
            if (key.a != 0) {
                if (const JointTable::Slot* s = joint.find(key, t.end - t.begin)) {
                    lexicon_id = s->lexicon;
                    // Only words that can start or continue an alias count (see alias_token_id).
                    const bool counts = t.capitalized | (prev != detail::kNoWord) | s->alias_lower;
                    alias_id = s->alias | (counts ? 0u : detail::kNoWord);  // kNoWord is all ones
                }
            } else {
                lexicon_id = lexicon.words.find(field.substr(t.begin, t.end - t.begin));
            }
        }
        alias_id = alias_token_id(aliases, field, t, key, prev, Found{alias_id});
        prev = alias_ids[i] = alias_id;
        hits[nh] = static_cast<uint32_t>(i);  // written always, kept only for a hit: no branch
        nh += alias_id != detail::kNoWord;

        lexicon_ids[i] = lexicon_id;
        marks[m] = static_cast<uint32_t>(i);
        m += SentenceComposer::visits(active, field, t, lexicon_id);
    }
    hits[nh] = UINT32_MAX;
    finder_.read_cashtags(doc);
    finder_.read_hints(doc);
    composer.indexed(m);
    indexed_doc_ = &doc;
    indexed_event_ = &doc.event();
    indexed_tokens_ = doc.tokens.data();
    indexed_count_ = n;
}

}  // namespace herald::analysis
