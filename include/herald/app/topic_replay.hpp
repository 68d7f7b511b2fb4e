#pragma once
// `herald replay --from-topic`: re-runs rules over a time range of a topic into a separate
// alerts topic, with its own group-less reader (the live group's offsets are never touched).
// Window state is warmed up from the span before --since with alerts suppressed, so windowed
// rules see the same history as they did live.
//
//   return replay_topic(options);   // options of `herald replay`
#include "herald/app/options.hpp"

namespace herald::app {

int replay_topic(const Options& o);

}  // namespace herald::app
