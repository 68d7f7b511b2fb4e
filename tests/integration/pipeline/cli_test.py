"""The herald command line as users meet it: one-line errors with exit code 2, `rules check`,
`analyze` (analyses, alerts, bad lines), `replay` from files into a topic (and its failure when
the brokers never acknowledge) and from a topic's time range into a separate alerts topic, and hot
reload of the rules file by a running `herald run`, and a topic replay whose alerts the broker refuses.

usage: cli_test.py HERALD_BINARY SOURCE_DIR WORK_DIR"""
import json
import os
import shutil
import signal
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
import herald_harness as h  # noqa: E402
from checks import Checks  # noqa: E402

herald, src, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
rules = os.path.join(src, "tests", "integration", "pipeline", "pipeline-rules.yaml")


def herald_cmd(*args, stdin=None):
    return subprocess.run([herald, *args], capture_output=True, text=True, input=stdin, timeout=300)


def write(name, text):
    path = os.path.join(work, name)
    with open(path, "w") as f:
        f.write(text)
    return path


check = Checks()


# ---- usage and configuration errors: one line on stderr, exit 2 ---------------------------------
for args, needle in [
    (["frobnicate"], "unknown command 'frobnicate'"),
    (["run", "--rules", rules], "--brokers HOST:PORT is required"),
    (["run", "--brokers", "127.0.0.1:1", "--rules", rules, "--bogus"], "unknown option '--bogus'"),
    (["run", "--brokers", "127.0.0.1:1", "--rules", "/nonexistent/rules.yaml"], "rules.yaml"),
    (["run", "--config", "/nonexistent/herald.yaml"], "cannot read config file"),
    (["analyze", "--alerts"], "--alerts needs --rules FILE"),
    (["analyze", "--novelty-horizon", "soon"], "--novelty-horizon 'soon' is not a duration"),
    (["demo", "--events", "zero"], "--events 'zero'"),
    (["replay", "--brokers", "127.0.0.1:1", "--speed", "fast", "x.ndjson"], "--speed 'fast'"),
    (["run", "--log-level", "verbose"], "herald run: --log-level 'verbose' is not a level: use error, warn, info or debug"),
    (["notify", "--log-format", "xml"], "herald notify: --log-format 'xml' is not a format: use text or json"),
    (["console", "--log-level", "warning"], "--log-level 'warning' is not a level"),
]:
    r = herald_cmd(*args)
    lines = [l for l in r.stderr.splitlines() if l.strip()]
    check(r.returncode == 2, f"herald {' '.join(args)}: exit {r.returncode}, expected 2 ({r.stderr})")
    check(lines and needle in lines[-1], f"herald {' '.join(args)}: stderr {r.stderr!r} lacks {needle!r}")

# A bad option value, a missing rules file to check or a missing --feed: exactly one line that
# names the command, before any work (the demo used to start its broker and publish first).
for args, start in [
    (["demo", "--events", "zero"], "herald demo: --events 'zero' is not a whole number"),
    (["demo", "--duration", "5x"], "herald demo: --duration '5x' is not a duration like 30s"),
    (["demo", "--feed", os.path.join(work, "missing.ndjson")], "herald demo: cannot open '"),
    (["analyze", "--jobs", "0", os.devnull], "herald analyze: --jobs '0' is not a whole number between 1 and 1024"),
    (["rules", "check"], "herald rules: name at least one rules FILE to check (herald rules check FILE...)"),
]:
    r = herald_cmd(*args)
    check(r.returncode == 2 and r.stderr.count("\n") == 1 and r.stderr.startswith(start),
          f"herald {' '.join(args)}: exit {r.returncode}, stderr {r.stderr!r}, expected one line starting {start!r}")
# `herald help CMD` is `herald CMD --help`; an unknown one is the unknown-command error.
for cmd in ("run", "rules"):
    r = herald_cmd("help", cmd)
    check(r.returncode == 0 and r.stdout.startswith("usage: herald " + cmd), f"herald help {cmd}: {r.stdout!r}")
r = herald_cmd("help", "frobnicate")
check(r.returncode == 2 and "unknown command 'frobnicate'" in r.stderr, f"herald help frobnicate: {r.stderr!r}")

