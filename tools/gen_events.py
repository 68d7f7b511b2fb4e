#!/usr/bin/env python3
"""Generate realistic financial news events as NDJSON for herald's tests and benchmarks.

    tools/gen_events.py --count 1000 --seed 7 --size seed --notable-fraction 0.05 \
        --notable-list notable.txt > events.ndjson

Output is a pure function of the arguments (same arguments -> same bytes). Events follow
the input contract of docs/events.md. A "notable" event (exactly
round(count * fraction) of them, placed by the seeded RNG) carries one thing a typical alert
rule catches: revenue growth >= 40 % yoy, a guidance cut, a swing to a net loss, or strongly
negative news (probe + downgrade + plunge). Ordinary events keep growth at 2-20 %, use mild
language and never mention cuts, losses or probes, so such rules fire on about that fraction.

Sizes: "seed" = headline + summary + body of ~2.5-3 KB, like real analyst notes;
"short" = headline + summary, ~300 B; "mixed" = 20 % seed, 20 % medium (a short body),
60 % short. Python standard library only.
"""
import argparse
import datetime as dt
import json
import random
import sys

# The word banks (companies, sources, commentary) are data, in a file of their own.
from gen_events_data import (ANALYST_FIRMS, CALM, CAUTION, COMPANIES, HARSH, PEER_NAMES, QUARTERS,
                             REGULATORS, SOURCES, THEMES, YOY)


# --------------------------------------------------------------------------- number formats
def money(rng, amount, currency):
    """A money amount written the way wires write it, in one of several styles."""
    neg = amount < 0
    a = abs(amount)
    if currency == "JPY":
        if a >= 1e12:
            v = f"{a / 1e12:.2f}".rstrip("0").rstrip(".")
            s = rng.choice([f"¥{v} trillion", f"JPY {v} trillion", f"¥{v}tn"])
        else:
            v = f"{a / 1e9:.0f}"
            s = rng.choice([f"¥{v} billion", f"JPY {v} bn", f"¥{v}bn"])
        return s
    sym = {"USD": "$", "EUR": "€", "GBP": "£"}[currency]
    code = currency
    if a >= 1e9:
        v = f"{a / 1e9:.1f}".rstrip("0").rstrip(".") if a < 100e9 else f"{a / 1e9:.0f}"
        styles = [f"{sym}{v}B", f"{sym}{v} billion", f"{code} {v} bn", f"{sym}{v}bn", f"{code} {v} billion"]
    else:
        v = f"{a / 1e6:.0f}" if a >= 10e6 else f"{a / 1e6:.1f}"
        styles = [f"{sym}{v} million", f"{sym}{v}M", f"{code} {v}m", f"{sym}{v}m", f"{code} {v} million"]
    return rng.choice(styles)


def money_range(rng, lo, hi, currency):
    """A range such as "$1.2-1.5 billion", written with one scale and one style for both ends."""
    if currency == "JPY":
        scale, words = (1e12, ["trillion", "tn"]) if hi >= 1e12 else (1e9, ["billion", "bn"])
        sym, code = "¥", "JPY"
    else:
        scale, words = (1e9, ["billion", "bn"]) if hi >= 1e9 else (1e6, ["million", "m"])
        sym, code = {"USD": "$", "EUR": "€", "GBP": "£"}[currency], currency
    d = 2 if hi / scale < 10 else (1 if hi / scale < 100 else 0)
    lo_s, hi_s = f"{lo / scale:.{d}f}", f"{hi / scale:.{d}f}"
    return rng.choice([
        f"{sym}{lo_s}-{hi_s} {words[0]}",
        f"{code} {lo_s}-{hi_s} {words[1]}",
        f"{sym}{lo_s} {words[0]} to {sym}{hi_s} {words[0]}",
    ])


def pct(rng, value, decimals=None):
    d = rng.choice([0, 1]) if decimals is None else decimals
    v = f"{value:.{d}f}"
    return rng.choice([f"{v}%", f"{v}%", f"{v} per cent", f"{v} percent"])


def eps(rng, value):
    return rng.choice([f"${value:.2f} per share", f"EPS of ${value:.2f}", f"${value:.2f} a share"])


def quarter(rng):
    """(period for running text, e.g. "the third quarter", short form for headlines, e.g. "Q3")."""
    short, long_ = rng.choice(QUARTERS)
    return rng.choice([short, f"{short} 2026", f"the {long_}", f"its fiscal {long_}"]), short


# --------------------------------------------------------------------------- event kinds
def fill(rng, template, ctx):
    return template.format(**ctx)


