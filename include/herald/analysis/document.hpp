#pragma once
// The tokenized form of an event that every analysis component reads: tokens, sentences and
// paragraphs with byte offsets into the event's fields. Built once per event, reused.
//
//   herald::analysis::Document doc;
//   doc.build(event);
//   for (const auto& s : doc.sentences)
//     for (uint32_t t = s.first_token; t < s.last_token; ++t) use(doc.text(doc.tokens[t]));
#include <cstdint>
#include <memory>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "herald/analysis/event.hpp"

namespace herald::analysis {

enum class TokenKind : uint8_t {
    word,    // letters, digits inside, apostrophes and inner hyphens/dots: "year-over-year", "U.S.", "Q1"
    number,  // starts with a digit: "37.6", "1,173", "2026", "3.3-percent" keeps only "3.3"
    symbol,  // one currency sign or other symbol: "$", "€", "%", "&"
    punct    // . , ; : ! ? ( ) " ' - and the like, one character each
};

struct Token {
    uint32_t begin = 0;  // byte offsets into the field
    uint32_t end = 0;
    Field field = Field::text;
    TokenKind kind = TokenKind::word;
    bool capitalized = false;     // first byte is an ASCII capital letter
    bool space_before = false;    // whitespace (or the field start) precedes the token
};

// The case-folded form of a word token of at most 16 ASCII bytes, computed once by the tokenizer
// so every table lookup of the token (lexicon, aliases, metric words) reuses one fold and one
// hash. `a == 0` means no key (not a word, longer than 16 bytes or not ASCII): look the text up.
struct WordKey {
    uint64_t a = 0, b = 0;  // folded bytes 0-7 and 8-15, little-endian, zero-padded
    uint64_t hash = 0;
};

namespace detail {
struct JointSlot;
struct JointProbe;
// What the joint word table (EntitySentiment's, detail::JointSlot) holds for a word besides its
// key: its lexicon, alias and event ids and its row of the constant tables. The tokenizer copies
// it into the token's place (Document::slots) while the slot it just compared is in L1, so the
// passes after it read the ids in token order instead of the slot again. 16 bytes.
struct JointIds {
    static constexpr uint32_t kNone = UINT32_MAX;  // detail::kNoWord
    uint32_t lexicon = kNone, alias = kNone, event = kNone;
    uint8_t len = 0;    // 0: a word in no table (or no word)
    uint8_t bits = 0;   // JointSlot::kAliasLower, kTermActive, kKeyed
    uint16_t word = 0;  // the row of the constant tables' columns (JointWord), 0: none
};
// std::allocator whose default construction does nothing: Document::build sizes its token buffers
// for a field's worst case (a token per byte), writes each token it finds once and trims the
// rest, without zeroing slots first or checking capacity per token. Only for the trivially
// destructible aggregates Token and WordKey and for pointers (implicit-lifetime types: the
// allocation creates them).
template <class T>
struct TokenBufferAllocator : std::allocator<T> {
    template <class U>
    struct rebind {
        using other = TokenBufferAllocator<U>;
    };
    TokenBufferAllocator() = default;
    template <class U>
    TokenBufferAllocator(const TokenBufferAllocator<U>&) noexcept {}
    template <class U>
    void construct(U*) noexcept {
        static_assert(std::is_trivially_destructible_v<U> && (std::is_aggregate_v<U> || std::is_pointer_v<U>));
    }
    template <class U, class... A>
    void construct(U* p, A&&... a) {
        ::new (static_cast<void*>(p)) U(std::forward<A>(a)...);
    }
};
}  // namespace detail

struct Sentence {
    Field field = Field::text;
    uint32_t begin = 0, end = 0;          // bytes in the field
    uint32_t first_token = 0, last_token = 0;  // [first, last) into Document::tokens
    uint32_t paragraph = 0;              // index counting over the whole document
};

class Document {
public:
    // At most this many tokens per event (about 1.4 MB of prose, more than the default
    // --max-event-bytes holds): text beyond is not analysed, so no event costs more than a
    // bounded amount of CPU and memory (issue 20). capped() says an event hit it.
    static constexpr size_t kMaxTokens = size_t{1} << 18;

    // With `probe` (EntitySentiment::key_probe()), each keyed word is looked up in the joint word
    // table as its key is made and the slot stored in `slots`; without, `slots` holds nulls.
    void build(const Event& event, const detail::JointProbe* probe = nullptr);
    // The probe build() used (null: none).
    const detail::JointProbe* probed_by() const { return probe_; }
    // Reserves the token buffers for kMaxTokens (an Analyzer does, once per worker): a large
    // event then grows no buffer, and a one-shot run touches their pages once, not twice.
    void reserve_max();
    bool capped() const { return capped_; }
    // Bytes of field f that were tokenized: the whole field unless the token cap stopped it.
    size_t extent(Field f) const { return extent_[static_cast<size_t>(f)]; }
    const Event& event() const { return *event_; }
    std::string_view text(const Token& t) const { return event_->field(t.field).substr(t.begin, t.end - t.begin); }
    std::string_view text(const Sentence& s) const { return event_->field(s.field).substr(s.begin, s.end - s.begin); }

    std::vector<Token, detail::TokenBufferAllocator<Token>> tokens;
    std::vector<WordKey, detail::TokenBufferAllocator<WordKey>> keys;  // one per token, same index
    // One per token, same index: the ids of a keyed word's slot in the joint table (probed_by()),
    // or the empty ids (len 0) for a word in no table (with JointSlot::kKeyed), a token without a
    // key and a document built without a probe.
    std::vector<detail::JointIds, detail::TokenBufferAllocator<detail::JointIds>> slots;
    std::vector<Sentence> sentences;
    // Word tokens that may end a figure written in words: a scale or percent word ("billion",
    // "percent") right after another word. Ascending; the quantity extractor reads only these.
    std::vector<uint32_t> figure_words;

private:
    void tokenize_field(Field f, std::string_view s, uint32_t& paragraph);
    const Event* event_ = nullptr;
    const detail::JointProbe* probe_ = nullptr;
    bool capped_ = false;
    uint32_t extent_[4] = {};
};

}  // namespace herald::analysis
