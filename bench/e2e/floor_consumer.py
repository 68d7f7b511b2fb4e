#!/usr/bin/python3
"""The latency floor's reader (run by run_e2e.py's `floor` mode, not by hand): a confluent-kafka
consumer that joins a group on `news`, prints "ready" once it has partitions, reads COUNT messages
and prints one JSON line with the message-timestamp-to-receive latencies of all but the first WARM.

usage: floor_consumer.py BOOTSTRAP COUNT WARM FETCH_WAIT_MS TIMEOUT_S"""
import json
import sys
import time

from confluent_kafka import Consumer


def quantile(sorted_values, q):
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def main(bootstrap, count, warm, fetch_wait_ms, timeout_s):
    # The same client settings as herald's consumer in the benchmark: no Nagle, short fetch waits.
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "latency-floor", "auto.offset.reset": "earliest",
                         "fetch.wait.max.ms": fetch_wait_ms, "socket.nagle.disable": True,
                         "enable.auto.commit": False, "log_level": 3})
    consumer.subscribe(["news"])
    deadline = time.monotonic() + timeout_s
    while not consumer.assignment():
        if time.monotonic() > deadline:
            raise SystemExit("floor consumer: no partitions assigned before the deadline")
        consumer.poll(0.05)
    print("ready", flush=True)
    latencies, seen = [], 0
    while seen < count and time.monotonic() < deadline:
        m = consumer.poll(0.05)
        if m is None or m.error():
            continue
        now_ms = time.time() * 1000.0
        seen += 1
        if seen > warm:
            latencies.append(now_ms - m.timestamp()[1])
    consumer.close()
    latencies.sort()
    out = {"received": seen, "measured": len(latencies)}
    if latencies:
        for q in (0.5, 0.9, 0.99):
            out[f"p{int(q * 100)}_ms"] = round(quantile(latencies, q), 3)
        out["max_ms"] = round(latencies[-1], 3)
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    if len(sys.argv) != 6:
        raise SystemExit(__doc__)
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]))
