"""Shadow rules in `herald run` (issue 17 item 2): a candidate rule set evaluated beside the live
rules, published to its own topic.

- published and correct: the shadow topic holds exactly the alerts `herald analyze` predicts for
  the shadow file, and the live topic exactly those of the live file;
- hot reload: a bad shadow file keeps the previous shadow rules, a good one replaces them (the
  next events' shadow alerts are the new file's);
- live alerts byte-identical with and without shadow rules (same key, headers and JSON but
  detected_at), compared against a second run without --shadow-rules over the same input;
- failure isolation, under exactly-once: a shadow file missing at start, then a shadow producer
  that reaches no broker: every live alert is published and committed, no transaction aborts,
  the failures are counted, and SIGTERM exits 0;
- topic names checked against each other at start (exit 2, one line).

The rules are stateless (no windows or cooldowns), so the offline prediction holds however the
events spread over partitions.

usage: shadow_test.py HERALD_BINARY SOURCE_DIR WORK_DIR"""
import json
import os
import re
import shutil
import subprocess
import sys
import time

import herald_harness as h

herald, src, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
live_rules = os.path.join(src, "tests", "integration", "pipeline", "pipeline-rules.yaml")

SHADOW_1 = """rules:
  - id: revenue-growth-surge
    severity: warning
    when: metric("revenue").change.percent >= 20%
    summary: "{entity} revenue growth {metric.change.percent}%"
  - id: strongly-negative-news
    severity: critical
    when: sentiment.score <= -0.5
    summary: "{key} strongly negative news ({sentiment.score})"
  - id: guidance-cut-headline
    severity: warning
    when: headline contains "cut" and headline contains "guidance"
    summary: "{key} guidance cut"
  - id: clearly-positive
    severity: info
    when: sentiment.score >= 0.5
    summary: "{key} positive news ({sentiment.label})"
"""
SHADOW_2 = """rules:
  - id: mildly-negative
    severity: info
    when: sentiment.score <= -0.3
    summary: "{key} negative news ({sentiment.score})"
"""
BAD = "rules:\n  - id: broken\n    when: sentiment.score <=\n"


def write(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)  # one mtime change, never a half-written file


def batch(name, seed, count):
    """A generated feed whose event ids start with `name`; its path and its Kafka records."""
    gen = subprocess.run([sys.executable, os.path.join(src, "tools", "gen_events.py"), "--count", str(count),
                          "--seed", str(seed), "--size", "short", "--notable-fraction", "0.1"],
                         capture_output=True, text=True, check=True)
    events = []
    for line in gen.stdout.splitlines():
        if line.strip():
            e = json.loads(line)
            e["id"] = f"{name}-{e['id']}"
            events.append(e)
    path = os.path.join(work, f"{name}.ndjson")
    with open(path, "w") as f:
        f.write("".join(json.dumps(e) + "\n" for e in events))
    records = [(((e.get("tickers") or [""])[0]).encode(), json.dumps(e).encode(), None) for e in events]
    return path, records


def predicted(rules_text_or_path, feed):
    path = rules_text_or_path
    if "\n" in rules_text_or_path:
        path = os.path.join(work, f"rules-{abs(hash(rules_text_or_path))}.yaml")
        write(path, rules_text_or_path)
    return {a["alert_id"]: a for a in h.herald_analyze_alerts(herald, path, feed)}


def alerts_of(messages, prefix=None):
    out = {}
    for m in messages:
        a = json.loads(m.value())
        if prefix is None or a["event_id"].startswith(prefix):
            out[a["alert_id"]] = a
    return out


def check_same(what, got, want):
    missing, extra = set(want) - set(got), set(got) - set(want)
    assert not missing and not extra, (f"{what}: {len(missing)} missing, {len(extra)} extra of {len(want)}: "
                                       f"missing {[want[i]['rule'] for i in list(missing)[:5]]}, "
                                       f"extra {[got[i]['rule'] for i in list(extra)[:5]]}")
    for i, a in want.items():
        for field in ("rule", "key", "severity", "event_id", "summary"):
            assert got[i][field] == a[field], f"{what}: alert {i} {field}: {got[i][field]!r} != {a[field]!r}"
    print(f"{what}: {len(got)} alerts as predicted")


def stripped(value):
    return re.sub(rb'"detected_at":"[^"]*",?', b"", value)


