"""Connections to a real `qa serve` that never finish a request: headers or a body sent at 1 byte
a second, nothing at all, more sockets than the cap. Each is closed within its configured limit
and a normal question is still answered meanwhile and afterwards."""
import resource
import socket
import threading
import time

import httpx
import pytest

from qa.web.connections import LIMITS
from qa.web.guards import BODY_SECONDS
from tests.conftest import running_server

QUESTION = "许昌哪年首次获评全国文明城市？"
SLACK = 3.0   # seconds beyond a limit: timer granularity and a busy 2-core machine


@pytest.fixture(scope="module")
def server(settings, tmp_path_factory):
    with running_server(settings, tmp_path_factory, QA_RATE_LIMIT="100000/60") as (url, _):
        assert httpx.post(url + "/api/ask", json={"question": QUESTION}, timeout=30).status_code == 200
        host, port = url.removeprefix("http://").split(":")
        yield url, (host, int(port))


def _drip(address, head: bytes, drip: bytes, out: dict, key: str) -> None:
    """Send `head`, then one byte a second until the server answers or closes; note when and what."""
    started = time.monotonic()
    with socket.create_connection(address, timeout=60) as sock:
        sock.sendall(head)
        sock.settimeout(1.0)
        while time.monotonic() - started < 60:
            try:
                data = sock.recv(4096)
                seconds = time.monotonic() - started
                while data and (more := sock.recv(4096)):   # the rest of the response, until the server closes
                    data += more
                out[key] = (seconds, data)
                return
            except TimeoutError:
                pass
            try:
                if drip:
                    sock.sendall(drip)
            except OSError:
                break
    out[key] = (time.monotonic() - started, b"")


def test_slow_and_idle_connections_are_closed_within_their_limits(server):
    url, address = server
    out: dict = {}
    cases = {"slow headers": (b"GET /api/health HTTP/1.1\r\n", b"X"),
             "idle": (b"", b""),
             "slow body": (b"POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                           b"Content-Length: 1000\r\n\r\n", b" ")}
    threads = [threading.Thread(target=_drip, args=(address, *v, out, k)) for k, v in cases.items()]
    for t in threads:
        t.start()
    time.sleep(2)
    r = httpx.post(url + "/api/ask", json={"question": QUESTION}, timeout=10)   # others meanwhile: answered
    assert r.status_code == 200 and r.json()["answer"] == "2015年"
    for t in threads:
        t.join(70)
    for key in ("slow headers", "idle"):
        seconds, data = out[key]
        assert data == b"" and seconds < LIMITS["header_seconds"] + SLACK, (key, seconds, data[:100])
    seconds, data = out["slow body"]
    assert data.startswith(b"HTTP/1.1 408") and seconds < BODY_SECONDS["api"] + SLACK, (seconds, data[:200])
    assert b'"error"' in data


def test_connections_over_the_cap_are_refused_at_once(server):
    url, address = server
    cap = LIMITS["max_connections"]
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < cap + 200:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, cap + 400), hard))   # this test process's own sockets
    socks = []
    try:
        for _ in range(cap + 50):
            socks.append(socket.create_connection(address, timeout=5))
        time.sleep(1.0)
        refused = 0
        for s in socks:
            s.setblocking(False)
            try:
                data = s.recv(200)
                refused += data == b"" or data.startswith(b"HTTP/1.1 503")
            except BlockingIOError:
                pass
        assert 40 <= refused <= 60, refused   # the ones over the cap (a few of the server's own may count)
    finally:
        for s in socks:
            s.close()
    time.sleep(0.5)
    r = httpx.post(url + "/api/ask", json={"question": QUESTION}, timeout=10)   # closed sockets free the places
    assert r.status_code == 200 and r.json()["answer"] == "2015年"
