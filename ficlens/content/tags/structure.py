"""Structural evidence: headings, scenes and chapters that fire a tag on their own.

:func:`find_headings` collects every heading-like line of a work once (scene and chapter
headings, chapter titles, paragraphs that read as a time-skip, flashback or chapter heading,
never dialogue); :func:`structure_hits` gives the spans that show a tag's
:class:`~ficlens.content.tags.schema.StructureRule`: a matching heading, or a scene or chapter
of one of its kinds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ficlens.content.tags.schema import StructureRule, TagRule
from ficlens.content.tags.sentences import first_sentence
from ficlens.model import Chapter, Scene, Span
from ficlens.structure.patterns import chapter_heading, strip_decoration, time_heading

_MAX_HEADING_CHARS = 120
_QUOTES = "\"'“”‘’«»„"


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading-like line of the work: its text, where it is, and what kind it opens."""

    text: str
    span: Span
    scene_kind: str | None = None
    chapter_kind: str | None = None


def find_headings(
    text: str,
    paragraphs: Sequence[Span],
    scenes: Sequence[Scene],
    chapters: Sequence[Chapter],
) -> list[Heading]:
    """Every heading of the work: scene and chapter headings, and heading-like paragraphs."""
    found: list[Heading] = []
    for scene in scenes:
        if scene.heading and not _quoted(text, scene.heading_span):
            span = scene.heading_span or first_sentence(text, scene.span)
            found.append(Heading(scene.heading, span, scene_kind=scene.kind))
    for chapter in chapters:
        if chapter.heading_span is not None:
            line = strip_decoration(chapter.heading_span.of(text))
            found.append(Heading(line, chapter.heading_span, chapter_kind=chapter.kind))
        if chapter.title and chapter.heading_span is not None:
            found.append(Heading(chapter.title, chapter.heading_span, chapter_kind=chapter.kind))
    for paragraph in paragraphs:
        heading = _paragraph_heading(text, paragraph)
        if heading is not None:
            found.append(heading)
    return found


def _quoted(text: str, span: Span | None) -> bool:
    """Whether a line opens with a quotation mark: dialogue ("Then what?"), not a heading."""
    return span is not None and span.of(text).lstrip()[:1] in _QUOTES


def _paragraph_heading(text: str, paragraph: Span) -> Heading | None:
    """A paragraph that reads as a heading line (time skip, flashback, chapter), else ``None``.

    Only its words count: the kind the structure rules would guess from a lone line ("Then
    what?" reads like a flashback heading) is left to the structure stage's scenes.
    """
    line = paragraph.of(text)
    if len(line) > _MAX_HEADING_CHARS or "\n" in line.strip() or _quoted(text, paragraph):
        return None
    if time_heading(line) is None and chapter_heading(line) is None:
        return None
    return Heading(strip_decoration(line), paragraph)


def _heading_matches(
    rule: StructureRule, exclude: re.Pattern[str] | None, heading: Heading
) -> bool:
    """Whether a heading shows the rule: its kind or its words, and no ``exclude`` pattern."""
    if exclude is not None and exclude.search(heading.text):
        return False
    if heading.scene_kind in rule.scene_kinds or heading.chapter_kind in rule.chapter_kinds:
        return True
    return rule.headings is not None and rule.headings.search(heading.text) is not None


def structure_hits(
    rule: TagRule,
    text: str,
    headings: Sequence[Heading],
    scenes: Sequence[Scene],
    chapters: Sequence[Chapter],
) -> list[Span]:
    """The spans that show a tag's structural rule: headings, scenes and chapters."""
    structure = rule.structure
    if structure is None:
        return []
    spans = [
        heading.span for heading in headings if _heading_matches(structure, rule.exclude, heading)
    ]
    for scene in scenes:
        if scene.kind in structure.scene_kinds and scene.heading is None:
            spans.append(first_sentence(text, scene.segments[0] if scene.segments else scene.span))
    for chapter in chapters:
        if chapter.kind in structure.chapter_kinds and chapter.heading_span is None:
            spans.append(first_sentence(text, chapter.span))
    return sorted(set(spans))
