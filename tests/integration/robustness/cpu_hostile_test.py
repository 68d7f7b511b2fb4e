"""Text that used to cost CPU quadratic in its size, through a running `herald run` (issue 20,
items 7 and 10). Inputs are generated here: events of about 0.9 MB each of repeated figures
("revenue $5B. ", 22-25 s of CPU per MB before the analysis passes were made linear), figures
with changes, segment growth, periods and event-named entities, then an ordinary story in the
same partition. Asserts: herald stays up; the ordinary story behind them is processed within
10 s (two 520 KB events delayed it by ~13 s before); the CPU herald spends on the hostile events
stays under 1 s per MB (measured from /proc; the figure is printed: about 0.1-0.2 s/MB in a
release build, bench/hostile-cost has the per-shape table); and the entity-sentiment series stay
bounded: 2,000 events naming new companies add no series, and with --entity-sentiment-series 5
ten known companies give 5 series, the other updates counted as untracked. Exit 0 on SIGTERM.

usage: cpu_hostile_test.py HERALD_BINARY SOURCE_DIR WORK_DIR"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "pipeline"))
import herald_harness as h  # noqa: E402

herald, src, work = sys.argv[1:4]
rules = os.path.join(src, "tests", "integration", "pipeline", "pipeline-rules.yaml")
SIZE = 900_000  # under the 1 MiB --max-event-bytes; 4 of them fit the embedded broker's partition


def repeat_to(unit, n):
    return (unit * (n // len(unit) + 1))[:n]


def name(i):
    c, v = "bcdfghklmnprstvz", "aeiou"
    return "".join(c[(i >> (4 * k)) % 16] + v[(i * 7 + k) % 5] for k in range(4)).capitalize()


def event(i, **fields):
    ev = {"id": f"hostile-{i}", "headline": "Hostile input", "published_at": "2026-10-05T12:00:00Z",
          "tickers": ["AMZN"]}
    ev.update(fields)
    return json.dumps(ev).encode()


hostile = [
    event(0, body=repeat_to("revenue $5B. ", SIZE)),
    event(1, body=repeat_to("revenue $5B, up 5%, ", SIZE)),
    event(2, body=repeat_to("AWS grew 20% Azure grew 30% Google Cloud grew 34% ", SIZE)),
    event(3, body=repeat_to("revenue $5B in Q1 2026 ", SIZE // 2),
          entities=[{"name": name(i) + " Corp"} for i in range(SIZE // 64)]),
]
hostile_mb = sum(len(v) for v in hostile) / (1 << 20)
ordinary = event(99, headline="Amazon Q3 revenue rises 11% to $158.9 billion, AWS up 20%")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def processed(port):
    return h.metric_sum(h.scrape(port), "herald_events_processed_total")


broker, bootstrap = h.start_broker(herald, "news:1,alerts:1,news.dlq:1")
run = None
try:
    run, port = h.start_run(herald, bootstrap, rules, extra=["--entity-sentiment-series", "5"])
    pid = run.proc.pid

    # 1. Hostile text, then an ordinary story behind it in the same partition.
    cpu0 = cpu_seconds(pid)
    h.produce(bootstrap, "news", [(b"AMZN", v, []) for v in hostile])
    t_ordinary = time.monotonic()
    h.produce(bootstrap, "news", [(b"AMZN", ordinary, [])])
    h.wait_for(lambda: processed(port) >= len(hostile) + 1, 120, "the ordinary story behind the hostile events")
    delay = time.monotonic() - t_ordinary
    cpu = cpu_seconds(pid) - cpu0
    assert run.proc.poll() is None, "herald exited"
    print(f"hostile: {len(hostile)} events, {hostile_mb:.2f} MB, {cpu:.2f} s of CPU ({cpu / hostile_mb:.3f} s/MB); "
          f"the ordinary story behind them processed {delay:.2f} s after it was produced")
    assert delay < 10, f"the ordinary story waited {delay:.1f} s behind the hostile events"
    assert cpu / hostile_mb < 1.0, f"{cpu / hostile_mb:.2f} s of CPU per MB of hostile text"

    # 2. Entity-sentiment series: new companies add none; known ones stop at the cap.
    text0 = h.scrape(port)
    series0 = h.metric_values(text0, "herald_entity_sentiment_score")
    untracked0 = h.metric_sum(text0, "herald_entity_sentiment_untracked_total")
    newcos = [event(1000 + i, headline=f"{name(i)} Holdings shares jump on results", tickers=[],
                    entities=[{"name": f"{name(i)} Holdings", "ticker": f"N{i:05d}"}]) for i in range(2000)]
    known = ["Apple", "Microsoft", "Nvidia", "Tesla", "Boeing", "Intel", "Oracle", "Netflix", "Walmart", "Pfizer"]
    knowns = [event(5000 + i, headline=f"{c} shares jump on strong results", tickers=[]) for i, c in enumerate(known)]
    h.produce(bootstrap, "news", [(None, v, []) for v in newcos + knowns])
    total = len(hostile) + 1 + len(newcos) + len(knowns)
    h.wait_for(lambda: processed(port) >= total, 120, f"herald to process {total} events")
    text = h.scrape(port)
    series = h.metric_values(text, "herald_entity_sentiment_score")
    untracked = h.metric_sum(text, "herald_entity_sentiment_untracked_total") - untracked0
    print(f"entity sentiment: {len(series0)} series after the hostile events, {len(series)} after 2,000 new "
          f"companies and {len(known)} known ones (cap 5); {untracked:.0f} updates untracked")
    assert not any("N0" in k or "N1" in k for k in series), "a ticker outside the alias table got a series"
    assert len(series) == 5, f"{len(series)} entity sentiment series with --entity-sentiment-series 5"
    assert untracked >= len(newcos) + len(known) - 5, f"only {untracked} untracked updates"

    assert run.stop() == 0, "herald run did not exit 0 on SIGTERM"
    run = None
    print("1 passed, 0 failed")
finally:
    if run:
        run.kill()
    broker.kill()
