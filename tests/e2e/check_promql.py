#!/usr/bin/env python3
"""Evaluates every PromQL expression of herald's Grafana dashboard and alerting rules
against a running Prometheus and checks that each one returns data.

    tests/e2e/check_promql.py http://127.0.0.1:9090 [--wait 60] [--rate-interval 1m]
    tests/e2e/check_promql.py --list          # the expressions, as in deploy/promql-expressions.txt

The expressions are read from deploy/grafana/dashboards/herald.json and
deploy/prometheus/herald-alerts.yml themselves, so a panel or rule added there is checked
without further edits. Grafana's variables are substituted first: $__rate_interval,
$__interval and $__range by the options below, template variables ($job, $instance,
$ticker, ...) by their current value in the dashboard (the All value when All is selected)
or by --var NAME=VALUE.

"Returns data" means at least one sample that is not NaN (--allow-nan accepts NaN, e.g.
a histogram quantile over a window without observations). An alert expression whose
condition does not hold returns nothing by design; it passes when every operand of its
comparisons and and/or/unless operators returns data, i.e. every series the rule reads exists.

Exit status: 0 all passed, 1 some failed, 2 usage error or Prometheus unreachable.
The last line is "N passed, N failed".
"""
import argparse
import json
import math
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_DASHBOARD = os.path.join(ROOT, "deploy", "grafana", "dashboards", "herald.json")
DEFAULT_ALERTS = os.path.join(ROOT, "deploy", "prometheus", "herald-alerts.yml")


class Expr:
    def __init__(self, kind, name, text):
        self.kind = kind  # "panel" or "alert"
        self.name = name
        self.text = " ".join(text.split())  # one line: YAML folding and JSON may keep newlines


def dashboard_exprs(path):
    with open(path, encoding="utf-8") as f:
        dash = json.load(f)
    out = []

    def walk(panels):
        for p in panels:
            walk(p.get("panels", []))
            for t in p.get("targets", []):
                if t.get("expr"):
                    out.append(Expr("panel", f'{p.get("title", "?")} [{t.get("refId", "?")}]', t["expr"]))

    walk(dash.get("panels", []))
    return dash, out


def alert_exprs(path):
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    out = []
    for group in doc.get("groups", []):
        for rule in group.get("rules", []):
            name = rule.get("alert") or rule.get("record") or "?"
            out.append(Expr("alert", name, str(rule["expr"])))
    return out


def template_values(dash, overrides):
    """Value each dashboard template variable stands for when the dashboard opens."""
    values = {}
    for var in dash.get("templating", {}).get("list", []):
        name = var.get("name")
        current = var.get("current", {}).get("value")
        if isinstance(current, list):
            if "$__all" in current:
                value = var.get("allValue") or ".*"
            else:
                value = "|".join(str(v) for v in current)
        elif current == "$__all":
            value = var.get("allValue") or ".*"
        else:
            value = "" if current is None else str(current)
        values[name] = value
    values.update(overrides)
    return values


def substitute(text, builtins, variables):
    names = {**variables, **builtins}

    def repl(m):
        name = m.group("b") or m.group("p") or m.group("s")
        if name not in names:
            raise KeyError(name)
        return names[name]

    # ${name}, ${name:format}, [[name]] and $name (longest names first is implied by \w+).
    pattern = r"\$\{(?P<b>\w+)(?::\w+)?\}|\[\[(?P<s>\w+)\]\]|\$(?P<p>\w+)"
    return re.sub(pattern, repl, text)


# ---- splitting an alert expression into the operands of its top-level operators ----

_WORD = re.compile(r"[A-Za-z0-9_:]")
_SET_OPS = ("and", "or", "unless")
_COMPARE = ("==", "!=", ">=", "<=", ">", "<")


