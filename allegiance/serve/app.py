"""Build the FastAPI application: the JSON API, its error answers and the web page.

`create_app` takes settings (it opens the store and loads the knowledge base)
or an open store (tests, embedding), and the access rules; nothing is read from
the environment here.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from allegiance import __version__
from allegiance.config import Settings
from allegiance.errors import NotFound, QueryError
from allegiance.kb import KnowledgeBase
from allegiance.serve.api import router
from allegiance.serve.security import Access, BodyLimit
from allegiance.store.db import Store

STATIC_DIR = Path(__file__).parent / "static"

NOT_BUILT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Allegiance</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
<h1>Allegiance</h1>
<p>The web page has not been built. From the repository, run <code>make install</code>
(it builds the page from <code>web/</code> with npm into
<code>allegiance/serve/static/</code>), then restart <code>allegiance serve</code>.</p>
<p>The JSON API works without it: see <a href="/docs">/docs</a> and
<a href="/api/meta">/api/meta</a>.</p>
</body></html>
"""

SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
                    "Referrer-Policy": "no-referrer"}


def _message(error: dict) -> str:
    """One line per invalid parameter; our own checks already name the parameter."""
    message = str(error.get("msg", "is not valid"))
    if error.get("type") == "value_error":
        return message.removeprefix("Value error, ")
    where = ".".join(str(part) for part in error.get("loc", ()) if part != "body") or "request"
    return f"{where}: {message}"


def create_app(settings_or_store: Settings | Store, *, token: str | None = None,
               private_reads: bool = False, kb: KnowledgeBase | None = None,
               static_dir: Path | None = None) -> FastAPI:
    """The API (and the page, when built) over one store.

    Parameters
    ----------
    settings_or_store : Settings to open the store from, or an open Store.
    token : with a token, writes need ``Authorization: Bearer <token>``.
    private_reads : reads need the token too (requires a token).
    kb : the knowledge base; loaded from the settings (or the shipped one) when None.
    static_dir : where the built page lies (default: the package's ``static/``).
    """
    if private_reads and not token:
        raise ValueError("private reads need a token")
    if isinstance(settings_or_store, Settings):
        from allegiance.kb import load
        from allegiance.store.db import open_store

        store = open_store(settings_or_store.db_url)
        kb = kb or load(settings_or_store.kb_extra)
    else:
        from allegiance.kb import load_cached

        store = settings_or_store
        kb = kb or load_cached()

    app = FastAPI(title="Allegiance", version=__version__,
                  description="A dated, cited network of armed actors: every view of "
                              "`allegiance` as JSON, and reviews of claims.")
    app.state.store, app.state.kb = store, kb
    app.state.access = Access(token=token, private_reads=private_reads)

    @app.exception_handler(NotFound)
    async def not_found(_request: Request, exc: NotFound) -> JSONResponse:
        return JSONResponse({"detail": exc.message, "code": exc.code}, status_code=404)

    @app.exception_handler(QueryError)
    async def bad_query(_request: Request, exc: QueryError) -> JSONResponse:
        return JSONResponse({"detail": exc.message, "code": exc.code}, status_code=422)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": [str(p) for p in e.get("loc", ())], "msg": _message(e)}
                  for e in exc.errors()]
        detail = "; ".join(e["msg"] for e in errors) or "the request is not valid"
        return JSONResponse({"detail": detail, "errors": errors}, status_code=422)

    @app.middleware("http")
    async def headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    app.add_middleware(BodyLimit)
    app.include_router(router)

    static = static_dir or STATIC_DIR
    if (static / "index.html").is_file():
        # after the API routes, so that /api/... never reaches the files
        app.mount("/", StaticFiles(directory=static, html=True), name="page")
    else:
        @app.get("/", response_class=HTMLResponse, include_in_schema=False)
        def page_not_built() -> str:
            return NOT_BUILT

    return app
