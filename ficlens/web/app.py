"""The app factory: one library, the routes, the templates and the static files."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from ficlens.library import WorkNotFoundError, open_library
from ficlens.web.pages import templates
from ficlens.web.routes import api, browse, downloads, opds, upload, works
from ficlens.web.security import MAX_UPLOAD_BYTES, Guard

STATIC = Path(__file__).parent / "static"

# Pages load only our own script and styles: even text that slipped through escaping could
# not run inline script or pull anything from elsewhere.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def create_app(
    db_url: str | None = None,
    *,
    admin_token: str | None = None,
    max_upload_bytes: int = MAX_UPLOAD_BYTES,
    hide_adult: bool = False,
    upgrade: bool = True,
) -> FastAPI:
    """Build the web app over the library at ``db_url`` (opened, and migrated, now).

    Args:
        db_url: a database URL or SQLite file path; ``None`` means the default library
            (``FICLENS_DB`` or the user's data directory).
        admin_token: when given, every write (upload) must carry it (see docs/web.md).
        max_upload_bytes: the largest upload request accepted (default 50 MiB).
        hide_adult: leave Mature and Explicit works (declared or detected) out of the index,
            search, API and OPDS, and answer 404 for their pages, whatever the viewer's
            ``view_adult`` cookie says.
        upgrade: bring the database schema to the newest revision first (``False`` when
            another process already did, as for :func:`app_from_environment`).
    """
    library = open_library(db_url, upgrade=upgrade)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        library.close()

    app = FastAPI(
        title="FicLens", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan
    )
    app.state.library = library
    app.state.guard = Guard(admin_token)
    app.state.max_upload_bytes = max_upload_bytes
    app.state.hide_adult = hide_adult
    app.middleware("http")(_security_headers)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (browse, works, downloads, api, opds, upload):
        app.include_router(module.router)

    @app.exception_handler(WorkNotFoundError)
    async def _not_found(request: Request, _error: Exception) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "no such work"}, status_code=404)
        return templates.TemplateResponse(
            request, "missing.html", {"title": "Not found"}, status_code=404
        )

    return app


WORKER_ENV = {
    "db": "FICLENS_DB",
    "admin_token": "FICLENS_ADMIN_TOKEN",
    "hide_adult": "FICLENS_HIDE_ADULT",
}
"""The environment :func:`app_from_environment` reads (``ficlens serve --workers`` sets it)."""


def app_from_environment() -> FastAPI:
    """The app each of several server processes builds (``ficlens serve --workers N``).

    Reads the library URL, the admin token and ``hide_adult`` (``1``) from :data:`WORKER_ENV`
    and does not migrate: the parent process migrated once, so workers never race to.
    """
    return create_app(
        os.environ.get(WORKER_ENV["db"]),
        admin_token=os.environ.get(WORKER_ENV["admin_token"]) or None,
        hide_adult=os.environ.get(WORKER_ENV["hide_adult"]) == "1",
        upgrade=False,
    )
