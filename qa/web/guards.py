"""ASGI middleware that guards the edge of the web app: request bodies over their limit, and
Gradio's own error bodies in the API's shape."""
from __future__ import annotations

import asyncio
import json
import re

from fastapi.responses import JSONResponse

from qa.web.api import validation_sentence

GRADIO_USAGE = 'call it with gradio_client (api_name="/ask"), or POST {"question": "..."} to /api/ask'


UPLOAD_PATH = "/admin/api/upload"   # the operator's article uploads get their own, larger limit

# Each bound with its reason (README "Hardening").
# JSON nesting: our requests nest 2 deep (/api/ask) and Gradio's about 8 (a chat history of
# messages with content parts); Python's parser fails near 1,000 deep with RecursionError.
MAX_JSON_DEPTH = 64
# Seconds a whole request body may take to arrive: a question is a few hundred bytes, a chat turn
# a few kB, an upload up to 10 MB (80 s at 1 Mbit/s); a client sending 1 byte/s is cut off.
BODY_SECONDS = {"api": 10.0, "pages": 30.0, "uploads": 120.0}


class BodyLimit:
    """ASGI middleware: a request body over its limit gets 413 before anything parses it, one that
    arrives too slowly 408, JSON nested deeper than MAX_JSON_DEPTH 400.

    A declared Content-Length over the limit is refused unread; a streamed (chunked) body is
    read up to the limit and then refused. A body within the limit is passed on whole. `gates`
    maps a path to a check of the request's headers that may refuse it before its body is read
    (the console's upload: no session, no upload).
    """

    def __init__(self, app, api: int, pages: int, uploads: int | None = None, gates: dict | None = None) -> None:
        self.app, self.api, self.pages, self.uploads = app, api, pages, uploads or pages
        self.gates = gates or {}

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        if (gate := self.gates.get(path)) is not None and (refused := gate(scope)) is not None:
            await _error(send, *refused)
            return
        kind = "api" if path.startswith("/api/") else "uploads" if path == UPLOAD_PATH else "pages"
        limit = {"api": self.api, "uploads": self.uploads, "pages": self.pages}[kind]
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > limit:
            await _too_large(send, limit, path == UPLOAD_PATH)
            return
        body, first = bytearray(), None
        deadline = asyncio.get_running_loop().time() + BODY_SECONDS[kind]
        while True:
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - asyncio.get_running_loop().time()))
            except asyncio.TimeoutError:
                await _error(send, 408, f"the request body did not arrive within {BODY_SECONDS[kind]:.0f} s; "
                                        "send it at once, on a working connection")
                return
            if message["type"] != "http.request":
                first = message   # the client went away: pass that on
                break
            body += message.get("body", b"")
            if len(body) > limit:
                await _too_large(send, limit, path == UPLOAD_PATH)
                return
            if not message.get("more_body", False):
                break
        if first is None and (depth := json_depth(bytes(body))) > MAX_JSON_DEPTH:
            await _error(send, 400, f"the JSON body is nested {depth} levels deep, more than the {MAX_JSON_DEPTH} "
                                    "allowed; a request needs a handful")
            return
        await self.app(scope, _replay(first or {"type": "http.request", "body": bytes(body), "more_body": False},
                                      receive), send)


def _replay(message: dict, receive):
    """A receive() that gives `message` (the body already read) first, then the client's own."""
    replayed = False

    async def replay():
        nonlocal replayed
        if not replayed:
            replayed = True
            return message
        return await receive()

    return replay


_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
_BRACKET = re.compile(rb"[\[\]{}]")


def json_depth(body: bytes) -> int:
    """How deep the brackets of a JSON text nest (strings skipped), without parsing it; 0 for a body
    that is no JSON object or array (a form, an upload) or has too few brackets to nest deep (a
    count is far cheaper than the scan)."""
    if body.lstrip()[:1] not in (b"{", b"[") or body.count(b"[") + body.count(b"{") <= MAX_JSON_DEPTH:
        return 0
    depth = deepest = 0
    for m in _BRACKET.finditer(_STRING.sub(b"", body)):
        depth += 1 if m.group() in (b"[", b"{") else -1
        deepest = max(deepest, depth)
    return deepest


