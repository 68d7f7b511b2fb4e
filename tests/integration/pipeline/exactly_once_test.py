"""delivery: exactly-once on the embedded broker: herald commits alerts, dead letters and input
offsets in Kafka transactions; produce errors injected mid-stream (INVALID_RECORD, not retriable)
make it abort the open transaction and re-read from the last committed offsets, without exiting.
Checked: transactions commit and abort (herald_transactions_total), every predicted alert is in
the alerts topic and none that is not predicted, every bad message has a dead letter, and herald
exits 0 on SIGTERM. Copies of alerts from aborted transactions are counted and reported: a real
Kafka hides them from read_committed readers, librdkafka 2.0.2's mock cluster does not.

usage: exactly_once_test.py HERALD_BINARY SOURCE_DIR WORK_DIR [EVENTS]"""
import json
import os
import shutil
import sys

import herald_harness as h

herald, src, work = sys.argv[1:4]
events_n = int(sys.argv[4]) if len(sys.argv) > 4 else 6000
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
rules = os.path.join(src, "tests", "integration", "pipeline", "pipeline-rules.yaml")
feed = h.GeneratedFeed(herald, src, work, rules, events_n, seed=59, notable_fraction=0.08)
expected, records = feed.expected, feed.records
bad = [(b"BAD", b"{not json", None), (b"BAD", b"[1,2]", None), (b"BAD", b'{"headline": 7}', None)]
thirds = [records[i * events_n // 3:(i + 1) * events_n // 3] for i in range(3)]

broker = h.FaultyBroker(herald, "news:6,alerts:3,news.dlq:1", brokers=3)
bootstrap = broker.bootstrap
run = None
try:
    h.produce(bootstrap, "news", thirds[0] + bad)
    run, port = h.start_run(herald, bootstrap, rules, ["--delivery", "exactly-once", "--transaction-interval", "50ms",
                                                       "--max-inflight", "512", "--batch-size", "64"])

    def txns(result):
        return h.metric_values(h.scrape(port), "herald_transactions_total").get(f'{{result="{result}"}}', 0)

    def alive():
        assert run.proc.poll() is None, f"herald exited ({run.proc.returncode}):\n" + "\n".join(run.stderr_lines[-20:])
        return True

    def processed():
        return h.metric_sum(h.scrape(port), "herald_events_processed_total")

    # Transactions flow: the first third is processed and at least one transaction committed.
    # (Not "3 commits": since herald learns its output topics at start, the first third can fit
    # in one or two 50-ms transactions.)
    h.wait_for(lambda: alive() and processed() >= len(thirds[0]) + len(bad) and txns("commit") >= 1, 120,
               "the first third to be processed in committed transactions")
    for i in (1, 2):
        aborts = txns("abort")
        h.produce(bootstrap, "news", thirds[i])  # first: the injected errors are for herald's next produce requests
        broker.command("errors produce 87 2")  # INVALID_RECORD: the open transaction must abort
        h.wait_for(lambda: alive() and txns("abort") > aborts, 120, f"abort {i} after injected produce errors")
        broker.command("clear produce")  # errors herald's aborted requests did not use up
        print(f"abort {i}: herald aborted and rewound ({txns('abort'):.0f} aborts so far)", flush=True)

    # Done when every predicted alert and every dead letter is there (herald's own counters count
    # re-read events twice, and the embedded broker does not store transactional offsets).
    alerts_seen = h.TopicWatcher(bootstrap, "alerts")
    dlq_seen = h.TopicWatcher(bootstrap, "news.dlq")
    alerts_seen.until(lambda ms: alive() and expected <= {json.loads(m.value())["alert_id"] for m in ms}, 300,
                      "every predicted alert to be published")
    dlq_seen.until(lambda ms: len({dict(m.headers() or []).get("herald-source-offset") for m in ms}) >= len(bad), 120,
                   "every bad message to be dead-lettered")
    commits = txns("commit")
    assert run.stop() == 0, "herald did not exit 0 on SIGTERM"
    aborted_lines = [l for l in run.stderr_lines if "aborting the transaction" in l]

    alerts = [json.loads(m.value()) for m in alerts_seen.poll()]
    ids = [a["alert_id"] for a in alerts]
    lost, invented, copies = expected - set(ids), set(ids) - expected, len(ids) - len(set(ids))
    dlq = dlq_seen.poll()
    dead_sources = {dict(m.headers() or []).get("herald-source-offset") for m in dlq}
    print(f"exactly-once: {events_n} events + {len(bad)} bad; {commits:.0f} transactions committed, "
          f"{len(aborted_lines)} aborted and rewound; {len(expected)} alerts predicted, lost {len(lost)}, "
          f"invented {len(invented)}; copies from aborted transactions visible on the embedded broker: {copies}; "
          f"dead letters {len(dlq)} for {len(bad)} bad messages")
    assert len(aborted_lines) >= 2, "the injected produce errors must abort transactions"
    assert not lost and not invented
    assert len(dead_sources) == len(bad), "every bad message needs a dead letter"
    print("1 passed, 0 failed")
finally:
    if run:
        run.kill()
    broker.kill()
