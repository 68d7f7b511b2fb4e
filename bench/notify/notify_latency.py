"""Measures `herald notify` end to end (docs/performance.md, "herald notify"): alerts published on
the alerts topic of the embedded broker at RATE per second for SECONDS, each with its own rule key
(so Alertmanager keeps every one apart); for each, the time from just before it is handed to the
producer to Alertmanager receiving it (its `updatedAt` in Alertmanager's API, set on arrival;
resends are off for the run so nothing updates it later). A real Alertmanager (Debian's
prometheus-alertmanager) on loopback. Prints p50/p90/p99/max, and herald notify's own delivery
latency histogram (Kafka timestamp -> acknowledged) for comparison.

--fetch-wait-ms N passes `--consumer fetch.wait.max.ms=N` to herald notify (its default is 100): the
embedded broker holds a fetch that found no data that long even when data arrives meanwhile (a
real Kafka broker answers at once), so 1 shows herald notify's own share.

usage: notify_latency.py HERALD [--rate 100] [--seconds 30] [--fetch-wait-ms N]"""
import argparse
import datetime
import json
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "integration", "notify"))
from confluent_kafka import Producer  # noqa: E402
import notify_support as ns  # noqa: E402
from notify_support import h  # noqa: E402


def percentile(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def parse_time(text):
    # "2026-12-06T15:40:01.123Z" (Alertmanager: milliseconds, sometimes more digits)
    base, _, frac = text.rstrip("Z").partition(".")
    t = datetime.datetime.strptime(base, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc).timestamp()
    return t + (float("0." + frac) if frac else 0.0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("herald")
    ap.add_argument("--rate", type=int, default=100)
    ap.add_argument("--seconds", type=int, default=30)
    ap.add_argument("--fetch-wait-ms", type=int)
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="notify-bench-")
    broker, bootstrap = h.start_broker(a.herald, "alerts:3,alerts.undelivered:1")
    am = notify = None
    try:
        am = ns.Alertmanager(work)
        extra = ["--alertmanager", am.url, "--resend-interval", "1h"]
        if a.fetch_wait_ms is not None:
            extra += ["--consumer", f"fetch.wait.max.ms={a.fetch_wait_ms}"]
        notify, port = ns.start_notify(a.herald, bootstrap, extra)
        p = Producer({"bootstrap.servers": bootstrap, "linger.ms": 0, "enable.idempotence": True})
        p.produce("alerts", value=json.dumps(ns.alert("warm-up", "W", 0)).encode())  # connected before the clock starts
        p.flush(10)
        h.wait_for(lambda: am.by_alert_id("warm-up"), 30, "the warm-up alert in Alertmanager")
        sent = {}
        total = a.rate * a.seconds
        start = time.monotonic()
        for i in range(total):
            due = start + i / a.rate
            while time.monotonic() < due:
                time.sleep(max(0.0, min(0.002, due - time.monotonic())))
            alert = ns.alert("bench", f"K{i:06d}", i)
            t = time.time()
            sent[alert["alert_id"]] = t
            p.produce("alerts", key=alert["key"].encode(), value=json.dumps(alert).encode(), timestamp=int(t * 1000))
            p.poll(0)
        p.flush(30)
        got = h.wait_for(lambda: (lambda m: m if len(m) >= total else None)(am.by_alert_id("bench")), 120,
                         f"all {total} alerts in Alertmanager")
        lat = [parse_time(x["updatedAt"]) - sent[k] for k, x in got.items() if k in sent]
        ms = [v * 1000 for v in lat]
        print(f"{total} alerts at {a.rate}/s over {a.seconds} s, published -> Alertmanager received (ms): "
              f"p50 {percentile(ms, 50):.1f}  p90 {percentile(ms, 90):.1f}  p99 {percentile(ms, 99):.1f}  "
              f"max {max(ms):.1f}")
        text = h.scrape(port)
        buckets = {float(l.split('le="')[1].split('"')[0].replace("+Inf", "inf")): float(l.split()[-1])
                   for l in text.splitlines() if l.startswith("herald_notify_delivery_latency_seconds_bucket")}
        n = max(buckets.values())
        for q in (0.5, 0.99):
            le = min(b for b, c in buckets.items() if c >= q * n)
            print(f"herald_notify_delivery_latency_seconds: p{int(q * 100)} <= {le * 1000:g} ms (histogram bucket)")
    finally:
        if notify:
            notify.stop()
        if am:
            am.kill()
        broker.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
