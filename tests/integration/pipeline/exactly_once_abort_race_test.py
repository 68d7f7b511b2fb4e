"""delivery: exactly-once, a transaction aborted while a worker is inside a produce call.
librdkafka checks the transaction state when a produce call begins and queues the message at its
end. A worker still in between when herald aborted queued its message after the abort's purge:
outside any transaction, never sent nor reported until message.timeout.ms, so its event never
finished, the rewind gave up after --drain-timeout and herald exited 1 ("work of an aborted
transaction did not stop"; integration_exactly_once under ASan on a loaded CI machine, where the
abort came from lost partitions). A preloaded library (produce_hold.cpp) holds one produce call
exactly there until an abort returns, or HOLD_S; the held event keeps the next commit's drain
waiting, which aborts the transaction after --drain-timeout (DRAIN_S < HOLD_S < 2 * DRAIN_S).
Checked: herald aborts and goes on (no exit), every predicted alert is published, none that is
not predicted, and herald exits 0 on SIGTERM.

usage: exactly_once_abort_race_test.py HERALD_BINARY SOURCE_DIR WORK_DIR HOLD_LIBRARY [EVENTS]"""
import json
import os
import shutil
import sys

import herald_harness as h

herald, src, work, hold_library = sys.argv[1:5]
events_n = int(sys.argv[5]) if len(sys.argv) > 5 else 1200
DRAIN_S, HOLD_S = 5, 7.5
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
rules = os.path.join(src, "tests", "integration", "pipeline", "pipeline-rules.yaml")
feed = h.GeneratedFeed(herald, src, work, rules, events_n, seed=61, notable_fraction=0.1)
half = events_n // 2
arm = os.path.join(work, "hold.arm")

env = dict(os.environ)
env["LD_PRELOAD"] = ":".join(p for p in (env.get("LD_PRELOAD", ""), hold_library) if p)
env["HERALD_HOLD_ARM"] = arm
env["HERALD_HOLD_MS"] = str(int(HOLD_S * 1000))
# Under ASan the runtime must otherwise come first among the preloaded libraries.
env["ASAN_OPTIONS"] = ":".join(p for p in (env.get("ASAN_OPTIONS", ""), "verify_asan_link_order=0") if p)

broker = h.FaultyBroker(herald, "news:6,alerts:3,news.dlq:1", brokers=3)
bootstrap = broker.bootstrap
run = None
try:
    h.produce(bootstrap, "news", feed.records[:half])
    run, port = h.start_run(herald, bootstrap, rules,
                            ["--delivery", "exactly-once", "--transaction-interval", "50ms", "--workers", "2",
                             "--drain-timeout", f"{DRAIN_S}s"], env=env)

    def txns(result):
        return h.metric_values(h.scrape(port), "herald_transactions_total").get(f'{{result="{result}"}}', 0)

    def alive():
        assert run.proc.poll() is None, f"herald exited ({run.proc.returncode}):\n" + "\n".join(run.stderr_lines[-20:])
        return True

    h.wait_for(lambda: alive() and h.metric_sum(h.scrape(port), "herald_events_processed_total") >= half
               and txns("commit") >= 1, 120, "the first half to be processed in committed transactions")
    aborts = txns("abort")
    open(arm, "w").close()
    h.produce(bootstrap, "news", feed.records[half:])
    run.wait_stderr(r"produce-hold: holding a produce call", 60)
    run.wait_stderr(r"produce-hold: released", 60)
    h.wait_for(lambda: alive() and txns("abort") > aborts, 60, "herald to abort the transaction of the held call")

    alerts_seen = h.TopicWatcher(bootstrap, "alerts")
    alerts_seen.until(lambda ms: alive() and feed.expected <= {json.loads(m.value())["alert_id"] for m in ms}, 300,
                      "every predicted alert to be published")
    aborts_total = txns("abort")
    assert run.stop() == 0, "herald did not exit 0 on SIGTERM:\n" + "\n".join(run.stderr_lines[-20:])
    ids = [json.loads(m.value())["alert_id"] for m in alerts_seen.poll()]
    invented = set(ids) - feed.expected
    released = [l for l in run.stderr_lines if l.startswith("produce-hold: released")]
    print(f"abort race: {events_n} events, {len(feed.expected)} alerts predicted; {released[0]}; "
          f"{aborts_total:.0f} aborts; "
          f"invented {len(invented)}; copies from aborted transactions (visible on the embedded broker): "
          f"{len(ids) - len(set(ids))}")
    assert not invented
    print("1 passed, 0 failed")
finally:
    if run:
        run.kill()
    broker.kill()
