"""ASGI middleware that guards the edge of the web app: request bodies over their limit, and
Gradio's own error bodies in the API's shape."""
from __future__ import annotations

import json

from fastapi.responses import JSONResponse

from qa.web.api import validation_sentence

GRADIO_USAGE = 'call it with gradio_client (api_name="/ask"), or POST {"question": "..."} to /api/ask'


UPLOAD_PATH = "/admin/api/upload"   # the operator's article uploads get their own, larger limit


class BodyLimit:
    """ASGI middleware: a request body over its limit gets 413 before anything parses it.

    A declared Content-Length over the limit is refused unread; a streamed (chunked) body is
    read up to the limit and then refused. A body within the limit is passed on whole.
    """

    def __init__(self, app, api: int, pages: int, uploads: int | None = None) -> None:
        self.app, self.api, self.pages, self.uploads = app, api, pages, uploads or pages

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        limit = self.api if path.startswith("/api/") else self.uploads if path == UPLOAD_PATH else self.pages
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > limit:
            await _too_large(send, limit, path == UPLOAD_PATH)
            return
        body, first = bytearray(), None
        while True:
            message = await receive()
            if message["type"] != "http.request":
                first = message   # the client went away: pass that on
                break
            body += message.get("body", b"")
            if len(body) > limit:
                await _too_large(send, limit, path == UPLOAD_PATH)
                return
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return first or {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _too_large(send, limit: int, upload: bool = False) -> None:
    why = "文件太大：每次上传不超过 {:,} 字节".format(limit) if upload else \
        f"the request body is larger than {limit:,} bytes; a question needs far less"
    body = JSONResponse({"error": why},
                        status_code=413).body
    await send({"type": "http.response.start", "status": 413,
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
