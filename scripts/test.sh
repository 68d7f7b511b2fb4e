#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a passing test suite: install what the tests need
# (scripts/setup.sh test), build, run every ctest suite (unit, integration, e2e). Extra arguments
# go to ctest (e.g. -L unit). Needs ../shared beside the checkout (README.md, "Tests").
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
HERALD_BUILD_DIR=build bash scripts/build.sh -DHERALD_BUILD_TESTS=ON -DHERALD_BUILD_BENCH=ON
cd build
ctest --output-on-failure --timeout 900 "$@"
