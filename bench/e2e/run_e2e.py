#!/usr/bin/python3
"""End-to-end benchmark of `herald run` on the embedded broker: throughput, latency, CPU, memory.

    bench/e2e/run_e2e.py                      # 100,000 seed-sized events, every mode (a few minutes)
    bench/e2e/run_e2e.py --events 2000        # smoke run, under a minute
    bench/e2e/run_e2e.py --modes latency --rate 4000

Modes (each starts a fresh `herald broker`, so groups, offsets and histograms never mix):
  preproduced  every event is in the topic before herald starts (`herald replay --speed max` with a
               random partitioner over enough partitions that nothing is dropped: each embedded-broker
               partition keeps only about 5 MB). Pure consumer throughput.
  streaming    herald starts first on --partitions partitions; `herald replay` (key = first ticker, as in
               production) publishes the feed in chunks while herald consumes, keeping the backlog small
               enough that no partition overflows. Producer and consumer share the machine.
  latency      herald starts first; this script publishes at --rate events/s (default: half the best
               normal-mode rate measured in this invocation), stamping each message with its send time,
               and reads the event-to-alert latency histogram. Needs python3-confluent-kafka because
               `herald replay` stamps messages with the event time, not the send time.
  floor        the latency mode's input path without herald: the same producer, rate, partitions and
               consumer settings, read by a confluent-kafka consumer (floor_consumer.py). Its
               event-to-receive latency is the part of event-to-alert that is producer client, broker and
               machine, the latency counterpart of pass-through.
Throughput modes run herald twice: normal (parse, analyze, rules, publish) and --pass-through (consume
and commit only: the I/O ceiling), and report the ratio. With --shadow-rules FILE they also run normal
with those shadow rules (`herald run --shadow-rules`, between the normal and pass-through runs) and
report shadow / normal: the cost of evaluating and publishing a candidate rule set beside the live one.

Every wait has a deadline; a run ends when herald_events_processed_total reaches the number of
events, then herald gets SIGTERM and must exit 0. Results: a table on stdout and a JSON file
(--output, default bench/e2e/results.json, not committed; results-example.json is a committed run).
Python standard library only, apart from the latency mode's producer.
"""
import argparse
import json
import math
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CLK_TCK = os.sysconf("SC_CLK_TCK")
MB = 1e6
# The embedded broker keeps about 5 MB per partition; stay well below it.
PARTITION_BUDGET_BYTES = 3_500_000
# Fast group changes on loopback, as in the integration tests (never hard-coded in herald).
GROUP_SETTINGS = ["--consumer", "session.timeout.ms=6000", "--consumer", "max.poll.interval.ms=10000",
                  "--consumer", "heartbeat.interval.ms=500"]


class BenchError(Exception):
    """A run that cannot give a valid figure: the message says what and where."""


# --------------------------------------------------------------------------- waiting and processes
def wait_for(predicate, seconds, what, interval=0.02):
    end = time.monotonic() + seconds
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > end:
            raise BenchError(f"timed out after {seconds:.0f}s waiting for {what}")
        time.sleep(interval)


class Process:
    """A child process whose stdout and stderr are collected by threads (pipes never fill up)."""

    def __init__(self, args, name):
        self.name = name
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)
        self.stdout_lines, self.stderr_lines = [], []
        for stream, sink in ((self.proc.stdout, self.stdout_lines), (self.proc.stderr, self.stderr_lines)):
            threading.Thread(target=self._pump, args=(stream, sink), daemon=True).start()

    @staticmethod
    def _pump(stream, sink):
        for line in stream:
            sink.append(line.rstrip("\n"))

    @property
    def pid(self):
        return self.proc.pid

    def check_alive(self):
        if self.proc.poll() is not None:
            tail = "\n  ".join(self.stderr_lines[-10:])
            raise BenchError(f"{self.name} exited early with code {self.proc.returncode}:\n  {tail}")

    def wait_stderr(self, pattern, seconds):
        rx = re.compile(pattern)

        def find():
            for line in list(self.stderr_lines):
                m = rx.search(line)
                if m:
                    return m
            self.check_alive()
            return None
        return wait_for(find, seconds, f"{self.name} to print /{pattern}/")

    def stop(self, seconds=60):
        """SIGTERM and wait; returns the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise BenchError(f"{self.name} did not exit within {seconds}s of SIGTERM")

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def proc_cpu_seconds(pid):
    """utime + stime of a live process, from /proc/PID/stat."""
    with open(f"/proc/{pid}/stat") as f:
        rest = f.read().rpartition(")")[2].split()
    return (int(rest[11]) + int(rest[12])) / CLK_TCK  # fields 14 and 15 of stat(5)


def thread_cpu_seconds(pid):
    """{thread id: (name, utime + stime)} of a live process's threads (librdkafka's are named rdk:*)."""
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                raw = f.read()
        except OSError:
            continue  # the thread ended meanwhile
        name = raw[raw.index("(") + 1:raw.rindex(")")]
        rest = raw.rpartition(")")[2].split()
        out[int(tid)] = (name, (int(rest[11]) + int(rest[12])) / CLK_TCK)
    return out


def thread_cpu_split(before, after):
    """CPU seconds between two thread_cpu_seconds() readings: herald's own threads (busiest first:
    workers, the consumer thread, the delivery poller) and librdkafka's together."""
    own, rdk = [], 0.0
    for tid, (name, cpu) in after.items():
        spent = cpu - before.get(tid, (name, 0.0))[1]
        if name.startswith("rdk:"):
            rdk += spent
        else:
            own.append(spent)
    own.sort(reverse=True)
    return {"herald_threads": [round(c, 2) for c in own if c >= 0.01], "librdkafka": round(rdk, 2)}


