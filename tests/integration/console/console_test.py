"""`herald console` against the embedded broker: alerts stored and served (API, event stream),
filters, acknowledge and mute that survive a restart, a store rebuilt from the topic when its file
is missing, story revisions and retractions replacing the stored alert, messages that are not
herald's alerts, and hostile HTTP clients (slowloris, huge
headers, too many connections) that must not stop it. Also the token and the binding rules.

usage: console_test.py HERALD SOURCE_DIR WORK_DIR"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

from console_helpers import (EventStream, Publisher, alert, api, records, request, scrape_console, start_console,
                             wait_alerts)
from herald_harness import Deadline, metric_sum, metric_values, produce, start_broker, wait_for


def check_stream_and_api(port, bootstrap):
    stream = EventStream(port)
    publisher = Publisher(bootstrap)
    t0 = time.monotonic()
    publisher.send([alert(100, key="NVDA", severity="critical")])
    event, row = stream.next_event(5)
    took = time.monotonic() - t0
    publisher.flush()
    assert event == "alert" and row["alert_id"] == f"{100:016x}", (event, row)
    assert took < 1.0, f"the alert reached the event stream after {took:.2f}s"
    stream.close()
    print(f"published -> event stream: {took * 1000:.0f} ms")
    # Filters of the API.
    assert {r["key"] for r in api(port, "/api/alerts?ticker=NVDA")["alerts"]} == {"NVDA"}
    crit = api(port, "/api/alerts?severity=critical")["alerts"]
    assert [r["alert_id"] for r in crit] == [f"{100:016x}"], crit
    assert len(api(port, "/api/alerts?rule=aws-growth&limit=1000")["alerts"]) == 21
    assert len(api(port, "/api/alerts?q=%2319")["alerts"]) == 1  # '#19' in one summary
    assert len(api(port, "/api/alerts?since=1h&limit=1000")["alerts"]) == 21
    detail = api(port, f"/api/alerts/{100:016x}")
    assert detail["alert"]["evidence"][0]["text"].startswith("NVDA said"), detail


def check_ack_and_mute(port, bootstrap):
    acked = api(port, f"/api/alerts/{3:016x}/ack", "POST")["row"]
    assert acked["acknowledged_at"], acked
    muted = api(port, f"/api/alerts/{4:016x}/mute", "POST")["row"]  # key AMZN, rule aws-growth
    assert muted["mute_active"], muted
    status, _, _ = request(port, f"/api/alerts/{3:016x}/ack", "POST", b"{}", {"Content-Type": "text/plain"})
    assert status == 415, status
    stream = EventStream(port)
    produce(bootstrap, "alerts", records([alert(200), alert(201, resolved=True), alert(202)]))
    got = [stream.next_event(5)[1] for _ in range(3)]
    stream.close()
    by_id = {r["alert_id"]: r for r in got}
    assert by_id[f"{200:016x}"]["muted"], "an alert of a muted rule and key is stored muted"
    assert not by_id[f"{201:016x}"]["muted"], "the resolved notification still shows"
    assert not by_id[f"{202:016x}"]["muted"], "after resolving, the rule fires visibly again"
    shown = {r["alert_id"] for r in api(port, "/api/alerts?muted=0&limit=1000")["alerts"]}
    assert f"{200:016x}" not in shown and f"{201:016x}" in shown


def check_revisions(port, bootstrap):
    """A story update republishes an alert under its alert_id with a higher revision; a deletion
    retracts it (docs/events.md). The console keeps one row, the highest revision."""
    first = alert(500, key="NKE", summary="NKE guidance cut (first report)")
    revised = dict(first, story_id="s-500", revision=1, summary="NKE guidance cut to a 6% decline")
    retracted = dict(first, story_id="s-500", revision=2, retracted=True, summary="retracted: story s-500 was deleted")
    stream = EventStream(port)
    produce(bootstrap, "alerts", records([first]))
    assert stream.next_event(5)[1]["revision"] == 0
    produce(bootstrap, "alerts", records([revised]))
    event, row = stream.next_event(5)
    assert event == "alert" and row["alert_id"] == f"{500:016x}" and row["revision"] == 1, (event, row)
    assert row["summary"] == "NKE guidance cut to a 6% decline" and not row["retracted"], row
    # The retraction, then the revision again (a redelivery): the retraction stands.
    produce(bootstrap, "alerts", records([retracted, revised]))
    event, row = stream.next_event(5)
    assert row["revision"] == 2 and row["retracted"], row
    stream.close()
    wait_alerts(port, lambda rows: [r["revision"] for r in rows if r["alert_id"] == f"{500:016x}"] == [2], 20,
                "one row for the alert, at its retraction", "ticker=NKE")
    detail = api(port, f"/api/alerts/{500:016x}")
    assert detail["alert"]["retracted"] is True and detail["row"]["retracted"], detail


def check_bad_messages(port, bootstrap):
    before = metric_sum(scrape_console(port), "herald_console_messages_rejected_total")
    bad = [(None, b"not json", None), (None, b'{"hello":"world"}', None), (None, b"[1,2]", None),
           (None, b'{"alert_id":"' + b"x" * 16 + b'"}', None),
           (None, b'{"pad":"' + b"a" * (2 * 1024 * 1024) + b'"}', None),  # oversized
           (None, b"\xff\xfe\x00garbage", None)]
    produce(bootstrap, "alerts", bad + records([alert(300, key="META")]))
    wait_alerts(port, lambda rows: any(r["alert_id"] == f"{300:016x}" for r in rows), 20,
                "the alert after the bad messages")
    # Unkeyed messages land on any partition: the alert may be read before some of them.
    wait_for(lambda: metric_sum(scrape_console(port), "herald_console_messages_rejected_total") - before >= 6, 20,
             "the six bad messages to be counted")
    text = scrape_console(port)
    assert metric_sum(text, "herald_console_messages_rejected_total") - before == 6, metric_values(
        text, "herald_console_messages_rejected_total")
    assert metric_values(text, "herald_console_messages_rejected_total")['{reason="too_large"}'] >= 1


def hostile_clients(port):
    """Slowloris, huge headers and a flood of idle connections; then a plain request must answer."""
    socks = []
    for _ in range(300):  # more than --max-connections (64 here): the oldest idle ones are dropped
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"GET /api/alerts HTTP/1.1\r\nHost: x\r\nX-Slow: ")  # never finished
        socks.append(s)
    huge = socket.create_connection(("127.0.0.1", port), timeout=5)
    try:
        huge.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (64 * 1024) + b"\r\n\r\n")
    except OSError:
        pass  # the console closed it before it was all sent
    t0 = time.monotonic()
    status, _, _ = request(port, "/healthz", timeout=5)
    assert status == 200, status
    assert time.monotonic() - t0 < 2, "a plain request waited behind the hostile ones"
    try:
        data = huge.recv(1024)
    except (ConnectionResetError, socket.timeout):
        data = b""
    assert not data.startswith(b"HTTP/1.1 200"), "a 64 KB header was served"
    # The trickling clients are dropped by the request deadline (--request-timeout 2s).
    wait_for(lambda: metric_values(scrape_console(port), "herald_console_connections_closed_total")
             .get('{reason="idle_timeout"}', 0) > 0, 15, "idle connections to be closed")
    text = scrape_console(port)
    closed = metric_values(text, "herald_console_connections_closed_total")
    assert closed['{reason="capacity"}'] > 0 and closed['{reason="bad_request"}'] > 0, closed
    for s in socks:
        s.close()
    huge.close()


def check_token(herald, bootstrap, work):
    status = subprocess.run([herald, "console", "--brokers", bootstrap, "--address", "0.0.0.0", "--db",
                             os.path.join(work, "t.db")], capture_output=True, text=True, timeout=60)
    assert status.returncode == 2 and "--token-file" in status.stderr, (status.returncode, status.stderr)
    token_file = os.path.join(work, "token")
    with open(token_file, "w") as f:
        f.write("s3cret-token-of-enough-length\n")
    p, port = start_console(herald, bootstrap, os.path.join(work, "token.db"),
                            ["--token-file", token_file, "--group", "console-token"], "console with token")
    try:
        assert request(port, "/api/alerts")[0] == 401
        assert request(port, "/healthz")[0] == 200
        ok = request(port, "/api/alerts", headers={"Authorization": "Bearer s3cret-token-of-enough-length"})
        assert ok[0] == 200, ok
        assert p.stop() == 0
    finally:
        p.kill()


def main():
    herald, _source, work = sys.argv[1:4]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    db = os.path.join(work, "console.db")
    broker, bootstrap = start_broker(herald, "alerts:3")
    extra = ["--request-timeout", "2s", "--max-connections", "64"]
    console = None
    try:
        produce(bootstrap, "alerts", records([alert(i, key=["AMZN", "MSFT"][i % 2]) for i in range(1, 21)]))
        console, port = start_console(herald, bootstrap, db, extra)
        wait_alerts(port, lambda rows: len(rows) == 20, 30, "the 20 alerts published before the start")
        check_stream_and_api(port, bootstrap)
        check_ack_and_mute(port, bootstrap)
        check_revisions(port, bootstrap)
        check_bad_messages(port, bootstrap)
        hostile_clients(port)
        count = len(api(port, "/api/alerts?limit=1000")["alerts"])
        assert console.stop() == 0, console.stderr_lines[-10:]

        # Restart: same alerts (none twice), acknowledgement and mute kept.
        console, port = start_console(herald, bootstrap, db, extra, "restarted console")
        rows = api(port, "/api/alerts?limit=1000")["alerts"]
        assert len(rows) == count, (len(rows), count)
        row = api(port, f"/api/alerts/{3:016x}")["row"]
        assert row["acknowledged_at"], row
        produce(bootstrap, "alerts", records([alert(400)]))
        wait_alerts(port, lambda rs: len(rs) == count + 1, 20, "a new alert after the restart")
        assert console.stop() == 0

        # The file gone: rebuilt from the topic's start (acknowledgements lived only in the file).
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
        console, port = start_console(herald, bootstrap, db, extra, "rebuilding console")
        assert any("new store" in l for l in console.stderr_lines), console.stderr_lines
        wait_alerts(port, lambda rs: len(rs) == count + 1, 30, "every alert of the topic in the rebuilt store")
        assert console.stop() == 0
        check_token(herald, bootstrap, work)
    finally:
        if console:
            console.kill()
        broker.kill()
    print("console: ok")


if __name__ == "__main__":
    main()
