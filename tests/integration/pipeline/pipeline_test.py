"""End to end on the embedded broker: an independent client (confluent-kafka) produces five events
of the bundled sample feed (data/sample-feed.ndjson), 1,000 generated events and one of each bad
message into `news`; `herald run` processes them; the test reads `alerts` and `news.dlq` with the
independent client and checks every alert against the contract and the offline prediction
(`herald analyze --rules --alerts`), one dead letter per bad message with its herald-error code,
committed offsets, /metrics over HTTP and exit 0 on SIGTERM.

usage: pipeline_test.py HERALD_BINARY SOURCE_DIR WORK_DIR"""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
import herald_harness as h  # noqa: E402

herald, src, work = sys.argv[1:4]
os.makedirs(work, exist_ok=True)
rules = os.path.join(src, "tests", "integration", "pipeline", "pipeline-rules.yaml")

# ---- inputs -------------------------------------------------------------------------------
# Data in the repository, so a checkout alone runs it (the feed `herald demo` publishes).
sample = os.path.join(src, "data", "sample-feed.ndjson")
seeds = [l for l in open(sample, encoding="utf-8").read().splitlines() if l.strip()][:5]
gen = subprocess.run([sys.executable, os.path.join(src, "tools", "gen_events.py"), "--count", "1000", "--seed", "7",
                      "--size", "mixed", "--notable-fraction", "0.1"], capture_output=True, text=True, check=True)
generated = [l for l in gen.stdout.splitlines() if l.strip()]
assert len(generated) == 1000, len(generated)
good = seeds + generated

