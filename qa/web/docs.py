"""The API's documentation pages, served whole from this server: Swagger UI at /docs and ReDoc at
/redoc, their files from the PyPI package fastapi-offline (Swagger UI and ReDoc, both MIT), so they
work without internet and under a CSP without inline scripts. FastAPI's own pages load them from a
CDN and start them with an inline script. Entry point: `install(app)`.
"""
from __future__ import annotations

from html import escape
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, Response

ASSETS = {   # the only files served, with their types
    "swagger-ui.css": "text/css; charset=utf-8",
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "redoc.standalone.js": "text/javascript; charset=utf-8",
    "favicon.png": "image/png",
}
START_SCRIPT = "docs-start.js"   # ours (qa/web/static): starts Swagger UI on /openapi.json


def _vendor_folder() -> Path:
    import fastapi_offline

    return Path(fastapi_offline.__file__).parent / "static"


def install(app: FastAPI, title: str) -> None:
    """GET /docs, /redoc and /docs/assets/<file>; the app must be made with docs_url=None, redoc_url=None."""
    ours = resources.files("qa.web") / "static"
    head = (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<link rel="icon" href="/docs/assets/favicon.png">')

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        return HTMLResponse(head + '<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head><body>'
                            '<div id="swagger-ui"></div><script src="/docs/assets/swagger-ui-bundle.js"></script>'
                            f'<script src="/docs/assets/{START_SCRIPT}"></script></body></html>')

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return HTMLResponse(head + '</head><body><redoc spec-url="/openapi.json"></redoc>'
                            '<script src="/docs/assets/redoc.standalone.js"></script></body></html>')

    @app.get("/docs/assets/{name}", include_in_schema=False)
    def asset(name: str) -> Response:
        if name == START_SCRIPT:
            return Response(ours.joinpath(START_SCRIPT).read_text(encoding="utf-8"), media_type=ASSETS["redoc.standalone.js"])
        if name not in ASSETS:
            return Response('{"error": "no such file; the documentation is at /docs"}', status_code=404,
                            media_type="application/json")
        data = (_vendor_folder() / name).read_bytes()
        if name == "redoc.standalone.js":   # its one outside address, the "powered by" logo: this server's icon instead
            data = data.replace(b"https://cdn.redoc.ly/redoc/logo-mini.svg", b"/docs/assets/favicon.png")
        return Response(data, media_type=ASSETS[name],
                        headers={"Cache-Control": "public, max-age=86400"})
