"""Questions per client in a sliding window (QA_RATE_LIMIT, e.g. 30/60), shared by the REST API
and the chat so that one client cannot take the server from everyone else, and counted in the
data folder's limits file so that every worker and replica on that disk counts together
(qa.web.counters). Entry point: `RateLimit`."""
from __future__ import annotations

from qa.web.counters import SharedWindows

TOO_MANY = "提问太频繁，请稍后再试。"
KIND = "ask"


class RateLimit:
    def __init__(self, spec: str, windows: SharedWindows) -> None:
        n, seconds = spec.split("/")
        self.limit, self.window = int(n), float(seconds)
        self._windows = windows

    def allow(self, client: str) -> bool:
        """Count one question of `client`; False when it is over the limit (the question is not counted)."""
        return self._windows.allow(KIND, client, self.limit, self.window)
