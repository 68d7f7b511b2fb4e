#!/usr/bin/env bash
# Builds the unit and integration tests under sanitizers and runs them:
#   asan: -DHERALD_SANITIZE=address,undefined into build-asan; every unit suite, and every
#         integration suite but robustness (the pipeline folder included)
#   tsan: -DHERALD_SANITIZE=thread into build-tsan; the suites that run threads only, see below
# The robustness suites (label robustness: kill -9 rounds over 50,000 events) are left out of
# both: they time herald's throughput, which a sanitizer divides by 5 to 20.
# Both -O1 -g1 without benchmarks: half the compile time of RelWithDebInfo's -O2 -g (measured per
# file), and the line tables are all a report's stack needs. Any sanitizer report fails the test
# that triggered it (halt_on_error), so a green run means no report. Prints the time of each step.
#
#   scripts/sanitize.sh            # both, about 20 minutes on 2 cores from a clean tree
#   scripts/sanitize.sh tsan       # one of them
#
# Environment: JOBS (build and ctest parallelism, default 2), BUILD_ROOT (default: the source
# tree), TSAN_PIPELINE=0 to leave the process-level pipeline tests out of the TSan run,
# TSAN_INTEGRATION_JOBS (default 1) for the TSan integration suites.
set -euo pipefail

source_dir=$(cd "$(dirname "$0")/.." && pwd)
build_root=${BUILD_ROOT:-$source_dir}
jobs=${JOBS:-2}
supp=$source_dir/tests/sanitizers
which=${1:-all}

# Sanitizer runtime options: stop at the first report with a stack, and read the suppressions
# (third-party code only, each explained in its file).
export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1"
export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$supp/ubsan.supp"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:history_size=4:suppressions=$supp/tsan.supp"

timings=()
step() {  # step NAME COMMAND...: runs and records the wall time
  local name=$1; shift
  local start=$(date +%s)
  echo "== $name" >&2
  local status=0
  "$@" || status=$?
  local took=$(( $(date +%s) - start ))
  timings+=("$(printf '%-32s %5d s  %s' "$name" "$took" "$([ $status -eq 0 ] && echo ok || echo FAILED)")")
  return $status
}

# TSan looks for races, so it runs only where herald runs threads: the unit suites of the modules
# that start or share them (app: the pipeline's workers, poller, ledger and analyze --jobs; kafka;
# notify; console; telemetry: the /metrics server; core: the CPU count) and every integration
# suite (the herald process, its Kafka clients and the embedded broker). analysis, rules, parse and
# output are single-threaded code run on the workers; their unit suites add nothing under TSan
# that ASan has not checked, and their code runs on several threads in the integration suites.
tsan_modules="core telemetry kafka notify console app"

# The targets one configuration needs: everything for asan; for tsan the herald binary, the
# preloaded produce hook and the test executables of the suites it runs (named as
# cmake/HeraldTesting.cmake names them), so the 33 unit suites it skips are not compiled.
tsan_targets() {
  local targets="herald herald_produce_hold" m f
  for m in $tsan_modules; do
    for f in "$source_dir"/tests/unit/"$m"/*_test.cpp; do targets+=" unit_${m}_$(basename "$f" .cpp)"; done
  done
  for m in kafka app; do
    for f in "$source_dir"/tests/integration/"$m"/*_test.cpp; do targets+=" integration_${m}_$(basename "$f" .cpp)"; done
  done
  echo "$targets"
}

run_config() {  # run_config NAME SANITIZERS UNIT_TEST_REGEX TARGETS...
  local name=$1 sanitizers=$2 unit_regex=$3; shift 3
  local dir=$build_root/build-$name
  # Called under `||`, where set -e does not apply: each step's status is checked by hand.
  step "$name configure" cmake -S "$source_dir" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
    -DHERALD_SANITIZE="$sanitizers" -DHERALD_BUILD_BENCH=OFF -DHERALD_BUILD_TESTS=ON >/dev/null || return 1
  step "$name build" cmake --build "$dir" -j"$jobs" --target "$@" || return 1
  local preload=${LD_PRELOAD:-}
  local integration_args=()
  if [ "$sanitizers" = thread ]; then
    # librdkafka's C11 threads and locks made visible to TSan (see the file's comment).
    step "$name c11 threads shim" cc -shared -fPIC -O2 "$supp/tsan_c11_threads.c" -o "$dir/libtsan_c11_threads.so" \
      || return 1
    preload=$dir/libtsan_c11_threads.so${preload:+:$preload}
    [ "${TSAN_PIPELINE:-1}" = 0 ] && integration_args=(-E pipeline)
  fi
  local failed=0
  step "$name ctest unit" env LD_PRELOAD="$preload" ctest --test-dir "$dir" -L unit -R "$unit_regex" -j"$jobs" \
    --output-on-failure || failed=1
  # Integration suites $jobs at a time under ASan, the ones labelled serial (they time herald) alone
  # (docs/testing.md, "Suites side by side"); one at a time under TSan until side by side there has
  # passed three runs in a row (TSAN_INTEGRATION_JOBS=2 to try it).
  local integration_jobs=$jobs
  [ "$sanitizers" = thread ] && integration_jobs=${TSAN_INTEGRATION_JOBS:-1}
  step "$name ctest integration" env LD_PRELOAD="$preload" ctest --test-dir "$dir" -L integration -LE robustness \
    "${integration_args[@]}" -j"$integration_jobs" --output-on-failure || failed=1
  return $failed
}

status=0
if [ "$which" = all ] || [ "$which" = asan ]; then
  run_config asan address,undefined '.' all || status=1
fi
if [ "$which" = all ] || [ "$which" = tsan ]; then
  # shellcheck disable=SC2046
  run_config tsan thread "^unit_(${tsan_modules// /|})_" $(tsan_targets) || status=1
fi

echo "sanitize.sh timings:"
printf '  %s\n' "${timings[@]}"
exit $status