truncated = seeds[0][: len(seeds[0]) // 2]
bad = [  # (name, value, expected herald-error)
    ("not json", b"this is not json", "invalid_json"),
    ("truncated", truncated.encode(), "invalid_json"),
    ("binary", bytes([0, 1, 2, 3, 0xFF, 0xFE, 0x80, 0x7F]), "invalid_utf8"),
    ("no text", b'{"id":"bad-no-text","tickers":["AMZN"]}', "missing_text"),
    ("not an object", b'[{"headline":"in an array"}]', "not_object"),
    ("wrong field type", b'{"id":"bad-type","headline":42}', "wrong_type"),
    ("invalid utf-8", b'{"id":"bad-utf8","headline":"caf\xc3 au lait"}', "invalid_utf8"),
    ("2 MiB", b'{"id":"bad-big","text":"' + b"a" * (2 << 20) + b'"}', "too_large"),
    ("tombstone", None, "empty"),
    ("empty", b"", "empty"),
]

feed_path = os.path.join(work, "feed.ndjson")
with open(feed_path, "w", encoding="utf-8") as f:
    f.write("\n".join(good) + "\n")
expected = h.herald_analyze_alerts(herald, rules, feed_path)
assert len(expected) >= 20, f"the test rules should fire on this feed; predicted only {len(expected)} alerts"


def key_of(line):
    t = json.loads(line).get("tickers") or []
    return t[0].encode() if t else None


broker, bootstrap = h.start_broker(herald, "news:8,alerts:3,news.dlq:1")
run = None
try:
    records = [(key_of(l), l.encode(), None) for l in good]
    # Bad messages go in the middle of the stream, as they would in real life.
    middle = len(records) // 2
    records[middle:middle] = [(b"BAD", v, [("case", n.encode())]) for n, v, _ in bad]
    total = h.produce(bootstrap, "news", records)

    run, port = h.start_run(herald, bootstrap, rules)
    assert h.http_status(port, "/healthz") == 200

    def processed():
        text = h.scrape(port)
        return h.metric_sum(text, "herald_events_processed_total") >= total and text
    metrics = h.wait_for(processed, 180, f"herald to process {total} events")
    h.wait_for(lambda: h.http_status(port, "/readyz") == 200, 30, "/readyz to turn ready")

    # ---- alerts: contract and expected set ----------------------------------------------------
    alerts = h.read_all(bootstrap, "alerts", expect_at_least=len(expected), seconds=120)
    rx_id = re.compile(r"^[0-9a-f]{16}$")
    rx_time = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$")
    labels = {"strongly negative", "moderately negative", "mildly negative", "neutral", "mildly positive",
              "moderately positive", "strongly positive"}
    live = []
    for m in alerts:
        a = json.loads(m.value())
        for field in ("alert_id", "rule", "severity", "key", "event_id", "event_time", "detected_at", "summary",
                      "sentiment", "metrics", "evidence", "source"):
            assert field in a, f"alert lacks '{field}': {a}"
        assert rx_id.match(a["alert_id"]), a["alert_id"]
        assert a["severity"] in ("info", "warning", "critical"), a["severity"]
        assert rx_time.match(a["event_time"]) and rx_time.match(a["detected_at"]), a
        assert -1 <= a["sentiment"]["score"] <= 1 and a["sentiment"]["label"] in labels, a["sentiment"]
        assert isinstance(a["metrics"], list) and isinstance(a["evidence"], list)
        for ev in a["evidence"]:
            assert ev["field"] in ("headline", "summary", "body", "text") and len(ev["span"]) == 2, ev
        assert a["source"]["topic"] == "news" and 0 <= a["source"]["partition"] < 8 and a["source"]["offset"] >= 0
        headers = dict(m.headers() or [])
        assert headers.get("herald-alert-id") == a["alert_id"].encode(), headers
        assert headers.get("herald-rule") == a["rule"].encode(), headers
        assert m.key() == a["key"].encode(), (m.key(), a["key"])
        live.append(a)

    ids = [a["alert_id"] for a in live]
    assert len(ids) == len(set(ids)), "an alert id was published twice"

    def comparable(a):
        a = dict(a)
        a.pop("detected_at", None)
        a.pop("source", None)
        return json.dumps(a, sort_keys=True)
    want = {comparable(a) for a in expected}
    got = {comparable(a) for a in live}
    missing, extra = want - got, got - want
    assert not missing and not extra, (f"live alerts differ from the offline prediction: {len(missing)} missing, "
                                       f"{len(extra)} unexpected; e.g. {sorted(missing or extra)[0][:400]}")

    # ---- dead letters ---------------------------------------------------------------------------
    dlq = h.read_all(bootstrap, "news.dlq", expect_at_least=len(bad), seconds=60)
    assert len(dlq) == len(bad), f"{len(dlq)} dead letters for {len(bad)} bad messages"
    by_case = {}
    for m in dlq:
        hdr = {k: v for k, v in (m.headers() or [])}
        assert "herald-error" in hdr and "herald-error-detail" in hdr, hdr
        assert hdr["herald-source-topic"] == b"news" and "herald-source-offset" in hdr, hdr
        by_case[hdr["case"].decode()] = (hdr["herald-error"].decode(), m.value(), hdr)
    for name, value, code in bad:
        assert name in by_case, f"no dead letter for the '{name}' message"
        got_code, got_value, hdr = by_case[name]
        assert got_code == code, f"'{name}': herald-error {got_code}, expected {code}"
        if code == "too_large":  # the dead letter keeps the first max-event-bytes and says how big it was
            assert hdr.get("herald-original-bytes") == str(len(value)).encode(), hdr
            assert got_value == value[: len(got_value)] and 0 < len(got_value) < len(value)
        else:
            assert got_value == value or (value == b"" and got_value in (b"", None)), f"'{name}': value not kept"

    # ---- metrics --------------------------------------------------------------------------------
    text = h.scrape(port)
    assert h.metric_sum(text, "herald_events_consumed_total") == total
    dl = h.metric_values(text, "herald_events_dead_lettered_total")
    for code in {c for _, _, c in bad}:
        want_n = sum(1 for _, _, c in bad if c == code)
        assert dl.get(f'{{reason="{code}"}}') == want_n, (code, dl)
    assert h.metric_sum(text, "herald_alerts_published_total") == len(expected), "alerts_published_total"
    for stage in ("parse", "analyze", "rules", "publish"):
        assert f'herald_stage_duration_seconds_count{{stage="{stage}"}}' in text, stage
    assert "herald_event_to_alert_latency_seconds_bucket" in text
    # Every event waited in a worker's queue once; every alert and dead letter waited for its ack.
    waits = h.metric_values(text, "herald_wait_duration_seconds_count")
    assert waits.get('{wait="queue"}') == total, waits
    assert waits.get('{wait="delivery"}') == len(expected) + len(dlq), (waits, len(expected), len(dlq))

    # ---- stop and committed offsets ----------------------------------------------------------------
    code = run.stop()
    assert code == 0, f"herald run exited {code} on SIGTERM:\n" + "\n".join(run.stderr_lines[-20:])
    committed, high = h.committed_offsets(bootstrap, "herald", "news")
    assert committed == high, f"committed {committed} != end offsets {high}"
    print(f"pipeline: {total} events ({len(bad)} bad), {len(live)} alerts as predicted, "
          f"{len(dlq)} dead letters, offsets committed, exit 0")
    print("1 passed, 0 failed")
except BaseException:
    if run:
        print("---- herald run stderr (last lines) ----\n" + "\n".join(run.stderr_lines[-40:]), file=sys.stderr)
    raise
finally:
    if run:
        run.kill()
    broker.kill()
