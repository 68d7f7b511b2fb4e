#pragma once
// A rules file over an offline feed, in input order: one engine for the whole feed, or one per
// partition the feed would land in when published keyed by ticker (--partitions N, as
// `herald run` keeps state), or, for messages read from a topic, one per partition of the topic
// (warm-up messages update state and raise nothing). The alerts and their JSON are what `herald run` publishes, with
// detected_at = the event time and no source, so the output is reproducible byte for byte.
// Shared by `herald analyze --alerts` and `herald backtest` (once per rules file).
//
//   OfflineRules rules(rule_set, partitions, message_max_bytes);
//   rules.evaluate(event, alerts);                  // alerts cleared first
//   for (auto& a : alerts) rules.alert_json(event, a, json);
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "herald/app/offline_feed.hpp"
#include "herald/app/sentiment_terms.hpp"
#include "herald/rules/engine.hpp"

namespace herald::app {

class OfflineRules {
public:
    OfflineRules(std::shared_ptr<const rules::RuleSet> rules, int32_t partitions, size_t message_max_bytes,
                 const analysis::Resources& resources);

    // The alerts one analysed event raises (e.ok() must hold), in publishing order; none for a
    // warm-up event.
    void evaluate(const FeedEvent& e, std::vector<rules::Alert>& alerts);
    // The alert's JSON line without its newline (out replaced).
    void alert_json(const FeedEvent& e, const rules::Alert& alert, std::string& out) const;
    const rules::RuleSet& rule_set() const { return *rules_; }

private:
    std::shared_ptr<const rules::RuleSet> rules_;
    int32_t partitions_;
    rules::AlertLimits limits_;
    std::vector<rules::Engine> engines_;  // [partitions_]: events without a key
    std::unique_ptr<SentimentTerms> terms_;
};

}  // namespace herald::app
