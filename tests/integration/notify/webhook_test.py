"""`herald notify` against local webhook receivers (Python's http.server) that fail, time out and
answer slowly, with herald notify killed (-9) and restarted on the way: nothing is lost (every
alert acknowledged by every working receiver, every alert of the broken one dead-lettered after
its attempts), Idempotency-Key is the alert id on every attempt and after the restart, the rate
limit holds, body templates and headers (one from the environment) are applied. First, mistakes
in the webhooks file and the flags exit 2 with one line.

usage: webhook_test.py HERALD_BINARY SOURCE_DIR WORK_DIR"""
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from http.server import ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(__file__))
import notify_support as ns  # noqa: E402
from notify_support import h  # noqa: E402

herald, src, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)

RATE = 5            # requests per second allowed to /limited
requests = []       # (path, idempotency key, body, arrival time, status answered)
lock = threading.Lock()
attempts = {}       # (path, key) -> attempts seen
am_posts = []       # (herald_alert_ids, status) of each request to the stand-in Alertmanager


class Receiver(ns.QuietHandler):
    def do_POST(self):
        body = self.body()
        key = self.headers.get("Idempotency-Key", "")
        path = self.path
        if path == "/am/api/v2/alerts":
            # An Alertmanager that refuses (400) any request holding the alert keyed BAD, and
            # answers after 50 ms so that alerts queue up and share requests.
            sent = json.loads(body)
            status = 400 if any(a["labels"]["key"] == "BAD" for a in sent) else 200
            with lock:
                am_posts.append(([a["annotations"]["herald_alert_id"] for a in sent], status))
            time.sleep(0.05)
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        with lock:
            n = attempts[(path, key)] = attempts.get((path, key), 0) + 1
        status, delay = 200, 0.0
        if path == "/flaky" and n <= 2:
            status = 500                                  # fails twice per alert, then takes it
        elif path == "/slow":
            delay = 0.3                                   # answers slowly, within the timeout
        elif path == "/timeout" and n == 1 and int(key, 16) % 8 == 0:
            delay = 2.5                                   # past the 1 s timeout: the alert arrived, the answer did not
        elif path == "/broken":
            status = 503
        if path == "/desk" and self.headers.get("Authorization") != "Bearer s3cret":
            status = 401
        with lock:
            requests.append((path, key, body, time.monotonic(), status, self.headers.get("Content-Type")))
        time.sleep(delay)
        try:
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")
        except OSError:
            pass  # herald notify gave up waiting


server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
server.daemon_threads = True
server.handle_error = lambda request, address: None  # a connection the kill -9 cut is expected
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{server.server_address[1]}"
hooks = os.path.join(work, "webhooks.yaml")
with open(hooks, "w") as f:
    f.write(f"""- name: flaky
  url: {base}/flaky
  body: '{{"text": "*{{{{severity}}}}* {{{{rule}}}} {{{{key}}}}: {{{{summary}}}} <{{{{console_link}}}}|open>", "id": "{{{{alert_id}}}}"}}'
- name: slow
  url: {base}/slow
- name: timeout
  url: {base}/timeout
  timeout: 1s
- name: limited
  url: {base}/limited
  rate: {RATE}
  burst: 1
- name: broken
  url: {base}/broken
  max_attempts: 3
- name: desk
  url: {base}/desk
  headers:
    Authorization: "Bearer ${{env:DESK_TOKEN}}"
  body: '{{"source": "herald", "status": "{{{{status}}}}", "alert": {{{{alert}}}}}}'
""")

# Configuration mistakes: exit 2 with one line naming the place (and never a secret).
bad_files = {"body: '{\"t\": \"{{nope}}\"}'": "'body': unknown placeholder {{nope}}",
             "body: '{\"t\": {{rule}} }'": "'body': the body is not valid JSON",
             "rate: 5x": "'rate': '5x' is not a number",
             "headers:\n    Authorization: \"Bearer ${env:HERALD_TEST_UNSET}\"":
                 "'headers': environment variable 'HERALD_TEST_UNSET'"}
for i, (entry, message) in enumerate(bad_files.items()):
    path = os.path.join(work, f"bad{i}.yaml")
    with open(path, "w") as f:
        f.write(f"- url: http://127.0.0.1:9/hooks/SECRET\n  {entry}\n")
    r = subprocess.run([herald, "notify", "--webhooks", path], capture_output=True, text=True, timeout=30)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and f"{path}:1:3 {message}" in r.stderr, r.stderr
    assert "SECRET" not in r.stderr, r.stderr
for args, message in ((["--brokers", "127.0.0.1:9"], "nothing to deliver to"),
                      (["--alertmanager", "ftp://am/SECRET"], "must start with http:// or https://"),
                      (["--webhook", "http://x/", "--dead-letter-topic", "alerts"], "undelivered alerts would be read back")):
    r = subprocess.run([herald, "notify", *args], capture_output=True, text=True, timeout=30)
    assert r.returncode == 2 and message in r.stderr and "SECRET" not in r.stderr, (args, r.stderr)
print("configuration mistakes: exit 2, one line each, no secret shown")

broker, bootstrap = h.start_broker(herald, "alerts:3,alerts.undelivered:1")
notify = None
env = dict(os.environ, DESK_TOKEN="s3cret")
args = ["--webhooks", hooks, "--alertmanager", base + "/am", "--console-url", "http://console.test", "--backoff", "100ms", "--max-backoff", "400ms",
        "--max-attempts", "6"]
