"""Archive of Our Own: downloaded HTML (multi-chapter and one-shot) and saved work pages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import ficlens


def _notes(work: ficlens.Work) -> list[tuple[str, int | None, str]]:
    return [(n.kind, n.chapter, n.span.of(work.text)) for n in work.notes]


@pytest.fixture
def download(fixture_path: Callable[[str], Path]) -> ficlens.Work:
    return ficlens.read(fixture_path("ao3_download_multichapter.html"))


@pytest.fixture
def oneshot(fixture_path: Callable[[str], Path]) -> ficlens.Work:
    return ficlens.read(fixture_path("ao3_download_oneshot.html"))


@pytest.fixture
def page(fixture_path: Callable[[str], Path]) -> ficlens.Work:
    return ficlens.read(fixture_path("ao3_work_page.html"))


def test_download_is_recognised(download: ficlens.Work) -> None:
    assert (download.source.format, download.source.flavour) == ("html", "ao3")


def test_download_typed_tags_land_in_their_fields(download: ficlens.Work) -> None:
    meta = download.metadata
    assert meta.rating == "Teen And Up Audiences"
    assert meta.warnings == ("No Archive Warnings Apply",)
    assert meta.categories == ("F/M", "Gen")
    assert meta.fandoms == ("Tidewater Chronicles",)
    assert meta.relationships == ("Wren/Tobias Vane",)
    assert meta.characters == ("Wren", "Tobias Vane", "The Harbourmaster")
    assert meta.freeforms == ("Slow Burn", "Lighthouses", "Bookkeeping as a Love Language")
    assert meta.language == "English"


def test_download_preface_fields(download: ficlens.Work) -> None:
    meta = download.metadata
    assert meta.title == "The Lighthouse Ledger"
    assert meta.authors == ("Marrow_and_Moss",)
    assert meta.summary == "Wren keeps the lighthouse accounts. Tobias keeps losing the receipts."
    assert meta.published == "2026-11-01"
    assert meta.updated == "2026-11-20"
    assert meta.words == 1234
    assert meta.chapters == "2/2"
    assert meta.status == "complete"
    assert meta.site == "ao3"
    assert meta.source_url == "http://archiveofourown.org/works/55501234"


def test_download_notes_have_kinds_and_chapters(download: ficlens.Work) -> None:
    assert _notes(download) == [
        (
            "summary",
            None,
            "Wren keeps the lighthouse accounts. Tobias keeps losing the receipts.",
        ),
        (
            "author_before",
            None,
            "WORK-NOTE: This started as a joke about double-entry bookkeeping and got away "
            "from me.",
        ),
        (
            "author_before",
            1,
            "CH1-NOTE: The lighthouse is invented; please do not look for it on a map.",
        ),
        ("author_after", 1, "CH1-END: Next time, the receipts are found."),
        (
            "author_after",
            None,
            "WORK-END: Thank you for reading about lighthouse bookkeeping of all things.",
        ),
    ]
    assert all(n.method == "markup" for n in download.notes)


def test_download_each_note_appears_once_in_the_text(download: ficlens.Work) -> None:
    for marker in ("WORK-NOTE", "CH1-NOTE", "CH1-END", "WORK-END"):
        assert download.text.count(marker) == 1, marker


def test_download_chapters(download: ficlens.Work) -> None:
    text = download.text
    chapters = [(c.index, c.number, c.title, c.kind) for c in download.chapters]
    assert chapters == [(1, 1, "Low Tide", "chapter"), (2, 2, "High Water", "chapter")]
    assert download.metadata.chapter_titles == ("Chapter 1: Low Tide", "Chapter 2: High Water")
    first, second = download.chapters
    assert first.heading_span is not None
    assert first.heading_span.of(text) == "Chapter 1: Low Tide"
    assert [len(c.scenes) for c in download.chapters] == [2, 1]  # the <hr> splits chapter 1
    assert first.scenes[1].segments[0].of(text).startswith("At dusk she lit the lamp")
    assert second.scenes[0].segments[-1].of(text).endswith("entirely in order.")


def test_download_template_text_never_reaches_the_text(download: ficlens.Work) -> None:
    text = download.text
    for chrome in (
        "Posted originally",
        "Preface",
        "Afterword",
        "Chapter Notes",
        "End Notes",
        "See the end of the",
        "drop by the archive",
        "Teen And Up",
        "STYLE-SENTINEL",
    ):
        assert chrome not in text, chrome


def test_download_story_is_not_inside_any_note(download: ficlens.Work) -> None:
    assert len(download.scenes) == 3  # two in chapter 1, one in chapter 2
    assert len(download.notes) == 5  # summary, two notes before, two after
    for scene in download.scenes:
        for segment in scene.segments:
            assert not any(n.span.overlaps(segment) for n in download.notes)
            assert not any(m in segment.of(download.text) for m in ("NOTE:", "-END:"))


def test_one_chapter_download(oneshot: ficlens.Work) -> None:
    meta = oneshot.metadata
    assert oneshot.source.flavour == "ao3"
    assert meta.title == "Salt on the Sill"
    assert meta.rating == "General Audiences"
    assert meta.characters == ("Wren",)
    assert meta.status == "complete"
    assert meta.words == 96
    assert oneshot.notes == ()
    [chapter] = oneshot.chapters
    assert chapter.heading_span is None
    [scene] = chapter.scenes
    assert scene.segments[0].of(oneshot.text).startswith("Wren left a line of salt")
    assert oneshot.text.endswith("poured the salt anyway.")


def test_work_page_is_recognised(page: ficlens.Work) -> None:
    assert (page.source.format, page.source.flavour) == ("html", "ao3")


def test_work_page_typed_tags(page: ficlens.Work) -> None:
    meta = page.metadata
    assert meta.rating == "Mature"
    assert meta.warnings == ("Creator Chose Not To Use Archive Warnings",)
    assert meta.categories == ("F/F",)
    assert meta.fandoms == ("Hollowmere (Invented)",)
    assert meta.relationships == ("Ada Quill/Mira Fenn",)
    assert meta.characters == ("Ada Quill", "Mira Fenn")
    assert meta.freeforms == ("Apples", "Counting")
    assert meta.language == "English"


def test_work_page_fields(page: ficlens.Work) -> None:
    meta = page.metadata
    assert meta.title == "The Orchard Census"
    assert meta.authors == ("fernwhistle",)
    assert meta.summary == (
        "Two surveyors are sent to count every apple tree in a valley that does not want to be "
        "counted."
    )
    assert meta.words == 2048
    assert meta.chapters == "2/3"
    assert meta.status == "in_progress"
    assert meta.published == "2026-09-14"
    assert meta.source_url == "https://archiveofourown.org/works/66600011"


def test_work_page_landmark_heading_is_not_text(page: ficlens.Work) -> None:
    assert "Chapter Text" not in page.text
    assert "Main Content" not in page.text
    assert "SCRIPT_SENTINEL" not in page.text


def test_work_page_chapters(page: ficlens.Work) -> None:
    titles = [(c.number, c.title) for c in page.chapters]
    assert titles == [(1, "Tree Ninety"), (2, "The Stump Question")]
    assert page.metadata.chapter_titles == (
        "Chapter 1: Tree Ninety",
        "Chapter 2: The Stump Question",
    )
    text = page.text
    first, second = page.chapters
    assert first.heading_span is not None
    assert first.heading_span.of(text) == "Chapter 1: Tree Ninety"  # no space before the colon
    assert first.scenes[0].segments[0].of(text).startswith("Ada counted aloud.")
    assert second.scenes[-1].segments[-1].of(text).endswith("underlined it twice.")


def test_work_page_notes(page: ficlens.Work) -> None:
    assert _notes(page) == [
        (
            "summary",
            None,
            "Two surveyors are sent to count every apple tree in a valley that does not want to "
            "be counted.",
        ),
        (
            "author_before",
            None,
            "PAGE-NOTE: Written for a friend who once tried to count an orchard and lost track "
            "at ninety.",
        ),
        ("author_before", 1, "PAGE-CH1-NOTE: Ada is the tall one."),
        ("author_after", 1, "PAGE-CH1-END: The disagreement about trees continues next week."),
        ("author_after", None, "PAGE-WORK-END: One chapter left. The orchard wins."),
    ]
