#!/usr/bin/env python3
"""CPU cost per MB of hostile text through `herald analyze`.

Generates one event per shape and size (repeated figures, many company names, long tokens,
sentences without periods, nested brackets, percent signs, numbers with thousands of digits,
event-named entities, ...), runs `herald analyze` on it and reports the CPU time (user + system,
of the child, minus the cost of a tiny event) per MB of event and the growth per doubling.
Linear work shows a ratio near 2 per doubling; a quadratic pass shows about 4.

    bench/hostile-cost/hostile_cost.py --herald build/herald                  # every shape, 0.25-2 MB
    bench/hostile-cost/hostile_cost.py --herald build/herald --shapes figures --sizes 0.25,0.5
    bench/hostile-cost/hostile_cost.py --herald build/herald --sizes 0.0078,0.031 --total 2   # small events, 2 MB of each
    bench/hostile-cost/hostile_cost.py --list

Exit status 1 when a shape exceeds --max-ms-per-mb or --max-ratio (as a check), else 0.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time

MB = 1 << 20

COMPANIES = ["Amazon", "Apple", "Microsoft", "Alphabet", "Meta", "Nvidia", "Tesla", "Boeing", "Intel", "Oracle",
             "Netflix", "Walmart", "Pfizer", "Exxon", "Chevron", "AMD", "Broadcom", "Salesforce", "Adobe", "IBM"]
PROSE = ("Analysts said the company expects strong demand to continue while margins improve and costs fall "
         "as the new products reach more customers across every region ")


def repeat_to(unit, size):
    return (unit * (size // len(unit) + 1))[:size]


def words_to(make, size):
    """Joins make(i) for i = 0, 1, ... until the text reaches size bytes."""
    parts, n, i = [], 0, 0
    while n < size:
        w = make(i)
        parts.append(w)
        n += len(w)
        i += 1
    return "".join(parts)[:size]


def body_event(text, **extra):
    ev = {"id": "hostile", "headline": "Hostile input", "body": text, "published_at": "2026-10-05T12:00:00Z",
          "tickers": ["AMZN"]}
    ev.update(extra)
    return ev


def pick_shapes(spec, table):
    """The shapes a comma-separated --shapes names, all of table's when it names none."""
    shapes = [s for s in spec.split(",") if s] or list(table)
    for s in shapes:
        if s not in table:
            raise SystemExit("unknown shape %r; the shapes are: %s" % (s, ", ".join(table)))
    return shapes


def write_events(path, event, copies=1):
    """Writes `copies` NDJSON lines of event to path; returns the file's size."""
    line = json.dumps(event, ensure_ascii=False) + "\n"
    with open(path, "w") as f:
        for _ in range(copies):
            f.write(line)
    return os.path.getsize(path)


def exit_status(failed, what):
    """1 (saying which shapes) when any shape failed a check, else 0."""
    if failed:
        print(what + ": " + ", ".join(failed), file=sys.stderr)
        return 1
    return 0


def rng_names(i):
    r = random.Random(i)
    return "".join(r.choice("bcdfghklmnprstvz") + r.choice("aeiou") for _ in range(4)).capitalize()


