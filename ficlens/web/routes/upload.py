"""The upload form: import .txt, .html, .epub and .zip files into the library.

Every POST needs the form's CSRF token and, when the app has one, the admin token
(:mod:`ficlens.web.security`); a request over the size limit is refused with a 413 page
before its body is read.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile

from ficlens.library import ImportOutcome, import_paths
from ficlens.web.deps import library_of
from ficlens.web.pages import templates
from ficlens.web.security import guard_of

router = APIRouter()

ACCEPTED = (".txt", ".html", ".htm", ".epub", ".zip")
MAX_FILES = 100


def _form_page(
    request: Request, results: list[ImportOutcome] | None = None, **extra: object
) -> dict[str, object]:
    guard = guard_of(request)
    return {
        "title": "Upload",
        "csrf": guard.csrf_token(),
        "needs_admin": guard.admin_token is not None,
        "accepted": ", ".join(ACCEPTED),
        "limit_mib": request.app.state.max_upload_bytes // (1024 * 1024),
        "results": results,
        **extra,
    }


def refused(request: Request, status: int, message: str) -> Response:
    """A small error page (403 bad token, 401 admin token, 411/413 size)."""
    context = {"title": "Refused", "status": status, "message": message}
    return templates.TemplateResponse(request, "refused.html", context, status_code=status)


@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request) -> Response:
    """The form: files, the NLP checkbox, the CSRF token (and the admin token field)."""
    return templates.TemplateResponse(request, "upload.html", _form_page(request))


def _safe_name(name: str, number: int) -> str:
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(name.replace("\\", "/")).name).strip(".-")
    return f"{number:03d}-{base or 'upload'}"


@router.post("/upload", response_class=HTMLResponse)
async def upload(request: Request) -> Response:
    """Import the uploaded files; show each one's outcome (added, updated, duplicate, failed)."""
    limit: int = request.app.state.max_upload_bytes
    length = request.headers.get("content-length")
    if length is None or not length.isdigit():
        return refused(request, 411, "The upload must say how large it is (Content-Length).")
    if int(length) > limit:
        return refused(request, 413, f"The upload is larger than {limit // (1024 * 1024)} MiB.")
    guard = guard_of(request)
    async with request.form(max_files=MAX_FILES, max_fields=20) as form:
        if not guard.csrf_ok(form.get("csrf")):
            return refused(
                request, 403, "The form's security token is missing or wrong; reload the form."
            )
        if not guard.admin_ok(request, form.get("admin_token")):
            return refused(request, 401, "This library needs its admin token for uploads.")
        files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
        nlp = form.get("nlp") == "on"
        with tempfile.TemporaryDirectory(prefix="ficlens-upload-") as folder:
            outcomes: list[ImportOutcome] = []
            staged: list[tuple[Path, str]] = []
            for number, file in enumerate(files, 1):
                name = file.filename or "upload"
                if not name.lower().endswith(ACCEPTED):
                    outcomes.append(
                        ImportOutcome(name, None, error=f"not one of {', '.join(ACCEPTED)}")
                    )
                    continue
                path = Path(folder) / _safe_name(name, number)
                path.write_bytes(await file.read())
                staged.append((path, name))
            for path, name in staged:
                report = await run_in_threadpool(import_paths, library_of(request), [path], nlp=nlp)
                outcomes += [
                    ImportOutcome(o.name.replace(str(path), name, 1), o.status, o.work, o.error)
                    for o in report.outcomes
                ]
    if not files:
        context = _form_page(request, error="Choose at least one file.")
        return templates.TemplateResponse(request, "upload.html", context, status_code=400)
    return templates.TemplateResponse(request, "upload.html", _form_page(request, outcomes))
