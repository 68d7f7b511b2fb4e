"""The bad-input table of issue 6 through a running `herald run`: each message is dead-lettered
with its code or gives a defined tolerant result (analysed normally), never a crash; then a stream
of only bad messages at full speed. Ends with exit 0 on SIGTERM and every offset committed.

usage: bad_input_test.py HERALD_BINARY SOURCE_DIR WORK_DIR"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "pipeline"))
import herald_harness as h  # noqa: E402

herald, src, work = sys.argv[1:4]
rules = os.path.join(src, "tests", "integration", "pipeline", "pipeline-rules.yaml")


def ev(**fields):
    return json.dumps(fields).encode()


nested = b'{"headline":"deep","x":' + b"[" * 64 + b"]" * 64 + b"}"
cases = [  # (name, value, expected: a dead-letter code, or "ok" for a tolerant, analysed result)
    ("invalid json", b"{headline: no quotes}", "invalid_json"),
    ("truncated", b'{"headline":"Amazon beats on AWS", "summary":"rev', "invalid_json"),
    ("empty value", b"", "empty"),
    ("null value", None, "empty"),
    ("json null", b"null", "empty"),
    ("not an object", b'"just a string"', "not_object"),
    ("wrong type headline", b'{"headline":["a"]}', "wrong_type"),
    ("wrong type tickers", b'{"headline":"x","tickers":{"a":1}}', "wrong_type"),
    ("wrong type entities", b'{"headline":"x","entities":"Amazon"}', "wrong_type"),
    ("missing text", b'{"id":"x","tickers":["AMZN"]}', "missing_text"),
    ("invalid utf-8", b'{"headline":"\xff\xfe bad"}', "invalid_utf8"),
    ("64-deep nesting", nested, "ok"),
    # The embedded broker keeps ~5 MB per partition (older data is dropped, even unread), so the
    # 10 MB case of the issue is a unit test of the parser (tests/unit/parse); through Kafka a
    # message that fits next to the other large cases in one partition is used.
    ("3 MB message", b'{"text":"' + b"a" * (3 << 20) + b'"}', "too_large"),
    ("1 MB single token", ev(text="x" * 900_000), "ok"),
    ("number 1e400 in an unknown field", b'{"headline":"big number","score":1e400}', "ok"),
    ("published_at 1e400", b'{"headline":"x","published_at":1e400}', "wrong_type"),
    ("huge money", ev(headline="Company reports revenue of $99999999999999999999B"), "ok"),
    ("100,000 dollar signs", ev(text="$" * 100_000), "ok"),
    ("dollar signs and digits", ev(text="$1 " * 30_000), "ok"),
]
stream_bad = 20000

broker, bootstrap = h.start_broker(herald, "news:4,alerts:3,news.dlq:2")
run = None
try:
    run, port = h.start_run(herald, bootstrap, rules)
    h.produce(bootstrap, "news", [(None, v, [("case", n.encode())]) for n, v, _ in cases])
    # A stream of only bad messages at full speed.
    junk = [b"garbage", b"[]", b'{"headline":1}', b"", b"{"]
    h.produce(bootstrap, "news", [(None, junk[i % len(junk)], [("case", b"stream")]) for i in range(stream_bad)])
    total = len(cases) + stream_bad
    h.wait_for(lambda: h.metric_sum(h.scrape(port), "herald_events_processed_total") >= total, 300,
               f"herald to process {total} messages")
    assert run.proc.poll() is None, "herald crashed"
    dl_expected = sum(1 for *_, c in cases if c != "ok") + stream_bad
    dlq = h.read_all(bootstrap, "news.dlq", expect_at_least=dl_expected, seconds=120)
    assert len(dlq) == dl_expected, f"{len(dlq)} dead letters, expected {dl_expected}"
    got = {}
    for m in dlq:
        hdr = dict(m.headers() or [])
        if hdr["case"] != b"stream":
            got[hdr["case"].decode()] = hdr["herald-error"].decode()
    for name, _, code in cases:
        if code == "ok":
            assert name not in got, f"'{name}' should be analysed, was dead-lettered as {got.get(name)}"
        else:
            assert got.get(name) == code, f"'{name}': dead-lettered as {got.get(name)}, expected {code}"
    assert run.stop() == 0, "herald run did not exit 0 on SIGTERM"
    run = None
    committed, high = h.committed_offsets(bootstrap, "herald", "news")
    assert committed == high, f"committed {committed} != end {high}"
    print(f"bad input: {len(cases)} cases ({sum(1 for *_, c in cases if c == 'ok')} tolerated), "
          f"{stream_bad} bad messages at full speed, {len(dlq)} dead letters, no crash, exit 0")
    print("1 passed, 0 failed")
finally:
    if run:
        print("\n".join(run.stderr_lines[-20:]), file=sys.stderr)
        run.kill()
    broker.kill()
