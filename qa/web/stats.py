"""What the server answered today, for the operator's status panel: one row per answer (day,
milliseconds, abstained) in the data folder's counters file, so the panel counts every worker
and every replica sharing that folder, not just the process that serves the page. Entry: `Stats`."""
from __future__ import annotations

import logging
import random
import sqlite3
import statistics
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Mapping

from qa.web.sqlite_file import connect

KEEP = 100_000   # answers read for today's figures: a busy day of a city portal; older ones are left out
CLEANUP_EVERY = 500   # 1 answer in this many deletes the rows of earlier days
SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (day TEXT NOT NULL, ms REAL NOT NULL, abstained INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS answers_by_day ON answers (day);
"""
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Stats:
    """A handle on the counters file (qa.web.counters.open_counters prepares it). A database error
    never reaches a user: the answer is not counted, and the error is logged."""
    path: Path

    def record(self, answer: Mapping) -> None:
        day = time.strftime("%Y-%m-%d")
        try:
            with closing(connect(self.path)) as con, con:
                con.execute("INSERT INTO answers VALUES (?, ?, ?)",
                            (day, float((answer.get("timings_ms") or {}).get("total", 0.0)), answer.get("answer") is None))
                if random.randrange(CLEANUP_EVERY) == 0:
                    con.execute("DELETE FROM answers WHERE day < ?", (day,))
        except sqlite3.Error as err:
            log.warning("counters in %s: %s; this answer is not counted", self.path, err)

    def today(self) -> dict:
        try:
            with closing(connect(self.path)) as con:
                rows = con.execute("SELECT ms, abstained FROM answers WHERE day = ? ORDER BY rowid DESC LIMIT ?",
                                   (time.strftime("%Y-%m-%d"), KEEP)).fetchall()
        except sqlite3.Error as err:
            log.warning("counters in %s: %s", self.path, err)
            rows = []
        return {"answers": len(rows),
                "median_ms": round(statistics.median(r[0] for r in rows), 1) if rows else None,
                "abstention_rate": round(sum(r[1] for r in rows) / len(rows), 3) if rows else None}