try:
    notify, port = ns.start_notify(herald, bootstrap, args, env=env)
    first = [ns.alert("cloud-growth", f"W{i}", i, severity="critical") for i in range(40)]
    second = [ns.alert("margin-squeeze", f"X{i}", i) for i in range(40)]
    bad = ns.alert("margin-squeeze", "BAD", 99)  # refused by the stand-in Alertmanager
    second.insert(20, bad)
    alerts = {a["alert_id"]: a for a in first + second}
    h.produce(bootstrap, "alerts", [ns.record(a) for a in first])

    def acknowledged(path):
        with lock:
            return {r[1] for r in requests if r[0] == path and r[4] == 200}
    h.wait_for(lambda: len(acknowledged("/flaky")) >= 10, 60, "10 alerts through /flaky")
    notify.kill()  # kill -9 mid-stream
    print(f"herald notify killed with {len(acknowledged('/flaky'))} of 40 through /flaky")
    notify, port = ns.start_notify(herald, bootstrap, args, env=env)
    h.produce(bootstrap, "alerts", [ns.record(a) for a in second])

    def am_acknowledged():
        with lock:
            return {i for ids, status in am_posts if status == 200 for i in ids}

    def all_done():
        for path in ("/flaky", "/slow", "/timeout", "/limited", "/desk"):
            if not set(alerts) <= acknowledged(path):
                return None
        if not set(alerts) - {bad["alert_id"]} <= am_acknowledged():
            return None
        dead = h.read_all(bootstrap, "alerts.undelivered", short_ok=True, seconds=1)
        broken = {dict(m.headers())["herald-alert-id"].decode() for m in dead
                  if dict(m.headers())["herald-notify-target"] == b"broken"}
        return dead if broken >= set(alerts) and len(dead) > len(broken) else None
    try:
        dead = h.wait_for(all_done, 180, "every alert acknowledged by every working receiver and dead-lettered for "
                          "/broken", interval=0.5)
    except AssertionError:
        for path in ("/flaky", "/slow", "/timeout", "/limited", "/desk"):
            print(f"{path}: {len(acknowledged(path) & set(alerts))} of {len(alerts)} acknowledged")
        print(f"/am: {len(am_acknowledged() & set(alerts))} of {len(alerts) - 1} acknowledged")
        print("metrics:\n" + "\n".join(l for l in h.scrape(port).splitlines() if l.startswith("herald_notify")
                                         and "bucket" not in l))
        raise

    # Dead letters: the alert as published, with the target, the last error and the attempts.
    for m in dead:
        hdr = {k: v.decode() for k, v in m.headers()}
        a = alerts[hdr["herald-alert-id"]]
        assert json.loads(m.value()) == a and m.key().decode() == a["key"], hdr
        if hdr["herald-notify-target"].startswith("alertmanager:"):
            # Refused: at once, alone; the alerts that shared its request were sent again without it.
            assert a is bad and hdr["herald-notify-attempts"] == "1", hdr
            assert hdr["herald-notify-error"].startswith("HTTP 400"), hdr
            continue
        assert hdr["herald-notify-target"] == "broken" and hdr["herald-notify-attempts"] == "3", hdr
        assert hdr["herald-notify-error"].startswith("HTTP 503"), hdr
    with lock:
        shared = [ids for ids, status in am_posts if status == 400 and len(ids) > 1]
    assert shared, f"the refused alert never shared a request: {[len(i) for i, _ in am_posts]}"
    assert set(shared[0]) - {bad["alert_id"]} <= am_acknowledged()
    # Idempotency-Key = alert_id, the same body on every attempt (before and after the kill).
    with lock:
        seen = list(requests)
    bodies = {}
    for path, key, body, _, _, ctype in seen:
        assert key in alerts, f"{path}: Idempotency-Key {key!r} is no alert id"
        assert ctype == "application/json", ctype
        bodies.setdefault((path, key), set()).add(body)
        if path in ("/slow", "/timeout", "/limited", "/broken"):
            assert json.loads(body) == alerts[key], f"{path}: body is not the alert as published"
    assert all(len(b) == 1 for b in bodies.values()), "an alert's body changed between attempts"
    a = alerts[first[0]["alert_id"]]
    flaky = json.loads(next(iter(bodies[("/flaky", a["alert_id"])])))
    assert flaky == {"text": f"*critical* cloud-growth W0: {a['summary']} <http://console.test/alerts/{a['alert_id']}|open>",
                     "id": a["alert_id"]}, flaky
    desk = json.loads(next(iter(bodies[("/desk", a["alert_id"])])))
    assert desk == {"source": "herald", "status": "firing", "alert": a}, desk
    retried = sum(1 for (p, _), n in attempts.items() if p == "/timeout" and n > 1)
    assert retried >= 5, f"only {retried} alerts retried after a timeout"
    # The rate limit: never more than RATE requests (+ the burst of 1) within any second.
    times = sorted(t for p, _, _, t, _, _ in seen if p == "/limited")
    worst = max(sum(1 for u in times[i:] if u - t < 1.0) for i, t in enumerate(times))
    assert worst <= RATE + 1, f"{worst} requests to /limited within one second (limit {RATE}/s)"
    text = h.scrape(port)
    failed = ns.delivered(port, "flaky", "failed")
    assert failed > 0, "no failed attempt counted for /flaky"
    duplicates = len(seen) - len(bodies)
    print(f"webhooks: {len(alerts)} alerts x 5 receivers acknowledged, {len(dead) - 1} dead letters for /broken; "
          f"{duplicates} repeated requests (retries, timeouts, the kill), all with the same Idempotency-Key and body; "
          f"at most {worst} requests/s to /limited (limit {RATE}/s); the alert the stand-in Alertmanager "
          f"refuses dead-lettered alone, the {len(shared[0]) - 1} sharing its request delivered")
    assert h.metric_sum(text, "herald_notify_retry_queue_alerts") == 0 and h.metric_sum(text, "herald_notify_queue_alerts") == 0

    notify = ns.finish(notify, bootstrap)
finally:
    ns.clean_up(notify, broker, server=server)
