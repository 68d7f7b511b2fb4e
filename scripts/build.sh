#!/usr/bin/env bash
# Configures and builds herald (Release) into ./build; extra arguments go to cmake's configure step.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${HERALD_BUILD_DIR:-build}
jobs=${HERALD_JOBS:-$(nproc)}
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=${HERALD_BUILD_TYPE:-Release} "$@" >/dev/null
cmake --build "$build_dir" -j"$jobs"