def proc_status_kb(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def loadavg():
    with open("/proc/loadavg") as f:
        return [float(x) for x in f.read().split()[:3]]


# --------------------------------------------------------------------------- Prometheus text
SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def parse_metrics(text):
    """[(name, {label: value}, float)] for every sample of a /metrics page."""
    out = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        m = SAMPLE.match(line)
        if m:
            out.append((m.group(1), dict(LABEL.findall(m.group(2) or "")), float(m.group(3))))
    return out


def scrape(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as r:
        return parse_metrics(r.read().decode())


def value(samples, name, **labels):
    """Sum of the samples of `name` whose labels include `labels` (0 when absent)."""
    return sum(v for n, l, v in samples if n == name and all(l.get(k) == x for k, x in labels.items()))


def stage_means(samples, before=None, processed=None):
    """{stage: count, µs per call (and per processed event when `processed` is given)} from the
    stage histograms, over what happened since the `before` scrape when one is given."""
    def since(name, stage):
        return value(samples, name, stage=stage) - (value(before, name, stage=stage) if before else 0)

    stages = {}
    for stage in ("parse", "analyze", "rules", "publish"):
        c = since("herald_stage_duration_seconds_count", stage)
        total = since("herald_stage_duration_seconds_sum", stage)
        if c:
            stages[stage] = {"count": int(c), "us_per_call": round(total / c * 1e6, 1)}
            if processed is not None:
                stages[stage]["us_per_event"] = round(total / max(processed, 1) * 1e6, 1)
    return stages


def wait_quantiles(samples, before=None):
    """{wait: p50/p99 ms and mean ms} of herald_wait_duration_seconds (queue: dispatch to the worker's
    pick-up; delivery: produce to acknowledgement), over what happened since `before` if given."""
    waits = {}
    for wait in ("queue", "delivery"):
        now = buckets(samples, "herald_wait_duration_seconds", wait=wait)
        old = dict(buckets(before, "herald_wait_duration_seconds", wait=wait)) if before else {}
        delta = [(le, c - old.get(le, 0)) for le, c in now]
        if not delta or delta[-1][1] <= 0:
            continue
        total = value(samples, "herald_wait_duration_seconds_sum", wait=wait) - \
            (value(before, "herald_wait_duration_seconds_sum", wait=wait) if before else 0)
        waits[wait] = {f"p{int(q * 100)}_ms": round(histogram_quantile(q, delta) * 1000, 3) for q in (0.5, 0.99)}
        waits[wait]["mean_ms"] = round(total / delta[-1][1] * 1000, 3)
    return waits


def buckets(samples, name, **labels):
    """Cumulative (upper bound, count) pairs of a histogram, sorted by bound."""
    out = [(float(l["le"]), v) for n, l, v in samples
           if n == name + "_bucket" and all(l.get(k) == x for k, x in labels.items())]
    return sorted(out)


def histogram_quantile(q, cumulative):
    """Prometheus's histogram_quantile: linear interpolation inside the bucket holding the rank.
    None when the histogram is empty; the highest finite bound when the rank is in +Inf."""
    if not cumulative or cumulative[-1][1] <= 0:
        return None
    total = cumulative[-1][1]
    rank = q * total
    lower, below = 0.0, 0.0
    for upper, count in cumulative:
        if count >= rank:
            if math.isinf(upper):
                return lower
            if count == below:
                return upper
            return lower + (upper - lower) * (rank - below) / (count - below)
        lower, below = upper, count
    return lower


# --------------------------------------------------------------------------- the feed
class Feed:
    """The generated events (cached in the work directory: generation is pure), their sizes, keys and
    the alerts `herald analyze --alerts` predicts for them."""

    def __init__(self, args):
        self.args = args
        tag = f"{args.events}-s{args.seed}-f{args.notable_fraction}"
        self.path = os.path.join(args.workdir, f"events-{tag}.ndjson")
        if not os.path.exists(self.path):
            log(f"generating {args.events} events into {self.path}")
            tmp = self.path + ".tmp"
            with open(tmp, "wb") as out:
                subprocess.run([sys.executable, os.path.join(ROOT, "tools", "gen_events.py"), "--count",
                                str(args.events), "--seed", str(args.seed), "--size", "seed",
                                "--notable-fraction", str(args.notable_fraction)], stdout=out, check=True)
            os.replace(tmp, self.path)
        with open(self.path, "rb") as f:
            self.lines = f.read().splitlines()
        if len(self.lines) != args.events:
            raise BenchError(f"{self.path}: {len(self.lines)} events, expected {args.events}; delete it and rerun")
        self.bytes = sum(len(l) for l in self.lines)
        parsed = [json.loads(l) for l in self.lines]
        self.keys = [key_of(e) for e in parsed]
        self.ids = [e.get("id", "") for e in parsed]
        self._predict_alerts()

    def _predict_alerts(self):
        out = subprocess.run([self.args.herald, "analyze", "--rules", self.args.rules, "--alerts", self.path],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
        if out.returncode != 0:
            raise BenchError(f"herald analyze --alerts {self.path} failed: {out.stderr.decode().strip()}")
        alerts = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
        self.expected_alerts = len(alerts)
        self.alerts_by_event = {}
        for a in alerts:
            self.alerts_by_event[a["event_id"]] = self.alerts_by_event.get(a["event_id"], 0) + 1
        self.alerting_events = len({a["event_id"] for a in alerts})

    def max_key_share(self, partitions):
        """Largest fraction of events landing in one partition with librdkafka's default partitioner
        for keyed messages (CRC32 of the key modulo the partition count)."""
        counts = {}
        for k in self.keys:
            p = zlib.crc32(k.encode()) % partitions
            counts[p] = counts.get(p, 0) + 1
        return max(counts.values()) / len(self.keys)

    def write_stamped(self, path, first, last):
        """Writes events [first, last) with published_at set to now, so the message timestamp `herald
        replay` derives from it is the send time and event-to-alert latency means something."""
        now = time.time()
        stamp = b'"published_at":"' + time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now)).encode() + \
            b".%03dZ\"" % int(now * 1000 % 1000)
        with open(path + ".tmp", "wb") as f:
            for line in self.lines[first:last]:
                f.write(PUBLISHED_AT.sub(stamp, line, count=1))
                f.write(b"\n")
        os.replace(path + ".tmp", path)
        return path


PUBLISHED_AT = re.compile(rb'"published_at":(?:"[^"]*"|[0-9]+)')


def key_of(ev):
    """The key herald replay gives an event: its first ticker, else its first entity's ticker."""
    if ev.get("tickers"):
        return ev["tickers"][0]
    for e in ev.get("entities") or []:
        return e.get("ticker") or ""
    return ""


# --------------------------------------------------------------------------- one herald run
class Broker:
    def __init__(self, herald, partitions):
        self.proc = Process([herald, "broker", "--topics", f"news:{partitions},alerts:3,news.dlq:1,alerts.shadow:3"], "herald broker")
        self.bootstrap = wait_for(lambda: self.proc.stdout_lines[0] if self.proc.stdout_lines else
                                  self.proc.check_alive(), 30, "herald broker to print its address")

    def close(self):
        self.proc.stop(10)


class Herald:
    """`herald run` against a broker, observed through /metrics and /proc."""

    def __init__(self, args, bootstrap, pass_through, extra=None):
        # The embedded broker answers a fetch that found no data only when fetch.wait.max.ms expires,
        # even if data arrives meanwhile (a real broker answers at once), so herald's consumer polls
        # with a short wait; otherwise a caught-up consumer stalls up to 500 ms per fetch.
        cmd = [args.herald, "run", "--brokers", bootstrap, "--rules", args.rules, "--metrics-port", "0",
               *GROUP_SETTINGS, "--consumer", f"fetch.wait.max.ms={args.fetch_wait_ms}"]
        if args.workers:
            cmd += ["--workers", str(args.workers)]
        if pass_through:
            cmd.append("--pass-through")
        cmd += args.herald_arg + (extra or [])
        self.proc = Process(cmd, "herald run" + (" --pass-through" if pass_through else ""))
        self.inflight = []
        self.port = int(self.proc.wait_stderr(r"metrics on http://[0-9.]+:(\d+)/metrics", 60).group(1))

    def samples(self):
        self.proc.check_alive()
        s = scrape(self.port)
        # The in-flight window over time: its mean over a run and the throughput give the mean wait
        # of an event in herald (Little's law), to compare with the latency histograms.
        self.inflight.append((time.monotonic(), value(s, "herald_inflight_events")))
        return s

    def processed(self):
        return value(self.samples(), "herald_events_processed_total")

    def wait_ready(self, seconds):
        def ready():
            self.proc.check_alive()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/readyz", timeout=5) as r:
                    return r.status == 200
            except urllib.error.HTTPError:
                return False
        wait_for(ready, seconds, "herald /readyz (partitions assigned)", interval=0.05)


def measure(herald, n, timeout, start_samples=None):
    """Polls until herald has processed n events. The rate is taken between the first poll that saw
    processing under way and the poll that saw n, so group-join time does not count."""
    first = None
    end = time.monotonic() + timeout
    while True:
        now = time.monotonic()
        s = herald.samples()
        done = value(s, "herald_events_processed_total")
        cpu = proc_cpu_seconds(herald.proc.pid)
        if first is None and done > 0:
            first = (now, done, cpu, s)
            herald.threads_first = thread_cpu_seconds(herald.proc.pid)
        if done >= n:
            break
        if now > end:
            raise BenchError(f"timed out after {timeout:.0f}s: herald processed {done:.0f} of {n} events "
                             "(events lost to the embedded broker's 5 MB partition limit never arrive)")
        time.sleep(0.02)
    last = (now, done, cpu, s)
    if first is None or first[1] >= n:  # everything finished between two polls: fall back to the whole run
        first = (start_samples[0], 0, start_samples[1], None) if start_samples else first
    return first, last


def finish(herald, args, n, first, last, feed, pass_through):
    t0, n0, cpu0, _ = first
    t1, n1, cpu1, s = last
    # Alerts are counted once the broker acknowledged them; in normal mode wait for all expected.
    if not pass_through and n == len(feed.lines):
        try:
            wait_for(lambda: value(herald.samples(), "herald_alerts_published_total") >= feed.expected_alerts,
                     30, "every predicted alert to be published")
        except BenchError:
            pass  # reported below as a mismatch
    s = herald.samples()
    rss_kb = proc_status_kb(herald.proc.pid, "VmHWM")
    threads = thread_cpu_split(getattr(herald, "threads_first", None) or {}, thread_cpu_seconds(herald.proc.pid))
    cpu_total = proc_cpu_seconds(herald.proc.pid)
    rc = herald.proc.stop()
    summary = next((l for l in herald.proc.stderr_lines if "stopped:" in l), "")
    if rc != 0:
        raise BenchError(f"{herald.proc.name} exited with {rc} after SIGTERM (expected 0): {summary}")
    secs = max(t1 - t0, 1e-6)
    events = n1 - n0
    avg_bytes = feed.bytes / len(feed.lines)
    processed = value(s, "herald_events_processed_total")
    result = {
        "events": int(processed),
        "seconds": round(secs, 3),
        "events_per_s": round(events / secs, 1),
        "mb_per_s": round(events * avg_bytes / secs / MB, 2),
        "cpu_s_per_1m_events": round((cpu1 - cpu0) / max(events, 1) * 1e6, 1),
        "cpu_s_total": round(cpu_total, 2),
        "cpu_utilisation": round((cpu1 - cpu0) / secs, 2),
        "peak_rss_mb": round(rss_kb / 1024, 1),
        "alerts_published": int(value(s, "herald_alerts_published_total")),
        "dead_lettered": int(value(s, "herald_events_dead_lettered_total")),
        "shadow_alerts": int(value(s, "herald_shadow_alerts_total")),
        "exit_code": rc,
        "herald_summary": summary,
    }
    for name, key in (("herald_event_to_alert_latency_seconds", "event_to_alert"),
                      ("herald_consume_to_alert_latency_seconds", "consume_to_alert")):
        b = buckets(s, name)
        for q in (0.5, 0.99):
            v = histogram_quantile(q, b)
            result[f"{key}_p{int(q * 100)}_ms"] = None if v is None else round(v * 1000, 3)
    result["stages"] = stage_means(s, processed=processed)
    result["waits"] = wait_quantiles(s)
    result["thread_cpu_s"] = threads
    c2a_count = value(s, "herald_consume_to_alert_latency_seconds_count")
    if c2a_count:
        result["consume_to_alert_mean_ms"] = round(value(s, "herald_consume_to_alert_latency_seconds_sum") /
                                                   c2a_count * 1000, 3)
    window = [v for t, v in herald.inflight if t0 <= t <= t1]
    if window and not pass_through:
        # Little's law: an event's mean time in herald is the mean in-flight count over the throughput.
        mean_inflight = sum(window) / len(window)
        result["inflight_mean"] = round(mean_inflight, 1)
        result["littles_law_wait_ms"] = round(mean_inflight / max(events / secs, 1e-6) * 1000, 3)
    return result


def log(msg):
    print(f"[e2e] {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- modes
def run_preproduced(args, feed, pass_through, extra=None):
    parts = args.preproduced_partitions or max(args.partitions,
                                               math.ceil(feed.bytes / PARTITION_BUDGET_BYTES * 1.3))
    broker = Broker(args.tools, parts)
    herald = None
    try:
        # A random partitioner spreads events evenly; rules are stateless, so per-key order is moot.
        stamped = feed.write_stamped(os.path.join(args.workdir, "preproduced.ndjson"), 0, len(feed.lines))
        out = subprocess.run([args.tools, "replay", "--brokers", broker.bootstrap, "--input", stamped,
                              "--topic", "news", "--speed", "max", "--kafka", "partitioner=random"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if out.returncode != 0:
            raise BenchError(f"herald replay failed ({out.returncode}): {out.stderr.strip()}")
        os.remove(stamped)
        herald = Herald(args, broker.bootstrap, pass_through, extra)
        perf = None
        if args.perf and not pass_through:  # sample herald's CPU while it works off the backlog
            perf = subprocess.Popen(["perf", "record", "-g", "-F", "999", "-o", args.perf, "-p", str(herald.proc.pid)],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        start = (time.monotonic(), proc_cpu_seconds(herald.proc.pid))
        first, last = measure(herald, len(feed.lines), args.timeout, start)
        if perf:
            perf.send_signal(signal.SIGINT)
            if perf.wait(30) != 0:
                log(f"perf record failed: {perf.stderr.read().decode().strip()}")
        result = finish(herald, args, len(feed.lines), first, last, feed, pass_through)
        result["partitions"] = parts
        result["broker_cpu_s"] = round(proc_cpu_seconds(broker.proc.pid), 2)
        return result
    finally:
        if herald:
            herald.proc.kill()
        broker.close()


def run_streaming(args, feed, pass_through, extra=None):
    share = feed.max_key_share(args.partitions)
    avg = feed.bytes / len(feed.lines)
    # The backlog (produced - processed) must fit the fullest partition's budget.
    max_backlog = max(200, int(PARTITION_BUDGET_BYTES / (avg * share)))
    chunk = max(100, max_backlog // 2)
    broker = Broker(args.tools, args.partitions)
    herald = None
    feeder_error = []
    replay_cpu = [0.0]
    try:
        herald = Herald(args, broker.bootstrap, pass_through, extra)
        herald.wait_ready(60)

        def feeder():
            try:
                produced = 0
                for i in range(0, len(feed.lines), chunk):
                    size = min(chunk, len(feed.lines) - i)
                    wait_for(lambda: produced - herald.processed() <= max_backlog - size, args.timeout,
                             "herald to work off the backlog")
                    path = feed.write_stamped(os.path.join(args.workdir, "chunk.ndjson"), i, i + size)
                    t = os.times()
                    out = subprocess.run([args.tools, "replay", "--brokers", broker.bootstrap, "--input", path,
                                          "--topic", "news", "--speed", "max"],
                                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                    u = os.times()
                    replay_cpu[0] += (u.children_user - t.children_user) + (u.children_system - t.children_system)
                    if out.returncode != 0:
                        raise BenchError(f"herald replay {path} failed ({out.returncode}): {out.stderr.strip()}")
                    produced += size
            except Exception as e:  # reported by the main thread
                feeder_error.append(e)

        start = (time.monotonic(), proc_cpu_seconds(herald.proc.pid))
        thread = threading.Thread(target=feeder, daemon=True)
        thread.start()
        try:
            first, last = measure(herald, len(feed.lines), args.timeout, start)
        except BenchError:
            if feeder_error:
                raise feeder_error[0]
            raise
        thread.join(30)
        if feeder_error:
            raise feeder_error[0]
        result = finish(herald, args, len(feed.lines), first, last, feed, pass_through)
        result.update({"partitions": args.partitions, "max_backlog_events": max_backlog, "chunk_events": chunk,
                       "fullest_partition_share": round(share, 3),
                       "broker_cpu_s": round(proc_cpu_seconds(broker.proc.pid), 2),
                       "replay_cpu_s": round(replay_cpu[0], 2)})
        return result
    finally:
        if herald:
            herald.proc.kill()
        broker.close()


def latency_n_and_warm(args, feed, rate):
    """Events to send and how many of the first are warm-up (left out of the figures)."""
    n = min(len(feed.lines), args.latency_events or max(1000, int(rate * args.latency_seconds)))
    return n, max(1, min(n // 5, int(rate * args.warmup_seconds)))


class PacedSender:
    """Publishes feed lines into `news` at a fixed rate with confluent-kafka. No timestamp is given:
    librdkafka stamps each message at produce(), i.e. the send time."""

    def __init__(self, bootstrap, feed, rate, mode):
        try:
            from confluent_kafka import Producer
        except ImportError:
            raise BenchError(f"the {mode} mode needs python3-confluent-kafka (scripts/setup.sh installs it); "
                             f"run it with /usr/bin/python3 or leave '{mode}' out of --modes")
        self.feed, self.rate, self.errors = feed, rate, []
        self.producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 0, "enable.idempotence": True,
                                  "socket.nagle.disable": True, "log_level": 3})

    def _on_delivery(self, err, _msg):
        if err is not None:
            self.errors.append(err)

    def send(self, first, last):
        """Sends lines [first, last) at the rate, waits for every acknowledgement; returns the seconds taken."""
        producer, feed, rate = self.producer, self.feed, self.rate
        t0 = time.monotonic()
        i = first
        while i < last:
            due = min(last, first + int((time.monotonic() - t0) * rate) + 1)
            while i < due:
                try:
                    producer.produce("news", value=feed.lines[i], key=feed.keys[i] or None,
                                     on_delivery=self._on_delivery)
                    i += 1
                except BufferError:
                    producer.poll(0.001)
            producer.poll(0)
            delay = t0 + (i - first) / rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
        secs = time.monotonic() - t0
        if producer.flush(60) != 0 or self.errors:
            raise BenchError(f"paced producer: {len(self.errors)} delivery errors, e.g. {self.errors[:1]}")
        return secs


def run_latency(args, feed, rate, extra):
    n, warm = latency_n_and_warm(args, feed, rate)
    # Warm-up traffic, left out of the figures: start-up costs (first fetches, page faults, the
    # alerts topic's first produce) are not steady-state latency.
    broker = Broker(args.tools, args.partitions)
    herald = None
    try:
        herald = Herald(args, broker.bootstrap, False, extra)
        herald.wait_ready(60)
        # Herald's event-to-alert histogram measures producer client + broker + herald + alert acknowledgement.
        sender = PacedSender(broker.bootstrap, feed, rate, "latency")

        def settle(count):
            """Waits until herald processed `count` events and acknowledged every alert they cause."""
            alerts = sum(feed.alerts_by_event.get(x, 0) for x in feed.ids[:count])
            wait_for(lambda: herald.processed() >= count, args.timeout, f"herald to process {count} paced events")
            wait_for(lambda: value(herald.samples(), "herald_alerts_published_total") >= alerts, 60,
                     f"herald to publish the {alerts} alerts of the first {count} events")
            return herald.samples(), proc_cpu_seconds(herald.proc.pid), time.monotonic()

        sender.send(0, warm)
        s0, cpu0, t0 = settle(warm)
        threads0 = thread_cpu_seconds(herald.proc.pid)
        send_secs = sender.send(warm, n)
        s1, cpu1, t1 = settle(n)
        threads1 = thread_cpu_seconds(herald.proc.pid)
        measured = n - warm
        result = {"herald_args": " ".join(extra), "target_rate": round(rate, 1),
                  "achieved_rate": round(measured / send_secs, 1), "events": measured, "warmup_events": warm,
                  "cpu_s_per_1m_events": round((cpu1 - cpu0) / measured * 1e6, 1),
                  "cpu_utilisation": round((cpu1 - cpu0) / (t1 - t0), 2),
                  "peak_rss_mb": round(proc_status_kb(herald.proc.pid, "VmHWM") / 1024, 1),
                  "alerts_published": int(value(s1, "herald_alerts_published_total") -
                                          value(s0, "herald_alerts_published_total"))}
        def delta_buckets(name, **labels):
            before = dict(buckets(s0, name, **labels))
            return [(le, c - before.get(le, 0)) for le, c in buckets(s1, name, **labels)]

        for name, key in (("herald_event_to_alert_latency_seconds", "event_to_alert"),
                          ("herald_consume_to_alert_latency_seconds", "consume_to_alert")):
            delta = delta_buckets(name)
            result[f"{key}_count"] = int(delta[-1][1]) if delta else 0
            for q in (0.5, 0.9, 0.99):
                v = histogram_quantile(q, delta)
                result[f"{key}_p{int(q * 100)}_ms"] = None if v is None else round(v * 1000, 3)
        # Where consume-to-alert went: the waits around the stages and the stages' means, from
        # herald's histograms over the measured events (bucket resolution for the quantiles).
        waits = {}
        for wait in ("queue", "delivery"):
            delta = delta_buckets("herald_wait_duration_seconds", wait=wait)
            if delta and delta[-1][1] > 0:
                waits[wait] = {f"p{int(q * 100)}_ms": round(histogram_quantile(q, delta) * 1000, 3) for q in (0.5, 0.99)}
        result["waits"] = waits
        result["stages"] = stage_means(s1, before=s0)
        result["thread_cpu_s"] = thread_cpu_split(threads0, threads1)
        rc = herald.proc.stop()
        if rc != 0:
            raise BenchError(f"herald run exited with {rc} after SIGTERM (expected 0)")
        result["exit_code"] = rc
        result["broker_cpu_s"] = round(proc_cpu_seconds(broker.proc.pid), 2)
        return result
    finally:
        if herald:
            herald.proc.kill()
        broker.close()


def run_floor(args, feed, rate):
    """The input path without herald: the same producer, broker, partitions, rate and consumer
    settings, read by confluent-kafka (floor_consumer.py). Event-to-receive latency here is what
    event-to-alert cannot go below on this machine, whatever herald does."""
    n, warm = latency_n_and_warm(args, feed, rate)
    broker = Broker(args.tools, args.partitions)
    reader = None
    try:
        reader = Process([sys.executable, os.path.join(HERE, "floor_consumer.py"), broker.bootstrap, str(n), str(warm),
                          str(args.fetch_wait_ms), str(args.timeout + 60)], "floor consumer")
        wait_for(lambda: "ready" in reader.stdout_lines or reader.check_alive(), 60,
                 "the floor consumer to get its partitions")
        sender = PacedSender(broker.bootstrap, feed, rate, "floor")
        send_secs = sender.send(0, n)
        def finished():
            if len(reader.stdout_lines) > 1:
                return True
            if reader.proc.poll() is None:
                return False
            # Exited: its last line may still be in the pipe; a non-zero exit is a failure.
            if reader.proc.returncode != 0:
                reader.check_alive()
            return wait_for(lambda: len(reader.stdout_lines) > 1, 5, "the floor consumer's result line")
        wait_for(finished, args.timeout, f"the floor consumer to read {n} events")
        got = json.loads(reader.stdout_lines[-1])
        if got["received"] < n:
            raise BenchError(f"the floor consumer read {got['received']} of {n} events before its deadline")
        result = {"target_rate": round(rate, 1), "achieved_rate": round(n / send_secs, 1), "events": got["measured"],
                  "warmup_events": warm}
        for key in ("p50_ms", "p90_ms", "p99_ms", "max_ms"):
            result[f"event_to_receive_{key}"] = got.get(key)
        return result
    finally:
        if reader:
            reader.proc.kill()
        broker.close()


# --------------------------------------------------------------------------- report
def fmt(v, spec="{:,.0f}"):
    return "-" if v is None else spec.format(v)


def table(results):
    rows = [("run", "events/s", "MB/s", "e2a p50 ms", "e2a p99 ms", "c2a p50 ms", "c2a p99 ms",
             "CPU s/1M", "RSS MB", "alerts")]
    for mode in ("preproduced", "streaming"):
        for kind in ("normal", "shadow", "pass_through"):
            r = results.get(mode, {}).get(kind)
            if not r:
                continue
            rows.append((f"{mode} {kind}", fmt(r["events_per_s"]), fmt(r["mb_per_s"], "{:.1f}"),
                         fmt(r["event_to_alert_p50_ms"], "{:.1f}"), fmt(r["event_to_alert_p99_ms"], "{:.1f}"),
                         fmt(r["consume_to_alert_p50_ms"], "{:.1f}"), fmt(r["consume_to_alert_p99_ms"], "{:.1f}"),
                         fmt(r["cpu_s_per_1m_events"], "{:.1f}"), fmt(r["peak_rss_mb"], "{:.1f}"),
                         fmt(r["alerts_published"])))
    for key in ("latency", "latency_repeat"):
        lat = results.get(key)
        if not lat:
            continue
        rows.append((f"{key} @ {lat['achieved_rate']:,.0f}/s", fmt(lat["achieved_rate"]), "-",
                     fmt(lat["event_to_alert_p50_ms"], "{:.2f}"), fmt(lat["event_to_alert_p99_ms"], "{:.2f}"),
                     fmt(lat["consume_to_alert_p50_ms"], "{:.2f}"), fmt(lat["consume_to_alert_p99_ms"], "{:.2f}"),
                     fmt(lat["cpu_s_per_1m_events"], "{:.1f}"), fmt(lat["peak_rss_mb"], "{:.1f}"),
                     fmt(lat["alerts_published"])))
    floor = results.get("floor")
    if floor:  # event-to-receive without herald, in the event-to-alert columns
        rows.append((f"floor (no herald) @ {floor['achieved_rate']:,.0f}/s", fmt(floor["achieved_rate"]), "-",
                     fmt(floor["event_to_receive_p50_ms"], "{:.2f}"), fmt(floor["event_to_receive_p99_ms"], "{:.2f}"),
                     "-", "-", "-", "-", "-"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
             for r in rows]
    lines.insert(1, "-" * len(lines[0]))
    for mode in ("preproduced", "streaming"):
        ratio = results.get(mode, {}).get("ratio_normal_to_pass_through")
        if ratio is not None:
            lines.append(f"{mode}: normal / pass-through = {ratio:.2f}")
        ratio = results.get(mode, {}).get("ratio_shadow_to_normal")
        if ratio is not None:
            lines.append(f"{mode}: with shadow rules / normal = {ratio:.2f} "
                         f"({results[mode]['shadow']['shadow_alerts']:,} shadow alerts)")
    throughput = [(f"{mode} normal", results.get(mode, {}).get("normal")) for mode in ("preproduced", "streaming")]
    for key, lat in throughput + [(k, results.get(k)) for k in ("latency", "latency_repeat")]:
        # Where herald's consume-to-alert time went.
        if not lat or not lat.get("waits"):
            continue
        parts = [f"{w} wait p50/p99 {fmt(v.get('p50_ms'), '{:.2f}')}/{fmt(v.get('p99_ms'), '{:.2f}')} ms"
                 for w, v in lat["waits"].items()]
        parts += [f"{st} mean {v['us_per_call']:.0f} us" for st, v in lat.get("stages", {}).items()]
        if lat.get("thread_cpu_s"):
            th = lat["thread_cpu_s"]
            parts.append("CPU s by herald thread " + "/".join(f"{c:.2f}" for c in th["herald_threads"]) +
                         f", librdkafka {th['librdkafka']:.2f}")
        if lat.get("littles_law_wait_ms") is not None:
            parts.append(f"in flight mean {lat['inflight_mean']:,.0f} -> Little's law "
                         f"{lat['littles_law_wait_ms']:.0f} ms (c2a mean {fmt(lat.get('consume_to_alert_mean_ms'), '{:.0f}')} ms)")
        lines.append(f"{key}: " + ", ".join(parts))
    return "\n".join(lines)


def git_commit():
    """The checkout's commit for the results file; "unknown" without git or outside a checkout
    (a fresh machine may have neither: the benchmark itself does not need them)."""
    try:
        out = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
        if out.returncode != 0:
            return "unknown (not a git checkout)"
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no", "src", "include"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout.strip()
    except OSError:
        return "unknown (git is not installed)"
    return out.stdout.strip() + ("+dirty" if dirty else "")


# --------------------------------------------------------------------------- main
def parse_args(argv):
    p = argparse.ArgumentParser(description="End-to-end throughput and latency benchmark of herald run.")
    p.add_argument("--events", type=int, default=100_000, help="events in the feed (default 100000)")
    p.add_argument("--partitions", type=int, default=48, help="partitions of 'news' in streaming and latency "
                   "modes (default 48)")
    p.add_argument("--preproduced-partitions", type=int, default=0, help="partitions in preproduced mode "
                   "(default: enough that each holds < 3.5 MB, at least --partitions)")
    p.add_argument("--workers", type=int, default=0, help="herald run --workers (default: herald's, = cores)")
    p.add_argument("--herald", default=os.path.join(ROOT, "build", "herald"), help="herald binary")
    p.add_argument("--tools", metavar="PATH", help="herald binary for the broker and the feeders (`herald broker`, "
                   "`herald replay`; default: --herald): comparing two --herald binaries with the same --tools "
                   "changes only `herald run`")
    p.add_argument("--rules", default=os.path.join(HERE, "rules.yaml"), help="rules file (default bench/e2e/rules.yaml)")
    p.add_argument("--shadow-rules", metavar="FILE", help="also run the throughput modes with these shadow "
                   "rules (e.g. bench/e2e/shadow-rules.yaml, the rules changed, same size) and report shadow / normal")
    p.add_argument("--modes", default="preproduced,streaming,latency,floor",
                   help="comma-separated subset of preproduced,streaming,latency,floor")
    p.add_argument("--rate", default="auto", help="latency mode: events/s, or auto = half the best normal-mode "
                   "rate measured in this invocation")
    p.add_argument("--latency-seconds", type=float, default=20, help="latency mode: seconds of paced traffic "
                   "(default 20, capped by --events)")
    p.add_argument("--warmup-seconds", type=float, default=3, help="latency mode: seconds of paced traffic "
                   "sent first and left out of the figures (default 3, at most a fifth of the events)")
    p.add_argument("--fetch-wait-ms", type=int, default=1, help="herald's consumer fetch.wait.max.ms "
                   "(default 1; see the note in Herald)")
    p.add_argument("--latency-events", type=int, default=0, help="latency mode: events to send (overrides "
                   "--latency-seconds)")
    p.add_argument("--seed", type=int, default=1, help="feed generator seed (default 1)")
    p.add_argument("--notable-fraction", type=float, default=0.05, help="alert-worthy fraction (default 0.05)")
    p.add_argument("--workdir", default="/tmp/herald-e2e", help="cache for generated feeds (default /tmp/herald-e2e)")
    p.add_argument("--output", default=os.path.join(HERE, "results.json"), help="JSON results file")
    p.add_argument("--timeout", type=float, default=0, help="deadline per wait in seconds (default 120 + events/500)")
    p.add_argument("--herald-arg", action="append", default=[], metavar="ARG",
                   help="extra argument for every herald run (repeatable), e.g. --herald-arg=--batch-size=256")
    p.add_argument("--perf", metavar="FILE", help="record a perf profile of herald during the preproduced "
                   "normal run (then: perf report -i FILE --stdio --sort dso,symbol)")
    p.add_argument("--keep-going", action="store_true", help="report a failed run and continue with the others")
    args = p.parse_args(argv)
    args.modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    bad = [m for m in args.modes if m not in ("preproduced", "streaming", "latency", "floor")]
    if bad:
        p.error(f"--modes: unknown mode {bad[0]!r}; use preproduced, streaming, latency, floor")
    if args.events < 100:
        p.error("--events must be at least 100")
    if args.rate != "auto":
        try:
            args.rate = float(args.rate)
        except ValueError:
            p.error(f"--rate {args.rate!r} must be a number of events/s or auto")
        if args.rate <= 0:
            p.error("--rate must be positive")
    elif {"latency", "floor"} & set(args.modes) and not {"preproduced", "streaming"} & set(args.modes):
        p.error("--rate auto needs a throughput mode in --modes; give --rate EVENTS_PER_S")
    if not os.access(args.herald, os.X_OK):
        p.error(f"--herald {args.herald}: not an executable; build it with "
                "`cmake --build build --target herald` or pass --herald PATH")
    args.tools = args.tools or args.herald
    if not os.access(args.tools, os.X_OK):
        p.error(f"--tools {args.tools}: not an executable")
    args.timeout = args.timeout or 120 + args.events / 500
    os.makedirs(args.workdir, exist_ok=True)
    return args


def main(argv):
    args = parse_args(argv)
    started = time.time()
    load_before = loadavg()
    feed = Feed(args)
    log(f"feed: {len(feed.lines)} events, {feed.bytes / MB:.1f} MB ({feed.bytes / len(feed.lines):.0f} B/event), "
        f"{feed.alerting_events} alerting ({feed.alerting_events / len(feed.lines):.1%}), "
        f"{feed.expected_alerts} alerts predicted by herald analyze")
    results = {}
    failures = []

    def attempt(label, fn, *a):
        log(f"{label} ...")
        try:
            r = fn(*a)
            log(f"{label}: " + ", ".join(f"{k}={v}" for k, v in r.items() if not isinstance(v, (dict, str))))
            return r
        except (BenchError, subprocess.SubprocessError, OSError) as e:
            failures.append(f"{label}: {e}")
            log(f"{label} FAILED: {e}")
            if not args.keep_going:
                raise
            return None

    try:
        for mode, fn in (("preproduced", run_preproduced), ("streaming", run_streaming)):
            if mode not in args.modes:
                continue
            normal = attempt(f"{mode} normal", fn, args, feed, False)
            shadow = None
            if args.shadow_rules:
                shadow = attempt(f"{mode} normal + shadow rules", fn, args, feed, False,
                                 ["--shadow-rules", args.shadow_rules, "--shadow-topic", "alerts.shadow"])
            passthru = attempt(f"{mode} pass-through", fn, args, feed, True)
            entry = {"normal": normal, "pass_through": passthru}
            if shadow:
                entry["shadow"] = shadow
                if normal:
                    entry["ratio_shadow_to_normal"] = round(shadow["events_per_s"] / normal["events_per_s"], 3)
                if shadow["alerts_published"] != feed.expected_alerts:
                    failures.append(f"{mode} shadow: {shadow['alerts_published']} live alerts published, "
                                    f"herald analyze predicts {feed.expected_alerts}")
            if normal and passthru:
                entry["ratio_normal_to_pass_through"] = round(normal["events_per_s"] / passthru["events_per_s"], 3)
                if normal["alerts_published"] != feed.expected_alerts:
                    failures.append(f"{mode} normal: {normal['alerts_published']} alerts published, "
                                    f"herald analyze predicts {feed.expected_alerts}")
            results[mode] = entry
        if {"latency", "floor"} & set(args.modes):
            rate = args.rate
            if rate == "auto":
                best = [results[m]["normal"]["events_per_s"] for m in ("preproduced", "streaming")
                        if results.get(m, {}).get("normal")]
                rate = max(best) / 2 if best else None
            # Herald's defaults, then its alerts producer without batching delay (linger.ms=5 by default).
            # Two runs with herald's defaults (the second shows the run-to-run spread), then the floor.
            for key in ("latency", "latency_repeat"):
                if rate and "latency" in args.modes:
                    results[key] = attempt(f"{key} at {rate:,.0f} events/s", run_latency, args, feed, rate, [])
            if rate and "floor" in args.modes:
                results["floor"] = attempt(f"floor at {rate:,.0f} events/s", run_floor, args, feed, rate)
    except BenchError:
        pass  # already logged; the report below still says what ran

    report = {
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "duration_s": round(time.time() - started, 1),
        "herald": args.herald, "commit": git_commit(),
        "machine": {"cores": os.cpu_count(), "loadavg_before": load_before, "loadavg_after": loadavg()},
        "feed": {"events": len(feed.lines), "bytes": feed.bytes, "avg_event_bytes": round(feed.bytes / len(feed.lines)),
                 "alerting_events": feed.alerting_events,
                 "alerting_fraction": round(feed.alerting_events / len(feed.lines), 4),
                 "expected_alerts": feed.expected_alerts, "seed": args.seed,
                 "notable_fraction": args.notable_fraction, "rules": os.path.relpath(args.rules, ROOT)},
        "workers": args.workers or "default",
        "herald_run_args": GROUP_SETTINGS + ["--consumer", f"fetch.wait.max.ms={args.fetch_wait_ms}"] + args.herald_arg,
        "results": results,
        "failures": failures,
    }
    with open(args.output, "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")
    print(table(results))
    if failures:
        print("\nFAILED:\n  " + "\n  ".join(failures))
    print(f"\nresults: {args.output}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
