"""Two replicas behind Debian's nginx, as deploy/ describes: the index shipped to both by
deploy/publish-index.sh, load spread over both, one replica killed mid-load at no cost to the
clients (nginx retries on the other), the same answers throughout."""
from __future__ import annotations

import os
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from tests.support import replicas   # how the benchmarks and the tests start `qa serve`

ROOT = Path(__file__).resolve().parents[2]

QUESTIONS = ("许昌哪年首次获评全国文明城市？", "许昌一共获得过几次全国文明城市称号？", "许昌有多少志愿者？")
CLIENTS = 6
LOAD_SECONDS = 8.0
KILL_AFTER = 3.0

if replicas.nginx_binary() is None:
    reason = "nginx is not installed (scripts/setup.sh test installs Debian's nginx where it can)"
    pytestmark = pytest.mark.skipif(not os.environ.get("CI"), reason=reason)


@pytest.fixture
def shipped(settings, tmp_path):
    """The session's index and corpus published to two replica folders, as an operator would."""
    targets = [tmp_path / "replica-a", tmp_path / "replica-b"]
    subprocess.run(["bash", str(ROOT / "deploy" / "publish-index.sh"), str(settings.index), *map(str, targets)],
                   check=True, capture_output=True, env={**os.environ, "QA_CORPUS": str(settings.corpus)})
    return targets


def test_replicas_behind_nginx_fail_over_without_errors(shipped, tmp_path):
    if replicas.nginx_binary() is None:
        pytest.fail("nginx is missing on CI: scripts/setup.sh test should have installed it")
    data = tmp_path / "data"   # one feedback database for both (SQLite WAL on one disk)
    # the rule reader: fail-over does not depend on it, and two replicas start faster without torch
    envs = [{"QA_INDEX": str(t / "index"), "QA_CORPUS": str(t / "corpus"), "QA_DATA": str(data),
             "QA_READER": "rules", "QA_RATE_LIMIT": "100000/60", "PYTHONUNBUFFERED": "1"} for t in shipped]
    with ThreadPoolExecutor(2) as pool:
        started = list(pool.map(lambda k: replicas.start_server(envs[k], tmp_path / f"serve{k}.log"), range(2)))
    procs = [p for p, _ in started]
    nginx = None
    try:
        health = [httpx.get(url + "/api/health", timeout=10).json() for _, url in started]
        published = (shipped[0] / "index" / "current").resolve().name
        assert [h["index_version"] for h in health] == [published, published]
        nginx, front = replicas.start_nginx([int(url.rsplit(":", 1)[1]) for _, url in started], tmp_path / "nginx")
        # each replica answers every question once directly: warm (a cold first answer loads the
        # dictionaries) and the reference the answers through nginx must equal
        direct = [{q: httpx.post(url + "/api/ask", json={"question": q}, timeout=60).json()["answer"] for q in QUESTIONS}
                  for _, url in started]
        reference = direct[1]
        assert direct[0] == reference and all(reference.values())
        results, lock = [], threading.Lock()
        t0 = time.monotonic()

        def client(k: int) -> None:
            with httpx.Client(timeout=30) as c:
                i = k
                while time.monotonic() - t0 < LOAD_SECONDS:
                    q = QUESTIONS[i % len(QUESTIONS)]
                    i += 1
                    sent = time.monotonic() - t0
                    try:
                        r = c.post(front + "/api/ask", json={"question": q})
                        got = (r.status_code, r.json().get("answer") if r.status_code == 200 else r.text[:200])
                    except httpx.HTTPError as err:
                        got = (0, repr(err))
                    with lock:
                        results.append((sent, q, *got))

        threads = [threading.Thread(target=client, args=(k,)) for k in range(CLIENTS)]
        for t in threads:
            t.start()
        time.sleep(KILL_AFTER)
        replicas.stop(procs[0], kill=True)   # a hard failure: no graceful shutdown
        killed_at = time.monotonic() - t0
        for t in threads:
            t.join()
        errors = [r for r in results if r[2] != 200]
        assert not errors, f"{len(errors)} of {len(results)} requests failed, e.g. {errors[:3]}"
        assert all(r[3] == reference[r[1]] for r in results), "an answer differed from the replica's own"
        assert sum(r[0] > killed_at + 0.5 for r in results) >= CLIENTS   # the survivor carried on
        # each replica logs the questions it answered: both took load through nginx
        answered = [(tmp_path / f"serve{k}.log").read_text().count("POST /api/ask 200") - len(QUESTIONS) for k in range(2)]
        assert min(answered) >= CLIENTS, f"answered through nginx, per replica: {answered}"
    finally:
        for p in [*procs, *([nginx] if nginx else [])]:
            replicas.stop(p)
