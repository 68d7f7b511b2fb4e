"""A stop with alerts still unacknowledged: the alerts partition's leader is away, so the drain and
the flush give up after --drain-timeout and herald exits 1 ("stopped with unacknowledged work").
Checked: exit code 1, not a crash, and no message left in the producer at exit. Destroying the producer with messages queued dropped their
delivery tokens unreported: under ASan, LeakSanitizer then turned the exit 1 into SIGABRT
(integration_exactly_once in CI); herald now fails them and frees their tokens before it goes.

usage: stop_unacknowledged_test.py HERALD_BINARY SOURCE_DIR WORK_DIR"""
import os
import shutil
import sys

import herald_harness as h

herald, src, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
rules = os.path.join(src, "tests", "integration", "pipeline", "pipeline-rules.yaml")
feed = h.GeneratedFeed(herald, src, work, rules, 300, seed=67, notable_fraction=0.2)
assert feed.expected, "the feed must raise alerts"

# Broker 1 serves the input, the dead letters and the group; broker 2 only the alerts partition.
broker = h.FaultyBroker(herald, "news:2,alerts:1,news.dlq:1", brokers=2)
bootstrap = broker.bootstrap
run = None
try:
    for line in ("leader news 0 1", "leader news 1 1", "leader news.dlq 0 1", "leader alerts 0 2",
                 "coordinator group herald 1"):
        broker.command(line)
    # librdkafka's default log level: its warnings at exit are checked below (the connection
    # errors to broker 2 on the way are expected).
    run, port = h.start_run(herald, bootstrap, rules, ["--drain-timeout", "2s"])
    h.wait_for(lambda: h.http_status(port, "/readyz") == 200, 60, "herald run to be ready")
    broker.command("down 2")
    h.produce(bootstrap, "news", feed.records)
    h.wait_for(lambda: h.metric_sum(h.scrape(port), "herald_events_processed_total") >= len(feed.records), 120,
               "every event to be processed")
    h.wait_for(lambda: h.metric_sum(h.scrape(port), "herald_producer_queue_messages") > 0, 30,
               "alerts waiting in the producer's queue")
    rc = run.stop(seconds=60)
    tail = "\n".join(run.stderr_lines[-15:])
    print(f"stopped with exit code {rc}:\n{tail}")
    assert not any("Sanitizer" in l for l in run.stderr_lines), "a sanitizer report at exit:\n" + tail
    # librdkafka's warning when a producer is destroyed with messages queued: their tokens leaked.
    assert not any("still in queue or transit" in l for l in run.stderr_lines), \
        "the producer was destroyed with messages queued:\n" + tail
    assert rc == 1, f"herald must exit 1 with unacknowledged alerts, not {rc}"
    assert any("unacknowledged" in l for l in run.stderr_lines), "herald must say that work was unacknowledged"
    print("1 passed, 0 failed")
finally:
    if run:
        run.kill()
    broker.kill()
