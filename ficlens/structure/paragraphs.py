"""Split a stretch of text into paragraphs with exact offsets.

A fic's paragraphs are separated by blank lines, or (when pasted from some sites) each line is
its own paragraph. Lines that are structural on their own (breaks, headings, author's-note
openers) always start a paragraph of their own, even without a blank line before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ficlens.model import Span
from ficlens.structure.patterns import (
    chapter_heading,
    is_landmark,
    is_scene_break,
    starts_note,
    time_heading,
)

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_BLANK_SEPARATED_SHARE = 0.5
_WRAPPED_SHARE = 0.03
_WRAP_WIDTH = 100


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph: its span (without surrounding whitespace) and the blank lines before it."""

    span: Span
    gap_before: int
    text: str


@dataclass(frozen=True, slots=True)
class _Line:
    span: Span
    text: str
    gap_before: int


def _lines(text: str, region: Span) -> list[_Line]:
    lines: list[_Line] = []
    gap = 0
    offset = region.start
    for match in _LINE.finditer(text, region.start, region.end):
        raw = match.group()
        if not raw:
            break
        content = raw.rstrip("\r\n")
        stripped = content.strip()
        if not stripped:
            gap += 1
        else:
            start = offset + (len(content) - len(content.lstrip()))
            lines.append(_Line(Span(start, start + len(stripped)), stripped, gap))
            gap = 0
        offset += len(raw)
        if offset >= region.end:
            break
    return lines


def _blank_separated(lines: list[_Line]) -> bool:
    """Whether blank lines separate paragraphs (else every line is a paragraph).

    Most lines start after a blank line when paragraphs are one line each with blank lines
    between. Hard-wrapped prose (Project Gutenberg, old archives) has few blank lines per
    line, but its lines are short: 90% of them fit in 100 characters.
    """
    if len(lines) < 2:
        return True
    share = sum(1 for line in lines[1:] if line.gap_before) / (len(lines) - 1)
    if share >= _BLANK_SEPARATED_SHARE:
        return True
    lengths = sorted(len(line.text) for line in lines)
    wrapped = lengths[int(0.9 * (len(lengths) - 1))] <= _WRAP_WIDTH
    return share >= _WRAPPED_SHARE and wrapped


def _stands_alone(line: str) -> bool:
    """Whether a line is a paragraph of its own, whatever the lines beside it.

    A scene break, a heading, a note's opening, or a heading of the AO3 page the text was
    copied from (``Work Text:``, with the story's first line right under it).
    """
    return (
        is_scene_break(line)
        or chapter_heading(line) is not None
        or time_heading(line) is not None
        or starts_note(line)
        or is_landmark(line)
    )


def split_paragraphs(text: str, region: Span | None = None) -> list[Paragraph]:
    r"""Return the paragraphs of ``text[region]`` in order.

    Example:
        >>> text = "Chapter 1\nIt rained.\nAll day.\n\nThe end.\n\nReally."
        >>> [p.text for p in split_paragraphs(text)]
        ['Chapter 1', 'It rained.\nAll day.', 'The end.', 'Really.']
    """
    region = region or Span(0, len(text))
    lines = _lines(text, region)
    if not lines:
        return []
    blank_separated = _blank_separated(lines)
    paragraphs: list[Paragraph] = []
    group: list[_Line] = []

    def close() -> None:
        if group:
            span = Span(group[0].span.start, group[-1].span.end)
            paragraphs.append(Paragraph(span, group[0].gap_before, text[span.start : span.end]))
            group.clear()

    for line in lines:
        alone = _stands_alone(line.text)
        if (
            not blank_separated
            or line.gap_before
            or alone
            or (group and _stands_alone(group[-1].text))
        ):
            close()
        group.append(line)
    close()
    return paragraphs
