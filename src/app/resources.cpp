#include "herald/app/resources.hpp"

namespace herald::data {
extern const std::string_view demo_feed;
extern const std::string_view demo_rules;
}  // namespace herald::data

namespace herald::app {

analysis::Resources load_analysis_resources(const Options& o) {
    try {
        return analysis::Resources::load(o.get("lexicon"), o.get("aliases"));
    } catch (const std::exception& e) {
        throw UsageError(e.what());
    }
}

RulesSource demo_rules() { return RulesSource::built_in("demo.yaml", data::demo_rules); }

std::string_view demo_feed() { return data::demo_feed; }

}  // namespace herald::app
