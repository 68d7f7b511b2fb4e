"""Outgoing messages larger than the producer accepts (issue 20 items 1, 2, 3 and 14), through
`herald run` on the embedded broker, in both delivery modes:

- alerts: a 600 KB ticker whose default summary repeats the key, a rule with a 2 MB description
  and no summary, `group_alerts: true` with an event naming 12,000 companies;
- dead letters: a 1.2 MB key, 200 KB of headers beside a 1 MB value, forged herald-* headers;
- an alert the broker refuses (MSG_SIZE_TOO_LARGE injected on herald's first produce request);
- topic settings that loop (--dlq-topic = --input-topic, ...): exit 2 with one line.

Each asserts: herald stays up and exits 0 on SIGTERM with every offset committed, the alerts
equal `herald analyze --alerts`'s prediction (bounded the same way offline), every message fits
message.max.bytes, bad messages are dead-lettered with their code, and nothing loops.
Before the fix herald exited 1 on the first oversized alert ("Message size too large"), and
accepted the looping topic settings.

usage: outgoing_limits_test.py HERALD_BINARY SOURCE_DIR WORK_DIR [ONLY: a part of the section names]"""
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "pipeline"))
import herald_harness as h  # noqa: E402

herald, src, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
MESSAGE_MAX = max((1 << 20) + 65536, 1000000)  # herald's default producer message.max.bytes
MARKER = " [truncated from "
failures = []


only = sys.argv[4] if len(sys.argv) > 4 else ""  # run only the sections whose name contains this


def section(name, fn, *args):
    """Runs one check; a failure is reported and the other checks still run (so a run against an
    unfixed herald shows every symptom)."""
    if only not in name:
        return
    try:
        fn(*args)
    except AssertionError as e:
        failures.append(name)
        print(f"FAILED {name}: {e}")

# ---- topic settings that loop: exit 2, one line, before any connection -------------------------
rules_path = os.path.join(work, "rules.yaml")
with open(rules_path, "w") as f:
    # The per-event caps raised so that one event's 12,000 companies all fire (the default keeps 100).
    f.write("group_alerts: true\nmax_keys_per_event: 20000\nmax_alerts_per_event: 20000\nrules:\n"
            "  - id: mention\n    severity: info\n    for: ticker\n    when: headline contains \"MENTION\"\n"
            "    description: named in the news\n"
            "  - id: long-description\n    severity: warning\n    when: headline contains \"LONGDESC\"\n"
            f"    description: \"{'word ' * 400_000}\"\n")


def check_config(flags, what):
    try:
        r = subprocess.run([herald, "run", "--brokers", "127.0.0.1:1", "--rules", rules_path, *flags],
                           capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"{flags}: accepted (still running after 30 s)")
    lines = [l for l in r.stderr.splitlines() if l.strip()]
    assert r.returncode == 2, f"{flags}: exit {r.returncode}, expected 2: {r.stderr[-500:]}"
    assert len(lines) == 1 and what in lines[0], f"{flags}: expected one line with '{what}': {lines}"
    print(f"{' '.join(flags)}: exit 2, one line: {lines[0]}")


for flags, what in [(["--dlq-topic", "news"], "is also the --input-topic"),
                    (["--alerts-topic", "news"], "is also the --input-topic"),
                    (["--alerts-topic", "x", "--dlq-topic", "x"], "are both 'x'"),
                    (["--kafka", "message.max.bytes=1000"], "below herald's minimum")]:
    section(f"config {' '.join(flags)}", check_config, flags, what)


# ---- the hostile inputs --------------------------------------------------------------------------
def ev(**fields):
    # published_at: offline and live then agree on event time (live would take the Kafka timestamp).
    return json.dumps({"published_at": "2026-10-05T12:30:00Z", **fields}).encode()


