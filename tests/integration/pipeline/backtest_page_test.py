"""The `herald backtest --html` page opened in headless Chromium (Debian's `chromium`, driven over
the DevTools protocol with python3-websocket, tests/integration/console/cdp.py): it loads with no
console error; the rules table is laid out with one visible row per rule holding the numbers of
the `--json` report; every rule's timeline chart is drawn (an SVG of its size, styled bars whose
rendered heights are proportional to their counts, inside the chart, the two sides in their two
colours, summing to the rule's alerts before and after); the examples and their highlighted
evidence are shown. A screenshot goes to WORK_DIR/backtest-page.png.

Exit 77 (skipped, the reason on stdout) only when chromium is installed but cannot start here;
without chromium it fails, saying what to install (scripts/setup.sh test).

usage: backtest_page_test.py HERALD_BINARY SOURCE_DIR WORK_DIR"""
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "console"))
import cdp  # noqa: E402

herald, src, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
NOW = "2026-12-31T00:00:00Z"

BASELINE = """rules:
  - id: growth
    severity: info
    when: metric("revenue").change.percent >= 40%
  - id: negative
    severity: warning
    when: sentiment.score <= -0.5
  - id: loss
    severity: warning
    when: metric("net_income").value < 0
"""
CANDIDATE = BASELINE.replace(">= 40%", ">= 60%").replace(
    """severity: warning
    when: metric("net_income")""", """severity: critical
    when: metric("net_income")""") + """  - id: positive
    severity: info
    when: sentiment.score >= 0.6
"""


def write(name, text):
    path = os.path.join(work, name)
    with open(path, "w") as f:
        f.write(text)
    return path


# Chromium present but unable to start (no usable sandbox, display or shared memory): skip.
browser_bin = cdp.find_chromium()
probe = subprocess.run([browser_bin, "--headless=new", "--no-sandbox", "--disable-gpu", "--dump-dom", "about:blank"],
                       capture_output=True, text=True, timeout=120,
                       env={k: v for k, v in os.environ.items() if k != "LD_PRELOAD"})
if probe.returncode != 0 or "<html" not in probe.stdout:
    reason = ([l for l in probe.stderr.splitlines() if l.strip()] or [f"exit {probe.returncode}"])[-1]
    print(f"SKIP: {browser_bin} cannot run headless here: {reason}")
    sys.exit(77)

feed = os.path.join(work, "feed.ndjson")
with open(feed, "w") as f:  # 10-minute steps: about three weeks of news, a timeline with many days
    subprocess.run([sys.executable, os.path.join(src, "tools", "gen_events.py"), "--count", "3000", "--seed", "17",
                    "--size", "short", "--notable-fraction", "0.2", "--step-ms", "600000"], stdout=f, check=True)
base, cand = write("baseline.yaml", BASELINE), write("candidate.yaml", CANDIDATE)
common = ["backtest", "--now", NOW, "--rules", cand, "--baseline", base, feed]
r = subprocess.run([herald, *common, "--json"], capture_output=True, text=True, timeout=600)
assert r.returncode == 0, r.stderr
report = json.loads(r.stdout)
page = os.path.join(work, "report.html")
r = subprocess.run([herald, *common, "--html", page], capture_output=True, text=True, timeout=600)
assert r.returncode == 0, r.stderr
rules = report["rules"]
t = report["total"]
assert t["added"] > 0 and t["removed"] > 0 and t["changed"] > 0, f"the change must add, remove and change: {t}"

# Everything measured in one evaluation: the page as the browser laid it out.
MEASURE = r"""(() => {
  const box = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; };
  const table = document.querySelector('table#rules');
  const rows = [...table.querySelectorAll('tr')].map((tr) => ({
    box: box(tr), cells: [...tr.children].map((c) => c.textContent.trim()),
    visible: getComputedStyle(tr).display !== 'none'}));
  const sections = [...document.querySelectorAll('section')].map((s) => {
    const svg = s.querySelector('svg.timeline');
    return {
      id: s.id,
      svg: svg ? box(svg) : null,
      bars: svg ? [...svg.querySelectorAll('rect')].map((r) => ({
        cls: r.getAttribute('class'), alerts: +r.dataset.alerts, box: box(r),
        fill: getComputedStyle(r).fill})) : [],
      examples: [...s.querySelectorAll('div.example')].map((d) => ({cls: d.className, box: box(d)})),
      marks: [...s.querySelectorAll('mark')].map((m) => ({box: box(m), bg: getComputedStyle(m).backgroundColor})),
    };
  });
  return {title: document.title, rows, sections, width: document.documentElement.scrollWidth};
})()"""

