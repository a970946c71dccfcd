"""Load on the server as the README starts it: answers/s and latency at several client counts,
for 1 and more worker processes and for replicas behind nginx.

    .venv/bin/python -m eval.bench_serve [--clients 1 8 32] [--seconds 15] [--reader model|rules]
                                         [--workers 1 2] [--replicas 2]

For each setup it starts the server(s) (`qa serve --workers N`; with --replicas, N one-worker
replicas on their own ports behind nginx as deploy/nginx.conf says, via tests/support/replicas.py), with
the rate limit raised (this is a burst by design), sends the dev and resident questions
round-robin through POST /api/ask from C concurrent clients for a bounded time each, and prints
answers/s, median/p95/max latency, errors, answers that differ from the first answer to the
same question (across setups too), and the memory of all server processes: resident (RSS) and
proportional (PSS: pages shared between workers, such as the memory-mapped index, the model file
and libraries, counted once in total). Ends with answers/s of each setup over 1 worker.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_REQUESTS = 20_000   # per level: bounded even if answers get very fast


def tree(pids: list[int]) -> list[int]:
    """These processes and all their children (uvicorn's workers, nginx's), from /proc."""
    todo, seen = list(pids), []
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
            seen.append(p)
        except OSError:
            pass
    return seen


def memory_mb(pids: list[int]) -> tuple[float, float]:
    """(RSS, PSS) in MB of these processes and all their children."""
    rss = pss = 0
    for p in tree(pids):
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            pass
    return rss / 1024, pss / 1024


def cpu_seconds(pids: list[int]) -> float:
    """CPU time (user + system, all threads) of these processes and their children so far."""
    ticks = 0
    for p in tree(pids):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])   # utime, stime (fields 14 and 15 of stat)
        except (OSError, IndexError, ValueError):
            pass
    return ticks / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system   # the load generator's threads share the cores with the servers


def questions() -> list[str]:
    out = []
    for name in ("gold.jsonl", "gold_residents.jsonl"):
        for line in (ROOT / "eval" / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not json.loads(line).get("after"):
                out.append(json.loads(line)["question"])
    return out


def level(url: str, qs: list[str], clients: int, seconds: float, reference: dict) -> dict:
    import httpx

    lat, errors, differ, done = [], [], [], 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(k: int) -> None:
        nonlocal done
        with httpx.Client(timeout=60) as c:
            i = k
            while time.monotonic() < stop:
                with lock:
                    if done >= MAX_REQUESTS:
                        return
                    done += 1
                q = qs[i % len(qs)]
                i += clients
                t0 = time.perf_counter()
                try:
                    r = c.post(url + "/api/ask", json={"question": q})
                    ok = r.status_code == 200
                    got = r.json().get("answer") if ok else None
                except httpx.HTTPError as err:
                    ok, got = False, repr(err)
                ms = (time.perf_counter() - t0) * 1000
                with lock:
                    lat.append(ms)
                    if not ok:
                        errors.append(q)
                    elif q in reference and reference[q] != got:
                        differ.append(q)
                    reference.setdefault(q, got)

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.monotonic() - started
    ordered = sorted(lat)
    return {"clients": clients, "answers": len(lat), "per_s": len(lat) / took,
            "median": statistics.median(ordered) if ordered else 0.0,
            "p95": ordered[max(0, round(0.95 * len(ordered)) - 1)] if ordered else 0.0,
            "max": ordered[-1] if ordered else 0.0, "errors": len(errors), "differ": len(set(differ))}


def setups(args) -> list[tuple[str, int, int]]:
    """(label, workers per server, servers) to measure."""
    out = [(f"{w} worker{'s' if w > 1 else ''}", w, 1) for w in args.workers]
    if args.replicas:
        out.append((f"{args.replicas} replicas + nginx", 1, args.replicas))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32])
    p.add_argument("--seconds", type=float, default=15.0, help="per client count")
    p.add_argument("--reader", choices=["model", "rules"], default="model")
    p.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to measure, one server each")
    p.add_argument("--replicas", type=int, default=0, help="also measure this many one-worker replicas behind nginx")
    args = p.parse_args(argv)
    from tests.support import replicas

    env = {"QA_RATE_LIMIT": "999999/60", "QA_READER": args.reader}
    qs = questions()
    reference: dict = {}
    rates: dict = {}
    print(f"{len(qs)} questions round-robin, reader {args.reader}, {args.seconds:.0f} s per level, "
          f"{os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}")
    for label, workers, servers in setups(args):
        with tempfile.TemporaryDirectory() as scratch:
            procs, urls = [], []
            try:
                for k in range(servers):
                    proc, url = replicas.start_server(env, Path(scratch) / f"serve{k}.log", workers=workers)
                    procs.append(proc)
                    urls.append(url)
                url = urls[0]
                if servers > 1:
                    nginx, url = replicas.start_nginx([int(u.rsplit(":", 1)[1]) for u in urls], Path(scratch) / "nginx")
                    procs.append(nginx)
                level(url, qs, max(args.clients), min(args.seconds, 10.0), reference)   # warm every worker
                print(f"\n{label}")
                print(f"{'clients':>7} {'answers':>8} {'answers/s':>10} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} "
                      f"{'errors':>7} {'differ':>7} {'RSS MB':>7} {'PSS MB':>7} {'server CPU':>10} {'client CPU':>10}")
                for n in args.clients:
                    cpu, own, wall = cpu_seconds([pr.pid for pr in procs]), own_cpu_seconds(), time.monotonic()
                    m = level(url, qs, n, args.seconds, reference)
                    wall = time.monotonic() - wall
                    # in % of one core: 200% is all of a 2-core machine
                    server = 100 * (cpu_seconds([pr.pid for pr in procs]) - cpu) / wall
                    client = 100 * (own_cpu_seconds() - own) / wall
                    rss, pss = memory_mb([pr.pid for pr in procs[:servers]])
                    rates[(label, n)] = m["per_s"]
                    print(f"{n:>7} {m['answers']:>8} {m['per_s']:>10.1f} {m['median']:>10.0f} {m['p95']:>8.0f} "
                          f"{m['max']:>8.0f} {m['errors']:>7} {m['differ']:>7} {rss:>7.0f} {pss:>7.0f} "
                          f"{server:>9.0f}% {client:>9.0f}%", flush=True)
            finally:
                for proc in procs:
                    replicas.stop(proc)
    base = setups(args)[0][0]
    print(f"\nanswers/s over {base}:")
    for label, _, _ in setups(args)[1:]:
        print(f"  {label}: " + ", ".join(f"{n} clients {rates[(label, n)] / rates[(base, n)]:.2f}x" for n in args.clients))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