def _skip_modifiers(s, i):
    """Skips `bool`, `on(...)`, `ignoring(...)`, `group_left(...)`, `group_right(...)` at s[i:]."""
    while True:
        j = i
        while j < len(s) and s[j].isspace():
            j += 1
        m = re.match(r"(bool|on|ignoring|group_left|group_right)\b", s[j:])
        if not m:
            return i
        j += m.end()
        k = j
        while k < len(s) and s[k].isspace():
            k += 1
        if k < len(s) and s[k] == "(":
            depth = 0
            while k < len(s):
                depth += s[k] == "("
                depth -= s[k] == ")"
                k += 1
                if depth == 0:
                    break
            j = k
        i = j


def split_operands(s):
    """Top-level operands of comparison and set operators; [s] when there are none."""
    parts, start, depth, i = [], 0, 0, 0
    while i < len(s):
        c = s[i]
        if c in "\"'`":
            end = s.find(c, i + 1)
            while end != -1 and c != "`" and s[end - 1] == "\\":
                end = s.find(c, end + 1)
            i = len(s) if end == -1 else end + 1
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif depth == 0:
            op = next((o for o in _COMPARE if s.startswith(o, i)), None)
            if op is None:
                for w in _SET_OPS:
                    if (s.startswith(w, i) and (i == 0 or not _WORD.match(s[i - 1]))
                            and (i + len(w) == len(s) or not _WORD.match(s[i + len(w)]))):
                        op = w
                        break
            if op is not None:
                parts.append(s[start:i])
                i = _skip_modifiers(s, i + len(op))
                start = i
                continue
        i += 1
    parts.append(s[start:])
    return [p.strip() for p in parts if p.strip()]


def _unwrap(s):
    s = s.strip()
    while s.startswith("(") and s.endswith(")"):
        depth = 0
        for i, c in enumerate(s):
            depth += c == "("
            depth -= c == ")"
            if depth == 0 and i < len(s) - 1:
                return s  # "(a) / (b)": the outer parentheses are not one group
        s = s[1:-1].strip()
    return s


def leaf_operands(s):
    s = _unwrap(s)
    m = re.match(r"(absent|absent_over_time)\s*\((.*)\)$", s, re.S)
    if m:  # absent(X) is empty exactly when X has data: check X itself
        return leaf_operands(m.group(2))
    parts = split_operands(s)
    if len(parts) == 1:
        return [] if re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?", s) else [s]
    leaves = []
    for p in parts:
        leaves.extend(leaf_operands(p))
    return leaves


# ---- Prometheus HTTP API ----

class Unreachable(Exception):
    pass


def query(base, expr, timeout):
    url = base.rstrip("/") + "/api/v1/query"
    data = urllib.parse.urlencode({"query": expr}).encode()
    try:
        with urllib.request.urlopen(url, data=data, timeout=timeout) as r:
            body = json.load(r)
    except urllib.error.HTTPError as e:  # 400/422 carry Prometheus's error message
        try:
            body = json.load(e)
        except ValueError:
            raise Unreachable(f"{url}: HTTP {e.code}")
    except (urllib.error.URLError, OSError, ValueError) as e:
        raise Unreachable(f"{url}: {e}")
    if body.get("status") != "success":
        return None, f'{body.get("errorType", "error")}: {body.get("error", "query failed")}'
    return body["data"], None


def has_data(data, allow_nan):
    def ok(v):
        return allow_nan or not math.isnan(float(v))

    kind, result = data.get("resultType"), data.get("result")
    if kind == "scalar":
        return ok(result[1])
    if kind == "vector":
        return any(ok(s["value"][1]) for s in result)
    if kind == "matrix":
        return any(ok(v[1]) for s in result for v in s["values"])
    return bool(result)


def describe(data):
    result = data.get("result") or []
    if data.get("resultType") == "scalar":
        return f"scalar {result[1]}"
    return f"{len(result)} series"


