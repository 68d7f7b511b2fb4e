#pragma once
// A parsed event that outlives its parser. analysis::Event holds views into the parser's
// buffers (valid until its next parse); offline commands analyse many events at once, each
// in its own slot, so a slot keeps a copy whose views point into the slot's own storage.
//
//   std::string storage;
//   analysis::Event copy;
//   copy_event(processor.event(), storage, copy);   // copy stays valid while storage is untouched
#include <string>

#include "herald/analysis/event.hpp"

namespace herald::app {

// Copies every text of `from` into `storage` (replacing its content, keeping its capacity) and
// points `to` at it. Allocates only when storage or to's vectors must grow.
void copy_event(const analysis::Event& from, std::string& storage, analysis::Event& to);

}  // namespace herald::app
