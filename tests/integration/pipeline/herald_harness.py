"""Shared helpers for herald's process-level tests: start `herald broker` and `herald run`,
produce and read topics with an independent Kafka client (confluent-kafka), scrape /metrics.
Every wait has a deadline; nothing sleeps a fixed time to let something happen."""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request

from confluent_kafka import Consumer, Producer, TopicPartition, KafkaError


class Deadline:
    def __init__(self, seconds):
        self.end = time.monotonic() + seconds

    def left(self):
        return self.end - time.monotonic()

    def expired(self):
        return self.left() <= 0


def wait_for(predicate, seconds, what, interval=0.05):
    deadline = Deadline(seconds)
    while True:
        value = predicate()
        if value:
            return value
        if deadline.expired():
            raise AssertionError(f"timed out after {seconds}s waiting for {what}")
        time.sleep(interval)


class Process:
    """A child process whose stderr is collected by a thread (so it never blocks on a full pipe)."""

    def __init__(self, args, name, stdin=None, env=None):
        self.name = name
        self.args = args
        self.proc = subprocess.Popen(args, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     bufsize=1, env=env)
        self.stdout_lines = []
        self.stderr_lines = []
        self._threads = [threading.Thread(target=self._pump, args=(self.proc.stdout, self.stdout_lines), daemon=True),
                         threading.Thread(target=self._pump, args=(self.proc.stderr, self.stderr_lines), daemon=True)]
        for t in self._threads:
            t.start()

    @staticmethod
    def _pump(stream, sink):
        for line in stream:
            sink.append(line.rstrip("\n"))

    def collect_rest(self, seconds=10):
        """Once the process has exited: waits until its last output lines are collected (the pipes
        reach end of file), so a caller never reads the lines before the final ones arrive."""
        for t in self._threads:
            t.join(seconds)

    def wait_stderr(self, pattern, seconds):
        rx = re.compile(pattern)

        def find():
            if self.proc.poll() is not None:
                self.collect_rest()
            if self.proc.poll() is not None and not any(rx.search(l) for l in self.stderr_lines):
                raise AssertionError(f"{self.name} exited with {self.proc.returncode} before printing /{pattern}/:\n"
                                     + "\n".join(self.stderr_lines[-30:]))
            for l in self.stderr_lines:
                m = rx.search(l)
                if m:
                    return m
            return None
        return wait_for(find, seconds, f"{self.name} to print /{pattern}/")

    def wait_stdout_line(self, seconds):
        return wait_for(lambda: self.stdout_lines[0] if self.stdout_lines else None, seconds, f"{self.name} stdout")

    def stop(self, sig=signal.SIGTERM, seconds=60):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            code = self.proc.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise AssertionError(f"{self.name} did not exit within {seconds}s of signal {sig}")
        self.collect_rest()
        return code

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.collect_rest()


def start_broker(herald, topics):
    p = Process([herald, "broker", "--topics", topics], "herald broker")
    bootstrap = p.wait_stdout_line(30)
    return p, bootstrap


class FaultyBroker:
    """`herald broker --control`: an embedded cluster whose faults a test drives (see `herald broker --help`)."""

    def __init__(self, herald, topics, brokers=3):
        self.process = Process([herald, "broker", "--topics", topics, "--brokers", str(brokers), "--control"],
                               "herald broker", stdin=subprocess.PIPE)
        self.bootstrap = self.process.wait_stdout_line(30)
        self.faults = 0

    def command(self, line):
        answered = len(self.process.stdout_lines)
        self.process.proc.stdin.write(line + "\n")
        self.process.proc.stdin.flush()
        reply = wait_for(lambda: self.process.stdout_lines[answered] if len(self.process.stdout_lines) > answered
                         else None, 10, f"the broker to answer '{line}'")
        assert reply == "ok", f"broker control '{line}': {reply}"
        self.faults += 1

    def kill(self):
        self.process.kill()


def group_settings():
    # Fast group changes on a loopback cluster; the same keys a production config would set.
    return ["--consumer", "session.timeout.ms=6000", "--consumer", "max.poll.interval.ms=10000",
            "--consumer", "heartbeat.interval.ms=500"]


def start_run(herald, bootstrap, rules, extra=(), env=None):
    args = [herald, "run", "--brokers", bootstrap, "--rules", rules, "--metrics-port", "0", *group_settings(), *extra]
    p = Process(args, "herald run", env=env)
    m = p.wait_stderr(r"metrics on http://[0-9.]+:(\d+)/metrics", 60)
    return p, int(m.group(1))


