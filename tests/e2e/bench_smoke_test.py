"""The end-to-end benchmark still measures: bench/e2e/run_e2e.py on a small feed, every mode but
streaming, must exit 0 and report each figure the performance guide quotes (events/s, CPU, RSS,
latency quantiles, the latency floor). Figures are reported, not asserted (the CI machine is shared).

usage: bench_smoke_test.py HERALD_BINARY SOURCE_DIR WORK_DIR"""
import json
import os
import subprocess
import sys

herald, src, work = sys.argv[1:4]
os.makedirs(work, exist_ok=True)

# A fresh machine may have no git: the results then name the commit "unknown" instead of the
# benchmark dying with FileNotFoundError (it did, and scripts/setup.sh did not install git).
sys.path.insert(0, os.path.join(src, "bench", "e2e"))
import run_e2e  # noqa: E402
saved_path = os.environ["PATH"]
os.environ["PATH"] = work  # a folder without git
try:
    assert run_e2e.git_commit() == "unknown (git is not installed)", run_e2e.git_commit()
finally:
    os.environ["PATH"] = saved_path
out = os.path.join(work, "results.json")
cmd = [sys.executable, os.path.join(src, "bench", "e2e", "run_e2e.py"), "--herald", herald, "--events", "2000",
       "--modes", "preproduced,latency,floor", "--rate", "1000", "--workdir", work, "--output", out]
run = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=540)
print(run.stdout[-4000:])
assert run.returncode == 0, f"run_e2e.py exited {run.returncode}"
report = json.load(open(out))
r = report["results"]
assert not report["failures"], report["failures"]
for kind in ("normal", "pass_through"):
    got = r["preproduced"][kind]
    for key in ("events_per_s", "peak_rss_mb"):
        assert isinstance(got[key], (int, float)) and got[key] > 0, (kind, key, got[key])
    # CPU comes from /proc clock ticks (10 ms): a 2,000-event pass-through run can take none.
    assert isinstance(got["cpu_s_per_1m_events"], (int, float)) and got["cpu_s_per_1m_events"] >= 0, (kind, got)
assert r["preproduced"]["normal"]["alerts_published"] == report["feed"]["expected_alerts"]
# Where the time went (issue 19's before/after comparison): CPU by thread, the waits, the stages.
for got in (r["preproduced"]["normal"], r["latency"]):
    th = got["thread_cpu_s"]
    assert th["librdkafka"] >= 0 and all(c > 0 for c in th["herald_threads"]), th
    assert "queue" in got["waits"] and "analyze" in got["stages"], got
for key in ("latency", "latency_repeat"):
    assert r[key]["event_to_alert_count"] > 0 and r[key]["event_to_alert_p99_ms"] is not None, r[key]
    assert r[key]["exit_code"] == 0
floor = r["floor"]
assert floor["events"] > 0 and 0 <= floor["event_to_receive_p50_ms"] <= floor["event_to_receive_p99_ms"], floor
print("bench smoke: ok")
