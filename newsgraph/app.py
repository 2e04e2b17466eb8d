"""The app factory: the JSON API (``/api``, ``newsgraph.api``), the web pages
(``newsgraph.web``) and their static files, security headers on every response, and a cap on request bodies."""
from __future__ import annotations

import logging
import os
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from .api import router as api_router
from .service.deps import AppState
from .settings import Settings
from .store.db import NoDatabase, StoreError, connect
from .version import __version__
from .web.views import render_error, router as web_router

__all__ = ["create_app", "CSP", "body_limit"]

log = logging.getLogger(__name__)

#: no inline script or style, nothing from elsewhere: every asset is served from here
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
_HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY"),
            (b"cross-origin-opener-policy", b"same-origin")]


def body_limit(settings: Settings) -> int:
    """The largest request body accepted: an article at the size limit, escaped into JSON, with room for metadata."""
    return 2 * settings.max_article_bytes + 65_536


class _Guard:
    """ASGI middleware: security headers on every response; bodies over ``limit`` bytes answered with 413."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            return await _too_large(self.limit, send)
        body, more = [], True
        seen = 0
        while more:  # read the whole (bounded) body first, so that an oversized one never reaches a route
            message = await receive()
            if message["type"] != "http.request":
                return
            body.append(message.get("body", b""))
            seen += len(body[-1])
            if seen > self.limit:
                return await _too_large(self.limit, send)
            more = message.get("more_body", False)
        replay = {"type": "http.request", "body": b"".join(body), "more_body": False}

        async def buffered():
            nonlocal replay
            if replay is not None:
                message, replay = replay, None
                return message
            return await receive()

        async def with_headers(message):
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *_HEADERS]
            await send(message)

        await self.app(scope, buffered, with_headers)


async def _too_large(limit: int, send) -> None:
    body = b'{"detail":"request body too large (limit %d bytes)"}' % limit
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *_HEADERS]})
    await send({"type": "http.response.body", "body": body})


def create_app(db_path: str | os.PathLike, token: str | None = None, settings: Settings | None = None, *, pipeline=None) -> FastAPI:
    """The web app over the knowledge base at ``db_path`` (which must exist;
    pending migrations are applied once here). Read-only unless ``token`` is
    set; then ``POST /api/articles`` accepts it as a bearer token.
    ``pipeline`` may be passed in (tests share one); else it loads on first use."""
    db_path = Path(db_path)
    if not db_path.exists():
        raise NoDatabase(f"no knowledge base at {db_path}; run `newsgraph ingest SOURCE --db {db_path}` first")
    connect(db_path).close()  # migrations, so that read-only connections find the current schema
    settings = settings or Settings.load()
    app = FastAPI(title="newsgraph", version=__version__, docs_url=None, redoc_url=None,
                  description="Who said what, did what to whom, where and when: the knowledge base over HTTP.")
    app.state.newsgraph = AppState(db_path, token or None, settings, pipeline)
    app.add_middleware(_Guard, limit=body_limit(settings))
    app.mount("/static", StaticFiles(directory=Path(__file__).resolve().parent / "web" / "static"), name="static")
    app.include_router(api_router)
    app.include_router(web_router)

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api") or request.url.path == "/openapi.json"

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        if wants_json(request):
            return JSONResponse({"detail": errors}, status_code=422)
        message = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or 'request'}: {e['msg']}" for e in errors)
        return render_error(request, 422, message)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        if wants_json(request) or exc.status_code in (401, 403):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return render_error(request, exc.status_code, str(exc.detail))

    from starlette.exceptions import HTTPException as StarletteHTTPException

    @app.exception_handler(StarletteHTTPException)
    async def not_found(request: Request, exc: StarletteHTTPException):
        if wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return render_error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError):
        log.error("store: %s", exc)
        if wants_json(request):
            return JSONResponse({"detail": str(exc)}, status_code=503)
        return render_error(request, 503, str(exc))

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    return app