def ctx_for(rng, comp):
    name, ticker, cur, aliases, segments, products, peers = comp
    seg, base = rng.choice(segments)
    co = rng.choice(aliases)
    peer = rng.choice(peers)
    q, qh = quarter(rng)
    return {
        "co": co, "co_s": co + ("'" if co.endswith("s") else "'s"), "name": name, "ticker": ticker,
        "cur": cur, "seg": seg, "base": base, "prod": rng.choice(products),
        "peer": PEER_NAMES[peer], "peer_ticker": peer,
        "q": q, "qh": qh, "theme": rng.choice(THEMES), "firm": rng.choice(ANALYST_FIRMS),
        "p": pct(rng, rng.uniform(0.5, 3.0), 1),
    }


def company_revenue(comp):
    return sum(b for _, b in comp[4])


# Ordinary kinds return (headline, summary, specific body sentences).
def ord_results(rng, comp, c):
    g = rng.uniform(2.0, 20.0)
    rev = c["base"] * rng.uniform(0.9, 1.1)
    total = company_revenue(comp) * rng.uniform(0.95, 1.05)
    opi = total * rng.uniform(0.12, 0.3)
    g_total = rng.uniform(2.0, 18.0)
    e = rng.uniform(0.4, 4.5)
    cur = c["cur"]
    head = rng.choice([
        f"{c['co']} {c['qh']} revenue rises {pct(rng, g_total, 0)} as {c['seg']} grows",
        f"{c['co']} beats estimates on steady {c['seg']} growth",
        f"{c['co']} posts {c['qh']} results broadly in line; {c['seg']} up {pct(rng, g, 0)}",
        f"{c['co']} results: {c['seg']} revenue {money(rng, rev, cur)}, up {pct(rng, g, 0)}",
    ])
    summ = (f"{c['co']} reported revenue of {money(rng, total, cur)} for {c['q']}, up {pct(rng, g_total)} "
            f"{rng.choice(YOY)}, with {c['seg']} revenue of {money(rng, rev, cur)}, up {pct(rng, g)}. "
            f"Operating income was {money(rng, opi, cur)} and earnings came in at {eps(rng, e)}.")
    body = [
        f"{c['seg']} grew {pct(rng, rng.uniform(1.0, 6.0))} sequentially, and operating margin "
        f"{rng.choice(['expanded to', 'improved to', 'was steady at'])} {pct(rng, rng.uniform(14, 36), 1)}.",
        f"Net income rose to {money(rng, opi * rng.uniform(0.7, 0.85), cur)} as the company kept costs in check.",
    ]
    return head, summ, body


def ord_analyst(rng, comp, c):
    old = rng.uniform(60, 480)
    new = old * rng.uniform(1.04, 1.18)
    rating = rng.choice(["Buy", "Overweight", "Outperform", "Neutral", "Hold", "Equal Weight"])
    head = rng.choice([
        f"{c['firm']} lifts {c['co']} price target to ${new:.0f}, rates {rating}",
        f"{c['co']} gets higher target at {c['firm']} on {c['seg']} momentum",
        f"{c['firm']} reiterates {rating} on {c['co']}",
    ])
    summ = (f"{c['firm']} raised its price target on {c['co']} to ${new:.0f} from ${old:.0f} and kept a {rating} "
            f"rating, citing {c['theme']} and steady {c['seg']} trends; the new target implies about "
            f"{pct(rng, rng.uniform(5, 18), 0)} upside.")
    body = [f"The firm expects {c['seg']} revenue growth of {pct(rng, rng.uniform(6, 19), 0)} next year.",
            f"It sees {c['prod']} as the main driver of upside to consensus."]
    return head, summ, body


def ord_product(rng, comp, c):
    head = rng.choice([
        f"{c['co']} unveils next generation of {c['prod']}",
        f"{c['co']} expands {c['prod']} to new markets",
        f"{c['co']} launches {c['prod']} upgrade for enterprise customers",
    ])
    summ = (f"{c['co']} introduced an updated version of its {c['prod']}, aimed at customers in {c['seg']}. "
            f"The company said availability begins next quarter and pricing is in line with the previous generation.")
    body = [f"Early customers reported performance gains of about {pct(rng, rng.uniform(10, 35), 0)} in pilot deployments.",
            f"Analysts expect a modest contribution to {c['seg']} revenue in 2027."]
    return head, summ, body


