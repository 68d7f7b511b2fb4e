"""Scale-out on Kafka's consumer group: 3 herald processes share 12 partitions; a 4th joins and one
is killed (kill -9) mid-stream. Every event is processed (offsets committed to the end), no alert is
lost or repeated against the offline prediction, and per key the alerts keep the events' order.

usage: scale_out_test.py HERALD_BINARY SOURCE_DIR WORK_DIR [EVENTS]"""
import json
import os
import signal
import sys
from collections import defaultdict

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "pipeline"))
import herald_harness as h  # noqa: E402

herald, src, work, rules, feed = h.robustness_setup(30000, seed=31)
events_n = len(feed.records)
expected = feed.expected

broker, bootstrap = h.start_broker(herald, "news:12,alerts:3,news.dlq:1")
runs = []
try:
    records = feed.records
    h.produce(bootstrap, "news", records[: events_n // 3])
    for _ in range(3):
        runs.append(h.start_run(herald, bootstrap, rules, ["--max-inflight", "256", "--batch-size", "64"]))

    def processed():
        total = 0
        for r, port in runs:
            if r.proc.poll() is None:
                try:
                    total += h.metric_sum(h.scrape(port), "herald_events_processed_total")
                except OSError:
                    pass
        return total
    h.wait_for(lambda: processed() >= events_n // 6, 120, "the group to start processing")
    runs.append(h.start_run(herald, bootstrap, rules, ["--max-inflight", "256", "--batch-size", "64"]))  # joins
    h.produce(bootstrap, "news", records[events_n // 3: 2 * events_n // 3])
    victim = runs[1][0]
    victim.proc.send_signal(signal.SIGKILL)  # dies mid-stream, uncommitted work and all
    victim.proc.wait()
    h.produce(bootstrap, "news", records[2 * events_n // 3:])

    def all_committed():
        committed, high = h.committed_offsets(bootstrap, "herald", "news")
        return committed == high
    h.wait_for(all_committed, 300, "the group to commit every event")
    # The input holds each event once (an idempotent producer's retry must not repeat one), so a
    # repeated alert below is herald's doing.
    _, high = h.committed_offsets(bootstrap, "herald", "news")
    assert sum(high.values()) == events_n, f"the input topic holds {sum(high.values())} messages, not {events_n}"
    for r, _ in runs:
        if r is not victim:
            assert r.stop() == 0, "a herald process did not exit 0 on SIGTERM"

    alerts = [json.loads(m.value()) for m in h.read_all(bootstrap, "alerts", expect_at_least=len(expected), seconds=120)]
    ids = [a["alert_id"] for a in alerts]
    lost, invented, dup = expected - set(ids), set(ids) - expected, len(ids) - len(set(ids))
    # Per key, alerts appear in the order of their events in the input partition.
    order_breaks = 0
    last = defaultdict(lambda: (-1, -1))
    for a in alerts:
        pos = (a["source"]["partition"], a["source"]["offset"])
        if pos[0] == last[a["key"]][0] and pos[1] < last[a["key"]][1]:
            order_breaks += 1
        last[a["key"]] = pos
    print(f"scale-out: {events_n} events over 12 partitions, 3 members + 1 joined + 1 killed; {len(expected)} alerts "
          f"predicted, lost {len(lost)}, invented {len(invented)}, duplicated {dup}, per-key order breaks {order_breaks}")
    if lost or invented or dup or order_breaks:
        # Enough to tell a rebalance race from a dedup gap: which alerts repeat, and what each member said.
        seen = defaultdict(list)
        for a in alerts:
            seen[a["alert_id"]].append((a["source"]["partition"], a["source"]["offset"], a["detected_at"]))
        for aid, where in seen.items():
            if len(where) > 1:
                print(f"duplicate {aid}: {where}")
        for i, (r, _) in enumerate(runs):
            print(f"--- member {i} (exit {r.proc.poll()}) stderr:")
            print("\n".join(r.stderr_lines[-40:]))
    assert not lost and not invented and dup == 0 and order_breaks == 0
    print("1 passed, 0 failed")
finally:
    for r, _ in runs:
        r.kill()
    broker.kill()
