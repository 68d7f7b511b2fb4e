#!/usr/bin/env bash
# Proves the README's two commands on a clean Debian 12: `debootstrap --variant=minbase bookworm`
# into a new folder (nothing installed but apt and a shell), this checkout (and ../shared when it
# is there) copied in, then, in a chroot with /proc, /sys and /dev mounted, the demo command
# (bounded by --events so it ends by itself) and, unless --demo-only, the test command. Prints each step's time; exit 0 only if
# every step passed. Needs root, debootstrap and Debian's archive (the mirror below).
#
#   sudo bash scripts/fresh-machine-check.sh [--demo-only] [--test-args "ARGS"] [--keep] [--workdir DIR]
#                                            [--mirror URL]
#
# --test-args gives the test command ctest arguments (e.g. "-L e2e"): .ci/run uses that, since the
# whole suite again in the chroot would add ~15 min to CI; docs/testing.md quotes the last full run.
set -euo pipefail
# HERALD_REPO: the checkout to copy, when this script runs from a copy of itself (bash reads a
# script as it runs, so editing the checkout's copy during an hour-long run breaks that run).
repo=$(cd "${HERALD_REPO:-$(dirname "$0")/..}" && pwd)
cd "$repo"

demo_only=0 keep=0 workdir="" mirror=http://deb.debian.org/debian test_args=""
while [ $# -gt 0 ]; do
  case "$1" in
    --demo-only) demo_only=1 ;;
    --keep) keep=1 ;;
    --test-args) test_args=$2; shift ;;
    --workdir) workdir=$2; shift ;;
    --mirror) mirror=$2; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "fresh-machine-check: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

die() { echo "fresh-machine-check: $*" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, mount and chroot): run it as root or with sudo"
command -v debootstrap >/dev/null || die "debootstrap not found: apt-get install debootstrap"

workdir=${workdir:-$(mktemp -d /var/tmp/herald-fresh.XXXXXX)}
root=$workdir/rootfs
mkdir -p "$root"
log=$workdir/log
mkdir -p "$log"
echo "fresh-machine-check: working in $workdir (logs in $log)"

mounted=()
cleanup() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -R "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" || true; done
  if [ "$keep" -eq 0 ]; then rm -rf --one-file-system "$workdir"; else echo "fresh-machine-check: kept $workdir"; fi
}
trap cleanup EXIT

step() { # step NAME COMMAND...: runs it with its output in $log/NAME, prints its time and the log's tail on failure
  local name=$1; shift
  local t0=$SECONDS
  echo "fresh-machine-check: $name ..."
  if "$@" >"$log/$name" 2>&1; then
    echo "fresh-machine-check: $name ok in $((SECONDS - t0)) s"
  else
    local rc=$?
    echo "fresh-machine-check: $name FAILED (exit $rc) after $((SECONDS - t0)) s; last lines of $log/$name:" >&2
    tail -n 30 "$log/$name" >&2
    exit 1
  fi
}

step debootstrap debootstrap --variant=minbase bookworm "$root" "$mirror"

# The user's view: a checkout (tracked and new files, no build folders) with ../shared beside it.
copy_repo() {
  mkdir -p "$root/root/herald" "$root/root/shared"
  if command -v git >/dev/null && git -C "$repo" rev-parse --git-dir >/dev/null 2>&1; then
    git -C "$repo" ls-files -co --exclude-standard -z | tar --null -T - -cf - | tar -xf - -C "$root/root/herald"
  else
    tar --exclude='./build*' -cf - . | tar -xf - -C "$root/root/herald"
  fi
  # As a user would have it, if they have it: the suites run without it, a few measurements read it.
  if [ -d ../shared ]; then cp -a ../shared/. "$root/root/shared/"; else rmdir "$root/root/shared"; fi
  cp /etc/resolv.conf "$root/etc/resolv.conf"
}
step copy copy_repo

for m in proc sys dev; do
  case $m in
    proc) mount -t proc proc "$root/proc" ;;
    sys) mount -t sysfs sys "$root/sys" ;;
    dev) mount --rbind /dev "$root/dev"; mount --make-rslave "$root/dev" ;;
  esac
  mounted+=("$root/$m")
done

in_chroot() {
  chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    bash -c "cd /root/herald && $1"
}

# The demo as the README gives it, bounded so it ends by itself (the bundled feed has 228 events)
# and on port 0 so it keeps off any other /metrics; --json makes its alerts easy to count.
demo() {
  in_chroot "bash scripts/demo.sh --events 228 --metrics-port 0 --json"
}
step demo demo
alerts=$(grep -c '^{' "$log/demo" || true)
[ "$alerts" -gt 0 ] || { echo "fresh-machine-check: the demo printed no alert (see $log/demo)" >&2; exit 1; }
echo "fresh-machine-check: demo printed $alerts alerts"

if [ "$demo_only" -eq 0 ]; then
  step tests in_chroot "bash scripts/test.sh $test_args"
  grep -E 'tests passed|tests failed' "$log/tests" | tail -n 1
fi
echo "fresh-machine-check: passed in $SECONDS s ($(date -u +%FT%TZ), $(nproc) cores)"
