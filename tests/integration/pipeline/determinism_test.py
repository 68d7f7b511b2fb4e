"""Determinism: one feed gives one alert set -- the same ids and every field except detected_at and
source -- through offline `herald analyze --alerts --partitions N`, live `herald run` (stopped with
SIGTERM once and killed with SIGKILL once on the way, so partition state is rebuilt from history
twice), and `herald replay --from-topic`. The rules use windows, holds, cooldowns and resolved
alerts, so the alert set depends on history per key.

With "grouped", the same rules with `group_alerts: true`: one message per event, its members
followed one by one when partition state is rebuilt.

With "stories", the same rules with `story_horizon` over a feed whose stories are updated (some
made negative, some made positive again) and deleted later (docs/events.md, "Story updates"): the
revisions and retractions are the same live, offline and in a replay.

usage: determinism_test.py HERALD_BINARY SOURCE_DIR WORK_DIR [EVENTS] [grouped|stories]"""
import json
import re
import time
T0 = time.monotonic()
import os
import shutil
import signal
import subprocess
import sys
from collections import Counter

import herald_harness as h

herald, src, work = sys.argv[1:4]
events_n = int(sys.argv[4]) if len(sys.argv) > 4 else 10000
partitions = 12
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
rules = os.path.join(src, "tests", "integration", "pipeline", "determinism-rules.yaml")
mode = sys.argv[5] if len(sys.argv) > 5 else ""
grouped, stories = mode == "grouped", mode == "stories"
if grouped or stories:
    with open(rules) as f:
        text = f.read()
    rules = os.path.join(work, mode + "-rules.yaml")
    with open(rules, "w") as f:
        f.write(("group_alerts: true\n" if grouped else "story_horizon: 3h\n") + text)
feed = os.path.join(work, "feed.ndjson")
with open(feed, "w") as f:
    subprocess.run([sys.executable, os.path.join(src, "tools", "gen_events.py"), "--count", str(events_n), "--seed", "5",
                    "--size", "short", "--notable-fraction", "0.08", "--step-ms", "20000"], stdout=f, check=True)


