"""`herald notify` restarted learns back the alerts still firing (docs/notify.md, "Alertmanager"):
alerts fire and one is resolved, herald notify stops with everything committed, Alertmanager
restarts (it keeps alerts in memory only: it forgets them), herald notify starts again and,
without delivering anything again, resends the alert still firing within --resend-interval;
neither the resolved alert nor one whose --active-for has passed comes back.

usage: restart_test.py HERALD_BINARY SOURCE_DIR WORK_DIR"""
import os
import shutil
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import notify_support as ns  # noqa: E402
from notify_support import h  # noqa: E402

herald, src, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)

OPTIONS = ["--resend-interval", "1s", "--active-for", "1h", "--backoff", "200ms", "--max-backoff", "2s",
           "--max-attempts", "0"]

broker, bootstrap = h.start_broker(herald, "alerts:3,alerts.undelivered:1")
am = notify = None
try:
    am = ns.Alertmanager(work)
    notify, port = ns.start_notify(herald, bootstrap, ["--alertmanager", am.url, *OPTIONS])

    # Firing on several partitions (keys spread them), one of them resolved later, and one detected
    # two hours ago (its --active-for has passed: Alertmanager takes it as ended).
    firing = [ns.alert("cloud-growth", f"T{i}", i) for i in range(6)]
    closing = ns.alert("loss-swing", "R1", 1)
    ended = ns.alert("cloud-growth", "OLD", 1, at=time.time() - 7200)
    h.produce(bootstrap, "alerts", [ns.record(a) for a in firing + [closing, ended]])
    h.wait_for(lambda: {a["alert_id"] for a in firing + [closing]} <= set(am.by_alert_id()), 30,
               "the firing alerts in Alertmanager")
    resolution = ns.alert("loss-swing", "R1", 2, resolved=True)
    h.produce(bootstrap, "alerts", [ns.record(resolution)])
    h.wait_for(lambda: closing["alert_id"] not in am.by_alert_id(), 30, "the resolved alert to close")
    ns.wait_committed(bootstrap, "herald-notify", "alerts", 30, "every alert committed")
    ns.stop_all_committed(notify, bootstrap)
    notify = None

    # Alertmanager restarts: it forgot every alert.
    assert am.stop() == 0
    am.start()
    assert am.alerts() == [], am.alerts()

    restarted = time.monotonic()
    notify, port = ns.start_notify(herald, bootstrap, ["--alertmanager", am.url, *OPTIONS])
    want = {a["alert_id"] for a in firing}
    h.wait_for(lambda: want <= set(am.by_alert_id()), 20, "the still-firing alerts resent after the restart")
    took = time.monotonic() - restarted
    # Two more resends: the resolved and the ended alert are still not among them.
    resends = h.metric_sum(h.scrape(port), "herald_notify_alertmanager_resends_total")
    h.wait_for(lambda: h.metric_sum(h.scrape(port), "herald_notify_alertmanager_resends_total") >= resends + 2 * len(want),
               10, "two more resends")
    held = am.by_alert_id()
    assert set(held) == want, f"Alertmanager holds {sorted(held)}, want only {sorted(want)}"
    for a in firing:
        assert held[a["alert_id"]]["status"]["state"] == "active", held[a["alert_id"]]
    assert ns.delivered(port, "alertmanager:") == 0, "alerts delivered again after the restart"
    assert any("firing alert(s) to resend" in line for line in notify.stderr_lines), notify.stderr_lines[-10:]
    print(f"after notify's and Alertmanager's restart: {len(want)} firing alerts back in {took:.1f} s, "
          "the resolved and the ended one not; nothing delivered again")

    notify = ns.finish(notify, bootstrap)
finally:
    ns.clean_up(notify, broker, am=am)
