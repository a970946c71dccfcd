"""Questions per client in a sliding window (QA_RATE_LIMIT, e.g. 30/60), shared by the REST API
and the chat so that one client cannot take the server from everyone else. Entry point: `RateLimit`."""
from __future__ import annotations

import threading
import time
from collections import deque

MAX_CLIENTS = 10_000   # remembered at once; clients idle for a whole window are forgotten first
TOO_MANY = "提问太频繁，请稍后再试。"


class RateLimit:
    def __init__(self, spec: str) -> None:
        n, seconds = spec.split("/")
        self.limit, self.window = int(n), float(seconds)
        self._seen: dict[str, deque] = {}
        self._lock = threading.Lock()

    def allow(self, client: str) -> bool:
        """Count one question of `client`; False when it is over the limit (the question is not counted)."""
        now = time.monotonic()
        with self._lock:
            times = self._seen.setdefault(client, deque())
            while times and times[0] <= now - self.window:
                times.popleft()
            if len(times) >= self.limit:
                return False
            times.append(now)
            if len(self._seen) > MAX_CLIENTS:
                for k in [k for k, v in self._seen.items() if not v or v[-1] <= now - self.window]:
                    del self._seen[k]
            return True
