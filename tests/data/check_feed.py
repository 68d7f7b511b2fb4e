#!/usr/bin/env python3
"""Checks the bundled sample feed and the event generator; exit 1 with a one-line reason on failure.

    python3 tests/data/check_feed.py [--root /work/main]

Feed (data/sample-feed.ndjson): valid UTF-8, one JSON object per line, required fields with
the right types, RFC 3339 UTC times in order, unique ids, >= 220 events, >= 14 tickers.
Generator (tools/gen_events.py): same seed -> same bytes, different seed -> different bytes,
the requested count, sizes per --size, the exact notable fraction, and the input contract.
"""
import argparse
import json
import os
import re
import subprocess
import sys

RFC3339_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$")
TEXT_FIELDS = ("headline", "summary", "body", "text")


class CheckFailed(Exception):
    pass


def fail(msg):
    raise CheckFailed(msg)


def check_event(ev, where, require_feed_fields):
    """The docs/events.md input contract, plus the fields every bundled/generated event carries."""
    if not isinstance(ev, dict):
        fail(f"{where}: not a JSON object")
    if not any(isinstance(ev.get(f), str) and ev[f].strip() for f in TEXT_FIELDS):
        fail(f"{where}: no non-empty headline/summary/body/text")
    for f in ("id",) + TEXT_FIELDS + ("source", "url"):
        if f in ev and not isinstance(ev[f], str):
            fail(f"{where}: field '{f}' must be a string")
    if require_feed_fields:
        for f in ("id", "headline", "summary", "published_at", "source", "url", "tickers"):
            if f not in ev:
                fail(f"{where}: missing required field '{f}'")
        if not ev["url"].startswith("https://news.example/"):
            fail(f"{where}: url {ev['url']!r} is not under https://news.example/")
    pa = ev.get("published_at")
    if pa is not None and not (isinstance(pa, str) and RFC3339_UTC.match(pa)):
        fail(f"{where}: published_at {pa!r} is not RFC 3339 UTC")
    tickers = ev.get("tickers", [])
    if not isinstance(tickers, list) or not all(isinstance(t, str) and t for t in tickers):
        fail(f"{where}: tickers must be an array of non-empty strings")
    ents = ev.get("entities", [])
    if not isinstance(ents, list):
        fail(f"{where}: entities must be an array")
    for e in ents:
        if not isinstance(e, dict) or not isinstance(e.get("name"), str) or not e["name"]:
            fail(f"{where}: each entity needs a non-empty string 'name'")
        if "ticker" in e and not isinstance(e["ticker"], str):
            fail(f"{where}: entity ticker must be a string")


def read_ndjson(raw, label):
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        fail(f"{label}: invalid UTF-8 at byte {e.start}")
    if not text.endswith("\n"):
        fail(f"{label}: last line does not end with a newline")
    events = []
    for n, line in enumerate(text.split("\n")[:-1], 1):
        try:
            events.append(json.loads(line))
        except json.JSONDecodeError as e:
            fail(f"{label}:{n}: invalid JSON ({e.msg} at column {e.colno})")
    return events


def check_feed(root):
    path = os.path.join(root, "data", "sample-feed.ndjson")
    if not os.path.exists(path):
        fail(f"{path}: missing")
    with open(path, "rb") as f:
        events = read_ndjson(f.read(), path)
    ids = set()
    tickers = set()
    prev = ""
    long_bodies = 0
    for n, ev in enumerate(events, 1):
        where = f"{path}:{n}"
        check_event(ev, where, require_feed_fields=True)
        if ev["id"] in ids:
            fail(f"{where}: duplicate id {ev['id']!r}")
        ids.add(ev["id"])
        if ev["published_at"] < prev:
            fail(f"{where}: published_at {ev['published_at']} is earlier than the line before ({prev})")
        prev = ev["published_at"]
        tickers.update(ev["tickers"])
        tickers.update(e["ticker"] for e in ev.get("entities", []) if "ticker" in e)
        if len(ev.get("body", "").encode("utf-8")) >= 1000:
            long_bodies += 1
    if len(events) < 220:
        fail(f"{path}: {len(events)} events, need at least 220")
    if len(tickers) < 14:
        fail(f"{path}: {len(tickers)} distinct tickers, need at least 14")
    if long_bodies < len(events) // 6:
        fail(f"{path}: only {long_bodies} events have long bodies, expected about a fifth")
    return len(events), len(tickers)


def run_gen(root, *args):
    gen = os.path.join(root, "tools", "gen_events.py")
    proc = subprocess.run([sys.executable, gen, *args], capture_output=True, timeout=300)
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        fail(f"gen_events.py {' '.join(args)}: exit {proc.returncode}: {err[-1] if err else ''}")
    return proc.stdout, proc.stderr


def text_bytes(ev):
    return sum(len(ev.get(f, "").encode("utf-8")) for f in ("headline", "summary", "body"))


