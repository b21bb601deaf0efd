"""The works index with its AO3-style filters, search, and the JSON API (TestClient)."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

from fastapi.testclient import TestClient

DEMO_TITLES = (
    "After the Fall of the Tower",
    "Rain on the Bridge",
    "Tea at Baker Street",
    "The Last One in the Gym",
    "The Marauder's Map Is Wrong",
)


def shown_titles(html: str) -> set[str]:
    return {unescape(t) for t in re.findall(r'<h3><a href="/works/\d+">([^<]*)</a>', html)}


def sidebar_count(html: str, name: str) -> int | None:
    found = re.search(re.escape(name) + r' <span class="count">\((\d+)\)</span>', html)
    return int(found.group(1)) if found else None


def test_index_lists_the_demo_works_with_blurbs(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    titles = shown_titles(page.text)
    assert set(DEMO_TITLES) <= titles
    assert len(titles) == 6  # five demo works and the hostile one
    assert "6 works" in page.text
    # Blurbs carry the rating, warnings, fandoms and word counts.
    assert '<li class="rating">Mature</li>' in page.text
    assert '<li class="warning">No Archive Warnings Apply</li>' in page.text
    assert "Naruto" in page.text
    assert "Words: 1,265" in page.text


def test_sidebar_has_include_and_exclude_boxes_with_counts(client: TestClient) -> None:
    page = client.get("/").text
    assert 'name="include_freeform" value="Rain"' in page
    assert 'name="exclude_freeform" value="Rain"' in page
    assert sidebar_count(page, "No Archive Warnings Apply") == 6
    assert sidebar_count(page, "General Audiences") == 5


def test_include_filter_narrows_the_list_and_counts(client: TestClient) -> None:
    page = client.get("/", params={"include_fandom": "Naruto"}).text
    assert shown_titles(page) == {"Rain on the Bridge"}
    assert sidebar_count(page, "No Archive Warnings Apply") == 1
    assert re.search(r'value="Naruto" aria-label="Include Naruto" checked', page)


def test_exclude_filter_removes_works_and_keeps_the_box_ticked(client: TestClient) -> None:
    page = client.get("/", params={"exclude_freeform": "Rain"}).text
    assert "Rain on the Bridge" not in shown_titles(page)
    assert len(shown_titles(page)) == 5
    assert sidebar_count(page, "No Archive Warnings Apply") == 5
    assert sidebar_count(page, "Rain") == 0  # still listed so it can be unticked
    assert re.search(r'aria-label="Exclude Rain" checked', page)


def test_word_range_complete_and_sort(client: TestClient) -> None:
    page = client.get("/", params={"words_min": "1000", "words_max": "1200", "sort": "words"})
    assert shown_titles(page.text) == {"After the Fall of the Tower", "The Marauder's Map Is Wrong"}
    titles = re.findall(r'<h3><a href="/works/\d+">([^<]*)</a>', page.text)
    assert [unescape(t) for t in titles] == [
        "The Marauder's Map Is Wrong",  # 1,158 words
        "After the Fall of the Tower",  # 1,197 words
    ]
    # The library kept each demo story's AO3 copy, which declares it complete.
    assert shown_titles(client.get("/", params={"complete": "1"}).text) == set(DEMO_TITLES)


def test_filters_round_trip_through_the_url(client: TestClient) -> None:
    params = {"exclude_freeform": ["Rain"], "include_warning": ["No Archive Warnings Apply"],
              "words_min": ["500"], "sort": ["title"]}  # fmt: skip
    page = client.get("/", params=params).text
    # The form shows the filters back, so submitting it again gives the same URL.
    assert re.search(r'aria-label="Exclude Rain" checked', page)
    assert re.search(r'aria-label="Include No Archive Warnings Apply" checked', page)
    assert 'name="words_min" value="500"' in page
    assert '<option value="title" selected>' in page
    listing = client.get("/api/works", params=params).json()
    # The Last One in the Gym (468 words) is under words_min.
    expected = set(DEMO_TITLES) - {"Rain on the Bridge", "The Last One in the Gym"}
    assert {w["title"] for w in listing["works"]} == expected
    assert shown_titles(page) == expected


def test_pagination_links_keep_the_filters() -> None:
    from ficlens.library import WorkFilter
    from ficlens.web.filters import Listing, parse_listing

    listing = Listing(WorkFilter(exclude={"freeform": ["Rain"]}, words_min=10), "title", 1)
    query = listing.query(page=3)
    parsed = parse_listing(parse_qs(urlsplit("/?" + query).query))
    assert parsed == Listing(listing.filters, "title", 3)


def test_a_box_is_ticked_for_any_form_of_its_pairing() -> None:
    from ficlens.library import WorkFilter
    from ficlens.web.filters import Listing

    filters = WorkFilter(
        include={"relationship": ["Steve Rogers & Natasha Romanov"]},
        exclude={"relationship": ["Loki/Sigyn (Marvel)"]},
    )
    listing = Listing(filters, "title", 1)
    assert listing.is_included("relationship", "Natasha Romanov & Steve Rogers")
    assert not listing.is_included("relationship", "Natasha Romanov/Steve Rogers")
    assert listing.is_excluded("relationship", "Loki/Sigyn")
    assert not listing.is_excluded("character", "Loki")


def test_bad_filter_values_are_ignored(client: TestClient) -> None:
    page = client.get("/", params={"words_min": "lots", "sort": "drop table", "page": "-2"})
    assert page.status_code == 200
    assert len(shown_titles(page.text)) == 6  # five demo works and the hostile one


def test_search_marks_the_matched_words(client: TestClient) -> None:
    page = client.get("/search", params={"q": "umbrella"}).text
    assert "Rain on the Bridge" in page
    assert re.search(r"<mark>umbrella</mark>", page, re.IGNORECASE)


def test_search_escapes_story_text_in_snippets(client: TestClient) -> None:
    page = client.get("/search", params={"q": "zebra"}).text
    assert "<mark>zebra</mark>" in page
    page = client.get("/search", params={"q": "alert"}).text
    assert "<mark>alert</mark>" in page
    assert "&lt;script&gt;" in page
    assert "<script>alert" not in page


def test_search_query_is_escaped(client: TestClient) -> None:
    page = client.get("/search", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_no_page_carries_raw_script_from_a_work(client: TestClient) -> None:
    hostile = client.get("/api/search", params={"q": "zebra"}).json()["hits"][0]["work_id"]
    for url in ("/", f"/works/{hostile}", f"/works/{hostile}/read",
                f"/works/{hostile}/chapters/1", "/search?q=alert"):  # fmt: skip
        page = client.get(url).text
        assert "<script>alert" not in page, url
        # The title is shown, escaped, on every one of these pages.
        assert "../&#34;evil&#39; Title" in page, url


def test_api_lists_filters_and_searches(client: TestClient) -> None:
    everything = client.get("/api/works").json()
    assert everything["total"] == 6  # five demo works and the hostile one
    assert {w["title"] for w in everything["works"]} >= set(DEMO_TITLES)
    naruto = client.get("/api/works", params={"include_fandom": "naruto"}).json()
    assert [w["title"] for w in naruto["works"]] == ["Rain on the Bridge"]
    work = client.get(f"/api/works/{naruto['works'][0]['id']}").json()
    assert work["detected_rating"]["ao3"] == "General Audiences"
    assert {"type": "fandom", "name": "Naruto", "source": "declared"} in work["tags"]
    hits = client.get("/api/search", params={"q": "umbrella"}).json()["hits"]
    assert hits[0]["title"] == "Rain on the Bridge"
    start, end = hits[0]["highlights"][0]
    assert hits[0]["snippet"][start:end].lower().startswith("umbrella")
    assert client.get("/api/works/9999").status_code == 404


def test_a_blurb_shows_the_declared_rating_and_flags_a_different_detected_one(
    client: TestClient,
) -> None:
    page = client.get("/", params={"include_fandom": "Naruto"})
    blurb = page.text.split('<article class="blurb"', 2)[1]
    assert "Rain on the Bridge" in blurb
    assert '<li class="rating">Teen And Up Audiences</li>' in blurb  # what the author declared
    ratings = blurb.count('<li class="rating')
    detected = "FicLens: " in blurb
    assert ratings == (2 if detected else 1)  # the detected rating only when it differs
