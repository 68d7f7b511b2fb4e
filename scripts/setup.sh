#!/usr/bin/env bash
# Installs the Debian 12 packages herald needs, for one purpose:
#   scripts/setup.sh demo   build herald and run `herald demo` (compiler, cmake, the libraries)
#   scripts/setup.sh test   + every test suite: doctest, Google Benchmark, python3-confluent-kafka,
#                             python3-yaml, the prometheus server and promtool, Alertmanager
#                             (`herald notify`'s tests), git, kcat, and chromium with
#                             python3-websocket (the console's page test and the backtest
#                             page test) (default)
#   scripts/setup.sh ci     + clang and the libFuzzer runtime (.ci/run's fuzzing), debootstrap
#                             (.ci/run's fresh-machine check), ccache (CI's builds compile only
#                             what changed since the last run; cmake/HeraldOptions.cmake)
# Idempotent: packages already present are skipped, so a second run costs seconds. Needs root or
# sudo; prints what it installs and its progress (downloads, then packages set up).
set -euo pipefail

mode=${1:-test}
demo=(build-essential cmake pkg-config librdkafka-dev libsimdjson-dev libboost-dev prometheus-cpp-dev
      libyaml-cpp-dev zlib1g-dev libcurl4-openssl-dev libsqlite3-dev)
test=(doctest-dev libbenchmark-dev python3-confluent-kafka python3-yaml prometheus prometheus-alertmanager git kcat gzip
      chromium python3-websocket)
ci=(clang libclang-rt-14-dev debootstrap ccache)
case "$mode" in
  demo) packages=("${demo[@]}") ;;
  test) packages=("${demo[@]}" "${test[@]}") ;;
  ci) packages=("${demo[@]}" "${test[@]}" "${ci[@]}") ;;
  -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "setup: unknown mode '$mode': use demo, test or ci (see scripts/setup.sh --help)" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "setup: installing ${#missing[@]} Debian packages needs root, and sudo is not installed: run 'bash scripts/setup.sh $mode' as root (or install them yourself: apt-get install ${missing[*]})" >&2
    exit 2
  fi
  sudo_cmd=(sudo)
fi

# Debian's prometheus package starts a system-wide server on 0.0.0.0:9090 where systemd runs; the
# tests start their own on a free loopback port and never need it. Remember whether it was there.
# prometheus-alertmanager likewise starts one on 0.0.0.0:9093.
services_new=()
for service in prometheus prometheus-alertmanager; do
  if [[ " ${missing[*]} " == *" $service "* ]]; then services_new+=("$service"); fi
done

export DEBIAN_FRONTEND=noninteractive
echo "setup: installing ${#missing[@]} Debian packages for '$mode': ${missing[*]}" >&2
echo "setup: apt-get update ..." >&2
"${sudo_cmd[@]}" apt-get update -qq
# The number of packages with their dependencies, so progress can say "k of N".
total=$("${sudo_cmd[@]}" apt-get install -s --no-install-recommends "${missing[@]}" | grep -c '^Inst ' || true)
echo "setup: $total packages to download and set up (with dependencies); a few minutes on a fresh machine" >&2
# apt's own output is long: keep one line per 10 % of downloads and of set-ups, and all of it
# (in the log) when apt fails.
log=$(mktemp)
set +e
"${sudo_cmd[@]}" apt-get install -y --no-install-recommends -o Dpkg::Use-Pty=0 "${missing[@]}" 2>&1 |
  tee "$log" |
  awk -v total="$total" '
    function report(what, n,   pct) {
      pct = total > 0 ? int(100 * n / total) : 0
      if (pct >= last[what] + 10 || n == total) { last[what] = pct; printf "setup: %s %d of %d packages (%d%%)\n", what, n, total, pct > "/dev/stderr"; fflush("/dev/stderr") }
    }
    /^Get:[0-9]+ / { report("downloaded", ++got) }
    /^Setting up / { report("set up", ++set) }'
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
  echo "setup: apt-get install failed (exit $status); its last lines:" >&2
  tail -n 20 "$log" >&2
  rm -f "$log"
  exit 1
fi
rm -f "$log"

for service in "${services_new[@]}"; do
  if [ -d /run/systemd/system ] && systemctl is-enabled --quiet "$service" 2>/dev/null; then
    "${sudo_cmd[@]}" systemctl disable --now "$service" >/dev/null 2>&1 || true
    echo "setup: stopped and disabled the $service system service that Debian's package starts (herald's tests run their own on loopback; 'systemctl enable --now $service' brings it back)" >&2
  fi
done
echo "setup: done" >&2
