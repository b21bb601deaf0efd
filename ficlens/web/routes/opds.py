"""The OPDS 1.2 catalogue: e-readers (KOReader, Moon+ Reader) browse and download EPUBs.

``/opds`` is the navigation feed, ``/opds/works`` a paged acquisition feed, ``/opds/search``
the search results, described by ``/opds/opensearch.xml``. Mature and Explicit works are left
out unless the request carries the web gate's preference (``?view_adult=true`` or the
``view_adult`` cookie); with the query parameter every link in the feed keeps it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlencode
from xml.etree import ElementTree as ET

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ficlens.library import LibraryWork, WorkFilter, get_work, list_works, search
from ficlens.library.export import DEFAULT_LANGUAGE, EPUB_MEDIA_TYPE
from ficlens.web.deps import SessionDep
from ficlens.web.facts import ADULT_RATINGS, is_adult
from ficlens.web.routes.works import ADULT_COOKIE
from ficlens.web.visibility import adult_hidden

router = APIRouter(prefix="/opds")

ATOM = "http://www.w3.org/2005/Atom"
DC = "http://purl.org/dc/terms/"
OPDS = "http://opds-spec.org/2010/catalog"
OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/"
CATALOG_TYPE = "application/atom+xml;profile=opds-catalog"
NAVIGATION_TYPE = f"{CATALOG_TYPE};kind=navigation"
ACQUISITION_TYPE = f"{CATALOG_TYPE};kind=acquisition"
OPENSEARCH_TYPE = "application/opensearchdescription+xml"
PER_PAGE = 20
SORTS = {"-added": "Recently added", "title": "All works"}

ET.register_namespace("", ATOM)
ET.register_namespace("dc", DC)
ET.register_namespace("opds", OPDS)
ET.register_namespace("opensearch", OPENSEARCH)


def adult_allowed(request: Request) -> bool:
    """Whether the reader asked to see Mature/Explicit works (the web gate's preference).

    Never when the app hides adult works library-wide.
    """
    if adult_hidden(request):
        return False
    return "true" in (request.query_params.get(ADULT_COOKIE), request.cookies.get(ADULT_COOKIE))


def _href(request: Request, path: str, **params: object) -> str:
    if request.query_params.get(ADULT_COOKIE) == "true":
        params[ADULT_COOKIE] = "true"
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return f"{path}?{query}" if query else path


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _feed(request: Request, feed_id: str, title: str, self_type: str) -> ET.Element:
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, f"{{{ATOM}}}id", f"urn:ficlens:opds:{feed_id}")
    _sub(feed, f"{{{ATOM}}}title", title)
    _sub(feed, f"{{{ATOM}}}updated", datetime.now(UTC).isoformat(timespec="seconds"))
    author = _sub(feed, f"{{{ATOM}}}author")
    _sub(author, f"{{{ATOM}}}name", "FicLens")
    link = f"{{{ATOM}}}link"
    self_href = _href(request, request.url.path, **dict(request.query_params))
    _sub(feed, link, rel="self", href=self_href, type=self_type)
    _sub(feed, link, rel="start", href=_href(request, "/opds"), type=NAVIGATION_TYPE)
    search_href = _href(request, "/opds/opensearch.xml")
    _sub(feed, link, rel="search", href=search_href, type=OPENSEARCH_TYPE)
    return feed


def _response(feed: ET.Element, kind: str) -> Response:
    body = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return Response(body, media_type=f"{CATALOG_TYPE};kind={kind}")


def _entry(request: Request, feed: ET.Element, work: LibraryWork) -> None:
    entry = _sub(feed, f"{{{ATOM}}}entry")
    _sub(entry, f"{{{ATOM}}}id", f"urn:ficlens:{work.sha256}")
    _sub(entry, f"{{{ATOM}}}title", work.title)
    _sub(entry, f"{{{ATOM}}}updated", work.updated.isoformat(timespec="seconds"))
    for name in work.authors:
        _sub(_sub(entry, f"{{{ATOM}}}author"), f"{{{ATOM}}}name", name)
    _sub(entry, f"{{{DC}}}language", work.language or DEFAULT_LANGUAGE)
    for kind in ("fandom", "rating"):
        for name in work.tag_names(kind):
            _sub(entry, f"{{{ATOM}}}category", term=name, label=name, scheme=f"ficlens:{kind}")
    if work.summary:
        _sub(entry, f"{{{ATOM}}}summary", work.summary, type="text")
    link = f"{{{ATOM}}}link"
    epub = _href(request, f"/works/{work.id}/download.epub")
    _sub(entry, link, rel="http://opds-spec.org/acquisition", href=epub, type=EPUB_MEDIA_TYPE)
    _sub(entry, link, rel="alternate", href=f"/works/{work.id}", type="text/html")


@router.get("")
def navigation(request: Request) -> Response:
    """The root: links to all works and the recently added ones."""
    feed = _feed(request, "root", "FicLens library", NAVIGATION_TYPE)
    for sort, title in SORTS.items():
        entry = _sub(feed, f"{{{ATOM}}}entry")
        _sub(entry, f"{{{ATOM}}}id", f"urn:ficlens:opds:works:{sort}")
        _sub(entry, f"{{{ATOM}}}title", title)
        _sub(entry, f"{{{ATOM}}}updated", datetime.now(UTC).isoformat(timespec="seconds"))
        rel = "http://opds-spec.org/sort/new" if sort == "-added" else "subsection"
        href = _href(request, "/opds/works", sort=sort)
        _sub(entry, f"{{{ATOM}}}link", rel=rel, href=href, type=ACQUISITION_TYPE)
    return _response(feed, "navigation")


@router.get("/works")
def works_feed(
    request: Request, session: SessionDep, page: int = 1, sort: str = "title"
) -> Response:
    """A page of works (20), each with its EPUB acquisition link; ``next``/``previous``."""
    sort = sort if sort in SORTS else "title"
    page = max(1, page)
    filters = WorkFilter() if adult_allowed(request) else _no_adult()
    listing = list_works(session, filters, sort=sort, page=page, per_page=PER_PAGE)
    feed = _feed(request, f"works:{sort}:{page}", SORTS[sort], ACQUISITION_TYPE)
    _sub(feed, f"{{{OPENSEARCH}}}totalResults", str(listing.total))
    _sub(feed, f"{{{OPENSEARCH}}}itemsPerPage", str(PER_PAGE))
    link = f"{{{ATOM}}}link"
    if page > 1:
        href = _href(request, "/opds/works", sort=sort, page=page - 1)
        _sub(feed, link, rel="previous", href=href, type=ACQUISITION_TYPE)
    if page < listing.pages:
        href = _href(request, "/opds/works", sort=sort, page=page + 1)
        _sub(feed, link, rel="next", href=href, type=ACQUISITION_TYPE)
    for work in listing.works:
        _entry(request, feed, work)
    return _response(feed, "acquisition")


def _no_adult() -> WorkFilter:
    return WorkFilter(exclude={"rating": sorted(ADULT_RATINGS)})


@router.get("/search")
def search_feed(request: Request, session: SessionDep, q: str = "") -> Response:
    """Works matching a text search (the library's syntax), best first."""
    feed = _feed(request, f"search:{q}", f"Search: {q}", ACQUISITION_TYPE)
    allowed = adult_allowed(request)
    for hit in search(session, q) if q.strip() else []:
        work = get_work(session, hit.work_id)
        if allowed or not is_adult(work):
            _entry(request, feed, work)
    return _response(feed, "acquisition")


@router.get("/opensearch.xml")
def opensearch(request: Request) -> Response:
    """The OpenSearch description that tells e-readers how to search the catalogue."""
    root = ET.Element(f"{{{OPENSEARCH}}}OpenSearchDescription")
    _sub(root, f"{{{OPENSEARCH}}}ShortName", "FicLens")
    _sub(root, f"{{{OPENSEARCH}}}Description", "Search the FicLens library")
    _sub(root, f"{{{OPENSEARCH}}}InputEncoding", "UTF-8")
    template = _href(request, "/opds/search", q="SEARCHTERMS").replace(
        "SEARCHTERMS", "{searchTerms}"
    )
    _sub(root, f"{{{OPENSEARCH}}}Url", type=ACQUISITION_TYPE, template=template)
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return Response(body, media_type=OPENSEARCH_TYPE)
