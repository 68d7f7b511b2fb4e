#!/usr/bin/env python3
"""Backtest throughput: `herald backtest` of the demo rules against a changed copy over a
generated feed, per --jobs: wall time, events/s, MB/s, CPU time (user + sys), peak RSS, the CPU
time of each thread, and the load average around each run (the machine may be shared: CPU time,
its split over the threads and the load say how much of the wall time was herald's, and what the
wall time would be on free cores: the busiest thread's CPU time).

    bench/backtest/run_backtest.py build/herald --events 1000000 --jobs 1,2 [--feed FILE] [--repeat 3]

The feed is `tools/gen_events.py --size seed --seed 42` (about 2.8 KB per event), generated
once into --feed when the file does not exist. Prints one line per run and a JSON summary.
Python standard library only."""
import argparse
import json
import os
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(os.path.dirname(HERE))

# The changes a desk would try on the demo rules: a stricter burst, a looser growth threshold,
# a severity change, a reworded summary, a dropped rule and a new one.
CHANGES = [
    ('count(entity.sentiment.score <= -0.3, 2d) >= 2 and', 'count(entity.sentiment.score <= -0.3, 2d) >= 3 and'),
    ('metric("revenue", forecast=false).change.percent >= 50%', 'metric("revenue", forecast=false).change.percent >= 40%'),
    ('    severity: critical\n    when: metric("net_income", total=true',
     '    severity: warning\n    when: metric("net_income", total=true'),
    ('summary: "{metric.business} capex {metric.value} {metric.unit}"',
     'summary: "capex plan: {metric.business} {metric.value} {metric.unit}"'),
]


def changed_rules(path):
    text = open(os.path.join(SRC, "data", "rules", "demo.yaml")).read()
    for old, new in CHANGES:
        if old not in text:
            sys.exit(f"run_backtest: the demo rules changed: {old!r} not found; update CHANGES")
        text = text.replace(old, new)
    text += ("\n  - id: bench-new-rule\n    description: Any strongly negative story\n    severity: info\n"
             "    when: sentiment.score <= -0.6\n    cooldown: 6h\n")
    with open(path, "w") as f:
        f.write(text)


# Run in a fresh child per measurement (ru_maxrss of RUSAGE_CHILDREN is the maximum over all
# children): wall, CPU and peak RSS of herald, and the CPU time of each of its threads, sampled from
# /proc every 0.2 s (threads that ended are kept at their last sample).
MEASURE = """
import os, resource, subprocess, sys, time
t = time.monotonic()
p = subprocess.Popen(sys.argv[2:], stdout=open(sys.argv[1], 'wb'))
tick = os.sysconf('SC_CLK_TCK')
threads = {}
while p.poll() is None:
    try:
        for tid in os.listdir(f'/proc/{p.pid}/task'):
            f = open(f'/proc/{p.pid}/task/{tid}/stat').read().rsplit(')', 1)[1].split()
            threads[tid] = (int(f[11]) + int(f[12])) / tick
    except OSError:
        pass
    time.sleep(0.2)
wall = time.monotonic() - t
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(p.returncode, wall, u.ru_utime + u.ru_stime, u.ru_maxrss, ','.join(f'{v:.2f}' for v in sorted(threads.values(), reverse=True)))
"""


def measure(cmd, out_path):
    r = subprocess.run([sys.executable, "-c", MEASURE, out_path, *cmd], capture_output=True, text=True, check=True)
    code, wall, cpu, rss, threads = r.stdout.split()
    if code != "0":
        sys.exit(f"run_backtest: {' '.join(cmd)} exited {code}: {r.stderr[-2000:]}")
    return float(wall), float(cpu), int(rss) / 1024, [float(x) for x in threads.split(",")]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("herald")
    ap.add_argument("--events", type=int, default=1000000)
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--feed", default=None, help="NDJSON feed (generated when missing)")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--work", default="/tmp/herald-bench-backtest")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    feed = a.feed or os.path.join(a.work, f"seed-{a.events}.ndjson")
    if not os.path.exists(feed):
        with open(feed, "w") as f:
            subprocess.run([sys.executable, os.path.join(SRC, "tools", "gen_events.py"), "--count", str(a.events),
                            "--seed", "42", "--size", "seed", "--start", "2026-01-01T00:00:00Z", "--step-ms", "30000"],
                           stdout=f, check=True)
    events = sum(1 for _ in open(feed, "rb"))
    mb = os.path.getsize(feed) / 1e6
    rules = os.path.join(a.work, "demo-changed.yaml")
    changed_rules(rules)
    baseline = os.path.join(SRC, "data", "rules", "demo.yaml")
    results = []
    for jobs in [int(j) for j in a.jobs.split(",")]:
        for rep in range(a.repeat):
            load_before = os.getloadavg()[0]
            out = os.path.join(a.work, f"report-{jobs}.json")
            wall, cpu, rss, threads = measure([a.herald, "backtest", "--rules", rules, "--baseline", baseline, "--json",
                                      "--jobs", str(jobs), "--now", "2030-01-01T00:00:00Z", feed], out)
            load_after = os.getloadavg()[0]
            total = json.load(open(out))["total"]
            row = {"jobs": jobs, "events": events, "mb": round(mb, 1), "wall_s": round(wall, 2),
                   "events_per_s": round(events / wall), "mb_per_s": round(mb / wall, 1), "cpu_s": round(cpu, 2),
                   "events_per_cpu_s": round(events / cpu), "peak_rss_mb": round(rss, 1),
                   "thread_cpu_s": threads,
                   "load_before": load_before, "load_after": load_after,
                   "alerts_before": total["before"]["fired"], "alerts_after": total["after"]["fired"],
                   "added": total["added"], "removed": total["removed"], "changed": total["changed"]}
            results.append(row)
            print(f"--jobs {jobs}: {events} events ({mb:.0f} MB) in {wall:.1f} s: {row['events_per_s']} events/s, "
                  f"{row['mb_per_s']} MB/s; CPU {cpu:.1f} s ({row['events_per_cpu_s']} events per CPU-second); "
                  f"peak RSS {rss:.0f} MB; load {load_before:.1f} -> {load_after:.1f}; CPU s per thread "
                  f"{', '.join(f'{t:.1f}' for t in threads if t >= 0.05)}", flush=True)
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
