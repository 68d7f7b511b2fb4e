"""Issue 20 items 13, 15 and 17 through the `herald` binary, with inputs generated here (the unit
suites test the pieces; this keeps every class of the issue in the robustness label):

13. a misspelt or secret Kafka property never echoes its value: `herald run --kafka
    sasl.pasword=SECRET` (and --consumer/--producer, and sasl.password with a bad value) exits 2
    or 1 with one line that names the property and not the secret (it printed KEY=VALUE);
15. a configuration file of the wrong shape exits 2 with one FILE:LINE:COL line (it exited 1 with
    yaml-cpp's text and no file name);
17. numbers: `$1e9` is 1,000,000,000 USD (was 1), Indian grouping `$5,00,000` 500,000 USD and
    `Rs 2,35,000 crore` 2.35e12 INR (were 5 USD and 2 INR), `$0x1F billion` no figure (was 0).

usage: hostile_cli_test.py HERALD_BINARY SOURCE_DIR WORK_DIR"""
import json
import os
import subprocess
import sys

herald, src, work = sys.argv[1:4]
os.makedirs(work, exist_ok=True)
rules = os.path.join(src, "data", "rules", "demo.yaml")
checks = 0


def run(args, timeout=60):
    p = subprocess.run([herald, *args], stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


# 13. Secrets: a closed port, so nothing is ever reached; herald fails at the property.
SECRET = "hunter2-s3cr3t-value"
for flag, prop in [("--kafka", "sasl.pasword"), ("--consumer", "sasl.pasword"), ("--producer", "sasl.pasword"),
                   ("--kafka", "ssl.key.pasword"), ("--kafka", "sasl.password.typo")]:
    code, out, err = run(["run", "--brokers", "127.0.0.1:1", "--rules", rules, "--metrics-port", "0",
                          flag, f"{prop}={SECRET}"])
    assert code in (1, 2), f"{flag} {prop}: exit {code}"
    assert SECRET not in out + err, f"{flag} {prop}=...: the value was printed:\n{err}"
    assert prop in err, f"{flag} {prop}: the property is not named:\n{err}"
    checks += 1

# 15. Configuration files of the wrong shape: exit 2, one line FILE:LINE:COL.
shapes = {
    "list-for-value.yaml": "brokers: [a, b]\n",
    "map-for-value.yaml": "rules: " + rules + "\nbrokers:\n  nested: x\n",
    "not-a-map.yaml": "- just\n- a list\n",
    "bad-syntax.yaml": "brokers: [unclosed\n",
    "number-as-map.yaml": "metrics-port:\n  a: 1\n",
}
for name, text in shapes.items():
    path = os.path.join(work, name)
    with open(path, "w") as f:
        f.write(text)
    code, out, err = run(["run", "--config", path])
    lines = [x for x in err.splitlines() if x.strip()]
    assert code == 2, f"{name}: exit {code}, stderr:\n{err}"
    assert len(lines) == 1, f"{name}: {len(lines)} lines on stderr:\n{err}"
    head = lines[0].removeprefix("herald: ")
    assert head.startswith(path + ":"), f"{name}: no FILE:LINE:COL in {lines[0]!r}"
    line, col = head[len(path) + 1:].split(":")[:2]
    assert line.isdigit() and col.isdigit(), f"{name}: no LINE:COL in {lines[0]!r}"
    checks += 1

# 17. Numbers as news writes them, read right or not at all.
cases = [  # (headline, expected (value, unit) of the revenue figure, or None: no figure)
    ("Acme revenue $1e9", (1e9, "USD")),
    ("Acme revenue $5,00,000", (5e5, "USD")),
    ("Acme revenue Rs 2,35,000 crore", (2.35e12, "INR")),
    ("Acme revenue $0x1F billion", None),
]
feed = os.path.join(work, "numbers.ndjson")
with open(feed, "w") as f:
    for i, (headline, _) in enumerate(cases):
        f.write(json.dumps({"id": f"n{i}", "headline": headline, "published_at": "2026-10-05T12:00:00Z"}) + "\n")
code, out, err = run(["analyze", feed])
assert code == 0, f"analyze: exit {code}: {err}"
results = [json.loads(x) for x in out.splitlines()]
assert len(results) == len(cases), f"{len(results)} analyses for {len(cases)} events"
for (headline, want), got in zip(cases, results):
    figures = [(q.get("value"), q.get("unit")) for q in got.get("quantities", [])]
    if want is None:
        assert not figures, f"{headline!r}: read as {figures}"
    else:
        assert len(figures) == 1, f"{headline!r}: {figures}"
        value, unit = figures[0]
        assert unit == want[1] and abs(value - want[0]) <= 1e-9 * want[0], f"{headline!r}: {value} {unit}, want {want}"
    checks += 1

print(f"{checks} passed, 0 failed")