def live_bytes(messages):
    """alert id -> (key, headers, JSON without detected_at): what must not change with a shadow."""
    out = {}
    for m in messages:
        headers = tuple(sorted((k, v) for k, v in (m.headers() or [])))
        out[dict(headers)["herald-alert-id"]] = (m.key(), headers, stripped(m.value()))
    return out


def eos_done(run, port, events, alerts, what):
    def done():
        assert run.proc.poll() is None, "herald exited:\n" + "\n".join(run.stderr_lines[-20:])
        text = h.scrape(port)
        return (h.metric_sum(text, "herald_events_processed_total") >= events
                and h.metric_values(text, "herald_transactions_total")['{result="commit"}'] >= 1)
    h.wait_for(done, 120, what)
    h.read_all(bootstrap, "alerts.eos", alerts, seconds=60)


# --- topic names at start: exit 2, one line
for extra, needle in ((["--shadow-rules", live_rules, "--shadow-topic", "news"], "--shadow-topic 'news'"),
                      (["--shadow-rules", live_rules, "--shadow-topic", "alerts"], "--alerts-topic"),
                      (["--shadow-rules", live_rules, "--shadow-topic", "news.dlq"], "--dlq-topic"),
                      (["--shadow-topic", "alerts.shadow"], "need --shadow-rules")):
    r = subprocess.run([herald, "run", "--brokers", "127.0.0.1:9", "--rules", live_rules, *extra],
                       capture_output=True, text=True, timeout=30)
    lines = r.stderr.strip().splitlines()
    assert r.returncode == 2 and len(lines) == 1 and needle in lines[0], f"{extra}: exit {r.returncode}: {r.stderr}"
print("topic names: checked at start, exit 2 with one line")

feed1, records1 = batch("b1", 31, 1500)
feed2, records2 = batch("b2", 32, 1000)
feed3, records3 = batch("b3", 33, 500)
live1, live2, live3 = predicted(live_rules, feed1), predicted(live_rules, feed2), predicted(live_rules, feed3)
shadow1, shadow2, shadow3 = predicted(SHADOW_1, feed1), predicted(SHADOW_2, feed2), predicted(SHADOW_1, feed3)
assert len(shadow1) >= 20 and len(shadow2) >= 10 and len(live1) >= 10, (len(shadow1), len(shadow2), len(live1))
assert set(shadow1) != set(live1), "the shadow file must differ from the live one in what it fires"

