#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into tests/fuzz/corpus/<target>/.

Seeds are small on purpose (libFuzzer's max_len follows the largest seed): well-formed events
like the project's feed, the bad inputs of issue 6's table in miniature, and text that stresses
numbers, currencies, ranges and sentence structure. Big versions of the table's inputs (10 MB,
100,000 '$' signs) live in the unit regression tests instead. Re-run after editing; it replaces
the generated seeds and leaves findings saved by hand (files not named seed-*) alone.
"""
import json
import os
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
FS = "\x1e"  # field separator of fuzz_support.hpp's text_event: headline FS summary FS body

TEXTS = [
    "Amazon reported first-quarter revenue of $155.7B, up 9% year over year.",
    "AWS revenue rose 28% to $37.6B in Q1 2026, while operating income was $11.5 billion.",
    "Nvidia expects revenue of $43 billion, plus or minus 2%, for the second quarter.",
    "Tesla delivered 497,099 vehicles in the third quarter, up 7% year over year.",
    "Boeing's backlog reached $619B, with orders for 1,000 airplanes worth about EUR 12bn.",
    "Operating margin narrowed 150 bps to 12.5% from 14.0% a year earlier.",
    "The company cut its full-year guidance to 20-25% growth, from 30% to 35%, and warned of weaker demand.",
    "Net loss widened to $(1.2) billion, or $0.45 per share, compared with a loss of $800 million.",
    "EPS of $1.23 beat estimates of $1.10; revenue missed at 4.5 bn euros.",
    "Capex will rise to roughly $100B in fiscal 2026 (FY2025: $83B), the CFO said.",
    "Shares fell 12% after the company said it does not expect profit to improve. Analysts were not impressed.",
    "Revenue was flat q/q at \u00a33.2bn; EBITDA grew 4% y/y to \u20ac1.1bn.",
    "Microsoft's commitments rose to $368 billion. It said Azure grew 39%, ahead of the 37% it guided.",
    "Apple said it will open its first retail store in Saudi Arabia in 2027.",
    "Sales: $1.5M. Loss: $2M. Margin: -3%. Growth: +4.5%. Rate: 3.25-3.5%.",
    "",
    "$",
    "$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$",
    "$99999999999999999999B in revenue and 1e400% growth",
    "Revenue of $1" + "0" * 300 + " trillion, up 9" + "9" * 200 + "%",
    "1.2.3.4 $1,2,3,4 $.5 $5. 5%% %5 -% $-5B 5-% 5--10% 10-5% 0-0% $0.0000001B",
    "Q1 Q2 Q3 Q4 FY2025 9M 2009 H1 2026 1H26 fiscal 2027 first half of 2026 quarter",
    "U.S. Inc. Corp. Ltd. e.g. i.e. vs. No. 1 ... !!! ??? ;;; ::: ((( )))",
    "not bad not good never better hardly worse but however although despite rather than unless",
    "\u00e9\u00e8\u00e0 \u4e2d\u6587 \U0001F600 caf\u00e9 na\u00efve \u2014 \u2013 \u2019s \u201cquoted\u201d",
    "line one\n\nparagraph two\r\n\r\nparagraph three\tTabbed.",
    "AWS AWS AWS Amazon Amazon the company it its they Trainium Azure Microsoft Google Alphabet",
]

BAD_BYTES = [
    b"\xff\xfe\xfd revenue $5B",
    b"revenue \xc3\x28 $5B up \xe2\x82 9%",
    b"\x00\x01\x02 $3B\x00 up 4%\x00",
    b"\xed\xa0\x80 surrogate $1B",
]


def event(i, **fields):
    e = {"id": f"seed-{i:04d}", "published_at": "2026-10-05T12:30:00Z", "source": "Seed Wire"}
    e.update(fields)
    return json.dumps(e, ensure_ascii=False).encode()


def events():
    out = []
    for i, t in enumerate(TEXTS[:15]):
        out.append(event(i, headline=t.split(",")[0], summary=t, tickers=["AMZN"] if i % 2 else []))
    out.append(event(100, headline="Nvidia beats", summary=TEXTS[2], body=TEXTS[4],
                     entities=[{"name": "Nvidia", "ticker": "NVDA"}, {"name": "Acme Widgets"}]))
    out.append(event(101, text="Only a text field with $5B of revenue."))
    return out


def bad_events():
    deep = b'{"id":"deep","summary":"x","extra":' + b"[" * 64 + b"]" * 64 + b"}"
    deeper = b'{"id":"deep","summary":"x","extra":' + b'{"a":' * 70 + b"1" + b"}" * 70 + b"}"
    return [
        b'{"id":"x","summary":"unterminated',                     # truncated
        b'{"id":"x","summary":"ok"',                              # truncated object
        b'{"id":"x","summary":"ok"} trailing',                    # trailing bytes
        b"",                                                       # empty value
        b"null",                                                   # tombstone-like null
        b"[1,2,3]", b'"just a string"', b"42", b"true",           # not an object
        b'{"id":7,"summary":"wrong id type"}',                    # wrong field types
        b'{"id":"x","summary":["list"]}',
        b'{"id":"x","summary":"ok","tickers":"AMZN"}',
        b'{"id":"x","summary":"ok","tickers":[1,2]}',
        b'{"id":"x","summary":"ok","entities":[{"name":5}]}',
        b'{"id":"x","summary":"ok","published_at":"yesterday"}',
        b'{"id":"x","summary":"ok","published_at":"2026-13-45T99:99:99Z"}',
        b'{"id":"x","summary":"ok","published_at":12345}',
        b'{"id":"x"}',                                            # missing text
        b'{"id":"x","headline":"","summary":"","body":"","text":""}',
        b'{"id":"x","summary":"\xff\xfe invalid utf8"}',
        b'{"id":"x","summary":"lone \\ud800 surrogate and \\u0000 nul \\"q\\" \\\\ \\/"}',
        deep, deeper,
        b'{"id":"x","summary":"revenue $99999999999999999999B","score":1e400}',
        b'{"id":"x","summary":"' + b"$" * 2000 + b'"}',
        b'{"id":"x","summary":"' + b"A" * 3000 + b'"}',          # one long token
        b'{"id":"x","id":"dup","summary":"duplicate keys"}',
        b'{"id":"x","summary":"ok","unknown":{"nested":[1,{"a":null}]}}',
        b'  \n\t{"id":"ws","summary":"whitespace around"}\n  ',
        b'{"id":null,"summary":null,"body":"null fields"}',
    ]


def rules():
    base = pathlib.Path(HERE.parent.parent / "data/rules/demo.yaml")
    seeds = [base.read_bytes()] if base.exists() else []
    seeds += [
        b"rules:\n  - id: a\n    severity: info\n    when: sentiment.score >= 0.4\n    summary: \"{key} {sentiment.score}\"\n",
        b"rules:\n  - id: w\n    severity: warning\n    for: ticker\n    when: count(entity.sentiment.score > 0, 2d) >= 2 and avg(entity.sentiment.score, 1h) > 0.1\n    cooldown: 1h\n    hold: 2\n    resolved: true\n    summary: \"{entity.name} {count(entity.sentiment.score > 0, 2d)}\"\n",
        b"rules:\n  - id: m\n    severity: critical\n    when: metric(\"revenue\").change.percent >= 20% and metric(\"revenue\").value > 10B\n    summary: \"{metric.entity} {metric.kind} {metric.value} {metric.unit} {metric.change.percent}\"\n",
        b"rules:\n  - id: c\n    severity: info\n    for: entity\n    when: change_since_last(metric(\"backlog\")) >= 5% or sum(metric(\"orders\").value, 7d) > 1B\n    summary: \"{key}\"\n",
        b"rules:\n  - id: s\n    severity: info\n    when: headline contains \"beat\" and not (summary contains \"miss\") and ticker in [\"AMZN\", \"MSFT\"]\n    summary: \"{headline} \\\"{summary}\\\" \\u00e9 {id} {source} {url}\"\n",
        b"rules:\n  - id: x\n    severity: info\n    when: >\n      abs(sentiment.score) > 0.1\n      and exists(metric(\"eps\"))\n    summary: |\n      multi\n      line {key}\n",
        b"rules: []\n",
        b"rules:\n",
        b"rules: 5\n",
        b"- a\n- b\n",
        b"rules:\n  - id: dup\n    severity: info\n    when: true\n  - id: dup\n    severity: info\n    when: true\n",
        b"rules:\n  - id: bad id!\n    severity: loud\n    when: sentiment.scor >= \n    cooldown: 5 fortnights\n",
        b"rules:\n  - id: q\n    severity: info\n    when: (((((((((((sentiment.score)))))))))))) > 0\n",
        b"rules:\n  - {id: flow, severity: info, when: \"key != \\\"_\\\"\"}\n",
        b"rules:\n  - id: t\n\tseverity: info\n",
        b"rules:\n  - id: anchors\n    severity: &s info\n    when: *s\n",
        b"rules:\n  - id: big\n    severity: info\n    when: sentiment.score > 1e400 or metric(\"revenue\").value > 99999999999999999999B\n",
        b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
        b"rules:\n  - id: \"\xff\xfe\"\n    severity: info\n    when: headline contains \"\xc3\x28\"\n",
        b"",
        b"rules:\n  - id: u\n    severity: info\n    when: metric(\"nope\").value > 1\n    summary: \"{nope} {metric.nope\"\n",
    ]
    return seeds


def outgoing():
    """fuzz_outgoing: byte 0 message.max.bytes, byte 1 repeat factor (from 224 on), byte 2 group size (thousands from 240 on), then rule id,
    key, summary, event id, event text, header name, header value, dead-letter key, value."""
    def seed(size, repeat, group, *fields):
        return bytes([size, repeat, group]) + FS.encode().join(f.encode() if isinstance(f, str) else f for f in fields)
    return [
        seed(3, 0, 0, "cloud-growth", "AMZN", "AWS revenue growth 28%", "seed-000", TEXTS[1], "trace-id", "abc",
             "AMZN", "{bad json"),
        seed(3, 230, 0, "mention", "ABCDEFGHIJKLMNOPQRST", "ABCDEFGHIJKLMNOPQRST (ABCDEFGHIJKLMNOPQRST)", "id", TEXTS[0]),
        seed(4, 240, 0, "long-description", "AMZN", "A description of twenty-three words. ", "x", "y"),
        seed(3, 0, 249, "mention", "T", "mention of T", "seed-1", TEXTS[2]),
        seed(0, 20, 10, "r\"\x01", "\x02\x1f\"", "\x01" * 10, "\\" * 10, "\n" * 10, "herald-error", "forged", "k", "v"),
        seed(1, 0, 0, b"\xff\xfe", b"\xc3\x28", "\u00e9\u4e2d\U0001F600".encode(), b"\xed\xa0\x80", b"\xe2\x82", "HERALD-x",
             b"\x00" * 8, b"\xff" * 4, b"\x00" * 8),
        seed(4, 3, 0, "r", "k", "s", "e", "t", "h", "header value " * 70, "key" * 100, "value" * 300),
        seed(2, 0, 14, "", "", "", "", ""),
    ]


def write(target, seeds):
    d = HERE / "corpus" / target
    d.mkdir(parents=True, exist_ok=True)
    for f in d.glob("seed-*"):
        f.unlink()
    for i, s in enumerate(seeds):
        (d / f"seed-{i:03d}").write_bytes(s)


def main():
    texts = [t.encode() for t in TEXTS] + BAD_BYTES
    texts += [(TEXTS[0] + FS + TEXTS[1]).encode(), (TEXTS[6] + FS + TEXTS[7] + FS + TEXTS[9]).encode(),
              (FS * 5).encode()]
    json_events = events() + bad_events()
    write("fuzz_event_parser", json_events)
    write("fuzz_quantities_metrics", texts)
    write("fuzz_sentiment", texts + events())
    write("fuzz_analysis_json", texts + events() + [bad_events()[21]])
    write("fuzz_rules", rules())
    write("fuzz_outgoing", outgoing())


if __name__ == "__main__":
    main()
