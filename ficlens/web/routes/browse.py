"""The works index (AO3-style filters) and full-text search."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ficlens.library import (
    TAG_TYPES,
    LanguageCount,
    TagCount,
    TagType,
    language_counts,
    list_works,
    search,
    tag_counts,
    tag_key,
)
from ficlens.web.deps import SessionDep
from ficlens.web.filters import CROSSOVER_CHOICES, PER_PAGE, SORT_CHOICES, Listing, parse_listing
from ficlens.web.pages import templates
from ficlens.web.visibility import visible_filters, visible_hits

router = APIRouter()

TYPE_LABELS: dict[TagType, str] = {
    "rating": "Ratings",
    "warning": "Warnings",
    "category": "Categories",
    "fandom": "Fandoms",
    "relationship": "Relationships",
    "character": "Characters",
    "freeform": "Additional tags",
}
SIDEBAR_LIMIT = 25


def listing_of(request: Request) -> Listing:
    """The listing a request's query string asks for."""
    params = request.query_params
    return parse_listing({key: params.getlist(key) for key in params})


def sidebar(counts: tuple[TagCount, ...], listing: Listing) -> dict[TagType, list[TagCount]]:
    """Tag counts by type, plus any tag the listing names that no listed work carries.

    An excluded tag is on none of the listed works, so it would vanish from the counts; it
    stays in the sidebar (count 0) so its box can be unticked.
    """
    groups: dict[TagType, list[TagCount]] = {kind: [] for kind in TAG_TYPES}
    for count in counts:
        groups[count.type].append(count)
    for tags in (listing.filters.include, listing.filters.exclude):
        for kind, names in tags.items():
            shown = {tag_key(kind, c.name) for c in groups[kind]}
            groups[kind] += [TagCount(kind, n, 0) for n in names if tag_key(kind, n) not in shown]
    return groups


def language_boxes(counts: tuple[LanguageCount, ...], listing: Listing) -> list[LanguageCount]:
    """Language counts, plus any language the listing names that no work is in (count 0)."""
    shown = {c.language.casefold() for c in counts}
    extra = [LanguageCount(code, 0) for code in listing.filters.languages]
    return [*counts, *(c for c in extra if c.language.casefold() not in shown)]


@router.get("/", response_class=HTMLResponse)
def index(request: Request, session: SessionDep) -> Response:
    """The works index: filters on the left, a page of blurbs on the right."""
    listing = listing_of(request)
    filters = visible_filters(request, listing.filters)
    page = list_works(session, filters, sort=listing.sort, page=listing.page, per_page=PER_PAGE)
    counts = tag_counts(session, filters, limit=SIDEBAR_LIMIT)
    context = {
        "title": "Works",
        "listing": listing,
        "page": page,
        "groups": sidebar(counts, listing),
        "labels": TYPE_LABELS,
        "sorts": SORT_CHOICES,
        "crossovers": CROSSOVER_CHOICES,
        "languages": language_boxes(language_counts(session, filters), listing),
    }
    return templates.TemplateResponse(request, "index.html", context)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, session: SessionDep, q: str = "") -> Response:
    """Full-text search with each hit's best passage, matched words marked."""
    hits = visible_hits(request, session, search(session, q) if q.strip() else [])
    context = {"title": f"Search: {q}" if q else "Search", "q": q, "hits": hits}
    return templates.TemplateResponse(request, "search.html", context)