def produce(bootstrap, topic, records):
    """records: iterable of (key, value, headers) with bytes/str/None values."""
    errors = []
    # One request in flight: tests inject produce errors, and with more the embedded broker can
    # acknowledge a batch it did not store (tools/mock_produce_loss.py, docs/kafka.md).
    p = Producer({"bootstrap.servers": bootstrap, "enable.idempotence": True, "linger.ms": 5,
                  "max.in.flight": 1, "message.max.bytes": 16 * 1024 * 1024})

    def on_delivery(err, msg):
        if err is not None:
            errors.append(err)
    n = 0
    for key, value, headers in records:
        while True:
            try:
                p.produce(topic, key=key, value=value, headers=headers, on_delivery=on_delivery)
                break
            except BufferError:
                p.poll(0.1)
        n += 1
        p.poll(0)
    remaining = p.flush(60)
    assert remaining == 0, f"{remaining} messages not delivered"
    assert not errors, f"delivery errors: {errors[:3]}"
    return n


def read_all(bootstrap, topic, expect_at_least=0, seconds=60, isolation="read_committed", short_ok=False):
    """Every message of `topic`; waits up to `seconds` for `expect_at_least` of them. Short of that it
    raises, or with `short_ok` returns what it read (the caller then says which are missing)."""
    """Reads a topic from the beginning until it has seen every message up to the high watermarks
    (and at least expect_at_least)."""
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": f"reader-{topic}-{time.monotonic_ns()}",
                  "auto.offset.reset": "earliest", "enable.auto.commit": False, "isolation.level": isolation,
                  "enable.partition.eof": False, "fetch.message.max.bytes": 16 * 1024 * 1024})
    md = c.list_topics(topic, timeout=10)
    parts = sorted(md.topics[topic].partitions.keys())
    c.assign([TopicPartition(topic, p, 0) for p in parts])
    out = []
    deadline = Deadline(seconds)

    def caught_up():
        if len(out) < expect_at_least:
            return False
        for p in parts:
            lo, hi = c.get_watermark_offsets(TopicPartition(topic, p), timeout=5, cached=False)
            pos = c.position([TopicPartition(topic, p)])[0].offset
            if hi > 0 and (pos < 0 or pos < hi):
                return False
        return True
    while True:
        msgs = c.consume(500, timeout=0.2)
        for m in msgs:
            if m.error():
                if m.error().code() != KafkaError._PARTITION_EOF:
                    raise AssertionError(f"reading {topic}: {m.error()}")
                continue
            out.append(m)
        if not msgs and caught_up():
            break
        if deadline.expired():
            if short_ok:
                break
            raise AssertionError(f"reading {topic}: got {len(out)} messages, wanted at least {expect_at_least}")
    c.close()
    return out


class TopicWatcher:
    """Keeps reading a topic from the beginning; `until(pred, seconds, what)` polls until pred(messages)."""

    def __init__(self, bootstrap, topic, isolation="read_committed"):
        self.topic = topic
        self.messages = []
        self.c = Consumer({"bootstrap.servers": bootstrap, "group.id": f"watch-{topic}-{time.monotonic_ns()}",
                           "auto.offset.reset": "earliest", "enable.auto.commit": False,
                           "isolation.level": isolation, "enable.partition.eof": False,
                           "fetch.message.max.bytes": 16 * 1024 * 1024})
        md = self.c.list_topics(topic, timeout=10)
        self.c.assign([TopicPartition(topic, p, 0) for p in sorted(md.topics[topic].partitions.keys())])

    def poll(self):
        for m in self.c.consume(1000, timeout=0.2):
            if m.error():
                if m.error().code() != KafkaError._PARTITION_EOF:
                    raise AssertionError(f"reading {self.topic}: {m.error()}")
                continue
            self.messages.append(m)
        return self.messages

    def until(self, predicate, seconds, what):
        return wait_for(lambda: predicate(self.poll()), seconds, what, interval=0)

    def close(self):
        self.c.close()


_offset_clients = {}


def committed_offsets(bootstrap, group, topic):
    # One client per (cluster, group), kept: tests poll this every 50 ms, and creating and
    # destroying a client each time, while the embedded broker's connections come and go, hits an
    # assertion in librdkafka 2.0's broker teardown (the test process aborts).
    c = _offset_clients.get((bootstrap, group))
    if c is None:
        c = Consumer({"bootstrap.servers": bootstrap, "group.id": group, "enable.auto.commit": False})
        _offset_clients[(bootstrap, group)] = c
    md = c.list_topics(topic, timeout=10)
    parts = [TopicPartition(topic, p) for p in sorted(md.topics[topic].partitions.keys())]
    committed = {tp.partition: tp.offset for tp in c.committed(parts, timeout=10)}
    high = {}
    for tp in parts:
        lo, hi = c.get_watermark_offsets(tp, timeout=5, cached=False)
        high[tp.partition] = hi
        if hi == 0 and committed[tp.partition] < 0:
            committed[tp.partition] = 0  # an empty partition has nothing to commit
    return committed, high


