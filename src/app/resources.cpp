#include "herald/app/resources.hpp"

#include <cstdio>

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

namespace {
std::shared_ptr<const rules::RuleSet> checked(rules::LoadResult r, const std::string& name) {
    if (r.ok()) return r.rules;
    for (const auto& d : r.errors) std::fprintf(stderr, "%s\n", d.to_string().c_str());
    throw UsageError(name + ": " + std::to_string(r.errors.size()) + " error(s) in the rules; fix them and retry "
                     "(herald rules check " + name + ")");
}
}  // namespace

std::shared_ptr<const rules::RuleSet> load_rules_or_throw(const std::string& path) {
    return checked(rules::load_rules_file(path), path);
}

std::shared_ptr<const rules::RuleSet> load_demo_rules() {
    return checked(rules::load_rules_text(data::demo_rules, "demo.yaml"), "demo.yaml");
}

std::string_view demo_feed() { return data::demo_feed; }

}  // namespace herald::app
