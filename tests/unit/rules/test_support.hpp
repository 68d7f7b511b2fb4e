#pragma once
// Builders for hand-made events and analyses, so rule tests state exactly what rules see.
#include <deque>
#include <string>
#include <vector>

#include "herald/rules/engine.hpp"

namespace herald::rules::test {

// Owns the strings an Event/Analysis point into.
struct Fixture {
    analysis::Event event;
    analysis::Analysis analysis;
    std::deque<std::string> storage;
    int64_t time_ms = 0;

    std::string_view keep(std::string s) {
        storage.push_back(std::move(s));
        return storage.back();
    }
    Fixture& id(std::string s) {
        event.id = keep(std::move(s));
        return *this;
    }
    Fixture& at(int64_t ms) {
        time_ms = ms;
        return *this;
    }
    Fixture& headline(std::string s) {
        event.headline = keep(std::move(s));
        return *this;
    }
    Fixture& summary(std::string s) {
        event.summary = keep(std::move(s));
        return *this;
    }
    Fixture& source(std::string s) {
        event.source = keep(std::move(s));
        return *this;
    }
    Fixture& ticker(std::string s) {
        event.tickers.push_back(keep(std::move(s)));
        return *this;
    }
    Fixture& sentiment(double score) {
        analysis.sentiment = {score, analysis::label_for(score)};
        return *this;
    }
    Fixture& entity(std::string name, std::string ticker, double score, uint32_t mentions = 1) {
        analysis::EntityResult e;
        e.name = keep(std::move(name));
        e.ticker = keep(std::move(ticker));
        e.mentions = mentions;
        e.sentiment = {score, analysis::label_for(score)};
        analysis.entities.push_back(e);
        return *this;
    }
    // A metric whose text is found in the summary (the span covers it).
    Fixture& metric(analysis::MetricKind kind, std::string entity, std::string ticker, double value,
                    std::string text = {}, double pct = 0, bool has_pct = false, bool forecast = false) {
        analysis::Metric m;
        m.kind = kind;
        m.entity = keep(std::move(entity));
        m.ticker = keep(std::move(ticker));
        m.has_value = true;
        m.value = value;
        m.unit = analysis::Unit::of("USD");
        m.forecast = forecast;
        if (has_pct) {
            m.change.has_percent = true;
            m.change.percent = pct;
            m.change.direction = pct > 0 ? analysis::Direction::up : pct < 0 ? analysis::Direction::down
                                                                           : analysis::Direction::flat;
            m.change.basis = analysis::Basis::yoy;
        }
        if (!text.empty()) {
            size_t at = event.summary.find(text);
            if (at != std::string_view::npos) {
                m.span = {analysis::Field::summary, static_cast<uint32_t>(at), static_cast<uint32_t>(at + text.size())};
                m.text = event.summary.substr(at, text.size());
            }
        }
        analysis.metrics.push_back(m);
        return *this;
    }
    EventContext ctx() const { return {event, analysis, time_ms}; }
};

inline std::shared_ptr<const RuleSet> must_load(std::string_view yaml) {
    LoadResult r = load_rules_text(yaml, "test.yaml");
    if (!r.ok()) {
        std::string all;
        for (const auto& d : r.errors) all += d.to_string() + "\n";
        throw std::runtime_error(all);
    }
    return r.rules;
}

inline std::vector<Alert> run(Engine& engine, const Fixture& f) {
    std::vector<Alert> out;
    engine.evaluate(f.ctx(), out);
    return out;
}

inline constexpr int64_t kMinute = 60'000;
inline constexpr int64_t kHour = 60 * kMinute;
inline constexpr int64_t kT0 = 1'777'583'400'000;  // 2026-04-30T21:10:00Z

}  // namespace herald::rules::test
