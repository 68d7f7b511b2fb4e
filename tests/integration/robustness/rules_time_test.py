"""Issue 20 items 5, 8 and 9 through a running `herald run` on the embedded broker:

A. event time and keys: a story dated 9999-12-31 (dead-lettered future_time) and one whose offset
   leaves the 4-digit years (invalid_value) do not silence their ticker; a late story (one minute
   before the key's last alert, cooldown 0) alerts; one event naming 20,000 tickers raises 100
   alerts (the default caps) at bounded CPU and RSS. Every alert equals the offline prediction of
   `herald analyze --rules --alerts --partitions 4`, which refuses the same lines.
B. rules reloads that must fail without harming the running rules, each at bounded CPU and RSS:
   10,000 rules sharing one id, a list of 20,000 YAML aliases of one rule, a window of
   15250284452w, a file over 4 MiB, 4 MB of nested brackets (570 MB to refuse before the
   structure limits). Events published after them raise exactly the predicted alerts.
C. a reload to `rules: []`: applied, one warning line, counted as result="empty".
The process stays up throughout, exits 0 on SIGTERM with every offset committed.

usage: rules_time_test.py HERALD_BINARY SOURCE_DIR WORK_DIR"""
import json
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "pipeline"))
import herald_harness as h  # noqa: E402

herald, src, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
PARTITIONS = 4
TICKERS_IN_BIG_EVENT = 20000
# Bounds: a quadratic key scan or diagnostics list costs seconds to minutes and gigabytes here.
CPU_BOUND_S = 5.0
RSS_BOUND_MB = 300  # deploy/k8s limits a pod to 512Mi

RULES = """rules:
  - id: every
    severity: info
    for: ticker
    when: key != "_"
  - id: daily
    severity: info
    for: ticker
    when: count(1d) >= 1
  - id: hourly
    severity: warning
    for: ticker
    when: count(1d) >= 1
    cooldown: 1h
"""
rules_path = os.path.join(work, "rules.yaml")


def write_rules(text):
    tmp = rules_path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, rules_path)  # a new mtime: the engine reloads within 250 ms


write_rules(RULES)
MINUTE = 60_000
base = (int(time.time() * 1000) - 2 * 86_400_000) // MINUTE * MINUTE  # two days ago: never "future"


def iso(ms):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ms / 1000)) + "Z"


def story(eid, ticker, ms, **extra):
    e = {"id": eid, "headline": f"{ticker} update {eid}", "tickers": [ticker], "published_at": iso(ms)}
    e.update(extra)
    return e


def phase_a():
    out = []
    for i in range(12):
        t = base + i * 10 * MINUTE
        for tk in ("ACME", "BOLT", "CORE"):
            out.append(story(f"{tk}-{i}", tk, t))
        if i == 3:
            out.append({"id": "ACME-future", "headline": "Acme, dated by a typo", "tickers": ["ACME"],
                        "published_at": "9999-12-31T00:00:00Z"})
            out.append({"id": "ACME-year-10000", "headline": "Acme, offset past the years", "tickers": ["ACME"],
                        "published_at": "9999-12-31T23:59:59-23:59"})
            big = story("MANY", "MANY0", t + 1)
            big["tickers"] = [f"MANY{n}" for n in range(TICKERS_IN_BIG_EVENT)]
            out.append(big)
        if i == 6:  # one minute before ACME-6's alerts
            out.append(story("ACME-late", "ACME", t - MINUTE))
    return out


def phase_b():
    return [story(f"{tk}-B{i}", tk, base + 3 * 3_600_000 + i * 10 * MINUTE) for i in range(6) for tk in ("ACME", "BOLT")]


def records(events):
    return [(e["tickers"][0].encode(), json.dumps(e).encode(), None) for e in events]


