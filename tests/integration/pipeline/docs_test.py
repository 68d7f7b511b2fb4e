"""What the docs show a new user is what herald does: the `herald rules check` example of
docs/rules.md (file and output), the demo figures docs/replay.md quotes (live alerts vs
`analyze --alerts` with and without --partitions), and the demo's closing line, which names what
will end it (--events, --duration) instead of always "until Ctrl-C".

usage: docs_test.py HERALD_BINARY SOURCE_DIR WORK_DIR"""
import json
import os
import re
import shutil
import subprocess
import sys
from checks import Checks

herald, src, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
check = Checks()


def doc(name):
    with open(os.path.join(src, "docs", name), encoding="utf-8") as f:
        return f.read()


def blocks(text):
    """(language, body) of every fenced block, in order."""
    return re.findall(r"^```([^\n]*)\n(.*?)^```", text, re.S | re.M)


# ---- docs/rules.md: the `rules check` example is real -----------------------------------------------
rules_md = doc("rules.md")
intro = rules_md[rules_md.index("Check a file before you deploy it"):rules_md.index("\n## ")]
fenced = blocks(intro)
yaml_blocks = [b for lang, b in fenced if lang == "yaml broken-on-purpose"]  # (unit_rules_loader_test skips it)
outputs = [b for lang, b in fenced if b.startswith("$ herald rules check rules.yaml\n")]
check(yaml_blocks and outputs, "docs/rules.md: the rules check example (a yaml block and its output) is gone")
with open(os.path.join(work, "rules.yaml"), "w") as f:
    f.write(yaml_blocks[0])
r = subprocess.run([herald, "rules", "check", "rules.yaml"], cwd=work, capture_output=True, text=True, timeout=60)
shown = outputs[0].splitlines()[1:]
check(r.returncode == 2, f"rules check on the docs example exits {r.returncode}")
check(r.stderr.splitlines() == shown,
      "docs/rules.md's rules check output is not herald's; herald prints:\n" + r.stderr + "the docs show:\n" +
      "\n".join(shown))

# ---- the demo: live alerts, and its closing line with --events ------------------------------------
feed = os.path.join(src, "data", "sample-feed.ndjson")
demo_rules = os.path.join(src, "data", "rules", "demo.yaml")
events = sum(1 for line in open(feed, encoding="utf-8") if line.strip())
r = subprocess.run([herald, "demo", "--events", str(events), "--json", "--metrics-port", "0"], capture_output=True,
                   text=True, timeout=300)
check(r.returncode == 0, f"herald demo --events {events} exited {r.returncode}: {r.stderr[-2000:]}")
live = [json.loads(l) for l in r.stdout.splitlines() if l.startswith("{")]
started = [l for l in r.stderr.splitlines() if "/metrics (" in l]
check(started and started[0].endswith(f"/metrics (stops after {events} events are consumed, or Ctrl-C)"),
      f"the demo's /metrics line with --events: {started}")
check("until Ctrl-C" not in r.stderr, f"herald demo --events {events} says it waits for Ctrl-C: {r.stderr}")


def analyze(*extra):
    out = subprocess.run([herald, "analyze", "--rules", demo_rules, "--alerts", *extra, feed], capture_output=True,
                         text=True, timeout=300, check=True).stdout
    return [json.loads(l) for l in out.splitlines()]


per_partition = analyze("--partitions", "6")
one_state = analyze()
check({a["alert_id"] for a in live} == {a["alert_id"] for a in per_partition},
      f"the demo's {len(live)} alerts differ from analyze --partitions 6 ({len(per_partition)})")

# ---- docs/replay.md quotes those figures ------------------------------------------------------------
replay_md = " ".join(doc("replay.md").split())
m = re.search(r"`herald demo` prints (\d+) live alerts and `herald analyze --alerts` without `--partitions` "
              r"(\d+)(?:, ([^;.]*))?[;.]", replay_md)
check(m, "docs/replay.md: the sentence quoting the demo's figures is gone")
extra = {(a["rule"], a["key"]) for a in one_state} - {(a["rule"], a["key"]) for a in live}
extra_ids = {a["alert_id"] for a in one_state} ^ {a["alert_id"] for a in live}
check((int(m.group(1)), int(m.group(2))) == (len(live), len(one_state)),
      f"docs/replay.md says {m.group(1)} live alerts vs {m.group(2)}; the demo gives {len(live)} vs {len(one_state)}: "
      "update the sentence")
# The sentence names the alerts only the single-state run gives, or none when the two agree.
check((not extra_ids and m.group(3) is None) or
      (extra_ids and m.group(3) and all(f"`{rule}` on {key}" in m.group(3) for rule, key in extra)),
      f"docs/replay.md names '{m.group(3)}'; the alerts that differ without --partitions: {sorted(extra)} "
      f"({len(extra_ids)} ids)")

# ---- --duration: the closing line says the demo ends by itself ------------------------------------
r = subprocess.run([herald, "demo", "--duration", "10s", "--metrics-port", "0"], capture_output=True, text=True,
                   timeout=120)
closing = [l for l in r.stderr.splitlines() if "events processed" in l or "/metrics (" in l]
check(r.returncode == 0, f"herald demo --duration 10s exited {r.returncode}: {r.stderr[-2000:]}")
check(len(closing) == 2 and closing[0].endswith("/metrics (stops after --duration 10s, or Ctrl-C)")
      and closing[1].endswith("; /metrics stays up until --duration 10s has passed or Ctrl-C"),
      f"the demo's /metrics and closing lines with --duration: {closing}")

print(f"docs: {check.count} checks")
print("1 passed, 0 failed")