# name -> function(size in bytes of text) -> event. The text is about `size` bytes; JSON escapes
# add little (shapes avoid characters JSON escapes, except where that is the point).
SHAPES = {
    # The case: one sentence ("B." reads as an initial), 77 k figures per MB.
    "figures": lambda n: body_event(repeat_to("revenue $5B. ", n)),
    "figures_no_kind": lambda n: body_event(repeat_to("$5B ", n)),
    "figures_sentences": lambda n: body_event(repeat_to("Revenue rose 5% to $5B. ", n)),
    "figures_changes": lambda n: body_event(repeat_to("revenue $5B, up 5%, ", n)),
    "priors": lambda n: body_event(repeat_to("revenue rose to $5B from $4B, ", n)),
    "prior_of_kind": lambda n: body_event(repeat_to("compared with revenue of $2.4 billion ", n)),
    "conversions": lambda n: body_event(repeat_to("EUR 46 million (USD 64.5 m) ", n)),
    "paren_amounts": lambda n: body_event("net sales EUR 845.2 million " + repeat_to("(1.2) ", n)),
    "ranges": lambda n: body_event(repeat_to("revenue of $1.2-$1.5 billion ", n)),
    "percents": lambda n: body_event(repeat_to("revenue up 5% ", n)),
    "percent_signs": lambda n: body_event(repeat_to("%", n)),
    "percent_numbers": lambda n: body_event(repeat_to("5% ", n)),
    "bp": lambda n: body_event(repeat_to("gross margin widened 120 bp ", n)),
    "margins": lambda n: body_event(repeat_to("operating margin 14.2%, ", n)),
    "kind_words": lambda n: body_event(repeat_to("revenue ", n)),
    "kind_phrases": lambda n: body_event(repeat_to("AWS revenue operating income run rate backlog ", n)),
    "multipliers": lambda n: body_event(repeat_to("revenue doubled ", n)),
    "multiplier_text": lambda n: body_event(repeat_to("doubled tripled halved ", n)),
    "periods": lambda n: body_event(repeat_to("revenue $5B in Q1 2026 ", n)),
    "period_words": lambda n: body_event(repeat_to("first quarter of 2010 fiscal 2025 ", n)),
    "forecast_cues": lambda n: body_event(repeat_to("expected by 2028 revenue $5B ", n)),
    "long_sentence_prose": lambda n: body_event(repeat_to(PROSE, n)),
    "prose_sentences": lambda n: body_event(repeat_to("The company said demand was strong. ", n)),
    "company_names": lambda n: body_event(words_to(lambda i: COMPANIES[i % len(COMPANIES)] + " ", n)),
    "company_figures": lambda n: body_event(words_to(lambda i: COMPANIES[i % len(COMPANIES)] + " revenue $5B ", n)),
    "segments": lambda n: body_event(repeat_to("AWS grew 20% Azure grew 30% Google Cloud grew 34% ", n)),
    "references": lambda n: body_event("Amazon said " + repeat_to("the company ", n)),
    "alias_repeat": lambda n: body_event(repeat_to("AWS ", n)),
    "possessives": lambda n: body_event(repeat_to("Amazon's ", n)),
    "unknown_names": lambda n: body_event(words_to(lambda i: rng_names(i) + " ", n)),
    "capital_words": lambda n: body_event(repeat_to("Xyzzy ", n)),
    "long_word": lambda n: body_event("a" * n),
    "long_number": lambda n: body_event("$" + "9" * (n - 1)),
    "long_decimal": lambda n: body_event("$1." + "9" * (n - 3)),
    "long_grouped": lambda n: body_event("$1" + repeat_to(",000", n - 2)),
    "digits_spaced": lambda n: body_event(repeat_to("9 ", n)),
    "brackets": lambda n: body_event("(" * (n // 2) + ")" * (n // 2)),
    "bracket_figures": lambda n: body_event(repeat_to("($5B) ", n)),
    "dashes": lambda n: body_event(repeat_to("5-", n)),
    "en_dashes": lambda n: body_event(repeat_to("$5\u2013", n // 2)),
    "dots": lambda n: body_event(repeat_to("B.", n)),
    "initials": lambda n: body_event(repeat_to("J. ", n)),
    "newlines": lambda n: body_event(repeat_to("revenue $5B\n", n)),
    "currency_codes": lambda n: body_event(repeat_to("USD 5bn EUR 4bn ", n)),
    "euro_signs": lambda n: body_event(repeat_to("\u20ac5bn ", n // 2)),
    "plus": lambda n: body_event(repeat_to("$5B plus ", n)),
    # Figures as written in news (issue 14 item 7): dense currency amounts of every form, ranges,
    # number words, decimal commas and bracketed comparisons.
    "currency_amounts": lambda n: body_event(repeat_to(
        "C$5bn, EUR 4,5 mn, 12.5 MEUR, \u00a33m, US$7 billion, 75 USD million, RM50 million, 5\u4ebf\u5143, ", n)),
    "range_forms": lambda n: body_event(repeat_to("20-25% $1.2bn-$1.5bn between 5 and 7 percent EUR 10-12 mn ", n)),
    "number_words": lambda n: body_event(repeat_to("five billion dollars, half a million euros, ten percent, ", n)),
    "number_words_bare": lambda n: body_event(repeat_to("one two three hundred thousand million ", n)),
    "bracket_comparisons": lambda n: body_event(repeat_to("EUR 44.1 ( 39.2 ) million EUR 5.1 mn ( 4.9 ) ", n)),
    "decimal_commas": lambda n: body_event(repeat_to("EUR 12,4 mn EUR512 ,000 ", n)),
    "qualifiers": lambda n: body_event(repeat_to("more than about $5B ", n)),
    "sentiment_words": lambda n: body_event(repeat_to("strong growth beat weak loss ", n)),
    "negations": lambda n: body_event(repeat_to("not ", n)),
    "hint_entities": lambda n: {  # event-named entities, each also in the text
        "id": "hostile", "headline": "Hostile input", "published_at": "2026-10-05T12:00:00Z",
        "entities": [{"name": rng_names(i) + " Corp"} for i in range(n // 32)],
        "body": words_to(lambda i: rng_names(i) + " Corp ", n // 2)},
    "hint_same_start": lambda n: {  # event-named entities that all start alike
        "id": "hostile", "headline": "Hostile input", "published_at": "2026-10-05T12:00:00Z",
        "entities": [{"name": "Acme Holdings %d" % i} for i in range(n // 48)],
        "body": repeat_to("Acme Holdings ", n // 2)},
    "tickers": lambda n: {
        "id": "hostile", "headline": "revenue $5B", "published_at": "2026-10-05T12:00:00Z",
        "tickers": ["T%05d" % i for i in range(n // 9)]},
}

BASELINE = {"id": "base", "headline": "Amazon revenue rose 5% to $5B", "published_at": "2026-10-05T12:00:00Z"}


MODE_ARGS = {"analyze": [], "alerts": None}  # alerts: --rules RULES --alerts (what `herald run` computes)


def run_once(herald, path, timeout):
    """CPU seconds (user + system) of one `herald analyze` run on path, or None on timeout."""
    start = time.monotonic()
    with open(os.devnull, "wb") as devnull:
        proc = subprocess.Popen([herald, "analyze", "--max-event-bytes", str(64 * MB), *MODE_ARGS["current"], path],
                                stdout=devnull, stderr=subprocess.PIPE)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                os.wait4(proc.pid, 0)
                return None
            time.sleep(0.01)
    err = proc.stderr.read().decode(errors="replace").strip()
    if os.waitstatus_to_exitcode(status) != 0 or err:
        raise SystemExit("herald analyze failed on %s: %s" % (path, err or status))
    return usage.ru_utime + usage.ru_stime


def measure(herald, event, tmp, repeat, timeout, copies=1):
    path = os.path.join(tmp, "event.ndjson")
    size = write_events(path, event, copies)
    best = None
    for _ in range(repeat):  # the least CPU of the runs: noise only ever adds
        t = run_once(herald, path, timeout)
        if t is None:
            return size, None
        best = t if best is None else min(best, t)
    return size, best


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--herald", default="build/herald")
    ap.add_argument("--shapes", default="", help="comma-separated shape names (default: all)")
    ap.add_argument("--sizes", default="0.25,0.5,1,2", help="MB of text per event")
    ap.add_argument("--repeat", type=int, default=3, help="runs per point; the least CPU counts")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per run before giving up on a shape")
    ap.add_argument("--max-ms-per-mb", type=float, default=0, help="fail when a shape's largest size exceeds it")
    ap.add_argument("--max-ratio", type=float, default=0, help="fail when a doubling multiplies CPU by more")
    ap.add_argument("--total", type=float, default=0,
                    help="MB per point: as many events of each size as make it (steady state, as in herald run: "
                         "buffers grown once, a one-shot run's page faults spread); default one event")
    ap.add_argument("--json", action="store_true", help="one JSON object per shape instead of a table")
    ap.add_argument("--mode", choices=["analyze", "alerts"], default="analyze",
                    help="analyze: print analyses (JSON per event); alerts: --rules RULES --alerts, the analysis and "
                         "rule evaluation `herald run` does, without printing every figure")
    ap.add_argument("--rules", default=os.path.join(os.path.dirname(__file__), "..", "..", "data", "rules", "demo.yaml"))
    ap.add_argument("--list", action="store_true")
    a = ap.parse_args()
    if a.list:
        print("\n".join(SHAPES))
        return 0
    MODE_ARGS["current"] = [] if a.mode == "analyze" else ["--rules", a.rules, "--alerts"]
    shapes = pick_shapes(a.shapes, SHAPES)
    sizes = [float(x) for x in a.sizes.split(",")]
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        _, base = measure(a.herald, BASELINE, tmp, max(a.repeat, 3), a.timeout)
        if not a.json:
            print("mode %s; baseline (start-up + one tiny event): %.1f ms CPU" % (a.mode, base * 1000))
            print("%-20s %s  %s" % ("shape", "  ".join("%9s" % ("%g MB" % s) for s in sizes),
                                    "ms/MB at largest  worst ratio/doubling"))
        for name in shapes:
            row, prev, worst_ratio, per_mb = [], None, 0.0, None
            for mb in sizes:
                copies = max(1, int(a.total * MB / (mb * MB))) if a.total else 1
                size, t = measure(a.herald, SHAPES[name](int(mb * MB)), tmp, a.repeat, a.timeout, copies)
                if t is None:
                    row.append(None)
                    per_mb = float("inf")
                    break
                cost = max(t - base, 0.0)
                row.append(cost)
                per_mb = cost * 1000 / (size / MB)
                if prev is not None and prev > 0.02:  # below 20 ms the ratio is noise
                    worst_ratio = max(worst_ratio, cost / prev)
                prev = cost
            if a.json:
                print(json.dumps({"shape": name, "sizes_mb": sizes, "cpu_s": row, "ms_per_mb": per_mb,
                                  "worst_ratio": worst_ratio}), flush=True)
            else:
                cells = "  ".join("%9s" % ("timeout" if c is None else "%.3f s" % c) for c in row)
                print("%-20s %s  %10.1f  %6.2f" % (name, cells, per_mb, worst_ratio), flush=True)
            if (a.max_ms_per_mb and per_mb > a.max_ms_per_mb) or (a.max_ratio and worst_ratio > a.max_ratio):
                failed.append(name)
    return exit_status(failed, "over the limits")


if __name__ == "__main__":
    sys.exit(main())
