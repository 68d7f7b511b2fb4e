"""Measures `herald console` on the embedded broker (docs/performance.md, "Console").

  latency: alerts published at RATE per second for SECONDS; for each, the time from just before
           it is handed to the producer to its event arriving on an open /events stream (what a
           browser receives). Prints p50/p90/p99/max.
  memory:  COUNT alerts published, the console started on an empty file and left to store them
           all; then its resident memory (VmRSS and the peak VmHWM) idle and after a round of API
           queries (lists, filters, text search, stats) over the full store, and the file's size.

usage: console_bench.py HERALD latency [--rate 100] [--seconds 30]
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
from herald_harness import Deadline, start_broker, wait_for  # noqa: E402


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


def latency(herald, rate, seconds, work):
    broker, bootstrap = start_broker(herald, "alerts:3")
    console, port = start_console(herald, bootstrap, os.path.join(work, "console.db"))
    try:
        stream = EventStream(port)
        producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 0})
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
        for i in range(total):
            due = start + i / rate
            while time.monotonic() < due:
                time.sleep(max(0, min(0.002, due - time.monotonic())))
            a = alert(i + 1, key=["AMZN", "MSFT", "NVDA", "META"][i % 4])
            sent[a["alert_id"]] = time.monotonic()
            producer.produce("alerts", key=a["key"].encode(), value=json.dumps(a).encode())
            producer.poll(0)
        producer.flush(30)
        reader.join(60)
        lat = [(got[k] - sent[k]) * 1000 for k in sent if k in got]
        print(f"console latency, published -> on the event stream, {rate} alerts/s for {seconds} s "
              f"({len(lat)} of {total} received): p50 {percentile(lat, 50):.1f} ms, p90 {percentile(lat, 90):.1f} ms, "
              f"p99 {percentile(lat, 99):.1f} ms, max {max(lat):.1f} ms")
        stream.close()
    finally:
        console.stop()
        broker.kill()


def memory(herald, count, work):
    broker, bootstrap = start_broker(herald, "alerts:3")
    db = os.path.join(work, "console.db")
    try:
        producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 20, "batch.num.messages": 10000,
                             "queue.buffering.max.messages": 1000000})
        keys = [f"T{k:03d}" for k in range(200)]
        rules = ["aws-growth", "guidance-cut", "downgrade", "capex", "loss-swing"]
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
            if i % 10000 == 0:
                producer.poll(0)
        producer.flush(300)
        print(f"published {count} alerts in {time.monotonic() - t0:.0f} s")
        t0 = time.monotonic()
        console, port = start_console(herald, bootstrap, db, ["--max-alerts", str(count)])
        pid = console.proc.pid
        peak_during = 0

        def stored():
            nonlocal peak_during
            peak_during = max(peak_during, proc_status(pid)["VmRSS"])
            text = api_metrics(port)
            return text >= count
        wait_for(stored, 3600, f"{count} alerts stored", interval=1)
        took = time.monotonic() - t0
        idle = proc_status(pid)
        queries = ["/api/alerts?limit=1000", "/api/alerts?ticker=T007&limit=1000", "/api/alerts?rule=capex&limit=1000",
                   "/api/alerts?severity=critical&since=1h&limit=1000", "/api/alerts?q=%23999&limit=1000",
                   "/api/stats?hours=24", f"/api/alerts/{count // 2:016x}"]
        timings = []
        for q in queries:
            t = time.monotonic()
            api(port, q)
            timings.append((q, (time.monotonic() - t) * 1000))
        after = proc_status(pid)
        size = sum(os.path.getsize(db + s) for s in ("", "-wal") if os.path.exists(db + s)) / 2**20
        print(f"stored {count} alerts in {took:.0f} s ({count / took:.0f}/s); RSS while storing at most {peak_during:.0f} MiB")
        print(f"console with {count} alerts stored: RSS {idle['VmRSS']:.0f} MiB idle, {after['VmRSS']:.0f} MiB after the "
              f"queries (peak VmHWM {after['VmHWM']:.0f} MiB); file {size:.0f} MiB")
        for q, ms in timings:
            print(f"  {q}: {ms:.0f} ms")
        console.stop()
    finally:
        broker.kill()


def api_metrics(port):
    from console_helpers import scrape_console
    from herald_harness import metric_values
    return metric_values(scrape_console(port), "herald_console_alerts_consumed_total").get('{result="stored"}', 0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("herald")
    ap.add_argument("mode", choices=["latency", "memory"])
    ap.add_argument("--rate", type=int, default=100)
    ap.add_argument("--seconds", type=int, default=30)
    ap.add_argument("--count", type=int, default=1000000)
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="herald-console-bench-")
    try:
        if a.mode == "latency":
            latency(a.herald, a.rate, a.seconds, work)
        else:
            memory(a.herald, a.count, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
