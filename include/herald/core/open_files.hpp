#pragma once
// The process's open-file (descriptor) limit. The common default soft limit is 1024 while the
// hard limit is far higher; every Kafka broker connection, pipe and metrics client takes one.
//
//   herald::core::raise_open_files_limit();              // at start: soft = hard
//   size_t room = herald::core::open_files_limit();      // the soft limit now in force
#include <cstddef>

namespace herald::core {

// Raises the soft RLIMIT_NOFILE to the hard limit (unprivileged processes may). Returns the soft
// limit in force afterwards; 0 when it cannot be read. Never lowers it.
size_t raise_open_files_limit();

// The soft RLIMIT_NOFILE (SIZE_MAX when unlimited, 0 when it cannot be read).
size_t open_files_limit();

}  // namespace herald::core
