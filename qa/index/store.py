"""Atomic, versioned index folders.

`index/current` is a symlink to `index/v-<stamp>/`. A build writes a new version folder
completely, then swaps the symlink with one atomic rename, so a reader never sees half an
index and a crash mid-build leaves the previous index in service.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import time
from contextlib import contextmanager
from pathlib import Path
from collections.abc import Iterator

from qa.errors import QAError

CURRENT = "current"


def current_version(index_dir: Path) -> Path | None:
    link = index_dir / CURRENT
    if not link.is_symlink() and not link.is_dir():
        return None
    target = link.resolve()
    return target if target.is_dir() else None


@contextmanager
def new_version(index_dir: Path) -> Iterator[Path]:
    """Yield an empty folder to write into; publish it only if the block finishes."""
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise QAError(f"cannot create index folder {index_dir} ({err.strerror}); "
                      "choose a writable folder with --index DIR") from None
    stamp = f"v-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    work = index_dir / (stamp + ".tmp")
    work.mkdir()
    try:
        yield work
        final = index_dir / stamp
        work.rename(final)
        link_tmp = index_dir / f".{CURRENT}.{os.getpid()}"
        if link_tmp.is_symlink() or link_tmp.exists():
            link_tmp.unlink()
        os.symlink(final.name, link_tmp)
        os.replace(link_tmp, index_dir / CURRENT)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    _remove_old_versions(index_dir, keep=final.name)


STALE_WORK = 3600   # seconds: a half-written version this old was left by a crashed build


def _remove_old_versions(index_dir: Path, keep: str) -> None:
    """Published versions other than `keep`; another build's work folder only once it is stale."""
    for path in index_dir.iterdir():
        if not path.name.startswith("v-") or path.name == keep or not path.is_dir():
            continue
        if path.name.endswith(".tmp") and not _abandoned(path):
            continue   # a build running right now
        shutil.rmtree(path, ignore_errors=True)


def remove_abandoned_work(index_dir: Path) -> list[str]:
    """Work folders (`v-….tmp`) and symlink drafts of builds that died (killed mid-build): removed
    when a server starts, so a crash leaves nothing behind. Returns their names."""
    if not index_dir.is_dir():
        return []
    gone = []
    for path in index_dir.iterdir():
        draft = path.name.startswith(f".{CURRENT}.") and path.is_symlink()
        if (draft or (path.name.startswith("v-") and path.name.endswith(".tmp"))) and _abandoned(path):
            if path.is_symlink():
                path.unlink(missing_ok=True)
            else:
                shutil.rmtree(path, ignore_errors=True)
            gone.append(path.name)
    return gone


_OWNER = re.compile(r"^v-\d{8}-\d{6}-(\d+)-.*\.tmp$|^\.current\.(\d+)$")   # the pid new_version writes into names


def _abandoned(path: Path) -> bool:
    """A work folder's build is gone: the process named in it no longer runs, or it is older than
    STALE_WORK (a folder left by another machine's process)."""
    try:
        if time.time() - path.lstat().st_mtime >= STALE_WORK:
            return True
    except OSError:
        return False
    m = _OWNER.match(path.name)
    return m is not None and not process_alive(int(m.group(1) or m.group(2)))


def process_alive(pid: object) -> bool:
    """Whether a process with this id runs on this machine (another user's counts as running)."""
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_json(path: Path, obj: object) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1), encoding="utf-8")


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_json(path: Path) -> object:
    return json.loads(path.read_text(encoding="utf-8"))


def read_jsonl(path: Path) -> Iterator[dict]:
    """One row at a time: a list of all ~1M sentence rows of a 100k-chunk index would hold ~1 GB
    of dicts at once, memory the process keeps after they are gone."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)