def ord_contract(rng, comp, c):
    amt = c["base"] * rng.uniform(0.05, 0.4)
    years = rng.randint(3, 10)
    head = rng.choice([
        f"{c['co']} signs {money(rng, amt, c['cur'])} multi-year agreement",
        f"{c['co']} wins {years}-year contract tied to {c['theme']}",
    ])
    summ = (f"{c['co']} signed a {years}-year agreement worth about {money(rng, amt, c['cur'])} covering "
            f"{c['prod']}, adding to {c['seg']} backlog. Financial terms beyond the headline value were not disclosed.")
    body = [f"The deal lifts remaining performance obligations by roughly {pct(rng, rng.uniform(1, 6), 1)}.",
            "Deliveries are expected to begin in the second half of 2027."]
    return head, summ, body


def ord_capital(rng, comp, c):
    buy = company_revenue(comp) * rng.uniform(0.1, 0.5)
    div = rng.uniform(0.2, 1.5)
    head = rng.choice([
        f"{c['co']} raises quarterly dividend, adds {money(rng, buy, c['cur'])} buyback",
        f"{c['co']} board approves new share repurchase program",
    ])
    summ = (f"{c['co_s']} board approved a new share repurchase authorization of {money(rng, buy, c['cur'])} and "
            f"lifted the quarterly dividend by {pct(rng, rng.uniform(3, 12), 0)} to {div:.2f} per share.")
    body = ["The company said the program has no fixed expiry date.",
            f"Net leverage stays within its target range after the authorization."]
    return head, summ, body


def ord_capex(rng, comp, c):
    capex = company_revenue(comp) * rng.uniform(0.3, 1.2)
    lo, hi = capex * 0.95, capex * 1.05
    head = rng.choice([
        f"{c['co']} plans {money(rng, capex, c['cur'])} of capital spending next year",
        f"{c['co']} reaffirms investment plan for {c['theme']}",
    ])
    summ = (f"{c['co']} expects capital expenditures of {money_range(rng, lo, hi, c['cur'])} "
            f"next year, mostly for {c['theme']}, and reaffirmed its full-year guidance.")
    body = [f"Capex rose {pct(rng, rng.uniform(5, 19), 0)} {rng.choice(YOY)} in the latest quarter.",
            "Depreciation is expected to rise gradually as new capacity is placed in service."]
    return head, summ, body


def ord_people(rng, comp, c):
    role = rng.choice(["chief financial officer", "head of " + c["seg"], "chief operating officer",
                       "general counsel", "chief technology officer"])
    head = rng.choice([f"{c['co']} names new {role}", f"{c['co']} appoints {role} from within"])
    summ = (f"{c['co']} appointed a new {role}, effective next month, as part of a planned succession. "
            f"The company said the change does not affect its outlook.")
    body = ["The incoming executive has spent more than a decade at the company.",
            "The outgoing executive will stay on as an adviser through the transition."]
    return head, summ, body


def ord_macro(rng, comp, c):
    bank = rng.choice(["The Federal Reserve", "The European Central Bank", "The Bank of England", "The Bank of Japan"])
    move = rng.choice(["held rates steady", "kept its policy rate unchanged", "signalled patience on rates"])
    head = rng.choice([f"{bank[4:]} {move}; markets steady", f"Markets flat as {bank[4:]} {move}"])
    summ = (f"{bank} {move}, in line with expectations, and said inflation is moving back toward target. "
            f"Bond yields moved by {rng.randint(1, 6)} bps and equity futures were little changed; "
            f"{c['co']} shares traded in line with the sector.")
    body = [f"Core inflation ran at {pct(rng, rng.uniform(2.0, 3.4), 1)} in the latest reading.",
            "Economists expect policy to stay on hold for at least another meeting."]
    return head, summ, body


ORDINARY = [ord_results, ord_results, ord_analyst, ord_product, ord_contract, ord_capital, ord_capex,
            ord_people, ord_macro]


# Notable kinds: each carries one alert-worthy fact.
def nb_growth(rng, comp, c):
    g = rng.uniform(40.5, 140.0)
    rev = c["base"] * rng.uniform(0.9, 1.3)
    cur = c["cur"]
    head = rng.choice([
        f"{c['co']} {c['seg']} revenue surges {pct(rng, g, 0)}, crushing estimates",
        f"{c['co']} blowout quarter: {c['seg']} up {pct(rng, g, 0)} {rng.choice(YOY)}",
        f"{c['co_s']} {c['seg']} sales soar on demand for {c['prod']}",
    ])
    summ = (f"{c['co']} reported {c['seg']} revenue of {money(rng, rev, cur)} for {c['q']}, up {pct(rng, g)} "
            f"{rng.choice(['year over year', 'year-over-year', 'from a year earlier', 'yoy'])}, "
            f"far ahead of expectations as demand for {c['prod']} accelerated.")
    body = [f"Management said {c['seg']} growth was the strongest in company history, driven by {c['theme']}.",
            f"{c['seg']} now runs at an annualized rate of {money(rng, rev * 4, cur)}, and management expects "
            f"capacity additions to keep pace with demand."]
    return head, summ, body


