"""`herald notify` against the real Alertmanager (Debian's prometheus-alertmanager on a loopback
port): alerts arrive with their labels and annotations, bad messages on the alerts topic are
skipped without stopping it, a silence created through Alertmanager's API suppresses a rule,
resolved alerts close, and Alertmanager stopped for 10 s mid-stream loses no alert (counted
through its API). Ends with exit 0 on SIGTERM and every offset committed.

usage: alertmanager_test.py HERALD_BINARY SOURCE_DIR WORK_DIR"""
import os
import shutil
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
import notify_support as ns  # noqa: E402
from notify_support import h  # noqa: E402

herald, src, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)

broker, bootstrap = h.start_broker(herald, "alerts:3,alerts.undelivered:1")
am = notify = None
try:
    am = ns.Alertmanager(work)
    notify, port = ns.start_notify(herald, bootstrap, ["--alertmanager", am.url, "--console-url", "http://console.test:9470/",
                                                       "--resend-interval", "1s", "--backoff", "200ms",
                                                       "--max-backoff", "2s", "--max-attempts", "0"])

    # 1. Labels, annotations, generatorURL; bad input on the way is skipped.
    first = [ns.alert("cloud-growth", f"T{i}", i, severity="critical" if i % 2 else "warning") for i in range(10)]
    first.append(ns.alert("loss-swing", "Acme Holdings", 0))  # an entity name: no ticker label
    bad = [(None, b"not json at all", None), (None, b'{"hello":"world"}', None), (None, b"[1,2]", None),
           (None, None, None), (None, b'{"alert_id":"' + b"x" * (2 << 20) + b'"}', None)]
    h.produce(bootstrap, "alerts", [ns.record(a) for a in first[:5]] + bad + [ns.record(a) for a in first[5:]])
    got = h.wait_for(lambda: (lambda m: m if all(a["alert_id"] in m for a in first) else None)(am.by_alert_id()), 30,
                     "Alertmanager to hold the first 11 alerts")
    for a in first:
        x = got[a["alert_id"]]
        want = {"alertname": a["rule"], "severity": a["severity"], "key": a["key"]}
        if a["key"].startswith("T"):
            want["ticker"] = a["key"]
        assert x["labels"] == want, f"labels {x['labels']} != {want}"
        ann = x["annotations"]
        assert ann["summary"] == a["summary"] and ann["headline"] == a["evidence"][0]["text"], ann
        assert ann["evidence"] == a["evidence"][0]["text"] + "\n" + a["evidence"][1]["text"], ann
        assert x["generatorURL"] == f"http://console.test:9470/alerts/{a['alert_id']}", x["generatorURL"]
        assert x["status"]["state"] == "active", x["status"]
    skipped = h.metric_values(h.scrape(port), "herald_notify_alerts_skipped_total")
    assert skipped == {'{reason="invalid_json"}': 2.0, '{reason="not_an_alert"}': 2.0, '{reason="oversized"}': 1.0}, skipped
    assert notify.proc.poll() is None, "herald notify stopped on bad input"
    print("labels, annotations, generatorURL: ok; 5 bad messages skipped")

    # 2. A silence made through Alertmanager's API suppresses its rule, not the others.
    now = time.time()
    sid = ns.http_json(am.url + "/api/v2/silences", {
        "matchers": [{"name": "alertname", "value": "insider-selling", "isRegex": False, "isEqual": True}],
        "startsAt": ns.rfc3339(now - 1), "endsAt": ns.rfc3339(now + 3600), "createdBy": "test", "comment": "quiet"})
    silenced = [ns.alert("insider-selling", f"S{i}", i) for i in range(3)]
    loud = ns.alert("cloud-growth", "LOUD", 1)
    h.produce(bootstrap, "alerts", [ns.record(a) for a in silenced + [loud]])

    def states():
        m = am.by_alert_id()
        if not all(a["alert_id"] in m for a in silenced + [loud]):
            return None
        return {k: v["status"] for k, v in m.items()}
    st = h.wait_for(states, 30, "the silenced and the loud alerts in Alertmanager")
    for a in silenced:
        assert st[a["alert_id"]]["state"] == "suppressed" and st[a["alert_id"]]["silencedBy"] == [sid["silenceID"]], \
            st[a["alert_id"]]
    assert st[loud["alert_id"]]["state"] == "active", st[loud["alert_id"]]
    unsilenced = {a["annotations"]["herald_alert_id"] for a in am.alerts(silenced=False)}
    assert not unsilenced & {a["alert_id"] for a in silenced} and loud["alert_id"] in unsilenced
    print("silence through Alertmanager's API suppresses insider-selling only: ok")

    # 3. A resolution closes the alert (same labels, endsAt in the past).
    closing = first[:3]
    h.produce(bootstrap, "alerts", [ns.record(ns.alert(a["rule"], a["key"], 100, severity=a["severity"], resolved=True))
                                    for a in closing])

    def closed():
        m = am.by_alert_id()
        return all(a["alert_id"] not in m for a in closing) and all(a["alert_id"] in m for a in first[3:])
    h.wait_for(closed, 30, "the 3 resolved alerts to close in Alertmanager (and the others to stay)")
    print("resolved alerts close: ok")

    # 4. Alertmanager stopped for 10 s mid-stream: no alert lost. 300 alerts at ~30/s; those sent
    # before the stop come back through the resends (Alertmanager keeps alerts in memory only), the
    # ones published while it is down through the retries.
    stream = [ns.alert("outage", f"O{i:03d}", i) for i in range(300)]
    sent = []

    def producer():
        for i in range(0, len(stream), 10):
            h.produce(bootstrap, "alerts", [ns.record(a) for a in stream[i:i + 10]])
            sent.extend(stream[i:i + 10])
            time.sleep(0.33)  # pacing of the stream, not a wait for a condition
    t = threading.Thread(target=producer)
    t.start()
    h.wait_for(lambda: len(am.by_alert_id("outage")) >= 60, 60, "60 outage alerts in Alertmanager before the stop")
    failed_before = ns.delivered(port, "alertmanager:", "failed")
    assert am.stop() == 0
    down_at = time.monotonic()
    h.wait_for(lambda: ns.delivered(port, "alertmanager:", "failed") > failed_before, 30, "delivery failures to show")
    time.sleep(max(0.0, 10 - (time.monotonic() - down_at)))  # the outage lasts 10 s
    am.start()
    t.join(120)
    want = {a["alert_id"] for a in stream}
    h.wait_for(lambda: want <= set(am.by_alert_id("outage")), 90, "all 300 outage alerts in Alertmanager after the outage")
    text = h.scrape(port)
    assert ns.delivered(port, "alertmanager:", "dead_lettered") == 0
    assert h.metric_sum(text, "herald_notify_alertmanager_resends_total") > 0
    print(f"Alertmanager down 10 s mid-stream: all {len(want)} alerts there after it; "
          f"{ns.delivered(port, 'alertmanager:', 'failed'):.0f} failed attempts retried")

    notify = ns.finish(notify, bootstrap)
finally:
    ns.clean_up(notify, broker, am=am)