browser = cdp.Browser(1400, 1000)
try:
    browser.navigate("file://" + page)
    got = browser.eval(MEASURE)
    browser.drain()
    assert not browser.errors, f"console errors: {browser.errors}"
    browser.screenshot(os.path.join(work, "backtest-page.png"))
finally:
    browser.close()

assert got["title"].startswith("herald backtest: "), got["title"]
# The rules table: a header and one laid-out row per rule, with the JSON report's counts.
rows = got["rows"]
assert len(rows) == len(rules) + 1, f"{len(rows)} table rows for {len(rules)} rules"
for row, rule in zip(rows[1:], rules):
    assert row["visible"] and row["box"][2] > 200 and row["box"][3] > 5, f"row of {rule['rule']} not laid out: {row}"
    name, before, after, added, removed, changed = row["cells"][:6]
    assert name.startswith(rule["rule"]), (name, rule["rule"])
    assert [int(before), int(after), int(added), int(removed), int(changed)] == \
        [rule["before"]["fired"], rule["after"]["fired"], rule["added"], rule["removed"], rule["changed"]], \
        f"{rule['rule']}: table {row['cells']} vs the JSON report"
assert all(rows[i]["box"][1] < rows[i + 1]["box"][1] for i in range(len(rows) - 1)), "rows stacked in order"

# The charts: drawn at their size, bars inside, heights proportional to counts, two colours.
colours = {}
for sec, rule in zip(got["sections"], rules):
    what = f"chart of {rule['rule']}"
    sx, sy, sw, sh = sec["svg"]
    assert sw >= 300 and sh >= 80, f"{what}: drawn {sw}x{sh}"
    bars = [b for b in sec["bars"] if b["alerts"] > 0]
    per_side = {"before": 0, "after": 0}
    for b in bars:
        per_side[b["cls"]] += b["alerts"]
        x, y, w, hgt = b["box"]
        assert w > 0 and hgt > 0, f"{what}: bar not drawn {b}"
        assert sx - 0.5 <= x and x + w <= sx + sw + 0.5 and sy - 0.5 <= y and y + hgt <= sy + sh + 0.5, \
            f"{what}: bar outside the chart {b} vs {sec['svg']}"
        colours.setdefault(b["cls"], set()).add(b["fill"])
    assert per_side == {"before": rule["before"]["fired"], "after": rule["after"]["fired"]}, \
        f"{what}: bars sum to {per_side}, the report says {rule['before']['fired']}/{rule['after']['fired']}"
    if bars:
        top = max(bars, key=lambda b: b["alerts"])
        for b in bars:  # height / count is the chart's one scale (to a pixel)
            want = top["box"][3] * b["alerts"] / top["alerts"]
            assert abs(b["box"][3] - want) <= 1.0, f"{what}: bar of {b['alerts']} is {b['box'][3]:.1f} px, not {want:.1f}"
    # Examples shown, their evidence highlighted.
    for kind in ("added", "removed", "changed"):
        shown = [e for e in sec["examples"] if f"{kind}-example" in e["cls"]]
        assert len(shown) == len(rule["examples"][kind]), f"{what}: {len(shown)} {kind} examples"
        assert all(e["box"][3] > 0 for e in shown), f"{rule['rule']}: an example not laid out"
    for m in sec["marks"]:
        assert m["box"][2] > 0 and m["bg"] == "rgb(255, 243, 176)", f"{rule['rule']}: evidence not highlighted {m}"
assert colours.get("before") == {"rgb(170, 170, 170)"} and colours.get("after") == {"rgb(9, 105, 218)"}, colours
assert got["width"] <= 1400 + 20, f"the page scrolls sideways: {got['width']} px"
marks = sum(len(s["marks"]) for s in got["sections"])
bars = sum(len(s["bars"]) for s in got["sections"])
print(f"backtest page in {os.path.basename(browser_bin)}: {len(rules)} rules, {bars} bars, {marks} highlighted "
      f"evidence, no console error: ok")
