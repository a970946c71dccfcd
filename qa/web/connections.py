"""Time and number limits on the server's connections, below the app: uvicorn's HTTP protocol with a
deadline for a request's headers and a cap on open connections. The body's own deadline is in the
app's edge guard (qa.web.guards), where the body is read.

Without these, one client holding sockets open (headers sent at 1 byte/s, or nothing at all) keeps
them forever, and enough of them exhaust the file limit. Entry points: `uvicorn_options`,
`GuardedH11`. deploy/nginx.conf sets the same bounds in front of replicas.
"""
from __future__ import annotations

import asyncio

from uvicorn.protocols.http.h11_impl import H11Protocol

# Each number with its reason; README "Hardening" lists them.
LIMITS = {
    # a browser or script sends a request's headers in one packet; 10 s covers a slow phone link
    "header_seconds": 10.0,
    # open connections per process: an open chat page holds one or two (its event stream), so 1,000
    # pages at once; more get closed at once instead of waiting for the file limit (1,024 by default)
    "max_connections": 1000,
    # an idle keep-alive connection after a response (uvicorn's default is 5 s)
    "keep_alive_seconds": 5,
}


class GuardedH11(H11Protocol):
    """uvicorn's h11 protocol, closing a connection whose request headers have not all arrived
    within LIMITS["header_seconds"] of its opening (or of the previous response), and refusing a
    connection over LIMITS["max_connections"]."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._header_timer: asyncio.TimerHandle | None = None
        self._timed_cycle: object = None
        if len(self.connections) > LIMITS["max_connections"]:
            self.logger.warning("more than %d open connections: one refused", LIMITS["max_connections"])
            transport.write(b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n"
                            b"connection: close\r\ncontent-length: 61\r\n\r\n"
                            b'{"error": "the server has too many open connections; retry."}')
            transport.close()
            return
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._disarm_when_headers_arrived()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()   # the next request on this kept-alive connection gets its own deadline
            self._disarm_when_headers_arrived()   # a pipelined one may already be here

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._timed_cycle = self.cycle
        self._header_timer = self.loop.call_later(LIMITS["header_seconds"], self._headers_too_slow)

    def _disarm(self) -> None:
        timer = getattr(self, "_header_timer", None)
        if timer is not None:
            timer.cancel()
            self._header_timer = None

    def _disarm_when_headers_arrived(self) -> None:
        if self._header_timer is not None and self.cycle is not None and self.cycle is not self._timed_cycle:
            self._disarm()   # a new request cycle exists: its headers are complete

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if not self.transport.is_closing():
            self.transport.close()


def uvicorn_options() -> dict:
    """Keyword arguments for uvicorn.run that put these limits in force (and room for them: the
    soft limit on open files, often 1,024, raised to the hard one so the cap is what binds)."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = int(LIMITS["max_connections"]) + 1024   # the connections, plus the index, models, databases
    if soft != resource.RLIM_INFINITY and soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted if hard == resource.RLIM_INFINITY else min(wanted, hard), hard))
        except (ValueError, OSError):
            pass   # the cap still closes connections; the file limit may bind first
    return {"http": "qa.web.connections:GuardedH11",   # by name: worker processes import it
             "timeout_keep_alive": LIMITS["keep_alive_seconds"]}
