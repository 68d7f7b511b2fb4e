"""Measures `herald console` on the embedded broker (docs/performance.md, "Console").

  latency: alerts published at RATE per second for SECONDS; for each, the time from just before
           it is handed to the producer to its event arriving on an open /events stream (what a
           browser receives). Prints p50/p90/p99/max.
  browser: the same to the row being in the page's DOM in headless Chromium (a MutationObserver
           stamps each row; publisher and browser share the machine's clock).
  memory:  COUNT alerts published while the console stores them (publishing waits when it falls
           behind: the embedded broker keeps only the last MB of each partition); then its
           resident memory (VmRSS and the peak VmHWM) idle and after a round of API queries
           (lists, filters, text search, stats) over the full store, and the file's size.

usage: console_bench.py HERALD latency|browser [--rate 100] [--seconds 30] [--console-arg=--consumer --console-arg=K=V]
       console_bench.py HERALD memory [--count 1000000]"""
import argparse
import json
import os
import shutil
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "integration", "console"))
from confluent_kafka import Producer  # noqa: E402
from console_helpers import EventStream, alert, api, start_console, wait_alerts  # noqa: E402
from herald_harness import start_broker, wait_for, watermarks  # noqa: E402


def percentile(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def proc_status(pid):
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("VmRSS", "VmHWM"):
                out[k] = int(v.split()[0]) / 1024  # MiB
    return out


def publish_paced(producer, rate, total, sent, clock):
    """Alerts 1..total at `rate` per second; sent[alert_id] = clock() as each is handed over."""
    start = time.monotonic()
    for i in range(total):
        due = start + i / rate
        while time.monotonic() < due:
            time.sleep(max(0, min(0.002, due - time.monotonic())))
        a = alert(i + 1, key=["AMZN", "MSFT", "NVDA", "META"][i % 4])
        sent[a["alert_id"]] = clock()
        producer.produce("alerts", key=a["key"].encode(), value=json.dumps(a).encode())
        producer.poll(0)
    producer.flush(30)


def latency(herald, rate, seconds, work, extra):
    broker, bootstrap = start_broker(herald, "alerts:3")
    console, port = start_console(herald, bootstrap, os.path.join(work, "console.db"), extra)
    try:
        stream = EventStream(port)
        producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 0, "enable.idempotence": True, "max.in.flight": 1})
        # Warm up: the producer's connections and partition leaders, the console's first fetch.
        for p in range(3):
            producer.produce("alerts", partition=p, value=json.dumps(alert(10**9 + p)).encode())
        producer.flush(30)
        for _ in range(3):
            stream.next_event(30)
        sent = {}
        got = {}
        total = rate * seconds

        def read():
            while len(got) < total:
                _, row = stream.next_event(30)
                got[row["alert_id"]] = time.monotonic()
        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        start = time.monotonic()
        publish_paced(producer, rate, total, sent, time.monotonic)
        reader.join(60)
        lat = [(got[k] - sent[k]) * 1000 for k in sent if k in got]
        slow = [(round(sent[k] - start, 2), round((got[k] - sent[k]) * 1000)) for k in sent if k in got and got[k] - sent[k] > 0.5]
        if slow:
            print(f"over 500 ms: {len(slow)} alerts, (sent at s, ms): {slow[:5]} ... {slow[-3:]}")
        print(f"console latency, published -> on the event stream, {rate} alerts/s for {seconds} s "
              f"({len(lat)} of {total} received): p50 {percentile(lat, 50):.1f} ms, p90 {percentile(lat, 90):.1f} ms, "
              f"p99 {percentile(lat, 99):.1f} ms, max {max(lat):.1f} ms")
        stream.close()
    finally:
        console.stop()
        broker.kill()


OBSERVER = """
window.__seen = {};
new MutationObserver((records) => {
  const t = Date.now();
  for (const r of records) for (const n of r.addedNodes)
    if (n.dataset && n.dataset.id && !(n.dataset.id in window.__seen)) window.__seen[n.dataset.id] = t;
}).observe(document.querySelector('#alerts tbody'), { childList: true });
"""


def browser_latency(herald, rate, seconds, work, extra):
    """The same, to the row being in the page's DOM in headless Chromium (wall clocks of one machine)."""
    from cdp import Browser
    broker, bootstrap = start_broker(herald, "alerts:3")
    console, port = start_console(herald, bootstrap, os.path.join(work, "console.db"), extra)
    browser = Browser()
    try:
        browser.navigate(f"http://127.0.0.1:{port}/")
        browser.until("document.getElementById('status').textContent === 'live'", 10, "the live stream")
        browser.eval(OBSERVER)
        producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 0, "enable.idempotence": True, "max.in.flight": 1})
        for p in range(3):  # warm up, as above
            producer.produce("alerts", partition=p, value=json.dumps(alert(10**9 + p)).encode())
        producer.flush(30)
        browser.until("Object.keys(window.__seen).length === 3", 30, "the warm-up alerts")
        sent = {}
        total = rate * seconds
        publish_paced(producer, rate, total, sent, time.time)
        browser.until(f"Object.keys(window.__seen).length === {total + 3}", 60, "every alert on the page")
        seen = browser.eval("window.__seen")
        lat = [seen[k] - sent[k] * 1000 for k in sent if k in seen]
        print(f"console latency, published -> row in the page (headless Chromium), {rate} alerts/s for {seconds} s "
              f"({len(lat)} of {total}): p50 {percentile(lat, 50):.0f} ms, p90 {percentile(lat, 90):.0f} ms, "
              f"p99 {percentile(lat, 99):.0f} ms, max {max(lat):.0f} ms")
        browser.drain()
        if browser.errors:
            print("page errors: " + "; ".join(browser.errors[:5]))
    finally:
        browser.close()
        console.stop()
        broker.kill()