async def _too_large(send, limit: int, upload: bool = False) -> None:
    why = f"文件太大：每次上传不超过 {limit:,} 字节" if upload else \
        f"the request body is larger than {limit:,} bytes; a question needs far less"
    await _error(send, 413, why)


async def _error(send, status: int, why: str) -> None:
    """A one-sentence JSON error; the connection is closed after it (a body may be left unread)."""
    body = JSONResponse({"error": why}, status_code=status).body
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class GradioErrors:
    """Gradio answers a malformed call (invalid JSON, a body that is not an object) with 4xx
    `{"detail": …}`; add the one-sentence `"error"` every other route gives, keeping `detail`
    for Gradio's own clients. Only small 4xx JSON bodies are buffered; all else streams through."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or "/gradio_api/" not in scope["path"]:
            await self.app(scope, receive, send)
            return
        held: dict = {}

        async def reshape(message) -> None:
            if message["type"] == "http.response.start":
                kind = dict(message.get("headers", [])).get(b"content-type", b"")
                if 400 <= message["status"] < 500 and kind.startswith(b"application/json"):
                    held["start"], held["body"] = message, b""
                    return
            elif "start" in held and message["type"] == "http.response.body":
                held["body"] += message.get("body", b"")
                if message.get("more_body"):
                    return
                body = _with_sentence(held["body"])
                headers = [(k, v) for k, v in held["start"].get("headers", []) if k.lower() != b"content-length"]
                await send({**held["start"], "headers": [*headers, (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        await self.app(scope, receive, reshape)


def _with_sentence(body: bytes) -> bytes:
    try:
        data = json.loads(body)
    except ValueError:
        return body
    if not isinstance(data, dict) or "error" in data or "detail" not in data:
        return body
    detail = data["detail"]
    if isinstance(detail, list):
        data["error"] = validation_sentence(detail, GRADIO_USAGE)
    elif detail == "There was an error parsing the body":   # FastAPI's words for undecodable bytes
        data["error"] = f"the request body is not JSON text in UTF-8; {GRADIO_USAGE}"
    else:
        data["error"] = str(detail)
    return json.dumps(data, ensure_ascii=False).encode()


class GradioCalls:
    """ASGI middleware inside BodyLimit (so the body is bounded and whole): a call of a Gradio
    function that does not exist, which Gradio answers with a 500 (a KeyError), gets a 404 with a
    sentence, and Gradio's upload route is closed: the chat takes no files, and the route would
    write any client's files to a temporary folder. `functions` maps a mount ("" for /, "/widget")
    to the ids of its functions."""

    def __init__(self, app, functions: dict[str, frozenset[int]]) -> None:
        self.app, self.functions = app, functions

    async def __call__(self, scope, receive, send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or scope["method"] != "POST" or "/gradio_api/" not in path:
            await self.app(scope, receive, send)
            return
        mount, _, route = path.partition("/gradio_api/")
        if route.startswith("upload"):
            await _error(send, 404, "the chat takes no files; ask in words, or upload articles in the operator console")
            return
        message = await receive()
        try:
            call = json.loads(message.get("body", b"") or b"null")
        except (ValueError, RecursionError):
            call = None   # Gradio's own 4xx says what is wrong with it
        fn = call.get("fn_index") if isinstance(call, dict) else None
        known = self.functions.get(mount, frozenset())
        if isinstance(fn, int) and not isinstance(fn, bool) and fn not in known:
            await _error(send, 404, f"the chat has no function {fn}; {GRADIO_USAGE}")
            return
        await self.app(scope, _replay(message, receive), send)
