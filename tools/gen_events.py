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

# --------------------------------------------------------------------------- companies
# (name, ticker, currency, aliases, segments as (name, quarterly revenue in base units),
#  products, peers)
COMPANIES = [
    ("Amazon", "AMZN", "USD", ["Amazon", "Amazon.com"],
     [("AWS", 33.0e9), ("North America retail", 98.0e9), ("advertising services", 17.5e9),
      ("International retail", 36.0e9)],
     ["Trainium accelerators", "Bedrock model service", "Prime delivery network"], ["MSFT", "GOOGL"]),
    ("Microsoft", "MSFT", "USD", ["Microsoft"],
     [("Azure", 24.0e9), ("Intelligent Cloud", 30.0e9), ("Productivity and Business Processes", 33.0e9),
      ("More Personal Computing", 14.0e9)],
     ["Copilot assistants", "Azure AI Foundry", "Fabric analytics"], ["AMZN", "GOOGL", "ORCL"]),
    ("Alphabet", "GOOGL", "USD", ["Alphabet", "Google"],
     [("Google Cloud", 15.0e9), ("Search", 55.0e9), ("YouTube ads", 10.5e9), ("subscriptions and devices", 11.0e9)],
     ["Gemini models", "TPU clusters", "Pixel handsets"], ["MSFT", "META", "AMZN"]),
    ("Apple", "AAPL", "USD", ["Apple"],
     [("iPhone", 46.0e9), ("Services", 28.0e9), ("Mac", 8.5e9), ("Wearables", 9.0e9)],
     ["iPhone lineup", "Vision headset", "M-series chips"], ["GOOGL", "MSFT"]),
    ("Meta Platforms", "META", "USD", ["Meta Platforms", "Meta"],
     [("Family of Apps", 50.0e9), ("advertising", 49.0e9), ("Reality Labs", 0.5e9)],
     ["Llama models", "smart glasses", "Threads app"], ["GOOGL", "SNAP"]),
    ("NVIDIA", "NVDA", "USD", ["NVIDIA", "Nvidia"],
     [("Data Center", 48.0e9), ("Gaming", 4.3e9), ("Automotive", 0.6e9), ("Professional Visualization", 0.6e9)],
     ["Blackwell GPUs", "NVLink switches", "DGX systems"], ["AMD", "AVGO", "INTC"]),
    ("Tesla", "TSLA", "USD", ["Tesla"],
     [("automotive", 21.0e9), ("energy generation and storage", 3.2e9), ("services", 3.0e9)],
     ["Model Y refresh", "Megapack systems", "robotaxi service"], ["TM", "GM"]),
    ("Broadcom", "AVGO", "USD", ["Broadcom"],
     [("semiconductor solutions", 10.5e9), ("infrastructure software", 6.8e9), ("AI semiconductors", 6.0e9)],
     ["Tomahawk switches", "custom AI accelerators", "VMware Cloud Foundation"], ["NVDA", "MRVL"]),
    ("JPMorgan Chase", "JPM", "USD", ["JPMorgan", "JPMorgan Chase"],
     [("investment banking fees", 2.6e9), ("net interest income", 23.5e9), ("markets revenue", 8.3e9)],
     ["payments platform", "wealth advisory unit", "consumer card products"], ["BAC", "C", "GS"]),
    ("Exxon Mobil", "XOM", "USD", ["Exxon Mobil", "ExxonMobil", "Exxon"],
     [("Upstream", 15.0e9), ("Energy Products", 60.0e9), ("Chemical Products", 5.0e9)],
     ["Guyana production", "Permian output", "low-carbon solutions"], ["CVX", "SHEL"]),
    ("Walmart", "WMT", "USD", ["Walmart"],
     [("Walmart U.S.", 120.0e9), ("Walmart International", 31.0e9), ("Sam's Club", 23.0e9), ("advertising", 1.2e9)],
     ["same-day delivery", "Walmart+ membership", "marketplace program"], ["AMZN", "COST", "TGT"]),
    ("Netflix", "NFLX", "USD", ["Netflix"],
     [("streaming", 11.5e9), ("advertising tier", 1.1e9), ("UCAN streaming", 5.0e9)],
     ["ad-supported plan", "live sports slate", "games catalogue"], ["DIS", "WBD"]),
    ("Oracle", "ORCL", "USD", ["Oracle"],
     [("cloud infrastructure", 3.3e9), ("cloud services and license support", 11.5e9), ("applications", 3.7e9)],
     ["OCI superclusters", "Autonomous Database", "Fusion applications"], ["MSFT", "AMZN", "GOOGL"]),
    ("Advanced Micro Devices", "AMD", "USD", ["AMD", "Advanced Micro Devices"],
     [("Data Center", 4.3e9), ("Client", 2.5e9), ("Gaming", 1.1e9), ("Embedded", 0.9e9)],
     ["Instinct accelerators", "EPYC processors", "Ryzen AI chips"], ["NVDA", "INTC"]),
    ("Intel", "INTC", "USD", ["Intel"],
     [("Client Computing", 7.9e9), ("Data Center and AI", 3.9e9), ("Intel Foundry", 4.4e9)],
     ["18A process", "Xeon processors", "Gaudi accelerators"], ["AMD", "NVDA", "TSM"]),
    ("Boeing", "BA", "USD", ["Boeing"],
     [("Commercial Airplanes", 10.0e9), ("Defense, Space and Security", 6.5e9), ("Global Services", 5.0e9)],
     ["737 MAX deliveries", "787 Dreamliner", "KC-46 tanker"], ["AIR", "LMT"]),
    ("Pfizer", "PFE", "USD", ["Pfizer"],
     [("Primary Care", 6.3e9), ("Specialty Care", 4.1e9), ("Oncology", 4.3e9)],
     ["obesity candidate", "RSV vaccine", "oncology pipeline"], ["MRK", "LLY"]),
    ("Nokia", "NOK", "EUR", ["Nokia"],
     [("Network Infrastructure", 1.9e9), ("Mobile Networks", 2.0e9), ("Cloud and Network Services", 0.7e9)],
     ["optical networking gear", "5G radio portfolio", "data-center switching"], ["ERIC", "CSCO"]),
    ("Siemens", "SIEGY", "EUR", ["Siemens"],
     [("Digital Industries", 4.6e9), ("Smart Infrastructure", 5.4e9), ("Mobility", 3.0e9), ("Healthineers", 5.6e9)],
     ["industrial AI copilots", "grid automation", "rail signalling"], ["ABB", "SU"]),
    ("Toyota Motor", "TM", "JPY", ["Toyota", "Toyota Motor"],
     [("automotive", 11.0e12), ("financial services", 0.9e12), ("North American sales", 4.0e12)],
     ["hybrid lineup", "solid-state battery program", "Lexus models"], ["TSLA", "HMC"]),
    ("HSBC Holdings", "HSBC", "GBP", ["HSBC", "HSBC Holdings"],
     [("wealth and personal banking", 4.0e9), ("commercial banking", 3.2e9), ("global banking and markets", 4.1e9)],
     ["wealth platform in Asia", "trade finance unit", "digital payments app"], ["STAN", "BARC"]),
]