def nb_guidance_cut(rng, comp, c):
    annual = company_revenue(comp) * 4
    old_lo, old_hi = annual * 1.02, annual * 1.06
    new_lo, new_hi = annual * 0.93, annual * 0.97
    cur = c["cur"]
    head = rng.choice([
        f"{c['co']} cuts full-year guidance as {c['seg']} weakens",
        f"{c['co']} lowers outlook, shares slide",
        f"{c['co']} slashes revenue forecast on weak {c['seg']} demand",
    ])
    summ = (f"{c['co']} cut its full-year revenue guidance to {money_range(rng, new_lo, new_hi, cur)} "
            f"from {money_range(rng, old_lo, old_hi, cur)}, blaming weaker {c['seg']} orders, "
            f"and lowered its margin outlook by {rng.randint(80, 250)} bps.")
    body = [f"Shares fell {pct(rng, rng.uniform(8, 16), 0)} in extended trading after the guidance cut.",
            f"The company said demand for {c['prod']} deteriorated late in the quarter."]
    return head, summ, body


def nb_net_loss(rng, comp, c):
    cur = c["cur"]
    loss = company_revenue(comp) * rng.uniform(0.03, 0.12)
    prior = company_revenue(comp) * rng.uniform(0.03, 0.1)
    head = rng.choice([
        f"{c['co']} swings to net loss on charges in {c['seg']}",
        f"{c['co']} posts surprise {c['qh']} net loss",
        f"{c['co']} reports net loss as {c['seg']} write-downs bite",
    ])
    summ = (f"{c['co']} swung to a net loss of {money(rng, loss, cur)} in {c['q']}, from net income of "
            f"{money(rng, prior, cur)} a year earlier, after impairment charges in {c['seg']}. "
            f"The loss per share was ${rng.uniform(0.2, 2.5):.2f}.")
    body = ["The company recorded restructuring and impairment charges during the quarter.",
            f"Excluding charges, operating income declined {pct(rng, rng.uniform(12, 35), 0)}."]
    return head, summ, body


def nb_scandal(rng, comp, c):
    drop = rng.uniform(12, 30)
    reg = rng.choice(REGULATORS)
    jobs = rng.choice([1800, 2500, 4000, 6000, 9000, 12000])
    head = rng.choice([
        f"{c['co']} plunges after {reg[4:] if reg.startswith('the ') else reg} opens fraud probe; downgraded to Sell",
        f"{c['co']} shares crash {pct(rng, drop, 0)} on probe, downgrade and layoffs",
        f"{c['co']} hit by investigation, downgrade as stock collapses",
    ])
    summ = (f"{c['co']} shares plunged {pct(rng, drop, 0)} after {reg} opened a fraud investigation into "
            f"{c['seg']} accounting. {c['firm']} downgraded the stock to Sell, warning of severe damage, "
            f"and the company announced {jobs:,} layoffs.")
    body = [f"The investigation concerns alleged misstatement of {c['seg']} revenue over several quarters.",
            "Analysts called the disclosures alarming and warned of a deep, lasting decline in trust."]
    return head, summ, body


NOTABLE = [nb_growth, nb_guidance_cut, nb_net_loss, nb_scandal]


# --------------------------------------------------------------------------- assembly
def long_body(rng, c, specific, notable_kind, target):
    """Specific sentences plus commentary until the body reaches about `target` bytes."""
    parts = list(specific)
    size = sum(len(s) + 1 for s in parts)
    calm = rng.sample(CALM, len(CALM))
    harsh = rng.sample(HARSH, 4) if notable_kind == "scandal" else []
    caution_at = 3 if (notable_kind is not None or rng.random() < 0.5) else -1
    step = 0
    while size < target and calm:
        if harsh and step % 2 == 0:
            s = harsh.pop()
        elif step == caution_at:
            s = rng.choice(CAUTION)
        else:
            s = calm.pop()
        s = fill(rng, s, c)
        parts.append(s)
        size += len(s) + 1
        step += 1
    return " ".join(parts)


