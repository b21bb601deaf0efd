"""The library-wide "hide adult works" setting (``create_app(hide_adult=True)``).

When it is on, Mature and Explicit works (declared or detected) are left out of every listing,
search, API answer and OPDS feed, and their pages answer 404, whatever the viewer's
``view_adult`` cookie or parameter says.
"""

from __future__ import annotations

from dataclasses import replace

from fastapi import Request
from sqlalchemy.orm import Session

from ficlens.library import LibraryWork, SearchHit, WorkFilter, WorkNotFoundError, get_work
from ficlens.web.facts import ADULT_RATINGS, is_adult


def adult_hidden(request: Request) -> bool:
    """Whether the app was built to hide adult works from everyone."""
    return bool(getattr(request.app.state, "hide_adult", False))


def ensure_visible(request: Request, work: LibraryWork) -> LibraryWork:
    """The work; :class:`WorkNotFoundError` (a 404) when it is adult and adult works are hidden."""
    if adult_hidden(request) and is_adult(work):
        raise WorkNotFoundError(work.id)
    return work


def without_adult(filters: WorkFilter) -> WorkFilter:
    """``filters`` that also exclude the Mature and Explicit rating tags."""
    exclude = dict(filters.exclude)
    exclude["rating"] = [*exclude.get("rating", []), *sorted(ADULT_RATINGS)]
    return replace(filters, exclude=exclude)


def visible_filters(request: Request, filters: WorkFilter) -> WorkFilter:
    """``filters`` as the library must apply them: adult works left out when they are hidden."""
    return without_adult(filters) if adult_hidden(request) else filters


def visible_hits(request: Request, session: Session, hits: list[SearchHit]) -> list[SearchHit]:
    """Search hits without the adult works when they are hidden."""
    if not adult_hidden(request):
        return hits
    return [hit for hit in hits if not is_adult(get_work(session, hit.work_id))]
