#pragma once
// Corporate event types per company (issue 16): a table of patterns (data/events/event_types.txt,
// compiled in) matched over the Document's tokens, with negation and hedges respected.
// docs/events-taxonomy.md describes the types and the table format.
//
//   auto table = herald::analysis::EventTypeTable::builtin();
//   herald::analysis::EventTypeClassifier classifier(table);
//   classifier.classify(doc, mentions, analysis);  // fills analysis.events
//   for (const auto& e : analysis.events) use(table->name(e.type), analysis.entities[e.entity]);
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "herald/analysis/analysis.hpp"
#include "herald/analysis/document.hpp"

namespace herald::analysis {

struct Mention;

// The table: types (one per row) and their patterns. Immutable after load; shared by all workers.
class EventTypeTable {
public:
    static std::shared_ptr<const EventTypeTable> builtin();
    // Parses a table text; throws std::runtime_error "NAME:LINE: message" (start-up only).
    static std::shared_ptr<const EventTypeTable> parse(std::string_view text, std::string_view name);

    size_t type_count() const;
    std::string_view name(uint16_t type) const;
    int8_t polarity(uint16_t type) const;  // +1 positive, -1 negative, 0 neutral
    // The type named `name`; false when the table has none.
    bool find(std::string_view name, uint16_t& type) const;
    std::vector<std::string_view> names() const;

    struct Impl;
    const Impl& impl() const { return *impl_; }
    explicit EventTypeTable(std::unique_ptr<Impl> impl);
    ~EventTypeTable();

private:
    std::unique_ptr<Impl> impl_;
};

// "positive" / "negative" / "neutral".
std::string_view polarity_name(int8_t polarity);

// The tokens of a document that hold a word of the event type table (the cues) and their word
// ids, found by a pass that looks every token up anyway (EntitySentiment's joint pass), so the
// classifier reads only the cues instead of passing over the document again.
struct EventTokenIds {
    struct Cue {
        uint32_t token;  // index into Document::tokens
        uint32_t id;     // the table's word
    };
    // A buffer that only grows (no per-event clearing); the first cue_count entries count, by token.
    std::vector<Cue> cues;
    size_t cue_count = 0;
    // Room for a document of n tokens.
    void reserve(size_t n) {
        if (cues.size() < n) cues.resize(n);
    }
    // Filled with the words of `table` from this document, built from this event and not rebuilt since.
    bool filled_from(const Document& doc, const EventTypeTable& table) const {
        return table_ == &table && doc_ == &doc && event_ == &doc.event() && tokens_ == doc.tokens.data() &&
               count_ == doc.tokens.size();
    }
    void mark_filled(const Document& doc, const EventTypeTable& table) {
        table_ = &table;
        doc_ = &doc;
        event_ = &doc.event();
        tokens_ = doc.tokens.data();
        count_ = doc.tokens.size();
    }

private:
    const EventTypeTable* table_ = nullptr;
    const Document* doc_ = nullptr;
    const Event* event_ = nullptr;
    const Token* tokens_ = nullptr;
    size_t count_ = 0;
};

// One worker's matcher: scratch buffers reused across events, so steady state does not allocate.
class EventTypeClassifier {
public:
    explicit EventTypeClassifier(std::shared_ptr<const EventTypeTable> table);
    ~EventTypeClassifier();
    // Appends to analysis.events the types the text reports, one per (type, company), for the
    // companies of analysis.entities. At most kMaxEvents per event.
    void classify(const Document& doc, const std::vector<Mention>& mentions, Analysis& analysis);
    // The same with the tokens already looked up in this classifier's table (the Analyzer's
    // EntitySentiment does it in its joint pass). Ids filled from another document or another
    // table are not used: the tokens are looked up again.
    void classify(const Document& doc, const std::vector<Mention>& mentions, Analysis& analysis,
                  const EventTokenIds& looked_up);
    static constexpr size_t kMaxEvents = 64;

private:
    void run(const Document& doc, const std::vector<Mention>& mentions, Analysis& analysis, const EventTokenIds& ids);
    std::shared_ptr<const EventTypeTable> table_;
    struct Scratch;
    std::unique_ptr<Scratch> s_;
};

}  // namespace herald::analysis
