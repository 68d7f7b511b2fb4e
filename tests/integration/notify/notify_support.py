"""Helpers for `herald notify`'s tests: herald-format alerts, a real Alertmanager (Debian's
prometheus-alertmanager) on a loopback port with a temporary config, and `herald notify` itself."""
import hashlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "pipeline"))
import herald_harness as h  # noqa: E402

ALERTMANAGER = "/usr/bin/prometheus-alertmanager"


def rfc3339(seconds):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + ".%03dZ" % int((seconds % 1) * 1000)


def alert(rule, key, n, severity="warning", resolved=False, headline=None, at=None):
    """One alert as `herald run` publishes it (docs/contracts.md "Alert"); n makes the event (and id) unique."""
    at = time.time() if at is None else at
    event_id = f"ev-{rule}-{key}-{n}"
    alert_id = hashlib.sha256(f"{rule}|{key}|{event_id}|{resolved}".encode()).hexdigest()[:16]
    headline = headline or f"{key} reports item {n}"
    a = {"alert_id": alert_id, "rule": rule, "severity": severity, "key": key, "event_id": event_id,
         "event_time": rfc3339(at), "detected_at": rfc3339(at),
         "summary": f"{rule} for {key} #{n}", "sentiment": {"score": 0.5, "label": "positive"}, "metrics": [],
         "evidence": [{"field": "headline", "span": [0, len(headline)], "text": headline},
                      {"field": "summary", "span": [0, 9], "text": "Evidence."}]}
    if resolved:
        a["resolved"] = True
    return a


def record(a):
    return (a["key"].encode(), json.dumps(a).encode(), [("herald-alert-id", a["alert_id"].encode())])


def free_port():
    # Alertmanager cannot report a port it picked itself, and a restart must come back on the same one.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_json(url, body=None, method=None, timeout=5):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method or ("POST" if data else "GET"),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        text = r.read().decode()
        return json.loads(text) if text else None


class Alertmanager:
    """prometheus-alertmanager on 127.0.0.1:port, clustering off, state in work/alertmanager."""

    CONFIG = """route:
  receiver: desk
  group_by: [alertname, ticker]
  group_wait: 1s
  group_interval: 1s
receivers:
  - name: desk
"""

    def __init__(self, work):
        self.dir = os.path.join(work, "alertmanager")
        os.makedirs(self.dir, exist_ok=True)
        self.config = os.path.join(self.dir, "alertmanager.yml")
        with open(self.config, "w") as f:
            f.write(self.CONFIG)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.start()

    def start(self):
        self.process = h.Process([ALERTMANAGER, f"--config.file={self.config}", f"--storage.path={self.dir}",
                                  f"--web.listen-address=127.0.0.1:{self.port}", "--cluster.listen-address=",
                                  "--log.level=warn"], "alertmanager")

        def ready():
            if self.process.proc.poll() is not None:
                raise AssertionError("alertmanager exited:\n" + "\n".join(self.process.stderr_lines[-20:]))
            try:
                with urllib.request.urlopen(self.url + "/-/ready", timeout=2) as r:
                    return r.status == 200
            except (urllib.error.URLError, OSError):
                return False
        h.wait_for(ready, 30, "alertmanager to be ready")

    def stop(self):
        code = self.process.stop()
        self.process = None
        return code

    def alerts(self, **filters):
        query = "&".join(f"{k}={'true' if v else 'false'}" for k, v in filters.items())
        return http_json(self.url + "/api/v2/alerts" + ("?" + query if query else ""))

    def by_alert_id(self, rule=None):
        return {a["annotations"].get("herald_alert_id"): a for a in self.alerts()
                if rule is None or a["labels"].get("alertname") == rule}

    def kill(self):
        if self.process:
            self.process.kill()


def start_notify(herald, bootstrap, extra, group="herald-notify", env=None):
    args = [herald, "notify", "--brokers", bootstrap, "--group", group, "--metrics-port", "0",
            *h.group_settings(), *extra]
    p = h.Process(args, "herald notify", env=env)
    m = p.wait_stderr(r"metrics on http://[0-9.]+:(\d+)/metrics", 60)
    return p, int(m.group(1))


def wait_committed(bootstrap, group, topic, seconds, what):
    def done():
        committed, high = h.committed_offsets(bootstrap, group, topic)
        return committed == high
    h.wait_for(done, seconds, what)


def delivered(port, target_prefix, result="delivered"):
    values = h.metric_values(h.scrape(port), "herald_notify_deliveries_total")
    return sum(v for labels, v in values.items() if f'target="{target_prefix}' in labels and f'result="{result}"' in labels)


def stop_all_committed(notify, bootstrap, group="herald-notify"):
    """SIGTERM: herald notify exits 0 with every offset of the alerts topic committed."""
    code = notify.stop()
    assert code == 0, f"herald notify exited {code}:\n" + "\n".join(notify.stderr_lines[-20:])
    committed, high = h.committed_offsets(bootstrap, group, "alerts")
    assert committed == high, f"committed {committed} != end {high}"


def finish(notify, bootstrap):
    """The test passed: herald notify stops cleanly with everything committed. Returns None (no process left)."""
    stop_all_committed(notify, bootstrap)
    print("1 passed, 0 failed")
    return None


def kill_and_show(notify):
    """After a failure: stop herald notify and show its last words."""
    if notify:
        notify.kill()
        print("herald notify's stderr:\n" + "\n".join(notify.stderr_lines[-40:]))


def clean_up(notify, broker, am=None, server=None):
    """End of a test, passed or not: whatever still runs is stopped (herald notify's last words shown)."""
    kill_and_show(notify)
    if am:
        am.kill()
    if server:
        server.shutdown()
    broker.kill()


class QuietHandler(BaseHTTPRequestHandler):
    """Base of the tests' local HTTP receivers: keep-alive (as herald notify's client uses), no access log."""
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def body(self):
        return self.rfile.read(int(self.headers.get("Content-Length", 0)))
