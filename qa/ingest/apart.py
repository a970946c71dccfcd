"""Read an uploaded file in a child process, bounded in time and memory, so that a hostile PDF
(20,000 pages, a stream that inflates to hundreds of MB) costs the server neither its event loop
nor its CPU lock, and is refused with one sentence. The limits on pages and text are in
qa.ingest.read (the build applies them too). Entry point: `check_apart(name, data)`; the child is
`python -m qa.ingest.apart NAME` (the file on stdin, the reason or nothing on stdout).
"""
from __future__ import annotations

import json
import subprocess
import sys

from qa.ingest.read import Skip

# Each bound with its reason (README "Hardening").
LIMITS = {
    # the seed files read in 0.05-0.3 s each, a 10 MB text file in ~1.5 s, counting 20,000 PDF pages ~2 s
    "seconds": 20.0,
    # address space of the child: reading a 10 MB file needs ~300 MB; a decompression bomb stops here
    "memory_bytes": 1536 * 1024 * 1024,
}


def check_apart(name: str, data: bytes, seconds: float | None = None) -> None:
    """Read `name` as a build would, in a child process; Skip with the reason when it cannot be used
    or goes over a limit. Blocking: call it from a worker thread, never on the event loop."""
    seconds = LIMITS["seconds"] if seconds is None else seconds
    try:
        done = subprocess.run([sys.executable, "-m", "qa.ingest.apart", name, str(LIMITS["memory_bytes"])],
                              input=data, capture_output=True, timeout=seconds)
    except subprocess.TimeoutExpired:   # run() kills the child
        raise Skip(f"reading it took more than {seconds:.0f} s; split it into smaller files") from None
    try:
        reason = json.loads(done.stdout)["reason"]
    except (ValueError, KeyError, TypeError):   # no answer: the child died (over its memory, or killed)
        raise Skip(f"reading it needed more than the {LIMITS['memory_bytes'] // 1024 // 1024} MB of memory allowed; "
                   "split it or save its text as .txt") from None
    if reason is not None:
        raise Skip(reason)


def _child(name: str, memory_bytes: int) -> str | None:
    import resource

    data = sys.stdin.buffer.read()
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    from qa.ingest.corpus import ingest_file

    try:
        ingest_file(name, data)
        return None
    except Skip as why:
        return str(why)
    except MemoryError:
        return f"reading it needed more than the {memory_bytes // 1024 // 1024} MB of memory allowed; split it"
    except Exception as err:   # a parser's own bug must not read as a server error
        return f"it could not be read ({type(err).__name__}); re-export it or save its text as .txt"


if __name__ == "__main__":
    print(json.dumps({"reason": _child(sys.argv[1], int(sys.argv[2]))}, ensure_ascii=False))
