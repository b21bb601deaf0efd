"""The works index's crossover and language filters, the updated and author sorts, and the
library-wide ``hide_adult`` setting (TestClient)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from ficlens.library import WorkFilter, import_paths, open_library
from ficlens.library.tables import WorkRow
from ficlens.web import create_app
from ficlens.web.filters import Listing, parse_listing

DEMO = Path(__file__).parents[2] / "ficlens" / "demo" / "works"
ADULT = "After the Fall of the Tower"  # declared Mature
TARDIS = "Tea in the TARDIS"
ATOM = "{http://www.w3.org/2005/Atom}"
LANGUAGES = {ADULT: "en", "Rain on the Bridge": "fr", "Tea at Baker Street": "EN", TARDIS: "de"}
UPDATED = {
    ADULT: datetime(2026, 3, 1, tzinfo=UTC),
    "Rain on the Bridge": datetime(2026, 1, 1, tzinfo=UTC),
    "Tea at Baker Street": datetime(2026, 6, 1, tzinfo=UTC),
    "The Last One in the Gym": datetime(2026, 11, 30, tzinfo=UTC),  # as its author declares
    "The Marauder's Map Is Wrong": datetime(2026, 2, 1, tzinfo=UTC),
    TARDIS: datetime(2026, 4, 1, tzinfo=UTC),
    "../\"evil' Title": datetime(2026, 5, 1, tzinfo=UTC),
}


def ordered_titles(html: str) -> list[str]:
    return [unescape(t) for t in re.findall(r'<h3><a href="/works/\d+">([^<]*)</a>', html)]


def language_count(html: str, code: str) -> int | None:
    found = re.search(
        rf'aria-label="Language {code}"[^>]*> {code} <span class="count">\((\d+)\)', html
    )
    return int(found.group(1)) if found else None


@pytest.fixture(scope="module")
def index_db(make_web_db: Callable[[], str], tmp_path_factory: pytest.TempPathFactory) -> str:
    """The web test library plus a Sherlock/Doctor Who crossover, with languages and
    update times set."""
    db = make_web_db()
    html = (DEMO / "tea-at-baker-street.ao3.html").read_text(encoding="utf-8")
    sherlock = re.search(r"<dt>Fandom:</dt><dd>(.*?)</dd>", html)
    assert sherlock
    who = '<a href="https://archiveofourown.org/tags/Doctor%20Who/works">Doctor Who</a>'
    html = html.replace(sherlock.group(0), f"<dt>Fandom:</dt><dd>{sherlock.group(1)}, {who}</dd>")
    html = html.replace("Tea at Baker Street", TARDIS).replace("kettleblack221", "Zeta_writes")
    crossover = tmp_path_factory.mktemp("crossover") / "tardis.ao3.html"
    crossover.write_text(html.replace("91112614", "91112699"), encoding="utf-8")
    with open_library(db) as library:
        assert not import_paths(library, [crossover], nlp=False).failures
        with library.sessions.begin() as session:
            for title, stamp in UPDATED.items():
                changes = {"updated_at": stamp, "language": LANGUAGES.get(title)}
                session.execute(update(WorkRow).where(WorkRow.title == title).values(**changes))
    return db


@pytest.fixture(scope="module")
def index_client(index_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(index_db)) as client:
        yield client


@pytest.fixture(scope="module")
def hidden(index_db: str) -> Iterator[TestClient]:
    """A client of an app hiding adult works, carrying the adult consent cookie anyway."""
    with TestClient(create_app(index_db, hide_adult=True), cookies={"view_adult": "true"}) as c:
        yield c


def test_crossover_filter_keeps_or_drops_works_with_two_fandoms(index_client: TestClient) -> None:
    only = index_client.get("/", params={"crossover": "only"}).text
    assert ordered_titles(only) == [TARDIS]
    assert '<option value="only" selected>Only crossovers</option>' in only
    excluded = index_client.get("/", params={"crossover": "exclude", "sort": "title"}).text
    assert TARDIS not in ordered_titles(excluded)
    # A declared "Sherlock" beside the detected "Sherlock (TV)" is one fandom, not a crossover.
    assert {"Tea at Baker Street", "The Marauder's Map Is Wrong", ADULT} <= set(
        ordered_titles(excluded)
    )
    assert len(ordered_titles(excluded)) == 6  # five demo works and the hostile one
    anything = index_client.get("/", params={"crossover": "sideways"}).text
    assert len(ordered_titles(anything)) == 7  # and the crossover
    assert '<option value="" selected>Include crossovers</option>' in anything
    api = index_client.get("/api/works", params={"crossover": "only"}).json()
    assert [w["title"] for w in api["works"]] == [TARDIS]


def test_language_boxes_count_and_filter(index_client: TestClient) -> None:
    page = index_client.get("/").text
    counts = {code: language_count(page, code) for code in ("en", "fr", "de", "unknown")}
    assert counts == {"en": 2, "fr": 1, "de": 1, "unknown": 3}
    chosen = index_client.get("/", params={"language": ["fr", "unknown"], "sort": "title"}).text
    assert ordered_titles(chosen) == [
        "../\"evil' Title", "Rain on the Bridge", "The Last One in the Gym",
        "The Marauder's Map Is Wrong",
    ]  # fmt: skip
    assert re.search(r'aria-label="Language fr" checked', chosen)
    assert not re.search(r'aria-label="Language en" checked', chosen)
    assert language_count(chosen, "en") == 2  # the counts ignore the language choice
    # A language no work is in keeps its (ticked) box with count 0.
    none = index_client.get("/", params={"language": "ja"}).text
    assert ordered_titles(none) == [] and language_count(none, "ja") == 0
    # The counts follow the other filters.
    crossovers = index_client.get("/", params={"crossover": "only"}).text
    assert language_count(crossovers, "de") == 1 and language_count(crossovers, "en") is None


@pytest.mark.parametrize("sort", ["updated", "-updated"])
def test_sort_by_date_updated(index_client: TestClient, sort: str) -> None:
    page = index_client.get("/", params={"sort": sort}).text
    expected = sorted(UPDATED, key=UPDATED.__getitem__, reverse=sort.startswith("-"))
    assert ordered_titles(page) == expected
    assert f'<option value="{sort}" selected>Date updated' in page


@pytest.mark.parametrize("sort", ["author", "-author"])
def test_sort_by_first_author_case_blind(index_client: TestClient, sort: str) -> None:
    works = index_client.get("/api/works", params={"sort": sort}).json()["works"]
    firsts = [w["authors"][0] for w in works]
    assert firsts == sorted(firsts, key=str.casefold, reverse=sort.startswith("-"))
    # Case-blind: Zeta_writes comes last A-Z, where a plain sort would put it first.
    assert (firsts[-1] if sort == "author" else firsts[0]) == "Zeta_writes"
    page = index_client.get("/", params={"sort": sort}).text
    assert f'<option value="{sort}" selected>Author' in page


def test_new_filters_round_trip_through_the_url() -> None:
    listing = Listing(WorkFilter(crossover="exclude", languages=["fr", "unknown"]), "-author", 1)
    query = listing.query(page=2)
    assert "crossover=exclude" in query and "language=fr&language=unknown" in query
    assert parse_listing(parse_qs(urlsplit("/?" + query).query)) == Listing(
        listing.filters, "-author", 2
    )


def _ids(client: TestClient) -> dict[str, int]:
    works = client.get("/api/works").json()["works"]
    return {w["title"]: w["id"] for w in works}


def test_hidden_adult_works_leave_the_index_and_api(
    index_client: TestClient, hidden: TestClient
) -> None:
    assert ADULT in ordered_titles(index_client.get("/").text)
    page = hidden.get("/", params={"view_adult": "true"}).text
    assert ADULT not in ordered_titles(page) and len(ordered_titles(page)) == 6
    assert "6 works" in page
    assert 'value="Mature"' not in page  # nothing in the sidebar counts it
    listing = hidden.get("/api/works").json()
    assert listing["total"] == 6 and ADULT not in {w["title"] for w in listing["works"]}
    # Even asking for the rating finds nothing.
    assert hidden.get("/api/works", params={"include_rating": "Mature"}).json()["total"] == 0


def test_hidden_adult_works_404_whatever_the_cookie(
    index_client: TestClient, hidden: TestClient
) -> None:
    work_id = _ids(index_client)[ADULT]
    paths = ["", "/read", "/chapters/1", "/download.epub", "/download.html", "/download.txt",
             "/analysis.json"]  # fmt: skip
    for path in paths:
        url = f"/works/{work_id}{path}"
        assert index_client.get(url, params={"view_adult": "true"}).status_code == 200, url
        response = hidden.get(url, params={"view_adult": "true"})
        assert response.status_code == 404, url
    assert hidden.get(f"/api/works/{work_id}").status_code == 404
    assert hidden.get(f"/api/works/{work_id}").json() == {"detail": "no such work"}
    # Other works still open.
    assert hidden.get(f"/works/{_ids(index_client)['Rain on the Bridge']}").status_code == 200


def test_hidden_adult_works_leave_search_and_opds(
    index_client: TestClient, hidden: TestClient
) -> None:
    def titles(root: ET.Element) -> set[str]:
        return {e.findtext(f"{ATOM}title") or "" for e in root.findall(f"{ATOM}entry")}

    assert [h["title"] for h in index_client.get("/api/search?q=Steve").json()["hits"]] == [ADULT]
    assert hidden.get("/api/search?q=Steve").json()["hits"] == []
    assert ADULT in index_client.get("/search?q=Steve").text
    assert ADULT not in hidden.get("/search?q=Steve").text
    both = hidden.get("/api/search?q=tea").json()["hits"]
    assert both and ADULT not in {h["title"] for h in both}
    shown = ET.fromstring(index_client.get("/opds/works?view_adult=true").content)
    assert ADULT in titles(shown)
    feed = ET.fromstring(hidden.get("/opds/works?view_adult=true").content)
    assert ADULT not in titles(feed) and len(titles(feed)) == 6
    assert feed.findtext("{http://a9.com/-/spec/opensearch/1.1/}totalResults") == "6"
    found = ET.fromstring(hidden.get("/opds/search?q=Steve&view_adult=true").content)
    assert titles(found) == set()
