"""What this server process answered today, for the operator's status panel: a bounded, thread-safe
record of (day, milliseconds, abstained). Entry point: `Stats`."""
from __future__ import annotations

import statistics
import threading
import time
from collections import deque
from typing import Mapping

KEEP = 100_000   # answers remembered: a busy day of a city portal; older ones drop off


class Stats:
    def __init__(self) -> None:
        self._seen: deque = deque(maxlen=KEEP)
        self._lock = threading.Lock()

    def record(self, answer: Mapping) -> None:
        with self._lock:
            self._seen.append((time.strftime("%Y-%m-%d"), float((answer.get("timings_ms") or {}).get("total", 0.0)),
                               answer.get("answer") is None))

    def today(self) -> dict:
        day = time.strftime("%Y-%m-%d")
        with self._lock:
            rows = [r for r in self._seen if r[0] == day]
        return {"answers": len(rows),
                "median_ms": round(statistics.median(r[1] for r in rows), 1) if rows else None,
                "abstention_rate": round(sum(r[2] for r in rows) / len(rows), 3) if rows else None}