bad_config = write("bad.yaml", "brokers: a:1\nrules: r.yaml\nmetrics_port: 1\n")
r = herald_cmd("run", "--config", bad_config)
check(r.returncode == 2 and "bad.yaml:3:1: unknown config key 'metrics_port'" in r.stderr, r.stderr)
for cmd in ("run", "demo", "broker", "analyze", "replay"):
    r = herald_cmd(cmd, "--help")
    check(r.returncode == 0 and "usage: herald " + cmd in r.stdout, f"herald {cmd} --help")
for cmd in ("run", "demo", "console", "notify"):
    r = herald_cmd(cmd, "--help")
    check("--log-level LEVEL" in r.stdout and "--log-format FORMAT" in r.stdout, f"herald {cmd} --help: {r.stdout}")

# ---- logs: --log-format json makes every stderr line one JSON object; --log-level filters --------
r = herald_cmd("demo", "--events", "20", "--metrics-port", "0", "--log-format", "json")
check(r.returncode == 0, f"herald demo --log-format json exited {r.returncode}: {r.stderr[-2000:]}")
logged = [json.loads(l) for l in r.stderr.splitlines()]  # raises on any line that is not JSON
check(len(logged) >= 3 and all(set(o) >= {"ts", "level", "component", "msg"} for o in logged), r.stderr)
check(any(o["component"] == "engine" and o["msg"].startswith("stopped: 20 consumed") for o in logged), r.stderr)
check(all(o["ts"].endswith("Z") and o["level"] in ("error", "warn", "info", "debug") for o in logged), r.stderr)
r = herald_cmd("demo", "--events", "20", "--metrics-port", "0", "--log-level", "warn")
check(r.returncode == 0 and "stopped:" not in r.stderr and "herald demo:" not in r.stderr,
      f"herald demo --log-level warn still wrote info lines: {r.stderr}")
# A usage error after the options were read: one JSON line, exit 2.
r = herald_cmd("run", "--log-format", "json", "--rules", rules)
lines = r.stderr.splitlines()
check(r.returncode == 2 and len(lines) == 1, f"exit {r.returncode}: {r.stderr}")
failure = json.loads(lines[0])
check(failure["level"] == "error" and "--brokers HOST:PORT is required" in failure["msg"], r.stderr)

# ---- rules check ---------------------------------------------------------------------------------
r = herald_cmd("rules", "check", rules, os.path.join(src, "data", "rules", "demo.yaml"))
check(r.returncode == 0 and r.stdout.count(": ok (") == 2, r.stdout + r.stderr)
broken = write("broken.yaml", "rules:\n  - id: a\n    severity: loud\n    when: sentiment.scor > 1\n"
                              "  - id: a\n    severity: info\n    when: metric(\"revenue\").value > 5 parsecs\n")
r = herald_cmd("rules", "check", broken)
check(r.returncode == 2, f"rules check on a broken file exits {r.returncode}")
errors = [l for l in r.stderr.splitlines() if l.startswith(broken + ":")]
check(len(errors) >= 3, f"expected every error as FILE:LINE:COL, got: {r.stderr}")
check(any(":3:" in e for e in errors) and any(":4:" in e for e in errors) and any(":5:" in e for e in errors), r.stderr)

# ---- analyze -------------------------------------------------------------------------------------
# Five short notes written for this test (it needs nothing outside the repository).
notes = [
    {"id": "note-0", "headline": "Amazon beats as AWS grows faster", "tickers": ["AMZN"],
     "summary": "Amazon posted AWS revenue of $37.6B, up 28% year over year, a strong quarter. "
                "The AWS backlog reached $364B, giving excellent visibility."},
    {"id": "note-1", "headline": "Microsoft cloud sales rise", "summary": "Microsoft said Azure revenue grew 33%.",
     "tickers": ["MSFT"]},
    {"id": "note-2", "headline": "Intel cuts guidance", "summary": "Intel lowered its outlook after weak demand.",
     "tickers": ["INTC"]},
    {"id": "note-3", "headline": "Markets wait for the Fed", "summary": "Stocks were little changed."},
    {"id": "note-4", "headline": "Nvidia data center revenue jumps",
     "summary": "Nvidia reported data center revenue of $39.1 billion, up 73% from a year earlier.", "tickers": ["NVDA"]},
]
for i, n in enumerate(notes):
    n["published_at"] = f"2026-04-30T21:{10 + 10 * i}:00Z"
