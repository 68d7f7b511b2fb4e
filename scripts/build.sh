#!/usr/bin/env bash
# Configures and builds herald (Release) into ./build (HERALD_BUILD_DIR); extra arguments go to
# cmake's configure step. HERALD_JOBS compilers at once (default: the CPU count).
# HERALD_BUILD_PROGRESS=short prints one line per 10 % of the build instead of one per file
# (errors and warnings still show). The binary is $HERALD_BUILD_DIR/herald.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${HERALD_BUILD_DIR:-build}
jobs=${HERALD_JOBS:-$(nproc)}
start=$SECONDS
echo "build: configuring $build_dir/ (cmake, ${HERALD_BUILD_TYPE:-Release})" >&2
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=${HERALD_BUILD_TYPE:-Release} "$@" >/dev/null
echo "build: compiling with $jobs jobs" >&2
if [ "${HERALD_BUILD_PROGRESS:-}" = "short" ]; then
  cmake --build "$build_dir" -j"$jobs" 2>&1 | awk '
    match($0, /^\[ *[0-9]+%\]/) {
      pct = substr($0, RSTART + 1, RLENGTH - 3) + 0
      if (pct >= shown + 10) { shown = pct - pct % 10; printf "build: %d%%\n", shown > "/dev/stderr"; fflush("/dev/stderr") }
      next
    }
    /^(Consolidate compiler generated dependencies|gmake\[[0-9]+\]: (Entering|Leaving) directory)/ { next }
    { print > "/dev/stderr" }'
else
  cmake --build "$build_dir" -j"$jobs"
fi
echo "build: done in $((SECONDS - start)) s: $build_dir/herald" >&2
