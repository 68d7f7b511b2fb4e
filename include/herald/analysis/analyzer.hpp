#pragma once
// The whole analysis of one event. Pure (no I/O, no clock); one Analyzer per worker thread,
// reused for every event so steady state does not allocate.
//
//   auto res = herald::analysis::Resources::builtin();
//   herald::analysis::Analyzer analyzer(res);
//   herald::analysis::Analysis out;
//   analyzer.analyze(event, out);
#include <memory>
#include <string>
#include <vector>

#include "herald/analysis/analysis.hpp"
#include "herald/analysis/document.hpp"
#include "herald/analysis/entities.hpp"
#include "herald/analysis/entity_sentiment.hpp"
#include "herald/analysis/event_types.hpp"
#include "herald/analysis/metrics.hpp"
#include "herald/analysis/novelty.hpp"
#include "herald/analysis/quantities.hpp"
#include "herald/analysis/relevance.hpp"
#include "herald/analysis/sentiment.hpp"

namespace herald::analysis {

// Immutable tables shared by every Analyzer.
struct Resources {
    std::shared_ptr<const Lexicon> lexicon;
    std::shared_ptr<const AliasTable> aliases;
    std::shared_ptr<const EventTypeTable> event_types = EventTypeTable::builtin();
    static Resources builtin();
    // Empty paths mean "built-in only". Throws std::runtime_error on a bad file (start-up only).
    static Resources load(const std::string& lexicon_file, const std::string& aliases_file);
};

class Analyzer {
public:
    explicit Analyzer(const Resources& resources);
    void analyze(const Event& event, Analysis& out, Explanation* explain = nullptr);
    // Only explain.sentences, as analyze() with an explanation fills them: the steps sentiment
    // reads (tokens, mentions, figures, metrics), without scores, relevance or event types.
    // scratch holds the figures and metrics; its other fields are left as they were.
    void explain_sentiment(const Event& event, Analysis& scratch, Explanation& explain);
    // The same for the event analyze() read last, from that analysis (its document, mentions and
    // lookups; `analysed` is what it wrote, for the metrics): nothing is tokenized, looked up or
    // extracted again. Both must be unchanged since, and no other event analysed in between.
    void explain_analysed_sentiment(const Analysis& analysed, Explanation& explain);
    // The mentions of the last analysed event (rules use them to key per entity).
    const std::vector<Mention>& mentions() const { return mentions_; }
    const Document& document() const { return doc_; }
    // The parts behind entity i's relevance in the last analysed event.
    RelevanceParts relevance_parts(size_t entity) const { return relevance_.parts(entity); }

private:
    Document doc_;
    std::vector<Mention> mentions_;
    EntitySentiment entity_sentiment_;
    QuantityExtractor quantities_;
    MetricExtractor metrics_;
    EventTypeClassifier event_types_;
    RelevanceScorer relevance_;
};

}  // namespace herald::analysis
