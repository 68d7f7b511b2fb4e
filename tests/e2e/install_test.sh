#!/usr/bin/env bash
# `cmake --install` into a DESTDIR: the binary, the default rules and the docs land in the usual
# places under the prefix, and the installed binary runs and accepts the installed rules.
#   tests/e2e/install_test.sh BUILD_DIR WORK_DIR
set -euo pipefail
build=$1 work=$2
rm -rf "$work"
mkdir -p "$work"
DESTDIR="$work" cmake --install "$build" --prefix /usr/local >"$work.log" 2>&1 ||
  { echo "install_test: cmake --install failed:" >&2; tail -n 20 "$work.log" >&2; exit 1; }
root="$work/usr/local"
fail() { echo "install_test: $*" >&2; exit 1; }
for f in bin/herald share/herald/rules/demo.yaml share/doc/herald/README.md share/doc/herald/operations.md \
         share/doc/herald/rules.md share/doc/herald/events.md; do
  [ -f "$root/$f" ] || fail "missing /usr/local/$f after DESTDIR=... cmake --install $build --prefix /usr/local"
done
[ -x "$root/bin/herald" ] || fail "/usr/local/bin/herald is not executable"
out=$("$root/bin/herald" rules check "$root/share/herald/rules/demo.yaml") ||
  fail "the installed herald rejects the installed rules: $out"
"$root/bin/herald" --help >/dev/null || fail "the installed herald --help fails"
echo "install_test: $(find "$root" -type f | wc -l) files installed under DESTDIR/usr/local; bin/herald runs; rules ok"
echo "1 passed, 0 failed"
