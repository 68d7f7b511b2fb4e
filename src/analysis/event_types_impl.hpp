#pragma once
// In-memory form of the event type table (data/events/event_types.txt): word classes, types
// (rows) and their patterns, with every word interned once so matching compares word ids.
#include <cstdint>
#include <string>
#include <vector>

#include "herald/analysis/event_types.hpp"
#include "lexicon_vocab.hpp"

namespace herald::analysis {

namespace events_detail {

// Two words per ClassSet; a third (192 classes) costs 0.5 k instructions per article (session 19).
inline constexpr size_t kMaxClasses = 128;

struct ClassSet {
    uint64_t bits[kMaxClasses / 64] = {};
    void set(uint32_t c) { bits[c >> 6] |= uint64_t{1} << (c & 63); }
    bool has(uint32_t c) const { return (bits[c >> 6] >> (c & 63)) & 1; }
    void add(const ClassSet& o) {
        for (size_t i = 0; i < kMaxClasses / 64; ++i) bits[i] |= o.bits[i];
    }
    // Every class of `need` is in this set.
    bool covers(const ClassSet& need) const {
        for (size_t i = 0; i < kMaxClasses / 64; ++i)
            if (need.bits[i] & ~bits[i]) return false;
        return true;
    }
};

struct Element {
    enum class Kind : uint8_t { word, cls, gap, company, minority, name } kind = Kind::word;
    uint8_t gap = 0;   // Kind::gap: up to this many other tokens
    uint32_t id = 0;   // word id or class index
};

struct Pattern {
    uint16_t row = 0;
    bool passive = false;   // subject and object swap roles
    bool none = false;      // [none]: an exception; matching it means no event for the row here
    bool seller = false;    // [seller]: a sale; the subject sells (role seller), the object acquires
    bool rater = false;     // [rater]: the subject named before the match rates (a broker): not its event
    bool customer = false;  // [customer]: the subject buys from the object (the supplier): not its event
    bool client = false;    // [client]: the subject supplies the object (the customer): the subject's event
    bool plaintiff = false; // [plaintiff]: the company right before the match brings the suit: not its event
    int8_t direction = 0;   // [higher] 1, [lower] -1, [above] 2, [below] -2: new figure against old (figures_move)
    int32_t after_class = -1;  // [after:@class:N]: a word of it stands up to N words before the match
    uint8_t after_words = 0;
    bool has_company = false;
    std::string detail;     // "[completed]": overrides the row's detail
    std::vector<Element> elements;
    // What a sentence must hold from the anchor on for the pattern to match there: the classes of
    // its elements, and its words after the first. Tested as Impl::Gate before matching.
    ClassSet need_classes;
    std::vector<uint32_t> need_words;
    uint64_t after_bit = 0;  // Impl::class_bit of after_class (in the sentence, before the anchor)
};

struct Row {
    std::string name;
    int8_t polarity = 0;
    std::string detail;
    int32_t context_class = -1;  // `context @class WORD`
    std::string context_detail;
    bool roles = false;          // `roles SUBJECT OBJECT`
    EventRole subject_role = EventRole::none, object_role = EventRole::none;
    int32_t unless_class = -1;         // no event when the sentence has a word of it
    int32_t unless_before_class = -1;  // ... or when one stands in the scope before the match
    // `unless-measure @A @B`: no event when what the match measures, the nearest word of either
    // class, is one of @A ("deliveries ... ahead of estimates" is no earnings beat)
    int32_t measure_class = -1, result_class = -1;
    bool rated = false;                // `rated`: a judgment on the object by its subject (a rater)
    bool customers = false;            // has [customer] patterns: a customer found wins none of it
    std::vector<std::string> venues;   // `venue WORD ...`: a company right after one is where, not who
};

// A class entry of several tokens ("ruled out", "price target").
struct MultiEntry {
    uint32_t cls = 0;
    std::vector<uint32_t> ids;
};

}  // namespace events_detail

struct EventTypeTable::Impl {
    detail::WordTable words;
    std::vector<std::string> class_names;
    std::vector<events_detail::ClassSet> word_classes;           // by word id: classes it is a one-word entry of
    std::vector<std::vector<uint32_t>> multi_by_first;           // by word id: MultiEntry indices starting with it
    std::vector<events_detail::MultiEntry> multi;
    std::vector<std::vector<uint32_t>> anchors;                  // by word id: patterns whose first element it can start
    // By word id: what a token of the word tells about its sentence (the classifier reads these
    // for the cues of a sentence only), 16 bytes so that four share a cache line (the 32-byte row
    // with the whole class set was 139 D1 read misses per seed article, session 21): the classes
    // it is or starts an entry of as a filter (class_bit), a bit of its id, and its patterns' gates.
    struct Cue {
        uint64_t classes = 0;  // class_bit of each such class
        uint32_t gate = 0;     // gates[gate .. gate + gates): the patterns it can start
        uint16_t gates = 0;    // 0: it starts none (no anchor)
        uint8_t word_bit = 0;  // Impl::word_bit
        uint8_t unused = 0;
    };
    static_assert(sizeof(Cue) == 16);
    std::vector<Cue> cue_info;
    // By word id: its bit in Cue::word_bit and Gate::words. Only the words some pattern needs past
    // its first element have one of bits 0-62 (shared when there are more); every other word
    // has bit 63, which no gate asks for.
    std::vector<uint8_t> word_bit;
    static constexpr uint8_t kUnneededWord = 63;
    // By class: its bit in Cue::classes and Gate::classes, or -1 for a class no pattern needs.
    // With more needed classes than bits, the rarer ones share (class_bits()); a shared bit only
    // lets a gate open that the exact set would not (the pattern is then matched and fails).
    // The same for words (word_bit).
    std::vector<int8_t> class_bit;
    uint64_t class_mask(const events_detail::ClassSet& set) const {
        uint64_t m = 0;
        for (uint32_t c = 0; c < class_bit.size(); ++c)
            if (class_bit[c] >= 0 && set.has(c)) m |= uint64_t{1} << class_bit[c];
        return m;
    }
    void class_bits();
    // By word id: what the matcher asks of every word it passes, in one byte.
    enum WordFlag : uint8_t { kNegator = 1, kHedge = 2, kStop = 4, kStartsPhrase = 8 };
    std::vector<uint8_t> word_flags;
    std::vector<events_detail::Row> rows;
    std::vector<events_detail::Pattern> patterns;
    // What the classifier tests of each pattern an anchor word may start before it reads the
    // pattern (104 bytes, two cache lines, in table order): the patterns of a word side by side
    // (gates[Cue::gate .. Cue::gate + Cue::gates], in the order of anchors[w]), 16 bytes each; the
    // pattern's index and reach beside (gate_pattern), read only for a gate that opens.
    struct Gate {
        uint64_t classes = 0;  // class_bit of the classes the pattern needs
        uint64_t words = 0;    // word_bit of the words it needs past its first element
        // The sentence may hold every class and word the pattern needs.
        bool open(uint64_t sentence_words, uint64_t sentence_classes) const {
            return ((words & ~sentence_words) | (classes & ~sentence_classes)) == 0;
        }
    };
    static_assert(sizeof(Gate) == 16);
    std::vector<Gate> gates;
    // The pattern of a gate, and how many tokens from its anchor on hold every word and class it
    // needs (its elements up to the last word or class: a class's longest entry, each gap, a
    // quote before an element right after another); kNoReach when a company, $name or $minority
    // comes first (no bound). A gate that opens is tested again on the cues of that reach only.
    struct GateTail {
        uint32_t pattern = 0;
        uint32_t reach = 0;
    };
    static constexpr uint32_t kNoReach = UINT32_MAX;
    std::vector<GateTail> gate_pattern;
    uint32_t reach(const events_detail::Pattern& p) const;
    int32_t negator = -1, hedge = -1, stop = -1;  // the scope classes
    int32_t background = -1;  // @background: opens a clause that reports an earlier event
    int32_t background_open = -1;  // @background_open: opens a sentence that reports earlier events
    int32_t consensus = -1;   // @consensus: a figure next to one is what others expected
    int32_t forecast_noun = -1;  // @forecast_noun: a figure right before one is a forecast ("its 31.5% forecast")
    int32_t earlier = -1;  // @earlier: right before a match, an earlier event recalled ("after last year's recall")
    int32_t own_plan = -1;     // @own_plan: right after a company, a hedge word starting one is its plan ("expects to")
    int32_t consequence = -1;  // @consequence: a hedge word starting one is no hedge ("expected to result in")

    void parse(std::string_view text, std::string_view name);
    bool in_class(uint32_t word, uint32_t cls) const {
        return word < word_classes.size() && word_classes[word].has(cls);
    }
};

}  // namespace herald::analysis
