"""The index a running server answers from, switched without a restart.

A rebuild from the operator console, or a `qa build` in a shell, publishes a new index version
(`index/current`, atomically). Every request asks `LiveIndex.get()` for the index; it notices a
new version within CHECK_SECONDS, loads it in a background thread while the old one keeps
answering, and then swaps one reference. `Rebuilder` runs the build itself in the background,
one at a time (the build's own lock also excludes a shell build), and reports its progress in
`data/build-state.json`, so that with several workers (`qa serve --workers N`) the console shows
the same build whichever worker answers its poll.
Entry points: `LiveIndex`, `Rebuilder`.
"""
from __future__ import annotations

import json
import logging
import os
import threading
import time
from dataclasses import asdict, dataclass, field

from qa.files import write_text
from qa.config import Settings
from qa.errors import QAError
from qa.index.build import BuildBusy, build
from qa.index.open import Index, open_index
from qa.index.progress import Progress
from qa.index.store import current_version, process_alive

CHECK_SECONDS = 2.0   # how often a request looks for a newer published version (one readlink)

log = logging.getLogger(__name__)


class LiveIndex:
    def __init__(self, settings: Settings, index: Index) -> None:
        self.settings = settings
        self._index = index
        self._lock = threading.Lock()
        self._checked = time.monotonic()
        self._loading = False
        self.swapped_at: float | None = None

    def get(self) -> Index:
        """The index to answer this request from (never waits for a load)."""
        now = time.monotonic()
        if now - self._checked >= CHECK_SECONDS:
            self._checked = now
            self._notice_new_version()
        return self._index

    def load_now(self) -> Index:
        """Load the published version and switch to it (after a build in this process)."""
        index = open_index(self.settings, auto_build=False)
        with self._lock:
            self._index = index
            self.swapped_at = time.time()
        log.info("now answering from %s (%d chunks)", index.folder.name, len(index.chunks))
        return index

    def _notice_new_version(self) -> None:
        target = current_version(self.settings.index)
        if target is None or target == self._index.folder.resolve() or self._loading:
            return
        self._loading = True

        def load() -> None:
            try:
                self.load_now()
            except (QAError, OSError) as err:   # half-removed or foreign folder: keep the old one, try later
                log.warning("a new index version in %s could not be loaded: %s", self.settings.index, err)
            finally:
                self._loading = False

        threading.Thread(target=load, name="qa-index-load", daemon=True).start()


@dataclass
class BuildState:
    running: bool = False
    started: float | None = None
    finished: float | None = None
    step: str = ""                 # the build's last progress line
    files: int | None = None       # files read
    chunks: int | None = None      # chunks in the corpus
    embedded: int = 0              # chunks embedded so far …
    to_embed: int | None = None    # … of these (new or changed)
    seconds_left: float | None = None
    error: str | None = None
    changes: dict = field(default_factory=dict)   # file → added | changed | removed | skipped: reason


STATE_FILE = "build-state.json"


class Rebuilder:
    def __init__(self, live: LiveIndex) -> None:
        self.live = live
        self._state = BuildState()
        self._lock = threading.Lock()
        self._file = live.settings.data / STATE_FILE

    def state(self) -> dict:
        """The last build's state, whichever worker of this server ran it."""
        with self._lock:
            out = self._shared() or {**asdict(self._state), "pid": os.getpid()}
        if out["running"] and not process_alive(out.get("pid")):   # its worker died mid-build
            out.update(running=False, error=out.get("error") or "the build stopped with its worker; start it again")
        out["elapsed"] = (time.time() - out["started"]) if out["running"] and out["started"] else None
        return out

    def recover(self) -> None:
        """At server start: a shared state still "running" whose process is gone (killed mid-build)
        is marked stopped, so the console does not show a build that will never finish."""
        with self._lock:
            shared = self._shared()
            if shared and shared.get("running") and not process_alive(shared.get("pid")):
                self._state = BuildState(**{k: v for k, v in shared.items() if k in BuildState.__dataclass_fields__})
                self._state.running, self._state.finished = False, time.time()
                self._state.error = "重建在服务器停止时中断；已从上一个索引继续回答，可重新开始重建。"
                self._publish()

    def start(self, delay: float = 0.0) -> bool:
        """Start a build in the background (after `delay` seconds, shown as running meanwhile);
        False when one is already running in this server."""
        if self.state()["running"]:
            return False
        with self._lock:
            if self._state.running:
                return False
            self._state = BuildState(running=True, started=time.time(), step="开始读取文件")
            self._publish()
        threading.Thread(target=self._run, args=(delay,), name="qa-rebuild", daemon=True).start()
        return True

    def _shared(self) -> dict | None:
        try:
            return json.loads(self._file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _publish(self) -> None:
        """Write the state for the other workers (called holding the lock; atomic replace)."""
        try:
            self._file.parent.mkdir(parents=True, exist_ok=True)
            write_text(self._file, json.dumps({**asdict(self._state), "pid": os.getpid()}, ensure_ascii=False))
        except OSError as err:   # the console of this worker still sees it
            log.warning("build state not shared: %s", err)

    def _progress(self, p: Progress) -> None:
        with self._lock:
            s = self._state
            s.step = p.line
            if p.files is not None:
                s.files, s.chunks = p.files, p.chunks
            if p.embedded is not None:
                s.embedded, s.to_embed, s.seconds_left = p.embedded, p.to_embed, round(p.seconds_left or 0.0)
            self._publish()

    def _run(self, delay: float = 0.0) -> None:
        error, changes = None, {}
        time.sleep(delay)
        try:
            report = build(self.live.settings, self._progress)
            changes = {f.name: f.change for f in report.files if f.change != "unchanged"}
            changes.update({name: "removed" for name in report.removed})
            changes.update({name: f"skipped: {why}" for name, why in report.skipped})
            self.live.load_now()
        except BuildBusy as busy:
            shared = self._shared() or {}
            if shared.get("running") and shared.get("pid") != os.getpid():
                with self._lock:   # another worker builds: its progress is the shared state
                    self._state.running = False
                return
            error = str(busy)   # a `qa build` in a shell
        except QAError as err:
            error = str(err)
        except Exception as err:   # the old index keeps serving; the console says why
            log.exception("rebuild failed")
            error = f"{type(err).__name__}: {err}"
        with self._lock:
            self._state.running, self._state.finished = False, time.time()
            self._state.error, self._state.changes = error, changes
            self._publish()
