"""Events per client in a sliding window (questions asked, failed logins), counted in one SQLite
file of the data folder (`data/counters.sqlite3`, beside today's answers of qa.web.stats) that
every worker of `qa serve --workers N`, and every replica sharing that folder, counts together: a
limit of 30 questions a minute stays 30 whatever the number of processes. Replicas on separate
machines each count their own; nginx's `limit_req` (deploy/nginx.conf) is the place for one limit
across machines. Entry: `open_counters`. """

from __future__ import annotations

import logging
import random
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from qa.errors import QAError
from qa.web.sqlite_file import connect, prepare
from qa.web.stats import SCHEMA as STATS_SCHEMA, Stats

DB_NAME = "counters.sqlite3"
# a row lives until its window has passed; expired rows of every client are deleted now and then
# (1 call in CLEANUP_EVERY), so the file holds at most one window of events
CLEANUP_EVERY = 200
SCHEMA = """
CREATE TABLE IF NOT EXISTS events (kind TEXT NOT NULL, client TEXT NOT NULL, expires REAL NOT NULL);
CREATE INDEX IF NOT EXISTS events_by_client ON events (kind, client, expires);
"""
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SharedWindows:
    """A handle on the file; every call opens its own connection (safe across threads and
    processes; the anchor is only held open, never used). Wall-clock time, because the processes share no other clock.
    A database error never reaches a user: the event is let through and the error logged."""

    path: Path
    anchor: sqlite3.Connection | None = field(default=None, compare=False, repr=False)  # see sqlite_file.prepare

    def allow(self, kind: str, client: str, limit: int, window: float) -> bool:
        """Count one event of `client` unless `limit` are already in the last `window` seconds."""
        now = time.time()
        try:
            with closing(connect(self.path)) as con:
                con.isolation_level = None
                con.execute("BEGIN IMMEDIATE")  # count and add as one step: two workers cannot both take the last place
                try:
                    if random.randrange(CLEANUP_EVERY) == 0:
                        con.execute("DELETE FROM events WHERE expires <= ?", (now,))
                    (n,) = con.execute(
                        "SELECT COUNT(*) FROM events WHERE kind = ? AND client = ? AND expires > ?", (kind, client, now)
                    ).fetchone()
                    if n < limit:
                        con.execute("INSERT INTO events VALUES (?, ?, ?)", (kind, client, now + window))
                    con.execute("COMMIT")
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
            return n < limit
        except sqlite3.Error as err:
            log.warning("limits in %s: %s; the request is let through", self.path, err)
            return True

    def clear(self, kind: str, client: str | None = None) -> int:
        """Delete the events of `kind` (of one client, or of all); how many were deleted."""
        try:
            with closing(connect(self.path)) as con, con:
                if client is None:
                    return con.execute("DELETE FROM events WHERE kind = ?", (kind,)).rowcount
                return con.execute("DELETE FROM events WHERE kind = ? AND client = ?", (kind, client)).rowcount
        except sqlite3.Error as err:
            log.warning("limits in %s: %s; nothing cleared", self.path, err)
            return 0


def open_counters(data_dir: Path) -> tuple[SharedWindows, Stats]:
    """The limits and today's answers in `data_dir` (created; called once at server start, after
    the feedback store has checked that the folder is writable)."""
    path = Path(data_dir) / DB_NAME
    try:
        anchor = prepare(path, SCHEMA + STATS_SCHEMA)
    except (OSError, sqlite3.Error) as err:
        raise QAError(
            f"cannot open the counters file in {data_dir} ({err}); set QA_DATA to a writable folder"
        ) from None
    return SharedWindows(path, anchor), Stats(path)
