"""`herald replay` as a user meets it, against the embedded broker: --speed sends each event at its own
time (not one gap early), every --input is published, an interrupted replay says how far it got and
exits 1, and a topic replay over a missing topic, an empty topic or an empty range says so and fails.

usage: replay_test.py HERALD_BINARY WORK_DIR"""
import json
import os
import shutil
import signal
import subprocess
import sys
import time

from confluent_kafka import Consumer

sys.path.insert(0, os.path.dirname(__file__))
import herald_harness as h  # noqa: E402
from checks import Checks  # noqa: E402

herald, work = sys.argv[1:3]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
check = Checks()


def herald_cmd(*args):
    return subprocess.run([herald, *args], capture_output=True, text=True, timeout=120)


def feed(name, ids, start_s=0, step_s=20):
    """An NDJSON file of small events `step_s` seconds apart in event time."""
    path = os.path.join(work, name)
    with open(path, "w") as f:
        for i, ev_id in enumerate(ids):
            t = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(1793491200 + start_s + i * step_s))
            f.write(json.dumps({"id": ev_id, "headline": f"Acme news {ev_id}", "published_at": t,
                                "tickers": ["ACME"]}) + "\n")
    return path


def last_line(r):
    lines = [l for l in r.stderr.splitlines() if l.startswith("herald replay:")]
    return lines[-1] if lines else ""


def ids_in(bootstrap, topic, n):
    return [json.loads(m.value())["id"] for m in h.read_all(bootstrap, topic, expect_at_least=n)]


def topic_names(bootstrap):
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": "replay-test-md"})
    try:
        return set(c.list_topics(timeout=10).topics)
    finally:
        c.close()


broker, bootstrap = h.start_broker(herald, "paced:1,multi:1,stopped:1,news:2,empty:2,alerts.replay:1")
try:
    # ---- --speed: each event at its own time. Events 20 s apart at 10x are due 2 s apart; each was
    # sent at the previous one's time (the second 20 ms after the first, then a 2 s sleep).
    paced = feed("paced.ndjson", ["p1", "p2", "p3"])
    watch = h.TopicWatcher(bootstrap, "paced")
    started = time.monotonic()
    replay = h.Process([herald, "replay", "--brokers", bootstrap, "--input", paced, "--topic", "paced",
                        "--speed", "10x"], "herald replay")
    watch.until(lambda ms: len(ms) >= 1, 30, "the first paced event")
    first_seen = time.monotonic()
    # The next is due 2 s after the first: not there 1 s after the first arrived.
    time.sleep(max(0.0, first_seen + 1.0 - time.monotonic()))
    check(len(watch.poll()) == 1, f"the second event came early: {len(watch.messages)} events 1 s after the first")
    watch.until(lambda ms: len(ms) >= 3, 30, "all three paced events")
    check(replay.proc.wait(30) == 0, "\n".join(replay.stderr_lines))
    replay.collect_rest()
    ended = time.monotonic()
    check([json.loads(m.value())["id"] for m in watch.messages] == ["p1", "p2", "p3"], "paced order")
    # 4 s of compressed timeline: about 4 s in all, not 6 (one extra gap) and not 0.
    check(3.5 <= ended - started < 20, f"replay of 40 s of events at 10x took {ended - started:.1f} s")
    watch.close()

    # ---- every --input, in order, then the positional files.
    a = feed("a.ndjson", ["a1", "a2", "a3"])
    b = feed("b.ndjson", ["b1", "b2"], start_s=100)
    c = feed("c.ndjson", ["c1"], start_s=200)
    r = herald_cmd("replay", "--brokers", bootstrap, "--input", a, "--input", b, "--topic", "multi", c)
    check(r.returncode == 0 and "done: 6 events published to 'multi'" in last_line(r), r.stderr)
    check(ids_in(bootstrap, "multi", 6) == ["a1", "a2", "a3", "b1", "b2", "c1"], "every --input, in order")

    # ---- interrupted: not "done", exit 1, and where it stopped. Events 60 s apart at 1x: the
    # first goes at once, the second would wait a minute.
    slow = feed("slow.ndjson", [f"s{i}" for i in range(1, 11)], step_s=60)
    watch = h.TopicWatcher(bootstrap, "stopped")
    replay = h.Process([herald, "replay", "--brokers", bootstrap, "--input", slow, "--topic", "stopped",
                        "--speed", "1x"], "herald replay")
    watch.until(lambda ms: len(ms) >= 1, 30, "the first event of the slow feed")
    code = replay.stop(signal.SIGINT, 30)
    tail = [l for l in replay.stderr_lines if l.startswith("herald replay:")][-1:]
    check(code == 1, f"an interrupted replay exits {code}, expected 1: {replay.stderr_lines}")
    check(tail and f"interrupted: 1 events published to 'stopped'; stopped before {slow} line 2" in tail[0],
          replay.stderr_lines)
    check(not any("done:" in l for l in replay.stderr_lines), "an interrupted replay does not say done")
    check(len(watch.poll()) == 1, f"{len(watch.messages)} events in the topic, replay said 1")
    watch.close()

    # ---- topic replay: a missing topic is a usage error, and is not created by asking.
    rules = os.path.join(work, "rules.yaml")
    with open(rules, "w") as f:
        f.write("rules:\n  - id: any\n    severity: info\n    when: sentiment.score > -2\n")
    rng = ["--since", "2026-11-01T00:00:00Z", "--until", "2026-11-02T00:00:00Z", "--alerts-topic", "alerts.replay",
           "--rules", rules]
    r = herald_cmd("replay", "--brokers", bootstrap, "--from-topic", "nosuchtopic", *rng)
    check(r.returncode == 2, f"missing topic: exit {r.returncode}: {r.stderr}")
    check(last_line(r) == f"herald replay: topic 'nosuchtopic' does not exist on {bootstrap} (its topics: alerts.replay, empty, multi, news, "
          "paced, stopped); check --from-topic and --brokers", r.stderr)
    check("nosuchtopic" not in topic_names(bootstrap), "replay created the topic it was asked to read")

    # An empty topic, and a range with nothing in it: said, exit 1.
    r = herald_cmd("replay", "--brokers", bootstrap, "--from-topic", "empty", *rng)
    check(r.returncode == 1 and "nothing to replay: topic 'empty' is empty (2 partitions, no messages)"
          in last_line(r), r.stderr)
    r = herald_cmd("replay", "--brokers", bootstrap, "--input", a, "--topic", "news")
    check(r.returncode == 0, r.stderr)
    r = herald_cmd("replay", "--brokers", bootstrap, "--from-topic", "news", "--since", "2027-01-01T00:00:00Z",
                   "--until", "2027-02-01T00:00:00Z", "--alerts-topic", "alerts.replay", "--rules", rules)
    check(r.returncode == 1 and "nothing to replay: none of the 3 messages read from 'news' has a timestamp in "
          "[2027-01-01T00:00:00Z, 2027-02-01T00:00:00Z); they span 2026-11-01T00:00:00Z to 2026-11-01T00:00:40Z"
          in last_line(r), r.stderr)
    # The same topic over its real range replays all three.
    r = herald_cmd("replay", "--brokers", bootstrap, "--from-topic", "news", *rng)
    check(r.returncode == 0 and "3 events of 'news'" in last_line(r), r.stderr)
finally:
    broker.kill()

print(f"replay: {check.count} checks")
print("1 passed, 0 failed")
