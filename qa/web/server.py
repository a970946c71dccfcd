"""The web app: one process serves the chat page, the REST API and the embeddable widget.

Routes
    /                 chat page (Gradio)            /widget        compact chat for iframes (Gradio)
    POST /api/ask     answer object (CONTRACT.md)   GET /api/health
    /docs             OpenAPI of the REST API       /article/{doc} a corpus file, quote and answer marked
    /widget.js        the one-line embed script     /portal-demo   a mock city portal using both embeds
    /gradio_api/...   Gradio's own API (gradio_client, endpoint "/ask"), also under /widget/

Settings (qa.config.Settings, QA_* environment variables)
    host, port          where `qa serve` listens (QA_HOST, QA_PORT; default 127.0.0.1:7860)
    frame_ancestors     QA_FRAME_ANCESTORS, unset by default: the widget (/widget/) may be framed by any
                        site, the other pages by this server only. Set to origins, space separated,
                        e.g. "https://www.xuchang.gov.cn https://portal.example.cn", it is sent as
                        `Content-Security-Policy: frame-ancestors 'self' <origins>` on every HTML page,
                        and those origins get CORS on /api/* and /widget.js ("*" allows any site;
                        "'none'" forbids framing altogether). Read at start: restart `qa serve` to change it.
    data                QA_DATA, default data/: the feedback database (feedback.sqlite3)
"""
from __future__ import annotations

import logging
import time
from importlib import resources

import gradio as gr
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from qa.config import Settings
from qa.answer.reader.serving import Reader, load_reader
from qa.answer.scorer import load_scorer
from qa.index.open import Index, open_published
from qa.index.store import remove_abandoned_work
from qa.limits import MAX_BODY, MAX_PAGE_BODY
from qa.web import api, docs
from qa.web.connections import uvicorn_options
from qa.web.asking import Asking
from qa.web.chat import COMPACT_CSS, CSS, HEAD, TITLE, build_chat, theme, translations
from qa.web.feedback import open_store
from qa.web import admin
from qa.web.auth import Attempts
from qa.web.console import Console
from qa.web.uploads import MAX_UPLOAD, UPLOAD_PATH, upload_gate
from qa.web.guards import BodyLimit, GradioCalls, GradioErrors
from qa.web.policy import FrameAncestors, NoConsoleCORS, SecurityHeaders, cors_origins
from qa.web.live import LiveIndex, Rebuilder
from qa.web.ratelimit import RateLimit
from qa.web.counters import open_counters

# Answering takes ~20 ms and the embedder serialises itself with a lock, so a handful of
# workers keeps every core busy while no user waits behind another's question (Gradio's
# default limit is 1: one queue for everybody). The queue is bounded so that an overload
# gets a quick "queue is full" instead of minutes of waiting.
log = logging.getLogger("qa.web")
CONCURRENCY = 8
# Seconds a restart waits before rebuilding a changed corpus: the server's own start (Gradio,
# uvicorn, the first questions) comes first; on 2 cores a rebuild beside it delayed the first
# answer from ~8 s to ~18 s.
REBUILD_AFTER = 5.0
QUEUE_SIZE = 200


