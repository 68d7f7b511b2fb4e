#!/usr/bin/env bash
# Builds herald's libFuzzer targets with clang into BUILD_DIR and runs each for SECONDS on a
# working copy of its seed corpus (BUILD_DIR/fuzz-corpus/<target>, kept between runs so it
# grows). Prints one line per target with its executions; exits non-zero if any target finds a
# crash, a sanitizer report, a timeout or a broken invariant (the input is saved under
# BUILD_DIR/fuzz-findings/ and its path printed).
#
#   tests/fuzz/run_fuzz.sh build-fuzz 30          # CI (.ci/run): 30 s per target, 3 minutes of fuzzing
#   TARGETS="fuzz_rules" tests/fuzz/run_fuzz.sh build-fuzz 600
#
# Environment: TARGETS (space-separated subset), JOBS (build parallelism, default 2),
# FUZZ_MAX_LEN (largest input tried, default 8192).
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 BUILD_DIR SECONDS" >&2
  exit 2
fi
build_dir=$1
seconds=$2
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
targets=${TARGETS:-"fuzz_event_parser fuzz_quantities_metrics fuzz_sentiment fuzz_rules fuzz_analysis_json fuzz_outgoing"}
jobs=${JOBS:-2}
max_len=${FUZZ_MAX_LEN:-8192}

command -v clang++ >/dev/null || { echo "run_fuzz: clang++ not found (scripts/setup.sh installs it)" >&2; exit 2; }

mkdir -p "$build_dir"
# -O2 for the executions per second; -g1 (line tables, all a finding's stack needs) compiles a
# quarter faster than -g.
cmake -S "$source_dir" -B "$build_dir" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" -DHERALD_BUILD_FUZZ=ON -DHERALD_BUILD_TESTS=OFF -DHERALD_BUILD_BENCH=OFF >"$build_dir/fuzz-configure.log" 2>&1 \
  || { cat "$build_dir/fuzz-configure.log" >&2; exit 2; }
# shellcheck disable=SC2086
cmake --build "$build_dir" --target $targets -j"$jobs" >"$build_dir/fuzz-build.log" 2>&1 \
  || { tail -50 "$build_dir/fuzz-build.log" >&2; exit 2; }

dict_for() {
  case $1 in
    fuzz_event_parser) echo "$here/dict/event.dict" ;;
    fuzz_rules) echo "$here/dict/rules.dict" ;;
    *) echo "$here/dict/text.dict" ;;
  esac
}

failed=0
mkdir -p "$build_dir/fuzz-findings" "$build_dir/fuzz-logs"
for t in $targets; do
  corpus="$build_dir/fuzz-corpus/$t"
  mkdir -p "$corpus"
  cp -n "$here/corpus/$t/"* "$corpus/" 2>/dev/null || true
  log="$build_dir/fuzz-logs/$t.log"
  start=$(date +%s)
  status=0
  # -timeout: one input slower than 10 s is a finding (quadratic paths on hostile input).
  "$build_dir/tests/fuzz/$t" "$corpus" -dict="$(dict_for "$t")" -max_total_time="$seconds" \
    -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$build_dir/fuzz-findings/$t-" >"$log" 2>&1 || status=$?
  elapsed=$(( $(date +%s) - start ))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  corpus_size=$(find "$corpus" -type f | wc -l)
  if [ "$status" -ne 0 ]; then
    failed=1
    finding=$(sed -n "s/.*Test unit written to //p" "$log" | tail -1)
    echo "$t: FAILED after ${execs:-?} executions in ${elapsed} s (exit $status); input: ${finding:-see log}; log: $log"
    grep -m3 -E "ERROR|invariant broken|runtime error" "$log" | sed 's/^/  /' || true
  else
    echo "$t: ${execs:-?} executions in ${elapsed} s, corpus ${corpus_size} inputs, no finding"
  fi
done
exit $failed