def format_time(ms):
    t = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(milliseconds=ms)
    base = t.strftime("%Y-%m-%dT%H:%M:%S")
    frac = ms % 1000
    return f"{base}.{frac:03d}Z" if frac else f"{base}Z"


def parse_time(text):
    t = dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.timezone.utc)
    return int(round(t.timestamp() * 1000))


def make_event(rng, index, args, start_ms, notable):
    comp = rng.choice(COMPANIES)
    c = ctx_for(rng, comp)
    kind_name = None
    if notable:
        fn = rng.choice(NOTABLE)
        kind_name = fn.__name__[3:]
    else:
        fn = rng.choice(ORDINARY)
    head, summ, specific = fn(rng, comp, c)
    specific = [x[0].upper() + x[1:] for x in specific]

    size = args.size
    if size == "mixed":
        r = rng.random()
        size = "seed" if r < 0.2 else ("medium" if r < 0.4 else "short")

    eid = f"{args.id_prefix}{index:07d}"
    ev = {"id": eid, "headline": head, "summary": summ}
    if size == "seed":
        ev["body"] = long_body(rng, c, specific, kind_name, rng.randint(2050, 2500))
    elif size == "medium":
        ev["body"] = " ".join(specific)
    elif rng.random() < 0.5:
        ev["summary"] = summ + " " + specific[0]
    ev["published_at"] = format_time(start_ms + index * args.step_ms)
    ev["source"] = rng.choice(SOURCES)
    ev["url"] = f"https://news.example/{c['ticker'].lower()}/{eid}"
    tickers = [c["ticker"]]
    if rng.random() < 0.15:
        tickers.append(c["peer_ticker"])
    ev["tickers"] = tickers
    if rng.random() < 0.25:
        ev["entities"] = [{"name": comp[0], "ticker": comp[1]}]
    return ev


def parse_args(argv):
    p = argparse.ArgumentParser(description="Generate realistic financial news events (NDJSON) for herald.")
    p.add_argument("--count", type=int, default=1000, help="number of events (default 1000)")
    p.add_argument("--seed", type=int, default=1, help="RNG seed; same arguments give the same bytes")
    p.add_argument("--size", choices=["seed", "short", "mixed"], default="seed",
                   help="seed: ~2.5-3 KB notes; short: headline+summary ~300 B; mixed: 20/20/60 seed/medium/short")
    p.add_argument("--notable-fraction", type=float, default=0.05,
                   help="fraction of events carrying an alert-worthy fact (default 0.05)")
    p.add_argument("--notable-list", metavar="FILE",
                   help="write the notable event ids here, one per line ('-' = stderr)")
    p.add_argument("--start", default="2026-11-01T00:00:00Z", help="published_at of the first event (RFC 3339)")
    p.add_argument("--step-ms", type=int, default=50, help="milliseconds between consecutive events")
    p.add_argument("--id-prefix", default="gen-", help="prefix of event ids (default gen-)")
    args = p.parse_args(argv)
    if args.count < 0:
        p.error("--count must be >= 0")
    if not 0.0 <= args.notable_fraction <= 1.0:
        p.error("--notable-fraction must be between 0 and 1")
    try:
        args.start_ms = parse_time(args.start)
    except ValueError:
        p.error(f"--start {args.start!r} is not an RFC 3339 time such as 2026-11-01T00:00:00Z")
    return args


def main(argv):
    args = parse_args(argv)
    rng = random.Random(args.seed)
    k = round(args.count * args.notable_fraction)
    notable = set(rng.sample(range(args.count), k)) if k else set()
    out = sys.stdout.buffer  # bytes, so the output does not depend on the locale
    buf = []
    notable_ids = []
    for i in range(args.count):
        ev = make_event(rng, i, args, args.start_ms, i in notable)
        if i in notable:
            notable_ids.append(ev["id"])
        buf.append(json.dumps(ev, ensure_ascii=False, separators=(",", ":")))
        if len(buf) >= 1000:
            out.write(("\n".join(buf) + "\n").encode("utf-8"))
            buf.clear()
    if buf:
        out.write(("\n".join(buf) + "\n").encode("utf-8"))
    out.flush()
    if args.notable_list:
        text = "".join(n + "\n" for n in notable_ids)
        if args.notable_list == "-":
            sys.stderr.flush()
            sys.stderr.buffer.write(text.encode("utf-8"))
        else:
            with open(args.notable_list, "w", encoding="utf-8") as f:
                f.write(text)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:
        sys.exit(0)