seeds = write("notes.ndjson", "".join(json.dumps(n) + "\n" for n in notes))
r = herald_cmd("analyze", seeds)
lines = [json.loads(l) for l in r.stdout.splitlines()]
check(r.returncode == 0 and [l["id"] for l in lines] == [f"note-{i}" for i in range(5)],
      f"analyze keeps order: {r.returncode} {[l.get('id') for l in lines]} {r.stderr[-500:]}")
s0 = lines[0]
check(s0["sentiment"]["label"].endswith("positive") and s0["entities"][0]["ticker"] == "AMZN", s0["sentiment"])
# The figure is AWS's: the company stays the entity, the business is the segment (docs/metrics.md).
aws = [m for m in s0["metrics"] if m["kind"] == "revenue" and m["segment"] == "AWS" and m["entity"] == "Amazon"]
check(aws and aws[0]["value"] == 37600000000 and aws[0]["change"] == {"direction": "up", "percent": 28, "basis": "yoy"},
      aws)
check(any(m["kind"] == "backlog" and m["value"] == 364000000000 for m in s0["metrics"]), "backlog 364e9")
r = herald_cmd("analyze", "--explain", stdin=open(seeds).readline())
check(r.returncode == 0 and "explain" in json.loads(r.stdout), "--explain adds explanations")
r = herald_cmd("analyze", stdin='{"headline":"ok news"}\nnot json\n{"tickers":["X"]}\n')
out = [json.loads(l) for l in r.stdout.splitlines()]
check(len(out) == 3 and out[1] == {"line": 2, "error": "invalid_json", "detail": out[1]["detail"]}
      and out[2]["error"] == "missing_text", out)
check(":2: invalid_json:" in r.stderr, r.stderr)
# Relevance and novelty per company (docs/events.md): a copy from another outlet points at the first
# report; another story about the company, and the first report itself, are news.
nike = [
    {"id": "reuters-1", "published_at": "2026-11-05T14:00:00Z",
     "headline": "Nike cuts full-year revenue outlook as China sales slump",
     "summary": "Nike lowered its fiscal 2026 revenue forecast to a decline of 4% to 6%, citing weaker demand in "
                "Greater China and higher tariffs."},
    {"id": "bloomberg-7", "published_at": "2026-11-05T14:20:00Z",
     "headline": "Nike slashes annual sales forecast on China weakness, tariffs",
     "summary": "Nike on Thursday lowered its fiscal 2026 revenue forecast, now expecting a decline of 4% to 6%, "
                "blaming weaker demand in Greater China and higher tariffs."},
    {"id": "reuters-2", "published_at": "2026-11-05T15:00:00Z", "headline": "Nike names new chief marketing officer",
     "summary": "Nike appointed a former Adidas executive as chief marketing officer."},
]
r = herald_cmd("analyze", "--now", "2026-11-06T00:00:00Z", stdin="".join(json.dumps(e) + "\n" for e in nike))
out = [json.loads(l) for l in r.stdout.splitlines()]
check([o["novelty"] for o in out] == [
    [{"company": "Nike", "ticker": "NKE", "novelty": 100}],
    [{"company": "Nike", "ticker": "NKE", "novelty": 75, "duplicate_of": "reuters-1"}],
    # The third names Adidas too (a former Adidas executive): a company of the alias table, new here.
    [{"company": "Nike", "ticker": "NKE", "novelty": 100}, {"company": "Adidas", "ticker": "ADS.DE", "novelty": 100}]], out)
check(all(o["entities"][0]["relevance"] >= 90 for o in out), out)
r = herald_cmd("analyze", "--novelty-horizon", "10m", stdin="".join(json.dumps(e) + "\n" for e in nike[:2]))
check([o["novelty"][0]["novelty"] for o in map(json.loads, r.stdout.splitlines())] == [100, 100],
      f"--novelty-horizon: {r.stdout}")
