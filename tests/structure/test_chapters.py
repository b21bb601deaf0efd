"""Chapters found in plain text: worded, spelled, decorated, named and numbered-only headings."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

import pytest

from ficlens.model import Work

BuildText = Callable[..., Work]

STORY_1 = "The orchard gate had been painted green so many times it no longer fully closed."
STORY_2 = "Inside, the pears were ripening in the wrong order, which worried the gardener."
STORY_3 = "By the first frost he had stopped arguing with the pears and started a ledger."


def _headings(work: Work) -> list[str]:
    return [c.heading_span.of(work.text) for c in work.chapters if c.heading_span is not None]


@pytest.mark.parametrize(
    ("first", "kind", "number", "title"),
    [
        pytest.param("Chapter 3", "chapter", 3, None, id="chapter-digit"),
        pytest.param("Chapter Three", "chapter", 3, None, id="chapter-word"),
        pytest.param("CHAPTER 3", "chapter", 3, None, id="upper-case"),
        pytest.param("Ch. 3: The Gate", "chapter", 3, "The Gate", id="ch-dot-title"),
        pytest.param("~Chapter 3~", "chapter", 3, None, id="tildes"),
        pytest.param("Chapter XII", "chapter", 12, None, id="roman"),
        pytest.param("Prologue", "prologue", None, "Prologue", id="prologue"),
        pytest.param("Epilogue", "epilogue", None, "Epilogue", id="epilogue"),
        pytest.param("Interlude", "interlude", None, "Interlude", id="interlude"),
        pytest.param("Prologue: The Seed", "prologue", None, "The Seed", id="prologue-title"),
    ],
)
def test_heading_forms(
    build_text: BuildText,
    story_lost: Callable[[Work], str],
    first: str,
    kind: str,
    number: int | None,
    title: str | None,
) -> None:
    work = build_text(f"{first}\n\n{STORY_1}\n\n{STORY_2}\n\nChapter 4: Frost\n\n{STORY_3}")
    one, two = work.chapters
    assert (one.index, one.kind, one.number, one.title) == (1, kind, number, title)
    assert (two.index, two.kind, two.number, two.title) == (2, "chapter", 4, "Frost")
    assert _headings(work) == [first, "Chapter 4: Frost"]
    assert one.scenes[0].segments[0].of(work.text) == f"{STORY_1}\n\n{STORY_2}"
    assert two.scenes[0].segments[0].of(work.text) == STORY_3
    assert story_lost(work) == ""


def test_chapter_spans_cover_heading_and_story_in_order(build_text: BuildText) -> None:
    work = build_text(
        f"Chapter 1\n\n{STORY_1}\n\nChapter 2\n\n{STORY_2}\n\nChapter 3\n\n{STORY_3}\n"
    )
    spans = [c.span for c in work.chapters]
    assert [c.number for c in work.chapters] == [1, 2, 3]
    for chapter in work.chapters:
        assert chapter.heading_span is not None
        assert chapter.span.start == chapter.heading_span.start
        assert chapter.span.of(work.text) == chapter.span.of(work.text).strip()
    for left, right in pairwise(spans):
        assert left.end <= right.start
    assert spans[-1].end == len(work.text.rstrip())


def test_numbered_only_headings_in_sequence(build_text: BuildText) -> None:
    work = build_text(f"1.\n\n{STORY_1}\n\n2.\n\n{STORY_2}\n\n3.\n\n{STORY_3}")
    assert [(c.number, c.title) for c in work.chapters] == [(1, None), (2, None), (3, None)]
    assert _headings(work) == ["1.", "2.", "3."]


def test_numbered_headings_with_titles(build_text: BuildText) -> None:
    work = build_text(f"1. The Gate\n\n{STORY_1}\n\n2. The Pears\n\n{STORY_2}")
    assert [(c.number, c.title) for c in work.chapters] == [(1, "The Gate"), (2, "The Pears")]


@pytest.mark.parametrize(
    "numbers",
    [
        pytest.param(["1."], id="lone-number"),
        pytest.param(["3.", "4."], id="not-starting-at-one"),
        pytest.param(["1.", "1."], id="not-rising"),
    ],
)
def test_numbers_that_are_not_a_chapter_sequence(build_text: BuildText, numbers: list[str]) -> None:
    parts = [STORY_1]
    for number, story in zip(numbers, [STORY_2, STORY_3], strict=False):
        parts += [number, story]
    work = build_text("\n\n".join(parts))
    [chapter] = work.chapters
    assert chapter.heading_span is None
    assert chapter.number is None


def test_a_numbered_list_is_story_text_not_chapters(build_text: BuildText) -> None:
    # A list fic: each numbered line is an item, with no text under it before the next.
    items = "\n".join(
        [
            "Five things Harry never told Ron:",
            "1. He liked the garden at Privet Drive.",
            "2. He was afraid of the dark.",
            "3. He kept the Howler.",
            "4. Quidditch scared him.",
            "5. He misses Sirius every day.",
        ]
    )
    work = build_text(items)
    [chapter] = work.chapters
    assert chapter.heading_span is None
    assert "He was afraid of the dark." in work.text[chapter.span.start : chapter.span.end]
    # the same numbers with a paragraph under each are chapters
    sections = "\n\n".join(f"{n}. Item\n\n{story}" for n, story in ((1, STORY_1), (2, STORY_2)))
    assert [c.number for c in build_text(sections).chapters] == [1, 2]


def test_sentence_starting_with_chapter_is_not_a_heading(build_text: BuildText) -> None:
    sentence = "Chapter three was the hardest part."
    work = build_text(f"Chapter 1\n\n{STORY_1}\n\n{sentence}\n\n{STORY_2}")
    [chapter] = work.chapters
    assert chapter.number == 1
    assert sentence in chapter.scenes[0].segments[0].of(work.text)


def test_text_without_headings_is_one_untitled_chapter(build_text: BuildText) -> None:
    work = build_text(f"{STORY_1}\n\n{STORY_2}")
    [chapter] = work.chapters
    assert (chapter.index, chapter.title, chapter.number, chapter.heading_span) == (
        1,
        None,
        None,
        None,
    )
    assert chapter.span.of(work.text) == work.text


def test_story_before_the_first_heading_is_its_own_chapter(build_text: BuildText) -> None:
    opening = " ".join([STORY_1, STORY_2, STORY_3])  # over thirty words: story, not a preface
    work = build_text(f"{opening}\n\nChapter 2\n\n{STORY_3}")
    first, second = work.chapters
    assert (first.number, first.heading_span) == (None, None)
    assert first.scenes[0].segments[0].of(work.text) == opening
    assert second.number == 2


def test_part_headings_are_divisions_when_chapters_exist(build_text: BuildText) -> None:
    work = build_text(
        f"Part One\n\nChapter 1\n\n{STORY_1}\n\nChapter 2\n\n{STORY_2}\n\nPart Two\n\n"
        f"Chapter 3\n\n{STORY_3}"
    )
    assert [c.number for c in work.chapters] == [1, 2, 3]


def test_part_headings_are_chapters_when_alone(build_text: BuildText) -> None:
    work = build_text(f"Part One\n\n{STORY_1}\n\nPart Two\n\n{STORY_2}")
    assert [c.number for c in work.chapters] == [1, 2]


def test_chapter_notes_belong_to_their_chapter(build_text: BuildText) -> None:
    work = build_text(
        f"Chapter 1\n\nA/N: first!\n\n{STORY_1}\n\nChapter 2\n\nA/N: second!\n\n{STORY_2}\n\n"
        "A/N: see you soon."
    )
    notes = [(n.kind, n.chapter, n.span.of(work.text)) for n in work.notes]
    assert notes == [
        ("author_before", 1, "A/N: first!"),
        ("author_before", 2, "A/N: second!"),
        ("author_after", 2, "A/N: see you soon."),
    ]
    for note in work.notes:
        assert note.chapter is not None
        assert work.chapters[note.chapter - 1].span.contains(note.span)


def test_short_text_before_the_first_heading_is_front_matter_not_lost(
    build_text: BuildText, story_lost: Callable[[Work], str]
) -> None:
    work = build_text(f"For my sister, who hates pears.\n\nChapter 1\n\n{STORY_1}")
    [chapter] = work.chapters
    assert chapter.number == 1
    [note] = work.notes
    assert (note.kind, note.chapter) == ("front_matter", None)
    assert note.span.of(work.text) == "For my sister, who hates pears."
    assert story_lost(work) == ""
