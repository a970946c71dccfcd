"""The operator console at /admin: articles (list, upload, delete), rebuild while serving,
feedback review into gold lines, status. Plain FastAPI routes and one static page (admin.html,
admin.js): a form-heavy page behind a login, with file upload and text selection, is simpler and
stricter (no inline script, CSP 'self') than a Gradio app. Off until `qa admin set-password`.

Every /admin/api route needs the session cookie (401 without); every state-changing one also the
CSRF token in X-CSRF-Token (403 without), so a cross-site form cannot act. Entry point: `install`.
"""
from __future__ import annotations

import json
import threading
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Form, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from qa.answer.scorer import load_scorer
from qa.config import Settings
from qa.errors import QAError
from qa.index.manifest import stale_files
from qa.web.auth import COOKIE, OFF, SESSION_SECONDS, Attempts, Operator, refusal
from qa.web.uploads import MAX_FIELDS, MAX_FILES, UPLOAD_PATH, checked_upload, inside, write_inside
from qa.web.counters import SharedWindows
from qa.web.feedback import FeedbackStore
from qa.web.live import LiveIndex, Rebuilder
from qa.web.stats import Stats

GOLD_FILE = "gold-from-feedback.jsonl"  # in the data folder; `qa eval --gold` takes it


def install(app: FastAPI, settings: Settings, live: LiveIndex, rebuilder: Rebuilder, store: FeedbackStore,
            stats: Stats, windows: SharedWindows) -> None:
    page = resources.files("qa.web") / "static"
    attempts = Attempts(windows)
    gold_lock = threading.Lock()

    def operator() -> Operator | None:
        return Operator.load(settings.data)   # read per request: a new password takes effect at once

    def session(request: Request) -> dict | None:
        op = operator()
        return op.session(request.cookies.get(COOKIE)) if op else None

    def denied(request: Request, change: bool) -> JSONResponse | None:
        """401 without a session; 403 for a change without the session's CSRF token (auth.refusal)."""
        why = refusal(settings.data, request.cookies.get(COOKIE), request.headers.get("x-csrf-token"), change)
        return JSONResponse({"error": why[1]}, status_code=why[0]) if why else None

    def client(request: Request) -> str:
        return request.client.host if request.client else "-"

    @app.get("/admin", include_in_schema=False)
    def console(request: Request) -> Response:
        if operator() is None:
            return HTMLResponse(_page("运营后台", f"<p>{OFF}</p>"), status_code=404)
        s = session(request)
        if s is None:
            return HTMLResponse(page.joinpath("admin_login.html").read_text(encoding="utf-8"))
        html = page.joinpath("admin.html").read_text(encoding="utf-8").replace("{{csrf}}", s["csrf"])
        return HTMLResponse(html)

    @app.post("/admin/login", include_in_schema=False)
    def login(request: Request, password: str = Form("")) -> Response:
        op = operator()
        if op is None:
            return HTMLResponse(_page("运营后台", f"<p>{OFF}</p>"), status_code=404)
        origin = request.headers.get("origin")
        if origin and origin != f"{request.url.scheme}://{request.url.netloc}":
            return HTMLResponse(_page("登录失败", "<p>跨站登录请求已拒绝。</p>"), status_code=403)
        who = client(request)
        if not attempts.take(who):   # counted before the check, in one step: parallel guesses cannot pass the limit
            return HTMLResponse(_page("登录失败", "<p>登录失败次数过多，请 5 分钟后再试；"
                                      "服务器管理员可运行 <code>qa admin unlock</code> 立即解除。</p>"), status_code=429)
        if not op.check(password):
            login = page.joinpath("admin_login.html").read_text(encoding="utf-8")
            return HTMLResponse(login.replace("<!--message-->", '<p class="error" role="alert">密码不对，请重新输入。</p>'),
                                status_code=401)
        attempts.clear(who)
        cookie, _ = op.new_session()
        out = RedirectResponse("/admin", status_code=303)
        out.set_cookie(COOKIE, cookie, max_age=SESSION_SECONDS, httponly=True, samesite="strict",
                       secure=request.url.scheme == "https", path="/admin")
        return out

    @app.post("/admin/logout", include_in_schema=False)
    def logout(request: Request) -> Response:
        if (refused := denied(request, change=True)) is not None:
            return refused
        out = JSONResponse({"ok": True})
        out.delete_cookie(COOKIE, path="/admin")
        return out

    @app.get("/admin/api/status", include_in_schema=False)
    def status(request: Request) -> Response:
        if (refused := denied(request, change=False)) is not None:
            return refused
        index = live.get()
        m = index.manifest
        return JSONResponse({"version": index.folder.name, "built_at": m.get("built_at"), "model": m.get("embedder"),
                             "files": len(index.sources), "articles": len(index.documents), "chunks": len(index.chunks),
                             "today": stats.today(), "feedback": store.counts(), "build": rebuilder.state(),
                             "scorer_fitted_at": load_scorer().meta.get("fitted_at")})

    @app.get("/admin/api/files", include_in_schema=False)
    def files(request: Request) -> Response:
        if (refused := denied(request, change=False)) is not None:
            return refused
        index = live.get()
        rows = []
        for name, src in sorted(index.sources.items()):
            docs = [d for d in index.documents.values() if d.doc == name]
            rows.append({"name": name, "chars": len(src.text), "chunks": sum(c.doc == name for c in index.chunks),
                         "articles": [d.shown_title or d.title for d in sorted(docs, key=lambda d: d.index)]})
        return JSONResponse({"files": rows, "skipped": index.manifest.get("skipped", {}),
                             "changed": stale_files(index.manifest, settings.corpus)})

    @app.post(UPLOAD_PATH, include_in_schema=False)
    async def upload(request: Request) -> Response:
        # the session was checked before the body was read (upload_gate, in the body guard); again
        # here for a server without that guard. The form is parsed here, not by FastAPI before the
        # call, so that a malformed one gets a sentence about uploads.
        if (refused := denied(request, change=True)) is not None:
            return refused
        try:
            form = await request.form(max_files=MAX_FILES, max_fields=MAX_FIELDS)
        except (HTTPException, MultiPartException) as err:
            why = getattr(err, "detail", None) or getattr(err, "message", "") or type(err).__name__
            return JSONResponse(
                {"error": f"上传的表单无法读取（{why}）：请在运营后台页面选择文件上传，每次最多 {MAX_FILES} 个。"},
                status_code=400,
            )
        files = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
        if not files:
            return JSONResponse(
                {"error": "没有收到文件：请用表单字段 files 上传 .txt/.md/.html/.pdf 文件。"}, status_code=400
            )
        saved, refusals = [], []
        for f in files:
            data = await f.read()
            try:
                # read in a child process (qa.ingest.apart), waited for in a worker thread: a hostile
                # PDF never stops the server answering
                name = await run_in_threadpool(checked_upload, f.filename or "", data)
                write_inside(settings.corpus, name, data)
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

    @app.post("/admin/api/delete", include_in_schema=False)
    async def delete(request: Request) -> Response:
        if (refused := denied(request, change=True)) is not None:
            return refused
        name = str((await _json(request)).get("name") or "")
        target = inside(settings.corpus, name)
        if target is None or not target.is_file():
            return JSONResponse({"error": f"语料中没有文件 {name!r}。"}, status_code=404)
        target.unlink()
        return JSONResponse({"deleted": name})

    @app.post("/admin/api/rebuild", include_in_schema=False)
    def rebuild(request: Request) -> Response:
        if (refused := denied(request, change=True)) is not None:
            return refused
        started = rebuilder.start()
        return JSONResponse({"started": started, "build": rebuilder.state()}, status_code=202 if started else 409)

    @app.get("/admin/api/feedback", include_in_schema=False)
    def feedback(request: Request) -> Response:
        if (refused := denied(request, change=False)) is not None:
            return refused
        return JSONResponse({"rated": store.rated()})

    @app.get("/admin/api/source", include_in_schema=False)
    def source(request: Request, doc: str = "") -> Response:
        if (refused := denied(request, change=False)) is not None:
            return refused
        src = live.get().sources.get(doc)
        if src is None:
            return JSONResponse({"error": f"没有文件 {doc!r}。"}, status_code=404)
        return JSONResponse({"doc": doc, "text": src.text})

    @app.post("/admin/api/gold", include_in_schema=False)
    async def gold(request: Request) -> Response:
        """A reviewed answer as a gold line: the selected span of a file, or "the corpus does not say"."""
        if (refused := denied(request, change=True)) is not None:
            return refused
        body = await _json(request)
        row = next(iter(store.rated(1, turn=str(body.get("turn") or ""))), None)
        if row is None:
            return JSONResponse({"error": "没有这条反馈。"}, status_code=404)
        line = {
            "id": f"fb-{row['turn'][:12]}",
            "question": row["resolved"] or row["question"],
            "answers": [],
            "docs": [],
            "answerable": False,
            "from": "feedback",
        }
        if not body.get("none"):
            src = live.get().sources.get(str(body.get("doc")))
            a, b = body.get("start"), body.get("end")
            if (
                src is None
                or not isinstance(a, int)
                or not isinstance(b, int)
                or not 0 <= a < b <= len(src.text)
                or b - a > 200
                or not "".join(src.text[a:b].split())
            ):
                return JSONResponse({"error": "请在原文中选中答案（不超过 200 个字）。"}, status_code=400)
            answer = "".join(src.text[a:b].split())
            line.update(answers=[answer], docs=[src.name], answerable=True, evidence_offsets=[a, b])
        with gold_lock:
            path = Path(settings.data) / GOLD_FILE
            lines = (
                [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
                if path.exists()
                else []
            )
            lines = [x for x in lines if x.get("id") != line["id"]] + [line]  # a second review replaces the first
            path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
        return JSONResponse({"written": line, "lines": len(lines)})

    @app.get("/admin/gold.jsonl", include_in_schema=False)
    def gold_file(request: Request) -> Response:
        if (refused := denied(request, change=False)) is not None:
            return refused
        path = Path(settings.data) / GOLD_FILE
        body = path.read_text(encoding="utf-8") if path.exists() else ""
        return Response(
            body,
            media_type="application/x-ndjson; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{GOLD_FILE}"'},
        )

    @app.get("/admin/admin.js", include_in_schema=False)
    def script() -> Response:
        return Response(
            page.joinpath("admin.js").read_text(encoding="utf-8"), media_type="text/javascript; charset=utf-8"
        )


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
