"""A dead letter the broker refuses does not hold its partition (docs/notify.md, "Delivery
guarantee and dead letters"). A webhook refuses (400) the alerts keyed BAD*; the alerts behind
them in the same partition wait for them (the committed offset cannot pass an alert not done).
  A. The broker refuses the whole dead letter once (MSG_SIZE_TOO_LARGE, injected through the
     embedded broker's fault commands): a truncated dead letter (no value; which alert it was and
     where it is on the alerts topic) takes its place, the partition moves on.
  B. The dead-letter topic refuses everything (TOPIC_AUTHORIZATION_FAILED on every produce): the
     alert is counted, told in one stderr line and marked done; the partition moves on and the
     next alert is delivered. herald notify keeps running and ends with exit 0, all committed.
  C. The dead-letter producer fails for good (the broker refuses its idempotent producer id:
     CLUSTER_AUTHORIZATION_FAILED on InitProducerId, a fatal error): no dead letter can be
     written again, so herald notify stops with exit 1 and one line naming the producer's error,
     the alert it could not dead-letter left uncommitted (delivered again after the restart).
     Before, the producer's errors went nowhere: herald notify ran on, gave the alert up and
     committed past it.

usage: dead_letter_test.py HERALD_BINARY SOURCE_DIR WORK_DIR"""
import json
import os
import shutil
import sys
import threading
from http.server import ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(__file__))
import notify_support as ns  # noqa: E402
from notify_support import h  # noqa: E402

herald, src, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)

MSG_SIZE_TOO_LARGE, TOPIC_AUTHORIZATION_FAILED, CLUSTER_AUTHORIZATION_FAILED = 10, 29, 31
lock = threading.Lock()
answers = {"bad": 503}   # what BAD* alerts get: 503 (retried) until the test switches to 400
seen = []                # (key, status) of every request


class Receiver(ns.QuietHandler):
    def do_POST(self):
        body = self.body()
        key = json.loads(body)["key"]
        with lock:
            status = answers["bad"] if key.startswith("BAD") else 200
            seen.append((key, status))
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()


def attempted(key):
    with lock:
        return any(k == key for k, _ in seen)


def delivered(key):
    with lock:
        return (key, 200) in seen


server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
threading.Thread(target=server.serve_forever, daemon=True).start()
broker = h.FaultyBroker(herald, "alerts:1,alerts.undelivered:1", brokers=1)
bootstrap = broker.bootstrap
notify = None
try:
    notify, port = ns.start_notify(herald, bootstrap, [
        "--webhook", f"http://127.0.0.1:{server.server_port}/hook", "--webhook-rate", "0", "--max-attempts", "0",
        "--backoff", "100ms", "--max-backoff", "200ms", "--producer", "max.in.flight=1"])

    def refused_then_next(n, code, errors):
        """BAD<n> is retried (503) with GOOD<n> behind it; then the broker refuses the next `errors`
        produce requests with `code` and the webhook refuses BAD<n> (400): it is dead-lettered."""
        with lock:
            answers["bad"] = 503
        bad, good = ns.alert("refusal", f"BAD{n}", n), ns.alert("refusal", f"GOOD{n}", n)
        h.produce(bootstrap, "alerts", [ns.record(bad), ns.record(good)])
        h.wait_for(lambda: attempted(f"BAD{n}"), 30, f"BAD{n} to reach the webhook")
        assert not delivered(f"GOOD{n}"), "GOOD came before BAD: the test needs them in this order"
        broker.command(f"errors produce {code} {errors}")
        with lock:
            answers["bad"] = 400
        ns.wait_committed(bootstrap, "herald-notify", "alerts", 30, f"the partition to move past BAD{n}")
        h.wait_for(lambda: delivered(f"GOOD{n}"), 10, f"GOOD{n} delivered")
        return bad

    # A. Refused once: the truncated dead letter is written.
    bad = refused_then_next(1, MSG_SIZE_TOO_LARGE, 1)
    dead = h.read_all(bootstrap, "alerts.undelivered", expect_at_least=1, seconds=30)
    assert len(dead) == 1, [m.headers() for m in dead]
    headers = {k: v.decode() for k, v in dead[0].headers()}
    assert dead[0].value() is None, f"the truncated dead letter carries no value: {dead[0].value()[:80]!r}"
    assert dead[0].key() == b"BAD1", dead[0].key()
    assert headers["herald-alert-id"] == bad["alert_id"], headers
    assert headers["herald-source-topic"] == "alerts" and headers["herald-source-partition"] == "0", headers
    assert headers["herald-source-offset"] == "0", headers
    assert headers["herald-notify-error"].startswith("HTTP 400"), headers
    assert "too large" in headers["herald-notify-refused"].lower(), headers
    assert int(headers["herald-original-bytes"]) == len(ns.record(bad)[1]), headers
    text = h.scrape(port)
    assert h.metric_sum(text, "herald_notify_dead_letters_truncated_total") == 1, text
    assert h.metric_sum(text, "herald_notify_dead_letters_dropped_total") == 0
    print("A. whole dead letter refused: a truncated one (no value, source headers) written; partition moved on")

    # B. The dead-letter topic refuses everything: counted, one line, done.
    bad = refused_then_next(2, TOPIC_AUTHORIZATION_FAILED, 1000)
    broker.command("clear produce")
    text = h.scrape(port)
    assert h.metric_sum(text, "herald_notify_dead_letters_dropped_total") == 1, text
    assert h.metric_sum(text, "herald_notify_dead_letter_errors_total") >= 3, text  # A's one, B's two
    lines = [line for line in notify.stderr_lines if "cannot dead-letter alert" in line]
    assert len(lines) == 1 and bad["alert_id"] in lines[0] and "offset 2" in lines[0], lines
    assert len(h.read_all(bootstrap, "alerts.undelivered", seconds=10)) == 1  # still only A's
    assert notify.proc.poll() is None, "herald notify stopped"
    print("B. dead-letter topic refusing everything: the alert counted, told once, marked done; "
          "partition moved on, the next alert delivered")

    ns.stop_all_committed(notify, bootstrap)
    notify = None

    # C. The dead-letter producer's fatal error stops herald notify; the alert stays uncommitted.
    with lock:
        answers["bad"] = 400
    h.produce(bootstrap, "alerts", [ns.record(ns.alert("refusal", "BAD3", 3))])  # before: it takes a producer id too
    broker.command(f"errors init_producer_id {CLUSTER_AUTHORIZATION_FAILED} 1")
    notify, port = ns.start_notify(herald, bootstrap, [
        "--webhook", f"http://127.0.0.1:{server.server_port}/hook", "--webhook-rate", "0", "--max-attempts", "0"])
    h.wait_for(lambda: notify.proc.poll() is not None, 30, "herald notify to stop on the producer's fatal error")
    assert notify.proc.returncode == 1, notify.proc.returncode
    notify.collect_rest()
    fatal = [line for line in notify.stderr_lines if "fatal Kafka error" in line]
    assert len(fatal) == 1 and "producer" in fatal[0] and "authorization" in fatal[0].lower(), notify.stderr_lines[-10:]
    committed, high = h.committed_offsets(bootstrap, "herald-notify", "alerts")
    assert committed[0] == high[0] - 1, f"committed {committed}, end {high}: BAD3 must stay uncommitted"
    notify = None
    print("C. the dead-letter producer's fatal error: exit 1, told in one line, BAD3 left uncommitted")
    print("1 passed, 0 failed")
finally:
    ns.clean_up(notify, broker, server=server)
