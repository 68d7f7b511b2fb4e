"""herald's fetch watch against fetch errors injected through `herald broker --control` (issue 20
item 4, issue 21 item 15). All input partitions are led by broker 1.

1. Stuck: herald starts on an empty topic (nothing committed), every fetch then fails, and events
   arrive. The data is fetchable (ListOffsets answers) but nothing is delivered: within about
   --fetch-stall-timeout /readyz must answer 503 naming a partition "without progress", and the
   fetch of partitions that never delivered anything must be restarted. Once the fetch errors
   stop, every event is committed and /readyz is 200 again.
2. A hiccup shorter than the stall timeout: after the partitions were quiet for longer than
   --fetch-stall-timeout, fetches fail for a few seconds while new events arrive. The data waits
   less than the timeout: no restart, and /readyz stays 200 (the old watch counted time since
   the partition's last message and restarted them).

usage: fetch_watch_test.py HERALD_BINARY SOURCE_DIR WORK_DIR [EVENTS] [PARTS (default 12: both)]"""
import os
import sys
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "pipeline"))
import herald_harness as h  # noqa: E402

herald, src, work, rules, feed = h.robustness_setup(1200, seed=59)
STALL_S = 10
parts = sys.argv[5] if len(sys.argv) > 5 else "12"
first, second = feed.records[:len(feed.records) // 2], feed.records[len(feed.records) // 2:]


def readyz(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as r:
            return r.status, r.read().decode().strip()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode().strip()


broker = h.FaultyBroker(herald, "news:12,alerts:3,news.dlq:1", brokers=3)
bootstrap = broker.bootstrap
run = None
try:
    for p in range(12):
        broker.command(f"leader news {p} 1")
    run, port = h.start_run(herald, bootstrap, rules, ["--fetch-stall-timeout", f"{STALL_S}s",
                                                       "--producer", "max.in.flight=1"])
    h.wait_for(lambda: readyz(port)[0] == 200, 60, "herald to own its partitions")

    def alive():
        if run.proc.poll() is not None:
            run.collect_rest()
            raise AssertionError(f"herald exited ({run.proc.returncode}):\n" +
                                 "\n".join(l for l in run.stderr_lines if not l.startswith("%"))[-3000:])

    def restarts():
        return h.metric_sum(h.scrape(port), "herald_consumer_fetch_restarts_total")

    if "1" in parts:
        # 1. Stuck: every fetch fails (NOT_LEADER_OR_FOLLOWER) while the events arrive.
        broker.command("errors fetch 6 100000")
        t0 = time.monotonic()
        h.produce(bootstrap, "news", first)
        said = {}

        def reported():
            alive()
            status, text = readyz(port)
            if status == 503 and "without progress" in text:
                said["readyz"] = text
            return "readyz" in said and restarts() >= 1
        try:
            h.wait_for(reported, 3 * STALL_S + 15, "/readyz to report the stall and a fetch restart", interval=0.5)
        except AssertionError:
            print("/readyz:", readyz(port), "restarts:", restarts(),
                  "consumed:", h.metric_sum(h.scrape(port), "herald_events_consumed_total"))
            raise
        print(f"stuck fetches: /readyz said after {time.monotonic() - t0:.1f} s: {said['readyz']}", flush=True)
        print("\n".join(l for l in run.stderr_lines if "restarting its fetch" in l)[:600], flush=True)
        broker.command("clear fetch")
        h.wait_all_committed(bootstrap, "herald", "news", run, port, 90, "every event to be committed once fetches work")
        h.wait_for(lambda: alive() or readyz(port)[0] == 200, 30, "/readyz to be 200 again")
        print(f"recovered: every event committed, /readyz 200, {restarts():.0f} fetch restart(s)", flush=True)

    else:  # the partitions deliver once, so that every one has a position
        h.produce(bootstrap, "news", first)
        h.wait_all_committed(bootstrap, "herald", "news", run, port, 90, "the first events to be committed")

    # 2. Quiet for longer than the stall timeout, then a short hiccup while new data arrives.
    quiet_from = time.monotonic()
    h.wait_for(lambda: alive() or time.monotonic() - quiet_from > STALL_S + 2, STALL_S + 10,
               "the partitions to be quiet for longer than the stall timeout", interval=0.5)
    before = restarts()
    consumed_before = h.metric_sum(h.scrape(port), "herald_events_consumed_total")
    broker.command("errors fetch 6 6")
    t1 = time.monotonic()
    h.produce(bootstrap, "news", second)
    produced = time.monotonic()
    h.wait_for(lambda: alive() or h.metric_sum(h.scrape(port), "herald_events_consumed_total") > consumed_before,
               STALL_S, "the first event after the hiccup", interval=0.1)
    print(f"hiccup: the first new event was consumed {time.monotonic() - produced:.1f} s after the last was "
          f"produced (the stall timeout is {STALL_S} s)", flush=True)
    not_ready = []

    def caught_up():
        alive()
        status, text = readyz(port)
        if status != 200:
            not_ready.append(text)
        committed, high = h.committed_offsets(bootstrap, "herald", "news")
        return committed == high
    h.wait_for(caught_up, 60, "the events after the hiccup to be committed", interval=0.5)
    # Stay a full stall period more: a wrongly started clock would fire within it.
    h.wait_for(lambda: alive() or time.monotonic() - t1 > STALL_S + 2, STALL_S + 10, "one more stall period",
               interval=0.5)
    after = restarts()
    print(f"hiccup: every event committed {time.monotonic() - t1:.1f} s after it began; restarts {after - before:.0f}; "
          f"/readyz not ready: {sorted(set(not_ready))[:2]}", flush=True)
    assert after == before, "a fetch was restarted though the data waited less than --fetch-stall-timeout:\n" + \
        "\n".join(l for l in run.stderr_lines if "restarting its fetch" in l)
    assert not not_ready, f"/readyz was not ready during a short hiccup: {not_ready[:2]}"
    rc = run.stop()
    assert rc == 0, f"herald exited {rc} on SIGTERM"
    run = None
    print("1 passed, 0 failed")
finally:
    if run:
        run.kill()
    broker.kill()
