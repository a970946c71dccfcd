"""Start `qa serve` processes and nginx in front of them on loopback, as deploy/ describes.

Used by eval/bench_serve.py (`--replicas 2`) and tests/web/test_replicas.py. nginx runs
deploy/nginx.conf as written, with its replica ports and listen address replaced, under a
minimal main configuration of its own (pid, logs and temp folders in a scratch folder), so
neither needs root nor touches /etc/nginx. Entry points: `start_server`, `start_nginx`, `stop`.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
NGINX_PATHS = ("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx")
STARTUP_SECONDS = 180   # a cold start loads the index, the reader and the embedder


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in NGINX_PATHS if os.access(p, os.X_OK)), None)


def start_server(env: dict, log: Path, port: int | None = None, workers: int | None = None) -> tuple[subprocess.Popen, str]:
    """`python -m qa serve` as the README starts it (`--workers` when given, else QA_WORKERS or 1);
    returns once /api/health answers. A free port it chose itself that another process took before
    the server bound it (the suite runs in two pytest-xdist workers) is chosen again, up to 3 times."""
    for _ in range(1 if port else 3):
        try:
            return _start_server(env, log, port or free_port(), workers)
        except PortTaken:
            pass
    raise RuntimeError(f"qa serve could not have a port of its own: {log.read_text()[-1500:]}")


class PortTaken(Exception):
    pass


def _ours(worker, proc: subprocess.Popen) -> bool:
    """Whether the process that answered is the server started (its session: start_new_session)."""
    try:
        return isinstance(worker, int) and os.getsid(worker) == proc.pid
    except OSError:
        return False


def _start_server(env: dict, log: Path, port: int, workers: int | None) -> tuple[subprocess.Popen, str]:
    import httpx

    full = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", **env}
    out = log.open("w")
    extra = ["--workers", str(workers)] if workers else []
    proc = subprocess.Popen([sys.executable, "-m", "qa", "serve", "--port", str(port), *extra],
                            cwd=ROOT, env=full, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        if proc.poll() is not None:
            if "address already in use" in log.read_text().lower():
                raise PortTaken()
            raise RuntimeError(f"qa serve exited with {proc.returncode}: {log.read_text()[-1500:]}")
        try:
            r = httpx.get(url + "/api/health", timeout=2)
            if r.status_code == 200:
                if not _ours(r.json().get("worker"), proc):   # another test's server holds the port
                    stop(proc)
                    raise PortTaken()
                return proc, url
        except (httpx.HTTPError, ValueError):
            pass
        if time.monotonic() > deadline:
            stop(proc)
            raise RuntimeError(f"qa serve did not answer /api/health within {STARTUP_SECONDS} s: {log.read_text()[-1500:]}")
        time.sleep(0.3)


def nginx_config(replica_ports: list[int], listen: int, scratch: Path) -> str:
    """deploy/nginx.conf with these replicas and this port, inside a main config that runs unprivileged."""
    site = NGINX_CONF.read_text(encoding="utf-8")
    servers = "".join(f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;\n" for p in replica_ports)
    site, n = re.subn(r"(?m)^    server 127\.0\.0\.1:\d+ .*\n(?:    server 127\.0\.0\.1:\d+ .*\n)*", servers, site, count=1)
    site, m = re.subn(r"listen 80;", f"listen 127.0.0.1:{listen};", site, count=1)
    if not (n and m):
        raise ValueError(f"{NGINX_CONF} no longer has the upstream servers or `listen 80;` this script replaces")
    temp = "".join(f"    {kind}_temp_path {scratch / kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return (f"pid {scratch / 'nginx.pid'};\nerror_log {scratch / 'error.log'} warn;\nworker_processes 1;\n"
            f"events {{ worker_connections 1024; }}\n"
            f"http {{\n    access_log {scratch / 'access.log'};\n{temp}{site}}}\n")


def start_nginx(replica_ports: list[int], scratch: Path, listen: int | None = None) -> tuple[subprocess.Popen, str]:
    """nginx in the foreground in front of the replicas; returns once it answers."""
    import httpx

    binary = nginx_binary()
    if binary is None:
        raise FileNotFoundError("nginx is not installed (Debian: apt-get install nginx)")
    listen = listen or free_port()
    scratch.mkdir(parents=True, exist_ok=True)
    conf = scratch / "nginx.conf"
    conf.write_text(nginx_config(replica_ports, listen, scratch), encoding="utf-8")
    proc = subprocess.Popen([binary, "-e", str(scratch / "error.log"), "-p", str(scratch), "-c", str(conf), "-g", "daemon off;"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{listen}"
    for _ in range(100):
        if proc.poll() is not None:
            raise RuntimeError(f"nginx exited with {proc.returncode}: {(scratch / 'error.log').read_text()[-1500:]}")
        try:
            httpx.get(url + "/api/health", timeout=2)
            return proc, url
        except httpx.HTTPError:
            time.sleep(0.1)
    stop(proc)
    raise RuntimeError("nginx did not answer within 10 s")


def stop(proc: subprocess.Popen, kill: bool = False) -> None:
    """Stop a process and its children (its own session): SIGTERM, or SIGKILL at once with kill."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, 9 if kill else 15)
        except ProcessLookupError:
            return
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        proc.wait(timeout=5)
