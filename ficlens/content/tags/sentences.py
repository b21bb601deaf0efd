"""Sentence-sized evidence: the sentence around a hit, cut to ``MAX_EVIDENCE_CHARS``.

Sentences end at ``.``, ``!``, ``?`` or ``…`` (with closing quotes) before whitespace; a longer
sentence is cut to a window around the match, on word boundaries. Lexical hits and structural
hits without a heading both take their evidence from here.
"""

from __future__ import annotations

import re

from ficlens.content.passages import around
from ficlens.model import Span

MAX_EVIDENCE_CHARS = 300
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]*_]*(?=\s|$)")


def sentence_span(text: str, region: Span, match: Span) -> Span:
    """The sentence of ``region`` (a paragraph) around ``match``, at most 300 characters.

    Sentences end at ``.``, ``!``, ``?`` or ``…`` (with closing quotes) before whitespace. A
    longer sentence is cut to a window around the match, on word boundaries.

    Example:
        >>> text = "It rained. She cried all night. Then dawn came."
        >>> sentence_span(text, Span(0, len(text)), Span(15, 20)).of(text)
        'She cried all night.'
    """
    chunk = text[region.start : region.end]
    rel_start, rel_end = match.start - region.start, match.end - region.start
    start, end = 0, len(chunk)
    for boundary in _SENTENCE_END.finditer(chunk):
        if boundary.end() <= rel_start:
            start = boundary.end()
        elif boundary.start() >= rel_end:
            end = boundary.end()
            break
    while start < rel_start and chunk[start].isspace():
        start += 1
    sentence = Span(region.start + start, region.start + end)
    return around(text, sentence, match, MAX_EVIDENCE_CHARS)


def first_sentence(text: str, region: Span) -> Span:
    """The first sentence of a region (a scene without a heading)."""
    chunk = text[region.start : region.end]
    offset = len(chunk) - len(chunk.lstrip())
    point = Span(region.start + offset, region.start + offset)
    return sentence_span(text, region, point)