def memory(herald, count, work):
    """The embedded broker keeps only the last few MB of each partition (librdkafka's mock cluster
    drops old segments), so the console runs while the alerts are published, and publishing waits
    whenever the console is more than LAG behind: every alert published is stored."""
    lag = 5000
    broker, bootstrap = start_broker(herald, "alerts:6")
    db = os.path.join(work, "console.db")
    console = None
    try:
        console, port = start_console(herald, bootstrap, db, ["--max-alerts", str(count)])
        pid = console.proc.pid
        producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 5, "enable.idempotence": True,
                             "max.in.flight": 1, "queue.buffering.max.messages": 100000})
        keys = [f"T{k:03d}" for k in range(200)]
        rules = ["aws-growth", "guidance-cut", "downgrade", "capex", "loss-swing"]
        peak_during = 0
        t0 = time.monotonic()
        for i in range(count):
            a = alert(i + 1, key=keys[i % len(keys)], rule=rules[i % len(rules)],
                      severity=["info", "warning", "critical"][i % 3])
            while True:
                try:
                    producer.produce("alerts", value=json.dumps(a).encode())
                    break
                except BufferError:
                    producer.poll(0.05)
            if (i + 1) % 5000 == 0:
                producer.flush(60)
                peak_during = max(peak_during, proc_status(pid)["VmRSS"])
                wait_for(lambda: stored_count(port) >= i + 1 - lag, 600, "the console to catch up", interval=0.05)
        assert producer.flush(60) == 0
        wait_for(lambda: stored_count(port) >= count, 600, f"{count} alerts stored", interval=0.2)
        took = time.monotonic() - t0
        assert stored_count(port) == count
        idle = proc_status(pid)
        queries = ["/api/alerts?limit=1000", "/api/alerts?ticker=T007&limit=1000", "/api/alerts?rule=capex&limit=1000",
                   "/api/alerts?severity=critical&since=1h&limit=1000", "/api/alerts?q=%23999&limit=1000",
                   "/api/stats?hours=24", f"/api/alerts/{count // 2:016x}"]
        timings = []
        for q in queries:
            t = time.monotonic()
            api(port, q, timeout=120)
            timings.append((q, (time.monotonic() - t) * 1000))
        after = proc_status(pid)
        size = sum(os.path.getsize(db + s) for s in ("", "-wal") if os.path.exists(db + s)) / 2**20
        print(f"published and stored {count} alerts in {took:.0f} s ({count / took:.0f}/s, publishing waits for the "
              f"console); RSS while storing at most {peak_during:.0f} MiB")
        print(f"console with {count} alerts stored: RSS {idle['VmRSS']:.0f} MiB idle, {after['VmRSS']:.0f} MiB after the "
              f"queries (peak VmHWM {after['VmHWM']:.0f} MiB); file {size:.0f} MiB")
        for q, ms in timings:
            print(f"  {q}: {ms:.0f} ms")
        t = time.monotonic()
        assert console.stop() == 0
        console, port = start_console(herald, bootstrap, db, ["--max-alerts", str(count)], "restarted console")
        api(port, "/api/alerts?limit=100")
        print(f"restart with {count} alerts stored: serving again in {time.monotonic() - t:.1f} s, "
              f"RSS {proc_status(console.proc.pid)['VmRSS']:.0f} MiB")
    finally:
        if console:
            console.kill()  # a failed step must not leave it running
        broker.kill()


def stored_count(port):
    from console_helpers import scrape_console
    from herald_harness import metric_values
    return metric_values(scrape_console(port), "herald_console_alerts_consumed_total").get('{result="stored"}', 0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("herald")
    ap.add_argument("mode", choices=["latency", "browser", "memory"])
    ap.add_argument("--rate", type=int, default=100)
    ap.add_argument("--seconds", type=int, default=30)
    ap.add_argument("--count", type=int, default=1000000)
    ap.add_argument("--console-arg", action="append", default=[], help="passed to herald console (repeatable)")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="herald-console-bench-")
    try:
        if a.mode == "latency":
            latency(a.herald, a.rate, a.seconds, work, a.console_arg)
        elif a.mode == "browser":
            browser_latency(a.herald, a.rate, a.seconds, work, a.console_arg)
        else:
            memory(a.herald, a.count, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
