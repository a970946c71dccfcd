"""Load on a running server, as the README starts it: answers/s and latency at several client counts.

    .venv/bin/python eval/bench_serve.py [--clients 1 8 32] [--seconds 20] [--reader model|rules]

Starts `qa serve` on a free port (the rate limit raised: this is a burst by design), sends the dev
and resident questions round-robin through POST /api/ask from N concurrent clients for a bounded
time each, and prints answers/s, median/p95/max latency, errors, answers that differ from the
one-client answer to the same question, and the server's resident memory after each level.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_REQUESTS = 20_000   # per level: bounded even if answers get very fast


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, from /proc."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            total += next(int(line.split()[1]) for line in Path(f"/proc/{p}/status").read_text().splitlines()
                          if line.startswith("VmRSS:"))
            todo += [int(c) for c in Path(f"/proc/{p}/task/{p}/children").read_text().split()]
        except (OSError, StopIteration):
            pass
    return total / 1024


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


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32])
    p.add_argument("--seconds", type=float, default=20.0, help="per client count")
    p.add_argument("--reader", choices=["model", "rules"], default="model")
    args = p.parse_args(argv)
    import httpx

    port = free_port()
    env = {**os.environ, "QA_RATE_LIMIT": "999999/60", "QA_READER": args.reader, "GRADIO_ANALYTICS_ENABLED": "False"}
    log = open(os.devnull, "w")
    server = subprocess.Popen([sys.executable, "-m", "qa", "serve", "--port", str(port)], cwd=ROOT, env=env,
                              stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            if server.poll() is not None:
                raise SystemExit(f"error: qa serve exited with {server.returncode}; run it by hand to see why")
            try:
                if httpx.get(url + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        else:
            raise SystemExit("error: qa serve did not answer /api/health within 5 minutes")
        qs = questions()
        reference: dict = {}
        level(url, qs, 1, min(args.seconds, 10.0), reference)   # warm-up: jieba, the tagger cache, the reader
        print(f"qa serve (1 process, reader {args.reader}), {len(qs)} questions round-robin, "
              f"{args.seconds:.0f} s per level, {os.cpu_count()} cores")
        print(f"{'clients':>7} {'answers':>8} {'answers/s':>10} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} "
              f"{'errors':>7} {'differ':>7} {'RSS MB':>7}")
        for n in args.clients:
            m = level(url, qs, n, args.seconds, reference)
            print(f"{n:>7} {m['answers']:>8} {m['per_s']:>10.1f} {m['median']:>10.0f} {m['p95']:>8.0f} {m['max']:>8.0f} "
                  f"{m['errors']:>7} {m['differ']:>7} {rss_mb(server.pid):>7.0f}", flush=True)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
