"""Listing AO3-style: include/exclude tags of several types, word range, status, sort, pages."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, cast

import pytest

from ficlens.library import (
    Library,
    LibraryError,
    TagCount,
    WorkFilter,
    list_works,
    open_library,
    tag_counts,
)
from ficlens.library.records import LibraryWork

StoreFiles = Callable[[Library, Iterable[tuple[str, bytes]]], None]
UNTITLED = b"Sorrel raked the gravel path.\n\nSomething undid it every night, and he raked again.\n"


@pytest.fixture(scope="module")
def library(
    module_db_url: str, demo_ao3_pages: list[tuple[str, bytes]], store_files: StoreFiles
) -> Iterator[Library]:
    """The four demo stories as AO3 saved them, plus an untitled plain-text story."""
    with open_library(module_db_url) as opened:
        store_files(opened, [*demo_ao3_pages, ("gravel.txt", UNTITLED)])
        yield opened


def titles(library: Library, filters: WorkFilter, sort: str = "title") -> list[str]:
    with library.sessions() as session:
        page = list_works(session, filters, sort=sort, per_page=100)
    assert page.total == len(page.works)
    return [work.title for work in page.works]


def every_work(library: Library) -> list[LibraryWork]:
    with library.sessions() as session:
        return list(list_works(session, per_page=100).works)


def test_include_means_every_tag_across_types(library: Library) -> None:
    gen = WorkFilter(include={"category": ["Gen"]})
    assert titles(library, gen) == [
        "After the Fall of the Tower", "Rain on the Bridge", "The Marauder's Map Is Wrong"
    ]  # fmt: skip
    gen_naruto = WorkFilter(include={"category": ["Gen"], "fandom": ["Naruto"]})
    assert titles(library, gen_naruto) == ["Rain on the Bridge"]
    two_characters = WorkFilter(include={"character": ["Steve Rogers", "Sam Wilson"]})
    assert titles(library, two_characters) == ["After the Fall of the Tower"]
    clash = WorkFilter(include={"fandom": ["Naruto", "Sherlock (TV)"]})
    assert titles(library, clash) == []


def test_tag_names_match_whatever_their_case(library: Library) -> None:
    shouting = WorkFilter(include={"fandom": ["NARUTO"], "freeform": ["team  seven"]})
    assert titles(library, shouting) == ["Rain on the Bridge"]


def test_exclude_means_none_of_the_tags(library: Library) -> None:
    no_mm = WorkFilter(exclude={"category": ["M/M"]})
    assert "Tea at Baker Street" not in titles(library, no_mm)
    assert len(titles(library, no_mm)) == 4
    neither = WorkFilter(
        exclude={"fandom": ["Naruto"], "relationship": ["Sherlock Holmes/John Watson"]}
    )
    assert titles(library, neither) == [
        "After the Fall of the Tower",
        "gravel",
        "The Marauder's Map Is Wrong",
    ]
    both = WorkFilter(
        include={"category": ["Gen"]}, exclude={"fandom": ["Marvel Cinematic Universe"]}
    )
    assert titles(library, both) == ["Rain on the Bridge", "The Marauder's Map Is Wrong"]
    unknown_tag = WorkFilter(exclude={"fandom": ["No Such Fandom"]})
    assert len(titles(library, unknown_tag)) == 5


def test_tag_counts_follow_the_filters(library: Library) -> None:
    with library.sessions() as session:
        everything = tag_counts(session)
        gen = tag_counts(session, WorkFilter(include={"category": ["Gen"]}))
        top = tag_counts(session, types=["fandom", "category"], limit=1)
    assert TagCount("category", "Gen", 3) in everything
    assert TagCount("category", "M/M", 1) in everything
    assert TagCount("category", "M/M", 1) not in gen
    assert not any(c.name == "Sherlock (TV)" for c in gen)
    assert TagCount("fandom", "Naruto", 1) in gen
    assert [c.type for c in top] == ["category", "fandom"]
    assert top[0] == TagCount("category", "Gen", 3)
    order = ["rating", "warning", "category", "fandom", "character", "relationship", "freeform"]
    assert [c.type for c in everything] == sorted((c.type for c in everything), key=order.index)


def test_tag_counts_agree_with_the_works_they_count(library: Library) -> None:
    filters = WorkFilter(exclude={"fandom": ["Naruto"]})
    with library.sessions() as session:
        counts = tag_counts(session, filters)
        works = list_works(session, filters, per_page=100).works
    assert len(works) == 4  # all but Rain on the Bridge
    assert counts
    # Gen: After the Fall of the Tower and The Marauder's Map Is Wrong (Rain is left out)
    assert TagCount("category", "Gen", 2) in counts
    assert TagCount("category", "M/M", 1) in counts
    for count in counts:
        carrying = [w for w in works if count.name.casefold() in
                    {t.name.casefold() for t in w.tags if t.type == count.type}]  # fmt: skip
        assert count.count == len(carrying), count


def test_word_range_is_inclusive_and_status_filters(library: Library) -> None:
    words = sorted(work.words for work in every_work(library))
    low, high = words[1], words[3]
    with library.sessions() as session:
        page = list_works(session, WorkFilter(words_min=low, words_max=high), sort="words")
        assert [w.words for w in page.works] == words[1:4]
        assert list_works(session, WorkFilter(words_min=words[-1] + 1)).total == 0
        assert list_works(session, WorkFilter(complete=True)).total == 4
        unfinished = list_works(session, WorkFilter(complete=False)).works
    assert [w.title for w in unfinished] == ["gravel"]


@pytest.mark.parametrize("sort", ["words", "-words", "title", "-title", "added", "-chapters"])
def test_sorts(library: Library, sort: str) -> None:
    with library.sessions() as session:
        works = list_works(session, sort=sort).works
    key = sort.removeprefix("-")
    values: list[Any] = [w.title.lower() if key == "title" else getattr(w, key) for w in works]
    assert values == sorted(values, reverse=sort.startswith("-"))
    assert len(works) == 5


def test_pages_split_the_listing(library: Library) -> None:
    with library.sessions() as session:
        first = list_works(session, sort="title", page=1, per_page=2)
        second = list_works(session, sort="title", page=2, per_page=2)
        third = list_works(session, sort="title", page=3, per_page=2)
    assert (first.total, first.pages) == (5, 3)
    seen = [w.id for page in (first, second, third) for w in page.works]
    assert len(seen) == len(set(seen)) == 5
    assert [w.title for w in first.works] == ["After the Fall of the Tower", "gravel"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ({"sort": "kudos"}, "unknown sort 'kudos'"),
        ({"page": 0}, "page must be"),
        ({"per_page": 501}, "per_page"),
        ({"filters": WorkFilter(include=cast(Any, {"ship": ["A/B"]}))}, r"type\(s\) \['ship'\]"),
    ],
)
def test_bad_listing_requests_say_what_is_wrong(
    library: Library, call: dict[str, object], message: str
) -> None:
    with library.sessions() as session, pytest.raises(LibraryError, match=message):
        list_works(session, **cast(Any, call))