def watermarks(bootstrap, topic):
    """{partition: (low, high)} of `topic`."""
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": f"watermarks-{time.monotonic_ns()}"})
    md = c.list_topics(topic, timeout=10)
    out = {p: c.get_watermark_offsets(TopicPartition(topic, p), timeout=5, cached=False)
           for p in sorted(md.topics[topic].partitions.keys())}
    c.close()
    return out


def wait_all_committed(bootstrap, group, topic, run, port, seconds, what):
    """Waits until `group` has committed every offset of `topic` while `run` (a Process) stays up.
    On a timeout says what was stuck: the partitions behind, herald's own view, its last words."""
    state = {}

    def done():
        assert run.proc.poll() is None, f"herald exited ({run.proc.returncode}):\n" + "\n".join(run.stderr_lines[-20:])
        state["committed"], state["high"] = committed_offsets(bootstrap, group, topic)
        return state["committed"] == state["high"]
    try:
        wait_for(done, seconds, what)
    except AssertionError:
        behind = {p: (state["committed"].get(p), hi) for p, hi in state.get("high", {}).items()
                  if state["committed"].get(p) != hi}
        print(f"partitions behind (committed, end): {behind}")
        try:
            text = scrape(port)
            for name in ("herald_events_consumed_total", "herald_events_processed_total", "herald_partitions_assigned",
                         "herald_inflight_events", "herald_consumer_paused", "herald_producer_queue_messages",
                         "herald_consumer_lag_messages", "herald_alert_delivery_failures_total"):
                print(f"{name}: {metric_values(text, name)}")
        except OSError as e:
            print(f"cannot scrape herald: {e}")
        print("herald's stderr (last 40 lines):\n" + "\n".join(run.stderr_lines[-40:]))
        raise


def scrape(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as r:
        return r.read().decode()


def http_status(port, path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def metric_values(text, name):
    """{labels-string: value} for every sample of `name` (without suffix matching)."""
    out = {}
    rx = re.compile(r"^" + re.escape(name) + r"(\{[^}]*\})?\s+(\S+)$")
    for line in text.splitlines():
        m = rx.match(line)
        if m:
            out[m.group(1) or ""] = float(m.group(2))
    return out


def metric_sum(text, name):
    return sum(metric_values(text, name).values())


class GeneratedFeed:
    """A feed from tools/gen_events.py written to WORK/feed.ndjson, with the alerts `herald analyze`
    predicts for it and the records to produce (key = first ticker, as herald's producers key)."""

    def __init__(self, herald, src, work, rules, count, seed, notable_fraction=0.05, size="short"):
        gen = subprocess.run([sys.executable, os.path.join(src, "tools", "gen_events.py"), "--count", str(count),
                              "--seed", str(seed), "--size", size, "--notable-fraction", str(notable_fraction)],
                             capture_output=True, text=True, check=True)
        self.lines = [l for l in gen.stdout.splitlines() if l.strip()]
        self.path = os.path.join(work, "feed.ndjson")
        with open(self.path, "w") as f:
            f.write("\n".join(self.lines) + "\n")
        self.alerts = herald_analyze_alerts(herald, rules, self.path)
        self.expected = {a["alert_id"] for a in self.alerts}
        self.records = [((json.loads(l).get("tickers") or [""])[0].encode(), l.encode(), None) for l in self.lines]


def herald_analyze_alerts(herald, rules, feed_path):
    r = subprocess.run([herald, "analyze", "--rules", rules, "--alerts", feed_path], capture_output=True, text=True,
                       timeout=600)
    assert r.returncode == 0, f"herald analyze failed ({r.returncode}): {r.stderr[-2000:]}"
    return [json.loads(l) for l in r.stdout.splitlines() if l.strip()]


def robustness_setup(default_events, seed):
    """The common start of a robustness test run as `TEST HERALD_BINARY SOURCE_DIR WORK_DIR [EVENTS]`:
    an empty WORK_DIR and a GeneratedFeed for the pipeline rules.
    Returns (herald, src, work, rules, feed)."""
    herald, src, work = sys.argv[1:4]
    events = int(sys.argv[4]) if len(sys.argv) > 4 else default_events
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    rules = os.path.join(src, "tests", "integration", "pipeline", "pipeline-rules.yaml")
    return herald, src, work, rules, GeneratedFeed(herald, src, work, rules, events, seed)