def with_story_updates(path):
    """Every event becomes a story; every 5th is updated 5 minutes later (alternately made negative
    and given back its text), every 9th deleted 8 minutes later. Sorted by event time."""
    from datetime import datetime, timedelta
    events = [json.loads(l) for l in open(path) if l.strip()]
    out = []
    for i, e in enumerate(events):
        e["story_id"] = "story-" + e["id"]
        t = datetime.fromisoformat(e["published_at"].replace("Z", "+00:00"))
        out.append((t, len(out), e))
        if i % 5 == 0:
            u = dict(e, id=e["id"] + "-u1", action="updated")
            if (i // 5) % 2 == 0:
                u["summary"] = e["summary"] + " Shares plunged 14% after the company cut its outlook and warned of losses."
            out.append((t + timedelta(minutes=5), len(out), u))
            out.append((t + timedelta(minutes=6), len(out), dict(e, id=e["id"] + "-u2", action="updated")))
        if i % 9 == 0:
            d = {"id": e["id"] + "-d", "story_id": e["story_id"], "action": "deleted", "tickers": e["tickers"],
                 "published_at": (t + timedelta(minutes=8)).strftime("%Y-%m-%dT%H:%M:%SZ")}
            out.append((t + timedelta(minutes=8), len(out), d))
        if "action" not in e:
            e["action"] = "created"
    out.sort(key=lambda x: (x[0], x[1]))
    with open(path, "w") as f:
        for t, _, e in out:
            if e.get("action") == "updated":
                e["published_at"] = t.strftime("%Y-%m-%dT%H:%M:%SZ")
            f.write(json.dumps(e) + "\n")
    return len(out)


if stories:
    events_n = with_story_updates(feed)
times = [json.loads(l)["published_at"] for l in open(feed) if l.strip()]

r = subprocess.run([herald, "analyze", "--rules", rules, "--alerts", "--partitions", str(partitions), feed],
                   capture_output=True, text=True, timeout=600)
assert r.returncode == 0, r.stderr[-2000:]
offline = [json.loads(l) for l in r.stdout.splitlines() if l.strip()]
by_rule = Counter(a["rule"] + (" resolved" if a.get("resolved") else "") for a in offline)
if grouped:
    assert by_rule["grouped"] >= 10, f"the feed must make events fire several rules: {by_rule}"
elif stories:
    revised = sum(1 for a in offline if a.get("revision", 0) > 0 and not a.get("retracted"))
    retracted = Counter(a["summary"].split(" was ")[-1] for a in offline if a.get("retracted"))
    print(f"stories: {revised} revisions, retractions {dict(retracted)}")
    assert revised >= 10 and retracted["deleted"] >= 10 and retracted["updated and no longer meets the rule"] >= 5, \
        f"the feed must revise and retract alerts: {revised} revisions, {dict(retracted)}"
else:
    assert len(by_rule) >= 6, f"the feed must exercise every rule (windows, hold, cooldown, resolved): {by_rule}"


def phase(what):
    print(f"[{time.monotonic() - T0:6.1f} s] {what}", flush=True)


def delivery(a):
    """What one published alert is known by: its id, and for a story its revision (and retraction)."""
    return f'{a["alert_id"]}/{a.get("revision", 0)}{"x" if a.get("retracted") else ""}'


def comparable(alerts):
    """delivery -> the alert without the fields that legitimately differ between runs."""
    out = {}
    for a in alerts:
        a = dict(a)
        a.pop("detected_at", None)
        a.pop("source", None)
        out[delivery(a)] = a
    return out


def compare(name, alerts):
    ids = [delivery(a) for a in alerts]
    dup = len(ids) - len(set(ids))
    want, got = comparable(offline), comparable(alerts)
    missing, extra = set(want) - set(got), set(got) - set(want)
    differing = [i for i in set(want) & set(got) if want[i] != got[i]]
    print(f"{name}: {len(alerts)} alerts; missing {len(missing)}, extra {len(extra)}, duplicated {dup}, "
          f"fields differing {len(differing)}")
    for i in list(missing)[:5]:
        print("  missing:", json.dumps(want[i])[:300])
    for i in list(extra)[:5]:
        print("  extra:", json.dumps(got[i])[:300])
    for i in differing[:3]:
        print("  offline:", json.dumps(want[i])[:300], "\n  " + name + ":", json.dumps(got[i])[:300])
    return not missing and not extra and not dup and not differing


broker, bootstrap = h.start_broker(herald, f"news:{partitions},alerts:3,alerts.replay:3,news.dlq:1")
runs = []
try:
    pub = subprocess.run([herald, "replay", "--brokers", bootstrap, "--input", feed, "--topic", "news", "--speed", "max"],
                         capture_output=True, text=True, timeout=300)
    assert pub.returncode == 0, pub.stderr[-2000:]

    # Live, with a clean stop and a crash on the way: each restart rebuilds window state.
    slow = ["--max-inflight", "512", "--batch-size", "64", "--workers", "2"]

    def processed(port):
        try:
            return h.metric_sum(h.scrape(port), "herald_events_processed_total")
        except OSError:
            return 0
    phase('first, port = h.start_run')
    first, port = h.start_run(herald, bootstrap, rules, slow)
    runs.append(first)
    h.wait_for(lambda: processed(port) >= events_n * 0.3, 300, "the first run to process 30 %")
    phase('assert first.stop() == 0')
    assert first.stop() == 0, "herald run did not exit 0 on SIGTERM"
    # The first run can get far past 30 % before the stop lands (7,753 of 10,000 in one CI run):
    # then "30 % more" was out of reach and the test waited out its 300 s. Ask for half of what is left.
    done_first = max([int(m.group(1)) for m in (re.search(r"stopped: \d+ consumed, (\d+) processed", l)
                                               for l in first.stderr_lines) if m] or [0])
    # It can also finish the feed (10,000 of 10,000 in one CI run: short events go at 100k/s, and
    # the stop lands a scrape later). Then the crash comes once the second run has rebuilt state
    # from history, with nothing left to process.
    left = events_n - done_first
    second, port = h.start_run(herald, bootstrap, rules, slow)
    runs.append(second)
    if left > 0:
        second_goal = max(1, min(int(events_n * 0.3), left // 2))
        h.wait_for(lambda: processed(port) >= second_goal, 300, f"the second run to process {second_goal} events")
    else:
        second.wait_stderr(r"rule state rebuilt", 300)
    print(f"first run processed {done_first} of {events_n}; the second is killed after {processed(port)}")
    phase('second.proc.send_signal')
    second.proc.send_signal(signal.SIGKILL)
    second.proc.wait()
    third, port = h.start_run(herald, bootstrap, rules, slow)
    runs.append(third)

    def all_committed():
        committed, high = h.committed_offsets(bootstrap, "herald", "news")
        return committed == high
    phase('h.wait_for(all_committed, 300')
    h.wait_for(all_committed, 300, "every event to be committed")
    assert third.stop() == 0
    rebuilt = [l for run in runs for l in run.stderr_lines if "rule state rebuilt" in l]
    print(f"live: {len(rebuilt)} partition rebuilds, e.g. {rebuilt[:1]}")
    assert rebuilt, "restarts must rebuild partition state from history"
    phase('live = [json.loads')
    live = [json.loads(m.value()) for m in h.read_all(bootstrap, "alerts", expect_at_least=len(offline), seconds=120)]

    phase('rp = subprocess.run')
    rp = subprocess.run([herald, "replay", "--brokers", bootstrap, "--from-topic", "news", "--since", min(times),
                         "--until", "2100-01-01T00:00:00Z", "--alerts-topic", "alerts.replay", "--rules", rules],
                        capture_output=True, text=True, timeout=300)
    assert rp.returncode == 0, rp.stderr[-2000:]
    print(rp.stderr.strip().splitlines()[-1])
    phase('replayed = [json.loads')
    replayed = [json.loads(m.value()) for m in
                h.read_all(bootstrap, "alerts.replay", expect_at_least=len(offline), seconds=120)]

    print(f"offline: {len(offline)} alerts from {events_n} events over {partitions} partitions; {dict(by_rule)}")
    ok_live = compare("live run", live)
    ok_replay = compare("topic replay", replayed)
    if not (ok_live and ok_replay):
        for i, run in enumerate(runs):
            print(f"--- run {i} stderr:\n" + "\n".join(run.stderr_lines[-20:]))
    assert ok_live and ok_replay
    print("1 passed, 0 failed")
except AssertionError:
    for i, run in enumerate(runs):  # what each live run said, to tell a hang from a wrong result
        print(f"--- run {i} (exit {run.proc.poll()}) stderr:\n" + "\n".join(run.stderr_lines[-20:]))
    raise
finally:
    for run in runs:
        run.kill()
    broker.kill()
