"""What browsers may do with our pages: who may frame them (CSP frame-ancestors, QA_FRAME_ANCESTORS),
what they may load (a CSP per kind of page), CORS for the public API and widget only, nosniff and
the referrer policy. Plain ASGI middleware, so Gradio's streamed responses pass untouched."""
from __future__ import annotations


WIDGET = "/widget"   # the embeddable chat: frameable by any portal unless QA_FRAME_ANCESTORS says otherwise


def frame_policy(frame_ancestors: str, widget: bool = False) -> str:
    """The CSP frame-ancestors source list of a page: 'self' plus the configured origins; with
    nothing configured, any site for the widget and this server for the other pages."""
    origins = frame_ancestors.split()
    if not origins:
        return "*" if widget else "'self'"
    if "'none'" in origins:
        return "'none'"
    return " ".join(dict.fromkeys(["'self'", *origins]))


def cors_origins(frame_ancestors: str) -> list[str]:
    origins = frame_ancestors.split()
    return ["*"] if "*" in origins else [o.rstrip("/") for o in origins if o.startswith(("http://", "https://"))]


class FrameAncestors:
    """ASGI middleware: `Content-Security-Policy: frame-ancestors …` on every HTML response.

    Plain ASGI rather than BaseHTTPMiddleware, so Gradio's streamed (SSE) responses pass untouched.
    """

    def __init__(self, app, frame_ancestors: str) -> None:
        self.app = app
        self.header = ("frame-ancestors " + frame_policy(frame_ancestors)).encode()
        self.widget_header = ("frame-ancestors " + frame_policy(frame_ancestors, widget=True)).encode()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        console = scope.get("path", "").startswith("/admin")
        frame = self.widget_header if scope.get("path", "").startswith(WIDGET) else self.header

        async def send_with_policy(message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                kind = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                if console:   # the operator console is never framed, by anyone
                    headers += [(b"content-security-policy", ADMIN_CSP), (b"x-frame-options", b"DENY")]
                elif kind.startswith(b"text/html"):
                    strict = scope.get("path", "").startswith(NO_INLINE_SCRIPT)
                    headers.append((b"content-security-policy", frame + (STRICT_PAGE_CSP if strict else PAGE_CSP)))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_policy)


# What the pages may load: only this server (Gradio inlines its styles and a bootstrap script;
# the console has neither). A framed chat still obeys frame-ancestors above.
PAGE_CSP = (b"; default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            b"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'")
# Pages of ours that run no inline script (articles, API docs): scripts from this server only.
# ReDoc runs its search in a worker made from a blob.
NO_INLINE_SCRIPT = ("/article/", "/docs", "/redoc")
STRICT_PAGE_CSP = (b"; default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                   b"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
                   b"object-src 'none'; base-uri 'self'")
ADMIN_CSP = (b"frame-ancestors 'none'; default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
             b"img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'")


class SecurityHeaders:
    """ASGI middleware: nosniff and a same-origin referrer policy on every response."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def add(message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), (b"x-content-type-options", b"nosniff"),
                                                  (b"referrer-policy", b"same-origin")]}
            await send(message)

        await self.app(scope, receive, add)


class NoConsoleCORS:
    """ASGI middleware, outside the CORS one: the operator console's responses lose every
    Access-Control-* header (Gradio stands back only for a plain CORSMiddleware, so the exception
    is made here rather than in a subclass of it)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or not scope.get("path", "").startswith("/admin"):
            await self.app(scope, receive, send)
            return

        async def strip(message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [(k, v) for k, v in message.get("headers", [])
                                                  if not k.lower().startswith(b"access-control-")]}
            await send(message)

        await self.app(scope, receive, strip)
