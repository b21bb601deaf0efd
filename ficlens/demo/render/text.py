"""A reader's pasted copy of a FanFiction.Net story: plain UTF-8 text, blank-line paragraphs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ficlens.demo.render.common import (
    AN_LABEL,
    split_paragraphs,
    story_blocks,
    without_an_label,
)

if TYPE_CHECKING:
    from ficlens.demo.build import DemoChapter, DemoSource

_BARE_TITLES = frozenset({"Prologue", "Epilogue"})


def txt_chapter_heading(number: int, title: str) -> str:
    """The heading line of a chapter in pasted text.

    Example:
        >>> txt_chapter_heading(3, "Epilogue"), txt_chapter_heading(2, "")
        ('Epilogue', 'Chapter 2')
    """
    if title in _BARE_TITLES:
        return title
    return f"Chapter {number}: {title}" if title else f"Chapter {number}"


def note_paragraphs(notes: str) -> list[str]:
    """An author's note as pasted paragraphs: the first starts ``A/N: `` (never twice)."""
    paragraphs = list(split_paragraphs(notes))
    if paragraphs:
        paragraphs[0] = f"{AN_LABEL} {without_an_label(paragraphs[0])}"
    return paragraphs


def _front_matter(source: DemoSource) -> Iterator[str]:
    yield f"{source.title}\nby {source.author}"
    yield (f"Summary: {source.summary}\nRating: {source.ffn_rating}\nFandom: {source.ffn_fandom}")
    yield f"Disclaimer: {source.disclaimer}"


def _chapter(source: DemoSource, index: int, chapter: DemoChapter) -> Iterator[str]:
    if len(source.chapters) > 1:
        yield txt_chapter_heading(index + 1, chapter.title)
    if index == 0:
        yield from note_paragraphs(source.notes)
    yield from note_paragraphs(chapter.notes)
    yield from (text for _kind, text in story_blocks(chapter))
    yield from note_paragraphs(chapter.end_notes)
    if index == len(source.chapters) - 1:
        yield from note_paragraphs(source.end_notes)


def render_txt(source: DemoSource) -> bytes:
    """Render the whole work as pasted text: UTF-8, LF newlines, ending in a newline."""
    paragraphs = list(_front_matter(source))
    for index, chapter in enumerate(source.chapters):
        paragraphs.extend(_chapter(source, index, chapter))
    return ("\n\n".join(paragraphs) + "\n").encode("utf-8")
