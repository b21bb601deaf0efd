"""Downloads: a work's text and its stored analysis, under safe file names."""

from __future__ import annotations

import re
import unicodedata

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from ficlens.library import get_work, work_analysis, work_text
from ficlens.library.export import EPUB_MEDIA_TYPE, export_parts, work_epub, work_html
from ficlens.web.deps import SessionDep
from ficlens.web.routes.works import gated, remember_consent
from ficlens.web.visibility import ensure_visible

router = APIRouter()


def safe_filename(title: str, work_id: int, extension: str) -> str:
    """A download's file name: the title reduced to ASCII letters, digits and dashes.

    Slashes, dots and quotes cannot survive, so the name cannot climb out of a folder or
    break the ``Content-Disposition`` header.

    Example:
        >>> safe_filename('../"evil" name', 7, "txt")
        'evil-name.txt'
    """
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_title).strip("-").lower()[:80].strip("-")
    return f"{slug or f'work-{work_id}'}.{extension}"


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


@router.get("/works/{work_id}/download.txt")
def download_text(request: Request, work_id: int, session: SessionDep) -> Response:
    """The work's text as a UTF-8 text file."""
    work = get_work(session, work_id)
    if (gate := gated(request, work)) is not None:
        return gate
    response = PlainTextResponse(
        work_text(session, work_id), headers=_attachment(safe_filename(work.title, work_id, "txt"))
    )
    return remember_consent(request, response)


@router.get("/works/{work_id}/download.epub")
def download_epub(request: Request, work_id: int, session: SessionDep) -> Response:
    """The work as an EPUB: metadata, an AO3-style preface, a file per chapter, a TOC."""
    work = get_work(session, work_id)
    if (gate := gated(request, work)) is not None:
        return gate
    response = Response(
        work_epub(*export_parts(session, work_id)),
        media_type=EPUB_MEDIA_TYPE,
        headers=_attachment(safe_filename(work.title, work_id, "epub")),
    )
    return remember_consent(request, response)


@router.get("/works/{work_id}/download.html")
def download_html(request: Request, work_id: int, session: SessionDep) -> Response:
    """The work as one self-contained HTML file (its own styles, no script)."""
    work = get_work(session, work_id)
    if (gate := gated(request, work)) is not None:
        return gate
    response = HTMLResponse(
        work_html(*export_parts(session, work_id)),
        headers=_attachment(safe_filename(work.title, work_id, "html")),
    )
    return remember_consent(request, response)


@router.get("/works/{work_id}/analysis.json")
def download_analysis(request: Request, work_id: int, session: SessionDep) -> Response:
    """The stored ``ficlens.analysis/1`` JSON (no text, so no gate; 404 when hidden)."""
    work = ensure_visible(request, get_work(session, work_id))
    return JSONResponse(
        work_analysis(session, work_id),
        headers=_attachment(safe_filename(work.title, work_id, "json")),
    )
