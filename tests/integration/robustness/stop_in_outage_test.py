"""SIGTERM while every broker is down: `herald run` stops within its --drain-timeout (plus the 2 s
each it gives the final commit and leaving the group), instead of also waiting out a flush and a
session timeout; a new instance, once the brokers are back, finishes the work with no alert lost
or invented, and stops at once when asked.

usage: stop_in_outage_test.py HERALD_BINARY SOURCE_DIR WORK_DIR [EVENTS]"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "pipeline"))
import herald_harness as h  # noqa: E402

herald, src, work, rules, feed = h.robustness_setup(4000, seed=43)
events_n = len(feed.records)
half = events_n // 2
DRAIN_S = 5
# A production-like session timeout: leaving the group without brokers would wait about that long.
SESSION = ["--consumer", "session.timeout.ms=30000", "--consumer", "max.poll.interval.ms=60000"]

broker = h.FaultyBroker(herald, "news:12,alerts:3,news.dlq:1", brokers=3)
bootstrap = broker.bootstrap
run = None
try:
    h.produce(bootstrap, "news", feed.records[:half])
    run, port = h.start_run(herald, bootstrap, rules,
                            ["--drain-timeout", f"{DRAIN_S}s", "--producer", "max.in.flight=1", *SESSION])
    h.wait_all_committed(bootstrap, "herald", "news", run, port, 120, "the first half to be committed")
    h.produce(bootstrap, "news", feed.records[half:])
    h.wait_for(lambda: h.metric_sum(h.scrape(port), "herald_events_consumed_total") > half, 60,
               "herald to take events of the second half")
    for b in (1, 2, 3):
        broker.command(f"down {b}")
    t0 = time.monotonic()
    rc = run.stop(seconds=120)
    took = time.monotonic() - t0
    print(f"stopped in {took:.1f} s with exit code {rc} (drain timeout {DRAIN_S} s)")
    # herald's own lines ("herald pipeline: ...", core::log), not librdkafka's "%3|..." ones
    notes = [l for l in run.stderr_lines if l.startswith("herald")]
    print("\n".join(notes[-6:]))
    assert took < DRAIN_S + 20, f"herald took {took:.1f} s to stop with the brokers down (drain timeout {DRAIN_S} s)"
    assert rc in (0, 1), f"unexpected exit code {rc}"
    if rc == 1:
        assert any("unacknowledged" in l for l in notes), "exit code 1 without saying what was left undone"
    run = None

    for b in (1, 2, 3):
        broker.command(f"up {b}")
    run, port = h.start_run(herald, bootstrap, rules, ["--producer", "max.in.flight=1", "--drain-timeout", "20s"])
    h.wait_all_committed(bootstrap, "herald", "news", run, port, 300, "every event to be committed after the restart")
    # With the brokers up, a stop commits and leaves the group at once, well inside its budget.
    t0 = time.monotonic()
    assert run.stop() == 0, "the second instance did not exit 0 on SIGTERM"
    took = time.monotonic() - t0
    print(f"with the brokers up: stopped in {took:.1f} s")
    assert took < 10, f"a stop with the brokers up took {took:.1f} s (drain timeout 20 s)"
    run = None
    alerts = [json.loads(m.value())
              for m in h.read_all(bootstrap, "alerts", expect_at_least=len(feed.expected), seconds=120, short_ok=True)]
    ids = {a["alert_id"] for a in alerts}
    lost, invented = feed.expected - ids, ids - feed.expected
    print(f"{events_n} events, {len(feed.expected)} alerts predicted: lost {len(lost)}, invented {len(invented)}, "
          f"duplicated {len(alerts) - len(ids)}")
    assert not lost and not invented, "alerts lost or invented across a stop during an outage"
    print("1 passed, 0 failed")
finally:
    if run:
        run.kill()
    broker.kill()
