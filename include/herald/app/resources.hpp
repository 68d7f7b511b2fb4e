#pragma once
// Start-up loading shared by the commands: analysis tables, with one-line errors (UsageError,
// exit code 2) that name the file and what to fix, and the demo's built-in feed and rules.
// Rules files are read through RulesSource (rules_source.hpp).
//
//   auto resources = load_analysis_resources(options);        // --lexicon / --aliases
#include <memory>
#include <string>
#include <string_view>

#include "herald/analysis/analyzer.hpp"
#include "herald/app/options.hpp"
#include "herald/app/rules_source.hpp"
#include "herald/rules/engine.hpp"

namespace herald::app {

analysis::Resources load_analysis_resources(const Options& o);
// The rules compiled into the binary for `herald demo`, as a source called demo.yaml.
RulesSource demo_rules();
std::string_view demo_feed();

}  // namespace herald::app
