"""`herald analyze` on every core: the output (analyses, alerts with and without --partitions)
and the messages on stderr are byte-identical for every --jobs, on the sample feed and on a
generated feed split over several files, one of them gzip-compressed, with bad and blank lines
and a missing file among them; and memory stays bounded (the feed is not held in memory).

usage: analyze_jobs_test.py HERALD_BINARY SOURCE_DIR WORK_DIR"""
import gzip
import os
import shutil
import subprocess
import sys
from checks import Checks

herald, src, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
check = Checks()
NL = b"\n"


def generate(count, seed, size, start="2026-10-01T00:00:00Z", step_ms=240000, prefix="gen-"):
    return subprocess.run([sys.executable, os.path.join(src, "tools", "gen_events.py"), "--count", str(count),
                           "--seed", str(seed), "--size", size, "--notable-fraction", "0.15", "--start", start,
                           "--step-ms", str(step_ms), "--id-prefix", prefix],
                          capture_output=True, text=True, check=True).stdout


def analyze(*args):
    r = subprocess.run([herald, "analyze", "--now", "2026-12-01T00:00:00Z", *args], capture_output=True, timeout=600)
    return r.returncode, r.stdout, r.stderr


sample = os.path.join(src, "data", "sample-feed.ndjson")
rules = os.path.join(src, "tests", "integration", "pipeline", "determinism-rules.yaml")
demo_rules = os.path.join(src, "data", "rules", "demo.yaml")

# A generated feed in three files: plain, gzip, plain with bad, blank and id-less lines, so the
# default ids (FILE:LINE), the error lines and their stderr messages are part of what must match.
lines = generate(3000, 11, "mixed").splitlines(keepends=True)
part1 = os.path.join(work, "part1.ndjson")
part2 = os.path.join(work, "part2.ndjson.gz")
part3 = os.path.join(work, "part3.ndjson")
with open(part1, "w") as f:
    f.writelines(lines[:1000])
with gzip.open(part2, "wt") as f:
    f.writelines(lines[1000:2000])
odd = ['\n', 'not json\n', '   \n', '{"headline":"Amazon shares plunge as regulators open a probe","tickers":["AMZN"],'
       '"published_at":"2026-10-09T10:00:00Z"}\n', '{"tickers":["X"]}\n',
       '{"headline":"far future","published_at":"2099-01-01T00:00:00Z"}\n']
with open(part3, "w") as f:
    for i, line in enumerate(lines[2000:]):
        f.write(line)
        if i % 97 == 0:
            f.write(odd[(i // 97) % len(odd)])
generated = [part1, part2, part3]

cases = [
    ("sample analyses", [sample]),
    ("sample alerts", ["--rules", demo_rules, "--alerts", sample]),
    ("sample alerts --partitions 6", ["--rules", demo_rules, "--alerts", "--partitions", "6", sample]),
    ("generated analyses", generated),
    ("generated analyses --explain", ["--explain", part1]),
    ("generated alerts", ["--rules", rules, "--alerts", *generated]),
    ("generated alerts --partitions 12", ["--rules", rules, "--alerts", "--partitions", "12", *generated]),
]
for name, args in cases:
    code1, out1, err1 = analyze("--jobs", "1", *args)
    check(code1 == 0 and out1, f"{name}: --jobs 1 exit {code1}: {err1[-800:]!r}")
    if "alerts" in name:
        check(out1.count(NL) > 5, f"{name}: too few alerts to prove anything ({out1.count(NL)})")
    for jobs in (2, 3, 8):
        code, out, err = analyze("--jobs", str(jobs), *args)
        check(code == code1, f"{name}: --jobs {jobs} exit {code}, --jobs 1 exit {code1}")
        check(out == out1, f"{name}: --jobs {jobs} output differs from --jobs 1 "
                           f"({len(out)} vs {len(out1)} bytes, {out.count(NL)} vs {out1.count(NL)} lines)")
        check(err == err1, f"{name}: --jobs {jobs} stderr differs:\n{err[-600:]!r}\nvs\n{err1[-600:]!r}")
    # The default is every usable CPU: the same output again.
    code, out, err = analyze(*args)
    check(code == code1 and out == out1 and err == err1, f"{name}: default --jobs differs from --jobs 1")

# The bad lines were reported in input order, with their file and line.
_, out, err = analyze("--jobs", "3", *generated)
bad = [l for l in err.decode().splitlines() if l.startswith("herald analyze: ")]
check(len(bad) == 5 and all(part3 + ":" in l for l in bad), f"bad lines named with their file: {bad[:3]}")
numbers = [int(l.split(":")[2]) for l in bad]
check(numbers == sorted(numbers), f"bad lines in input order: {numbers}")

# Several files are one feed: rule state carries from one file into the next (the same alerts as
# their concatenation), and the gzip part reads like the plain one.
first2000 = os.path.join(work, "first2000.ndjson")
with open(first2000, "w") as f:
    f.writelines(lines[:2000])
code, split, _ = analyze("--jobs", "2", "--rules", rules, "--alerts", part1, part2)
_, whole, _ = analyze("--jobs", "1", "--rules", rules, "--alerts", first2000)
check(code == 0 and split == whole and whole, "two files (one .gz) give the alerts of their concatenation")

# A missing file is reported at its place, the others are still read, and the exit code is 1.
code, out, err = analyze("--jobs", "4", "--rules", rules, "--alerts", part1, os.path.join(work, "missing.ndjson"), part2)
check(code == 1 and "herald analyze: cannot open" in err.decode() and "missing.ndjson" in err.decode() and out == whole,
      f"missing file: exit {code}, {err.decode()[-300:]!r}")

# Bounded memory: a feed 12 times larger costs (almost) no more memory. ru_maxrss of each run is
# read from a fresh child (RUSAGE_CHILDREN keeps the maximum over all children, so a helper
# process runs each measurement alone).
big = os.path.join(work, "big.ndjson")
small = os.path.join(work, "small.ndjson")
seed_lines = generate(24000, 5, "seed", step_ms=60000).splitlines(keepends=True)
with open(big, "w") as f:
    f.writelines(seed_lines)
with open(small, "w") as f:
    f.writelines(seed_lines[:2000])
measure = ("import resource, subprocess, sys; "
           "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
           "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def peak_kb(path):
    r = subprocess.run([sys.executable, "-c", measure, herald, "analyze", "--jobs", "2", "--rules", demo_rules,
                        "--alerts", path], capture_output=True, text=True, check=True, timeout=600)
    code, kb = r.stdout.split()
    assert code == "0", r.stdout
    return int(kb)


size_mb = os.path.getsize(big) / 1e6
small_kb, big_kb = peak_kb(small), peak_kb(big)
check(big_kb - small_kb < 24 * 1024,
      f"peak RSS {small_kb / 1024:.0f} MB on 2,000 events, {big_kb / 1024:.0f} MB on 24,000 ({size_mb:.0f} MB of input): "
      "memory grows with the feed")
print(f"analyze_jobs: {check.count} checks passed (peak RSS {small_kb / 1024:.0f} MB on 2,000 seed-sized events, "
      f"{big_kb / 1024:.0f} MB on 24,000 = {size_mb:.0f} MB)")
