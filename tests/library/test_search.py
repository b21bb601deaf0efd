"""Full-text search: story text, notes and titles, highlighted snippets, and hostile queries."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ficlens.api import analyze
from ficlens.demo.build import WORKS_DIR
from ficlens.ingest import read_bytes
from ficlens.library import Library, SearchHit, add_or_update, open_library, search
from ficlens.library.fts import match_expression, pg_query_parts
from ficlens.structure import build_work

WORKS = WORKS_DIR
TITLES = {"The Gravel Path", "Lantern Keeping", "Rain on the Bridge"}
GRAVEL = b"""The Gravel Path
by mossfoot

Sorrel raked the gravel path into spirals every morning.

Every night something undid them, and every morning Sorrel was waiting with the rake.
"""
LANTERN = b"""Lantern Keeping
by mossfoot

A/N: thanks to my beta, quillwhistle, for the commas.

The lantern keeper counted the gravel on the path to the harbour, one stone a night.
"""


@pytest.fixture(scope="module")
def library(module_db_url: str) -> Iterator[Library]:
    with open_library(module_db_url) as opened:
        files = [
            ("gravel.txt", GRAVEL),
            ("lantern.txt", LANTERN),
            ("rain.ao3.html", (WORKS / "rain-on-the-bridge.ao3.html").read_bytes()),
        ]
        for name, data in files:
            analysis = analyze(build_work(read_bytes(data, path=name)), nlp=False)
            with opened.sessions.begin() as session:
                add_or_update(session, analysis)
        yield opened


def find(library: Library, query: str, limit: int = 20) -> list[SearchHit]:
    with library.sessions() as session:
        return search(session, query, limit=limit)


def test_story_text_is_found_with_a_highlighted_snippet(library: Library) -> None:
    hits = find(library, "umbrella")
    assert [hit.title for hit in hits] == ["Rain on the Bridge"]
    hit = hits[0]
    assert hit.authors == ("inkstainedkunai",)
    assert hit.highlights
    for start, end in hit.highlights:
        assert hit.snippet[start:end].lower().startswith("umbrella")
    assert "[umbrella]" in hit.marked().lower()
    assert "\n" not in hit.snippet
    assert len(hit.snippet) < 300


def test_every_word_must_match_and_stems_match(library: Library) -> None:
    assert {h.title for h in find(library, "gravel")} == {"The Gravel Path", "Lantern Keeping"}
    assert [h.title for h in find(library, "gravel spirals")] == ["The Gravel Path"]
    # Porter stemming: "waited" finds "waiting".
    gravel = next(h for h in find(library, "waited") if h.title == "The Gravel Path")
    assert [gravel.snippet[a:b] for a, b in gravel.highlights] == ["waiting"]


def test_phrases_and_prefixes(library: Library) -> None:
    assert [h.title for h in find(library, '"gravel path"')] == ["The Gravel Path"]
    assert find(library, '"path gravel"') == []
    assert [h.title for h in find(library, "harbo*")] == ["Lantern Keeping"]


def test_notes_and_titles_are_searched_and_a_title_match_ranks_first(library: Library) -> None:
    assert [h.title for h in find(library, "quillwhistle")] == ["Lantern Keeping"]
    hits = find(library, "gravel")
    assert hits[0].title == "The Gravel Path"  # in its title, not only its text
    assert hits[0].score > hits[1].score


def test_the_limit_is_kept(library: Library) -> None:
    assert len(find(library, "gravel", limit=1)) == 1
    assert find(library, "gravel", limit=0) == []


@pytest.mark.parametrize(
    "query",
    ['"', "AND(", "*", "", "   ", "NOT", "OR OR", "title:gravel", "NEAR(a b)", 'a"b', "^", "-",
     "(", ")", "'", "gravel AND", "\u00e9t\u00e9", "{col}: x", "a * b", '""', "\0"],
)  # fmt: skip
def test_hostile_queries_do_not_raise(library: Library, query: str) -> None:
    hits = find(library, query)
    assert isinstance(hits, list)
    assert {hit.title for hit in hits} <= TITLES
    # the query broke nothing: the library still answers a plain one
    assert [hit.title for hit in find(library, "spirals")] == ["The Gravel Path"]


def test_operators_are_searched_as_words(library: Library) -> None:
    # Not a column filter (there is no column "gravel"): the words of a phrase.
    assert [h.title for h in find(library, "gravel:path")] == ["The Gravel Path"]
    assert find(library, "*") == []
    assert find(library, "") == []
    assert [h.title for h in find(library, 'spirals"')] == ["The Gravel Path"]


@pytest.mark.parametrize(
    ("query", "expression"),
    [
        ("rain", '"rain"'),
        ('"the bridge" rain', '"the bridge" "rain"'),
        ("kaka*", '"kaka"*'),
        ('say "hi', '"say" "hi"'),
        ('a"b', '"a""b"'),
        ("AND(", '"AND("'),
        ("* ( ) -", None),
        ("", None),
    ],
)
def test_match_expressions_quote_everything(query: str, expression: str | None) -> None:
    assert match_expression(query) == expression


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=40))
def test_no_text_breaks_a_search(library: Library, query: str) -> None:
    hits = find(library, query)
    assert isinstance(hits, list)
    assert {hit.title for hit in hits} <= TITLES
    assert [hit.title for hit in find(library, "spirals")] == ["The Gravel Path"]


@pytest.mark.parametrize(
    ("query", "parts"),
    [
        ("rain", ('"rain"', [])),
        ('"the bridge" rain', ('"the bridge" "rain"', [])),
        ("kaka*", (None, ["'kaka':*"])),
        ("it's* -x OR", ('"-x" "OR"', ["'it':* & 's':*"])),
        ('a"b', ('"a b"', [])),
        ("* ( ) -", (None, [])),
        ("\0", (None, [])),
    ],
)
def test_postgresql_queries_quote_everything(
    query: str, parts: tuple[str | None, list[str]]
) -> None:
    assert pg_query_parts(query) == parts


def test_snippets_are_short_and_marked_on_every_backend(library: Library) -> None:
    hits = find(library, "gravel") + find(library, "harbo*")
    assert [hit.title for hit in hits] == ["The Gravel Path", "Lantern Keeping", "Lantern Keeping"]
    marked = [{hit.snippet[a:b].lower() for a, b in hit.highlights} for hit in hits]
    assert marked == [{"gravel"}, {"gravel"}, {"harbour"}]
    for hit in hits:
        assert hit.highlights, hit
        assert len(hit.snippet) < 300
        assert "\ue000" not in hit.snippet
        assert "\ue001" not in hit.snippet


def test_a_word_deep_in_a_long_story_gets_its_snippet(db_url: str) -> None:
    # PostgreSQL cuts snippets from a window around the first occurrence, not the whole text
    filler = "The tide came in and the tide went out over the grey stones.\n\n" * 600
    story = (
        b"Tidewatch\nby mossfoot\n\n"
        + filler.encode()
        + b"At last the keeper was waiting by the lighthouse door with a kettle.\n"
    )
    with open_library(db_url) as opened:
        with opened.sessions.begin() as session:
            analysis = analyze(build_work(read_bytes(story, path="tide.txt")), nlp=False)
            add_or_update(session, analysis)
        for query, word in (("lighthouse", "lighthouse"), ("waited kettle", "waiting")):
            [hit] = find(opened, query)
            marked = [hit.snippet[a:b].lower() for a, b in hit.highlights]
            assert word in marked, (query, hit.snippet)
            assert len(hit.snippet) < 300
