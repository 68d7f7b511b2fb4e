#include "herald/app/offline_rules.hpp"

#include "herald/app/event_processor.hpp"
#include "herald/app/feed_publisher.hpp"

namespace herald::app {

OfflineRules::OfflineRules(std::shared_ptr<const rules::RuleSet> rules, int32_t partitions, size_t message_max_bytes,
                           const analysis::Resources& resources)
    : rules_(std::move(rules)),
      partitions_(partitions),
      limits_(rules::alert_limits_for(message_max_bytes)),
      terms_(std::make_unique<SentimentTerms>(resources)) {
    engines_.reserve(static_cast<size_t>(partitions_) + 1);
    for (int32_t i = 0; i <= partitions_; ++i) engines_.emplace_back(rules_);
}

void OfflineRules::evaluate(const FeedEvent& e, std::vector<rules::Alert>& alerts) {
    alerts.clear();
    // A message keeps the state of its own partition; a line that of the partition it would land in.
    int32_t slot = e.partition;
    if (slot < 0 || slot >= partitions_) slot = partitions_ > 0 ? default_partition(feed_key(e.event), partitions_) : 0;
    rules::Engine& engine = engines_[static_cast<size_t>(slot < 0 ? partitions_ : slot)];
    engine.set_suppressed(e.warmup);
    // The event's own explanation when it was analysed with one (--explain): no second analysis.
    const SentimentTerms::Analysed analysed{e.explained ? &e.explanation : nullptr, nullptr, nullptr};
    evaluate_rules(engine, rules::EventContext{e.event, e.analysis, e.event_time_ms}, limits_, *terms_, alerts, analysed);
}

void OfflineRules::alert_json(const FeedEvent& e, const rules::Alert& alert, std::string& out) const {
    rules::EventContext ctx{e.event, e.analysis, e.event_time_ms};
    out.clear();
    rules::append_alert_json(out, alert, ctx, rules::SourceRef{}, e.event_time_ms, limits_);
}

}  // namespace herald::app