broker, bootstrap = h.start_broker(herald, "news:4,alerts:2,news.dlq:1,alerts.shadow:2,alerts.plain:2,alerts.eos:2")
run = None
try:
    # --- shadow alerts published and correct; hot reload
    shadow_file = os.path.join(work, "shadow.yaml")
    write(shadow_file, SHADOW_1)
    run, port = h.start_run(herald, bootstrap, live_rules, ["--group", "with-shadow", "--shadow-rules", shadow_file,
                                                            "--shadow-topic", "alerts.shadow"])
    run.wait_stderr(r"reloaded 4 shadow rules from", 30)
    h.produce(bootstrap, "news", records1)
    h.wait_all_committed(bootstrap, "with-shadow", "news", run, port, 120, "batch 1 to be committed")
    check_same("live, batch 1", alerts_of(h.read_all(bootstrap, "alerts", len(live1))), live1)
    shadow_topic = h.TopicWatcher(bootstrap, "alerts.shadow")
    shadow_topic.until(lambda ms: len(ms) >= len(shadow1), 60, "the shadow alerts of batch 1")
    check_same("shadow, batch 1", alerts_of(shadow_topic.messages), shadow1)
    assert all(dict(m.headers())["herald-shadow"] == b"true" for m in shadow_topic.messages)
    text = h.scrape(port)
    assert h.metric_sum(text, "herald_shadow_alerts_total") == len(shadow1), text
    assert h.metric_values(text, "herald_shadow_rules_loaded") == {"": 4.0}
    assert h.metric_values(text, "herald_shadow_alerts_total").get(
        '{rule="clearly-positive",severity="info"}', 0) > 0

    write(shadow_file, BAD)
    run.wait_stderr(r"keeping the previous shadow rules: ", 30)
    write(shadow_file, SHADOW_2)
    run.wait_stderr(r"reloaded 1 shadow rules from", 30)
    h.produce(bootstrap, "news", records2)
    h.wait_all_committed(bootstrap, "with-shadow", "news", run, port, 120, "batch 2 to be committed")
    shadow_topic.until(lambda ms: len(ms) >= len(shadow1) + len(shadow2), 60, "the shadow alerts of batch 2")
    check_same("shadow after reload, batch 2", alerts_of(shadow_topic.messages, "b2-"), shadow2)
    shadow_topic.close()
    with_shadow = h.read_all(bootstrap, "alerts", len(live1) + len(live2))
    check_same("live, batch 2", alerts_of(with_shadow, "b2-"), live2)
    text = h.scrape(port)
    reloads = h.metric_values(text, "herald_shadow_rules_reloads_total")
    assert reloads['{result="ok"}'] == 2 and reloads['{result="error"}'] == 1, reloads
    assert run.stop() == 0, "herald run with shadow rules did not exit 0"
    summary = f"shadow rules: {len(shadow1) + len(shadow2)} alerts raised, {len(shadow1) + len(shadow2)} " \
              "acknowledged on 'alerts.shadow', 0 dropped"
    assert any(summary in l for l in run.stderr_lines), f"no '{summary}' in {run.stderr_lines[-5:]}"
    run = None

    # --- live alerts byte-identical without the shadow
    run, port = h.start_run(herald, bootstrap, live_rules, ["--group", "plain", "--alerts-topic", "alerts.plain"])
    h.wait_all_committed(bootstrap, "plain", "news", run, port, 120, "the run without shadow to commit")
    assert run.stop() == 0
    run = None
    a, b = live_bytes(with_shadow), live_bytes(h.read_all(bootstrap, "alerts.plain", len(with_shadow)))
    assert a == b, f"live alerts differ with shadow rules: {len(set(a) ^ set(b))} ids, " \
                   f"{sum(1 for i in set(a) & set(b) if a[i] != b[i])} contents"
    print(f"live alerts with and without shadow rules: {len(a)} byte-identical (but detected_at)")

    # --- failure isolation under exactly-once: no shadow file at start, then no shadow broker
    late_file = os.path.join(work, "late-shadow.yaml")
    run, port = h.start_run(herald, bootstrap, live_rules,
                            ["--group", "eos", "--alerts-topic", "alerts.eos", "--delivery", "exactly-once",
                             "--shadow-rules", late_file, "--shadow-producer", "bootstrap.servers=127.0.0.1:9",
                             "--shadow-producer", "message.timeout.ms=1500"])
    run.wait_stderr(r"no shadow rules until the file is fixed: ", 30)
    # The mock broker does not store transactional offset commits (docs/operations.md): progress
    # is read from the metrics and the read_committed alerts topic instead.
    eos_done(run, port, len(records1) + len(records2), len(live1) + len(live2), "live events without shadow rules")
    write(late_file, SHADOW_1)
    run.wait_stderr(r"reloaded 4 shadow rules from", 30)
    h.produce(bootstrap, "news", records3)
    eos_done(run, port, len(records1) + len(records2) + len(records3), len(live1) + len(live2) + len(live3),
             "batch 3 with an unreachable shadow")
    h.wait_for(lambda: h.metric_values(h.scrape(port), "herald_shadow_publish_total")['{result="failed"}'] > 0, 60,
               "shadow delivery failures to be counted")
    text = h.scrape(port)
    assert h.metric_sum(text, "herald_shadow_alerts_total") == len(shadow3), text
    assert h.metric_values(text, "herald_shadow_publish_total")['{result="acked"}'] == 0
    assert h.metric_values(text, "herald_transactions_total")['{result="abort"}'] == 0, "a shadow failure aborted"
    check_same("live under exactly-once with a failing shadow",
               alerts_of(h.read_all(bootstrap, "alerts.eos", len(live1) + len(live2) + len(live3))),
               {**live1, **live2, **live3})
    t0 = time.monotonic()
    assert run.stop() == 0, "herald run with a failing shadow did not exit 0"
    print(f"failing shadow: live complete, stop took {time.monotonic() - t0:.1f} s")
    run = None
    print("shadow test: ok")
except BaseException:
    if run is not None:
        print("herald's stderr (last 30 lines):\n" + "\n".join(run.stderr_lines[-30:]))
        run.kill()
    raise
finally:
    broker.kill()
