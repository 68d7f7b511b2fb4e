#pragma once
// Start-up loading shared by the commands: analysis tables and rules files, with one-line
// errors (UsageError, exit code 2) that name the file and what to fix.
//
//   auto resources = load_analysis_resources(options);        // --lexicon / --aliases
//   auto rules = load_rules_or_throw("rules.yaml");
#include <memory>
#include <string>
#include <string_view>

#include "herald/analysis/analyzer.hpp"
#include "herald/app/options.hpp"
#include "herald/rules/engine.hpp"

namespace herald::app {

analysis::Resources load_analysis_resources(const Options& o);
// Prints every diagnostic on stderr, then throws UsageError summarising them.
std::shared_ptr<const rules::RuleSet> load_rules_or_throw(const std::string& path);
// The rules compiled into the binary for `herald demo`.
std::shared_ptr<const rules::RuleSet> load_demo_rules();
std::string_view demo_feed();

}  // namespace herald::app
