"""A real Prometheus (Debian's `prometheus`) scrapes a running `herald run` and a `herald notify`
(delivering its alerts to a local receiver standing in for Alertmanager and a webhook) on loopback
while traffic flows; then every PromQL expression of the Grafana dashboard and of herald's alerting
rules is evaluated through Prometheus's HTTP API (tests/e2e/check_promql.py) and must return data.

usage: prometheus_test.py HERALD_BINARY SOURCE_DIR WORK_DIR"""
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration", "pipeline"))
import herald_harness as h  # noqa: E402

herald, src, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(os.path.join(work, "targets"))
os.makedirs(os.path.join(work, "notify-targets"))
prom_bin = shutil.which("prometheus")
assert prom_bin, "prometheus is not installed (scripts/setup.sh installs it)"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


gen = subprocess.run([sys.executable, os.path.join(src, "tools", "gen_events.py"), "--count", "3000", "--seed", "11",
                      "--size", "mixed", "--notable-fraction", "0.2"], capture_output=True, text=True, check=True)
events = [l.encode() for l in gen.stdout.splitlines() if l.strip()]
rules = os.path.join(src, "tests", "integration", "pipeline", "pipeline-rules.yaml")

broker, bootstrap = h.start_broker(herald, "news:6,alerts:3,news.dlq:1,alerts.shadow:1")
run = prom = notify = None
stop = threading.Event()


class Receiver(BaseHTTPRequestHandler):
    """Takes every POST (Alertmanager's /api/v2/alerts and a webhook alike)."""
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()


receiver = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
receiver.daemon_threads = True
threading.Thread(target=receiver.serve_forever, daemon=True).start()
receiver_url = f"http://127.0.0.1:{receiver.server_address[1]}"
try:
    # With shadow rules (a copy of the live ones), so the shadow panels have series to show.
    run, port = h.start_run(herald, bootstrap, rules, ["--kafka", "statistics.interval.ms=1000",
                                                       "--shadow-rules", rules, "--shadow-topic", "alerts.shadow"])
    notify = h.Process([herald, "notify", "--brokers", bootstrap, "--metrics-port", "0", "--alertmanager", receiver_url,
                        "--webhook", receiver_url + "/hook", "--resend-interval", "5s", *h.group_settings()],
                       "herald notify")
    notify_port = int(notify.wait_stderr(r"metrics on http://[0-9.]+:(\d+)/metrics", 60).group(1))

    def traffic():
        # Steady traffic (and a bad message now and then) for as long as the check runs.
        i = 0
        while not stop.is_set():
            batch = [(None, events[(i + k) % len(events)], None) for k in range(50)]
            if i % 500 == 0:
                batch.append((b"BAD", b"not json", None))
            h.produce(bootstrap, "news", batch)
            i += 50
            stop.wait(0.25)
    t = threading.Thread(target=traffic, daemon=True)
    t.start()

    for f in ("prometheus-local.yml", "herald-alerts.yml"):
        shutil.copy(os.path.join(src, "deploy", "prometheus", f), work)
    with open(os.path.join(work, "targets", "herald.json"), "w") as f:
        json.dump([{"targets": [f"127.0.0.1:{port}"]}], f)
    with open(os.path.join(work, "notify-targets", "notify.json"), "w") as f:
        json.dump([{"targets": [f"127.0.0.1:{notify_port}"]}], f)
    prom_port = free_port()
    prom = h.Process([prom_bin, f"--config.file={os.path.join(work, 'prometheus-local.yml')}",
                      f"--storage.tsdb.path={os.path.join(work, 'data')}",
                      f"--web.listen-address=127.0.0.1:{prom_port}"], "prometheus")
    url = f"http://127.0.0.1:{prom_port}"

    def scraped():
        try:
            import urllib.request
            with urllib.request.urlopen(url + "/api/v1/query?query=count(herald_events_consumed_total)", timeout=3) as r:
                return json.load(r)["data"]["result"]
        except Exception:
            return None
    h.wait_for(scraped, 90, "Prometheus to scrape herald")
    check = subprocess.run([sys.executable, os.path.join(src, "tests", "e2e", "check_promql.py"), url, "--wait", "90",
                            "--rate-interval", "30s", "--allow-nan"], capture_output=True, text=True, timeout=300)
    print(check.stdout[-3000:])
    assert check.returncode == 0, "some dashboard or alert expressions returned no data:\n" + check.stderr[-2000:]
    stop.set()
    t.join(30)
    code = run.stop()
    assert code == 0, f"herald run exited {code} on SIGTERM"
    code = notify.stop()
    assert code == 0, f"herald notify exited {code} on SIGTERM"
    print("1 passed, 0 failed")
except BaseException:
    if run:
        print("---- herald run stderr ----\n" + "\n".join(run.stderr_lines[-30:]), file=sys.stderr)
    if notify:
        print("---- herald notify stderr ----\n" + "\n".join(notify.stderr_lines[-30:]), file=sys.stderr)
    if prom:
        print("---- prometheus stderr ----\n" + "\n".join(prom.stderr_lines[-15:]), file=sys.stderr)
    raise
finally:
    stop.set()
    receiver.shutdown()
    for p in (prom, notify, run, broker):
        if p:
            p.kill()