def create_app(settings: Settings, index: Index | None = None, reader: Reader | None | str = "load") -> FastAPI:
    """The FastAPI app; `index` and the reader (QA_READER) are loaded here once and shared by all."""
    changed: list[str] = []
    if index is None:   # a restart answers at once from the published index; a changed corpus is rebuilt below
        remove_abandoned_work(settings.index)
        index, changed = open_published(settings)
    if isinstance(reader, str):   # "load": the reader QA_READER names
        reader = load_reader(settings.reader)
    load_scorer()   # a scorer that does not fit this version is refused at start, with one sentence
    store = open_store(settings.data)
    app = FastAPI(title=f"{TITLE} API", version="1", docs_url=None, redoc_url=None,
                  description="Extractive, cited answers from news articles about 许昌's 全国文明城市 title. "
                              "The chat page is at /, the embeddable widget at /widget and /widget.js.")
    live = LiveIndex(settings, index)   # switched to a new version when one is published, no restart
    windows, stats = open_counters(settings.data)   # limits and today's answers, counted by every worker together
    limit = RateLimit(settings.rate_limit, windows)
    app.state.live = live
    rebuilder = Rebuilder(live)
    rebuilder.recover()   # a build killed with the last server is shown as stopped
    if changed:
        log.info("the corpus changed since %s (%s): rebuilding in the background, answering from it meanwhile",
                 index.folder.name, ", ".join(changed[:5]))
        rebuilder.start(delay=REBUILD_AFTER)
    asking = Asking(live, reader, stats, limit)   # the one ask path of the API, the chat and the widget
    api.install(app, asking, building=lambda: bool(rebuilder.state()["running"]))
    admin.install(app, Console(settings, live, rebuilder, store, stats, Attempts(windows)))
    _static_routes(app)
    docs.install(app, f"{TITLE} API")   # /docs and /redoc with their files served here (offline)
    chats = {path: build_chat(asking, store, compact=compact)
             for path, compact in (("/widget", True), ("/", False))}
    # Gradio leaves CORS to a parent app that has its own CORSMiddleware (otherwise, behind a
    # proxy, it would echo any origin with credentials): only the configured portals get it, and
    # never for the operator console.
    app.add_middleware(CORSMiddleware, allow_origins=cors_origins(settings.frame_ancestors),
                       allow_methods=["GET", "POST"], allow_headers=["Content-Type"], allow_credentials=False)
    app.add_middleware(NoConsoleCORS)   # outside it: the console's responses lose what it added
    app.add_middleware(FrameAncestors, frame_ancestors=settings.frame_ancestors)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(ChinesePage)   # Gradio's own labels (复制, 赞, 踩 …) in Chinese whatever the browser's language
    app.add_middleware(GradioErrors)   # Gradio's own 4xx bodies get our one-sentence "error" too
    app.add_middleware(GradioCalls, functions={path.rstrip("/"): frozenset(blocks.fns) for path, blocks in chats.items()})
    app.add_middleware(BodyLimit, api=MAX_BODY, pages=MAX_PAGE_BODY, uploads=MAX_UPLOAD,   # before anything reads a body
                       gates={UPLOAD_PATH: upload_gate(settings)})
    app.add_middleware(RequestLog)   # outermost: every status, 413s included
    for path, blocks in chats.items():   # "/" last: a mount there catches every path
        # api_open=False: Gradio's raw POST /gradio_api/run/<name> would skip the queue and its
        # limits (and answers HTTP 500 to malformed calls); gradio_client goes through the queue.
        blocks.queue(default_concurrency_limit=CONCURRENCY, max_size=QUEUE_SIZE, api_open=False)
        gr.mount_gradio_app(app, blocks, path=path, theme=theme(), css=COMPACT_CSS if path == "/widget" else CSS,
                            head=HEAD, i18n=translations(), ssr_mode=False,
                            footer_links=[], mcp_server=False,   # Gradio's API page is for developers: README and /docs
                            show_error=False)   # gr.Error sentences still show; no internal exception text
    return app


def serve(settings: Settings, host: str | None = None, port: int | None = None) -> None:
    """Serve in this process (`qa serve`; with --workers N see qa.web.workers)."""
    import uvicorn

    host = host or settings.host
    port = port or settings.port
    setup_logging()
    print(f"{TITLE}: http://{host}:{port}/  (API docs /docs, widget /widget.js, demo /portal-demo)", flush=True)
    # open pages keep an event stream to Gradio: without a limit, Ctrl-C would wait for them all
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning", timeout_graceful_shutdown=3,
                **uvicorn_options())


def setup_logging() -> None:
    # one line per request that matters (qa.requests) and per answer (qa.web); uvicorn's own access
    # log would also print every asset and event-stream poll
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s", datefmt="%H:%M:%S")
    logging.getLogger("qa").setLevel(logging.INFO)


# Requests worth a log line: the API, pages, articles and the chat's questions (Gradio's queue
# join); not assets, heartbeats or event streams.
LOGGED = ("/api/", "/article/", "/admin", "/gradio_api/queue/join", "/widget/gradio_api/queue/join")
LOGGED_PAGES = ("/", "/widget/", "/widget.js", "/portal-demo")
request_log = logging.getLogger("qa.requests")


