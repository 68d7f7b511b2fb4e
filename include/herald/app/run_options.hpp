#pragma once
// The options `herald run` and `herald demo` share, and their translation into an EngineSetup.
//
//   CommandSpec spec = engine_command_spec("run", ...);   // adds the shared options
//   EngineSetup setup = engine_setup_from(options, /*demo=*/false);
#include <string>
#include <vector>

#include "herald/app/engine_runner.hpp"
#include "herald/app/options.hpp"

namespace herald::app {

std::vector<OptionSpec> engine_options();
// Reads the shared options into setup.pipeline/resources/metrics (not the rules: callers differ).
void apply_engine_options(const Options& o, EngineSetup& setup);
// Refuses (UsageError: exit 2) topic settings that loop or mix outputs: the dead-letter topic or
// the alerts topic equal to the input topic (herald would read its own output back: a dead letter
// is dead-lettered again forever), or alerts and dead letters on one topic (their consumers, and
// herald's own duplicate check, which reads the alerts topic back, could not tell them apart).
void validate_topics(const PipelineConfig& p);

}  // namespace herald::app
