"""What every renderer shares: paragraphs, word counts, chapter labels, ids and story blocks."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator
from html import escape
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ficlens.demo.build import DemoChapter, DemoSource

RULER = "* * *"
"""The scene break that FanFiction.Net and AO3 turn into a horizontal rule."""

AN_LABEL = "A/N:"
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_AN_PREFIX = re.compile(r"^\s*A/N\s*:\s*", re.IGNORECASE)
_WORD = re.compile(r"\w")

BlockKind = Literal["break", "heading", "text"]
Block = tuple[BlockKind, str]


def split_paragraphs(text: str) -> tuple[str, ...]:
    r"""Split text on blank lines into paragraphs, joining the lines inside one with spaces.

    Example:
        >>> split_paragraphs("One.\n\nTwo,\nthree.\n")
        ('One.', 'Two, three.')
    """
    chunks = (" ".join(chunk.split()) for chunk in _BLANK_LINES.split(text.strip()))
    return tuple(chunk for chunk in chunks if chunk)


def without_an_label(paragraph: str) -> str:
    """Drop a leading ``A/N:`` the author already wrote, so it is not doubled.

    Example:
        >>> without_an_label("A/N: Hi everyone!")
        'Hi everyone!'
    """
    return _AN_PREFIX.sub("", paragraph, count=1)


def story_blocks(chapter: DemoChapter) -> Iterator[Block]:
    """Yield a chapter's scene breaks, scene headings and story paragraphs in reading order."""
    for number, scene in enumerate(chapter.scenes):
        if number and scene.break_line:
            yield "break", scene.break_line
        if scene.heading:
            yield "heading", scene.heading
        for paragraph in scene.paragraphs:
            yield "text", paragraph


def story_words(source: DemoSource) -> int:
    """Count the words of the story text (scene paragraphs; not notes, breaks or headings).

    A word is a whitespace-separated token holding at least one letter or digit, so dashes
    standing alone are not counted.
    """
    return sum(
        1
        for chapter in source.chapters
        for kind, text in story_blocks(chapter)
        if kind == "text"
        for token in text.split()
        if _WORD.search(token)
    )


def chapter_label(number: int, title: str) -> str:
    """AO3's and FanFicFare's chapter heading: ``Chapter 2: Title`` or ``Chapter 2``."""
    return f"Chapter {number}: {title}" if title else f"Chapter {number}"


def head_notes(source: DemoSource, chapter_index: int) -> tuple[str, ...]:
    """Paragraphs of the notes before a chapter; the first chapter also gets the work's notes."""
    work = split_paragraphs(source.notes) if chapter_index == 0 else ()
    return work + split_paragraphs(source.chapters[chapter_index].notes)


def foot_notes(source: DemoSource, chapter_index: int) -> tuple[str, ...]:
    """Paragraphs of the notes after a chapter; the last chapter also gets the work's end notes."""
    own = split_paragraphs(source.chapters[chapter_index].end_notes)
    last = chapter_index == len(source.chapters) - 1
    return own + (split_paragraphs(source.end_notes) if last else ())


def stable_number(text: str, digits: int) -> int:
    """A number of exactly ``digits`` digits derived from ``text`` (for fake site ids)."""
    low = int(10 ** (digits - 1))
    return low + zlib.crc32(text.encode("utf-8")) % (9 * low)


def ao3_work_id(source: DemoSource) -> int:
    """The work's (made-up, stable) AO3 id."""
    return stable_number(f"ao3:{source.slug}", 8)


def ao3_work_url(source: DemoSource) -> str:
    """The work's (made-up, stable) AO3 address."""
    return f"https://archiveofourown.org/works/{ao3_work_id(source)}"


def html_paragraphs(paragraphs: Iterable[str]) -> str:
    """Escape each paragraph and wrap it in ``<p>``, one per line."""
    return "".join(f"<p>{escape(paragraph)}</p>\n" for paragraph in paragraphs)


def ao3_block_html(block: Block) -> str:
    """One story block as AO3 writes it: rulers as ``<hr />``, other breaks centred."""
    kind, text = block
    if kind == "break":
        return "<hr />\n" if text == RULER else f'<p align="center">{escape(text)}</p>\n'
    if kind == "heading":
        return f'<p align="center"><em>{escape(text)}</em></p>\n'
    return f"<p>{escape(text)}</p>\n"


def ao3_story_html(chapter: DemoChapter) -> str:
    """A chapter's story text as AO3's ``div.userstuff`` holds it (without the div)."""
    return "".join(ao3_block_html(block) for block in story_blocks(chapter))
