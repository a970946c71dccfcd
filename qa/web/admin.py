"""The operator console's routes at /admin: articles (list, upload, delete), rebuild while
serving, feedback review into gold lines, status. Plain FastAPI routes and one static page
(admin.html, admin.js): a form-heavy page behind a login, with file upload and text selection, is
simpler and stricter (no inline script, CSP 'self') than a Gradio app. Off until `qa admin set-password`.

Every /admin/api route needs the session cookie (401 without); every state-changing one also the
CSRF token in X-CSRF-Token (403 without), so a cross-site form cannot act. The routes are plain
functions of the request and the injected `Console` (qa.web.console, what they do apart from HTTP).
Entry point: `install(app, console)`.
"""
from __future__ import annotations

from importlib import resources

from fastapi import APIRouter, Depends, FastAPI, Form, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from qa.errors import QAError
from qa.web.auth import COOKIE, OFF, SESSION_SECONDS
from qa.web.console import GOLD_FILE, Console, Reply
from qa.web.uploads import MAX_FIELDS, MAX_FILES, UPLOAD_PATH, checked_upload, write_inside


def console_of(request: Request) -> Console:
    return request.app.state.console


def _page_file(name: str) -> str:
    return (resources.files("qa.web") / "static").joinpath(name).read_text(encoding="utf-8")


def _client(request: Request) -> str:
    return request.client.host if request.client else "-"


def _denied(request: Request, c: Console, change: bool) -> JSONResponse | None:
    why = c.refusal(dict(request.cookies), request.headers.get("x-csrf-token"), change)
    return _json_reply(why) if why else None


def _json_reply(reply: Reply) -> JSONResponse:
    status, body = reply
    return JSONResponse(body, status_code=status)


def console(request: Request, c: Console = Depends(console_of)) -> Response:
    if c.operator() is None:
        return HTMLResponse(_page("运营后台", f"<p>{OFF}</p>"), status_code=404)
    s = c.session(dict(request.cookies))
    if s is None:
        return HTMLResponse(_page_file("admin_login.html"))
    return HTMLResponse(_page_file("admin.html").replace("{{csrf}}", s["csrf"]))


def login(request: Request, password: str = Form(""), c: Console = Depends(console_of)) -> Response:
    op = c.operator()
    if op is None:
        return HTMLResponse(_page("运营后台", f"<p>{OFF}</p>"), status_code=404)
    origin = request.headers.get("origin")
    if origin and origin != f"{request.url.scheme}://{request.url.netloc}":
        return HTMLResponse(_page("登录失败", "<p>跨站登录请求已拒绝。</p>"), status_code=403)
    who = _client(request)
    if not c.attempts.take(who):   # counted before the check, in one step: parallel guesses cannot pass the limit
        return HTMLResponse(_page("登录失败", "<p>登录失败次数过多，请 5 分钟后再试；"
                                  "服务器管理员可运行 <code>qa admin unlock</code> 立即解除。</p>"), status_code=429)
    if not op.check(password):
        page = _page_file("admin_login.html")
        return HTMLResponse(page.replace("<!--message-->", '<p class="error" role="alert">密码不对，请重新输入。</p>'),
                            status_code=401)
    c.attempts.clear(who)
    cookie, _ = op.new_session()
    out = RedirectResponse("/admin", status_code=303)
    out.set_cookie(COOKIE, cookie, max_age=SESSION_SECONDS, httponly=True, samesite="strict",
                   secure=request.url.scheme == "https", path="/admin")
    return out


def logout(request: Request, c: Console = Depends(console_of)) -> Response:
    if (refused := _denied(request, c, change=True)) is not None:
        return refused
    out = JSONResponse({"ok": True})
    out.delete_cookie(COOKIE, path="/admin")
    return out


def status(request: Request, c: Console = Depends(console_of)) -> Response:
    return _denied(request, c, change=False) or _json_reply(c.status())


def files(request: Request, c: Console = Depends(console_of)) -> Response:
    return _denied(request, c, change=False) or _json_reply(c.files())


