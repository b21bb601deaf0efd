"""Find chapters in text: ``Chapter 3``, ``Ch. 3: Title``, ``Prologue``, numbered headings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from ficlens.structure.paragraphs import Paragraph
from ficlens.structure.patterns import HeadingMatch, chapter_heading

_MIN_BARE_HEADINGS = 2


@dataclass(frozen=True, slots=True)
class HeadingAt:
    """A chapter heading found at paragraph ``index``."""

    index: int
    match: HeadingMatch


def find_headings(paragraphs: Sequence[Paragraph]) -> list[HeadingAt]:
    """Return the paragraphs that are chapter headings.

    Worded headings (``Chapter 2``, ``Prologue``) count wherever they stand alone. Bare numbers
    (``1.``, ``II``) count only as a sequence of at least two that starts at 0 or 1 and rises,
    since a lone number line is as likely a story beat, and only when most of them have text
    under them (one numbered line after another is a list). ``Part`` headings count only when the
    text has no ``Chapter`` headings (otherwise they are book divisions above chapters).
    """
    worded: list[HeadingAt] = []
    bare: list[HeadingAt] = []
    for index, paragraph in enumerate(paragraphs):
        match = chapter_heading(paragraph.text)
        if match is None:
            continue
        (bare if match.numbered_only else worded).append(HeadingAt(index, match))
    parts = [
        h for h in worded if paragraphs[h.index].text.strip(" -~*=#_").lower().startswith("part")
    ]
    if len(parts) < len(worded):
        worded = [h for h in worded if h not in parts]
    if worded:
        return worded
    numbers = [h.match.number for h in bare]
    rising = all(b is not None and a is not None and b > a for a, b in pairwise(numbers))
    if len(bare) >= _MIN_BARE_HEADINGS and rising and numbers[0] in (0, 1):
        return bare if _sections_have_text(bare, len(paragraphs)) else []
    return []


def _sections_have_text(headings: Sequence[HeadingAt], paragraphs: int) -> bool:
    """Whether most numbered headings have paragraphs under them before the next one.

    ``1. He was afraid of the dark.`` on one line after another is a list fic's items, not
    its chapters: a chapter has text.
    """
    ends = [h.index for h in headings[1:]] + [paragraphs]
    filled = sum(1 for h, end in zip(headings, ends, strict=True) if end - h.index > 1)
    return 2 * filled > len(headings)
