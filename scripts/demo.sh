#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a running demo: set up, build, `herald demo`.
# Arguments go to `herald demo` (e.g. --events 100, --json, --metrics-port 0).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
HERALD_BUILD_DIR=build bash scripts/build.sh -DHERALD_BUILD_TESTS=OFF -DHERALD_BUILD_BENCH=OFF >/dev/null
exec ./build/herald demo "$@"
