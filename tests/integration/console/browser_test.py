"""The console's page in headless Chromium against a real console and the embedded broker: it
loads with no console errors, a newly published alert appears within 1 s, the filters work, the
detail shows the evidence with its figure marked, and an acknowledgement survives a console
restart. Screenshots go to WORK_DIR/screenshots (test artefacts).

usage: browser_test.py HERALD SOURCE_DIR WORK_DIR"""
import os
import shutil
import sys
import time

from console_helpers import Publisher, alert, records, start_console, wait_alerts
from herald_harness import produce, start_broker
from cdp import Browser  # after console_helpers: it puts the harness on the path

ROWS = "document.querySelectorAll('#alerts tbody tr')"


def row_count(b):
    return b.eval(ROWS + ".length")


def set_filter(b, element, value):
    kind = "change" if element in ("f-rule", "f-severity") else "input"
    b.eval(f"(() => {{ const e = document.getElementById('{element}'); e.value = {value!r}; "
           f"e.dispatchEvent(new Event('{kind}')); }})()")


def keys_shown(b):
    return b.eval(f"[...{ROWS}].map((tr) => tr.children[3].textContent)")


def main():
    herald, _source, work = sys.argv[1:4]
    shutil.rmtree(work, ignore_errors=True)
    shots = os.path.join(work, "screenshots")
    os.makedirs(shots)
    db = os.path.join(work, "console.db")
    broker, bootstrap = start_broker(herald, "alerts:3")
    browser = None
    console = None
    try:
        first = [alert(i, key=k, severity=s, rule=r) for i, (k, s, r) in enumerate(
            [("AMZN", "warning", "aws-growth"), ("MSFT", "info", "azure-growth"), ("NVDA", "critical", "guidance-cut"),
             ("AMZN", "info", "aws-growth"), ("MSFT", "warning", "azure-growth"), ("META", "warning", "capex")], 1)]
        produce(bootstrap, "alerts", records(first))
        console, port = start_console(herald, bootstrap, db)
        wait_alerts(port, lambda rows: len(rows) == 6, 30, "the first alerts in the store")
        browser = Browser()
        base = f"http://127.0.0.1:{port}"
        browser.navigate(base + "/")
        browser.until(ROWS + ".length === 6", 10, "the six stored alerts on the page")
        browser.until("document.getElementById('status').textContent === 'live'", 10, "the live stream")
        browser.until("document.querySelectorAll('#charts .chart svg').length === 4", 10, "a chart per ticker")
        browser.screenshot(os.path.join(shots, "1-loaded.png"))

        # A new alert appears within a second of being published.
        latencies = []
        publisher = Publisher(bootstrap)
        for n in range(7, 12):
            t0 = time.monotonic()
            publisher.send([alert(n, key="TSLA", severity="critical", rule="recall")])
            browser.until(f"document.querySelector('tr[data-id=\"{n:016x}\"]') !== null", 5, f"alert {n} on the page", 0.005)
            latencies.append(time.monotonic() - t0)
        print("published -> on the page (ms): " + ", ".join(f"{l * 1000:.0f}" for l in latencies))
        assert max(latencies) < 1.0, latencies
        publisher.flush()
        assert row_count(browser) == 11
        browser.screenshot(os.path.join(shots, "2-live.png"))

        # Filters: ticker, severity, rule, text; a live alert that does not match stays out.
        set_filter(browser, "f-ticker", "MSFT")
        browser.until(f"{ROWS}.length === 2", 5, "the ticker filter")
        assert set(keys_shown(browser)) == {"MSFT"}
        produce(bootstrap, "alerts", records([alert(20, key="AMZN"), alert(21, key="MSFT", rule="azure-growth")]))
        browser.until(f"document.querySelector('tr[data-id=\"{21:016x}\"]') !== null", 5, "the matching live alert")
        assert browser.eval(f"document.querySelector('tr[data-id=\"{20:016x}\"]')") is None
        set_filter(browser, "f-ticker", "")
        set_filter(browser, "f-severity", "critical")
        browser.until(f"{ROWS}.length === 6", 5, "the severity filter (1 NVDA + 5 TSLA)")
        set_filter(browser, "f-severity", "")
        set_filter(browser, "f-rule", "capex")
        browser.until(f"{ROWS}.length === 1", 5, "the rule filter")
        set_filter(browser, "f-rule", "")
        set_filter(browser, "f-text", "#3)")
        browser.until(f"{ROWS}.length === 1", 5, "the text filter")
        browser.screenshot(os.path.join(shots, "3-filtered.png"))
        set_filter(browser, "f-text", "")
        browser.until(f"{ROWS}.length === 13", 5, "every alert again")

        # Detail: evidence with the figure marked, metrics, sentiment; acknowledge.
        target = f"{3:016x}"
        browser.eval(f"document.querySelector('tr[data-id=\"{target}\"]').click()")
        browser.until("document.querySelector('#detail blockquote mark') !== null", 5, "the evidence")
        assert browser.eval("document.querySelector('#detail blockquote mark').textContent") == "$37.6B"
        assert browser.eval("location.pathname") == "/alerts/" + target
        assert "0.62" in browser.eval("document.getElementById('sentiment').textContent")
        assert "revenue" in browser.eval("document.getElementById('metrics').textContent")
        browser.eval("document.getElementById('ack').click()")
        browser.until(f"document.querySelector('tr[data-id=\"{target}\"]').classList.contains('acked')", 5,
                      "the row to show the acknowledgement")
        browser.screenshot(os.path.join(shots, "4-detail-acknowledged.png"))
        browser.navigate("about:blank")  # no stream left open while the console restarts
        assert console.stop() == 0

        # After a restart the acknowledgement is still there, and /alerts/<id> opens the alert.
        console, port = start_console(herald, bootstrap, db, name="restarted console")
        browser.navigate(f"http://127.0.0.1:{port}/alerts/{target}")
        browser.until(f"document.querySelector('tr[data-id=\"{target}\"]')?.classList.contains('acked')", 10,
                      "the acknowledgement after the restart")
        browser.until("document.getElementById('ack')?.textContent === 'acknowledged'", 5, "the detail's state")
        browser.screenshot(os.path.join(shots, "5-after-restart.png"))
        browser.drain()
        assert not browser.errors, "console errors on the page:\n" + "\n".join(browser.errors)
        browser.navigate("about:blank")
    finally:
        if browser:
            browser.close()
        if console:
            console.stop()
        broker.kill()
    print(f"console page: ok (screenshots in {shots})")


if __name__ == "__main__":
    main()