async def upload(request: Request, c: Console = Depends(console_of)) -> Response:
    # the session was checked before the body was read (upload_gate, in the body guard); again
    # here for a server without that guard. The form is parsed here, not by FastAPI before the
    # call, so that a malformed one gets a sentence about uploads.
    if (refused := _denied(request, c, change=True)) is not None:
        return refused
    try:
        form = await request.form(max_files=MAX_FILES, max_fields=MAX_FIELDS)
    except (HTTPException, MultiPartException) as err:
        why = getattr(err, "detail", None) or getattr(err, "message", "") or type(err).__name__
        return JSONResponse(
            {"error": f"上传的表单无法读取（{why}）：请在运营后台页面选择文件上传，每次最多 {MAX_FILES} 个。"},
            status_code=400,
        )
    uploaded = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
    if not uploaded:
        return JSONResponse(
            {"error": "没有收到文件：请用表单字段 files 上传 .txt/.md/.html/.pdf 文件。"}, status_code=400
        )
    saved, refusals = [], []
    for f in uploaded:
        data = await f.read()
        try:
            # read in a child process (qa.ingest.apart), waited for in a worker thread: a hostile
            # PDF never stops the server answering
            name = await run_in_threadpool(checked_upload, f.filename or "", data)
            write_inside(c.settings.corpus, name, data)
            saved.append(name)
        except QAError as err:
            refusals.append({"name": f.filename, "reason": str(err)})
    await form.close()
    if refusals and not saved:  # the one-sentence error of every refusal, beside the list
        first = refusals[0]
        return JSONResponse(
            {"saved": [], "refused": refusals, "error": f"未上传 {first['name']}：{first['reason']}"},
            status_code=400,
        )
    return JSONResponse({"saved": saved, "refused": refusals})


async def delete(request: Request, c: Console = Depends(console_of)) -> Response:
    if (refused := _denied(request, c, change=True)) is not None:
        return refused
    return _json_reply(c.delete(str((await _json(request)).get("name") or "")))


def rebuild(request: Request, c: Console = Depends(console_of)) -> Response:
    return _denied(request, c, change=True) or _json_reply(c.rebuild())


def feedback(request: Request, c: Console = Depends(console_of)) -> Response:
    return _denied(request, c, change=False) or _json_reply(c.feedback())


def source(request: Request, doc: str = "", c: Console = Depends(console_of)) -> Response:
    return _denied(request, c, change=False) or _json_reply(c.source(doc))


async def gold(request: Request, c: Console = Depends(console_of)) -> Response:
    """A reviewed answer as a gold line: the selected span of a file, or "the corpus does not say"."""
    if (refused := _denied(request, c, change=True)) is not None:
        return refused
    body = await _json(request)
    return _json_reply(await run_in_threadpool(c.gold, body))


def gold_file(request: Request, c: Console = Depends(console_of)) -> Response:
    if (refused := _denied(request, c, change=False)) is not None:
        return refused
    return Response(
        c.gold_text(),
        media_type="application/x-ndjson; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{GOLD_FILE}"'},
    )


def script() -> Response:
    return Response(_page_file("admin.js"), media_type="text/javascript; charset=utf-8")


ROUTES = (   # path, method, route
    ("/admin", "GET", console), ("/admin/login", "POST", login), ("/admin/logout", "POST", logout),
    ("/admin/api/status", "GET", status), ("/admin/api/files", "GET", files), (UPLOAD_PATH, "POST", upload),
    ("/admin/api/delete", "POST", delete), ("/admin/api/rebuild", "POST", rebuild),
    ("/admin/api/feedback", "GET", feedback), ("/admin/api/source", "GET", source),
    ("/admin/api/gold", "POST", gold), ("/admin/gold.jsonl", "GET", gold_file), ("/admin/admin.js", "GET", script),
)


def router() -> APIRouter:
    """The console's routes (none in the API schema: they are the console page's, not a contract)."""
    r = APIRouter()
    for path, method, route in ROUTES:
        r.add_api_route(path, route, methods=[method], include_in_schema=False)
    return r


def install(app: FastAPI, console: Console) -> None:
    app.state.console = console
    app.include_router(router())


async def _json(request: Request) -> dict:
    try:
        body = await request.json()
    except (ValueError, RecursionError):  # RecursionError: JSON nested ~1,000 deep, not a console request
        return {}
    return body if isinstance(body, dict) else {}


def _page(title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title></head>'
        f'<body style="font:16px/1.6 system-ui,sans-serif;max-width:40em;margin:3em auto">{body}</body></html>'
    )
