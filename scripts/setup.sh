#!/usr/bin/env bash
# Installs the Debian 12 packages herald needs to build, test and run its demo.
# Idempotent: packages already present are skipped, so a second run costs seconds.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  librdkafka-dev libsimdjson-dev libboost-dev prometheus-cpp-dev doctest-dev
  libyaml-cpp-dev zlib1g-dev libbenchmark-dev
  kcat python3-confluent-kafka python3-yaml curl prometheus
  clang libclang-rt-14-dev   # libFuzzer targets (tests/fuzz/run_fuzz.sh)
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