SOURCES = ["Herald Wire", "Street Desk", "Ledger Daily", "Market Lantern", "Capital Brief",
           "Tape Reader", "Quarterly Signal", "The Floor Report", "Northbridge Research Notes",
           "Equity Compass"]

QUARTERS = [("Q3", "third quarter"), ("Q4", "fourth quarter"), ("Q1", "first quarter"), ("Q2", "second quarter")]
YOY = ["year over year", "year-over-year", "from a year earlier", "versus the prior-year quarter", "yoy",
       "year on year", "compared with the same period last year"]
ANALYST_FIRMS = ["Harbor Point Securities", "Lindqvist & Co", "Meridian Capital Markets", "Oakbridge Partners",
                 "Granite Street Research", "Tidewater Equities", "Alder Bank", "Castellan Advisors"]
PEER_NAMES = {
    "AMZN": "Amazon", "MSFT": "Microsoft", "GOOGL": "Alphabet", "AAPL": "Apple", "META": "Meta",
    "NVDA": "NVIDIA", "TSLA": "Tesla", "AVGO": "Broadcom", "JPM": "JPMorgan", "XOM": "Exxon Mobil",
    "WMT": "Walmart", "NFLX": "Netflix", "ORCL": "Oracle", "AMD": "AMD", "INTC": "Intel", "BA": "Boeing",
    "PFE": "Pfizer", "NOK": "Nokia", "SIEGY": "Siemens", "TM": "Toyota", "HSBC": "HSBC",
    "SNAP": "Snap", "GM": "General Motors", "MRVL": "Marvell", "BAC": "Bank of America", "C": "Citigroup",
    "GS": "Goldman Sachs", "CVX": "Chevron", "SHEL": "Shell", "COST": "Costco", "TGT": "Target",
    "DIS": "Disney", "WBD": "Warner Bros. Discovery", "TSM": "TSMC", "AIR": "Airbus", "LMT": "Lockheed Martin",
    "MRK": "Merck", "LLY": "Eli Lilly", "ERIC": "Ericsson", "CSCO": "Cisco", "ABB": "ABB",
    "SU": "Schneider Electric", "HMC": "Honda", "STAN": "Standard Chartered", "BARC": "Barclays",
}
THEMES = ["AI infrastructure", "cloud migration", "enterprise software budgets", "consumer demand",
          "supply-chain normalization", "data-center power", "pricing discipline", "capital returns",
          "inventory digestion", "emerging-market growth", "automation demand", "digital advertising"]
REGULATORS = ["the Justice Department", "the SEC", "the European Commission", "the Federal Trade Commission",
              "the UK Financial Conduct Authority", "state attorneys general"]


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


