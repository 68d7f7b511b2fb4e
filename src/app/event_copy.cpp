#include "herald/app/event_copy.hpp"

namespace herald::app {

namespace {
// Appends s; the view stays valid because copy_event reserved every byte beforehand.
std::string_view put(std::string& storage, std::string_view s) {
    const size_t at = storage.size();
    storage.append(s);
    return {storage.data() + at, s.size()};
}
}  // namespace

void copy_event(const analysis::Event& from, std::string& storage, analysis::Event& to) {
    size_t total = from.id.size() + from.story_id.size() + from.headline.size() + from.summary.size() + from.body.size() + from.text.size() +
                   from.source.size() + from.url.size();
    for (auto t : from.tickers) total += t.size();
    for (const auto& e : from.entities) total += e.name.size() + e.ticker.size();
    storage.clear();
    storage.reserve(total);  // no growth below, so no view taken below moves

    to.clear();
    to.id = put(storage, from.id);
    to.story_id = put(storage, from.story_id);
    to.action = from.action;
    to.headline = put(storage, from.headline);
    to.summary = put(storage, from.summary);
    to.body = put(storage, from.body);
    to.text = put(storage, from.text);
    to.source = put(storage, from.source);
    to.url = put(storage, from.url);
    for (auto t : from.tickers) to.tickers.push_back(put(storage, t));
    for (const auto& e : from.entities) {
        std::string_view name = put(storage, e.name);
        to.entities.push_back({name, put(storage, e.ticker)});
    }
    to.published_at_ms = from.published_at_ms;
    to.has_published_at = from.has_published_at;
}

}  // namespace herald::app
