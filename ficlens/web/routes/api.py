"""The JSON API: the same listing, work and search as the pages, as JSON."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from ficlens.library import (
    LibraryWork,
    get_work,
    list_works,
    reading_position,
    search,
    work_analysis,
)
from ficlens.web.deps import SessionDep
from ficlens.web.filters import PER_PAGE
from ficlens.web.routes.browse import listing_of
from ficlens.web.visibility import ensure_visible, visible_filters, visible_hits

router = APIRouter(prefix="/api")


def work_json(work: LibraryWork) -> dict[str, Any]:
    """A work record as JSON."""
    return {
        "id": work.id,
        "title": work.title,
        "authors": list(work.authors),
        "summary": work.summary,
        "rating": work.rating,
        "words": work.words,
        "chapters": work.chapters,
        "complete": work.complete,
        "language": work.language,
        "source_url": work.source_url,
        "added": work.added.isoformat(),
        "updated": work.updated.isoformat(),
        "tags": [{"type": t.type, "name": t.name, "source": t.source} for t in work.tags],
    }


@router.get("/works")
def api_works(request: Request, session: SessionDep) -> dict[str, Any]:
    """A page of works, filtered and sorted as on ``/``."""
    listing = listing_of(request)
    filters = visible_filters(request, listing.filters)
    page = list_works(session, filters, sort=listing.sort, page=listing.page, per_page=PER_PAGE)
    return {
        "total": page.total,
        "page": page.page,
        "pages": page.pages,
        "per_page": page.per_page,
        "works": [work_json(work) for work in page.works],
    }


@router.get("/works/{work_id}")
def api_work(request: Request, work_id: int, session: SessionDep) -> dict[str, Any]:
    """One work, with its detected rating, warnings and reading position."""
    work = ensure_visible(request, get_work(session, work_id))
    analysis = work_analysis(session, work_id)
    position = reading_position(session, work_id)
    return {
        **work_json(work),
        "detected_rating": analysis.get("rating"),
        "warnings": [w["name"] for w in analysis.get("warnings", [])],
        "reading_position": None
        if position is None
        else {"chapter": position.chapter, "offset": position.offset},
    }


@router.get("/search")
def api_search(request: Request, session: SessionDep, q: str = "") -> dict[str, Any]:
    """Full-text search hits, best first, with snippets and highlight offsets."""
    hits = visible_hits(request, session, search(session, q) if q.strip() else [])
    return {
        "query": q,
        "hits": [
            {
                "work_id": hit.work_id,
                "title": hit.title,
                "authors": list(hit.authors),
                "snippet": hit.snippet,
                "highlights": [list(h) for h in hit.highlights],
                "score": hit.score,
            }
            for hit in hits
        ],
    }
