"""`qa serve --workers N`: N server processes on one socket.

uvicorn's supervisor starts N fresh interpreters that accept on the same port (and restarts one
that dies); each builds the app from the QA_* environment (`worker_app`). They share what is on
disk: the published index version (vectors and BM25 arrays memory-mapped, so the page cache
holds one copy) and the model files. The chat keeps its state in the page and the feedback
database is SQLite in WAL mode, so any worker answers any request. This module imports no
more than uvicorn: the supervisor stays small. Entry points: `serve_workers`, `worker_app`.
"""
from __future__ import annotations

import os

from qa.config import Settings, to_env

TITLE = "许昌文明城市问答"


def serve_workers(settings: Settings, host: str | None = None, port: int | None = None) -> None:
    import uvicorn

    from qa.index.manifest import FORMAT_VERSION, read_manifest
    from qa.index.open import ensure_index
    from qa.web.connections import uvicorn_options

    host = host or settings.host
    port = port or settings.port
    manifest = read_manifest(settings.index)
    if manifest is None or manifest.get("format") != FORMAT_VERSION:
        ensure_index(settings)   # nothing to serve yet: built once here, not raced by the workers
    # else the workers answer from the published index at once and one of them rebuilds a changed corpus
    os.environ.update(to_env(settings))   # the workers are fresh interpreters: this is their settings
    # one thread each for the embedder (OpenMP) and torch: N workers on N cores, not N × N threads
    os.environ.setdefault("OMP_NUM_THREADS", str(max(1, (os.cpu_count() or 1) // settings.workers)))
    print(f"{TITLE}: http://{host}:{port}/  ({settings.workers} workers, "
          f"{os.environ['OMP_NUM_THREADS']} thread(s) each)", flush=True)
    uvicorn.run("qa.web.workers:worker_app", factory=True, workers=settings.workers, host=host, port=port,
                log_level="warning", timeout_graceful_shutdown=3, **uvicorn_options())


def worker_app():
    """The app of one worker (called by uvicorn in each worker process)."""
    from qa.config import load_settings
    from qa.web.server import create_app, setup_logging

    setup_logging()
    return create_app(load_settings())