# Alerts explain themselves (docs/rules.md, "Explanations"): the comparison with the value read, the
# sentiment terms with spans and weights; --explain with --alerts adds each sentence's breakdown.
explain_rules = write("explain-rules.yaml", """rules:
  - id: outlook-cut
    severity: warning
    for: ticker
    when: entity.sentiment.score <= -0.2 and event("guidance_cut")
""")
r = herald_cmd("analyze", "--rules", explain_rules, "--alerts", "--now", "2026-11-06T00:00:00Z",
               stdin=json.dumps(nike[0]) + "\n")
alerts = [json.loads(l) for l in r.stdout.splitlines()]
check(r.returncode == 0 and len(alerts) == 1, r.stdout + r.stderr)
x = alerts[0]["explain"]
check(x["compared"][0]["read"] == "entity.sentiment.score" and x["compared"][0]["op"] == "<=" and
      x["compared"][0]["threshold"] == -0.2 and x["compared"][0]["value"] <= -0.2, x)
check(x["events"][0]["type"] == "guidance_cut" and x["events"][0]["field"] in ("headline", "summary"), x)
terms = x["terms"]
check(terms and all(t["weight"] != 0 and len(t["span"]) == 2 for t in terms), x)
check(any(nike[0][t["field"]][t["span"][0]:t["span"][1]] == t["term"] for t in terms), f"term spans: {terms}")
check("sentences" not in alerts[0], "without --explain, alerts are printed as published")
r2 = herald_cmd("analyze", "--rules", explain_rules, "--alerts", "--explain", "--now", "2026-11-06T00:00:00Z",
                stdin=json.dumps(nike[0]) + "\n")
explained = json.loads(r2.stdout)
check(explained["sentences"] and explained["sentences"][0]["terms"], explained)
explained.pop("sentences")
check(explained == alerts[0], "--explain adds the sentences, and nothing else changes")
# Trailing garbage and binary lines: the code says what is wrong, the detail where (a byte offset).
r = subprocess.run([herald, "analyze"], capture_output=True, timeout=60,
                   input=b'{"headline":"x"} trailing\n\x1f\x8b\x08\x00\x00\n\x00\x01{}\n')
out = [json.loads(l) for l in r.stdout.decode().splitlines()]
check([(o["error"], o["detail"]) for o in out] == [
    ("invalid_json", "trailing bytes after the JSON object at offset 17 ('t')"),
    ("invalid_utf8", "not UTF-8 at offset 1 (0x8b): binary data, or text in another encoding such as Latin-1"),
    ("invalid_json", "expected a JSON value at offset 0 (0x00): binary data, not JSON text")], out)

# ---- replay: files -> topic, topic time range -> separate alerts topic ----------------------------
gen = subprocess.run([sys.executable, os.path.join(src, "tools", "gen_events.py"), "--count", "600", "--seed", "3",
                      "--size", "short", "--notable-fraction", "0.2", "--start", "2026-11-01T00:00:00Z",
                      "--step-ms", "60000"], capture_output=True, text=True, check=True)
feed = write("feed.ndjson", gen.stdout)
subprocess.run(["gzip", "-kf", feed], check=True)
expected = h.herald_analyze_alerts(herald, rules, feed)
check(len(expected) > 10, f"the replay feed should alert; predicted {len(expected)}")

# Events the brokers never acknowledged are a failure, not "done": nothing listens on port 1.
# (replay exited 0 with "done: 3 events published" before it read its delivery reports.)
few = write("few.ndjson", "".join(gen.stdout.splitlines(keepends=True)[:3]))
r = herald_cmd("replay", "--brokers", "127.0.0.1:1", "--input", few, "--topic", "news", "--kafka",
               "message.timeout.ms=500")
last = [l for l in r.stderr.splitlines() if l.startswith("herald replay:")][-1:]
check(r.returncode == 1 and last and "3 of 3 events were not delivered to 'news'" in last[0], r.stderr)
check("metadata for topic 'news'" in r.stderr, f"replay looks its topic up first and says when it cannot: {r.stderr}")