def check_generator(root, tmpdir):
    base = ["--count", "400", "--seed", "42", "--notable-fraction", "0.05"]
    a, _ = run_gen(root, *base, "--size", "seed")
    b, _ = run_gen(root, *base, "--size", "seed")
    if a != b:
        fail("gen_events.py: same seed gave different output")
    c, _ = run_gen(root, "--count", "400", "--seed", "43", "--notable-fraction", "0.05", "--size", "seed")
    if a == c:
        fail("gen_events.py: different seeds gave identical output")

    events = read_ndjson(a, "gen_events.py --size seed")
    if len(events) != 400:
        fail(f"gen_events.py: asked for 400 events, got {len(events)}")
    for n, ev in enumerate(events, 1):
        check_event(ev, f"gen_events.py seed line {n}", require_feed_fields=True)
    sizes = sorted(text_bytes(e) for e in events)
    median = sizes[len(sizes) // 2]
    if not (2300 <= median <= 3200) or sizes[0] < 1800:
        fail(f"gen_events.py --size seed: text sizes min {sizes[0]} median {median}, want ~2.5-3 KB")
    if len({e["id"] for e in events}) != len(events):
        fail("gen_events.py: duplicate ids")
    if [e["published_at"] for e in events[:2]] != ["2026-11-01T00:00:00Z", "2026-11-01T00:00:00.050Z"]:
        fail(f"gen_events.py: default --start/--step-ms not honoured: {events[0]['published_at']}, "
             f"{events[1]['published_at']}")
    if len({e["tickers"][0] for e in events}) < 14:
        fail("gen_events.py: fewer than 14 companies in 400 events")

    short, _ = run_gen(root, "--count", "300", "--seed", "1", "--size", "short", "--id-prefix", "s-",
                       "--start", "2026-12-01T10:00:00Z", "--step-ms", "1000")
    sev = read_ndjson(short, "gen_events.py --size short")
    if any("body" in e for e in sev):
        fail("gen_events.py --size short: events carry a body")
    mean = sum(text_bytes(e) for e in sev) / len(sev)
    if not 200 <= mean <= 420:
        fail(f"gen_events.py --size short: mean text size {mean:.0f} B, want ~300 B")
    if sev[0]["id"] != "s-0000000" or sev[1]["published_at"] != "2026-12-01T10:00:01Z":
        fail("gen_events.py: --id-prefix/--start/--step-ms not honoured")

    listfile = os.path.join(tmpdir, "notable.txt")
    mixed, _ = run_gen(root, "--count", "2000", "--seed", "9", "--size", "mixed",
                       "--notable-fraction", "0.1", "--notable-list", listfile)
    mev = read_ndjson(mixed, "gen_events.py --size mixed")
    with open(listfile, encoding="utf-8") as f:
        notable = [line.strip() for line in f if line.strip()]
    if len(notable) != 200:
        fail(f"gen_events.py: --notable-fraction 0.1 of 2000 listed {len(notable)} ids, want 200")
    known = {e["id"] for e in mev}
    if not set(notable) <= known:
        fail("gen_events.py: --notable-list names ids that are not in the output")
    with_body = sum(1 for e in mev if "body" in e) / len(mev)
    if not 0.3 <= with_body <= 0.5:
        fail(f"gen_events.py --size mixed: {with_body:.0%} of events have a body, want ~40%")

    # Notable events carry the alert-worthy language; ordinary ones never do.
    marker = re.compile(r"net loss|cut its|guidance cut|lowers outlook|slashes|fraud|probe|plunge", re.I)
    by_id = {e["id"]: e for e in mev}
    ordinary_hits = [e["id"] for e in mev if e["id"] not in set(notable)
                     and marker.search(e["headline"] + " " + e["summary"] + " " + e.get("body", ""))]
    if ordinary_hits:
        fail(f"gen_events.py: ordinary event {ordinary_hits[0]} contains alert-worthy language")
    growth = re.compile(r"up (\d+(?:\.\d+)?)(?:%| per cent| percent)")
    for e in mev:
        if e["id"] in set(notable):
            continue
        for m in growth.finditer(e["summary"]):
            if float(m.group(1)) >= 40:
                fail(f"gen_events.py: ordinary event {e['id']} has growth {m.group(1)}% >= 40%")
    plain_notable = [i for i in notable if not (marker.search(by_id[i]["summary"]) or any(
        float(m.group(1)) >= 40 for m in growth.finditer(by_id[i]["summary"])))]
    if plain_notable:
        fail(f"gen_events.py: notable event {plain_notable[0]} has nothing alert-worthy in its summary")

    none, _ = run_gen(root, "--count", "50", "--seed", "3", "--notable-fraction", "0")
    if len(read_ndjson(none, "gen_events.py --notable-fraction 0")) != 50:
        fail("gen_events.py --notable-fraction 0: wrong count")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    p.add_argument("--root", default=os.path.dirname(os.path.dirname(here)), help="repository root")
    args = p.parse_args()
    import tempfile
    try:
        n, t = check_feed(args.root)
        with tempfile.TemporaryDirectory() as tmp:
            check_generator(args.root, tmp)
    except CheckFailed as e:
        print(f"check_feed: {e}", file=sys.stderr)
        return 1
    print(f"check_feed: ok (sample feed {n} events, {t} tickers; generator deterministic)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
