"""A read-back of firing alerts does not hold up the group (docs/notify.md, "Alertmanager"):
herald notify reads the alerts topic back on a thread of its own, with the partitions it reads
for paused, so its assignment callback returns at once. Alerts fire on both partitions and are
committed; herald notify restarts while the broker fails every fetch, so the read-back cannot
finish (it would take its whole 30 s bound). A second member joins the group meanwhile: it gets
its share (one of the two partitions) and the group then stays settled, herald notify keeping the
other, for max.poll.interval.ms (10 s here) and the embedded broker's rebalance delay (5 s) after.
Before, herald notify sat in its assignment callback through the read-back: it took no part in
the rebalance, overran max.poll.interval.ms and was put out of the group, the newcomer taking
both partitions (or, had it come back, the group rebalancing again). Once fetches work again the read-back
completes and the firing alerts are resent to Alertmanager, nothing delivered again.

usage: read_back_rebalance_test.py HERALD_BINARY SOURCE_DIR WORK_DIR"""
import os
import shutil
import sys
import threading
import time

from confluent_kafka import Consumer

sys.path.insert(0, os.path.dirname(__file__))
import notify_support as ns  # noqa: E402
from notify_support import h  # noqa: E402

herald, src, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)

NOT_LEADER_OR_FOLLOWER = 6  # retriable: a fetch failing with it is tried again, and again
OPTIONS = ["--resend-interval", "1s", "--active-for", "1h", "--max-attempts", "0"]
GROUP = "herald-notify"
JOIN_SECONDS = 20    # the embedded broker completes a rebalance 5 s (session timeout - 1 s) after it starts
SETTLE_SECONDS = 15  # max.poll.interval.ms (10 s) and the next rebalance's start: the group must not move

broker = h.FaultyBroker(herald, "alerts:2,alerts.undelivered:1", brokers=1)
bootstrap = broker.bootstrap
am = notify = member = None
try:
    am = ns.Alertmanager(work)
    notify, port = ns.start_notify(herald, bootstrap, ["--alertmanager", am.url, *OPTIONS])
    firing = [ns.alert("cloud-growth", f"T{i}", i) for i in range(8)]
    h.produce(bootstrap, "alerts", [ns.record(a) for a in firing])
    want = {a["alert_id"] for a in firing}
    h.wait_for(lambda: want <= set(am.by_alert_id()), 30, "the firing alerts in Alertmanager")
    ns.wait_committed(bootstrap, GROUP, "alerts", 30, "every alert committed")
    ns.stop_all_committed(notify, bootstrap)
    notify = None
    assert am.stop() == 0  # it forgets every alert: what comes back was read back
    am.start()

    broker.command(f"errors fetch {NOT_LEADER_OR_FOLLOWER} 1000000")
    notify, port = ns.start_notify(herald, bootstrap, ["--alertmanager", am.url, *OPTIONS])
    h.wait_for(lambda: h.http_status(port, "/readyz") == 200, 30, "herald notify to be assigned the partitions")

    # A second member of the group, with herald notify's group settings.
    assigned, revoked = [], []
    lock = threading.Lock()

    def on_assign(consumer, partitions):
        with lock:
            assigned.append(sorted(p.partition for p in partitions))

    def on_revoke(consumer, partitions):
        with lock:
            revoked.append(sorted(p.partition for p in partitions))

    member = Consumer({"bootstrap.servers": bootstrap, "group.id": GROUP, "enable.auto.commit": False,
                       "session.timeout.ms": 6000, "max.poll.interval.ms": 10000, "heartbeat.interval.ms": 500})
    joined = time.monotonic()
    member.subscribe(["alerts"], on_assign=on_assign, on_revoke=on_revoke)

    def poll_until(deadline, stop):
        while not deadline.expired():
            member.poll(0.1)
            with lock:
                if stop():
                    return

    poll_until(h.Deadline(JOIN_SECONDS), lambda: assigned)
    took = time.monotonic() - joined
    with lock:
        first = assigned[0] if assigned else None
    assert first is not None, f"the second member got no assignment in {JOIN_SECONDS} s"
    assert not any("read back" in line for line in notify.stderr_lines), \
        "the read-back ended before the rebalance: it was not under way during it"
    assert len(first) == 1, f"the second member got partitions {first}: herald notify was put out of the group"
    # The group stays as it is: herald notify took part in the rebalance and goes on polling.
    poll_until(h.Deadline(SETTLE_SECONDS), lambda: revoked or len(assigned) > 1)
    with lock:
        assert not revoked and len(assigned) == 1, \
            f"the group rebalanced again (assigned {assigned}, revoked {revoked}): herald notify missed the first one"
    assert notify.proc.poll() is None, "herald notify stopped"
    print(f"a member joined during the read-back: its share (partition {first[0]}) in {took:.1f} s, herald notify "
          f"kept the other, and the group stayed settled for {SETTLE_SECONDS} s")

    member.close()
    member = None
    broker.command("clear fetch")
    h.wait_for(lambda: want <= set(am.by_alert_id()), 60, "the firing alerts resent once the read-back finished")
    assert ns.delivered(port, "alertmanager:") == 0, "alerts delivered again after the restart"
    print(f"fetches back: the read-back finished and the {len(want)} firing alerts were resent")

    notify = ns.finish(notify, bootstrap)
finally:
    if member:
        member.close()
    ns.clean_up(notify, broker, am=am)
