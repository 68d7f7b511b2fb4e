#!/usr/bin/env bash
# scripts/setup.sh as a new user meets it: without root and without sudo it says in one line
# what to do and exits 2 (it died with "sudo: command not found", exit 127); an unknown mode is
# one line and exit 2. (It never installs anything: dpkg-query is a stand-in.)
#   tests/e2e/setup_test.sh SOURCE_DIR WORK_DIR      (run as root: it switches to 'nobody')
set -uo pipefail
src=$1 work=$2
rm -rf "$work" && mkdir -p "$work"
fail() { echo "setup_test: $*" >&2; exit 1; }
if [ "$(id -u)" -eq 0 ]; then
  # A dpkg-query that knows no package, and a PATH without sudo: a fresh machine seen by a user.
  # In /tmp, since 'nobody' may not enter the checkout (under /root, say).
  user_dir=$(mktemp -d /tmp/herald-setup-test.XXXXXX)
  trap 'rm -rf "$user_dir"' EXIT
  mkdir -p "$user_dir/bin"
  cp "$src/scripts/setup.sh" "$user_dir/setup.sh"
  printf '#!/bin/sh\nexit 1\n' >"$user_dir/bin/dpkg-query"
  for tool in bash sh id grep sed cat mktemp awk tee; do ln -sf "$(command -v "$tool")" "$user_dir/bin/$tool"; done
  chmod -R a+rX "$user_dir"
  out=$(cd / && setpriv --reuid=nobody --regid=nogroup --clear-groups env -i PATH="$user_dir/bin" bash "$user_dir/setup.sh" demo 2>&1)
  code=$?
  [ "$code" -eq 2 ] || fail "without root or sudo: exit $code, expected 2: $out"
  [ "$(wc -l <<<"$out")" -eq 1 ] || fail "without root or sudo: more than one line: $out"
  grep -q "needs root, and sudo is not installed: run 'bash scripts/setup.sh demo' as root" <<<"$out" ||
    fail "without root or sudo: $out"
  grep -q "apt-get install build-essential cmake" <<<"$out" || fail "without root or sudo, the packages are not named: $out"
else
  echo "setup_test: not root, the no-sudo case is skipped"
fi
out=$(bash "$src/scripts/setup.sh" everything 2>&1); code=$?
[ "$code" -eq 2 ] && [ "$(wc -l <<<"$out")" -eq 1 ] || fail "unknown mode: exit $code: $out"
echo "setup_test: ok"
echo "1 passed, 0 failed"
