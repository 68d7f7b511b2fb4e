#!/usr/bin/env python3
"""Instructions of `Analyzer::analyze` as the figures of one sentence grow (issue 20).

Runs `herald analyze` under callgrind (instruction counts: exact and the same on a loaded machine,
unlike CPU time) on one event per shape and figure count, the unit of the shape repeated in one
sentence, and prints the instructions per unit and what each unit added in each doubling of the
count: (Ir(2n) - Ir(n)) / n. Linear work adds the same per unit at every count (fixed costs
cancel out); a pass that walks the sentence's figures for every figure adds twice as much per
unit each doubling. The growth column is the largest ratio of two successive additions: about 1
for linear work, 2 for quadratic. Counts stay below the 2,048-metric cap
(MetricExtractor::kMaxMetrics), which hides a quadratic pass above it (metrics stop, the text
still grows).

    bench/hostile-cost/figure_growth.py --herald build/herald
    bench/hostile-cost/figure_growth.py --herald build/herald --shapes figures,percents --counts 128,256,512,1024
    bench/hostile-cost/figure_growth.py --herald build/herald --max-growth 1.3   # exit 1 above it

Needs valgrind. Takes about two seconds per point.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

import hostile_cost as hc  # the events and the shape and exit helpers it shares

# name -> the unit repeated (one sentence: no unit ends in a period before a capital).
SHAPES = {
    "figures": "revenue $5B. ",
    "percents": "revenue up 5% ",
    "figures_changes": "revenue $5B, up 5%, ",
    "priors": "revenue rose to $5B from $4B, ",
    "ranges": "revenue of $1.2-$1.5 billion ",
    "lists": "revenue and income were $3B and $2B, respectively, ",
    "periods": "revenue $5B in Q1 2026 ",
    "margins": "operating margin 14.2%, ",
    "bp": "gross margin widened 120 bp ",
    "conversions": "EUR 46 million (USD 64.5 m) ",
    "bracket_comparisons": "EUR 44.1 ( 39.2 ) million ",
    "segments": "AWS grew 20% Azure grew 30% ",
    "company_figures": "Amazon revenue $5B Apple revenue $4B ",
    "pledges": "will invest $9 billion in a plant, ",
    "counts": "delivered 384,122 vehicles, ",
    "basis": "revenue up 5% year over year compared with the prior-year period, ",
    "multipliers": "revenue doubled ",
}


def instructions(herald, path):
    with tempfile.NamedTemporaryFile(suffix=".cg") as out:
        proc = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out.name,
             "--toggle-collect=herald::analysis::Analyzer::analyze*",
             herald, "analyze", "--jobs", "1", "--max-future-skew", "0", path],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if proc.returncode != 0:
            raise SystemExit("herald analyze failed under valgrind on %s:\n%s" % (path, proc.stderr[-2000:]))
        m = re.search(r"Collected : (\d+)", proc.stderr)
        if not m:
            raise SystemExit("no instruction count in callgrind's output:\n" + proc.stderr[-2000:])
        return int(m.group(1))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--herald", default="build/herald")
    ap.add_argument("--shapes", default="", help="comma-separated shape names (default: all)")
    ap.add_argument("--counts", default="128,256,512,1024", help="units per event (at least three)")
    ap.add_argument("--max-growth", type=float, default=0,
                    help="exit 1 when what a unit adds grows by more from one doubling to the next")
    ap.add_argument("--json", action="store_true", help="one JSON object per shape")
    ap.add_argument("--list", action="store_true")
    a = ap.parse_args()
    if a.list:
        print("\n".join("%-20s %r" % kv for kv in SHAPES.items()))
        return 0
    shapes = hc.pick_shapes(a.shapes, SHAPES)
    counts = [int(x) for x in a.counts.split(",")]
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "event.ndjson")
        if not a.json:
            print("%-20s %s  %s  %s" % ("shape", " ".join("%9s" % ("Ir/u@%d" % c) for c in counts),
                                        " ".join("%9s" % ("+/u@%d" % c) for c in counts[1:]), "growth"))
        for name in shapes:
            per_unit, added, irs = [], [], []
            for n in counts:
                hc.write_events(path, hc.body_event(SHAPES[name] * n, id="growth"))
                ir = instructions(a.herald, path)
                per_unit.append(ir / n)
                if irs:
                    added.append((ir - irs[-1]) / (n - prev_n))
                irs.append(ir)
                prev_n = n
            worst = max([b / x for x, b in zip(added, added[1:]) if x > 0] or [0.0])
            if a.json:
                print(json.dumps({"shape": name, "counts": counts, "ir_per_unit": per_unit, "ir_added_per_unit": added,
                                  "growth": worst}), flush=True)
            else:
                print("%-20s %s  %s  %6.2f" % (name, " ".join("%9.0f" % x for x in per_unit),
                                               " ".join("%9.0f" % x for x in added), worst), flush=True)
            if a.max_growth and worst > a.max_growth:
                failed.append(name)
    return hc.exit_status(failed, "over --max-growth")


if __name__ == "__main__":
    sys.exit(main())
