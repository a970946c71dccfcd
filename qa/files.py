"""Writing a file so that a reader never sees half of it: the one write-then-rename of the project
(index state, uploads, the operator's password file, fitted models, caches). Entry point: `replacing`.
"""
from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from pathlib import Path
from collections.abc import Iterator


@contextmanager
def replacing(path: Path, mode: int | None = None) -> Iterator[Path]:
    """A temporary path beside `path` to write; when the block ends it replaces `path` in one
    rename, and when the block fails it is removed. Its name is hidden (a leading dot: the corpus
    reader skips it) and unique per process and thread (workers may write the same file at once).
    `mode` sets the permissions before the rename (0o600: readable by the server's user only)."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        yield tmp
        if mode is not None:
            tmp.chmod(mode)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_text(path: Path, text: str, mode: int | None = None) -> None:
    """`text` (UTF-8) into `path`, atomically (see `replacing`)."""
    with replacing(path, mode) as tmp:
        if mode is not None:   # created with its final permissions: never readable by others, even briefly
            with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode), "w", encoding="utf-8") as fh:
                fh.write(text)
        else:
            tmp.write_text(text, encoding="utf-8")


def write_bytes(path: Path, data: bytes) -> None:
    with replacing(path) as tmp:
        tmp.write_bytes(data)

