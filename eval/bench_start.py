"""Time from `./run.sh` to a healthy server, as a user starts it: the first start (no index: build,
then serve) and a restart (index present, nothing changed), each the median of --runs. The venv
is the one in place (a fresh clone's pip phase is printed by scripts/setup.sh step by step).

    .venv/bin/python -m eval.bench_start [--runs 3]
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 600   # seconds a start may take before it counts as failed


def start(port: int, env: dict) -> float:
    """Seconds from ./run.sh to GET /api/health 200; the server is stopped afterwards."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(["./run.sh", "--port", str(port)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        while time.perf_counter() - t0 < LIMIT:
            if proc.poll() is not None:
                raise RuntimeError(f"./run.sh exited with {proc.returncode}")
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                    return time.perf_counter() - t0
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"not healthy within {LIMIT} s")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--port", type=int, default=7990)
    args = parser.parse_args()
    first, again = [], []
    with tempfile.TemporaryDirectory() as scratch:
        for run in range(args.runs):
            index, data = Path(scratch) / f"index-{run}", Path(scratch) / f"data-{run}"
            env = {**os.environ, "QA_INDEX": str(index), "QA_DATA": str(data), "GRADIO_ANALYTICS_ENABLED": "False"}
            first.append(start(args.port, env))
            again.append(start(args.port, env))
            shutil.rmtree(index, ignore_errors=True)
            print(f"run {run + 1}: first start {first[-1]:.1f} s, restart {again[-1]:.1f} s", flush=True)
    print(f"median of {args.runs}: first start (build + serve) {statistics.median(first):.1f} s, "
          f"restart (nothing changed) {statistics.median(again):.1f} s  ({os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
