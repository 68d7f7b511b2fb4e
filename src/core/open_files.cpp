#include "herald/core/open_files.hpp"

#include <sys/resource.h>

#include <cstdint>

namespace herald::core {

namespace {
size_t as_size(rlim_t v) { return v == RLIM_INFINITY ? SIZE_MAX : static_cast<size_t>(v); }
}  // namespace

size_t open_files_limit() {
    struct rlimit lim {};
    if (getrlimit(RLIMIT_NOFILE, &lim) != 0) return 0;
    return as_size(lim.rlim_cur);
}

size_t raise_open_files_limit() {
    struct rlimit lim {};
    if (getrlimit(RLIMIT_NOFILE, &lim) != 0) return 0;
    if (lim.rlim_cur != lim.rlim_max) {
        struct rlimit raised = lim;
        raised.rlim_cur = lim.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0) return as_size(raised.rlim_cur);
    }
    return as_size(lim.rlim_cur);
}

}  // namespace herald::core
