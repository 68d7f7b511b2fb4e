#pragma once
// Company mentions and sentiment of a document with one table probe per token for both the
// alias table and the lexicon (a table joining their words), instead of one pass and one probe
// per table. Same results as EntityFinder followed by SentimentScorer; the Analyzer uses it.
//
//   herald::analysis::EntitySentiment es(Lexicon::builtin(), AliasTable::builtin());
//   es.find_entities(doc, mentions);                 // looks up every token in both tables
//   es.score(doc, mentions, metrics, analysis);      // the same doc: reuses those lookups
#include <memory>
#include <vector>

#include "herald/analysis/analysis.hpp"
#include "herald/analysis/document.hpp"
#include "herald/analysis/entities.hpp"
#include "herald/analysis/event_types.hpp"
#include "herald/analysis/sentiment.hpp"

namespace herald::analysis {

class EntitySentiment {
public:
    // With an event type table, the same probe also finds each token's word of that table
    // (event_tokens(), for EventTypeClassifier::classify).
    EntitySentiment(std::shared_ptr<const Lexicon> lexicon, std::shared_ptr<const AliasTable> aliases,
                    std::shared_ptr<const EventTypeTable> event_types = nullptr);
    ~EntitySentiment();
    // Appends the mentions in document order, as EntityFinder::find.
    void find_entities(const Document& doc, std::vector<Mention>& out);
    // The joint word table's probe for Document::build: a document built with it carries each
    // keyed word's slot, and find_entities() reads those instead of probing again.
    const detail::JointProbe* key_probe() const;
    // The event table's words of the tokens of the last find_entities() (empty without a table).
    const EventTokenIds& event_tokens() const { return event_tokens_; }
    // As SentimentScorer::score. Reuses the lookups of the last find_entities() when it ran on
    // this document, built from the same event and not rebuilt since (the Analyzer's order);
    // otherwise looks the tokens up again.
    void score(const Document& doc, const std::vector<Mention>& mentions, const std::vector<Metric>& metrics,
               Analysis& out, Explanation* explain = nullptr);
    // Only explain->sentences of score(), after find_entities() on this document (no scores).
    void explain_sentences(const Document& doc, const std::vector<Mention>& mentions,
                           const std::vector<Metric>& metrics, Explanation& explain);
    // The same for the document score() scored last, from the lookups that call read (an
    // alert's explanation after the analysis that raised it: no token is looked up again);
    // looks them up again when another document was indexed or scored since.
    void explain_scored(const Document& doc, const std::vector<Mention>& mentions, const std::vector<Metric>& metrics,
                        Explanation& explain);

private:
    void index(const Document& doc);
    const detail::JointIds* probe_tokens(const Document& doc);
    EntityFinder finder_;
    SentimentScorer scorer_;
    struct JointTable;
    std::shared_ptr<const EventTypeTable> event_types_;
    std::unique_ptr<const JointTable> joint_;
    EventTokenIds event_tokens_;
    // The slots of a document not built with key_probe() (probe_tokens).
    std::vector<detail::JointIds> slots_;
    // Which document the lookups were filled from: a rebuilt document is looked up again.
    struct Filled {
        const Document* doc = nullptr;
        const Event* event = nullptr;
        const Token* tokens = nullptr;
        size_t count = 0;
        void set(const Document& d) { *this = {&d, &d.event(), d.tokens.data(), d.tokens.size()}; }
        bool of(const Document& d) const {
            return doc == &d && event == &d.event() && tokens == d.tokens.data() && count == d.tokens.size();
        }
    };
    Filled indexed_;  // by find_entities(), used once by score()
    Filled scored_;   // the composer's lookups that score() last read (explain_scored())
};

}  // namespace herald::analysis
