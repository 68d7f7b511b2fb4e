#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a passing test suite: install what the tests need
# (scripts/setup.sh test), build, run every ctest suite (unit, integration, e2e). Extra arguments
# go to ctest (e.g. -L unit) instead of the two runs below. Needs ../shared beside the checkout (README.md, "Tests").
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
HERALD_BUILD_DIR=build bash scripts/build.sh -DHERALD_BUILD_TESTS=ON -DHERALD_BUILD_BENCH=ON
cd build
if [ $# -gt 0 ]; then
  exec ctest --output-on-failure --timeout 900 "$@"
fi
# Two at a time: the unit suites, then the integration and e2e suites, but those that time herald
# (latencies, throughput, rates: label serial, RUN_SERIAL) run alone (docs/testing.md, "CI").
status=0
ctest --output-on-failure --timeout 900 -L unit -j2 || status=1
ctest --output-on-failure --timeout 900 -LE unit -j2 || status=1
exit $status
