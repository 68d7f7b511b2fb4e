"""The first alert after `herald run` starts is as quick as the next ones. librdkafka 2.0.2 holds
the first message to a topic it has not looked up for about a second; herald learns its output
topics at start, so consume-to-alert of the first alert stays in milliseconds (it was ~1,000 ms).

usage: first_alert_test.py HERALD_BINARY SOURCE_DIR"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
import herald_harness as h  # noqa: E402
from confluent_kafka import Producer  # noqa: E402

herald, src = sys.argv[1:3]
rules = os.path.join(src, "data", "rules", "demo.yaml")
feed = os.path.join(src, "data", "sample-feed.ndjson")

# Events the demo rules alert on, as `herald analyze` predicts.
predicted = subprocess.run([herald, "analyze", "--rules", rules, "--alerts", feed], capture_output=True, text=True,
                           timeout=120, check=True).stdout
alerting_ids = [json.loads(line)["event_id"] for line in predicted.splitlines() if line.strip()]
events = {}
with open(feed) as f:
    for line in f:
        e = json.loads(line)
        events[e["id"]] = line.strip()
assert len(alerting_ids) >= 3, "the sample feed should alert under the demo rules"

broker, bootstrap = h.start_broker(herald, "news:4,alerts:1,news.dlq:1")
run = None
try:
    run, port = h.start_run(herald, bootstrap, rules)
    h.wait_for(lambda: h.http_status(port, "/readyz") == 200, 60, "herald run to be ready")
    producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 0})
    for n, event_id in enumerate(alerting_ids[:3], start=1):
        producer.produce("news", value=events[event_id].encode())
        assert producer.flush(30) == 0, "the test's event was not delivered"
        h.wait_for(lambda: h.metric_sum(h.scrape(port), "herald_alerts_published_total") >= n, 60,
                   f"alert {n} to be published")
        text = h.scrape(port)
        count = h.metric_sum(text, "herald_consume_to_alert_latency_seconds_count")
        total = h.metric_sum(text, "herald_consume_to_alert_latency_seconds_sum")
        print(f"alert {n}: consume-to-alert total {total * 1000:.1f} ms over {count:.0f} alert(s)")
        # Each alert, the first included, in well under the half second a topic lookup would add.
        assert total < 0.5 * n, f"alert {n}: consume-to-alert summed to {total * 1000:.0f} ms over {count:.0f} alerts"
    assert run.stop() == 0, "herald run did not exit 0 on SIGTERM"
    run = None
    print("first alert test: ok")
except BaseException:
    if run is not None:
        print("herald's stderr (last 30 lines):\n" + "\n".join(run.stderr_lines[-30:]))
        run.kill()
    raise
finally:
    broker.kill()
