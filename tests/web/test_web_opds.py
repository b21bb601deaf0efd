"""The OPDS catalogue, parsed with ElementTree: feeds, entries, links, types, pages, adult works."""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from ficlens.web import create_app
from ficlens.web.routes import opds

NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "dc": "http://purl.org/dc/terms/",
    "os": "http://a9.com/-/spec/opensearch/1.1/",
}
ACQUISITION = "http://opds-spec.org/acquisition"


@pytest.fixture
def client(web_db: str) -> Iterator[TestClient]:
    """A client of its own: no ``view_adult`` cookie from other tests."""
    with TestClient(create_app(web_db)) as fresh:
        yield fresh


def feed(client: TestClient, url: str, **params: str) -> ET.Element:
    response = client.get(url, params=params)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml;profile=opds-catalog")
    return ET.fromstring(response.content)


def entries(root: ET.Element) -> dict[str, ET.Element]:
    return {
        e.findtext("atom:title", namespaces=NS) or "": e for e in root.findall("atom:entry", NS)
    }


def links(element: ET.Element) -> dict[str, ET.Element]:
    return {link.get("rel") or "": link for link in element.findall("atom:link", NS)}


def test_navigation_feed_links_all_and_recent(client: TestClient) -> None:
    root = feed(client, "/opds")
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    found = entries(root)
    assert set(found) == {"All works", "Recently added"}
    recent = links(found["Recently added"])["http://opds-spec.org/sort/new"]
    assert recent.get("href") == "/opds/works?sort=-added"
    assert recent.get("type") == "application/atom+xml;profile=opds-catalog;kind=acquisition"
    assert links(root)["search"].get("href") == "/opds/opensearch.xml"
    # The link the navigation feed offers gives an acquisition feed, newest first.
    newest = feed(client, "/opds/works", sort="-added")
    assert newest.findtext("atom:title", namespaces=NS) == "Recently added"


def test_acquisition_feed_has_an_entry_per_work_without_adult_ones(client: TestClient) -> None:
    root = feed(client, "/opds/works")
    found = entries(root)
    assert set(found) == {
        "../\"evil' Title", "Rain on the Bridge", "Tea at Baker Street",
        "The Last One in the Gym", "The Marauder's Map Is Wrong",
    }  # fmt: skip
    assert root.findtext("os:totalResults", namespaces=NS) == "5"
    rain = found["Rain on the Bridge"]
    assert rain.findtext("atom:author/atom:name", namespaces=NS) == "inkstainedkunai"
    assert "umbrella" in (rain.findtext("atom:summary", namespaces=NS) or "")
    assert rain.findtext("dc:language", namespaces=NS) == "en"  # unknown means English
    terms = {(c.get("scheme"), c.get("term")) for c in rain.findall("atom:category", NS)}
    assert ("ficlens:fandom", "Naruto") in terms
    assert ("ficlens:rating", "Teen And Up Audiences") in terms
    acquire = links(rain)[ACQUISITION]
    assert acquire.get("type") == "application/epub+zip"
    book = client.get(acquire.get("href") or "")
    assert book.headers["content-type"] == "application/epub+zip"
    assert "next" not in links(root) and "previous" not in links(root)


def test_adult_works_need_the_preference(client: TestClient) -> None:
    titles = set(entries(feed(client, "/opds/works", view_adult="true")))
    assert "After the Fall of the Tower" in titles and len(titles) == 6
    adult = entries(feed(client, "/opds/works", view_adult="true"))["After the Fall of the Tower"]
    href = links(adult)[ACQUISITION].get("href") or ""
    assert href.endswith("/download.epub?view_adult=true")
    assert client.get(href).headers["content-type"] == "application/epub+zip"
    # Downloading through the gate's parameter set the cookie, which now lets adult works in.
    assert "view_adult" in client.cookies
    assert "After the Fall of the Tower" in entries(feed(client, "/opds/works"))
    cookie_client = TestClient(client.app, cookies={"view_adult": "true"})
    assert "After the Fall of the Tower" in entries(feed(cookie_client, "/opds/works"))


def test_pages_link_next_and_previous(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(opds, "PER_PAGE", 3)
    first = feed(client, "/opds/works")
    assert len(entries(first)) == 3
    next_link = links(first)["next"]
    assert next_link.get("href") == "/opds/works?sort=title&page=2"
    assert "acquisition" in (next_link.get("type") or "")
    second = feed(client, "/opds/works", sort="title", page="2")
    assert len(entries(second)) == 2  # five works shown (no adult one), three a page
    assert links(second)["previous"].get("href") == "/opds/works?sort=title&page=1"
    assert "next" not in links(second)
    assert not set(entries(first)) & set(entries(second))


def test_search_feed_and_opensearch_description(client: TestClient) -> None:
    assert "After the Fall of the Tower" not in entries(feed(client, "/opds/search", q="tower"))
    found = entries(feed(client, "/opds/search", q="tower", view_adult="true"))
    assert "After the Fall of the Tower" in found
    found = entries(feed(client, "/opds/search", q="umbrella"))
    assert list(found) == ["Rain on the Bridge"]
    assert entries(feed(client, "/opds/search", q="")) == {}
    response = client.get("/opds/opensearch.xml")
    assert response.headers["content-type"].startswith("application/opensearchdescription+xml")
    url = ET.fromstring(response.content).find("os:Url", NS)
    assert url is not None
    assert url.get("template") == "/opds/search?q={searchTerms}"
    assert url.get("type") == "application/atom+xml;profile=opds-catalog;kind=acquisition"


def test_the_catalogue_downloads_and_upload_are_documented() -> None:
    from pathlib import Path

    web_doc = (Path(__file__).parents[2] / "docs" / "web.md").read_text(encoding="utf-8")
    for needle in (
        "`/opds`", "`/opds/opensearch.xml`", "KOReader", "Moon+ Reader", "`/opds?view_adult=true`",
        "`/works/{id}/download.epub`", "`/works/{id}/download.html`", "`/upload`",
        "50 MiB", "CSRF", "`Authorization:", "--admin-token",
    ):  # fmt: skip
        assert needle in web_doc, needle
