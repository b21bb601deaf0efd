"""A work's page ("Before you read"), the reader, and the adult gate in front of both."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from ficlens.library import (
    LibraryWork,
    get_work,
    reading_position,
    set_reading_position,
    work_analysis,
    work_characters,
    work_text,
)
from ficlens.web.deps import SessionDep, library_of
from ficlens.web.facts import is_adult, told_from, work_facts
from ficlens.web.pages import templates
from ficlens.web.pictures import work_pictures
from ficlens.web.reader import chapter_title, chapter_view, front_notes
from ficlens.web.visibility import ensure_visible

router = APIRouter()

ADULT_COOKIE = "view_adult"
ADULT_MAX_AGE = 60 * 60 * 24 * 365


def gated(request: Request, work: LibraryWork) -> Response | None:
    """The adult interstitial when a Mature/Explicit work is asked for without consent.

    Raises:
        WorkNotFoundError: the work is adult and the app hides adult works (a 404).
    """
    ensure_visible(request, work)
    if not is_adult(work) or request.cookies.get(ADULT_COOKIE) == "true":
        return None
    if request.query_params.get(ADULT_COOKIE) == "true":
        return None
    context = {"title": "Adult content", "work": work, "path": request.url.path}
    return templates.TemplateResponse(request, "gate.html", context)


def remember_consent(request: Request, response: Response) -> Response:
    """Set the consent cookie when the reader came through the gate's "proceed" button."""
    if request.query_params.get(ADULT_COOKIE) == "true":
        response.set_cookie(
            ADULT_COOKIE, "true", max_age=ADULT_MAX_AGE, httponly=True, samesite="lax"
        )
    return response


@router.get("/works/{work_id}", response_class=HTMLResponse)
def work_page(request: Request, work_id: int, session: SessionDep) -> Response:
    """A work's blurb, its "Before you read" panel, its cast and links to read it."""
    work = get_work(session, work_id)
    if (gate := gated(request, work)) is not None:
        return gate
    analysis, text = work_analysis(session, work_id), work_text(session, work_id)
    lines = {c["id"]: c.get("lines", 0) for c in analysis.get("characters", [])}
    context = {
        "title": work.title,
        "work": work,
        "facts": work_facts(work, analysis, text),
        "cast": [(c, lines.get(c.key, 0)) for c in work_characters(session, work_id)],
        "told_from": told_from(analysis),
        "chapters": [(c["index"], chapter_title(c)) for c in analysis["chapters"]],
        "position": reading_position(session, work_id),
        "pictures": work_pictures(analysis, text),
    }
    return remember_consent(request, templates.TemplateResponse(request, "work.html", context))


@router.get("/works/{work_id}/read", response_class=HTMLResponse)
def read_work(request: Request, work_id: int, session: SessionDep) -> Response:
    """The whole work on one page."""
    work = get_work(session, work_id)
    if (gate := gated(request, work)) is not None:
        return gate
    analysis, text = work_analysis(session, work_id), work_text(session, work_id)
    chapters = [chapter_view(analysis, text, c["index"]) for c in analysis["chapters"]]
    context = {
        "title": work.title,
        "work": work,
        "front": front_notes(analysis, text),
        "chapters": chapters,
        "previous": None,
        "next": None,
    }
    return remember_consent(request, templates.TemplateResponse(request, "read.html", context))


@router.get("/works/{work_id}/chapters/{index}", response_class=HTMLResponse)
def read_chapter(request: Request, work_id: int, index: int, session: SessionDep) -> Response:
    """One chapter, with previous/next links; opening it saves the reading position."""
    work = get_work(session, work_id)
    if (gate := gated(request, work)) is not None:
        return gate
    analysis, text = work_analysis(session, work_id), work_text(session, work_id)
    try:
        chapter = chapter_view(analysis, text, index)
    except IndexError:
        raise HTTPException(404, "no such chapter") from None
    # Opening a chapter is the only write here; doing it twice leaves the same state.
    with library_of(request).sessions.begin() as writer:
        set_reading_position(writer, work_id, chapter=index, offset=chapter.start)
    context = {
        "title": f"{work.title} – {chapter.title}",
        "work": work,
        "front": front_notes(analysis, text) if index == 1 else (),
        "chapters": [chapter],
        "previous": index - 1 if index > 1 else None,
        "next": index + 1 if index < len(analysis["chapters"]) else None,
    }
    return remember_consent(request, templates.TemplateResponse(request, "read.html", context))
