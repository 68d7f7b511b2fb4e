"""Output that cannot be written fails the command (issue 20, item 12): `herald analyze feed >
/dev/full` (or with stdout closed) exited 0 with every line lost. Every command that writes
output, with stdout on a full device and with stdout closed: exit 1 and one line on stderr that
says so; with stdout working: exit 0. `herald demo` runs its embedded broker for a few events.

usage: output_errors_test.py HERALD_BINARY SOURCE_DIR"""
import os
import subprocess
import sys

herald, src = sys.argv[1:3]
feed = os.path.join(src, "data", "sample-feed.ndjson")
rules = os.path.join(src, "data", "rules", "demo.yaml")

commands = [
    ["analyze", feed],
    ["analyze", "--rules", rules, "--alerts", feed],
    ["analyze", "--explain", feed],
    ["analyze", "--jobs", "3", feed],
    ["backtest", "--rules", rules, feed],
    ["backtest", "--rules", rules, "--baseline", rules, "--json", feed],
    ["rules", "check", rules],
    ["--version"],
    ["analyze", "--help"],
    ["demo", "--events", "40", "--metrics-port", "0"],
    ["demo", "--events", "40", "--metrics-port", "0", "--json"],
]

checks = 0
for args in commands:
    for how in ["full", "closed", "ok"]:
        if how == "full":
            out = open("/dev/full", "wb")
        elif how == "ok":
            out = subprocess.DEVNULL
        else:
            out = None
        kw = {"stdout": out} if out is not None else {"close_fds": True, "pass_fds": ()}
        if how == "closed":
            # Run with descriptor 1 closed (the shell's `>&-`).
            r = subprocess.run(["sh", "-c", 'exec "$@" >&-', "sh", herald, *args], stderr=subprocess.PIPE,
                               text=True, timeout=300)
        else:
            r = subprocess.run([herald, *args], stderr=subprocess.PIPE, text=True, timeout=300, **kw)
        if how == "full":
            out.close()
        lines = [l for l in r.stderr.splitlines() if "cannot write to standard output" in l]
        what = f"herald {' '.join(args)} with stdout {how}: exit {r.returncode}, stderr {r.stderr[-600:]!r}"
        if how == "ok":
            assert r.returncode == 0 and not lines, what
        else:
            assert r.returncode == 1, what
            assert len(lines) == 1, what
        checks += 1
print(f"output_errors: {checks} checks passed")