# --------------------------------------------------------------------------- commentary banks
# Ordinary commentary: analyst-note prose with mild, mixed tone. Slots: {co} {seg} {peer} {prod}
# {theme} {firm} {p} (a small percentage) {q}.
CALM = [
    "The quarter reads as a steady execution print rather than an inflection, and the debate now shifts to how durable {seg} demand looks into next year.",
    "{firm} argues the market still underappreciates how much of {co_s} {seg} revenue is now recurring, which should support a steadier multiple through the cycle.",
    "Management framed {theme} as a multi-year tailwind, but was careful not to extrapolate a single quarter of strength into its planning assumptions.",
    "Investors will focus on whether the {prod} ramp converts into margin rather than just volume, since pricing has been the swing factor in prior cycles.",
    "Relative to {peer}, {co} screens as the steadier compounder, with less exposure to the most cyclical end markets and a cleaner balance sheet.",
    "The second-order read-through is constructive for suppliers tied to {theme}, which tend to see orders a quarter or two after the platform owners commit capital.",
    "Operating discipline was visible in the cost lines: headcount was roughly flat and the company kept a tight rein on discretionary spending.",
    "Channel checks suggest demand for {prod} remained healthy through the quarter, with no sign of the order pull-forward that worried some investors in the spring.",
    "Capital returns remain a quiet support for the shares, with buybacks running at roughly the pace set at the start of the year.",
    "{co} reiterated that it expects to fund its investment program from operating cash flow, keeping net leverage inside its stated range.",
    "The contrarian view is that consensus is anchored too narrowly on {seg} and not enough on the optionality in adjacent businesses such as {prod}.",
    "Valuation is not stretched relative to the company's own five-year history, which limits downside if growth merely tracks expectations.",
    "{firm} sees the setup as balanced: execution has been solid, but the next leg of upside requires evidence that {theme} is broadening beyond early adopters.",
    "Currency was a small headwind of about {p} on reported growth, and underlying trends were slightly better than the headline figures suggest.",
    "The company guided to sequential improvement in the coming quarter, citing a healthy pipeline and stable pricing in its core markets.",
    "Management spent much of the call on {prod}, describing customer adoption as early but encouraging, with several large deployments scheduled for next year.",
    "The more interesting detail was the mix shift toward higher-value offerings, which lifted gross margin even as input costs stayed elevated.",
    "Free cash flow conversion improved for a third straight quarter, giving the board room to keep both the dividend and the buyback on track.",
    "The stock has tracked the sector this year, so the results mostly confirm the existing narrative rather than forcing a re-rating either way.",
    "Longer term, the key question is whether {co} can keep reinvesting at this pace while holding returns on capital near current levels.",
    "Supply looks adequate for the next two quarters, according to management, with lead times for key components back to normal ranges.",
    "A sensible base case is mid-teens earnings growth, with upside if {theme} spending accelerates and downside mainly from macro softness.",
    "The competitive picture is stable: {peer} remains the main rival, but neither side appears willing to trade margin for share at this point.",
    "Several analysts lifted estimates modestly after the call, mostly reflecting a stronger finish to the year in {seg}.",
    "The company also highlighted progress on efficiency programs, which it expects to contribute roughly {p} to operating margin over two years.",
    "Customer concentration remains manageable, with no single customer above a tenth of revenue, which lowers the risk of lumpy quarters.",
    "Order books in {seg} look healthy, and management described the backlog as well diversified across regions and customer sizes.",
    "The board signalled confidence by maintaining its capital allocation framework unchanged despite a noisier macro backdrop.",
    "Pricing actions taken earlier in the year are now fully in the numbers, which makes the comparison for the coming quarters more straightforward.",
    "From a portfolio perspective, {co} remains a core holding for investors who want exposure to {theme} without paying the highest multiples in the group.",
    "The results leave the long-term targets intact, and management reiterated them without changes on the call.",
    "Attention now turns to the investor day early next year, where {co} is expected to update its medium-term framework for {seg}.",
]
# Mild caution: ordinary events may carry one of these; they keep the tone mixed, never alarming.
CAUTION = [
    "Some investors had hoped for a larger beat, so the muted share reaction is understandable even if the fundamentals held up.",
    "The main risk is execution: any slip in the {prod} schedule could push revenue recognition into later periods.",
    "Inventory in the channel is slightly above normal, which may temper shipments for a quarter while partners work through stock.",
    "Competition from {peer} is intensifying at the low end of the market, which could pressure pricing over time.",
    "Macro sensitivity remains a watch item, particularly for {seg} customers whose budgets track interest rates.",
    "Costs tied to {theme} keep rising, and depreciation will weigh on margins as new capacity comes online.",
]
# Harsh language: only in notable negative events.
HARSH = [
    "The disclosure is alarming, and the lack of detail on the call only deepened concerns about governance and internal controls.",
    "Several holders described the update as a serious breach of trust, and the stock suffered its worst session in years.",
    "The probe raises the risk of heavy fines, forced remedies and a prolonged overhang that could cripple the recovery story.",
    "Credit analysts warned that the deterioration could trigger a downgrade to junk if cash burn does not slow quickly.",
    "The collapse in confidence is severe: the company missed badly, withdrew key targets and offered no credible path back to growth.",
    "Short sellers piled in as the plunge wiped out billions of dollars of market value within hours.",
    "Management's explanation was weak and defensive, and analysts openly questioned whether the guidance can be trusted.",
    "The scandal threatens major contracts, and customers are reportedly pausing orders while the investigation runs its course.",
]


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
