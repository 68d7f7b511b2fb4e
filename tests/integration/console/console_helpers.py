"""Helpers for the `herald console` tests: alerts as herald publishes them, starting the console,
its JSON API and its event stream. Every wait has a deadline."""
import datetime
import http.client
import json
import os
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pipeline"))
from herald_harness import Deadline, Process, wait_for  # noqa: E402


def now_rfc3339():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def alert(n, rule="aws-growth", key="AMZN", severity="warning", resolved=False, summary=None, detected=None):
    """One alert shaped like herald's (docs/rules.md), id = n as 16 hex digits."""
    sentence = f"{key} said cloud revenue rose to $37.6B, up 28% year over year (item {n})."
    figure = "$37.6B"
    begin = sentence.index(figure)
    a = {"alert_id": f"{n:016x}", "rule": rule, "severity": severity, "key": key, "event_id": f"ev-{n}",
         "event_time": now_rfc3339(), "detected_at": detected or now_rfc3339(),
         "summary": summary or f"{key} cloud revenue 37.6B USD, up 28% yoy (#{n})",
         "sentiment": {"score": 0.62, "label": "positive"},
         "metrics": [{"kind": "revenue", "segment": "Cloud", "value": 37.6, "unit": "B USD",
                      "change": {"direction": "up", "percent": 28}, "forecast": False, "field": "body",
                      "span": [1000 + begin, 1000 + begin + len(figure)], "text": figure}],
         "evidence": [{"field": "body", "span": [1000, 1000 + len(sentence.encode())], "text": sentence}]}
    if resolved:
        a["resolved"] = True
    return a


class Publisher:
    """One producer, connected before any clock starts (a new idempotent producer takes about a
    second to get its id, which is not the console's latency)."""

    def __init__(self, bootstrap):
        from confluent_kafka import Producer
        self.producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 0, "enable.idempotence": True, "max.in.flight": 1})
        self.producer.list_topics("alerts", timeout=10)

    def send(self, alerts):
        for key, value, _ in records(alerts):
            self.producer.produce("alerts", key=key, value=value)
        self.producer.poll(0)

    def flush(self):
        assert self.producer.flush(30) == 0, "alerts not delivered to the broker"


def records(alerts):
    return [(a["key"].encode(), json.dumps(a).encode(), None) for a in alerts]


def start_console(herald, bootstrap, db, extra=(), name="herald console"):
    args = [herald, "console", "--brokers", bootstrap, "--db", db, "--port", "0",
            "--consumer", "session.timeout.ms=6000", "--consumer", "heartbeat.interval.ms=500", *extra]
    p = Process(args, name)
    m = p.wait_stderr(r"serving http://127\.0\.0\.1:(\d+)/", 60)
    return p, int(m.group(1))


def request(port, path, method="GET", body=None, headers=None, timeout=10):
    """(status, headers dict, body bytes)."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        c.close()


def api(port, path, method="GET", headers=None, timeout=10):
    h = dict(headers or {})
    body = None
    if method == "POST":
        h["Content-Type"] = "application/json"
        body = b"{}"
    status, _, data = request(port, path, method, body, h, timeout)
    assert status == 200, f"{method} {path}: {status} {data[:300]!r}"
    return json.loads(data)


def wait_alerts(port, predicate, seconds, what, query="limit=1000"):
    return wait_for(lambda: (lambda got: got if predicate(got) else None)(api(port, "/api/alerts?" + query)["alerts"]),
                    seconds, what)


class EventStream:
    """GET /events on a raw socket; next_event() returns (event, data) with a deadline."""

    def __init__(self, port, after=None, headers=""):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        path = "/events" + (f"?after={after}" if after else "")
        self.sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n{headers}\r\n".encode())
        self.buffer = b""
        head = self._until(b"\r\n\r\n", 10)
        assert head.startswith(b"HTTP/1.1 200"), head[:200]

    def _until(self, marker, seconds):
        deadline = Deadline(seconds)
        while marker not in self.buffer:
            left = deadline.left()
            if left <= 0:
                raise AssertionError(f"no {marker!r} from the event stream within {seconds}s")
            self.sock.settimeout(left)
            chunk = self.sock.recv(65536)
            if not chunk:
                raise AssertionError("the event stream closed")
            self.buffer += chunk
        at = self.buffer.index(marker)
        out, self.buffer = self.buffer[:at], self.buffer[at + len(marker):]
        return out

    def next_event(self, seconds):
        while True:
            block = self._until(b"\n\n", seconds).decode()
            event, data = "message", []
            for line in block.split("\n"):
                if line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data: "):
                    data.append(line[6:])
            if data:
                return event, json.loads("\n".join(data))

    def close(self):
        self.sock.close()


def scrape_console(port):
    return request(port, "/metrics")[2].decode()
