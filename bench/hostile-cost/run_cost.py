#!/usr/bin/python3
"""CPU per MB of hostile text through `herald run` on the embedded broker (issue 20).

Starts `herald broker` and `herald run --rules data/rules/demo.yaml`, then for each shape of
hostile_cost.py and each size publishes copies of one event of it (about --total MB) and waits
until herald has processed them. The CPU herald spends (its threads' run time from /proc/PID/task/*/schedstat, less its idle rate measured before each
event times the time it took) per MB of event is printed. Sizes stay under the 1 MiB default
--max-event-bytes (an event over it is dead-lettered unread).

    bench/hostile-cost/run_cost.py --herald build/herald [--shapes figures,multipliers] [--sizes 0.25,0.9]

(Debian's python3 with python3-confluent-kafka, as the integration tests: /usr/bin/python3.)
"""
import argparse
import json
import os
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
sys.path.insert(0, os.path.join(here, "..", "..", "tests", "integration", "pipeline"))
import hostile_cost as hc  # noqa: E402
import herald_harness as h  # noqa: E402


def cpu_seconds(pid):
    """CPU time of the process's live threads, in ns resolution (schedstat; /proc/PID/stat counts ticks)."""
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                total += int(f.read().split()[0])
        except FileNotFoundError:
            pass  # the thread ended
    return total / 1e9


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--herald", default="build/herald")
    ap.add_argument("--shapes", default="")
    ap.add_argument("--sizes", default="0.25,0.9", help="MB of text per event (under 1 MiB)")
    ap.add_argument("--total", type=float, default=3.0, help="MB per point: copies of the event that make it")
    ap.add_argument("--rules", default=os.path.join(here, "..", "..", "data", "rules", "demo.yaml"))
    a = ap.parse_args()
    shapes = hc.pick_shapes(a.shapes, hc.SHAPES)
    sizes = [float(x) for x in a.sizes.split(",")]
    broker, bootstrap = h.start_broker(a.herald, "news:1,alerts:1,news.dlq:1")
    run = None
    try:
        run, port = h.start_run(a.herald, bootstrap, a.rules)
        pid = run.proc.pid
        done = 0

        def one(value, copies=1):
            """CPU seconds per copy of the event, less herald's idle rate (polls, timers) over the time."""
            nonlocal done
            c0, t0 = cpu_seconds(pid), time.monotonic()  # idle rate over the last second
            time.sleep(1.0)
            idle = (cpu_seconds(pid) - c0) / (time.monotonic() - t0)
            c1, t1 = cpu_seconds(pid), time.monotonic()
            h.produce(bootstrap, "news", [(b"AMZN", value, [])] * copies)
            done += copies
            h.wait_for(lambda: h.metric_sum(h.scrape(port), "herald_events_processed_total") >= done, 120,
                       "herald to process the events")
            return max(cpu_seconds(pid) - c1 - idle * (time.monotonic() - t1), 0.0) / copies

        base = min(one(json.dumps(hc.BASELINE).encode(), 20) for _ in range(3))
        print("herald run; one tiny event: %.1f ms CPU" % (base * 1000))
        print("%-20s %s  %s" % ("shape", "  ".join("%10s" % ("%g MB" % s) for s in sizes), "ms/MB at each size"))
        for name in shapes:
            row = []
            for mb in sizes:
                value = json.dumps(hc.SHAPES[name](int(mb * hc.MB)), ensure_ascii=False).encode()
                dead0 = h.metric_sum(h.scrape(port), "herald_events_dead_lettered_total")
                t = max(one(value, max(1, round(a.total * hc.MB / len(value)))) - base, 0.0)
                dead = h.metric_sum(h.scrape(port), "herald_events_dead_lettered_total") > dead0
                row.append((t, t * 1000 / (len(value) / hc.MB), dead))
            # "dlq": the event (JSON, names included) was over --max-event-bytes and dead-lettered unread.
            print("%-20s %s  %s" % (name, "  ".join("%8.3f s" % t for t, _, _ in row),
                                    "  ".join("   dlq" if d else "%6.1f" % p for _, p, d in row)), flush=True)
        assert run.proc.poll() is None, "herald exited"
    finally:
        if run:
            run.kill()
        broker.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
