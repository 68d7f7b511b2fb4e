#include "herald/analysis/analyzer.hpp"

#include <algorithm>

namespace herald::analysis {

Resources Resources::builtin() { return {Lexicon::builtin(), AliasTable::builtin(), EventTypeTable::builtin()}; }

Resources Resources::load(const std::string& lexicon_file, const std::string& aliases_file) {
    Resources r;
    r.lexicon = lexicon_file.empty() ? Lexicon::builtin() : Lexicon::load(lexicon_file);
    r.aliases = aliases_file.empty() ? AliasTable::builtin() : AliasTable::load(aliases_file);
    return r;
}

Analyzer::Analyzer(const Resources& resources)
    : entity_sentiment_(resources.lexicon, resources.aliases,
                        resources.event_types ? resources.event_types : EventTypeTable::builtin()),
      event_types_(resources.event_types ? resources.event_types : EventTypeTable::builtin()) {
    doc_.reserve_max();
}

void Analyzer::explain_sentiment(const Event& event, Analysis& scratch, Explanation& explain) {
    mentions_.clear();
    explain.clear();
    scratch.quantities.clear();
    scratch.metrics.clear();
    doc_.build(event, entity_sentiment_.key_probe());
    entity_sentiment_.find_entities(doc_, mentions_);
    quantities_.extract(doc_, scratch.quantities);
    metrics_.extract(doc_, mentions_, scratch.quantities, scratch.metrics);
    entity_sentiment_.explain_sentences(doc_, mentions_, scratch.metrics, explain);
}

void Analyzer::explain_analysed_sentiment(const Analysis& analysed, Explanation& explain) {
    explain.clear();
    entity_sentiment_.explain_scored(doc_, mentions_, analysed.metrics, explain);
}

void Analyzer::analyze(const Event& event, Analysis& out, Explanation* explain) {
    out.clear();
    mentions_.clear();
    if (explain) explain->clear();
    doc_.build(event, entity_sentiment_.key_probe());
    entity_sentiment_.find_entities(doc_, mentions_);
    quantities_.extract(doc_, out.quantities);
    // About one metric per figure: a figure-dense text's metrics then fit in one block instead of
    // growing by doubling (each step a fresh block whose pages are faulted in as the elements are
    // copied: a third of a one-shot run's CPU on such text). A no-op once the Analysis is reused.
    out.metrics.reserve(std::min(out.quantities.size(), MetricExtractor::kMaxMetrics));
    metrics_.extract(doc_, mentions_, out.quantities, out.metrics);
    out.tokens_capped = doc_.capped();
    out.figures_capped = quantities_.capped();
    out.metrics_capped = metrics_.capped();
    // Sentiment last: the direction of extracted metrics ("costs rose") feeds its polarity.
    entity_sentiment_.score(doc_, mentions_, out.metrics, out, explain);
    relevance_.score(doc_, mentions_, out);
    if (explain)
        for (size_t i = 0; i < out.entities.size(); ++i) explain->relevance.push_back(relevance_.parts(i));
    // Event types last: they are reported per company of out.entities, with figures from quantities.
    // The tokens were looked up in their table by find_entities' joint pass.
    event_types_.classify(doc_, mentions_, out, entity_sentiment_.event_tokens());
    // The story's sketch last: it includes the event types.
    sketch_story(doc_, out, out.story);
}

}  // namespace herald::analysis