def check(base, e, allow_nan, timeout):
    """(passed, message) for one substituted expression."""
    data, err = query(base, e.query, timeout)
    if err:
        return False, err
    if has_data(data, allow_nan):
        return True, describe(data)
    if e.kind != "alert":
        return False, "no data" if not data.get("result") else "only NaN samples (no observations in the window?)"
    leaves = leaf_operands(e.query)
    if leaves == [_unwrap(e.query)]:
        return False, "no data"
    for leaf in leaves:
        data, err = query(base, leaf, timeout)
        if err:
            return False, f"operand {leaf!r}: {err}"
        if not has_data(data, allow_nan):
            return False, f"condition not met and operand {leaf!r} has no data"
    return True, f"condition not met; its {len(leaves)} operands have data"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("prometheus", nargs="?", help="Prometheus base URL, e.g. http://127.0.0.1:9090")
    ap.add_argument("--dashboard", default=DEFAULT_DASHBOARD)
    ap.add_argument("--alerts", default=DEFAULT_ALERTS)
    ap.add_argument("--list", action="store_true", help="print the expressions (promql-expressions.txt format) and exit")
    ap.add_argument("--rate-interval", default="1m", help="value of $__rate_interval (default 1m)")
    ap.add_argument("--interval", default="15s", help="value of $__interval (default 15s)")
    ap.add_argument("--range", default="15m", help="value of $__range (default 15m)")
    ap.add_argument("--var", action="append", default=[], metavar="NAME=VALUE", help="template variable value")
    ap.add_argument("--allow-nan", action="store_true", help="count NaN samples as data")
    ap.add_argument("--wait", type=float, default=0, help="retry failing expressions for up to this many seconds")
    ap.add_argument("--timeout", type=float, default=10, help="HTTP timeout per query, seconds")
    args = ap.parse_args()

    try:
        dash, panels = dashboard_exprs(args.dashboard)
        alerts = alert_exprs(args.alerts)
    except (OSError, ValueError, yaml.YAMLError, KeyError) as ex:
        print(f"check_promql: cannot read the expressions: {ex}", file=sys.stderr)
        return 2
    exprs = panels + alerts

    if args.list:
        seen = set()
        for e in exprs:
            if e.text in seen:
                continue
            seen.add(e.text)
            print(f"# {e.kind}: {e.name}\n{e.text}")
        return 0
    if not args.prometheus:
        ap.error("the Prometheus URL is required (or --list)")

    overrides = {}
    for kv in args.var:
        name, sep, value = kv.partition("=")
        if not sep:
            ap.error(f"--var '{kv}' must be NAME=VALUE")
        overrides[name] = value
    builtins = {"__rate_interval": args.rate_interval, "__interval": args.interval, "__range": args.range,
                "__range_s": str(int(_seconds(args.range))), "__interval_ms": str(int(_seconds(args.interval) * 1000))}
    variables = template_values(dash, overrides)
    for e in exprs:
        try:
            e.query = substitute(e.text, builtins, variables)
        except KeyError as ex:
            print(f"check_promql: {e.kind} '{e.name}' uses unknown variable ${ex.args[0]}: add it to the dashboard "
                  f"templating or pass --var {ex.args[0]}=VALUE", file=sys.stderr)
            return 2

    deadline = time.monotonic() + args.wait
    pending, results = list(exprs), {}
    try:
        while True:
            still = []
            for e in pending:
                results[id(e)] = check(args.prometheus, e, args.allow_nan, args.timeout)
                if not results[id(e)][0]:
                    still.append(e)
            pending = still
            if not pending or time.monotonic() >= deadline:
                break
            time.sleep(min(2.0, max(0.0, deadline - time.monotonic())))
    except Unreachable as ex:
        print(f"check_promql: Prometheus unreachable: {ex}", file=sys.stderr)
        return 2

    failed = 0
    for e in exprs:
        passed, message = results[id(e)]
        failed += not passed
        print(f'{"ok  " if passed else "FAIL"} {e.kind} {e.name}: {message}\n       {e.query}')
    print(f"{len(exprs) - failed} passed, {failed} failed")
    return 1 if failed else 0


def _seconds(duration):
    units = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800, "y": 31536000}
    total = 0.0
    for number, unit in re.findall(r"(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)", duration):
        total += float(number) * units[unit]
    return total


if __name__ == "__main__":
    sys.exit(main())
