"""kill -9 at random moments while events flow, then restart: every alert the offline run
(`herald analyze --rules --alerts`) predicts is on the alerts topic, nothing else, and no alert id
twice (the alerts-tail read on assignment keeps reprocessed events from publishing again).

usage: crash_test.py HERALD_BINARY SOURCE_DIR WORK_DIR [EVENTS] [ROUNDS]"""
import json
import os
import random
import shutil
import signal
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "pipeline"))
import herald_harness as h  # noqa: E402

herald, src, work = sys.argv[1:4]
events_n = int(sys.argv[4]) if len(sys.argv) > 4 else 50000
rounds = int(sys.argv[5]) if len(sys.argv) > 5 else 5
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
rules = os.path.join(src, "tests", "integration", "pipeline", "pipeline-rules.yaml")
rng = random.Random(20261123)

feed = h.GeneratedFeed(herald, src, work, rules, events_n, seed=23)
expected = feed.alerts
expected_ids = feed.expected
assert len(expected_ids) == len(expected) and len(expected) > 100, len(expected)

broker, bootstrap = h.start_broker(herald, "news:8,alerts:3,news.dlq:1")
run = None
kills = 0
try:
    records = feed.records
    h.produce(bootstrap, "news", records)
    for r in range(rounds):
        run, port = h.start_run(herald, bootstrap, rules)
        # Kill after a random part of this round's share of the stream, while alerts are in flight.
        # The counter is the new process's own (it restarts from the committed offset).
        target = int(events_n * rng.uniform(0.3, 0.9) / (rounds + 1))

        def progressed():
            try:
                return h.metric_sum(h.scrape(port), "herald_events_processed_total") >= target
            except OSError:
                return False
        h.wait_for(lambda: progressed() or run.proc.poll() is not None, 180, f"round {r}: processing past {target}")
        assert run.proc.poll() is None, "herald exited by itself:\n" + "\n".join(run.stderr_lines[-20:])
        run.proc.send_signal(signal.SIGKILL)
        run.proc.wait()
        kills += 1
        run = None
    run, port = h.start_run(herald, bootstrap, rules)

    def all_committed():
        committed, high = h.committed_offsets(bootstrap, "herald", "news")
        return committed == high
    h.wait_for(all_committed, 300, "the last run to commit every event")
    assert run.stop() == 0, "herald run did not exit 0 on SIGTERM"
    run = None

    alerts = [json.loads(m.value()) for m in h.read_all(bootstrap, "alerts", expect_at_least=len(expected), seconds=120)]
    ids = [a["alert_id"] for a in alerts]
    dup = len(ids) - len(set(ids))
    lost = expected_ids - set(ids)
    invented = set(ids) - expected_ids
    print(f"crash: {events_n} events, {kills} kill -9 + restarts, {len(expected)} alerts predicted, "
          f"{len(ids)} published: lost {len(lost)}, invented {len(invented)}, duplicated {dup}")
    assert not lost and not invented and dup == 0
    print("1 passed, 0 failed")
finally:
    if run:
        print("\n".join(run.stderr_lines[-20:]), file=sys.stderr)
        run.kill()
    broker.kill()