companies = [f"C{i:05d}" for i in range(12000)]
events = [  # (name, value): valid events, each with an id so offline and live ids agree
    ("600 KB ticker", ev(id="big-ticker", headline="MENTION a company with a long ticker", tickers=["T" * 600_000])),
    ("2 MB description", ev(id="long-description", headline="LONGDESC story")),
    ("12,000 companies", ev(id="many", headline="MENTION many companies", tickers=companies)),
    ("ordinary", ev(id="ordinary", headline="MENTION Amazon", tickers=["AMZN"])),
]
big_headers = [(f"h{i}", b"x" * 1000) for i in range(200)]
bad = [  # (name, key, value, headers, expected code)
    ("1.2 MB key", b"k" * 1_200_000, b"not json", [], "invalid_json"),
    ("200 KB headers and a 1 MB value", b"K", b'{"text":"' + b"a" * (1 << 20) + b'"}', big_headers, "too_large"),
    ("forged herald headers", b"F", b"{bad", [("herald-error", b"forged"), ("HERALD-source-topic", b"elsewhere")],
     "invalid_json"),
]
feed_path = os.path.join(work, "feed.ndjson")
with open(feed_path, "wb") as f:
    f.write(b"\n".join(v for _, v in events) + b"\n")
predicted = {a["alert_id"]: a for a in h.herald_analyze_alerts(herald, rules_path, feed_path)}
assert len(predicted) >= 4, f"the prediction has {len(predicted)} alerts"


def comparable(alert):
    return {k: v for k, v in alert.items() if k not in ("detected_at", "source")}


def alive(run):
    assert run.proc.poll() is None, f"herald exited ({run.proc.returncode}):\n" + "\n".join(run.stderr_lines[-20:])
    return True


def finish(bootstrap, run, port, delivery, group, news):
    """SIGTERM: exit 0, and (at-least-once) every offset committed. The embedded broker does not
    store transactional offsets, so under exactly-once the committed transactions are checked."""
    if delivery == "exactly-once":
        assert h.metric_values(h.scrape(port), "herald_transactions_total").get('{result="commit"}', 0) >= 1
    else:
        h.wait_all_committed(bootstrap, group, news, run, port, 60, f"{delivery}: every offset committed")
    assert run.stop() == 0, "herald run did not exit 0 on SIGTERM"


def latest(messages, key):
    """One message per key (the embedded broker shows copies from aborted transactions too)."""
    return {key(m): m for m in messages}


