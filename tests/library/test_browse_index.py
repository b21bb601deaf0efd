"""Crossovers, languages and the newer sorts (updated, author), on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any, cast

import pytest
from sqlalchemy import update

from ficlens.demo.build import WORKS_DIR as WORKS
from ficlens.library import (
    UNKNOWN_LANGUAGE,
    LanguageCount,
    Library,
    LibraryError,
    WorkFilter,
    language_counts,
    list_works,
    open_library,
)
from ficlens.library.tables import WorkRow

SHERLOCK = '<a href="https://archiveofourown.org/tags/Sherlock%20%28TV%29/works">Sherlock (TV)</a>'
WHO = '<a href="https://archiveofourown.org/tags/Doctor%20Who/works">Doctor Who</a>'


def crossover_html() -> bytes:
    """Tea at Baker Street retitled, by another author at another URL, with two fandoms."""
    html = (WORKS / "tea-at-baker-street.ao3.html").read_text(encoding="utf-8")
    html = html.replace(f"<dd>{SHERLOCK}</dd>", f"<dd>{SHERLOCK}, {WHO}</dd>")
    html = html.replace("Tea at Baker Street", "Tea in the TARDIS")
    html = html.replace("kettleblack221", "Zeta_writes").replace("91112614", "91112699")
    return html.encode()


# Each work's language as stored for these tests (``None``: no language).
LANGUAGES = {
    "After the Fall of the Tower": "en",
    "Rain on the Bridge": "FR",
    "Tea at Baker Street": "en",
    "The Marauder's Map Is Wrong": None,
    "Tea in the TARDIS": "de",
}
# The stored updated timestamps (re-import times), deliberately not in id or title order.
UPDATED = {
    "After the Fall of the Tower": datetime(2026, 3, 1, tzinfo=UTC),
    "Rain on the Bridge": datetime(2026, 1, 1, tzinfo=UTC),
    "Tea at Baker Street": datetime(2026, 5, 1, tzinfo=UTC),
    "The Marauder's Map Is Wrong": datetime(2026, 2, 1, tzinfo=UTC),
    "Tea in the TARDIS": datetime(2026, 4, 1, tzinfo=UTC),
}


@pytest.fixture(scope="module")
def library(
    module_db_url: str,
    demo_ao3_pages: list[tuple[str, bytes]],
    store_files: Callable[[Library, Iterable[tuple[str, bytes]]], None],
) -> Iterator[Library]:
    """The four demo stories as AO3 saved them plus a Sherlock/Doctor Who crossover."""
    with open_library(module_db_url) as opened:
        store_files(opened, [*demo_ao3_pages, ("tardis.ao3.html", crossover_html())])
        with opened.sessions.begin() as session:
            for title, language in LANGUAGES.items():
                changes = {"language": language, "updated_at": UPDATED[title]}
                session.execute(update(WorkRow).where(WorkRow.title == title).values(**changes))
        yield opened


def titles(library: Library, filters: WorkFilter, sort: str = "title") -> list[str]:
    with library.sessions() as session:
        page = list_works(session, filters, sort=sort, per_page=100)
    assert page.total == len(page.works)
    return [work.title for work in page.works]


def test_the_crossover_declares_two_fandoms(library: Library) -> None:
    with library.sessions() as session:
        works = {w.title: w for w in list_works(session, per_page=100).works}
    assert set(works["Tea in the TARDIS"].tag_names("fandom", "declared")) == {
        "Sherlock (TV)", "Doctor Who"
    }  # fmt: skip
    assert works["Tea at Baker Street"].tag_names("fandom") == ("Sherlock (TV)",)
    # The MCU story declares two fandom tags too, of one canon: it is no crossover.
    assert works["After the Fall of the Tower"].tag_names("fandom", "declared") == (
        "Marvel Cinematic Universe", "Captain America (Movies)"
    )  # fmt: skip


def test_crossover_only_and_exclude(library: Library) -> None:
    assert titles(library, WorkFilter(crossover="only")) == ["Tea in the TARDIS"]
    assert titles(library, WorkFilter(crossover="exclude")) == [
        "After the Fall of the Tower", "Rain on the Bridge", "Tea at Baker Street",
        "The Marauder's Map Is Wrong"
    ]  # fmt: skip
    assert len(titles(library, WorkFilter(crossover=None))) == 5
    # Combined with a tag filter: both Sherlock works, one of them a crossover.
    sherlock = {"fandom": ["Sherlock (TV)"]}
    assert titles(library, WorkFilter(include=sherlock, crossover="exclude")) == [
        "Tea at Baker Street"
    ]
    assert titles(library, WorkFilter(include=sherlock, crossover="only")) == ["Tea in the TARDIS"]


def test_an_unknown_crossover_mode_is_refused(library: Library) -> None:
    with library.sessions() as session, pytest.raises(LibraryError, match="unknown crossover"):
        list_works(session, WorkFilter(crossover=cast(Any, "both")))


def test_language_filter_is_case_blind_and_any_of(library: Library) -> None:
    assert titles(library, WorkFilter(languages=["EN"])) == [
        "After the Fall of the Tower", "Tea at Baker Street"
    ]  # fmt: skip
    assert titles(library, WorkFilter(languages=["fr", "de"])) == [
        "Rain on the Bridge", "Tea in the TARDIS"
    ]  # fmt: skip
    assert titles(library, WorkFilter(languages=[UNKNOWN_LANGUAGE])) == [
        "The Marauder's Map Is Wrong"
    ]
    assert titles(library, WorkFilter(languages=["unknown", "de"])) == [
        "Tea in the TARDIS", "The Marauder's Map Is Wrong"
    ]  # fmt: skip
    assert titles(library, WorkFilter(languages=["ja"])) == []


def test_language_counts_ignore_the_language_choice_but_follow_the_rest(
    library: Library,
) -> None:
    with library.sessions() as session:
        everything = language_counts(session)
        chosen = language_counts(session, WorkFilter(languages=["de"]))
        no_crossovers = language_counts(session, WorkFilter(crossover="exclude"))
    assert everything == (
        LanguageCount("en", 2), LanguageCount("de", 1), LanguageCount("fr", 1),
        LanguageCount("unknown", 1),
    )  # fmt: skip
    assert chosen == everything
    assert no_crossovers == (  # the one crossover is the German one
        LanguageCount("en", 2), LanguageCount("fr", 1), LanguageCount("unknown", 1)
    )  # fmt: skip


@pytest.mark.parametrize("sort", ["updated", "-updated"])
def test_sort_by_date_updated(library: Library, sort: str) -> None:
    expected = sorted(UPDATED, key=UPDATED.__getitem__, reverse=sort.startswith("-"))
    assert titles(library, WorkFilter(), sort=sort) == expected


@pytest.mark.parametrize("sort", ["author", "-author"])
def test_sort_by_first_author_case_blind(library: Library, sort: str) -> None:
    with library.sessions() as session:
        works = list_works(session, sort=sort, per_page=100).works
    firsts = [w.authors[0] for w in works]
    # "Zeta_writes" sorts by its lower case: after "redledgerblues", not before "inkstained...".
    assert firsts == sorted(firsts, key=str.casefold, reverse=sort.startswith("-"))
    assert firsts != sorted(firsts, reverse=sort.startswith("-"))
    assert (firsts[-1] if sort == "author" else firsts[0]) == "Zeta_writes"