class RequestLog:
    """ASGI middleware: `GET /api/health 200 3 ms` for the requests of LOGGED."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not (path.startswith(LOGGED) or path in LOGGED_PAGES):
            await self.app(scope, receive, send)
            return
        started, status = time.perf_counter(), 500

        async def note(message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, note)
        finally:
            client = (scope.get("client") or ("-",))[0]
            request_log.info("%s %s %s %d %.0f ms", client, scope.get("method"), path, status,
                             (time.perf_counter() - started) * 1000)


# Gradio picks its labels' language from navigator.language and writes lang="en" into its page. The
# product is Chinese: the page is served as zh-CN, and Gradio is told the browser's language is too.
# The same script tells a page that frames the chat (widget.js) that it loaded.
LOCALE_SCRIPT = (
    b"<script>(function(){"
    b"Object.defineProperty(Navigator.prototype,'language',{get:function(){return 'zh-CN'},configurable:true});"
    b"Object.defineProperty(Navigator.prototype,'languages',{get:function(){return ['zh-CN','zh']},configurable:true});"
    # in a frame, tell the embedding page (widget.js) that the chat loaded: a refused frame never does
    b"if(window.parent!==window){addEventListener('load',function(){"
    b"window.parent.postMessage({xcqa:'ready'},'*')})}"
    b"})();</script>"
)
MAX_PAGE_REWRITE = 1_000_000  # bytes: a Gradio page is ~10 kB; anything bigger passes untouched


class ChinesePage:
    """ASGI middleware: the Gradio pages (/ and /widget/) as zh-CN, Gradio's built-in labels included."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET" or scope.get("path") not in ("/", "/widget/"):
            await self.app(scope, receive, send)
            return
        start: dict | None = None
        body: list[bytes] = []

        async def rewrite(message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                kind = next((v for k, v in message.get("headers", []) if k.lower() == b"content-type"), b"")
                if kind.startswith(b"text/html"):
                    start = message  # held until the whole page is here
                    return
            elif start is not None and message["type"] == "http.response.body":
                body.append(message.get("body", b""))
                if message.get("more_body") and sum(map(len, body)) < MAX_PAGE_REWRITE:
                    return
                page = b"".join(body)
                if not message.get("more_body"):
                    page = page.replace(b'lang="en"', b'lang="zh-CN"', 1).replace(
                        b"<head>", b"<head>" + LOCALE_SCRIPT, 1
                    )
                headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
                if not message.get("more_body"):
                    headers.append((b"content-length", str(len(page)).encode()))
                await send({**start, "headers": headers})
                start = None
                message = {**message, "body": page}
            await send(message)

        await self.app(scope, receive, rewrite)


def _static_routes(app: FastAPI) -> None:
    static = resources.files("qa.web") / "static"

    @app.get("/widget", include_in_schema=False)
    def widget_slash(request: Request) -> RedirectResponse:
        # the Gradio mount answers at /widget/ only; /widget is what people type
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"{request.scope.get('root_path', '')}/widget/{query}", status_code=307)

    @app.api_route("/api/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    def api_unknown(rest: str, request: Request) -> JSONResponse:
        if rest in ("ask", "health"):   # the route is there, asked with another method
            method = "POST" if rest == "ask" else "GET"
            return JSONResponse({"error": f"/api/{rest} takes {method}, not {request.method} (see /docs)"},
                                status_code=405, headers={"Allow": method})
        return JSONResponse({"error": "no such route; the API is POST /api/ask and GET /api/health (see /docs)"},
                            status_code=404)

    @app.get("/widget.js", include_in_schema=False)
    def widget_js() -> Response:
        return Response(
            static.joinpath("widget.js").read_text(encoding="utf-8"),
            media_type="text/javascript; charset=utf-8",
            headers={"Cache-Control": "public, max-age=300"},
        )

    @app.get("/portal-demo", include_in_schema=False)
    def portal_demo() -> HTMLResponse:
        return HTMLResponse(static.joinpath("portal_demo.html").read_text(encoding="utf-8"))