broker, bootstrap = h.start_broker(herald, "news:4,alerts:3,news.dlq:1,alerts.replay:2")
run = None
try:
    r = herald_cmd("replay", "--brokers", bootstrap, "--input", feed + ".gz", "--topic", "news", "--speed", "max")
    check(r.returncode == 0 and "600 events published" in r.stderr, r.stderr)
    msgs = h.read_all(bootstrap, "news", expect_at_least=600)
    check(len(msgs) == 600, f"{len(msgs)} messages in news")
    first = json.loads(msgs[0].value())
    by_id = {json.loads(m.value())["id"]: m for m in msgs}
    m0 = by_id[first["id"]]
    check(m0.key() == first["tickers"][0].encode(), "replay keys by primary ticker")
    check(m0.timestamp()[1] > 0, "replay sets the message timestamp to the event time")

    # Topic replay over the second half of the feed's time range.
    since, until = "2026-11-01T05:00:00Z", "2026-11-01T10:00:00Z"
    r = herald_cmd("replay", "--brokers", bootstrap, "--from-topic", "news", "--since", since, "--until", until,
                   "--alerts-topic", "alerts.replay", "--rules", rules)
    check(r.returncode == 0, r.stderr)
    replayed = [json.loads(m.value()) for m in h.read_all(bootstrap, "alerts.replay")]
    want = {a["alert_id"] for a in expected if since <= a["event_time"] < until}
    got = {a["alert_id"] for a in replayed}
    check(want == got and want, f"topic replay: {len(got)} alerts, expected {len(want)}")
    committed, _ = h.committed_offsets(bootstrap, "herald", "news")
    check(all(o < 0 for o in committed.values()), f"replay must not touch the live group's offsets: {committed}")

    # Hot reload: a running engine picks up a new rules file; a broken one keeps the old rules.
    live_rules = write("live-rules.yaml", open(rules).read())
    run, port = h.start_run(herald, bootstrap, live_rules)
    h.wait_for(lambda: h.metric_sum(h.scrape(port), "herald_rules_loaded") == 5, 30, "5 rules loaded")
    with open(live_rules, "a") as f:
        f.write("  - id: any-news\n    severity: info\n    when: sentiment.score > -2\n")
    h.wait_for(lambda: h.metric_sum(h.scrape(port), "herald_rules_loaded") == 6, 30, "reload to 6 rules")
    write("live-rules.yaml", "rules:\n  - id: [broken\n")
    h.wait_for(lambda: h.metric_values(h.scrape(port), "herald_rules_reloads_total").get('{result="error"}', 0) >= 1,
               30, "a failed reload to be counted")
    check(h.metric_sum(h.scrape(port), "herald_rules_loaded") == 6, "a bad file keeps the previous rules")
    run.proc.send_signal(signal.SIGHUP)
    h.wait_for(lambda: h.metric_values(h.scrape(port), "herald_rules_reloads_total").get('{result="error"}', 0) >= 2,
               30, "SIGHUP to trigger a reload")
    check(run.stop() == 0, "herald run exits 0 on SIGTERM")
    run = None
finally:
    if run:
        print("\n".join(run.stderr_lines[-20:]), file=sys.stderr)
        run.kill()
    broker.kill()

# Topic replay whose alerts the broker refuses: exit 1 with the count and the broker's reason.
# (It used to say only "N alerts were not acknowledged by the broker".)
faulty = h.FaultyBroker(herald, "news:2,alerts.replay:1", brokers=1)
try:
    r = herald_cmd("replay", "--brokers", faulty.bootstrap, "--input", feed, "--topic", "news", "--speed", "max")
    check(r.returncode == 0, r.stderr)
    faulty.command("errors produce 87 1000000")  # INVALID_RECORD: not retriable
    r = herald_cmd("replay", "--brokers", faulty.bootstrap, "--from-topic", "news", "--since", "2000-01-01T00:00:00Z",
                   "--until", "2100-01-01T00:00:00Z", "--alerts-topic", "alerts.replay", "--rules", rules,
                   "--kafka", "message.timeout.ms=5000")
    last = [l for l in r.stderr.splitlines() if l.startswith("herald replay:")][-1:]
    n = len(expected)
    check(r.returncode == 1 and last and f"{n} of {n} alerts were not delivered to 'alerts.replay' (first error: "
          "Broker: Broker failed to validate record)" in last[0], r.stderr)
finally:
    faulty.kill()

print(f"cli: {check.count} checks")
print("1 passed, 0 failed")
