"""Which named character a content cue is said of: the name right before or right after it.

A lexicon cue (*died*, *was fifteen*) says nothing of whom it is about. Within its sentence, a
name is taken as the cue's subject or object only when it is plainly so: at most a few words
away, with no clause break (comma, dash, colon, bracket, quotation mark) and no pronoun between.
In *Harry held him as he died* the name nearest the cue is someone else's, so no one is named.
Names are the cast's named mentions, ``(span, character id)``, in text order.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from ficlens.model import Span

Mentions = Sequence[tuple[Span, str]]

BEFORE_WORDS = 3
"""A name owns a cue after it only this many words away or closer."""
AFTER_WORDS = 2
"""A name owns a cue before it only this many words away or closer (``killed poor Cedric``)."""

_WORD = re.compile(r"[\w'’]+")
_BREAK = re.compile(r"[,;:()\"“”—–!?]")
_PRONOUN = frozenset("he she they him her them his hers their i me you we".split())
_PLUPERFECT = re.compile(r"\bhad\b|['’]d\b", re.I)
_OWNED = re.compile(r"['’]s?\s")
_POSSESSIVE = re.compile(r"['’]s?\s+(?:\w+\s+)?")


def inside(sentence: Span, mentions: Mentions, starts: Sequence[int] | None = None) -> Mentions:
    """The mentions within a sentence (the cast's mentions are in text order).

    ``starts``, the mentions' start offsets, saves recomputing them for each sentence.

    Example:
        >>> names = [(Span(0, 4), "c1"), (Span(10, 14), "c2"), (Span(30, 34), "c1")]
        >>> [ident for _, ident in inside(Span(8, 20), names)]
        ['c2']
    """
    if starts is None:
        starts = [span.start for span, _ in mentions]
    return mentions[bisect_left(starts, sentence.start) : bisect_left(starts, sentence.end)]


def close(between: str, most: int) -> bool:
    """Whether text between a name and a cue keeps them together: few words, no break.

    Example:
        >>> close(" was ", 3), close(", who was kind, ", 3), close(" held him as he ", 3)
        (True, False, False)
    """
    found = [w.lower() for w in _WORD.findall(between)]
    return len(found) <= most and not _BREAK.search(between) and not _PRONOUN.intersection(found)


def pluperfect(between: str) -> bool:
    """``had died``, ``she'd been``: backstory, told rather than shown."""
    return _PLUPERFECT.search(between) is not None


def owned(after_name: str) -> bool:
    """Whether a name is a possessive (``Molly's brothers``): then the cue is of the thing."""
    return _OWNED.match(after_name) is not None


def name_before(text: str, cue: Span, names: Mentions, most: int = BEFORE_WORDS) -> str | None:
    """The character named right before the cue (``Fred died``, ``Harry was fifteen``)."""
    before = [(span, ident) for span, ident in names if span.end <= cue.start]
    if not before:
        return None
    span, ident = before[-1]
    between = text[span.end : cue.start]
    if owned(between) or pluperfect(between):
        return None
    return ident if close(between, most) else None


def name_after(
    text: str, cue: Span, names: Mentions, sentence_end: int, most: int = AFTER_WORDS
) -> str | None:
    """The character named right after the cue (``killed Cedric``, ``fifteen-year-old Ginny``)."""
    after = [(span, ident) for span, ident in names if span.start >= cue.end]
    if not after:
        return None
    span, ident = after[0]
    if owned(text[span.end : sentence_end]):
        return None
    return ident if close(text[cue.end : span.start], most) else None


def possessor(text: str, cue: Span, names: Mentions) -> str | None:
    """The character whose possessive name comes right before the cue.

    ``Fred's corpse``, ``Tonks's lifeless body``: one word may come between.
    """
    before = [(span, ident) for span, ident in names if span.end <= cue.start]
    if before and _POSSESSIVE.fullmatch(text[before[-1][0].end : cue.start]):
        return before[-1][1]
    return None
