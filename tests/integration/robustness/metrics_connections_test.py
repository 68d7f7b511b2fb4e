"""Idle connections to the metrics port cannot starve the Kafka clients of descriptors (issue 20
item 11). herald runs under `ulimit -n 1024` (soft and hard, so raising the soft limit cannot
help), a client opens CONNECTIONS idle connections to its metrics port and holds them, and a broker
restarts, so librdkafka needs new sockets. Checked: /metrics answers during the flood, every event
produced meanwhile is committed, the idle connections are closed by herald (at the cap, or after
--metrics-idle-timeout), and /metrics still answers afterwards.

usage: metrics_connections_test.py HERALD_BINARY SOURCE_DIR WORK_DIR [EVENTS] [CONNECTIONS]"""
import os
import resource
import select
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "pipeline"))
import herald_harness as h  # noqa: E402

herald, src, work, rules, feed = h.robustness_setup(2000, seed=53)
connections_n = int(sys.argv[5]) if len(sys.argv) > 5 else 1100
FD_LIMIT = 1024
half = len(feed.records) // 2

# This process holds the idle connections: it needs more descriptors than herald may have.
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
need = connections_n + 256
assert hard == resource.RLIM_INFINITY or hard >= need, f"the test needs {need} descriptors, the hard limit is {hard}"
resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, need), hard))

broker = h.FaultyBroker(herald, "news:12,alerts:3,news.dlq:1", brokers=3)
bootstrap = broker.bootstrap
run = None
idle = []
try:
    h.produce(bootstrap, "news", feed.records[:half])
    # herald under a hard descriptor limit of 1024 (prlimit sets it for the exec'd process).
    limited = os.path.join(work, "herald-1024")
    with open(limited, "w") as f:
        f.write(f"#!/bin/sh\nexec prlimit --nofile={FD_LIMIT}:{FD_LIMIT} {herald} \"$@\"\n")
    os.chmod(limited, 0o755)
    run, port = h.start_run(limited, bootstrap, rules, ["--producer", "max.in.flight=1"])
    h.wait_all_committed(bootstrap, "herald", "news", run, port, 120, "the first half to be committed")

    t0 = time.monotonic()
    refused = 0
    for _ in range(connections_n):
        try:
            idle.append(socket.create_connection(("127.0.0.1", port), timeout=2))
        except OSError:
            refused += 1
    print(f"{len(idle)} idle connections opened to the metrics port in {time.monotonic() - t0:.1f} s "
          f"({refused} not accepted by the kernel)", flush=True)
    try:
        text = h.scrape(port)
    except OSError as e:
        raise AssertionError(f"/metrics does not answer while {len(idle)} idle connections are open: {e}")
    print("/metrics answers during the flood", flush=True)

    # A broker restart: librdkafka reconnects, which needs descriptors.
    seen = len(run.stderr_lines)
    broker.command("down 2")
    h.wait_for(lambda: any("/2: " in l and ("Disconnected" in l or "Connect to" in l) for l in run.stderr_lines[seen:]),
               30, "herald's clients to lose broker 2")
    broker.command("up 2")
    h.produce(bootstrap, "news", feed.records[half:])
    h.wait_all_committed(bootstrap, "herald", "news", run, port, 60,
                         "every event to be committed while the idle connections are held")
    print(f"every event committed {time.monotonic() - t0:.1f} s after the flood began", flush=True)

    # herald closes every idle connection: at the cap (the oldest go first) or after its idle timeout.
    def all_closed():
        poller = select.poll()  # select() cannot watch descriptors past 1024
        by_fd = {s.fileno(): s for s in idle}
        for fd in by_fd:
            poller.register(fd, select.POLLIN | select.POLLHUP | select.POLLERR)
        for fd, _ in poller.poll(500):
            s = by_fd[fd]
            try:
                gone = s.recv(1) == b""
            except OSError:
                gone = True
            if gone:
                idle.remove(s)
                s.close()
        return not idle
    h.wait_for(all_closed, 60, "herald to close the idle connections", interval=0.1)
    print(f"herald closed every idle connection {time.monotonic() - t0:.1f} s after the flood began", flush=True)
    assert h.metric_sum(h.scrape(port), "herald_events_processed_total") >= len(feed.records)
    assert run.proc.poll() is None, "herald exited"
    assert run.stop() == 0, "herald did not exit 0 on SIGTERM"
    run = None
    print("1 passed, 0 failed")
finally:
    for s in idle:
        s.close()
    if run:
        run.kill()
    broker.kill()
