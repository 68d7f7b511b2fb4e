"""`herald backtest`: the diff of two rules files over a feed, checked against an independent
oracle (the alerts `herald analyze --alerts` writes for each file, compared by alert id and
JSON in Python) and against differences made on purpose (a rule dropped, one added, a severity
and a summary changed, a threshold raised, a windowed rule unchanged); the same report for every
--jobs; the text report; no baseline; errors.

usage: backtest_test.py HERALD_BINARY SOURCE_DIR WORK_DIR"""
import collections
import gzip
import re
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
import herald_harness as h  # noqa: E402
from checks import Checks  # noqa: E402

herald, src, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
check = Checks()
NOW = "2026-12-31T00:00:00Z"


def write(name, text):
    path = os.path.join(work, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def run(*args):
    return subprocess.run([herald, *args], capture_output=True, text=True, timeout=600)


BASELINE = """rules:
  - id: same-sours
    description: Average coverage of a company weakens over four hours (unchanged)
    severity: warning
    for: ticker
    when: avg(entity.sentiment.score, 4h) < 0.3 and count(4h) >= 3
    hold: 30m
    cooldown: 2h
  - id: loss
    description: A net loss (severity raised to critical by the change)
    severity: warning
    when: metric("net_income").value < 0
    cooldown: 4h
  - id: growth
    description: Revenue growth of 40 % or more (threshold raised to 60 % by the change)
    severity: info
    when: metric("revenue").change.percent >= 40%
  - id: dropped
    description: Negative coverage (dropped by the change)
    severity: info
    for: ticker
    when: entity.sentiment.score <= -0.5
  - id: worded
    description: Strongly positive coverage (summary reworded by the change)
    severity: info
    when: sentiment.score >= 0.6
    summary: "{key} very positive: {sentiment.score}"
"""
CANDIDATE = BASELINE.replace("""    severity: warning
    when: metric("net_income").value < 0""", """    severity: critical
    when: metric("net_income").value < 0""").replace(
    'change.percent >= 40%', 'change.percent >= 60%').replace(
    '"{key} very positive: {sentiment.score}"', '"{key} coverage strongly positive ({sentiment.score})"')
CANDIDATE = CANDIDATE[:CANDIDATE.index("  - id: dropped")] + CANDIDATE[CANDIDATE.index("  - id: worded"):]
CANDIDATE += """  - id: added
    description: Negative coverage overall (new with the change)
    severity: warning
    when: sentiment.score <= -0.4
"""
assert CANDIDATE.count("- id:") == 5 and "dropped" not in CANDIDATE
old_rules, new_rules = write("old.yaml", BASELINE), write("new.yaml", CANDIDATE)

gen = subprocess.run([sys.executable, os.path.join(src, "tools", "gen_events.py"), "--count", "4000", "--seed", "21",
                      "--size", "mixed", "--notable-fraction", "0.2", "--start", "2026-10-01T00:00:00Z",
                      "--step-ms", "600000"], capture_output=True, text=True, check=True).stdout.splitlines(True)
part1 = write("part1.ndjson", "".join(gen[:2500]) + "not an event\n\n")
part2 = os.path.join(work, "part2.ndjson.gz")
with gzip.open(part2, "wt") as f:
    f.writelines(gen[2500:])
feed = [part1, part2]


def oracle_alerts(rules, *extra):
    r = run("analyze", "--now", NOW, "--rules", rules, "--alerts", *extra, *feed)
    assert r.returncode == 0, r.stderr[-2000:]
    return [(json.loads(l), l) for l in r.stdout.splitlines()]


def content(alert):
    """What the diff compares: the alert without its explanation (which quotes the thresholds)."""
    return {k: v for k, v in alert.items() if k != "explain"}


def oracle(*extra):
    """Per (rule, key) and per rule: the diff computed from analyze --alerts of both files."""
    before, after = oracle_alerts(old_rules, *extra), oracle_alerts(new_rules, *extra)
    b = {a["alert_id"]: (a, line) for a, line in before}
    f = {a["alert_id"]: (a, line) for a, line in after}
    stats = collections.defaultdict(lambda: {"before": [], "after": [], "added": [], "removed": [], "changed": []})
    for a, _ in before:
        for k in ((a["rule"], a["key"]), a["rule"]):
            stats[k]["before"].append(a)
    for a, line in after:
        for k in ((a["rule"], a["key"]), a["rule"]):
            stats[k]["after"].append(a)
            if a["alert_id"] not in b:
                stats[k]["added"].append(a)
            elif b[a["alert_id"]][1] != line and content(b[a["alert_id"]][0]) != content(a):
                stats[k]["changed"].append(a)
    for a, _ in before:
        if a["alert_id"] not in f:
            for k in ((a["rule"], a["key"]), a["rule"]):
                stats[k]["removed"].append(a)
    return stats, b, f


def side_ok(side, alerts):
    if len(alerts) != side["fired"]:
        return False
    if not alerts:
        return "first" not in side
    days = collections.Counter(a["event_time"][:10] for a in alerts)
    most = max(days.values())
    busiest = min(d for d, n in days.items() if n == most)
    return (side["first"] == min(a["event_time"] for a in alerts) and side["last"] == max(a["event_time"] for a in alerts)
            and side["busiest_day"] == {"day": busiest, "alerts": most})


def counts_ok(got, want):
    return (side_ok(got["before"], want["before"]) and side_ok(got["after"], want["after"])
            and got["added"] == len(want["added"]) and got["removed"] == len(want["removed"])
            and got["changed"] == len(want["changed"]))


def backtest_json(*extra, jobs="2"):
    r = run("backtest", "--now", NOW, "--rules", new_rules, "--baseline", old_rules, "--json", "--jobs", jobs,
            *extra, *feed)
    check(r.returncode == 0, f"backtest {extra} exit {r.returncode}: {r.stderr[-1500:]}")
    check("part1.ndjson:2501: invalid_json" in r.stderr, f"the bad line is reported: {r.stderr[-500:]}")
    return json.loads(r.stdout), r.stdout


stats, before_by_id, after_by_id = oracle()
report, report_text = backtest_json()
rules = {r["rule"]: r for r in report["rules"]}
check([r["rule"] for r in report["rules"]] == ["same-sours", "loss", "growth", "worded", "added", "dropped"],
      f"rules in the candidate's order, then the dropped ones: {list(rules)}")
check(report["events"] == 4000 and report["bad_lines"] == 1, (report["events"], report["bad_lines"]))
check(counts_ok(report["total"], {k: [a for r in rules for a in stats[r][k]]
                                  for k in ("before", "after", "added", "removed", "changed")}), report["total"])

# Every rule and every key against the oracle.
for name, r in rules.items():
    check(counts_ok(r, stats[name]), f"rule {name}: {json.dumps({k: r[k] for k in ('added', 'removed', 'changed')})}"
                                     f" vs oracle {[(k, len(v)) for k, v in stats[name].items()]}")
    keys = {k["key"]: k for k in r["keys"]}
    want_keys = {key for (rule, key) in [k for k in stats if isinstance(k, tuple)] if rule == name}
    check(set(keys) == want_keys, f"rule {name}: keys {sorted(keys)[:10]} vs {sorted(want_keys)[:10]}")
    for key, k in keys.items():
        check(counts_ok(k, stats[(name, key)]), f"rule {name} key {key}: {k}")
    days = collections.Counter()
    for d in r["days"]:
        days[d["day"]] = (d["before"], d["after"])
    want_days = collections.Counter()
    for a in stats[name]["before"] + stats[name]["after"]:
        want_days[a["event_time"][:10]] = (sum(x["event_time"][:10] == a["event_time"][:10] for x in stats[name]["before"]),
                                          sum(x["event_time"][:10] == a["event_time"][:10] for x in stats[name]["after"]))
    check(days == want_days, f"rule {name}: alerts per day")
    # The first examples of each kind, in feed order, with the alerts as analyze writes them.
    for kind in ("added", "removed", "changed"):
        examples = r["examples"][kind]
        want = stats[name][kind][:3]
        check([e["key"] for e in examples] == [a["key"] for a in want] and len(examples) == len(want),
              f"rule {name}: {kind} examples")
        for e, a in zip(examples, want):
            side = e["before"] if kind == "removed" else e["after"]
            check(side["alert"]["alert_id"] == a["alert_id"] and e["event_id"] == a["event_id"], (kind, e, a))
            check(side["alert"] == (before_by_id if kind == "removed" else after_by_id)[a["alert_id"]][0],
                  f"{kind} example is the alert as published")
            check(side["evidence"] == [x["text"][:400] for x in side["alert"].get("evidence", [])],
                  f"{kind} example evidence: {side['evidence']} vs {side['alert'].get('evidence')}")
            if kind == "changed":
                check(e["before"]["alert"] == before_by_id[a["alert_id"]][0], "changed: the baseline's alert too")

# The differences made on purpose.
t = {name: (r["before"]["fired"], r["after"]["fired"], r["added"], r["removed"], r["changed"]) for name, r in rules.items()}
check(t["same-sours"][0] > 0 and t["same-sours"][0] == t["same-sours"][1] and t["same-sours"][2:] == (0, 0, 0),
      f"unchanged windowed rule: {t['same-sours']}")
check(t["loss"][0] > 0 and t["loss"][4] == t["loss"][0] and t["loss"][2:4] == (0, 0), f"severity changed: {t['loss']}")
check(all(e["differences"] == ["severity"] and e["before"]["severity"] == "warning" and e["after"]["severity"] ==
          "critical" for e in rules["loss"]["examples"]["changed"]), rules["loss"]["examples"]["changed"])
check(t["worded"][0] > 0 and t["worded"][4] == t["worded"][0] and t["worded"][2:4] == (0, 0), f"reworded: {t['worded']}")
check(all(e["differences"] == ["summary"] for e in rules["worded"]["examples"]["changed"]), "summary differs")
# A raised threshold removes alerts and adds none; an alert that still fires may match fewer of
# its event's revenue figures (those of 40-60 % no longer count): changed in metrics and evidence.
check(0 < t["growth"][3] < t["growth"][0] and t["growth"][2] == 0
      and t["growth"][1] == t["growth"][0] - t["growth"][3], f"threshold raised: only removals {t['growth']}")
check(all(set(e["differences"]) <= {"metrics", "evidence"} and len(e["before"]["alert"]["metrics"]) >
          len(e["after"]["alert"]["metrics"]) for e in rules["growth"]["examples"]["changed"]),
      rules["growth"]["examples"]["changed"])
check(t["dropped"][0] > 0 and t["dropped"][1:] == (0, 0, t["dropped"][0], 0) and not rules["dropped"]["in_rules"]
      and rules["dropped"]["in_baseline"], f"dropped rule: {t['dropped']}")
check(t["added"][0] == 0 and t["added"][1] > 0 and t["added"][2] == t["added"][1] and not rules["added"]["in_baseline"],
      f"new rule: {t['added']}")

# The same report for every --jobs, and per partition as analyze --partitions keeps state.
for jobs in ("1", "3", "8"):
    _, text = backtest_json(jobs=jobs)
    check(text == report_text, f"backtest --jobs {jobs} differs from --jobs 2")
pstats, _, _ = oracle("--partitions", "12")
preport, _ = backtest_json("--partitions", "12")
for r in preport["rules"]:
    check(counts_ok(r, pstats[r["rule"]]), f"--partitions 12: rule {r['rule']}")

# The text report: totals, one row per rule, the differing rules' keys and examples.
r = run("backtest", "--now", NOW, "--rules", new_rules, "--baseline", old_rules, "--examples", "2", *feed)
tot = report["total"]
check(r.returncode == 0 and f"alerts: {tot['before']['fired']} before, {tot['after']['fired']} after: {tot['added']} "
      f"added, {tot['removed']} removed, {tot['changed']} changed" in r.stdout, r.stdout[:600])
lines = r.stdout.splitlines()
check(lines[0].startswith(f"backtest of {new_rules} against {old_rules} over 4000 events (2026-10-01T00:00:00Z to ")
      and "1 bad lines skipped" in lines[0], lines[0])
row = next(l for l in lines if l.startswith("dropped (dropped)"))
check(row.split()[2:7] == [str(t["dropped"][0]), "0", "0", str(t["dropped"][0]), "0"], row)
check(any(l.startswith("added (new)") for l in lines) and "\nsame-sours:" not in r.stdout,
      "new rule marked; an unchanged rule has no detail section")
check(f"\nloss: 0 added, 0 removed, {t['loss'][4]} changed" in r.stdout and "differs in: severity" in r.stdout, "loss")
check(r.stdout.count("      before: warning ") == 2, "two examples of the changed severity (--examples 2)")
check("        evidence: \"" in r.stdout, "examples show their evidence")
r2 = run("backtest", "--now", NOW, "--rules", new_rules, "--baseline", old_rules, "--examples", "2", "--jobs", "1", *feed)
check(r2.stdout == r.stdout, "text report identical for --jobs 1")

# --html: a self-contained page (no script, nothing fetched) whose charts and tables hold the
# numbers of the JSON report: per rule, one bar per day and side with its count, the examples and
# their evidence highlighted. (Parsed here; not rendered in a browser.)
import html.parser  # noqa: E402


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.sections, self.section, self.rows, self.stack, self.marks, self.fetches = {}, None, 0, [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.stack.append(tag)
        if tag in ("script", "link", "img", "iframe") or "src" in a or (a.get("href") or "#").split("#")[0]:
            self.fetches.append((tag, a))
        if tag == "section":
            self.section = {"bars": collections.Counter(), "days": set(), "examples": collections.Counter(), "marks": []}
            self.sections[a["id"]] = self.section
        elif tag == "rect" and self.section is not None:
            self.section["bars"][a["class"]] += int(a["data-alerts"])
            self.section["days"].add(a["data-day"])
        elif tag == "div" and self.section is not None and "example" in a.get("class", ""):
            self.section["examples"][a["class"].split()[1]] += 1
        elif tag == "tr" and self.section is None:
            self.rows += 1

    def handle_endtag(self, tag):
        self.stack.pop()
        if tag == "section":
            self.section = None

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "mark" and self.section is not None:
            self.section["marks"].append(data)


page_path = os.path.join(work, "report.html")
r = run("backtest", "--now", NOW, "--rules", new_rules, "--baseline", old_rules, "--html", page_path, *feed)
check(r.returncode == 0 and f"alerts: {tot['before']['fired']} before" in r.stdout, "--html keeps the terminal report")
text = open(page_path, encoding="utf-8").read()
page = Page()
page.feed(text)
check(text.startswith("<!DOCTYPE html>") and not page.fetches, f"self-contained: {page.fetches[:3]}")
check(page.rows == len(report["rules"]) + 1, f"rules table rows: {page.rows}")
for i, rule in enumerate(report["rules"]):
    sec = page.sections[f"rule-{i}"]
    check(sec["bars"]["before"] == rule["before"]["fired"] and sec["bars"]["after"] == rule["after"]["fired"],
          f"html {rule['rule']}: bars {dict(sec['bars'])} vs {rule['before']['fired']}/{rule['after']['fired']}")
    check(sec["days"] == {d["day"] for d in rule["days"]}, f"html {rule['rule']}: days")
    check(all(sec["examples"][k + "-example"] == len(rule["examples"][k]) for k in ("added", "removed", "changed")),
          f"html {rule['rule']}: examples {dict(sec['examples'])}")
    want_marks = [m for k in ("added", "removed", "changed") for e in rule["examples"][k]
                  for m in (e["after"] if "after" in e else e["before"])["evidence"]]
    check(sec["marks"] == want_marks, f"html {rule['rule']}: evidence highlighted")
r2 = run("backtest", "--now", NOW, "--rules", new_rules, "--baseline", old_rules, "--jobs", "1", "--html",
         page_path + ".1", *feed)
check(open(page_path + ".1", encoding="utf-8").read() == text, "the same page for --jobs 1")
r = run("backtest", "--now", NOW, "--rules", new_rules, "--html", os.path.join(work, "no", "such", "dir.html"), *feed)
check(r.returncode == 1 and "cannot write --html" in r.stderr, r.stderr)

# Without a baseline: the candidate's alerts alone.
r = run("backtest", "--now", NOW, "--rules", new_rules, "--json", *feed)
alone = json.loads(r.stdout)
check(r.returncode == 0 and alone["baseline_file"] is None and alone["total"]["after"]["fired"] == len(after_by_id)
      and alone["total"]["before"]["fired"] == 0, alone["total"])
r = run("backtest", "--now", NOW, "--rules", new_rules, *feed)
check(f"alerts: {len(after_by_id)} (no --baseline" in r.stdout and "    alerts (first 3 of" in r.stdout, r.stdout[:400])

# The progress line: only when stderr is a terminal. Events arrive on stdin through a pipe; the
# second half is sent once a progress line has shown on the terminal.
import pty  # noqa: E402
import select  # noqa: E402

master, slave = pty.openpty()
p = subprocess.Popen([herald, "backtest", "--now", NOW, "--rules", new_rules, "-"], stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE, stderr=slave)
os.close(slave)
p.stdin.write("".join(gen[:2000]).encode())
p.stdin.flush()
seen = b""
deadline = h.Deadline(30)
while b" events/s, " not in seen and not deadline.expired():
    if select.select([master], [], [], 0.2)[0]:
        seen += os.read(master, 4096)
p.stdin.write("".join(gen[2000:]).encode())
p.stdin.close()
out = p.stdout.read()
p.wait(60)
check(re.search(rb"\rherald backtest: \d+ events, \d+ events/s, \d+\.\d MB/s", seen) and b"ETA" not in seen,
      f"a progress line on the terminal (stdin: no size, no ETA): {seen[-300:]!r}")
check(p.returncode == 0 and b"over 4000 events" in out, "the report follows")
r = run("backtest", "--now", NOW, "--rules", new_rules, *feed)
check("events/s" not in r.stderr, "no progress line when stderr is not a terminal")

# Errors: usage (exit 2), nothing to backtest (exit 1).
r = run("backtest", part1)
check(r.returncode == 2 and "--rules FILE is required" in r.stderr.splitlines()[-1], r.stderr)
r = run("backtest", "--rules", new_rules, "--baseline", os.path.join(work, "nope.yaml"), part1)
check(r.returncode == 2 and "nope.yaml" in r.stderr, r.stderr)
r = run("backtest", "--rules", new_rules, write("empty.ndjson", "\n"))
check(r.returncode == 1 and "nothing to backtest: the input has no event" in r.stderr, r.stderr)
r = run("backtest", "--rules", new_rules, "--jobs", "0", part1)
check(r.returncode == 2 and "--jobs" in r.stderr, r.stderr)
# From a topic's time range: the feed published keyed by ticker into 4 partitions, the range read
# with the rules' longest window before it as warm-up. The oracle is analyze --partitions 4 (the
# same per-partition state) with the alerts outside the range left out. Partitions arrive
# interleaved as the broker sends them, yet the report is the same on every run.
since, until = "2026-10-08T00:00:00Z", "2026-10-22T00:00:00Z"
broker, bootstrap = h.start_broker(herald, "news:4")
try:
    r = run("replay", "--brokers", bootstrap, "--topic", "news", "--speed", "max", *feed)
    check(r.returncode == 0 and "events published" in r.stderr, r.stderr[-500:])
    args = ("backtest", "--now", NOW, "--rules", new_rules, "--baseline", old_rules, "--brokers", bootstrap,
            "--from-topic", "news", "--since", since, "--until", until)
    r = run(*args, "--json")
    check(r.returncode == 0, f"backtest --from-topic: exit {r.returncode}: {r.stderr[-1000:]}")
    topic_report = json.loads(r.stdout)
    in_range = [json.loads(l) for l in gen if since <= json.loads(l)["published_at"] < until]
    check(topic_report["events"] == len(in_range) and topic_report["input"] == f"topic 'news' in [{since}, {until})",
          f"{topic_report['events']} events in the range, expected {len(in_range)}")
    tstats, _, _ = oracle("--partitions", "4")
    for rule in topic_report["rules"]:
        want = {k: [a for a in v if since <= a["event_time"] < until] for k, v in tstats[rule["rule"]].items()}
        check(counts_ok(rule, want), f"--from-topic rule {rule['rule']}: "
              f"{[(k, rule[k]) for k in ('added', 'removed', 'changed')]} vs {[(k, len(v)) for k, v in want.items()]}")
    check(sum(r["added"] + r["removed"] + r["changed"] for r in topic_report["rules"]) > 20, "the range has differences")
    r2 = run(*args, "--json", "--jobs", "1")
    check(r2.returncode == 0 and r2.stdout == r.stdout, "--from-topic: the same report on another run and --jobs")
    r = run(*args[:-4], "--since", "2030-01-01T00:00:00Z", "--until", "2030-02-01T00:00:00Z")
    check(r.returncode == 1 and "nothing to backtest: none of the" in r.stderr, r.stderr)
    r = run(*args, part1)
    check(r.returncode == 2 and "FILE... or --from-topic, not both" in r.stderr, r.stderr)
    r = run(*args[:-6], "--from-topic", "nwes", "--since", since, "--until", until)
    check(r.returncode == 2 and "topic 'nwes' does not exist" in r.stderr, r.stderr)
finally:
    broker.kill()

print(f"backtest: {check.count} checks passed ({tot['before']['fired']} alerts before, {tot['after']['fired']} after)")