def predict(events, name):
    path = os.path.join(work, name)
    with open(path, "w") as f:
        f.write("".join(json.dumps(e) + "\n" for e in events))
    r = subprocess.run([herald, "analyze", "--rules", rules_path, "--alerts", "--partitions", str(PARTITIONS), path],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "future_time" in r.stderr and "invalid_value" in r.stderr, r.stderr[-2000:]
    return [json.loads(l) for l in r.stdout.splitlines() if l.strip()]


def comparable(alerts):
    return {a["alert_id"]: {k: v for k, v in a.items() if k not in ("detected_at", "source")} for a in alerts}


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


broker, bootstrap = h.start_broker(herald, f"news:{PARTITIONS},alerts:3,news.dlq:1")
run = None
try:
    run, port = h.start_run(herald, bootstrap, rules_path)
    pid = run.proc.pid
    alerts_seen = h.TopicWatcher(bootstrap, "alerts")

    # ---- A: event time and keys ---------------------------------------------------------------
    a_events = phase_a()
    cpu0 = cpu_seconds(pid)
    h.produce(bootstrap, "news", records(a_events))
    h.wait_for(lambda: h.metric_sum(h.scrape(port), "herald_events_processed_total") >= len(a_events), 120,
               f"herald to process {len(a_events)} events")
    cpu_a = cpu_seconds(pid) - cpu0
    want_a = comparable(predict(a_events, "feed-a.ndjson"))
    alerts_seen.until(lambda got: len(got) >= len(want_a), 60, f"{len(want_a)} alerts")
    got_a = comparable([json.loads(m.value()) for m in alerts_seen.messages])
    assert got_a == want_a, (f"live alerts differ from the offline prediction: missing {len(set(want_a) - set(got_a))}, "
                             f"extra {len(set(got_a) - set(want_a))}")
    by_event = {}
    for a in got_a.values():
        by_event.setdefault(a["event_id"], set()).add(a["rule"])
    for i in range(4, 12):  # after the 9999-12-31 story: not silenced, on every rule that can fire
        assert {"every", "daily"} <= by_event.get(f"ACME-{i}", set()), f"ACME-{i}: {by_event.get(f'ACME-{i}')}"
    assert "every" in by_event.get("ACME-late", set()) and "daily" in by_event["ACME-late"], by_event.get("ACME-late")
    many = sum(1 for a in got_a.values() if a["event_id"] == "MANY")
    assert many == 100, f"the 20,000-ticker event raised {many} alerts, expected the cap of 100"
    dlq = {json.loads(m.value())["id"]: dict(m.headers())["herald-error"].decode()
           for m in h.read_all(bootstrap, "news.dlq", expect_at_least=2)}
    assert dlq == {"ACME-future": "future_time", "ACME-year-10000": "invalid_value"}, dlq
    text = h.scrape(port)
    assert h.metric_sum(text, "herald_events_late_total") == 1, h.metric_values(text, "herald_events_late_total")
    caps = h.metric_values(text, "herald_rule_caps_hit_total")
    assert caps == {'{cap="alerts"}': 1.0, '{cap="keys"}': 1.0}, caps
    rss_a = peak_rss_mb(pid)
    assert cpu_a < CPU_BOUND_S and rss_a < RSS_BOUND_MB, f"phase A: {cpu_a:.2f} s CPU, peak RSS {rss_a:.0f} MB"
    print(f"A: {len(a_events)} events incl. 20,000 tickers in one: {cpu_a:.2f} s CPU, peak RSS {rss_a:.0f} MB; "
          f"{len(got_a)} alerts = offline prediction; future_time and invalid_value dead-lettered", flush=True)

    # ---- B: reloads that must fail without harming the running rules -----------------------------
    one_rule = "  - id: same\n    severity: info\n    when: sentiment.score > 0\n"
    bad_files = [
        ("10,000 rules sharing one id", "rules:\n" + one_rule * 10000),
        ("20,000 aliases of one rule",
         "rules:\n  - &r {id: same, severity: info, when: sentiment.score > 0}\n" + "  - *r\n" * 20000),
        ("window of 15250284452w", RULES.replace("count(1d)", "count(15250284452w)", 1)),
        ("4.5 MiB file", RULES + "# " + "x" * (9 << 19) + "\n"),
        ("4 MB of nested brackets", "rules: " + "[" * 2_000_000 + "]" * 2_000_000 + "\n"),
    ]
    for name, text in bad_files:
        before = h.metric_values(h.scrape(port), "herald_rules_reloads_total").get('{result="error"}', 0)
        cpu0 = cpu_seconds(pid)
        t0 = time.monotonic()
        write_rules(text)
        h.wait_for(lambda: h.metric_values(h.scrape(port), "herald_rules_reloads_total").get('{result="error"}', 0)
                   == before + 1, 60, f"the reload of the {name} to fail")
        took, cpu = time.monotonic() - t0, cpu_seconds(pid) - cpu0
        rss = peak_rss_mb(pid)
        assert run.proc.poll() is None, f"herald died reloading the {name}"
        assert cpu < CPU_BOUND_S and rss < RSS_BOUND_MB, f"{name}: {cpu:.2f} s CPU, peak RSS {rss:.0f} MB"
        print(f"B: reload of the {name} refused in {took:.2f} s, {cpu:.2f} s CPU, peak RSS {rss:.0f} MB", flush=True)
    run.wait_stderr(r"keeping the previous rules: .*larger than the maximum", 10)
    run.wait_stderr(r"keeping the previous rules: .*of the characters \[ \{ and , more than the maximum", 10)
    assert h.metric_values(h.scrape(port), "herald_rules_loaded") == {"": 3.0}
    # The running rules are intact: events after the failed reloads raise what the original rules predict.
    write_rules(RULES)  # the same rules again: an ok reload, state kept (same ids and definitions)
    h.wait_for(lambda: h.metric_values(h.scrape(port), "herald_rules_reloads_total").get('{result="ok"}', 0) == 1,
               30, "the good rules to reload")
    b_events = phase_b()
    h.produce(bootstrap, "news", records(b_events))
    want = comparable(predict(a_events + b_events, "feed-ab.ndjson"))
    alerts_seen.until(lambda got: len(got) >= len(want), 60, f"{len(want)} alerts")
    got = comparable([json.loads(m.value()) for m in alerts_seen.messages])
    assert got == want, f"after the failed reloads: missing {len(set(want) - set(got))}, extra {len(set(got) - set(want))}"
    print(f"B: {len(b_events)} events after the failed reloads: {len(got) - len(got_a)} alerts = offline prediction",
          flush=True)

    # ---- C: a reload to no rules at all ---------------------------------------------------------
    write_rules("rules: []\n")
    run.wait_stderr(r"warning: reloaded .* with no rules", 30)
    h.wait_for(lambda: h.metric_values(h.scrape(port), "herald_rules_reloads_total").get('{result="empty"}', 0) == 1,
               10, "result=empty to be counted")
    assert h.metric_values(h.scrape(port), "herald_rules_loaded") == {"": 0.0}
    print("C: reload to 'rules: []' applied, warned once, counted as result=\"empty\"", flush=True)

    assert run.proc.poll() is None, "herald died"
    assert run.stop() == 0, "herald run did not exit 0 on SIGTERM"
    run = None
    committed, high = h.committed_offsets(bootstrap, "herald", "news")
    assert committed == high, f"committed {committed} != end {high}"
    alerts_seen.close()
    print("1 passed, 0 failed")
finally:
    if run:
        print("\n".join(run.stderr_lines[-30:]), file=sys.stderr)
        run.kill()
    broker.kill()
