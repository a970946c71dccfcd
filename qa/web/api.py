"""The REST API of CONTRACT.md (`POST /api/ask`, `GET /api/health`) and the article view.

Anything a client sends gets a 2xx or a 4xx with `{"error": "<one sentence>"}`; the
exception handlers below turn FastAPI's validation errors (bad JSON, a missing or mistyped
field) and QAError (empty or too long question) into that shape, never a 500.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from html import escape
from typing import Any
from collections.abc import Callable, Sequence

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException

from qa.errors import QAError
from qa.web.asking import Asking, TooMany
from qa.limits import EXAMPLE, MAX_BODY, MAX_PREVIOUS, MAX_QUESTION
from qa.web.article_meta import clean_range, describe
from qa.web.html import article_link, article_page

USAGE = f'send a JSON object such as {{"question": "{EXAMPLE}"}}'
CLEANING = ("line breaks become spaces and invisible format characters (zero-width, right-to-left marks) are dropped; "
            "other control characters and unpaired surrogates are refused")


class AskRequest(BaseModel):
    question: str = Field(description=f"the question, at most {MAX_QUESTION} characters; {CLEANING}",
                          examples=[EXAMPLE])
    previous: str | None = Field(None, description=f"the previous question, for a follow-up such as 那第二次呢？ "
                                                   f"(at most {MAX_PREVIOUS} characters)", examples=[None])


class CitationOut(BaseModel):
    model_config = ConfigDict(extra="allow")   # the contract only ever adds fields
    doc: str
    title: str
    quote: str
    start: int
    end: int
    answer_start: int | None
    answer_end: int | None
    score: float


class AnswerOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    question: str
    answer: str | None = Field(description="a short span of the corpus; null when the corpus does not answer")
    answer_type: str
    confidence: float
    citations: list[CitationOut]
    timings_ms: dict[str, float]


class Health(BaseModel):
    model_config = ConfigDict(extra="allow")
    status: str
    documents: int
    chunks: int
    model: str


class ErrorOut(BaseModel):
    error: str


@dataclass(frozen=True)
class ApiContext:
    """What the routes read, set once on `app.state.api` and injected (FastAPI's Depends), so a
    route is a plain function a test can call with a context of its own."""
    asking: Asking                                  # the index in service, the reader, limits, counts
    building: Callable[[], bool] = lambda: False    # whether a new version is being built


def context(request: Request) -> ApiContext:
    return request.app.state.api


def client_of(request: Request) -> str:
    return request.client.host if request.client else "-"


ERRORS: dict[int | str, dict[str, Any]] = {400: {"model": ErrorOut}, 413: {"model": ErrorOut},
                                           422: {"model": ErrorOut}, 429: {"model": ErrorOut}}


def ask(body: AskRequest, client: str = Depends(client_of), ctx: ApiContext = Depends(context)) -> dict | JSONResponse:
    # a plain def: FastAPI runs it in its thread pool, so slow answers do not block the loop
    try:
        return ctx.asking.ask(client, body.question, body.previous).result
    except TooMany as err:
        return JSONResponse({"error": err.detail}, status_code=429)


def health(ctx: ApiContext = Depends(context)) -> dict:
    index, reader = ctx.asking.live.get(), ctx.asking.reader
    return {"status": "ok", "documents": len(index.sources), "articles": len(index.documents),
            "chunks": len(index.chunks), "model": str(index.manifest.get("embedder", index.settings.embedder)),
            "built_at": index.manifest.get("built_at"), "reader": "model" if reader is not None else "rules",
            # which published version and which server process answered: replicas and workers
            # must agree on the first; the second shows the load spreading
            "index_version": index.folder.name, "worker": os.getpid(),
            # true while a new version is built (answers meanwhile come from index_version)
            "rebuilding": ctx.building()}


def article(
    doc: str,
    start: int | None = None,
    end: int | None = None,
    answer_start: int | None = None,
    answer_end: int | None = None,
    article: int | None = None,
    raw: bool = False,
    ctx: ApiContext = Depends(context),
) -> HTMLResponse:
    index = ctx.asking.live.get()
    source = index.sources.get(doc)
    if source is None:
        return HTMLResponse(
            f"<!doctype html><meta charset=utf-8><p>没有找到文件 {escape(doc)}。</p>", status_code=404
        )
    quote = _span(start, end, len(source.text))
    marked = _span(answer_start, answer_end, len(source.text))
    where = (quote or marked or (0, 0))[0]
    document = index.documents.get((doc, article)) if article is not None else None
    document = document or next(
        (d for d in index.documents.values() if d.doc == doc and d.start <= where < d.end), None
    )
    offsets = {
        k: v
        for k, v in (
            ("start", start),
            ("end", end),
            ("answer_start", answer_start),
            ("answer_end", answer_end),
            ("article", article),
        )
        if v is not None
    }
    if raw or document is None:  # the whole file as read, the offsets as they are
        other = (article_link({"doc": doc, **offsets}), "查看整理后的文章") if document is not None else None
        return HTMLResponse(
            article_page(doc, document.title if document else "", source.text, quote, marked, other=other)
        )
    # the cleaned article (what the index reads), the raw offsets mapped onto it
    body = document.shown or document.text
    return HTMLResponse(
        article_page(
            doc,
            document.shown_title or document.title,
            body,
            clean_range(document, *(quote or (None, None))),
            clean_range(document, *(marked or (None, None))),
            meta=describe(document).line(),
            other=(article_link({"doc": doc, **offsets}, raw=True), "查看原始文本"),
        )
    )


def router() -> APIRouter:
    """The REST routes and the article view."""
    r = APIRouter()
    r.add_api_route("/api/ask", ask, methods=["POST"], response_model=AnswerOut, responses=ERRORS, tags=["api"],
                    summary="Answer a question with citations",
                    description=f"Bodies over {MAX_BODY} bytes get 413 unread; bad fields get 400/422 with one sentence.")
    r.add_api_route("/api/health", health, methods=["GET"], response_model=Health, tags=["api"],
                    summary="Is the service up, and what it holds")
    r.add_api_route("/article/{doc}", article, methods=["GET"], response_class=HTMLResponse, tags=["pages"],
                    summary="An article, cleaned, with a quote (start..end) and answer span (raw offsets) marked; "
                            "raw=1: the file as read")
    return r


def install(app: FastAPI, asking: Asking, building: Callable[[], bool] = lambda: False) -> None:
    """The routes and the error handlers on `app`; questions go through `asking` (the index in
    service, switched when a new version is published, and the reader, shared, read-only)."""
    app.state.api = ApiContext(asking, building)
    app.include_router(router())
    # Starlette types a handler as taking any Exception; each of these is registered for its own class
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    app.add_exception_handler(QAError, _refused)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _crashed)


async def _invalid(request: Request, err: RequestValidationError) -> JSONResponse:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind and kind != "application/json" and not kind.endswith("+json"):
        # the body may be valid JSON, sent under another type, which is then read as one string
        return JSONResponse({"error": f"the request body must be sent as Content-Type: application/json, not {kind[:60]}; "
                                      f"{USAGE}"}, status_code=422)
    return JSONResponse({"error": validation_sentence(err.errors())}, status_code=422)

async def _refused(request: Request, err: QAError) -> JSONResponse:
    return JSONResponse({"error": str(err)}, status_code=400)

async def _http_error(request: Request, err: HTTPException) -> JSONResponse:
    # FastAPI's 400 for a body it cannot decode (invalid UTF-8, a form instead of JSON)
    # (only the question API reads JSON bodies this way; other routes keep their own words)
    api = request.url.path.startswith("/api/")
    text = (
        f"the request body is not JSON text in UTF-8; {USAGE}"
        if err.status_code == 400 and api
        else str(err.detail)
    )
    return JSONResponse({"error": text}, status_code=err.status_code, headers=err.headers)

async def _crashed(request: Request, err: Exception) -> JSONResponse:
    # only a bug of ours gets here; still answer in the API's shape, without a traceback
    return JSONResponse({"error": f"internal error ({type(err).__name__}); please report it"}, status_code=500)


def validation_sentence(errors: Sequence[dict], usage: str = USAGE) -> str:
    """One readable sentence for the first validation error."""
    if not errors:
        return f"the request is not valid; {usage}"
    e = errors[0]
    field = ".".join(str(p) for p in e.get("loc", ()) if p != "body")
    kind = e.get("type", "")
    if kind == "json_invalid":
        return f"the request body is not valid JSON; {usage}"
    if kind == "missing":
        return (
            f"the field {field or 'question'!r} is missing; {usage}" if field else f"the request body is empty; {usage}"
        )
    if kind in ("model_attributes_type", "dict_type"):
        return f"the request body must be a JSON object; {usage}"
    if kind == "string_type":
        return f"the field {field!r} must be a string; {usage}"
    if kind in ("int_parsing", "int_type"):
        return f"the parameter {field!r} must be a whole number"
    return f"{field or 'the request'}: {e.get('msg', 'is not valid')}; {usage}"


def _span(a: int | None, b: int | None, n: int) -> tuple[int, int] | None:
    return (a, b) if a is not None and b is not None and 0 <= a < b <= n else None