def check_hostile(bootstrap, delivery, topics):
    news, alerts_topic, dlq = topics
    group = f"g-{news}"
    records = [(None, v, [("case", n.encode())]) for n, v in events]
    records += [(k, v, hs + [("case", n.encode())]) for n, k, v, hs, _ in bad]
    h.produce(bootstrap, news, records)
    run, port = h.start_run(herald, bootstrap, rules_path, ["--input-topic", news, "--alerts-topic", alerts_topic,
                                                            "--dlq-topic", dlq, "--group", group,
                                                            "--delivery", delivery])
    alerts_seen, dlq_seen = h.TopicWatcher(bootstrap, alerts_topic), h.TopicWatcher(bootstrap, dlq)
    try:
        alerts_seen.until(lambda ms: alive(run) and set(predicted) <= {json.loads(m.value())["alert_id"] for m in ms},
                          180, f"{delivery}: every predicted alert")
        dlq_seen.until(lambda ms: alive(run) and len(latest(ms, lambda m: dict(m.headers())["case"])) >= len(bad),
                       120, f"{delivery}: every bad message dead-lettered")
        live = {}
        for m in alerts_seen.poll():
            a = json.loads(m.value())
            size = len(m.value()) + len(m.key() or b"") + sum(len(k) + len(v) for k, v in m.headers())
            assert size <= MESSAGE_MAX, f"alert {a['alert_id']}: {size} bytes > {MESSAGE_MAX}"
            assert m.key().decode() == a["key"], "the message key is not the alert's key"
            live[a["alert_id"]] = a
        assert live.keys() == predicted.keys(), (f"{delivery}: live {len(live)} alerts, predicted {len(predicted)}; "
                                                 f"extra {sorted(set(live) - set(predicted))[:5]}")
        for i, a in live.items():
            want = comparable(predicted[i])
            diff = {k: (str(v)[:200], str(want.get(k))[:200]) for k, v in comparable(a).items() if want.get(k) != v}
            assert not diff and len(want) == len(comparable(a)), f"alert {i} differs from the prediction: {diff}"
        big = [a for a in live.values() if a["event_id"] == "big-ticker"]
        assert len(big) == 1 and big[0]["truncated"] and MARKER in big[0]["key"] and MARKER in big[0]["summary"]
        desc = [a for a in live.values() if a["event_id"] == "long-description"]
        assert len(desc) == 1 and desc[0]["truncated"], desc
        cut = re.search(r"\[truncated from (\d+) bytes\]$", desc[0]["summary"])
        assert cut and int(cut.group(1)) > 2_000_000, desc[0]["summary"][-60:]

        def members(alerts):
            parts = [a for a in alerts if a["event_id"] == "many"]
            keys = [m["key"] for p in parts for m in p.get("grouped", [])] + [p["key"] for p in parts
                                                                             if "grouped" not in p]
            return parts, sorted(keys)
        parts, keys = members(live.values())
        assert keys == members(predicted.values())[1], "the group's members differ from the prediction"
        assert sorted(keys) == sorted(companies), f"{len(keys)} members of 12,000"
        assert len(parts) > 1, "12,000 members fit one message?"

        by_case = latest(dlq_seen.poll(), lambda m: dict(m.headers())["case"].decode())
        assert sorted(by_case) == sorted(n for n, *_ in bad), f"dead letters for {sorted(by_case)}"
        for m in by_case.values():
            hdrs = m.headers()
            size = len(m.value() or b"") + len(m.key() or b"") + sum(len(k) + len(v) for k, v in hdrs)
            assert size <= MESSAGE_MAX, f"dead letter of {size} bytes"
            assert hdrs[0][0] == "herald-error", f"first header {hdrs[0][0]}"
            own = [k for k, _ in hdrs if k.lower().startswith("herald-")]
            assert all(k.startswith("herald-") for k in own), f"a forged header kept its name: {own}"
        for name, key, value, _, code in bad:
            m = by_case[name]
            hdr = dict(m.headers())
            assert hdr["herald-error"].decode() == code, f"{name}: {hdr['herald-error']} != {code}"
            assert key.startswith(m.key()), f"{name}: the key is not a prefix of the original"
        assert dict(by_case["1.2 MB key"].headers())["herald-original-key-bytes"] == b"1200000"
        hd = dict(by_case["200 KB headers and a 1 MB value"].headers())
        assert int(hd["herald-dropped-headers"]) > 0 and int(hd["herald-original-bytes"]) > 1 << 20
        forged = by_case["forged herald headers"].headers()
        assert dict(forged)["herald-error"] == b"invalid_json"
        assert ("original-herald-error", b"forged") in forged and ("original-HERALD-source-topic", b"elsewhere") in forged

        truncated = h.metric_values(h.scrape(port), "herald_messages_truncated_total")
        assert truncated['{output="alerts"}'] >= 2 and truncated['{output="dead_letters"}'] >= 2, truncated
        finish(bootstrap, run, port, delivery, group, news)
        print(f"{delivery}: {len(live)} alerts equal to the offline prediction ({len(parts)} messages for the "
              f"12,000-company group), {len(by_case)} bounded dead letters, exit 0")
    finally:
        alerts_seen.close()
        dlq_seen.close()
        if run.proc.poll() is None:
            print("\n".join(run.stderr_lines[-20:]), file=sys.stderr)
            run.kill()


