#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a running demo: install what the demo needs
# (scripts/setup.sh demo), build (build/herald), run `herald demo`. Progress goes to stderr.
# Arguments go to `herald demo` (e.g. --events 100, --json, --metrics-port 0).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh demo
HERALD_BUILD_DIR=build HERALD_BUILD_PROGRESS=short bash scripts/build.sh -DHERALD_BUILD_TESTS=OFF -DHERALD_BUILD_BENCH=OFF >/dev/null
exec ./build/herald demo "$@"