def check_refused(broker, delivery, topics):
    """The broker refuses herald's first produce request (MSG_SIZE_TOO_LARGE): the alert's event is
    dead-lettered as alert_refused and herald goes on."""
    news, alerts_topic, dlq = topics
    group = f"g-{news}"
    bootstrap = broker.bootstrap
    h.produce(bootstrap, news, [(b"AMZN", ev(id="refused", headline="MENTION Amazon", tickers=["AMZN"]), None)])
    broker.command("errors produce 10 1")  # herald's first Produce request: the first alert
    run, port = h.start_run(herald, bootstrap, rules_path,
                            ["--input-topic", news, "--alerts-topic", alerts_topic, "--dlq-topic", dlq,
                             "--group", group, "--delivery", delivery, "--producer", "max.in.flight=1"])
    alerts_seen, dlq_seen = h.TopicWatcher(bootstrap, alerts_topic), h.TopicWatcher(bootstrap, dlq)
    try:
        dlq_seen.until(lambda ms: alive(run) and ms, 120, f"{delivery}: the refused alert's dead letter")
        h.produce(bootstrap, news, [(b"MSFT", ev(id="after", headline="MENTION Microsoft", tickers=["MSFT"]), None)])
        try:
            alerts_seen.until(lambda ms: alive(run) and ms, 120, f"{delivery}: the next alert")
        except AssertionError:
            text = h.scrape(port)
            print({n: h.metric_values(text, n) for n in ("herald_events_consumed_total", "herald_events_processed_total",
                                                          "herald_transactions_total", "herald_inflight_events")})
            raise
        letters = latest(dlq_seen.poll(), lambda m: dict(m.headers())["herald-source-offset"])
        assert len(letters) == 1, f"{len(letters)} dead letters"
        letter = next(iter(letters.values()))
        hdr = dict(letter.headers())
        assert hdr["herald-error"] == b"alert_refused", hdr
        assert letter.value() is None and b"was refused" in hdr["herald-error-detail"], hdr
        assert hdr["herald-source-topic"].decode() == news and hdr["herald-source-offset"] == b"0", hdr
        got = {json.loads(m.value())["event_id"] for m in alerts_seen.poll()}
        assert got == {"after"}, f"alerts: {got}"
        text = h.metric_values(h.scrape(port), "herald_messages_refused_total")
        assert text['{output="alerts"}'] == 1, text
        dead = h.metric_values(h.scrape(port), "herald_events_dead_lettered_total")
        assert dead['{reason="alert_refused"}'] == 1, dead
        finish(bootstrap, run, port, delivery, group, news)
        print(f"{delivery}: an alert the broker refused was dead-lettered as alert_refused; the next one published")
    finally:
        alerts_seen.close()
        dlq_seen.close()
        if run.proc.poll() is None:
            print("\n".join(run.stderr_lines[-20:]), file=sys.stderr)
            run.kill()


modes = {"at-least-once": ("news", "alerts", "news.dlq"), "exactly-once": ("newsx", "alertsx", "newsx.dlq")}
refusal = {"at-least-once": ("r1", "r1.alerts", "r1.dlq"), "exactly-once": ("r2", "r2.alerts", "r2.dlq")}
topics = ",".join(f"{t}:{n}" for m in modes.values() for t, n in zip(m, (4, 3, 2)))
topics += "," + ",".join(f"{t}:1" for m in refusal.values() for t in m)
broker = h.FaultyBroker(herald, topics, brokers=1)
try:
    for delivery in modes:
        section(f"hostile cases ({delivery})", check_hostile, broker.bootstrap, delivery, modes[delivery])
    for delivery in refusal:
        section(f"refused alert ({delivery})", check_refused, broker, delivery, refusal[delivery])
finally:
    broker.kill()
if failures:
    print(f"0 passed, 1 failed: {', '.join(failures)}")
    sys.exit(1)
print("1 passed, 0 failed")
